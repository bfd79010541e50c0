"""Facilities: civilian and military sites hit in a report, with their count.

``find_facilities(nt, numbers)`` matches the facility nouns of
``lexicons/facilities.json`` on the normalized view in one pass (longest first,
shared :class:`pipeline.core.phrases.PhraseMatcher`) and counts each one:

1. a number right before the noun (``ثلاثة مساجد``, ``11 مدرسة``, ``3 من المدارس``),
   taken from the ``NumberMention`` list of ``pipeline.stages.numbers.find_numbers``;
   the mention then spans the number and the noun; a vague number (``عشرات``)
   leaves the facility uncounted;
2. a dual form: 2 (``مدرستين``);
3. ``أحد``/``إحدى`` + plural: 1 (``إحدى المدارس``);
4. a singular form: 1 (``مبنى المحافظة``, ``مطار الطبقة العسكري``);
   a numbered unit (``اللواء 93``, ``الفرقة 17``) is one military base;
5. a bare plural (``المدارس``, ``عدة مساجد``) has no count and is not returned.

A facility counts only in a sentence that speaks of damage or attack (a word of
``damage_context`` or an attack verb/noun of ``harm_verbs.json``, also with an object pronoun:
``تم استهدافه``; or a tally heading: ``الحصيلة: 12 مدرسة``), and not when a locative word right before it
makes it a landmark (``بالقرب من المدرسة``, also a و-conjunct of a landmark). The named rules of
``_NOT_A_TARGET`` then read a facility noun as something else than a target, first that fires: a bracketed
apposition, the building of a facility (``مبنى مخفر``), the owner of one (``حاجزاً لفرع الأمن``), where one
is (``مشفى في مخيم اليرموك``), a reporting source (``وفق ما ذكر مركز الدفاع المدني``), a name
(``مسجد باسم جامع``). A share (``مدرسة من كل خمس مدارس``) is no count.

The perpetrator is the single perpetrator actor of the sentence, from the ``actors`` the document already
found (``pipeline.stages.extract.analyse`` hands them over; else the events stage decides).
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Sequence

import regex

from pipeline.core import clitics
from pipeline.core.phrases import PhraseMatcher, term_variants, word_forms, word_tokens
from pipeline.core.lexicon import cached_build, load_json
from pipeline.core.mentions import ActorMention, FacilityMention, NumberMention
from pipeline.core.normalize import NormText, norm_key
from pipeline.core.text import PROCLITICS, WB_L, WB_R, sentences

_CONJ = clitics.cls(clitics.CONJ)  # a conjunction glued on a cue (lexicons/clitics.json)

__all__ = ["find_facilities", "FACILITY_TYPES"]

FACILITY_TYPES = ("school", "university", "hospital", "medical_point", "mosque", "church", "market", "bakery",
                  "water_station", "power_station", "civil_defense_center", "camp", "government_building",
                  "oil_facility", "airport", "military_base", "residential", "bridge", "other")

#: Characters allowed between a number and the facility noun it counts ('' or ' من ').
_NUMBER_GAP = regex.compile(r"\s*(?:من\s+)?")
_SCAN_CHARS = 60
_BIG = 1 << 60
#: Words looked back for a moving verb before a preposition of direction.
_DEST_WINDOW = 5


@dataclass(frozen=True, slots=True)
class _Fac:
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


class _FacilityData:
    def __init__(self, data: dict[str, Any]):
        entries: list[tuple[str, Any]] = []
        written = {v for forms in data["types"].values() for terms in forms.values() for t in terms
                   for v, _ in term_variants(norm_key(t))}
        for ftype, forms in data["types"].items():
            if ftype not in FACILITY_TYPES:
                raise ValueError(f"facilities.json: unknown facility type {ftype!r}")
            for form in ("sg", "du", "pl"):
                for term in forms.get(form, []):
                    val = _Fac(ftype, form)
                    entries.append((term, val))
                    key = norm_key(term)
                    if " " not in key and not key.startswith(clitics.ARTICLE):
                        entries.append((clitics.ARTICLE + key, val))
                    if form == "du":
                        other = _other_case(key)
                        if other and other not in written:
                            entries.append((other, val))
        entries += [(t, None) for t in data.get("shadow", [])]
        # posts and checkpoints: matched, so that what follows them reads against them (حاجز لفرع الأمن:
        # the branch owns it), but no facility of the list and never counted
        entries += [(t, _Fac("", "post")) for t in data.get("posts", [])]
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
            if " " not in key and not key.startswith(clitics.ARTICLE):
                ctx.append((clitics.ARTICLE + key, True))
        # attack nouns and verbs take an object pronoun (تم استهدافه، قصفها)
        suffixes = [norm_key(t) for t in data.get("context_suffixes", [])]
        for key, _ in list(ctx):
            if " " not in key and not key.startswith(clitics.ARTICLE) and key[-1:] not in "هيا":
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
        self.tally_re = regex.compile(rf"{WB_L}{_CONJ}?(?:{tally})(?: [^\s:.;]+){{0,3}} ?:") if tally else None
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
        self.negation_re = regex.compile(rf"{WB_L}{_CONJ}?(?:{neg}){WB_R}[^,.;:\n]*$") if neg else None
        ends = "|".join(regex.escape(norm_key(t)) for t in data.get("negation_ends", []))
        #: ... لكنه دمر المدرسة: a contrast ends the negation
        self.negation_end_re = regex.compile(rf"{WB_L}{_CONJ}?(?:{ends}){WB_R}") if ends else None
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
            rf"{WB_L}{_CONJ}?(?P<v>{cv}){WB_R}(?P<who>(?: [^\s,.;:]+){{1,6}}?) (?:{comp}){WB_R}") if cv else None
        dv = "|".join(regex.escape(norm_key(t)) for t in sorted(claims.get("denial_verbs", []), key=len,
                                                                reverse=True))
        #: a denial needs no complementizer: نفت الحكومة أي استخدام ...
        self.denial_re = regex.compile(rf"{WB_L}{_CONJ}?(?P<v>{dv}){WB_R}(?P<who>(?: [^\s,.;:]+){{1,3}})") if dv else None
        ends = "|".join(regex.escape(norm_key(t)) for t in sorted(claims.get("end_connectives", []), key=len,
                                                                  reverse=True))
        self.claim_end_re = regex.compile(rf"[,;] ?(?:{ends}){WB_R}") if ends else None
        dest = data.get("destination", {})
        self.dest_preps = frozenset(norm_key(t) for t in dest.get("prepositions", []))
        self.dest_verbs = frozenset(norm_key(t) for t in dest.get("verbs", []))
        self.origin_preps = frozenset(norm_key(t) for t in dest.get("origin_prepositions", []))
        self.origin_verbs = frozenset(norm_key(t) for t in dest.get("origin_verbs", []))


@lru_cache(maxsize=1)
def _data() -> _FacilityData:
    return cached_build("facilities", lambda: _FacilityData(load_json("facilities.json")))


def find_facilities(nt: NormText, numbers: Sequence[NumberMention] | None = None,
                    actors: Sequence[ActorMention] | None = None,
                    parties: Sequence[ActorMention] | None = None) -> list[FacilityMention]:
    """Counted facility mentions of the text, in order.

    ``parties`` are the text's actor mentions when already found (who speaks a claim); without them
    they are found here, only when the text has a claim verb. ``actors`` are attached as perpetrators."""
    data = _data()
    norm = nt.norm
    sents = sentences(norm)
    starts = [s.ns for s in sents]

    def sent_index(pos: int) -> int:
        return bisect.bisect_right(starts, pos) - 1

    # Sentences with a damage/attack word, outside a party's claims and denials.
    ctx_pos = [m.ns for m in data.context.find(norm)]
    if data.tally_re is not None:
        ctx_pos += [m.start() for m in data.tally_re.finditer(norm)]
    ctx_pos.sort()
    if not ctx_pos:
        return []
    claims = _claim_spans(nt, sents, starts, data, actors if actors is not None else parties)
    if claims:
        ctx_pos = [p for p in ctx_pos if not _inside(p, claims)]
    hit_sents = {sent_index(p) for p in ctx_pos}
    if not hit_sents:
        return []
    body_start = _body_start(norm)

    nums = sorted(numbers or [], key=_num_end)
    num_ends = [_num_end(n) for n in nums]

    def landmark(ws: int, ne: int, sent) -> bool:
        """A locative word before the facility, unless a relative clause after it speaks of damage."""
        if not _is_locative(norm, max(sent.ns, ws - _SCAN_CHARS), ws, data):
            return False
        if data.relative_re is not None:
            rm = data.relative_re.match(norm, ne, sent.ne)
            if rm is not None:
                k = bisect.bisect_left(ctx_pos, ne)
                if k < len(ctx_pos) and ctx_pos[k] < rm.end():
                    return False
        return True

    cands: list[FacilityMention] = []
    taken: list[tuple[int, int]] = []
    #: facility type -> how many of it the body has counted so far
    counted: dict[str, int] = {}
    matches = data.matcher.find(norm)
    landmark_end = -1  # end of the last facility read as a landmark
    for k, m in enumerate(matches):
        fac: _Fac = m.value
        si = sent_index(m.ns)
        if si not in hit_sents:
            continue
        sent = sents[si]
        if claims and _inside(m.ns, claims):
            continue
        prev = matches[k - 1] if k and matches[k - 1].ne > sent.ns else None
        if landmark(m.ws, m.ne, sent) and not m.clitic.startswith(clitics.WA) or \
                _conjunct_of_landmark(norm, m, landmark_end, sent):
            # a construct head (أهالي، إدارة) cannot govern a و-conjunct: بمنازل الأهالي وبكنيسة الحي;
            # a و-conjunct of a landmark is one too: محيط المشفى والكنيسة المجاورة له
            landmark_end = m.ne
            continue
        nxt = matches[k + 1] if k + 1 < len(matches) else None
        if not fac.type or _not_a_target(norm, m, prev, nxt, sent, data):
            continue
        if _in_descriptive_clause(norm, m.ws, sent, ctx_pos, data):
            continue
        if _anaphoric_after(norm, m.ne, sent.ne, data):
            continue
        if _person_possessor(norm, max(sent.ns, m.ws - _SCAN_CHARS), m.ws, data) and \
                not norm[m.ws:m.ns].startswith(clitics.WA) or \
                _word_before_in(norm, max(sent.ns, m.ws - 12), m.ws, data.non_referential):
            continue
        definite = norm.startswith(clitics.ARTICLE, m.ns) or m.fused
        one_of = _one_of_before(norm, max(sent.ns, m.ws - 12), m.ws, data)
        num = _number_before(norm, m.ws, nums, num_ends, sent.ns)
        in_body = m.ns >= body_start
        if in_body and num is None and (definite or one_of) and fac.form != "pl" or \
                in_body and one_of and fac.form == "pl":
            # a definite or 'one of' mention of a type already counted in the body refers back to it
            head = norm[m.ns:m.ne].split(" ")[0]
            head = clitics.ARTICLE + head[2:] if m.fused else head
            if definite and fac.form == "sg" and head[2:] in data.generic and counted:
                continue
            if fac.type in counted:
                continue
        counted_as = _count_of(m.ns, fac, num, one_of)
        if counted_as is None or _is_ratio(norm, counted_as[1], m.ne, data):
            continue
        count, ns = counted_as
        cands.append(FacilityMention(ns=ns, ne=m.ne, type=fac.type, count=count))
        taken.append((m.ns, m.ne))
        if in_body:
            counted[fac.type] = counted.get(fac.type, 0) + count

    taken.sort()
    cands += _numbered_units(norm, data, taken, hit_sents, sent_index,
                             lambda ws, e, si: landmark(ws, e, sents[si]))
    cands += _named_sites(norm, data, taken, hit_sents, sent_index,
                          lambda ws, e, si: landmark(ws, e, sents[si]))
    cands.sort(key=lambda f: f.ns)
    cands = _drop_named_parts(norm, cands, data, sent_index)
    cands = _drop_set_members(cands, body_start, sent_index)
    if actors:
        _attach_perpetrators(cands, actors, sents, starts, norm)
    return cands


def _count_of(ns: int, fac: _Fac, num: NumberMention | None, one_of: bool) -> tuple[int, int] | None:
    """(count, start of the mention): the number before the noun, أحد + plural = 1, a dual 2, a singular 1;
    None for a bare plural or a vague number (عشرات)."""
    if num is not None and num.kind not in ("dual", "percent", "rate"):
        return (num.value, num.ns) if num.value is not None else None
    if one_of and fac.form != "sg":
        return 1, ns  # أحد المسجدين, إحدى المدارس
    if fac.form == "du":
        return 2, ns
    if fac.form == "sg":
        return 1, ns
    return None


def _overlaps_taken(taken: list[tuple[int, int]], s: int, e: int) -> bool:
    """True when ``[s, e)`` overlaps one of the sorted, disjoint spans already ``taken``."""
    i = bisect.bisect_right(taken, (s, 1 << 62))
    return bool((i and taken[i - 1][1] > s) or (i < len(taken) and taken[i][0] < e))


def _numbered_units(norm: str, data: _FacilityData, taken: list[tuple[int, int]], hit_sents: set[int],
                    sent_index, landmark) -> list[FacilityMention]:
    """``اللواء 93``, ``الفرقة 17``: a unit word and a number name one base, outside the nouns already taken."""
    out: list[FacilityMention] = []
    if data.numbered_re is None:
        return out
    for m in data.numbered_re.finditer(norm):
        s, e = m.start("unit"), m.end("num")
        si = sent_index(s)
        if si not in hit_sents:
            continue
        if _overlaps_taken(taken, s, e):
            continue
        ws = s
        while ws > 0 and norm[ws - 1] not in " \n":
            ws -= 1
        if landmark(ws, e, si):
            continue
        out.append(FacilityMention(ns=s, ne=e, type=data.numbered_type[m.group("unit")], count=1))
    return out


def _named_sites(norm: str, data: _FacilityData, taken: list[tuple[int, int]], hit_sents: set[int],
                 sent_index, landmark) -> list[FacilityMention]:
    """``محطة علوك للمياه``, ``حقل العمر النفطي``: a head noun, the site's name, then its kind: one
    facility of that kind, outside the nouns already taken."""
    out: list[FacilityMention] = []
    for site_re, kinds in data.named_sites:
        for m in site_re.finditer(norm):
            s, e = m.start("unit"), m.end("tail")
            si = sent_index(s)
            if si not in hit_sents:
                continue
            if _overlaps_taken(taken, s, e):
                continue
            if landmark(m.start(), e, si):
                continue
            out.append(FacilityMention(ns=s, ne=e, type=kinds[m.group("tail")], count=1))
    return out


def _drop_named_parts(norm: str, cands: list[FacilityMention], data: _FacilityData,
                      sent_index) -> list[FacilityMention]:
    """``3 محطات للطاقة، بينها محطة كهرباء``: a member named after a counted set of its type is no new entry."""
    if data.part_re is None or len(cands) < 2:
        return cands
    kept: list[FacilityMention] = []
    for f in cands:
        prev = kept[-1] if kept else None
        if prev is not None and prev.count is not None and prev.count > 1 and prev.type == f.type and \
                sent_index(prev.ns) == sent_index(f.ns) and data.part_re.fullmatch(norm, prev.ne, f.ns):
            continue
        kept.append(f)
    return kept


#: Quotation marks and brackets between a word and the facility it governs (رئيس "محكمة ...").
_QUOTES = frozenset('"\'“”«»()[]')
#: Word tokens between two facilities that may still be one noun phrase (a name: مشفى حلب الجامعي).
_MAX_GAP_WORDS = 3


def _words_before(norm: str, lo: int, ws: int) -> list:
    """The tokens of ``norm[lo:ws]`` without quotation marks."""
    return [t for t in word_tokens(norm, lo, ws) if t.text not in _QUOTES]


def _gap_words(norm: str, s: int, e: int) -> list | None:
    """The words between two facilities, or None when punctuation or more than a name's words part them."""
    toks = word_tokens(norm, s, e)
    if len(toks) > _MAX_GAP_WORDS or any(not t.is_word and t.text not in _QUOTES for t in toks):
        return None
    return [t.text for t in toks if t.is_word]


