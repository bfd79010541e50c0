"""The facility lexicon (``lexicons/facilities.json``): facility nouns and their forms, the damage and
attack words that make a sentence speak of a hit, and the word lists the rules read."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from pipeline.core import clitics as cl
from pipeline.core import settings as S
from pipeline.core.lexicon import cached_build, load_json
from pipeline.core.normalize import norm_key
from pipeline.core.phrases import AnchoredPattern, PhraseMatcher, clitic_sequences, heads_of, term_variants
from pipeline.core.text import PROCLITICS, WB_L, WB_R

FACILITY_TYPES = ("school", "university", "hospital", "medical_point", "mosque", "church", "market", "bakery",
                  "water_station", "power_station", "civil_defense_center", "camp", "government_building",
                  "oil_facility", "airport", "military_base", "residential", "bridge", "other")


@dataclass(frozen=True, slots=True)
class Fac:
    type: str
    form: str  # sg|du|pl


@dataclass(frozen=True)
class Clitics:
    """The clitic letters facility matching reads, from the one clitic table (``pipeline.core.clitics``)."""

    article: str  # the definite article
    and_: str  # the conjunction و
    conjunctions: str  # letters of the conjunctions (و ف)
    owner: str  # the preposition of an owner (حاجز لفرع الأمن)
    locative: str  # the preposition of a place (مشفى بمخيم اليرموك)


def _other_case(key: str, cases: dict) -> str | None:
    """The other case of a normalized dual phrase (مركزين للدفاع -> مركزان للدفاع, محطتي مياه -> محطتا مياه)."""
    words = key.split(" ")
    out = []
    for i, w in enumerate(words):
        for a, b in cases["endings"]:
            if len(w) > 4 and w.endswith(a):
                w = w[:-len(a)] + b
                break
        else:
            if i == 0 and len(words) > 1 and len(w) > 3:
                for a, b in cases["construct_endings"]:
                    if w.endswith(a):
                        w = w[:-len(a)] + b
                        break
        out.append(w)
    other = " ".join(out)
    return other if other != key else None


def _definite_complement(key: str, cases: dict, art: str) -> list[str]:
    """A construct dual with a definite complement, in both cases (محطتي مياه -> محطتي المياه، محطتا المياه):
    the dual of a definite site is as countable as that of an indefinite one."""
    words = key.split(" ")
    if len(words) != 2 or words[1].startswith((art, cl.LAM_ARTICLE)) or len(words[0]) <= 3 or \
            not any(words[0].endswith(a) for a, _ in cases["construct_endings"]):
        return []
    definite = f"{words[0]} {art}{words[1]}"
    other = _other_case(definite, cases)
    return [definite] + ([other] if other else [])


def alt(terms, longest_first: bool = True) -> str:
    """An alternation of the normalized ``terms`` (longest written first unless told otherwise)."""
    ordered = sorted(terms, key=len, reverse=True) if longest_first else list(terms)
    return "|".join(regex.escape(norm_key(t)) for t in ordered)


def words(terms) -> frozenset[str]:
    return frozenset(norm_key(t) for t in terms)


class FacilityData:
    """Everything the facilities stage reads from ``facilities.json`` (and the attack words of
    ``harm_verbs.json`` and ``weapons.json``), compiled once."""

    def __init__(self, data: dict[str, Any]):
        from pipeline.stages.facilities.attack import attack_context, claim_patterns

        self.cl = Clitics(cl.ARTICLE, cl.WA, cl.CONJ, cl.LI, cl.BI)
        self.matcher = PhraseMatcher(_noun_entries(data, self.cl.article))
        self.numbered_type, self.numbered_re = _numbered(data)
        #: per group of head nouns: a head, a one- or two-word name, a kind (محطة علوك للمياه, حقل العمر النفطي)
        self.named_sites = _named_sites(data)
        self.context = attack_context(data, self.cl.article)
        conj = f"[{regex.escape(self.cl.conjunctions)}]?"
        tally = alt(data.get("tally_heads", []))
        #: a tally heading (الحصيلة:) makes its line speak of what was hit
        self.tally_re = regex.compile(rf"{WB_L}{conj}(?:{tally})(?: [^\s:.;]+){{0,{S.FACILITY_TALLY_HEAD_WORDS}}} ?:") if tally else None
        #: what may stand between a number and the noun it counts ('', ' من ', or a closing bracket)
        links = "|".join(regex.escape(norm_key(w)) for w in data["number_links"])
        self.number_gap_re = regex.compile(rf"\)?\s*(?:(?:{links})\s+)?")  # also a bracketed count: (3) أفران
        raids = data.get("search_raids", {})
        #: raid words, and the arrest words that make a raid a search (مداهمة بيت الرجل واحتجازه)
        self.raid_words = words(raids.get("raids", []))
        arrests = alt(raids.get("arrests", []))
        self.arrest_re = regex.compile(rf"{WB_L}{PROCLITICS}(?:{arrests}){WB_R}") if arrests else None
        vars(self).update(_word_lists(data))
        vars(self).update(_clause_patterns(data, conj, regex.escape(self.cl.and_)))
        vars(self).update(claim_patterns(data, conj))
        self.restated_re, self.restated_conj_re = _restated_pattern(data.get("restated_hit", {}), self.cl.article)
        #: (pattern of a number and a singular umbrella noun ending right before a word, types it covers)
        self.umbrella_shares = [(regex.compile(rf"\d+ (?:{alt(g['heads'])}) $"), frozenset(g["types"]))
                                for g in data.get("umbrella_shares", [])]
        heads = alt(data.get("place_heads", []))
        #: a settlement noun right before a hit word makes it a place name (مدينة تدمر)
        self.place_head_re = regex.compile(rf"{WB_L}{PROCLITICS}(?:{heads}) $") if heads else None
        acc = alt(data.get("accusations", []))
        #: a charge (بتهمة سرقة ...) up to the end of its clause
        self.accusation_re = regex.compile(rf"{WB_L}{conj}(?:{acc}){WB_R}[^,.;:\n]*") if acc else None
        vars(self).update(_word_led_scans(self, data))


def _word_led_scans(fd: "FacilityData", data: dict[str, Any]) -> dict[str, Any]:
    """The whole-text patterns that open with a word of a list (a unit, a site's head noun, a tally heading,
    a claim or denial verb), run only at the words that may start them (``AnchoredPattern``)."""
    procl = clitic_sequences(cl.CONJ, cl.PREP)
    conj = clitic_sequences(fd.cl.conjunctions)
    claims = data.get("claims", {})

    def scan(pattern, keys, seqs):
        return None if pattern is None else AnchoredPattern(pattern, heads_of(keys, seqs))

    def keys(terms):
        return [norm_key(t) for t in terms]

    return {
        "numbered_scan": scan(fd.numbered_re, list(fd.numbered_type), procl),
        "site_scans": [(scan(site_re, keys(group["heads"]), procl), kinds)
                       for (site_re, kinds), group in zip(fd.named_sites, data.get("named_sites", []))],
        "tally_scan": scan(fd.tally_re, keys(data.get("tally_heads", [])), conj),
        "claim_scan": scan(fd.claim_re, keys(claims.get("verbs", [])), conj),
        "denial_scan": scan(fd.denial_re, keys(claims.get("denial_verbs", [])), conj),
    }


def _noun_entries(data: dict[str, Any], art: str) -> list[tuple[str, Any]]:
    """The facility nouns of every type and form (also with the article, a dual in its other case), the
    shadows and umbrella nouns (never counted) and the posts (matched, never a facility of the list)."""
    entries: list[tuple[str, Any]] = []
    written = {v for forms in data["types"].values() for terms in forms.values() for t in terms
               for v, _ in term_variants(norm_key(t))}
    for ftype, forms in data["types"].items():
        if ftype not in FACILITY_TYPES:
            raise ValueError(f"facilities.json: unknown facility type {ftype!r}")
        for form in ("sg", "du", "pl"):
            for term in forms.get(form, []):
                val = Fac(ftype, form)
                entries.append((term, val))
                key = norm_key(term)
                if " " not in key and not key.startswith(art):
                    entries.append((art + key, val))
                if form == "du":
                    for du in _definite_complement(key, data["dual_cases"], art):
                        if du not in written:
                            entries.append((du, val))
                    other = _other_case(key, data["dual_cases"])
                    if other and other not in written:
                        entries.append((other, val))
    entries += [(t, None) for t in data.get("shadow", [])]
    # posts and checkpoints: matched, so that what follows them reads against them (حاجز لفرع الأمن:
    # the branch owns it), but no facility of the list and never counted
    entries += [(t, Fac("", "post")) for t in data.get("posts", [])]
    # umbrella nouns (منشأة طبية): shadow the type nouns they contain, never counted
    entries += [(t, None) for t in data.get("umbrella", [])]
    return entries


def _numbered(data: dict[str, Any]) -> tuple[dict[str, str], Any]:
    """``اللواء 93``: unit word -> facility type, and the pattern of a unit word and its number."""
    numbered_type = dict((norm_key(w), ftype) for ftype, ws in data.get("numbered", {}).items() for w in ws)
    a = "|".join(regex.escape(k) for k in sorted(numbered_type, key=len, reverse=True))
    return numbered_type, (regex.compile(rf"{WB_L}{PROCLITICS}(?P<unit>{a}) (?P<num>\d+){WB_R}") if a else None)


def _named_sites(data: dict[str, Any]) -> list[tuple[Any, dict[str, str]]]:
    out = []
    for group in data.get("named_sites", []):
        kinds = {norm_key(t): ftype for t, ftype in group["tails"].items()}
        if set(kinds.values()) - set(FACILITY_TYPES):
            raise ValueError(f"facilities.json: unknown facility type in named_sites {group['heads']!r}")
        hd = alt(group["heads"])
        tl = "|".join(regex.escape(t) for t in sorted(kinds, key=len, reverse=True))
        out.append((regex.compile(
            rf"{WB_L}{PROCLITICS}(?P<unit>{hd})(?: [^\s,.;:()\d]+){{1,{S.FACILITY_SITE_NAME_WORDS}}}? (?P<tail>{tl}){WB_R}"), kinds))
    return out


def _word_lists(data: dict[str, Any]) -> dict[str, Any]:
    """The word sets the rules look words up in."""
    dest = data.get("destination", {})
    out = {name: words(data.get(name, [])) for name in (
        "source_verbs", "naming", "one_of", "locative", "not_locative", "locative_heads", "anaphoric_after",
        "generic", "person_heads", "non_referential", "ordinal_refs", "site_heads", "agent_blockers")}
    out["location_preps"] = words(data.get("location_prepositions", []))
    out["number_links"] = words(data.get("number_links", []))
    #: what may follow the bare head of an elliptic count (277 مركزاً، / 80 مركزاً منها / 4 محطات في ...)
    out["ellipsis_ends"] = out["location_preps"] | out["number_links"] | words(data.get("part_markers", []))
    out["phrase_heads"] = _phrase_heads(data)
    out["max_locative"] = max((len(t.split()) for t in out["locative"]), default=1) + 1
    out.update(dest_preps=words(dest.get("prepositions", [])), dest_verbs=words(dest.get("verbs", [])),
               origin_preps=words(dest.get("origin_prepositions", [])),
               origin_verbs=words(dest.get("origin_verbs", [])),
               firing_positions=words(dest.get("firing_positions", [])),
               care_words=words(dest.get("care_words", [])))
    return out


def _phrase_heads(data: dict[str, Any]) -> dict[str, frozenset[str]]:
    """Per facility type, the head words of its multi-word nouns with and without the tanween alef
    (محطة مياه، محطات مياه -> محطة، محطات): the bare heads an elliptic count may take."""
    out: dict[str, set[str]] = {t: set() for t in FACILITY_TYPES}
    for ftype, forms in data["types"].items():
        for terms in forms.values():
            for t in terms:
                key = norm_key(t)
                if " " in key and not key.startswith(cl.ARTICLE):
                    out[ftype].update(v for v, _ in term_variants(key.split(" ")[0]))
    return {t: frozenset(v) for t, v in out.items()}


def _clause_patterns(data: dict[str, Any], conj: str, and_: str) -> dict[str, Any]:
    """Shares (من كل، من أصل), parts (بينها), relative clauses (التي), negations (لم يسفر) and their ends."""
    ratio = data.get("ratio", {})
    every = alt(ratio.get("of_every", []), longest_first=False)
    out_of = alt(ratio.get("out_of", []), longest_first=False)
    pm = alt(data.get("part_markers", []))
    rel = alt(data.get("relative", []), longest_first=False)
    neg = alt(data.get("negations", []))
    ends = alt(data.get("negation_ends", []), longest_first=False)
    reach = S.FACILITY_PART_REACH
    return {
        #: مدرسة من كل خمس مدارس (or one word between: مشفى واحد من كل): a share, not a count of facilities hit
        "every_after_re": regex.compile(rf"(?: [^\s,.;:]+)? (?:{every}){WB_R}") if every else None,
        #: the total after من كل / من أصل is never a facility hit itself
        "ratio_before_re": regex.compile(
            rf"{WB_L}(?:{'|'.join(x for x in (every, out_of) if x)})\s*$") if every or out_of else None,
        "part_re": regex.compile(rf"[^.;\n]{{0,{reach}}}?(?:^|[\s,])(?:{and_})?(?:{pm})\s+") if pm else None,
        "relative_re": regex.compile(rf"\s*,?\s*(?:{rel}){WB_R}[^,.;\n]*") if rel else None,
        "relative_word_re": regex.compile(rf"{WB_L}(?:{rel}){WB_R}") if rel else None,
        #: ولم يسفر القصف عن أضرار في المدرسة: a negated hit, up to the facility within its clause
        "negation_re": regex.compile(rf"{WB_L}{conj}(?:{neg}){WB_R}[^,.;:\n]*$") if neg else None,
        #: ... لكنه دمر المدرسة: a contrast ends the negation
        "negation_end_re": regex.compile(rf"{WB_L}{conj}(?:{ends}){WB_R}") if ends else None,
    }


def _restated_pattern(spec: dict[str, Any], art: str):
    """An attack noun (with or without the article), then a link or a relative clause of being hit, right before
    a noun (استهداف الفرن، الغارة على المسجد، قصف ذلك المشفى): the hit stated
    again; and an attack noun or participle, a short object, then a و-conjunct (مستهدفاً الحي والسوق)."""
    heads = [norm_key(t) for t in spec.get("heads", [])]
    heads += [art + h for h in heads if " " not in h and not h.startswith(art)]
    if not heads:
        return None, None
    hd = "|".join(regex.escape(h) for h in sorted(set(heads), key=len, reverse=True))
    tail = "|".join(x for x in (alt(spec.get("links", [])), alt(spec.get("relatives", []))) if x)
    direct = regex.compile(rf"{WB_L}{PROCLITICS}(?P<head>{hd})(?: (?:{tail}))? $" if tail else
                           rf"{WB_L}{PROCLITICS}(?P<head>{hd}) $")
    part = alt(spec.get("participles", []))
    conj = regex.compile(rf"{WB_L}{PROCLITICS}(?P<head>{hd}{'|' + part if part else ''})"
                         rf"(?: [^\s,.;:]+){{1,{S.FACILITY_RESTATED_CONJUNCT_WORDS}}} $")
    return direct, conj


@lru_cache(maxsize=1)
def _data() -> FacilityData:
    return cached_build("facilities", lambda: FacilityData(load_json("facilities.json")))
