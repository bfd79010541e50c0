"""Place mentions: gazetteer look-up on the normalized text, resolved to OCHA units.

``find_places(nt) -> list[PlaceMention]``

Data (all in ``lexicons/``): ``gazetteer.tsv`` (generated from OpenSyria / GeoNames /
OCHA, see ``GAZETTEER_SOURCES.md``), ``places_extra.tsv`` (hand-made: neighbourhoods,
regions, camps, missing towns, countries, spelling aliases), ``place_triggers.json``
(trigger words, directions, organization names that hide a place) and
``place_stoplist.txt`` (names that are also common words).

How it works:

1. One Aho-Corasick pass over ``nt.norm`` finds every gazetteer key (names, alternate
   names, ``ريف X`` / ``ريفي X`` countryside keys and blocking organization phrases).
   A hit counts only at word boundaries: on the left only proclitics may stand between
   the previous word boundary and the name (``و ف`` then ``ب ل ك``: ``وبريف``, ``لحلب``,
   ``فالرقة``; ``للرقة`` is ``ل`` + ``الرقة`` with the alef dropped). Longest hits win.
2. **Spans never include clitic letters nor the trigger word** (``بريف دمشق`` gives the
   text ``ريف دمشق``; ``حي جوبر`` gives ``جوبر``), but they do include a direction
   (``ريف حلب الشمالي``, ``شرق حلب``), which also goes to ``extra["direction"]``.
   For ``للرقة`` the span is ``لرقة`` (the second lam stands for the article).
   ``name_ar`` is the gazetteer spelling of the name that matched (an alternate name
   keeps its own spelling: ``الطبقة``, ``المعضمية``); ``ريف X`` gives ``ريف X``.
3. Each hit is resolved among its same-named gazetteer rows by: a trigger word before
   it (``محافظة`` -> governorate, ``حي`` -> neighbourhood ...), a containing unit right
   after it (``حارم بريف إدلب``, ``X في ريف حماة``, ``X بدمشق``, ``X شمال حماة``), the
   governorates named in the sentence and the report, then level and population
   (bare ``الرقة`` is the city).
4. Names that are also common words (stoplist, very short names) and OCHA communities
   that have no point of their own are kept only with a trigger, a containing unit, or
   next to another place of the same governorate in a list (``الشعار والصاخور``).
5. A name the gazetteer lacks but the text marks as a place (``قرية تل الشيح بريف
   حماة``) is still a mention: ``pcode`` None, ``extra["unresolved"] = True``, kind from
   the trigger, admin1 and coordinates from the containing unit.

``geo_precision``: 1 own coordinates, 2 those of a containing district/subdistrict (or an
OCHA community's subdistrict centroid), 3 only the governorate's (every ``ريف X``).
"""
from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick
import regex

from pipeline.core import clitics
from pipeline.core.lexicon import cached_build, lexicon_path, load_json, load_tsv
from pipeline.core.mentions import PlaceMention
from pipeline.core.normalize import NormText, norm_key, spec_fold, undecorate
from pipeline.stages.numbers import is_dual_noun
from pipeline.core.text import WB_L, WB_R, sentences

# clitics this stage reads (named subsets of lexicons/clitics.json)
_CONJ = clitics.cls(clitics.CONJ)
_BI_LI = clitics.cls(clitics.subset("bi_li"))
_BI_LI_LETTERS = "".join(clitics.subset("bi_li"))
_CONJ_BI_LI = "".join(clitics.subset("conj_bi_li"))
_WA_AL = clitics.WA + clitics.ARTICLE

__all__ = ["find_places", "unresolved_names", "Entry", "gazetteer"]

_POPULATED = ("city", "town", "community", "village")
# Output kind (SPEC) for a gazetteer kind.
_OUT_KIND = {"community": "village"}
_KIND_BASE = {"city": 30, "governorate": 28, "town": 26, "country": 25, "district": 22, "region": 21,
              "camp": 20, "subdistrict": 18, "neighborhood": 17, "site": 16, "village": 12, "community": 10}
# Which gazetteer kinds a trigger kind accepts.
_COMPAT = {
    "city": {"city", "town", "community", "village"},
    "town": {"town", "city", "community", "village"},
    "village": {"village", "community", "town"},
    "neighborhood": {"neighborhood"},
    "camp": {"camp"},
    "governorate": {"governorate"},
    "district": {"district", "region", "subdistrict"},
    "subdistrict": {"subdistrict"},
    "site": set(),
}
_DIR_NAMES = {("north", "east"): "northeast", ("north", "west"): "northwest",
              ("south", "east"): "southeast", ("south", "west"): "southwest"}


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
class _Key:
    """One gazetteer key: the rows it names and how."""

    entries: list  # list[tuple[Entry, str]]  (row, spelling of the name that matched)
    mode: str  # "name" | "countryside" | "block"
    weak: bool = False
    dual: bool = False  # ريفي X: the next coordinated name is a countryside too
    facility: bool = False  # also a facility noun (مدرسة): a place only after a trigger word
    local: bool = False  # weak city neighbourhood: also a place when the report names its governorate


@dataclass(slots=True)
class _Hit:
    ns: int  # start of the name (after clitics)
    ne: int
    w: int  # start of the word (clitics included)
    key: _Key
    lam: bool  # matched in the ل+ال form (للرقة)


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
class _Gazetteer:
    rows: dict  # pcode -> Entry
    keys: dict  # normalized key -> _Key
    automaton: Any
    trig_kind: dict  # normalized trigger -> kind
    stop: frozenset
    name_stop: frozenset
    prefixes: frozenset
    dirs: dict  # normalized direction word -> canonical
    coord_trig: frozenset  # dual/plural triggers whose coordinated next name inherits the kind
    adj_suffixes: tuple  # endings of indefinite adjectives that are not names (حدودية)
    weak_rows: frozenset = frozenset()  # pcodes whose bare name is not enough (see _weak_entry)
    reported: frozenset = frozenset()  # pcodes a REPORTED hand alias confirms


