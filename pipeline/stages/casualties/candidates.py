"""Candidate counts: the numbers that may be casualties (not dates, table cells or definitions), each with
its counted noun, plus bare person nouns and ordinals; overlaps resolved, populations dropped."""
from __future__ import annotations

import bisect
from typing import Sequence

from pipeline.core.mentions import ActorMention, DateMention, NumberMention
from pipeline.core.phrases import ONLY_SPACE as _ONLY_SPACE, WordTokens as _Tokens, stems
from pipeline.core.settings import (
    CAS_HABITUAL_BEFORE, CAS_POPULATION_AFTER, CAS_POPULATION_VERB_WORDS, CAS_RESULT_VERB_WORDS,
)
from pipeline.core.text import has_char_between
from pipeline.stages.casualties.bare_nouns import cue_end_before, find_bare_nouns
from pipeline.stages.casualties.breakdown import part_of_not_total
from pipeline.stages.casualties.common import (
    CLAUSE_CHARS, CLAUSE_PUNCT, Intervals, NOUN_GAP, OPEN_GAP, has_phrase, overlaps, scan_phrases,
)
from pipeline.stages.casualties.items import item_from_number
from pipeline.stages.casualties.lexicon import Lex
from pipeline.stages.casualties.model import Item
from pipeline.stages.casualties.nouns import group_at, non_casualty_before
from pipeline.stages.casualties.scan import Scan
from pipeline.stages.casualties.tables import table_counts


def candidate_items(sc: Scan, numbers: Sequence[NumberMention], acts: list[ActorMention],
                    dates: Sequence[DateMention]) -> tuple[list[Item], list[Item]]:
    """The candidate counts in text order (each with its sentence), and the counts read from table cells.
    Sets ``sc.nums`` (the numbers that break elliptic links) and the item lookups."""
    nums, table_items = _casualty_numbers(sc, numbers, acts, dates)
    items = _number_items(sc, nums)
    # bare singular / dual person nouns not covered by a number
    taken = sorted([(n.ns, n.ne) for n in nums] + [(it.ns, it.ne) for it in items])
    # the subject of an outcome verb (اعتقلت هيئة تحرير الشام ناشطاً إعلامياً): its object may be a bare noun
    subj_ends = {a.ne for a in acts if a.ns > 0 and cue_end_before(a.ns, sc.cue_ends, sc.norm)}
    items.extend(find_bare_nouns(sc.lex, sc.toks, sc.norm, sc.cue_ends, sc.marker_ends, taken, subj_ends,
                                 set(sc.cue_starts)))
    items.extend(_ordinal_items(sc))
    items.extend(_single_outcome_items(sc))
    _extend_bodies(items, acts)
    items = [it for it in _longest(items) if not _not_harmed(it, sc.lex, sc.toks, sc.norm, sc.cue_ends)]
    for it in items:
        it.sent = sc.sent_of(it.ns)
    # numbers in the sentence that are not casualties break elliptic links
    item_nums = {id(it.num) for it in items}
    sc.nums = [n for n in nums if n.kind != "singular" or id(n) in item_nums]
    sc.num_starts = [n.ns for n in sc.nums]
    sc.item_by_num = {id(it.num): it for it in items if it.num is not None}
    sc.item_ends = sorted(it.ne for it in items)
    return items, table_items


def _casualty_numbers(sc: Scan, numbers: Sequence[NumberMention], acts: list[ActorMention],
                      dates: Sequence[DateMention]) -> tuple[list[NumberMention], list[Item]]:
    """The numbers outside dates, table rows and definitions, sorted; and the table cells' counts."""
    date_iv = Intervals((d.ns, d.ne) for d in dates)
    nums = sorted((n for n in numbers if not date_iv.hits(n.ns, n.ne)), key=lambda n: n.ns)
    table_items, table_rows = table_counts(sc.nt, nums, sc.lex, sc.toks, acts, sc.cues, sc.cue_starts, sc.tortures)
    if table_rows:
        rows_iv = Intervals(table_rows)
        nums = [n for n in nums if not rows_iv.hits(n.ns, n.ne)]
    defs = scan_phrases(sc.lex.definitions, sc.toks)
    if defs:  # "تعريف المجزرة بأنها الحادثة التي يقتل فيها 5 أشخاص": a definition, not a count
        def_ends = sorted(d[1] for d in defs)
        # the latest definition before a count decides: no clause break after it means none after an earlier one
        nums = [n for n in nums if not ((k := bisect.bisect_right(def_ends, n.ns)) and
                                        not has_char_between(sc.norm, CLAUSE_CHARS, def_ends[k - 1], n.ns))]
    return nums, table_items


