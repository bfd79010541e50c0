"""How many facilities a mention counts, and the mentions that count nothing new."""
from __future__ import annotations

import bisect
from collections import Counter

import regex

from pipeline.core import settings as S
from pipeline.core.mentions import FacilityMention, NumberMention
from pipeline.core.phrases import term_variants
from pipeline.core.text import rx
from pipeline.stages.facilities.terms import Fac, FacilityData


def count_of(ns: int, fac: Fac, num: NumberMention | None, one_of: bool) -> tuple[int, int] | None:
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


def overlaps_taken(taken: list[tuple[int, int]], s: int, e: int) -> bool:
    """True when ``[s, e)`` overlaps one of the sorted, disjoint spans already ``taken``."""
    i = bisect.bisect_right(taken, (s, 1 << 62))
    return bool((i and taken[i - 1][1] > s) or (i < len(taken) and taken[i][0] < e))


def numbered_units(norm: str, data: FacilityData, taken: list[tuple[int, int]], hit_sents: set[int],
                    sent_index, landmark) -> list[FacilityMention]:
    """``اللواء 93``, ``الفرقة 17``: a unit word and a number name one base, outside the nouns already taken."""
    out: list[FacilityMention] = []
    if data.numbered_scan is None:
        return out
    for m in data.numbered_scan.finditer(norm):
        s, e = m.start("unit"), m.end("num")
        si = sent_index(s)
        if si not in hit_sents:
            continue
        if overlaps_taken(taken, s, e):
            continue
        ws = s
        while ws > 0 and norm[ws - 1] not in " \n":
            ws -= 1
        if landmark(ws, e, si):
            continue
        out.append(FacilityMention(ns=s, ne=e, type=data.numbered_type[m.group("unit")], count=1))
    return out


def named_sites(norm: str, data: FacilityData, taken: list[tuple[int, int]], hit_sents: set[int],
                 sent_index, landmark) -> list[FacilityMention]:
    """``محطة علوك للمياه``, ``حقل العمر النفطي``: a head noun, the site's name, then its kind: one
    facility of that kind, outside the nouns already taken."""
    out: list[FacilityMention] = []
    for site_scan, kinds in data.site_scans:
        for m in site_scan.finditer(norm):
            s, e = m.start("unit"), m.end("tail")
            si = sent_index(s)
            if si not in hit_sents:
                continue
            if overlaps_taken(taken, s, e):
                continue
            if landmark(m.start(), e, si):
                continue
            out.append(FacilityMention(ns=s, ne=e, type=kinds[m.group("tail")], count=1))
    return out


def _forms(word: str, art: str) -> frozenset[str]:
    """A noun without its article, with and without the tanween alef (المركز، مركزاً -> مركز، مركزا)."""
    word = word[len(art):] if word.startswith(art) and len(word) > len(art) + 2 else word
    return frozenset(v for v, _ in term_variants(word))


def elliptic_counts(td, data: FacilityData, nums: list[NumberMention], heads, spans: list[tuple[int, int]],
                    sent_index) -> list[FacilityMention]:
    """``9 مراكز تابعة للدفاع المدني ... دمرت قوات النظام 5 مراكز منها``: later in the sentence of a facility
    counted with a number, a number and the bare head word of its noun phrase, or of another phrase of its
    type (phrase_heads: 10 مراكز), count more of that type (rule elliptic_count). The head must end its phrase
    there (punctuation, a و-word, a preposition or منها after it), outside every facility noun of the text
    (نقاط عسكرية after 5 نقاط طبية is a post)."""
    out: list[FacilityMention] = []
    art = data.cl.article
    for f, (hs, he) in heads:
        head, si = _forms(td.norm[hs:he], art), sent_index(f.ns)
        head = head | data.phrase_heads[f.type] if head & data.phrase_heads[f.type] else head
        for n in nums:
            if n.ns <= f.ne or n.value is None or n.kind in ("percent", "rate") or sent_index(n.ns) != si:
                continue
            toks = td.tokens(num_end(n), min(len(td.norm), num_end(n) + S.FACILITY_NUMBER_REACH * 3))
            if len(toks) < 1 or not toks[0].is_word or not head & _forms(toks[0].text, art):
                continue
            nxt = toks[1] if len(toks) > 1 else None
            if nxt is not None and nxt.is_word and not (nxt.text.startswith(data.cl.and_) or nxt.text in data.ellipsis_ends):
                continue
            if overlaps_taken(spans, n.ns, toks[0].e):
                continue
            g = FacilityMention(ns=n.ns, ne=toks[0].e, type=f.type, count=n.value)
            g.why["count"] = ("elliptic_count", (hs, he))
            out.append(g)
    return out


def drop_named_parts(norm: str, cands: list[FacilityMention], data: FacilityData,
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

def is_ratio(norm: str, ns: int, ne: int, data: FacilityData) -> bool:
    """``مدرسة من كل خمس مدارس``: a share is no count of facilities hit; the total after ``من كل`` or
    ``من أصل`` (دمرت 5 مدارس من أصل 12 مدرسة) is not one either."""
    if data.every_after_re is not None and data.every_after_re.match(norm, ne):
        return True
    return data.ratio_before_re is not None and data.ratio_before_re.search(norm, max(0, ns - S.FACILITY_RATIO_REACH), ns) is not None


def drop_set_members(cands: list[FacilityMention], body_start: int, sent_index) -> list[FacilityMention]:
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


def num_end(n: NumberMention) -> int:
    """End of the number itself: a mention may run on over its noun and qualifier (ثلاث مدارس على الأقل)."""
    return n.core[1] if n.core is not None else n.ne


def number_before(norm: str, ws: int, nums: list[NumberMention], num_ends: list[int],
                  lo: int, gap_re) -> NumberMention | None:
    """The number mention right before position ``ws`` (only spaces or ' من ' between)."""
    i = bisect.bisect_right(num_ends, ws) - 1
    while i >= 0 and num_ends[i] > ws - S.FACILITY_NUMBER_REACH:
        n = nums[i]
        if n.ns >= lo:
            gap = gap_re.fullmatch(norm, num_ends[i], ws)
            if gap is not None:
                return n
        i -= 1
    return None


def body_start_of(norm: str) -> int:
    """Where the body starts: after the leading title lines (lines with no sentence-final mark)."""
    pos = 0
    while True:
        nl = norm.find("\n", pos)
        if nl < 0:
            return pos if pos else 0
        line = norm[pos:nl].strip()
        if not line or len(line) > S.FACILITY_TITLE_MAX_CHARS or rx(r"[.!?]").search(line):
            return pos
        pos = nl + 1