def _weak_entry(e: Entry, reported: set[str]) -> bool:
    """A row whose bare name is not enough: an OCHA community that is neither a sizeable town
    (GeoNames population) nor confirmed by a hand alias, a community with only its subdistrict's
    point, and an OCHA city neighbourhood (many are ordinary words: الشرقي، التقدم)."""
    if e.pcode in reported or e.hand:
        return False
    if e.coord_source == "admin3_centroid":
        return True
    if e.kind == "community":
        return e.population < 1000 and e.source.startswith("ocha")
    return e.kind == "neighborhood" and e.source.startswith("ocha")


@lru_cache(maxsize=1)
def gazetteer() -> _Gazetteer:
    """The gazetteer and its automaton: built once, then loaded from the user cache (``lexicon.cached_build``)."""
    return cached_build("gazetteer", _build_gazetteer)


def _build_gazetteer() -> _Gazetteer:
    """Load the gazetteer and build the automaton."""
    lex = load_json("place_triggers.json")
    rows: dict[str, Entry] = {}
    aliases: dict[str, list[str]] = {}
    reported: set[str] = set()  # rows a hand alias confirms that reports name bare (REPORTED)
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

    trig_kind: dict[str, str] = {}
    for kind, words in lex["triggers"].items():
        if kind.startswith("_"):
            continue
        for w in words:
            trig_kind[norm_key(w)] = kind
    stop = _read_stoplist()
    keys: dict[str, _Key] = {}

    def add(key: str, entry: Entry, spelled: str, mode: str = "name", dual: bool = False) -> None:
        k = keys.get(key)
        if k is None:
            k = keys[key] = _Key([], mode, dual=dual)
        if k.mode != mode:
            return  # a real name wins over a generated countryside key
        if all(e.pcode != entry.pcode for e, _ in k.entries):
            k.entries.append((entry, spelled))

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
            add(key, e, n)
            if first == "مركز" and e.kind == "subdistrict" and " " in key:
                add(key.split(" ", 1)[1], e, n.split(" ", 1)[1])
            # كفر نبل / كفرنبل: both spellings
            if first == "كفر" and " " in key:
                add(key.replace(" ", "", 1), e, n.replace(" ", "", 1))
            elif key.startswith("كفر") and " " not in key and len(key) > 5:
                add("كفر " + key[3:], e, n[:3] + " " + n[3:])
    # countryside keys: ريف X for governorates, districts, cities and towns
    for key in list(keys):
        k = keys[key]
        if k.mode != "name" or key in stop:
            continue
        for e, spelled in k.entries:
            if e.kind in ("governorate", "district", "city", "town") and e.admin1:
                for word in lex["countryside"]:
                    wk = norm_key(word)
                    add(f"{wk} {key}", e, spelled, mode="countryside", dual=wk != "ريف")
                    if e.kind == "governorate":  # بريف محافظة حماة: the unit word inside the countryside
                        for unit in lex["countryside_units"]["words"]:
                            add(f"{wk} {norm_key(unit)} {key}", e, spelled, mode="countryside", dual=wk != "ريف")
    for phrase in lex["not_places"]["phrases"] + lex["generic_nouns"]["words"]:
        keys[norm_key(phrase)] = _Key([], "block")

    # facility nouns (مدرسة، مشفى) that some village is also called: a place only after a trigger
    fac_words: set[str] = set()
    for forms in load_json("facilities.json")["types"].values():
        for terms in forms.values():
            for t in terms:
                key = norm_key(t)
                if " " not in key:
                    fac_words.add(key[2:] if key.startswith(clitics.ARTICLE) else key)
    # weak keys: need a trigger or context
    for key, k in keys.items():
        if k.mode != "name":
            continue
        if (key[2:] if key.startswith(clitics.ARTICLE) else key) in fac_words:
            k.facility = True
        bare = key[2:] if key.startswith(clitics.ARTICLE) else key
        if key in stop or len(bare.replace(" ", "")) <= 2:
            k.weak = True
        elif all(_weak_entry(e, reported) for e, _ in k.entries):
            k.weak = True
            k.local = all(e.kind == "neighborhood" for e, _ in k.entries if not e.hand)

    auto = ahocorasick.Automaton()
    for key, k in keys.items():
        auto.add_word(key, (key, False))
        if key.startswith(clitics.ARTICLE) and len(key) > 3:
            auto.add_word("ل" + key[2:], (key, True))
    auto.make_automaton()

    dirs = {}
    for canon, words in lex["directions"].items():
        if canon.startswith("_"):
            continue
        for w in words:
            dirs[norm_key(w)] = canon
    return _Gazetteer(rows, keys, auto, trig_kind, stop, frozenset(norm_key(w) for w in lex["name_stop_words"]),
                      frozenset(norm_key(w) for w in lex["name_prefixes"]), dirs,
                      frozenset(norm_key(w) for w in lex["coordinating_triggers"]["words"]),
                      tuple(norm_key(w) for w in lex["adjective_names"]["suffixes"]),
                      frozenset(p for p, e in rows.items() if _weak_entry(e, reported)), frozenset(reported))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, Any]:
    g = gazetteer()
    lex = load_json("place_triggers.json")
    alt = lambda ws: "|".join(sorted((regex.escape(w) for w in ws), key=len, reverse=True))  # noqa: E731
    trig = alt(g.trig_kind)
    dir_word = alt(w for w in g.dirs if not w.startswith(clitics.ARTICLE))
    dir_adj = alt(w for w in g.dirs if w.startswith(clitics.ARTICLE))
    unres = {norm_key(w): k for k, ws in lex["unresolved_triggers"].items() if not k.startswith("_") for w in ws}
    plural = {norm_key(w): k for k, ws in lex["triggers"].items() if not k.startswith("_")
              for w in ws if norm_key(w) not in unres}
    return {
        # trigger word right before a name's word
        # (an opening quote or bracket may stand between them: بلدة "كفرسجنة"، قرية (التح))
        "trig_before": regex.compile(rf"{WB_L}{_CONJ}?{_BI_LI}?(?P<t>{trig}) ?[\"'«“(]?$"),
        "dir_before": regex.compile(rf"{WB_L}{_CONJ}?(?:ب|في )?(?P<d1>{dir_word}) (?:(?P<d2>{dir_word}) )?$"),
        "dir_after": regex.compile(rf" (?P<d1>{dir_adj}){WB_R}(?: (?P<d2>{dir_adj}){WB_R})?"),
        # what stands between a place and its containing unit
        "contain": regex.compile(
            rf"^ ?,? ?(?:(?:ب|في |من |(?:الواقعه|الواقع) (?:في |ب)|(?:التابعه|التابع) (?:ل|ال)))"
            rf"(?:(?:{trig}) )?$"),
        "country_cue": regex.compile(rf"{WB_L}{_CONJ}?(?:{alt(norm_key(w) for w in lex['country_cues']['words'])}) $"),
        "origin_cue": regex.compile(
            rf"{WB_L}{_CONJ}?(?:{alt(norm_key(w) for w in lex['country_cues']['origin_words']['words'])}) من $"),
        # a counted noun (37 مدرسة); a number then a comma closes the item before (حلب 197, ادلب 75)
        "number_before": regex.compile(r"\d(?:[\d,.]*\d)? ?\Z"),
        # an organization named after the place: مجلس الرقة المدني، المجلس المحلي لمدينة داريا
        "org_before": regex.compile(
            rf"{WB_L}{_CONJ}?{_BI_LI}?(?:{alt(norm_key(w) for w in lex['org_heads']['words'])}) (?:{_BI_LI}|في )?$"),
        # a relation, not a location: مرتبطة بايران، علاقته بتركيا
        "relation_before": regex.compile(
            rf"{WB_L}{_CONJ}?(?:{alt(norm_key(w) for w in lex['country_cues']['relation_words']['words'])}) $"),
        # a label at the start of a line: "سوريا: ..." (headline) or "إدلب - ..." (dateline)
        "label_after": regex.compile(r" ?(?::| [-–] )"),
        "coord": regex.compile(r"^ ?(?:,|و|, ?و)? ?$"),
        "coord_unknown1": regex.compile(r" ?(?:, ?)?و\p{Arabic}+"),
        "coord_unknown": regex.compile(r" ?(?:, ?)?و\p{Arabic}+ \p{Arabic}+"),
        "unres": regex.compile(rf"{WB_L}{_CONJ}?{_BI_LI}?(?P<t>{alt(unres)}) (?=\S)"),
        "plural": regex.compile(rf"{WB_L}{_CONJ}?{_BI_LI}?(?P<t>{alt(plural)}) (?=\S)"),
        "unres_kind": unres,
        "plural_kind": plural,
        "word": regex.compile(r"[^\s,.;:!?()\[\]\"'«»/\\-]+"),
    }