def _number_items(sc: Scan, nums: list[NumberMention]) -> list[Item]:
    """A candidate per number with a counted noun; the parts of a count that is not a casualty dropped."""
    lex, toks, norm = sc.lex, sc.toks, sc.norm
    items: list[Item] = []
    not_totals: list[int] = []  # ends of counts that are not casualties (إنقاذ 23 مدنياً)
    for k, n in enumerate(nums):
        if n.kind == "dual" and items and _ONLY_SPACE.fullmatch(norm, items[-1].ne, n.ns) is not None:
            continue  # a dual in apposition to the count right before it (طفلين شقيقين)
        it = item_from_number(n, lex, toks, norm)
        if it is not None:
            if k + 1 < len(nums):
                _own_count_outcome(it, nums[k + 1], toks, norm)
            items.append(it)
        elif non_casualty_before(n, lex, toks, norm):
            i = toks.first_at_or_after(n.ne)
            g = group_at(lex, toks, i) if i < len(toks) and NOUN_GAP.fullmatch(norm, n.ne, toks.s[i]) else None
            not_totals.append(toks.e[g[0] - 1] if g is not None else n.ne)
    if not_totals:  # the parts of such a count are not casualties either (بينهم 9 أطفال)
        not_totals.sort()
        items = [it for it in items if not part_of_not_total(it, not_totals, nums, lex, toks, norm)]
    return items


def _own_count_outcome(it: Item, nxt: NumberMention, toks: _Tokens, norm: str) -> None:
    """An outcome noun joined by و to a count's noun that is followed right away by the next count names
    that count's outcome, not this one's: ``ارتقاء 12 شهيداً وإصابة 64 شخصاً`` (not "شهيداً وإصابة")."""
    if len(it.outcomes) < 2 or _ONLY_SPACE.fullmatch(norm, it.ne, nxt.ns) is None:
        return
    last = toks.last_ending_by(it.ne)
    if last > 0 and toks.e[last] == it.ne and toks.s[last] > it.ns:
        it.ne = toks.e[last - 1]
        it.outcomes = it.outcomes[:-1]


def _ordinal_items(sc: Scan) -> list[Item]:
    """An ordinal right after an outcome cue names one more person (وأصيب رابع، وإصابة ثالث); an elliptic
    noun with its own number one or two more (وجرح آخر، وأصيب آخران), unless the cue is an event's
    (عملية اغتيال أخرى)."""
    toks, lex, out = sc.toks, sc.lex, []
    for end in sorted(sc.cue_ends):  # the word after each cue's last word, not every word of the text
        k = bisect.bisect_left(toks.e, end) + 1
        if k >= len(toks) or toks.e[k - 1] != end or not toks.joined(k - 1, k):
            continue
        if lex.ordinals.match(toks, k) is not None:
            out.append(Item(toks.s[k], toks.e[k], 1, 1, 1, "exact", kind="others"))
            continue
        m = lex.elliptic_counted.match(toks, k)
        if m is None or (m[0] < len(toks) and toks.joined(m[0] - 1, m[0]) and lex.groups.match(toks, m[0])):
            continue
        c = bisect.bisect_right(sc.cue_starts, toks.s[k - 1]) - 1
        ci = sc.cues[c][3] if c >= 0 and sc.cues[c][1] == toks.e[k - 1] else k - 1
        if ci > 0 and toks.joined(ci - 1, ci) and lex.event_nouns.match(toks, ci - 1) is not None:
            continue
        out.append(Item(toks.s[k], toks.e[m[0] - 1], m[1], m[1], m[1], "exact", kind="others", needs_prev=True))
    return out


def _single_outcome_items(sc: Scan) -> list[Item]:
    """A singular outcome noun that counts one person by itself: right after an outcome cue (ارتقاء شهيد),
    after the عن of a result verb a few words back (أسفر الانفجار عن قتيل), or before a word one (سقط قتيل
    واحد); persons."""
    toks, lex, out = sc.toks, sc.lex, []
    idx = toks.index()
    for k in sorted({k for w in lex.single_outcomes.by_first if w in idx for k in idx[w]}):
        m = lex.single_outcomes.match(toks, k)
        if m is None or (m[2] != toks.t[k] and not toks.t[k].startswith(lex.conj)) or \
                any(lex.between.match(toks, b) is not None for b in range(max(0, k - 2), k)):
            continue  # "عشرات الضحايا بين قتيل وجريح": a vague count's split, no one person
        j = m[0]
        one = j < len(toks) and toks.joined(j - 1, j) and lex.one_after.match(toks, j) is not None
        after_cue = k > 0 and toks.e[k - 1] in sc.cue_ends and OPEN_GAP.fullmatch(sc.norm, toks.e[k - 1], toks.s[k])
        after_result = k > 1 and toks.joined(k - 1, k) and lex.single_after.match(toks, k - 1) is not None and \
            any(lex.cause_verbs.match(toks, b) is not None for b in range(max(0, k - CAS_RESULT_VERB_WORDS), k - 1))
        group = _ordinal_group(lex, toks, k, j)
        if one or after_cue or after_result or group is not None:
            e = toks.e[lex.one_after.match(toks, j)[0] - 1] if one else toks.e[j - 1]
            it = Item(toks.e[k] - len(m[2]), e, 1, 1, 1, "exact", group="persons", outcomes=(m[1],))
            if group is not None:  # "ثاني قتيل من عناصر الإسعاف"
                it.group, it.gender, it.ne = group[1].group, group[1].gender, toks.e[group[0] - 1]
            out.append(it)
    return out


