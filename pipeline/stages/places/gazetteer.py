"""The gazetteer: rows of ``gazetteer.tsv`` and ``places_extra.tsv``, their name keys and the shared phrase
matcher over them (:class:`pipeline.core.phrases.PhraseMatcher`; built once, then loaded from the user cache)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipeline.core import clitics as cl
from pipeline.core import settings as S
from pipeline.core.lexicon import cached_build, lexicon_path, load_json, load_tsv
from pipeline.core.normalize import norm_key
from pipeline.core.phrases import PhraseMatcher


@dataclass(frozen=True, slots=True)
class Entry:
    pcode: str
    kind: str
    name_ar: str
    name_en: str | None
    admin1: str | None
    admin2: str | None
    admin3: str | None
    lat: float | None
    lon: float | None
    population: int
    coord_source: str
    source: str

    @property
    def hand(self) -> bool:
        return self.source == "rasd-hand"


@dataclass(slots=True)
class Key:
    """One gazetteer key: the rows it names and how."""

    entries: list  # list[tuple[Entry, str]]  (row, spelling of the name that matched)
    mode: str  # "name" | "countryside" | "block"
    weak: bool = False
    dual: bool = False  # ريفي X: the next coordinated name is a countryside too
    facility: bool = False  # also a facility noun (مدرسة): a place only after a trigger word
    local: bool = False  # weak city neighbourhood: also a place when the report names its governorate


# --------------------------------------------------------------------------- data


def _num(s: str) -> float | None:
    try:
        return float(s) if s else None
    except ValueError:
        return None


def _read_stoplist() -> frozenset[str]:
    with open(lexicon_path("place_stoplist.txt"), encoding="utf-8") as fh:
        return frozenset(norm_key(ln) for ln in fh if ln.strip() and not ln.startswith("#"))


@dataclass
class Gazetteer:
    rows: dict  # pcode -> Entry
    keys: dict  # normalized key -> Key
    matcher: PhraseMatcher  # every key, a definite one also in its لل form
    trig_kind: dict  # normalized trigger -> kind
    stop: frozenset
    name_stop: frozenset
    prefixes: frozenset
    dirs: dict  # normalized direction word -> canonical
    coord_trig: frozenset  # dual/plural triggers whose coordinated next name inherits the kind
    adj_suffixes: tuple  # endings of indefinite adjectives that are not names (حدودية)
    weak_rows: frozenset = frozenset()  # pcodes whose bare name is not enough (see weak_entry)
    reported: frozenset = frozenset()  # pcodes a REPORTED hand alias confirms
    cl: "Clitics | None" = None  # the clitic letters place matching reads


@dataclass(frozen=True)
class Clitics:
    """The clitics as place matching reads them (from ``lexicons/clitics.json``)."""

    article: str  # the definite article
    lam: str  # the preposition ل, which drops the article's alef (للرقة)
    conjunctions: str  # letters of the conjunctions (و ف)
    prepositions: str  # letters of the prepositions joined to a name (ب ل ك)
    trigger_prepositions: str  # letters of the prepositions joined to a trigger word (بمدينة، لقرية)
    locative: str  # the preposition that makes a country a place (بتركيا)
    resumptive: str  # the conjunction that joins a name only before its article (فالرقة, not فاطمة)
    countryside: str  # the singular countryside word, which names a countryside place


def weak_entry(e: Entry, reported: set[str]) -> bool:
    """A row whose bare name is not enough: an OCHA community that is neither a sizeable town
    (GeoNames population) nor confirmed by a hand alias, a community with only its subdistrict's
    point, and an OCHA city neighbourhood (many are ordinary words: الشرقي، التقدم)."""
    if e.pcode in reported or e.hand:
        return False
    if e.coord_source == "admin3_centroid":
        return True
    if e.kind == "community":
        return e.population < S.PLACE_WEAK_POPULATION and e.source.startswith("ocha")
    return e.kind == "neighborhood" and e.source.startswith("ocha")


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer and its automaton: built once, then loaded from the user cache (``lexicon.cached_build``)."""
    return cached_build("gazetteer", build_gazetteer)