# --------------------------------------------------------------------------- matching

_CLITIC_OK = regex.compile(rf"{_CONJ}?{clitics.cls(clitics.PREP)}?")
_LAM_OK = regex.compile(rf"{_CONJ}?{clitics.LI}")


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"


def _hits(norm: str) -> list[_Hit]:
    g = gazetteer()
    found: list[_Hit] = []
    n = len(norm)
    for end, (key, lam) in g.automaton.iter(norm):
        ne = end + 1
        length = len(key) - 1 if lam else len(key)
        ns = ne - length
        if ne < n and _is_word(norm[ne]):
            continue
        w = ns
        while w > 0 and _is_word(norm[w - 1]):
            w -= 1
        prefix = norm[w:ns]
        if lam:
            if not _LAM_OK.fullmatch(prefix):
                continue
        elif prefix and not _CLITIC_OK.fullmatch(prefix):
            continue
        elif prefix == clitics.FA and not norm.startswith(clitics.ARTICLE, ns):
            continue  # فاطمة is a given name, not ف + اطمة; فالرقة keeps its article
        if prefix and is_dual_noun(norm[w:ne]):
            continue  # برميلان is two barrels, not ب + رميلان
        found.append(_Hit(ns, ne, w, g.keys[key], lam))
    # longest first; on equal spans (وقاح: a weak community, or و + قاح) the strong reading wins
    found.sort(key=lambda h: (-(h.ne - h.w), h.w, h.key.weak))
    taken = bytearray(n + 1)
    out: list[_Hit] = []
    for h in found:
        if any(taken[h.w:h.ne]):
            continue
        taken[h.w:h.ne] = b"\x01" * (h.ne - h.w)
        out.append(h)
    out.sort(key=lambda h: h.ns)
    return [h for h in out if h.key.mode != "block"]


# --------------------------------------------------------------------------- resolution


