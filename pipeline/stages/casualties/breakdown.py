"""Breakdowns: parts of a total (``بينهم``), shares, and the check that parts never exceed their total."""
from __future__ import annotations

import bisect
from typing import Sequence

import regex

from pipeline.core.mentions import CasualtyMention, NumberMention
from pipeline.core.phrases import ONLY_SPACE, WordTokens as _Tokens
from pipeline.core.settings import (CAS_BREAKDOWN_GAP, CAS_CASES_TOTAL_SENTENCES, CAS_NAMED_TOTAL_BEFORE,
                                    CAS_SHARE_OPENING_WORDS)
from pipeline.core.text import has_char_between, line_start, rx
from pipeline.stages.casualties.common import (
    AND_TAIL, CLAUSE_CHARS, COUNT_LINE, age_list_gap, colon_intro, GAP_TAIL, LIST_GAP, OPEN_GAP, SENT_BREAK,
    SENT_COMMA_CHARS, mark_in, start_of,
)
from pipeline.stages.casualties.lexicon import Lex, load_lexicon
from pipeline.stages.casualties.model import Item
from pipeline.stages.casualties.nouns import group_at, outcome_noun_at
from pipeline.stages.casualties.scan import Scan


def _is_breakdown_gap(lo: int, hi: int, lex: Lex, toks: _Tokens, norm: str) -> bool:
    """True when the gap ``[lo, hi)`` (between a count and the next) ends with a breakdown marker like ``بينهم``.

    Words may come before the marker (``في مدينة دوما بينهم``), but no sentence break.
    """
    if hi - lo > CAS_BREAKDOWN_GAP or (SENT_BREAK.search(norm, lo, hi) and
                                       not marker_opens_line(lo, hi, lex, toks, norm)):
        return False
    i0, i1 = toks.first_at_or_after(lo), toks.last_ending_by(hi)
    if i1 < i0 or not GAP_TAIL.fullmatch(norm, toks.e[i1], hi):
        return False
    for i in range(max(i0, i1 - 2), i1 + 1):
        m = lex.breakdown.match(toks, i)
        if m is not None and m[0] == i1 + 1:
            return True
    return False


def marker_opens_line(lo: int, hi: int, lex: Lex, toks: _Tokens, norm: str) -> bool:
    """True when the gap ``[lo, hi)`` is the end of a line (no full stop) and a next line that opens with a
    breakdown marker (a headline's ``مقتل 145 مدنياً خلال آذار`` / ``بينهم 28 طفلاً``)."""
    nl = norm.rfind("\n", lo, hi)
    if nl < 0 or hi - lo > CAS_BREAKDOWN_GAP or rx(r"[.;]|\n[^\S\n]*\n").search(norm[lo:nl + 1]):
        return False
    k = toks.first_at_or_after(nl)
    m = lex.breakdown.match(toks, k)
    return m is not None and rx(r"\s*").fullmatch(norm[nl:toks.s[k]]) is not None and \
        OPEN_GAP.fullmatch(norm, toks.e[m[0] - 1], hi) is not None


def _fits_in_total(it: Item, total_k: int, kept: list[Item]) -> bool:
    """Parts of one total never add up to more than it: a count that would is a count of its own
    (``322 مقاتلاً، بينهم 41 …، و283 عنصراً من التنظيم``); nor is a group the total's group excludes."""
    total = kept[total_k]
    if it.group in load_lexicon().part_group_excludes.get(total.group or "", ()):
        return False  # "149 من المدنيين بينهم 4 سيدات، و127 من العسكريين": fighters are no part of civilians
    if total.value is None or it.value is None:
        return True
    # (parts always come after their total: only the items since it are looked at)
    parts = sum(k.value or 0 for k in kept[total_k + 1:] if k.part_of == total_k and k.group == it.group)
    return parts + it.value <= total.value


def sibling_of_total(it: Item, prev: Item, kept: list[Item], norm: str) -> bool:
    """A count joined by a comma after a part of another group that counts its total's own group (اعتقلت X 40
    شخصاً، بينهم 3 نساء، و12 حالة على يد Y): not a subgroup of that total but a count of its own, beside it;
    with no comma the list of parts goes on (بينهم 40 طفلاً و3 شهداء قضوا تحت التعذيب)."""
    if prev.part_of is None or it.kind not in ("count", "single") or "," not in norm[prev.ne:it.ns]:
        return False
    total = kept[prev.part_of]
    return it.group == total.group and prev.group != total.group