def build_gazetteer() -> Gazetteer:
    """Load the gazetteer and build the automaton."""
    lex = load_json("place_triggers.json")
    rows, aliases, reported = _load_rows()
    trig_kind = {norm_key(w): kind for kind, words in lex["triggers"].items() if not kind.startswith("_")
                 for w in words}
    stop = _read_stoplist()
    keys = _name_keys(rows, aliases, trig_kind, lex)
    _add_countryside_keys(keys, stop, lex)
    for phrase in lex["not_places"]["phrases"] + lex["generic_nouns"]["words"]:
        keys[norm_key(phrase)] = Key([], "block")
    _mark_weak_keys(keys, stop, reported, lex)
    dirs = {norm_key(w): canon for canon, words in lex["directions"].items() if not canon.startswith("_")
            for w in words}
    return Gazetteer(rows, keys, _matcher(keys), trig_kind, stop,
                     frozenset(norm_key(w) for w in lex["name_stop_words"]),
                     frozenset(norm_key(w) for w in lex["name_prefixes"]), dirs,
                     frozenset(norm_key(w) for w in lex["coordinating_triggers"]["words"]),
                     tuple(norm_key(w) for w in lex["adjective_names"]["suffixes"]),
                     frozenset(p for p, e in rows.items() if weak_entry(e, reported)), frozenset(reported),
                     clitics(lex))


def clitics(lex: dict) -> Clitics:
    """The clitics place matching reads, from the one clitic table (``pipeline.core.clitics``)."""
    return Clitics(cl.ARTICLE, cl.LI, cl.CONJ, cl.PREP, "".join(cl.subset("bi_li")), cl.BI, cl.FA,
                   norm_key(lex["countryside_word"]))


def _load_rows() -> tuple[dict[str, Entry], dict[str, list[str]], set[str]]:
    """The rows (pcode -> Entry), every name of each row (its aliases too), and the rows a hand alias
    confirms that reports name bare (REPORTED)."""
    rows: dict[str, Entry] = {}
    aliases: dict[str, list[str]] = {}
    reported: set[str] = set()
    for name in ("gazetteer.tsv", "places_extra.tsv"):
        for r in load_tsv(name):
            alts = [a for a in (r.get("alt_names_ar") or "").split("|") if a.strip()]
            if r["kind"] == "alias":
                aliases.setdefault(r["pcode"], []).extend([r["name_ar"], *alts])
                if (r.get("note") or "").startswith("REPORTED"):
                    reported.add(r["pcode"])
                continue
            e = Entry(r["pcode"], r["kind"], r["name_ar"], r.get("name_en") or None, r.get("admin1_pcode") or None,
                      r.get("admin2_pcode") or None, r.get("admin3_pcode") or None, _num(r.get("lat", "")),
                      _num(r.get("lon", "")), int(_num(r.get("population", "")) or 0), r.get("coord_source") or "",
                      r.get("source") or "")
            rows[e.pcode] = e
            aliases.setdefault(e.pcode, []).extend([e.name_ar, *alts])
    return rows, aliases, reported


def _add(keys: dict[str, Key], key: str, entry: Entry, spelled: str, mode: str = "name", dual: bool = False) -> None:
    k = keys.get(key)
    if k is None:
        k = keys[key] = Key([], mode, dual=dual)
    if k.mode != mode:
        return  # a real name wins over a generated countryside key
    if all(e.pcode != entry.pcode for e, _ in k.entries):
        k.entries.append((entry, spelled))