@dataclass(slots=True)
class _Cand:
    hit: _Hit
    ns: int
    ne: int
    trigger: str | None = None  # kind of the trigger word before
    trig_ns: int | None = None
    direction: str | None = None
    countryside: bool = False
    entry: Entry | None = None
    spelled: str = ""
    container: "_Cand | None" = None
    dual_carry: bool = False
    dir_before: bool = False
    near: "_Cand | None" = None
    accepted: bool = False
    unresolved: bool = False
    blocked: bool = False  # never a place (facility noun, counted noun): not revived by a list
    org: bool = False  # inside an organization's name: also no unresolved reading after its trigger
    ctx: Entry | None = None  # the unit the sentence places an unresolved name in (no container named)


def _direction(g: _Gazetteer, d1: str | None, d2: str | None) -> str | None:
    a = g.dirs.get(d1 or "")
    b = g.dirs.get(d2 or "")
    if a and b:
        return _DIR_NAMES.get((a, b)) or _DIR_NAMES.get((b, a)) or a
    return a


def _score(c: _Cand, e: Entry, sent_a1: set, doc_a1: dict) -> float:
    s = float(_KIND_BASE.get(e.kind, 10))
    if e.kind == "community" and e.coord_source == "own":
        s += 10  # a populated place with its own point beats the subdistrict named after it
    if c.countryside:
        s = {"governorate": 40, "district": 30, "city": 20, "town": 10}.get(e.kind, 0)
    if c.trigger and c.trigger in _COMPAT:
        if e.kind in _COMPAT[c.trigger]:
            s += 50
    ctn = c.container
    if ctn is not None and ctn.entry is not None:
        ce = ctn.entry
        if ce.kind == "country":
            pass
        elif e.admin1 and e.admin1 == ce.admin1:
            s += 100
            if ce.admin2 and e.admin2 == ce.admin2 and ce.kind not in ("governorate",):
                s += 20
        else:
            s -= 100
    if c.near is not None and c.near.entry is not None and e.admin1 == c.near.entry.admin1:
        s += 30
    if e.admin1 in sent_a1:
        s += 15
    if doc_a1.get(e.admin1):
        s += min(8, 2 * doc_a1[e.admin1])
    if e.population:
        s += min(4.0, math.log10(e.population + 1) / 2)
    return s


def _contained_ok(c: _Cand) -> bool:
    """True when the containing unit named after ``c`` agrees with its resolution."""
    ctn = c.container
    if ctn is None or ctn.entry is None or ctn.entry.kind == "country" or c.entry is None:
        return True
    return bool(c.entry.admin1) and c.entry.admin1 == ctn.entry.admin1