def _conjunct_of_landmark(norm: str, m, landmark_end: int, sent) -> bool:
    """``محيط مشفى المدينة الوطني والجامع المجاور له``: a و-conjunct right after a landmark."""
    if not m.clitic.startswith(clitics.WA) or landmark_end < sent.ns or landmark_end > m.ws:
        return False
    return _gap_words(norm, landmark_end, m.ws) is not None


def _head(norm: str, m) -> str:
    """The first word of a match without its article (مبنى for المبنى)."""
    w = norm[m.ns:m.ne].split(" ")[0]
    return w[2:] if m.fused or w.startswith(clitics.ARTICLE) and len(w) > 4 else w


def _not_a_target(norm: str, m, prev, nxt, sent, data: _FacilityData) -> bool:
    """The ordered rules that read a facility noun as something other than a target (first that fires)."""
    lo = max(sent.ns, m.ws - _SCAN_CHARS)
    return any(rule(norm, m, prev, nxt, lo, data) for _, rule in _NOT_A_TARGET)


def _building_of(norm, m, prev, nxt, lo, data) -> bool:
    """``مبنى مخفر المدينة``, ``مبنى المدرسة``: a generic noun right before a facility is that facility's
    building, one target."""
    if nxt is None or m.value.form != "sg" or _head(norm, m) not in data.generic:
        return False
    return nxt.clitic in ("", clitics.LI) and not norm[m.ne:nxt.ws].strip()