def _joins_part_list(it: Item, prev: Item, kept: list[Item], lex: Lex, toks: _Tokens, norm: str) -> bool:
    """``بينهم 4 أطفال إضافة إلى سيدتين``: a joiner right after a part, with no comma, before a count of a
    group no part of that total has yet and not followed by ``آخرين``, continues the list of parts."""
    i = toks.first_at_or_after(prev.ne)
    if i >= len(toks) or has_char_between(norm, SENT_COMMA_CHARS, prev.ne, toks.s[i]):
        return False
    m = lex.part_joiners.match(toks, i)
    if m is None or m[0] >= len(toks) or not rx(r"\s*").fullmatch(norm[toks.e[m[0] - 1]:it.ns]):
        return False
    j = toks.first_at_or_after(it.ne)
    if j < len(toks) and lex.elliptic.match(toks, j) is not None and toks.s[j] - it.ne <= 2:
        return False
    groups = {k.group for k in kept[prev.part_of + 1:] if k.part_of == prev.part_of}  # parts follow their total
    return it.group not in groups


def joiner_before(it: Item, prev: Item, lex: Lex, toks: _Tokens) -> bool:
    """A part-list joiner (إضافة إلى) stands right before ``it``, after ``prev``."""
    i = toks.last_ending_by(it.ns)
    for k in range(max(0, i - 2), i + 1):
        m = lex.part_joiners.match(toks, k)
        if m is not None and m[0] == i + 1 and toks.s[k] >= prev.ne:
            return True
    return False


def part_of_not_total(it: Item, not_totals: list[int], nums: list[NumberMention], lex: Lex, toks: _Tokens,
                       norm: str) -> bool:
    """A count right after a breakdown marker that follows a count that is not a casualty, with no other
    number between. Only the ends after the last number before the item can qualify (logarithmic)."""
    k = bisect.bisect_left(nums, it.ns, key=start_of)
    lo = nums[k - 1].ns + 1 if k else 0  # an end must come after the last number before the item
    a, b = bisect.bisect_left(not_totals, lo), bisect.bisect_right(not_totals, it.ns)
    return any(_is_breakdown_gap(e, it.ns, lex, toks, norm) for e in not_totals[a:b])


def check_breakdowns(casualties: Sequence[CasualtyMention]) -> list[str]:
    """Warnings for breakdowns whose parts add up to more than their total."""
    totals: dict[tuple[tuple[int, int], str], CasualtyMention] = {}
    parts: dict[tuple[tuple[int, int], str], list[CasualtyMention]] = {}
    for c in casualties:
        po = getattr(c, "part_of", None)
        if po is None:
            totals[((c.ns, c.ne), c.outcome)] = c
        else:
            parts.setdefault((tuple(po), c.outcome), []).append(c)
    out: list[str] = []
    for key, ps in parts.items():
        t = totals.get(key)
        if t is None:
            continue
        cap = t.count if t.count is not None else t.max
        if cap is None:
            continue
        total_parts = sum((p.count if p.count is not None else (p.min or 0)) for p in ps)
        if total_parts > cap:
            label = getattr(t, "label", "") or f"{t.count}"
            out.append(f"breakdown exceeds its total: {label} ({t.outcome} {t.group} {cap}) "
                       f"has parts adding up to {total_parts}")
    return out


def link_part(sc: Scan, it: Item, prev: Item, kept: list[Item]) -> None:
    """Make ``it`` a part (``part_of``) or a share (``share_of``) of the total before it, when it is one:
    after a breakdown marker (بينهم، منهم), in a list of parts that goes on, or as ``N منهم`` right after."""
    norm = sc.norm
    gap = norm[prev.ne:it.ns]
    total = len(kept) - 1 if prev.part_of is None else prev.part_of
    k_lo = bisect.bisect_right(sc.num_starts, prev.ne)
    k_hi = bisect.bisect_left(sc.num_starts, it.ns)
    if kept and kept[-1] is prev and k_hi <= k_lo and it.kind in ("count", "single") and \
            _OPEN_BRACKET.fullmatch(gap) and _fits_in_total(it, len(kept) - 1, kept):
        it.part_of = len(kept) - 1  # "65 مدنياً (8 سيدات و9 أطفال)": the bracket right after a count breaks it down
    elif k_hi <= k_lo and _is_breakdown_gap(prev.ne, it.ns, sc.lex, sc.toks, norm):
        lo = prev.ne
        kc = bisect.bisect_left(sc.cue_starts, lo)
        if kc < len(sc.cues) and (ONLY_SPACE.fullmatch(norm, lo, sc.cues[kc][0]) is not None or
                                  _SLASH_SYNONYM.fullmatch(norm, lo, sc.cues[kc][0]) is not None):
            # "20 مدنياً قتلوا …، بينهم 5 أطفال": the total's own verb makes no share; nor does a second name
            # of its outcome after a slash (88 حالة اعتقال/ احتجاز منها 6 قاصرين)
            lo = sc.cues[kc][1]
        if mark_in(sc.cue_starts, lo, it.ns):
            it.split = True  # "قتلت قوات النظام منهم 174 مدنياً": a share with its own agent
            it.share_of = total
        else:
            it.part_of = total
    elif prev.part_of is not None and it.kind != "bare" and _fits_in_total(it, prev.part_of, kept) and \
            (LIST_GAP.fullmatch(gap) is not None or age_list_gap(sc.lex, sc.toks, norm, prev.ne, it.ns)) and \
            not sibling_of_total(it, prev, kept, norm):
        it.part_of = prev.part_of
    elif prev.part_of is not None and it.kind == "count" and _fits_in_total(it, prev.part_of, kept) and \
            _joins_part_list(it, prev, kept, sc.lex, sc.toks, norm):
        it.part_of = prev.part_of  # "بينهم 4 أطفال إضافة إلى سيدتين": the list of parts goes on
    elif it.kind == "count_of_them" and rx(r"[\s,]*").fullmatch(gap):
        it.part_of = total