def _name_keys(rows: dict[str, Entry], aliases: dict[str, list[str]], trig_kind: dict[str, str],
               lex: dict) -> dict[str, Key]:
    """Every name and alias of every row as a key; ``مركز X`` also as ``X`` for a subdistrict; a joined
    prefix (كفر نبل / كفرنبل) in both spellings."""
    centre = {norm_key(w) for w in lex["subdistrict_centre"]["words"]}
    joined = [norm_key(w) for w in lex["joined_prefixes"]["words"]]
    keys: dict[str, Key] = {}
    for pcode, names in aliases.items():
        e = rows.get(pcode)
        if e is None:
            continue
        for n in names:
            key = norm_key(n)
            if not key:
                continue
            first = key.split(" ", 1)[0]
            if n is not e.name_ar and first in trig_kind and trig_kind[first] != "camp":
                continue  # "محافظة حلب": the trigger logic handles it
            _add(keys, key, e, n)
            if first in centre and e.kind == "subdistrict" and " " in key:
                _add(keys, key.split(" ", 1)[1], e, n.split(" ", 1)[1])
            for pre in joined:
                if first == pre and " " in key:
                    _add(keys, key.replace(" ", "", 1), e, n.replace(" ", "", 1))
                elif key.startswith(pre) and " " not in key and len(key) > len(pre) + 2:
                    _add(keys, pre + " " + key[len(pre):], e, n[:len(pre)] + " " + n[len(pre):])
    return keys


#: the kinds a countryside (ريف X) is built for: a subdistrict too, since reports name the countryside of
#: its centre town (بريف عين عيسى، بريف دير حافر)
COUNTRYSIDE_KINDS = ("governorate", "district", "subdistrict", "city", "town")


def _add_countryside_keys(keys: dict[str, Key], stop: frozenset, lex: dict) -> None:
    """``ريف X`` (and its dual and plural) for governorates, districts, cities and towns; ``ريف محافظة X``."""
    plain = norm_key(lex["countryside_word"])
    for key in list(keys):
        k = keys[key]
        if k.mode != "name" or key in stop:
            continue
        for e, spelled in k.entries:
            if e.kind in COUNTRYSIDE_KINDS and e.admin1:
                for word in lex["countryside"]:
                    wk = norm_key(word)
                    _add(keys, f"{wk} {key}", e, spelled, mode="countryside", dual=wk != plain)
                    if e.kind == "governorate":  # بريف محافظة حماة: the unit word inside the countryside
                        for unit in lex["countryside_units"]["words"]:
                            _add(keys, f"{wk} {norm_key(unit)} {key}", e, spelled, mode="countryside",
                                 dual=wk != plain)


def _mark_weak_keys(keys: dict[str, Key], stop: frozenset, reported: set[str], lex: dict) -> None:
    """Keys that need a trigger or context: stoplisted, very short, only weak rows; and facility nouns
    (مدرسة، مشفى) that some village is also called: a place only after a trigger."""
    art = cl.ARTICLE
    bare_of = lambda key: key[len(art):] if key.startswith(art) else key  # noqa: E731
    fac_words: set[str] = set()
    for forms in load_json("facilities.json")["types"].values():
        for terms in forms.values():
            for t in terms:
                key = norm_key(t)
                if " " not in key:
                    fac_words.add(bare_of(key))
    for key, k in keys.items():
        if k.mode != "name":
            continue
        bare = bare_of(key)
        if bare in fac_words:
            k.facility = True
        if key in stop or len(bare.replace(" ", "")) <= S.PLACE_SHORT_NAME_LETTERS:
            k.weak = True
        elif all(weak_entry(e, reported) for e, _ in k.entries):
            k.weak = True
            k.local = all(e.kind == "neighborhood" for e, _ in k.entries if not e.hand)


def _matcher(keys: dict[str, Key]) -> PhraseMatcher:
    """The shared matcher over every key (value: the key), a definite key also in its fused لل form
    (للرقة); names take no accusative tanween, and Latin letters match as written."""
    return PhraseMatcher(((key, key) for key in keys), accusative=False, latin=False)