def _owner(norm, m, prev, nxt, lo, data) -> bool:
    """``حاجزاً لفرع المخابرات``, ``حاجز يتبع لفرع الأمن``: a facility after ل right behind another one
    owns it; only the first was hit."""
    if prev is None or not (m.clitic == clitics.LI or m.fused and not m.clitic):
        return False
    return _gap_words(norm, prev.ne, m.ws) is not None


def _location_of(norm, m, prev, nxt, lo, data) -> bool:
    """``مشفى في مخيم اليرموك``, ``مدرسة داخل مخيم``: a facility after a preposition of place right behind
    another one says where that one is."""
    if prev is None:
        return False
    words = _gap_words(norm, prev.ne, m.ws)
    if words is None or any(w[:1] in clitics.CONJ and w not in data.location_preps for w in words):
        return False  # a new conjunct (وأخرى في المشفى) is a target of its own
    if m.clitic == clitics.BI:
        return True
    return bool(words) and words[-1] in data.location_preps


def _source(norm, m, prev, nxt, lo, data) -> bool:
    """``وفق ما ذكر مركز الدفاع المدني``, ``ووثق ناشطون ومركز الدفاع المدني``: the subject of a verb of
    reporting is the organisation that speaks, not a site."""
    toks = _words_before(norm, lo, m.ws)
    # the verb right before, or before a one- or two-word subject this noun is joined to with و
    reach = 3 if m.clitic.startswith(clitics.WA) else 1
    for k in range(1, min(reach, len(toks)) + 1):
        t = toks[-k]
        if not t.is_word:
            return False
        if any(f in data.source_verbs for f in word_forms(t.text)):
            # a conjunct of a facility named after the verb is an object: وثقت الشبكة مشفى ومدرسة
            return prev is None or prev.ne <= t.s
    return False