def _resolve(norm: str, hits: list[_Hit]) -> list[_Cand]:
    g = gazetteer()
    pat = _patterns()
    cands: list[_Cand] = []
    for h in hits:
        c = _Cand(h, h.ns, h.ne, countryside=h.key.mode == "countryside")
        m = pat["trig_before"].search(norm, max(0, h.w - 14), h.w)
        if m:
            c.trigger = g.trig_kind[m.group("t")]
            c.trig_ns = m.start("t")
        m = pat["dir_after"].match(norm, h.ne)
        if m:
            c.direction = _direction(g, m.group("d1"), m.group("d2"))
            c.ne = m.end()
        if not c.trigger:
            m = pat["dir_before"].search(norm, max(0, h.w - 22), h.w)
            if m:
                c.direction = _direction(g, m.group("d1"), m.group("d2")) or c.direction
                c.ns = m.start("d1")
                c.dir_before = True
        if cands and h.ns < cands[-1].ne:
            continue  # the direction adjective of the previous place (ريف إدلب الجنوبي), not a name
        cands.append(c)

    # dual triggers and ريفي X وY: the coordinated next name inherits
    for a, b in zip(cands, cands[1:]):
        gap = norm[a.ne:b.hit.w]
        if gap.strip(" ") == "" and norm[b.hit.w:b.hit.ns].startswith(clitics.WA):
            if a.hit.key.dual and b.hit.key.mode == "name" and not b.trigger:
                b.countryside = True
                b.dual_carry = True
            elif a.trigger and a.trig_ns is not None and not b.trigger \
                    and norm[a.trig_ns:a.ns].split(" ", 1)[0].lstrip(_CONJ_BI_LI) in g.coord_trig | {
                        w[1:] for w in g.coord_trig if w[0] in _CONJ_BI_LI}:
                b.trigger = a.trigger

    # containment: the next mention right after
    for a, b in zip(cands, cands[1:]):
        gap = norm[a.ne:b.ns] if b.ns >= a.ne else ""
        if b.ns < a.ne:
            continue
        if b.hit.key.weak and not b.trigger and not b.countryside:
            continue  # في شباط: a weak name (a hamlet called after a month) contains nothing
        if pat["contain"].match(gap):
            a.container = b
        elif b.dir_before and gap.strip() == "":
            a.near = b  # X جنوب دمشق: a hint, not a containing unit
        else:
            for m in (pat["coord_unknown1"].match(gap), pat["coord_unknown"].match(gap)):
                if m and pat["contain"].match(gap[m.end():]):
                    a.container = b  # حيي X وY في مدينة Z: Y is not in the gazetteer
                    break

    # a coordinated list shares the unit named after its last name: قريتي X وY بريف حماة
    containers = {id(c.container) for c in cands if c.container is not None}
    for a, b in reversed(list(zip(cands, cands[1:]))):
        if a.countryside or id(a) in containers or a.dir_before:
            continue  # في ريف حماة، وخان شيخون في ريف إدلب: a containing unit ends the list before it
        if a.container is None and b.container is not None and b.ns >= a.ne and pat["coord"].match(
                norm[a.ne:b.hit.w] + (clitics.WA if norm[b.hit.w:b.hit.ns].startswith(clitics.WA) else "")):
            a.container = b.container

    # report- and sentence-level governorates from unambiguous strong names
    doc_a1: dict[str, int] = {}
    for c in cands:
        a1s = {e.admin1 for e, _ in c.hit.key.entries if e.admin1}
        if len(a1s) == 1 and not c.hit.key.weak:
            a1 = a1s.pop()
            doc_a1[a1] = doc_a1.get(a1, 0) + 1
    sents = sentences(norm)

    sent_starts = [s.ns for s in sents]

    def sent_of(pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(sent_starts, pos) - 1
        if i >= 0 and pos < sents[i].ne:
            return sents[i].ns, sents[i].ne
        return pos, pos

    by_sent: dict[tuple[int, int], list[_Cand]] = {}
    for c in cands:
        by_sent.setdefault(sent_of(c.ns), []).append(c)

    # resolve right to left so that a container is resolved before what it contains
    for c in reversed(cands):
        s0, s1 = sent_of(c.ns)
        sent_a1 = {x.entry.admin1 for x in by_sent[(s0, s1)] if x is not c and x.entry is not None
                   and x.entry.admin1}
        entries = c.hit.key.entries
        if c.countryside and not c.dual_carry:
            entries = [(e, sp) for e, sp in entries]
        elif c.dual_carry:
            entries = [(e, sp) for e, sp in entries if e.kind in ("governorate", "district", "city", "town")]
            if not entries:
                c.countryside = False
                entries = c.hit.key.entries
        if c.trigger in (None, "site") and c.container is None and not c.countryside:
            # تركيا the country, not a hamlet of that name: without a trigger or a containing unit,
            # a name that some strong row carries is read as that row
            strong = [es for es in entries if es[0].pcode not in g.weak_rows]
            entries = strong or entries
        best = max(entries, key=lambda es: _score(c, es[0], sent_a1, doc_a1))
        c.entry, c.spelled = best
        if not _contained_ok(c):
            c.unresolved = True

    # acceptance of weak names
    for c in cands:
        k = c.hit.key
        ctn = c.container
        c.accepted = (not k.weak) or c.countryside or c.trigger is not None or (
            ctn is not None and ctn.entry is not None and ctn.entry.kind != "country" and not c.unresolved
            and (not ctn.hit.key.weak or ctn.trigger is not None or ctn.countryside))
        if c.trigger is None and norm[c.hit.ns:c.hit.ne] in g.dirs:
            c.accepted = False  # الحي الشرقي، ريف إدلب الجنوبي والشرقي: a direction, never a bare name
            c.blocked = True
        if c.trigger is None and not c.countryside and (
                k.facility or pat["number_before"].search(norm, max(0, c.hit.w - 12), c.hit.w)):
            c.accepted = False  # a facility noun (37 مدرسة، مدرسة في ...) or a counted noun
            c.blocked = True
    for c in cands:  # مدينة سورية، قرى تركية: a nisba after a settlement trigger, not the country
        if c.entry is not None and c.entry.kind == "country" and c.trigger in (
                "city", "town", "village", "neighborhood", "camp"):
            c.accepted = False
            c.blocked = True
    for c in cands:  # a place that opens an organization's name (مجلس الرقة المدني) is not a place
        ws = c.hit.w
        if c.trigger is not None and c.trig_ns is not None:
            ws = c.trig_ns
            while ws > 0 and _is_word(norm[ws - 1]):
                ws -= 1
        head = norm[max(0, ws - 40):ws] + norm[ws:c.trig_ns if c.trigger and c.trig_ns is not None else c.hit.ns]
        if c.accepted and not c.countryside and not c.dir_before and pat["org_before"].search(head):
            c.accepted = False
            c.blocked = True
            c.org = True
    for c in cands:  # a country is a place after a locative word; otherwise it is usually an actor
        if c.accepted and c.entry is not None and c.entry.kind == "country" and not (
                c.trigger or c.dir_before or ("ب" in norm[c.hit.w:c.hit.ns] and not pat["relation_before"].search(
                    norm, max(0, c.hit.w - 16), c.hit.w))
                or pat["country_cue"].search(norm, max(0, c.hit.w - 12), c.hit.w)
                or pat["origin_cue"].search(norm, max(0, c.hit.w - 16), c.hit.w)
                or ((c.hit.w == 0 or norm[c.hit.w - 1] == "\n") and pat["label_after"].match(norm, c.ne))):
            c.accepted = False
    for c in cands:  # weak names that are not stoplisted: same governorate in the sentence
        if c.accepted or c.blocked or norm[c.hit.ns:c.hit.ne] in g.stop:
            continue
        s0, s1 = sent_of(c.ns)
        if c.entry.admin2 and any(x.accepted and x is not c and x.entry
                                  and x.entry.kind != "governorate" and not x.countryside
                                  and x.entry.admin2 == c.entry.admin2 for x in by_sent[(s0, s1)]):
            c.accepted = True
        elif c.hit.key.local and c.entry.kind == "neighborhood" and doc_a1.get(c.entry.admin1):
            c.accepted = True  # حي X of a city: the report names its governorate elsewhere (جوبر ... دمشق)
    changed = True
    while changed:  # lists: الشعار والصاخور وطريق الباب
        changed = False
        for a, b in zip(cands, cands[1:]):
            if a.accepted == b.accepted or a.entry is None or b.entry is None or a.blocked or b.blocked:
                continue
            gap = norm[a.ne:b.hit.w] + (clitics.WA if norm[b.hit.w:b.hit.ns].startswith(clitics.WA) else "")
            if not pat["coord"].match(gap) or not gap.strip():
                continue  # a list needs its comma or و: two names side by side are not one
            if a.entry.admin1 and a.entry.admin1 == b.entry.admin1:
                a.accepted = b.accepted = True
                changed = True
    _sentence_context(cands, by_sent, sent_of)
    return [c for c in cands if c.accepted or c.org or c.blocked]


_SMALL = ("community", "village", "neighborhood")
_CONTEXT_UNITS = ("governorate", "district", "subdistrict", "city")


def _sentence_context(cands: list[_Cand], by_sent: dict, sent_of) -> None:
    """A village-level name whose every row lies in a governorate the report never names, in a sentence
    whose other places all lie in one other governorate (دير الزور: ... حي الدرعية), is an unresolved
    place of that governorate: the gazetteer lacks the row there, the same-named row elsewhere is wrong."""
    g = gazetteer()
    for c in cands:
        if not c.accepted or c.container is not None or c.unresolved or c.countryside or c.entry is None:
            continue
        if c.entry.kind not in _SMALL and not (c.trigger in ("village", "neighborhood") and c.entry.kind == "town"):
            continue
        if any(e.hand or e.pcode in g.reported for e, _ in c.hit.key.entries):
            continue  # a hand row was added for what reports name: trust it (حي جوبر الدمشقي)
        own = {e.admin1 for e, _ in c.hit.key.entries if e.admin1}
        others = [x for x in by_sent[sent_of(c.ns)] if x is not c and x.accepted and x.entry is not None
                  and x.entry.admin1 and x.entry.kind != "country" and not x.unresolved]
        govs = {x.entry.admin1 for x in others}
        if len(govs) != 1 or govs & own:
            continue
        if any(x.accepted and x.entry is not None and x.entry.admin1 in own and x.hit.key is not c.hit.key
               for x in cands):
            continue
        near = min(others, key=lambda x: abs(x.ns - c.ns))
        ctx = near.entry if near.entry.kind in _CONTEXT_UNITS and not near.countryside else None
        c.unresolved = True
        c.ctx = ctx or g.rows.get(next(iter(govs)))


# --------------------------------------------------------------------------- output


def _admin1(pcode: str | None) -> dict[str, str] | None:
    if not pcode:
        return None
    e = gazetteer().rows.get(pcode)
    if e is None:
        return None
    return {"pcode": e.pcode, "name_ar": e.name_ar, "name_en": e.name_en}


def _coords(e: Entry) -> tuple[float | None, float | None, int | None]:
    """Coordinates of a row and their precision, falling back to a containing unit."""
    rows = gazetteer().rows
    if e.lat is not None and e.lon is not None:
        if e.kind == "country":
            return e.lat, e.lon, 1
        return e.lat, e.lon, 2 if e.coord_source == "admin3_centroid" else 1
    for level, prec in ((e.admin3, 2), (e.admin2, 2), (e.admin1, 3)):
        u = rows.get(level or "")
        if u is not None and u.pcode != e.pcode and u.lat is not None:
            return u.lat, u.lon, prec
    return None, None, None


def _unit_extra(e: Entry) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if e.admin2 and e.kind not in ("governorate", "district"):
        out["admin2"] = e.admin2
    elif e.kind == "district":
        out["admin2"] = e.pcode
    if e.admin3 and e.kind not in ("governorate", "district", "subdistrict"):
        out["admin3"] = e.admin3
    return out


def _mention(norm: str, c: _Cand) -> PlaceMention:
    e = c.entry
    assert e is not None
    extra: dict[str, Any] = {}
    if c.countryside:
        gov = gazetteer().rows.get(e.admin1 or "")
        if e.kind == "governorate" or gov is None:
            lat, lon, prec = (gov.lat, gov.lon, 3) if gov else (None, None, None)
        else:
            lat, lon, prec = e.lat, e.lon, 2
            extra.update(_unit_extra(e))
        base = e.name_ar if e.kind == "governorate" else c.spelled
        name = f"ريف {base}"
        kind = "countryside"
        pcode = e.admin1 if e.kind == "governorate" else e.pcode
        if e.admin1 == "SY03" and e.kind == "governorate":  # ريف ريف دمشق does not exist
            name, kind, pcode = e.name_ar, "governorate", e.pcode
        mention = PlaceMention(c.ns, c.ne, name_ar=name, name_en=f"{e.name_en} countryside" if e.name_en else None,
                               kind=kind, pcode=pcode, admin1=_admin1(e.admin1), lat=lat, lon=lon,
                               geo_precision=prec, extra=extra)
    else:
        lat, lon, prec = _coords(e)
        kind = _OUT_KIND.get(e.kind, e.kind)
        if e.kind in _POPULATED and c.trigger in ("city", "town", "village"):
            kind = c.trigger
        elif e.kind == "community":
            kind = "town" if e.population >= 20000 else "village"
        extra.update(_unit_extra(e))
        # a country's other spellings (سورية، سوريه) are the same name: the row's own
        name = e.name_ar if e.kind == "country" else (c.spelled or e.name_ar)
        mention = PlaceMention(c.ns, c.ne, name_ar=name, name_en=e.name_en, kind=kind,
                               pcode=e.pcode, admin1=_admin1(e.admin1), lat=lat, lon=lon, geo_precision=prec,
                               extra=extra)
    if c.direction:
        mention.extra["direction"] = c.direction
    return mention


def _unresolved_from(nt: NormText, c: _Cand) -> PlaceMention:
    """A hit whose containing unit contradicts every same-named row: keep the text's name."""
    ctn = c.container.entry if c.container else c.ctx
    name = c.spelled or (c.entry.name_ar if c.entry else nt.norm[c.hit.ns:c.hit.ne])
    kind = c.trigger if c.trigger in ("city", "town", "village", "neighborhood", "camp") else "village"
    direction = c.direction
    if direction and not c.countryside and not c.dir_before and c.ne > c.hit.ne:
        # الغارية الغربية: after a village name, the direction adjective is part of the name
        name = f"{name} {_surface(nt, c.hit.ne, c.ne)}"
        direction = None
    return _unresolved_mention(c.hit.ns, c.ne, name, kind, ctn, direction)


def _named_direction(c: _Cand) -> bool:
    """A village-level name followed by a direction adjective that the gazetteer does not join to it."""
    e = c.entry
    return (e is not None and not c.countryside and not c.dir_before and c.direction is not None
            and c.ne > c.hit.ne and (e.kind in ("village", "community") or (
                e.kind == "town" and c.trigger in ("village", "town"))))


def _unresolved_mention(ns: int, ne: int, name: str, kind: str, ctn: Entry | None,
                        direction: str | None = None) -> PlaceMention:
    lat = lon = prec = None
    admin1 = None
    extra: dict[str, Any] = {"unresolved": True}
    if ctn is not None and ctn.kind != "country":
        admin1 = _admin1(ctn.admin1)
        if ctn.kind == "governorate":
            lat, lon, prec = ctn.lat, ctn.lon, 3
        else:
            la, lo, p = _coords(ctn)
            lat, lon, prec = la, lo, max(2, p or 2)
            if ctn.kind == "district":
                extra["admin2"] = ctn.pcode
            elif ctn.admin2:
                extra["admin2"] = ctn.admin2
            if ctn.kind == "subdistrict":
                extra["admin3"] = ctn.pcode
    if direction:
        extra["direction"] = direction
    return PlaceMention(ns, ne, name_ar=name, name_en=None, kind=kind, pcode=None, admin1=admin1, lat=lat, lon=lon,
                        geo_precision=prec, extra=extra)


def _name_after(norm: str, pos: int, limit: int) -> tuple[int, int] | None:
    """The 1-3 words of a place name starting at ``pos`` (stops at a preposition, comma, context)."""
    g = gazetteer()
    pat = _patterns()
    words: list[tuple[int, int]] = []
    for m in pat["word"].finditer(norm, pos, min(len(norm), pos + 60)):
        if m.start() >= limit:
            break
        w = m.group()
        if words and norm[words[-1][1]:m.start()] != " ":
            break
        if not _ARABIC_WORD.fullmatch(w) or w in g.name_stop or w in g.trig_kind:
            break
        if not words and w.startswith(clitics.WA) and (w[1:] in g.trig_kind or w[1:] in g.keys or w.startswith(_WA_AL)):
            break
        if words and (w.startswith(clitics.WA) and (w[1:] in g.trig_kind or w.startswith(_WA_AL) or w[1:] in g.keys)):
            break
        if words and w[0] in _BI_LI_LETTERS and (w[1:] in g.keys or w[1:] in g.trig_kind or w[1:] == "ريف"):
            break
        if not words:
            words.append(m.span())
            continue
        first = norm[words[0][0]:words[0][1]]
        prev = norm[words[-1][0]:words[-1][1]]
        if prev in g.prefixes or (len(words) == 1 and not first.startswith(clitics.ARTICLE) and w.startswith(clitics.ARTICLE)):
            words.append(m.span())
            if len(words) == 3:
                break
            continue
        break
    if not words:
        return None
    # a direction adjective right after a village name belongs to it (أم حجيرة الشمالية)
    m = _patterns()["dir_after"].match(norm, words[-1][1])
    if m and m.end() <= limit and len(words) < 3:
        return words[0][0], m.end("d1")
    return words[0][0], words[-1][1]


_MARKS = regex.compile(r"[\p{Mn}\u0640]")
_ARABIC_WORD = regex.compile(r"\p{Arabic}+")
_NEXT_NAME = regex.compile(r" ?(?:,|, ?و|و)(?=\S)")


def _surface(nt: NormText, ns: int, ne: int) -> str:
    """The original spelling of ``norm[ns:ne]`` without diacritics and tatweel."""
    return " ".join(_MARKS.sub("", nt.quote(ns, ne)).split())


def _unresolved_triggers(nt: NormText, kept: list[_Cand], hits: list[_Hit]) -> list[PlaceMention]:
    """Trigger + unknown name: قرية تل الشيح بريف حماة, قرى صيدا والمعلق."""
    norm = nt.norm
    g = gazetteer()
    pat = _patterns()
    occupied = bytearray(len(norm) + 1)
    for h in hits:
        occupied[h.w:h.ne] = b"\x01" * (h.ne - h.w)
    starts = sorted(c.hit.w for c in kept)
    out: list[PlaceMention] = []

    def free(a: int) -> bool:
        return not occupied[a]

    kept_ns = [c.ns for c in kept]

    def container_after(e_: int) -> Entry | None:
        i = bisect.bisect_left(kept_ns, e_)
        if i == len(kept):
            return None
        c = kept[i]
        if pat["contain"].match(norm[e_:c.ns]) or (c.dir_before and norm[e_:c.ns].strip() == ""):
            if c.countryside and c.entry.kind == "governorate":
                return g.rows.get(c.entry.admin1 or "")
            return unit_of(c)
        return None

    def unit_of(c: _Cand) -> Entry | None:
        if c.unresolved:  # its own row is in the wrong governorate: use the unit it was placed in
            return c.container.entry if c.container is not None else c.ctx
        return c.entry

    sents = sentences(norm)
    sent_starts = [s.ns for s in sents]
    first_at: dict[int, _Cand] = {}  # the first kept place whose word starts at an offset
    for c in kept:
        first_at.setdefault(c.hit.w, c)

    def context(ns_: int, ne_: int) -> Entry | None:
        ctn = container_after(ne_)
        if ctn is not None:
            return ctn
        k = bisect.bisect_right(sent_starts, ns_) - 1  # sentences are sorted and disjoint
        s0, s1 = (sents[k].ns, sents[k].ne) if k >= 0 and ns_ < sents[k].ne else (ns_, ne_)
        near = [c for c in kept[bisect.bisect_left(kept_ns, s0):bisect.bisect_left(kept_ns, s1)]
                if unit_of(c) is not None and unit_of(c).admin1]
        if not near:
            return None
        c = min(near, key=lambda c: abs(c.ns - ns_))
        return gazetteer().rows.get(unit_of(c).admin1)

    def grab(pos: int, kind: str, with_trigger: int | None) -> tuple[int, int] | None:
        if not free(pos):
            return None
        k = bisect.bisect_right(starts, pos)
        limit = starts[k] if k < len(starts) else len(norm)
        span = _name_after(norm, pos, limit)
        if span is None:
            return None
        name = norm[span[0]:span[1]]
        if name in g.stop or name in g.name_stop:
            return None
        first = name.split(" ", 1)[0]
        if not first.startswith(clitics.ARTICLE) and first not in g.keys and len(first) >= 5 \
                and first.endswith(g.adj_suffixes):
            return None  # بلدات حدودية، قرى نائية: an adjective, not a name
        return span

    for m in pat["unres"].finditer(norm):
        kind = pat["unres_kind"][m.group("t")]
        span = grab(m.end(), kind, m.start("t"))
        if span is None:
            continue
        ns, ne = span
        if kind == "site" and not norm.startswith(clitics.ARTICLE, ns):
            continue  # مطار عسكري، حقل نفطي: an adjective; a named site is definite (حقل العمر)
        if kind in ("camp", "site"):
            ns = m.start("t")
        out.append(_unresolved_mention(ns, ne, _surface(nt, ns, ne), kind, context(ns, ne)))
        occupied[ns:ne] = b"\x01" * (ne - ns)
    for m in pat["plural"].finditer(norm):
        kind = pat["plural_kind"][m.group("t")]
        if kind not in ("village", "town", "neighborhood"):
            continue
        pos = m.end()
        names: list[tuple[int, int]] = []
        chain_end = pos
        while True:
            known = first_at.get(pos) if not free(pos) else None
            if known is not None:
                span = (known.hit.w, known.ne)  # حيي X وY: X is known, Y still takes the trigger
            else:
                span = grab(pos, kind, None)
                if span is None:
                    break
                names.append(span)
                occupied[span[0]:span[1]] = b"\x01" * (span[1] - span[0])
            chain_end = span[1]
            nxt = _NEXT_NAME.match(norm[span[1]:span[1] + 3])
            after = span[1]
            while after < len(norm) and norm[after] in " ,":
                after += 1
            if not nxt or not norm.startswith(clitics.WA, after):
                break
            pos = span[1] + nxt.end()
            if not free(pos - 1) and not free(pos):
                break
        if not names:
            continue
        ctn = context(names[0][0], max(chain_end, names[-1][1]))
        for ns, ne in names:
            out.append(_unresolved_mention(ns, ne, _surface(nt, ns, ne), kind, ctn))
    return out


# --------------------------------------------------------------------------- API


def find_places(nt: NormText) -> list[PlaceMention]:
    """Every place mention of the report, in text order (offsets into ``nt.norm``)."""
    norm = nt.norm
    hits = _hits(norm)
    resolved = _resolve(norm, hits)
    kept = [c for c in resolved if c.accepted]
    # names inside organization names, and names never read as places (مدينة سورية: a nisba), block a
    # trigger reading of the same words
    org_hits = [c.hit for c in resolved if c.org or (c.blocked and not c.accepted)]
    out: list[PlaceMention] = []
    for c in kept:
        if c.entry is None:
            continue
        c.spelled = _text_spelling(nt, c)
        if not c.unresolved and _named_direction(c):
            # قرية X الشمالية where the gazetteer only knows X: the name is the text's, placed at X's unit
            e = c.entry
            rows = gazetteer().rows
            unit = rows.get(e.admin3 or "") or rows.get(e.admin2 or "") or rows.get(e.admin1 or "")
            kind = c.trigger if c.trigger in ("town", "village") else "village"
            out.append(_unresolved_mention(c.hit.ns, c.ne, f"{c.spelled or e.name_ar} {_surface(nt, c.hit.ne, c.ne)}",
                                           kind, unit))
            continue
        out.append(_unresolved_from(nt, c) if c.unresolved else _mention(norm, c))
    # hits dropped as weak still block the unresolved-trigger reading only when kept
    out.extend(_unresolved_triggers(nt, kept, [c.hit for c in kept] + org_hits))
    out.sort(key=lambda p: p.ns)
    return out


def _text_spelling(nt: NormText, c: _Cand) -> str:
    """The matched name as the text spells it, where that differs from the lexicon's spelling
    beyond what gold matching folds (a گ for a ك): reports are scored on their own spelling."""
    if not c.spelled:
        return c.spelled
    n = len(c.spelled.split())
    own = " ".join(undecorate(nt.quote(c.hit.ns, c.hit.ne)).split()[-n:])
    if norm_key(own) == norm_key(c.spelled) and spec_fold(own) != spec_fold(c.spelled):
        return own
    return c.spelled


def unresolved_names(mentions: list[PlaceMention]) -> list[str]:
    """Names the gazetteer could not resolve (for a report warning), first occurrence order."""
    seen: list[str] = []
    for p in mentions:
        if p.extra.get("unresolved") and p.name_ar not in seen:
            seen.append(p.name_ar)
    return seen