def _ordinal_group(lex: Lex, toks: _Tokens, k: int, j: int):
    """An ordinal before the outcome noun at words ``[k, j)`` and من with a plural group noun after it: (end, group)."""
    if k < 1 or not toks.joined(k - 1, k) or lex.single_ordinals.match(toks, k - 1) is None or j >= len(toks) or \
            not toks.joined(j - 1, j) or lex.of not in stems(toks.t[j]):
        return None
    g = group_at(lex, toks, j)
    return g if g is not None and g[1].number == "plural" else None


def _extend_bodies(items: list[Item], acts: list[ActorMention]) -> None:
    """The victims' side is part of the count: "43 من الميليشيات الموالية لإيران"."""
    act_starts = [a.ns for a in acts]
    for it in items:
        if it.body:
            k = bisect.bisect_right(act_starts, it.ne) - 1
            if k >= 0 and acts[k].ns >= it.ns and acts[k].ne > it.ne:
                it.ne = acts[k].ne


def _longest(items: list[Item]) -> list[Item]:
    """Overlapping candidates: the longest, in text order."""
    items.sort(key=lambda it: (it.ns, -it.ne))
    dedup: list[Item] = []
    for it in items:
        if dedup and overlaps(it.ns, it.ne, dedup[-1].ns, dedup[-1].ne):
            if it.ne - it.ns > dedup[-1].ne - dedup[-1].ns:
                dedup[-1] = it
            continue
        dedup.append(it)
    return dedup






def _population_verb_before(it: Item, lex: Lex, toks: _Tokens, norm: str, cue_ends: set[int]) -> bool:
    """True when a population verb (population_before) stands a few words before the count in its clause,
    with its subject or object between and no outcome cue."""
    pb = toks.last_ending_by(it.ns)
    for k in range(pb, max(-1, pb - CAS_POPULATION_VERB_WORDS - 1), -1):
        if has_char_between(norm, CLAUSE_CHARS, toks.e[k], it.ns) or toks.e[k] in cue_ends:
            return False
        mm = lex.population_before.match(toks, k)
        if mm is not None and mm[0] <= pb + 1:
            return True
    return False


def _not_harmed(it: Item, lex: Lex, toks: _Tokens, norm: str, cue_ends: set[int]) -> bool:
    """People who are a population, not victims (``مليونا مدني في المنطقة معرضون للخطر``), or a
    habitual statement (``وعادة ما تخلف هذه الغارات عشرات القتلى``): not casualties of the report.
    A count right after its outcome verb (``قتل 4 مدنيين يعيشون في مخيم``) stays a casualty."""
    hi = min(len(norm), it.ne + CAS_POPULATION_AFTER)
    m = CLAUSE_PUNCT.search(norm, it.ne, hi)
    pb = toks.last_ending_by(it.ns)
    # ... and so does one whose counted noun names the harm (15 ألفاً من النازحين يقيمون في العراء)
    governed = (pb >= 0 and toks.e[pb] in cue_ends) or bool(it.outcomes)
    if not governed and has_phrase(lex.population_after, toks, it.ne, m.start() if m else hi):
        return True
    if not governed and pb >= 0 and _ONLY_SPACE.fullmatch(norm, toks.e[pb], it.ns) is not None and \
            any((mm := lex.population_before.match(toks, k)) is not None and mm[0] == pb + 1
                for k in range(max(0, pb - 2), pb + 1)):
        return True  # "مشفى يخدّم نحو 50 ألف مدني", "حيث يعيش قرابة 200 ألف مدني"
    if not governed and _population_verb_before(it, lex, toks, norm, cue_ends):
        return True  # "يستقبل المركز قرابة 4 آلاف مراجع", "يقدم المستشفى خدماته لنحو 200 ألف شخص"
    lo = max(0, it.ns - CAS_HABITUAL_BEFORE)
    br = max(norm.rfind(".", lo, it.ns), norm.rfind("\n", lo, it.ns))
    return has_phrase(lex.habitual, toks, max(lo, br + 1), it.ns)