def _negated(norm, m, prev, nxt, lo, data) -> bool:
    """``ولم يسفر القصف عن أضرار في المدرسة``, ``دون أن تصيب المشفى``: a negation earlier in the facility's
    clause says it was not hit."""
    neg = data.negation_re.search(norm, lo, m.ws) if data.negation_re is not None else None
    if neg is None:
        return False
    return data.negation_end_re is None or data.negation_end_re.search(norm, neg.start() + 1, m.ws) is None


def _named(norm, m, prev, nxt, lo, data) -> bool:
    """``مسجد باسم "جامع الشلاح"``: the facility noun inside a name given to one already named."""
    return _word_before_in(norm, lo, m.ws, data.naming)


def _apposition(norm, m, prev, nxt, lo, data) -> bool:
    """``ورشة نجارة (منشرة أخشاب)``: a facility noun in brackets right after another one names it again."""
    words = _gap_words(norm, prev.ne, m.ws) if prev is not None else None
    if words is None or any(w[:1] == clitics.WA for w in words):
        return False  # a new conjunct: وأصابت (مدرسة البلدة)
    toks = word_tokens(norm, prev.ne, m.ws)
    return bool(toks) and toks[-1].text == "("


#: (name, rule): checked in order; the first that fires drops the facility noun.
_NOT_A_TARGET = (
    ("apposition", _apposition),
    ("building_of_facility", _building_of),
    ("owner_of_facility", _owner),
    ("location_of_facility", _location_of),
    ("reporting_source", _source),
    ("name_of_facility", _named),
    ("negated_hit", _negated),
)


