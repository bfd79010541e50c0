"""The facility lexicon (``lexicons/facilities.json``): facility nouns and their forms, the damage and
attack words that make a sentence speak of a hit, and the word lists the rules read."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from pipeline.core.lexicon import cached_build, load_json
from pipeline.core.normalize import norm_key
from pipeline.core.phrases import PhraseMatcher, term_variants
from pipeline.core.text import PROCLITICS, WB_L, WB_R

FACILITY_TYPES = ("school", "university", "hospital", "medical_point", "mosque", "church", "market", "bakery",
                  "water_station", "power_station", "civil_defense_center", "camp", "government_building",
                  "oil_facility", "airport", "military_base", "residential", "bridge", "other")

@dataclass(frozen=True, slots=True)
class Fac:
    type: str
    form: str  # sg|du|pl


def _other_case(key: str) -> str | None:
    """The other case of a normalized dual phrase (مركزين للدفاع -> مركزان للدفاع, محطتي مياه -> محطتا مياه)."""
    words = key.split(" ")
    out = []
    for i, w in enumerate(words):
        if len(w) > 4 and w.endswith("ين"):
            w = w[:-2] + "ان"
        elif len(w) > 4 and w.endswith("ان"):
            w = w[:-2] + "ين"
        elif i == 0 and len(words) > 1 and len(w) > 3 and w.endswith("ي"):
            w = w[:-1] + "ا"
        elif i == 0 and len(words) > 1 and len(w) > 3 and w.endswith("ا"):
            w = w[:-1] + "ي"
        out.append(w)
    other = " ".join(out)
    return other if other != key else None


class FacilityData:
    def __init__(self, data: dict[str, Any]):
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
                    if " " not in key and not key.startswith("ال"):
                        entries.append(("ال" + key, val))
                    if form == "du":
                        other = _other_case(key)
                        if other and other not in written:
                            entries.append((other, val))
        entries += [(t, None) for t in data.get("shadow", [])]
        # posts and checkpoints: matched, so that what follows them reads against them (حاجز لفرع الأمن:
        # the branch owns it), but no facility of the list and never counted
        entries += [(t, Fac("", "post")) for t in data.get("posts", [])]
        # umbrella nouns (منشأة طبية): shadow the type nouns they contain, never counted
        entries += [(t, None) for t in data.get("umbrella", [])]
        self.matcher = PhraseMatcher(entries)
        numbered = []
        for ftype, words in data.get("numbered", {}).items():
            for w in words:
                numbered.append((norm_key(w), ftype))
        self.numbered_type = dict(numbered)
        alt = "|".join(regex.escape(k) for k in sorted(self.numbered_type, key=len, reverse=True))
        self.numbered_re = regex.compile(
            rf"{WB_L}{PROCLITICS}(?P<unit>{alt}) (?P<num>\d+){WB_R}") if alt else None
        #: per group of head nouns: a head, a one- or two-word name, a kind (محطة علوك للمياه, حقل العمر النفطي)
        self.named_sites: list[tuple[Any, dict[str, str]]] = []
        for group in data.get("named_sites", []):
            kinds = {norm_key(t): ftype for t, ftype in group["tails"].items()}
            if set(kinds.values()) - set(FACILITY_TYPES):
                raise ValueError(f"facilities.json: unknown facility type in named_sites {group['heads']!r}")
            hd = "|".join(regex.escape(norm_key(h)) for h in sorted(group["heads"], key=len, reverse=True))
            tl = "|".join(regex.escape(t) for t in sorted(kinds, key=len, reverse=True))
            self.named_sites.append((regex.compile(
                rf"{WB_L}{PROCLITICS}(?P<unit>{hd})(?: [^\s,.;:()\d]+){{1,2}}? (?P<tail>{tl}){WB_R}"), kinds))
        ctx = []
        seen_ctx: set[str] = set()
        attack = load_json("harm_verbs.json")["attack"]
        excluded = {norm_key(t) for t in data.get("context_exclude", [])}
        weapons = load_json("weapons.json")
        ambiguous = {norm_key(t) for terms in weapons.get("needs_context", {}).values() for t in terms}
        weapon_terms = [t for terms in weapons["types"].values() for t in terms if norm_key(t) not in ambiguous]
        for t in list(data["damage_context"]) + attack["verbs"] + attack["nouns"] + weapon_terms:
            key = norm_key(t)
            if key in seen_ctx or key in excluded:
                continue
            seen_ctx.add(key)
            ctx.append((key, True))
            if " " not in key and not key.startswith("ال"):
                ctx.append(("ال" + key, True))
        # attack nouns and verbs take an object pronoun (تم استهدافه، قصفها)
        suffixes = [norm_key(t) for t in data.get("context_suffixes", [])]
        for key, _ in list(ctx):
            if " " not in key and not key.startswith("ال") and key[-1:] not in "هيا":
                for suf in suffixes:
                    if key + suf not in seen_ctx:
                        seen_ctx.add(key + suf)
                        ctx.append((key + suf, True))
        # phrases that hold an attack word but speak of no attack (إطلاق سراح): shadows, never context
        ctx += [(norm_key(t), None) for t in data.get("context_shadow", [])]
        self.context = PhraseMatcher(ctx)
        tally = "|".join(regex.escape(norm_key(t)) for t in sorted(data.get("tally_heads", []), key=len,
                                                                   reverse=True))
        #: a tally heading (الحصيلة:) makes its line speak of what was hit
        self.tally_re = regex.compile(rf"{WB_L}[وف]?(?:{tally})(?: [^\s:.;]+){{0,3}} ?:") if tally else None
        self.source_verbs = frozenset(norm_key(t) for t in data.get("source_verbs", []))
        self.naming = frozenset(norm_key(t) for t in data.get("naming", []))
        self.location_preps = frozenset(norm_key(t) for t in data.get("location_prepositions", []))
        ratio = data.get("ratio", {})
        every = "|".join(regex.escape(norm_key(t)) for t in ratio.get("of_every", []))
        out_of = "|".join(regex.escape(norm_key(t)) for t in ratio.get("out_of", []))
        #: مدرسة من كل خمس مدارس (or one word between: مشفى واحد من كل): a share, not a count of facilities hit
        self.every_after_re = regex.compile(rf"(?: [^\s,.;:]+)? (?:{every}){WB_R}") if every else None
        #: the total after من كل / من أصل is never a facility hit itself
        self.ratio_before_re = regex.compile(
            rf"{WB_L}(?:{'|'.join(x for x in (every, out_of) if x)})\s*$") if every or out_of else None
        self.one_of = frozenset(norm_key(t) for t in data.get("one_of", []))
        self.locative = frozenset(norm_key(t) for t in data.get("locative", []))
        self.not_locative = frozenset(norm_key(t) for t in data.get("not_locative", []))
        pm = "|".join(regex.escape(norm_key(t)) for t in sorted(data.get("part_markers", []), key=len, reverse=True))
        self.part_re = regex.compile(rf"[^.;\n]{{0,60}}?(?:^|[\s,])(?:و)?(?:{pm})\s+") if pm else None
        self.max_locative = max((len(t.split()) for t in self.locative), default=1) + 1
        self.locative_heads = frozenset(norm_key(t) for t in data.get("locative_heads", []))
        rel = "|".join(regex.escape(norm_key(t)) for t in data.get("relative", []))
        self.relative_re = regex.compile(rf"\s*,?\s*(?:{rel}){WB_R}[^,.;\n]*") if rel else None
        self.relative_word_re = regex.compile(rf"{WB_L}(?:{rel}){WB_R}") if rel else None
        neg = "|".join(regex.escape(norm_key(t)) for t in sorted(data.get("negations", []), key=len, reverse=True))
        #: ولم يسفر القصف عن أضرار في المدرسة: a negated hit, up to the facility within its clause
        self.negation_re = regex.compile(rf"{WB_L}[وف]?(?:{neg}){WB_R}[^,.;:\n]*$") if neg else None
        ends = "|".join(regex.escape(norm_key(t)) for t in data.get("negation_ends", []))
        #: ... لكنه دمر المدرسة: a contrast ends the negation
        self.negation_end_re = regex.compile(rf"{WB_L}[وف]?(?:{ends}){WB_R}") if ends else None
        self.anaphoric_after = frozenset(norm_key(t) for t in data.get("anaphoric_after", []))
        self.generic = frozenset(norm_key(t) for t in data.get("generic", []))
        self.person_heads = frozenset(norm_key(t) for t in data.get("person_heads", []))
        self.non_referential = frozenset(norm_key(t) for t in data.get("non_referential", []))
        claims = data.get("claims", {})
        cv = "|".join(regex.escape(norm_key(t)) for t in sorted(claims.get("verbs", []), key=len, reverse=True))
        comp = "|".join(regex.escape(norm_key(t)) for t in sorted(claims.get("complementizers", []), key=len,
                                                                   reverse=True))
        #: claim verb, up to 6 words (the speaker), complementizer
        self.claim_re = regex.compile(
            rf"{WB_L}[وف]?(?P<v>{cv}){WB_R}(?P<who>(?: [^\s,.;:]+){{1,6}}?) (?:{comp}){WB_R}") if cv else None
        dv = "|".join(regex.escape(norm_key(t)) for t in sorted(claims.get("denial_verbs", []), key=len,
                                                                reverse=True))
        #: a denial needs no complementizer: نفت الحكومة أي استخدام ...
        self.denial_re = regex.compile(rf"{WB_L}[وف]?(?P<v>{dv}){WB_R}(?P<who>(?: [^\s,.;:]+){{1,3}})") if dv else None
        ends = "|".join(regex.escape(norm_key(t)) for t in sorted(claims.get("end_connectives", []), key=len,
                                                                  reverse=True))
        self.claim_end_re = regex.compile(rf"[,;] ?(?:{ends}){WB_R}") if ends else None
        dest = data.get("destination", {})
        self.dest_preps = frozenset(norm_key(t) for t in dest.get("prepositions", []))
        self.dest_verbs = frozenset(norm_key(t) for t in dest.get("verbs", []))
        self.origin_preps = frozenset(norm_key(t) for t in dest.get("origin_prepositions", []))
        self.origin_verbs = frozenset(norm_key(t) for t in dest.get("origin_verbs", []))


@lru_cache(maxsize=1)
def _data() -> FacilityData:
    return cached_build("facilities", lambda: FacilityData(load_json("facilities.json")))