#: between a count's noun and a second name of its outcome: at most one word, then a slash (تعسفي/ احتجاز)
_SLASH_SYNONYM = regex.compile(r"\s*(?:\p{L}+\s*)?/\s*")

#: what stands between a count and the first part of its bracketed breakdown
_OPEN_BRACKET = regex.compile(r"\s*[(\[]\s*")


def colon_list_total(sc: Scan, it: Item, kept: list[Item]) -> int | None:
    """The count on the line ending with a colon above the line ``it`` opens (بلغ عدد القتلى 650 شخصاً،
    وهم: / 65 مدنياً … / 477 عنصراً …): the total whose parts the lines list, when they fit in it."""
    ls = line_start(sc.norm, it.ns)
    if COUNT_LINE.match(sc.norm, ls) is None or sc.norm[ls:it.ns].strip(" \t(") != "":
        return None
    ps = colon_intro(sc.norm, ls)
    if ps < 0:
        return None
    for k in range(len(kept) - 1, -1, -1):
        t = kept[k]
        if t.ns < ps:
            return None
        if t.part_of is None and t.ns < sc.norm.find("\n", ps) and set(it.outcomes) <= set(t.outcomes):
            return k if _fits_in_total(it, k, kept) else None
    return None


def share_opening_sentence(sc: Scan, it: Item, kept: list[Item]) -> int | None:
    """``… 140 ضحية، بينهم … . / قضى منهم 90 برصاص …``: a count right after a breakdown marker that
    follows the outcome verb opening its sentence is a share of the first total of the sentence before; the
    index of that total, else None."""
    if not kept or it.sent < 1 or kept[-1].sent != it.sent - 1 or not sc.sents:
        return None
    toks, lex, norm = sc.toks, sc.lex, sc.norm
    lo = sc.sents[it.sent].ns
    j = toks.last_ending_by(it.ns)
    if j < 0 or OPEN_GAP.fullmatch(norm, toks.e[j], it.ns) is None:
        return None
    for k in range(max(0, j - 2), j + 1):
        m = lex.breakdown.match(toks, k)
        if m is None or m[0] != j + 1 or toks.s[k] < lo:
            continue
        k0 = toks.first_at_or_after(lo)
        if 0 < k - k0 <= CAS_SHARE_OPENING_WORDS and mark_in(sc.cue_starts, lo, toks.s[k]) and \
                not has_char_between(norm, CLAUSE_CHARS, lo, toks.s[k]):
            return next((i for i, t in enumerate(kept) if t.sent == it.sent - 1 and t.part_of is None), None)
    return None


def link_named_total(sc: Scan, it: Item, kept: list[Item]) -> None:
    """Make ``it`` a part of the total a breakdown names (:func:`named_total`), when it is no part yet; a count of
    cases referring back to the cases told before (``40 حالة من تلك الحالات``) a share of that tally."""
    if it.case and it.split and it.part_of is None and it.share_of is None:
        it.share_of = next((k for k in range(len(kept) - 1, -1, -1) if kept[k].part_of is None and
                            kept[k].share_of is None and it.sent - kept[k].sent <= CAS_CASES_TOTAL_SENTENCES and
                            set(kept[k].outcomes) <= _CASE_OUTCOMES and (kept[k].value or 0) >= (it.value or 0)),
                           None)
    if it.part_of is None and it.share_of is None:
        k = named_total(sc, it, kept)
        if k is not None:
            it.part_of, it.why_part = k, ("restated_count_of_total" if it.restated else "breakdown_of_named_total")