def _is_ratio(norm: str, ns: int, ne: int, data: _FacilityData) -> bool:
    """``مدرسة من كل خمس مدارس``: a share is no count of facilities hit; the total after ``من كل`` or
    ``من أصل`` (دمرت 5 مدارس من أصل 12 مدرسة) is not one either."""
    if data.every_after_re is not None and data.every_after_re.match(norm, ne):
        return True
    return data.ratio_before_re is not None and data.ratio_before_re.search(norm, max(0, ns - 24), ns) is not None


def _drop_set_members(cands: list[FacilityMention], body_start: int, sent_index) -> list[FacilityMention]:
    """``أصابت ثلاث مدارس ... في 6 كانون الأول، أصاب صاروخ مدرسة في سرمين``: single facilities of a type
    the body counted as a set before, in a sentence that counts no other type, are members of that set
    until it is used up. A multi-type tally (19 مستشفى و6 نقاط طبية و37 مدرسة) opens no set: its
    incidents are their own entries; so is a sentence that lists several facilities (a breakdown:
    يضم روضة أطفال ومدرسة ابتدائية ومدرستين إعداديتين)."""
    types_by_sent: dict[int, set[str]] = {}
    mentions_by_sent: Counter[int] = Counter()
    for f in cands:
        types_by_sent.setdefault(sent_index(f.ns), set()).add(f.type)
        mentions_by_sent[sent_index(f.ns)] += 1
    open_sets: dict[str, tuple[int, int]] = {}  # type -> (members not yet named, sentence index)
    kept = []
    for f in cands:
        si = sent_index(f.ns)
        if f.ns >= body_start and f.count is not None:
            left, at = open_sets.get(f.type, (0, si))
            if f.count == 1 and left > 0 and at < si and mentions_by_sent[si] == 1:
                open_sets[f.type] = (left - 1, at)
                continue
            if f.count > 1 and len(types_by_sent[si]) == 1:
                open_sets[f.type] = (f.count, si)
        kept.append(f)
    return kept


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(spans, (pos, _BIG)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _claim_spans(nt: NormText, sents: list, starts: list[int], data: _FacilityData,
                 actors: Sequence[ActorMention] | None) -> list[tuple[int, int]]:
    """What a party to the conflict claims or denies (قالت روسيا إن ...): from the verb to the end of the
    claim (the sentence end, or a comma before a connective that starts the author's own words)."""
    if data.claim_re is None:
        return []
    norm = nt.norm
    found = list(data.claim_re.finditer(norm))
    if data.denial_re is not None:
        found += data.denial_re.finditer(norm)
    if not found:
        return []
    if actors is None:
        from pipeline.stages.actors import find_actors  # only when the text has a claim verb

        actors = find_actors(nt)
    party = sorted((a.ns, a.ne) for a in actors if a.id != "unknown")
    out: list[tuple[int, int]] = []
    for m in found:
        ws, we = m.start("who"), m.end("who")
        i = bisect.bisect_left(party, (ws, -1))
        if i >= len(party) or party[i][0] >= we:
            continue  # the speaker is not a party (ناشطون، الدفاع المدني، المرصد)
        sent = sents[bisect.bisect_right(starts, m.start()) - 1]
        end = sent.ne
        if data.claim_end_re is not None:
            e = data.claim_end_re.search(norm, m.end(), sent.ne)
            if e is not None:
                end = e.start()
        out.append((m.start("v"), end))
    out.sort()
    return out


def _in_descriptive_clause(norm: str, ws: int, sent, ctx_pos: list[int], data: _FacilityData) -> bool:
    """``محطة المياه، التي تغذي المدينة ومخيم الهول، ...``, ``البلدة التي تضم مدرستين ومشفى``: a facility
    inside a relative clause that has no damage word itself describes something; it is not a target."""
    if data.relative_word_re is None:
        return False
    lo = max([sent.ns] + [norm.rfind(c, sent.ns, ws) + 1 for c in ",.;:"])
    rel = None
    for rel in data.relative_word_re.finditer(norm, lo, ws):
        pass
    if rel is None:
        return False
    rm = data.relative_re.match(norm, rel.start(), sent.ne)
    if rm is None or not (rm.start() <= ws < rm.end()):
        return False
    k = bisect.bisect_left(ctx_pos, rel.start())
    return not (k < len(ctx_pos) and ctx_pos[k] < rm.end())


def _num_end(n: NumberMention) -> int:
    """End of the number itself: a mention may run on over its noun and qualifier (ثلاث مدارس على الأقل)."""
    return n.core[1] if n.core is not None else n.ne


def _number_before(norm: str, ws: int, nums: list[NumberMention], num_ends: list[int],
                   lo: int) -> NumberMention | None:
    """The number mention right before position ``ws`` (only spaces or ' من ' between)."""
    i = bisect.bisect_right(num_ends, ws) - 1
    while i >= 0 and num_ends[i] > ws - 12:
        n = nums[i]
        if n.ns >= lo:
            gap = _NUMBER_GAP.fullmatch(norm, num_ends[i], ws)
            if gap is not None:
                return n
        i -= 1
    return None


def _body_start(norm: str) -> int:
    """Where the body starts: after the leading title lines (lines with no sentence-final mark)."""
    pos = 0
    while True:
        nl = norm.find("\n", pos)
        if nl < 0:
            return pos if pos else 0
        line = norm[pos:nl].strip()
        if not line or len(line) > 250 or regex.search(r"[.!?]", line):
            return pos
        pos = nl + 1


def _is_destination(norm: str, lo: int, ws: int, data: _FacilityData) -> bool:
    """``نقل الجرحى إلى المشفى``: a preposition of direction right before, a moving verb a few words back."""
    words = [t.text for t in word_tokens(norm, lo, ws) if t.is_word][-_DEST_WINDOW:]
    if not words:
        return False
    last = word_forms(words[-1])
    if any(f in data.dest_preps for f in last) and \
            any(f in data.dest_verbs for w in words[:-1] for f in word_forms(w)):
        return True
    # where people or aircraft left from: أقلعت من مطار, النزوح من المخيمين
    return any(f in data.origin_preps for f in last) and \
        any(f in data.origin_verbs for w in words[:-1] for f in word_forms(w))


def _anaphoric_after(norm: str, ne: int, lo_end: int, data: _FacilityData) -> bool:
    toks = word_tokens(norm, ne, min(lo_end, ne + 20))
    return bool(toks) and toks[0].is_word and toks[0].text in data.anaphoric_after


def _person_possessor(norm: str, lo: int, ws: int, data: _FacilityData) -> bool:
    """``مدير المخيم``, ``قاطني المخيمين``, ``سكان إحدى المدارس``: the facility owns a person noun; it
    says who the people are, not what was hit."""
    toks = _words_before(norm, lo, ws)
    if not toks or not toks[-1].is_word:
        return False
    k = len(toks) - 1
    if any(f in data.one_of for f in word_forms(toks[k].text)):
        k -= 1
        if k < 0 or not toks[k].is_word:
            return False
    return any(f in data.person_heads for f in word_forms(toks[k].text))


def _word_before_in(norm: str, lo: int, ws: int, words: frozenset[str]) -> bool:
    toks = _words_before(norm, lo, ws)
    return bool(toks) and toks[-1].is_word and any(f in words for f in word_forms(toks[-1].text))


def _one_of_before(norm: str, lo: int, ws: int, data: _FacilityData) -> bool:
    toks = _words_before(norm, lo, ws)
    return bool(toks) and toks[-1].is_word and any(f in data.one_of for f in word_forms(toks[-1].text))


def _is_locative(norm: str, lo: int, ws: int, data: _FacilityData) -> bool:
    words: list[str] = []
    for t in reversed(_words_before(norm, lo, ws)):
        if not t.is_word:
            break
        words.append(t.text)
        if len(words) >= data.max_locative:
            break
    words.reverse()
    if _is_destination(norm, lo, ws, data):
        return True
    if len(words) >= 2 and " ".join(words[-2:]) in data.not_locative:
        return False  # "إلى جانب محطة ضخ المياه": in addition to, not beside
    if len(words) > 1 and any(f in data.one_of for f in word_forms(words[-1])):
        words.pop()  # قرب أحد مراكز الدفاع المدني
    if len(words) > 1 and any(f in data.locative_heads for f in word_forms(words[-1])):
        words.pop()
    for k in range(1, len(words) + 1):
        tail = words[-k:]
        rest = " ".join(tail[1:])
        for f in word_forms(tail[0]):
            if ((f + " " + rest) if rest else f) in data.locative:
                return True
    return False


def _attach_perpetrators(facs: list[FacilityMention], actors: Sequence[ActorMention],
                         sents: list, starts: list[int], norm: str) -> None:
    """The sentence's single perpetrator; with several, the single one of the facility's clause (between
    commas): ``دمرت غارة روسية مشفى البلدة، فيما قتلت قوات النظام 4 مدنيين`` -> russia. Else None (the events
    stage decides)."""
    by_sent: dict[int, list[ActorMention]] = {}
    for a in actors:
        if a.role == "perpetrator":
            by_sent.setdefault(bisect.bisect_right(starts, a.ns) - 1, []).append(a)
    for f in facs:
        si = bisect.bisect_right(starts, f.ns) - 1
        found = by_sent.get(si)
        if not found:
            continue
        ids = {a.id for a in found}
        if len(ids) > 1:
            sent = sents[si]
            lo = max(norm.rfind(",", sent.ns, f.ns), norm.rfind(";", sent.ns, f.ns), sent.ns)
            hi = min((x for x in (norm.find(",", f.ne, sent.ne), norm.find(";", f.ne, sent.ne)) if x >= 0),
                     default=sent.ne)
            ids = {a.id for a in found if lo <= a.ns < hi}
        if len(ids) == 1:
            f.perpetrator = next(iter(ids))