def named_total(sc: Scan, it: Item, kept: list[Item]) -> int | None:
    """``breakdown_of_named_total``: the index of the count told before that a breakdown naming its total
    breaks down, else None. The breakdown opens with an among or distributing word, the total's outcome noun
    and/or group and maybe its number (``بين الجرحى المدنيين الـ85، 20 طفلاً … و9 نساء``، ``ويتوزع
    المصابون غير المدنيين على جبهتين بين 30 … و12 …``); ``it`` is its first count, or one joined by و after
    counts that are already parts of that total. A restated count (``المدنيين الـ85``) is a part of the count of its group
    and number told before."""
    if not kept or it.kind not in ("count", "single") or not sc.sents:
        return None
    if it.restated:
        k = next((k for k in range(len(kept) - 1, -1, -1) if kept[k].value == it.value and
                  kept[k].group == it.group and (not it.outcomes or set(it.outcomes) & set(kept[k].outcomes))), None)
        return k if k is not None and _fits_in_total(it, k, kept) else None
    toks = sc.toks
    lo = max(sc.sents[it.sent].ns, it.ns - CAS_NAMED_TOTAL_BEFORE)
    for i in range(toks.last_ending_by(it.ns), toks.first_at_or_after(lo) - 1, -1):
        named = _named_total_at(sc, i)
        if named is None:
            continue
        end, outcome, group, negated, value = named
        if end > it.ns:
            continue
        k = _named_total_index(kept, end, outcome, group, negated, value)
        if k is None or not _fits_in_total(it, k, kept) or not _parts_since(sc, end, it, kept, k):
            return None
        return k
    return None


def _named_total_at(sc: Scan, i: int) -> tuple[int, str | None, str | None, bool, int | None] | None:
    """The breakdown opener naming a total at word ``i`` (see :func:`named_total`): where it ends, the total's
    outcome, group (negated: ``غير المدنيين``) and number."""
    lex, toks = sc.lex, sc.toks
    m = lex.among.match(toks, i) or lex.total_openers.match(toks, i)
    if m is None or m[0] >= len(toks):
        return None
    j, outcome, group = m[0], None, None
    o = outcome_noun_at(lex, toks, j)
    if o is not None:
        if len(o[1]) != 1:
            return None
        j, outcome = o[0], o[1][0]
    negated = j < len(toks) and toks.t[j] in lex.negators
    g = group_at(lex, toks, j + negated) if j + negated < len(toks) else None
    if g is not None and g[1].number == "plural" and (outcome is not None or g[1].group not in lex.state_groups):
        j, group = g[0], g[1].group
    elif negated or outcome is None:
        return None
    end, value = toks.e[j - 1], None
    if j < len(toks) and toks.t[j] == lex.article:
        k = bisect.bisect_left(sc.num_starts, toks.e[j])
        if k < len(sc.nums) and sc.nums[k].ns - toks.e[j] <= 1:
            end, value, j = sc.nums[k].ne, sc.nums[k].value, toks.first_at_or_after(sc.nums[k].ne)
    if group is None and value is None:
        return None  # an outcome noun alone names no total (ومن بين الجرحى 5 أطفال: among_earlier_total's)
    ln = lex.total_links.match(toks, j) if j < len(toks) else None
    if ln is not None:
        end = toks.e[ln[0] - 1]
    return end, outcome, group, negated, value


def _named_total_index(kept: list[Item], end: int, outcome: str | None, group: str | None, negated: bool,
                       value: int | None) -> int | None:
    """The latest count kept before ``end`` of the named total's outcome and group (any group that one
    excludes, when it is negated) or number."""
    excludes = load_lexicon().part_group_excludes
    for k in range(len(kept) - 1, -1, -1):
        t = kept[k]
        if t.ns >= end or (outcome is not None and outcome not in t.outcomes):
            continue
        if value is not None:
            ok = t.value == value and (group is None or t.group == group)
        else:
            ok = t.group in excludes.get(group, ()) if negated else t.group == group
        if ok:
            return k
    return None


def _parts_since(sc: Scan, end: int, it: Item, kept: list[Item], k: int) -> bool:
    """Between the named total's end and ``it``: only punctuation (``it`` is the first part), or counts that
    are all parts of that total (or the total itself), the last one joined to ``it`` by و in its sentence."""
    between = [t for t in kept if end <= t.ns < it.ns]
    if not between:
        return _FIRST_PART_GAP.fullmatch(sc.norm, end, it.ns) is not None
    last = between[-1]
    return all(t.part_of == k or t is kept[k] for t in between) and it.ns - last.ne <= CAS_BREAKDOWN_GAP and \
        not SENT_BREAK.search(sc.norm, last.ne, it.ns) and AND_TAIL.search(sc.norm, last.ne, it.ns) is not None


#: the outcomes a count of cases may have
_CASE_OUTCOMES = frozenset({"detained", "disappeared"})

#: between a breakdown naming its total and its first part: spaces, commas, a colon, quotes, a bracket
_FIRST_PART_GAP = regex.compile(r"[\s,:\"'“”«»(]*")
