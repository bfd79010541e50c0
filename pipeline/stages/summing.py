"""Counts a researcher can sum: ids, breakdown links, scope per count, restatements and tolls.

Runs after event assembly, over the casualties of the report's events, in this order:

1. ids (``#c1``, ``#c2`` … in text order) and links: a breakdown (``بينهم``) points to its total, a
   share with its own agent (``قتلت قوات النظام منهم 198``) to the total it is a share of; a member of the list
   of people a count names (``هم أم وزوجها وأربعة من أطفالها``: ``member_of_enumeration``) and the items joined
   by و after a breakdown's last part (``بينهم 4 نساء وطفل``: ``breakdown_list_goes_on``) are its parts too;
2. the scope of each head count, by the ordered rules of :mod:`pipeline.stages.scope`;
3. restatements (:mod:`pipeline.stages.restatements`);
4. ``distributed_over_reported_places`` (a count spread over places, one of which the report gives a count
   of) and ``total_of_reported_incidents``: a count equal to the sum of two or more later incident counts of
   the same outcome totals incidents the report also gives separately, so it is ``aggregate``;
5. parts, shares and restatements take the scope of the count they belong to;
6. an event's scope is ``incident`` when one of its counts is, else ``aggregate``;
7. ``tolls``: per outcome, the incident counts that are neither parts nor restatements (vague
   quantities at their minimum). The query's ``events`` view sums exactly these.
"""
from __future__ import annotations

import bisect
from functools import lru_cache
from typing import Iterable

import regex

from pipeline.core.clitics import WA
from pipeline.core.lexicon import load_json
from pipeline.core.mentions import CasualtyMention, Doc, EventMention
from pipeline.core.normalize import norm_key
from pipeline.core.phrases import PhraseMatcher
from pipeline.core.settings import SCOPE_DISTRIBUTED_REACH as DISTRIBUTED_REACH
from pipeline.core.settings import SCOPE_SPLIT_PART_SENTENCES as SPLIT_PART_SENTENCES
from pipeline.core.settings import SCOPE_DAY_TOTAL_AFTER as DAY_TOTAL_AFTER
from pipeline.core.settings import SCOPE_DAY_TOTAL_BEFORE as DAY_TOTAL_BEFORE
from pipeline.core.settings import (AMONG_CUE_AFTER, AMONG_CUE_BEFORE, AMONG_TOTAL_SENTENCES, EARLIER_FIGURE_REACH,
                                    ENUMERATION_REACH, LEAD_PARAGRAPHS, PAIRED_TOTAL_REACH, PROVISIONAL_CUE_REACH,
                                    SCOPE_AMONG_THEM_BEFORE, SCOPE_OTHERS_WORD_AFTER)
from pipeline.stages.restatements import GENERAL_GROUPS, link_restatements
from pipeline.core.rules import decide
from pipeline.core.text import rx
from pipeline.stages.scope import (LOCAL_PLACE_KINDS, SCOPE_RULES, STOCK_CUE_AFTER, STOCK_CUE_BEFORE, CountCtx, announced_before,
                                   announced_breakdowns, attach_cues,
                                   cue_near_in_clause, day_total_spans, names_a_period, not_a_period, period_date_spans,
                                   publication_dates, running_cue_before, separator_word_between,
                                   tally_additions)

OUTCOMES = ("killed", "injured", "detained", "disappeared", "displaced")
#: rules whose aggregate decision makes the report's heading or lead a tally
_TALLY_RULES = frozenset({"event_tally_structure", "period_or_tally_cue", "period_date_without_local_anchor",
                          "period_from_date"})


def finalize(doc: Doc, heading_end: int, lead_end: int) -> None:
    """Decide ids, links, scope, restatements and tolls of the report's counts, in place."""
    pairs = [(c, ev) for ev in doc.events for c in ev.casualties]
    _number_and_link(pairs)
    _among_earlier_total(doc, pairs)
    _among_list_goes_on(doc, pairs)
    _among_them_and_later(doc, pairs)
    _member_of_enumeration(doc, pairs)
    _breakdown_list_goes_on(doc, pairs)
    _parts_fill_the_total(doc, pairs)
    heads = [(c, ev) for c, ev in pairs if c.total is None and c.share is None]
    norm = doc.nt.norm
    running = sorted(doc.running_cues)
    starts = sorted(c.ns for c, _ in heads)
    _scope_heads(doc, heads, max(heading_end, lead_end), running, starts)
    additional = _additional_finder(doc, heads)
    link_restatements(heads, heading_end=heading_end, lead_end=lead_end,
                      running_at=lambda c: running_cue_before(c, running, norm, starts) if c.scope == "incident"
                      else None,
                      line_break=lambda a, b: "\n" in norm[a:b],
                      sourced=_source_cue_finder(doc), sentence_of=_sentence_finder(doc),
                      earlier=_cue_finder(doc, "earlier_figure_cues", reach=EARLIER_FIGURE_REACH),
                      additional=additional,
                      stated_before=_stated_before_finder(doc), provisional=_provisional_finder(doc),
                      another_time=_another_time_finder(doc))
    _tally_headline_frames_body(heads)
    _distributed_over_reported_places(doc, heads)
    _split_over_named_places(doc, heads)
    _totals_of_incidents(doc, heads, additional, max(heading_end, lead_end))
    for c, _ in pairs:
        _inherit_scope(c)
    for ev in doc.events:
        _event_scope(ev)
    doc.tolls = {o: sum(c.summed for c, _ in pairs if c.outcome == o and c.counted) for o in OUTCOMES}


def _number_and_link(pairs: list[tuple[CasualtyMention, EventMention]]) -> None:
    by_span: dict[tuple[int, int, str], CasualtyMention] = {}
    for n, (c, _) in enumerate(pairs, 1):
        c.n = n
        by_span.setdefault((c.ns, c.ne, c.outcome), c)
    for c, _ in pairs:
        part_of, share_of = getattr(c, "part_of", None), getattr(c, "share_of", None)
        if part_of is not None:
            c.total = by_span.get((*part_of, c.outcome))
        if share_of is not None:
            c.share = by_span.get((*share_of, c.outcome))
        if c.total is not None or c.share is not None:
            t = c.total or c.share
            c.why.setdefault("part_of", ("breakdown_of_total" if c.total else "share_of_total", (t.ns, t.ne)))


def _among_earlier_total(doc: Doc, pairs: list[tuple[CasualtyMention, EventMention]]) -> None:
    """``among_earlier_total``: a count next to an among-cue of its outcome (``تسعة أطفال من بين القتلى``,
    ``بين المعتقلين 7 أطفال``; ``lexicons/scope.json``) is a part of the nearest earlier count of that outcome,
    at least as large, that is itself no part, in its sentence or the ``AMONG_TOTAL_SENTENCES`` before it."""
    norm = doc.nt.norm
    cues = sorted((m.ws, m.ne, out) for out, m in _among_matches(norm))
    if not cues:
        return
    starts = [c[0] for c in cues]
    text = doc.text
    seen: list[CasualtyMention] = []  # earlier counts, in text order
    for c, _ in sorted(pairs, key=lambda p: p[0].ns):
        if c.total is None and c.share is None and c.same_as is None and c.summed:  # a restatement is no part
            cue = _among_cue_at(c, cues, starts, norm)
            if cue is not None:
                here = text.sentence_index(c.ns)
                for t in reversed(seen):
                    if here - text.sentence_index(t.ns) > AMONG_TOTAL_SENTENCES:
                        break
                    if t.outcome == c.outcome and t.total is None and t.share is None and t.summed >= c.summed \
                            and t.ne <= c.ns:
                        c.total = t
                        c.why["part_of"] = ("among_earlier_total", cue)
                        break
        seen.append(c)


def _parts_sums(counts: list[CasualtyMention]) -> dict[int, int]:
    """The id of each total -> what its parts sum to."""
    sums: dict[int, int] = {}
    for p in counts:
        if p.total is not None:
            sums[id(p.total)] = sums.get(id(p.total), 0) + p.summed
    return sums


def _among_list_goes_on(doc: Doc, pairs: list[tuple[CasualtyMention, EventMention]]) -> None:
    """``among_list_goes_on``: the counts joined by و right after a part found by ``among_earlier_total``, in its
    sentence and of its outcome (``من بين الضحايا (4) أطفال، و(2) نساء``), are parts of the same total while
    the parts do not exceed it."""
    norm = doc.nt.norm
    counts = sorted((c for c, _ in pairs), key=lambda c: c.ns)
    used_of = _parts_sums(counts)  # kept as parts are added: a sum over every count per part was quadratic
    for k, c in enumerate(counts):
        if c.total is None or c.why.get("part_of", ("",))[0] != "among_earlier_total":
            continue
        t, prev = c.total, c
        used = used_of.get(id(t), 0)
        for j in range(k + 1, len(counts)):
            d = counts[j]
            if d.total is not None or d.share is not None or d.outcome != t.outcome or not d.summed or \
                    _JOINER.sub("", norm[prev.ne:d.ns]) != _WA or used + d.summed > t.summed:
                break
            d.total = t
            d.why["part_of"] = ("among_list_goes_on", (t.ns, t.ne))
            used += d.summed
            used_of[id(t)] = used
            prev = d


def _member_of_enumeration(doc: Doc, pairs: list[tuple[CasualtyMention, EventMention]]) -> None:
    """``member_of_enumeration``: a count joined by و in the list of the people an earlier count names (``أصيب 7
    مدنيين من عائلة واحدة هم أم وزوجها وأربعة من أطفالها``، ``وأصيب ثلاثة آخرون هم فتى وشابان``: an enumeration
    pronoun of ``lexicons/scope.json`` between them, within ``settings.ENUMERATION_REACH`` characters in one
    sentence, no other count between) is a part of that count when it is of its outcome and fits in it."""
    norm, text = doc.nt.norm, doc.text
    cues = frozenset(_scope_phrases("enumeration_cues"))
    counts = sorted((c for c, _ in pairs), key=lambda c: c.ns)
    for k, c in enumerate(counts):
        if k == 0 or c.total is not None or c.share is not None or not c.summed or \
                not norm[max(0, c.ns - 2):c.ns].rstrip().endswith(_WA):
            continue
        t = counts[k - 1]  # the count right before it: any count between ends the list
        if t.outcome != c.outcome or t.total is not None or t.share is not None or not t.summed or \
                t.ne > c.ns or c.ns - t.ne > ENUMERATION_REACH or text.sentence_index(t.ns) != text.sentence_index(c.ns):
            continue
        gap = regex.sub(r"[^\w\s]", " ", norm[t.ne:c.ns]).split()
        if not cues.intersection(gap):
            continue
        if sum(p.summed for p in counts if p.total is t) + c.summed < t.summed:
            c.total = t
            c.why["part_of"] = ("member_of_enumeration", (t.ns, t.ne))


def _breakdown_list_goes_on(doc: Doc, pairs: list[tuple[CasualtyMention, EventMention]]) -> None:
    """``breakdown_list_goes_on``: a count joined by و alone right after the last part of a breakdown (``بينهم 4
    نساء وطفل``، ``منهم 3 أطفال ورجل``), of its outcome and in its sentence, is a part of the same total too, while
    the parts do not exceed it (``among_list_goes_on`` does the same after an among-cue part)."""
    norm, text = doc.nt.norm, doc.text
    counts = sorted((c for c, _ in pairs), key=lambda c: c.ns)
    for k, c in enumerate(counts):
        t = c.total
        if t is None or c.why.get("part_of", ("",))[0] not in _LIST_STARTS or \
                (k + 1 < len(counts) and counts[k + 1].total is t):
            continue  # start from the last part of a total
        used, prev, here = sum(p.summed for p in counts if p.total is t), c, text.sentence_index(c.ns)
        for d in counts[k + 1:]:
            if d.total is not None or d.share is not None or d.outcome != t.outcome or not d.summed or \
                    text.sentence_index(d.ns) != here or _JOINER.sub("", norm[prev.ne:d.ns]) != _WA or \
                    used + d.summed > t.summed:
                break
            d.total = t
            d.why["part_of"] = ("breakdown_list_goes_on", (t.ns, t.ne))
            used += d.summed
            prev = d


#: the part links a breakdown list may go on from (a share with its own agent is no list)
_LIST_STARTS = frozenset({"breakdown_of_total", "among_them_after_total", "among_list_goes_on",
                          "member_of_enumeration"})


def _among_them_and_later(doc: Doc, pairs: list[tuple[CasualtyMention, EventMention]]) -> None:
    """Two breakdowns the casualties stage leaves unlinked (words in ``lexicons/scope.json``):

    - ``among_them_after_total``: a count right after a breakdown pronoun (``بينهم رضيعة``) is a part of the
      nearest earlier count of its outcome in its sentence that is at least as large and no part itself;
    - ``among_later_total``: a count followed by an among-word and right away by a later count of its outcome
      (``طفلتان على الأقل من بين عشرات المصابين``) is a part of that later count when it fits in it."""
    norm, text = doc.nt.norm, doc.text
    counts = sorted((c for c, _ in pairs), key=lambda c: c.ns)
    them = _scope_phrases("among_them_cues")
    later = _scope_phrases("among_later_cues")
    for k, c in enumerate(counts):
        if c.total is not None or c.share is not None or not c.summed:
            continue
        here = text.sentence_index(c.ns)
        before = " ".join(norm[max(0, c.ns - SCOPE_AMONG_THEM_BEFORE):c.ns].split()[-2:])
        if any(before == w or before.endswith(" " + w) for w in them):
            for j in range(k - 1, -1, -1):  # by index: a reversed copy of the earlier counts was quadratic
                t = counts[j]
                if text.sentence_index(t.ns) != here:
                    break
                if t.outcome == c.outcome and t.total is None and t.share is None and t.summed >= c.summed \
                        and t.ne <= c.ns:
                    c.total = t
                    c.why["part_of"] = ("among_them_after_total", (t.ns, t.ne))
                    break
            if c.total is not None:
                continue
        # the next count of its outcome, read lazily and only in its sentence (no copy of the later counts)
        nxt = next((t for t in (counts[j] for j in range(k + 1, len(counts)))  # islice walked the first k
                    if t.outcome == c.outcome or text.sentence_index(t.ns) != here), None)
        if nxt is not None and nxt.outcome != c.outcome:
            continue
        if nxt is None or text.sentence_index(nxt.ns) != here or nxt.total is not None:
            continue
        gap = " ".join(regex.sub(r"[^\w\s]", " ", norm[c.ne:nxt.ns]).split())
        if any(gap == w or gap.endswith(" " + w) for w in later) and len(gap) <= AMONG_CUE_AFTER and \
                (nxt.min or 0) >= c.summed and nxt.summed != c.summed:
            c.total = nxt
            c.why["part_of"] = ("among_later_total", (nxt.ns, nxt.ne))


@lru_cache(maxsize=None)
def _scope_phrases(key: str) -> tuple[str, ...]:
    return tuple(norm_key(w) for w in load_json("scope.json")[key])


#: what may stand between two items of a list besides و: spaces, a comma, an opening bracket
_JOINER = regex.compile(r"[\s,،(]+")


def _parts_fill_the_total(doc: Doc, pairs: list[tuple[CasualtyMention, EventMention]]) -> None:
    """``parts_fill_the_total``: bare numbers (no noun of their own) after a part of a total, in its sentence,
    each joined by و (``بينهم 13 في سرمين، و4 في التمانعة، و5 في أم جلال``), are parts of that total too
    when, with the parts before them, they add up to exactly the total."""
    norm = doc.nt.norm
    counts = sorted((c for c, _ in pairs), key=lambda c: c.ns)
    text = doc.text
    n = len(counts)
    parts_of = _parts_sums(counts)  # kept as parts are added
    for k, c in enumerate(counts):
        t = c.total
        if t is None or (k + 1 < n and counts[k + 1].total is t):
            continue  # start from the last part of a total
        chain, here = [], text.sentence_index(c.ns)
        for j in range(k + 1, n):
            d = counts[j]
            if d.total is not None or d.share is not None or d.outcome != t.outcome or \
                    text.sentence_index(d.ns) != here or not _bare_joined(norm, d):
                break
            chain.append(d)
        if not chain:
            continue
        parts = parts_of.get(id(t), 0)
        added = sum(d.summed for d in chain)
        if t.summed and parts + added == t.summed:
            for d in chain:
                d.total = t
                d.why["part_of"] = ("parts_fill_the_total", (t.ns, t.ne))
            parts_of[id(t)] = parts + added


def _bare_joined(norm: str, c: CasualtyMention) -> bool:
    """A count that is a number alone (no noun of its own) right after و (``و4 في بلدة التمانعة``)."""
    return bool(_BARE.fullmatch(norm[c.ns:c.ne])) and norm[max(0, c.ns - 2):c.ns].rstrip().endswith(_WA)


def _among_cue_at(c: CasualtyMention, cues, starts, norm: str) -> tuple[int, int] | None:
    """The among-cue of ``c``'s outcome right after the count in its sentence, or right before it."""
    k = bisect.bisect_left(starts, c.ne)
    if k < len(cues):
        s, e, out = cues[k]
        if out == c.outcome and s - c.ne <= AMONG_CUE_AFTER and not rx(r"[.\n]").search(norm[c.ne:s]):
            return (s, e)
    k = bisect.bisect_right(starts, c.ns) - 1
    if k >= 0:
        s, e, out = cues[k]
        if out == c.outcome and e <= c.ns and c.ns - e <= AMONG_CUE_BEFORE:
            return (s, e)
    return None


#: a count written as digits alone; the conjunction before a list item (lexicons/clitics.json)
_BARE = regex.compile(r"\d+")
_WA = WA

def _among_matches(norm: str):
    for m in _among_matcher().find(norm):
        yield m.value, m


@lru_cache(maxsize=1)
def _among_matcher() -> PhraseMatcher:
    data = load_json("scope.json")["among_cues"]
    return PhraseMatcher((t, out) for out, terms in data.items() for t in terms)


def _scope_heads(doc: Doc, heads: list[tuple[CasualtyMention, EventMention]], top: int,
                 running: list[tuple[int, int]], starts: list[int]) -> None:
    norm = doc.nt.norm
    # a tally word inside a running-total cue (ارتفعت حصيلة … إلى) is the running total's: the scope
    # rules for running totals decide it (running cues do not overlap one another: a bisect finds the one)
    cues = sorted(c for c in doc.agg_cues if not _inside_running(c[0], running) and not not_a_period(norm, c))
    stock = sorted(doc.stock_cues)
    period_dates = period_date_spans(doc)
    publication = publication_dates(doc)
    announced = announced_breakdowns(doc, sorted(c.ns for c, _ in heads))
    day_totals = day_total_spans(norm)
    # a lead that sums one day (مقتل 6 مدنيين في حماة خلال يوم واحد) makes the report a daily round-up
    round_up_day = next((d for d in day_totals if d[0] < top), None)
    additions = tally_additions(doc)
    attached: dict[int, dict] = {}
    attached_periods: dict[int, dict] = {}
    head_starts = [c.ns for c, _ in heads]
    for _, ev in heads:
        if id(ev) not in attached:
            attached[id(ev)] = _attached_cues(doc, ev, cues, head_starts)
            attached_periods[id(ev)] = attach_cues(ev, period_dates, norm)

    def ctx(c: CasualtyMention, ev: EventMention, tally) -> CountCtx:
        return CountCtx(c, ev, doc, cues=attached[id(ev)].get((c.ns, c.ne), []),
                        running=running_cue_before(c, running, norm, starts), tally_report=tally,
                        combined=combined.get((c.ns, c.ne)),
                        stock=cue_near_in_clause(c, stock, ev, STOCK_CUE_BEFORE, STOCK_CUE_AFTER, norm),
                        period_dates=attached_periods[id(ev)].get((c.ns, c.ne), []), publication=publication,
                        announced=announced_before(c, announced, doc),
                        day_total=cue_near_in_clause(c, day_totals, ev, DAY_TOTAL_BEFORE, DAY_TOTAL_AFTER, norm),
                        round_up_day=round_up_day,
                        beside_tally=next((a for a in additions if a[0] <= c.ns < a[1]), None))

    outcomes_at: dict[tuple[int, int], set] = {}
    for c, _ in heads:
        outcomes_at.setdefault((c.ns, c.ne), set()).add(c.outcome)
    # one number stated for two outcomes (14 مدنياً بين قتيل وجريح، عشرة قتلى وجرحى)
    combined = {k: k for k, outs in outcomes_at.items() if {"killed", "injured"} <= outs}

    tally = _report_tally(doc, heads, top, ctx, cues)
    for c, ev in heads:
        d = decide(SCOPE_RULES, ctx(c, ev, tally))
        c.scope = d.value
        c.why["scope"] = (d.rule, d.span)


def _report_tally(doc: Doc, heads: list[tuple[CasualtyMention, EventMention]], top: int, ctx,
                  cues: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The cue that makes the report a tally report, or None. A tally in the heading or lead makes the report a
    tally report; a cue that names a period (خلال الفترة من 1 حتى 31 تموز) frames it better than a bare tally
    noun (حصيلة) of another lead count."""
    norm = doc.nt.norm
    found = []
    for c, ev in heads:
        if c.ns >= top:
            break
        d = decide(SCOPE_RULES, ctx(c, ev, None))
        if d.value == "aggregate" and d.rule in _TALLY_RULES:
            found.append(d.span)
            if names_a_period(norm, d.span):
                break
    tally = next((t for t in found if names_a_period(norm, t)), found[0] if found else None)
    if tally is None and heads and heads[0][0].ns >= top and _paragraph_of(doc, heads[0][0].ns) <= LEAD_PARAGRAPHS:
        # a lead with no count of its own (the report's subject in words): the first paragraph that has
        # one plays the lead
        c, ev = heads[0]
        d = decide(SCOPE_RULES, ctx(c, ev, None))
        if d.value == "aggregate" and d.rule in _TALLY_RULES and names_a_period(norm, d.span):
            tally = d.span
    return tally if tally is not None else _period_headline(doc, heads, cues)


def _attached_cues(doc: Doc, ev: EventMention, cues: list[tuple[int, int]], head_starts: list[int]) -> dict:
    """The cues attached to each head count of ``ev`` (:func:`attach_cues`), with the sentence's period
    frame first when an earlier clause of the sentence names one."""
    attached = attach_cues(ev, cues, doc.nt.norm)
    frame = _sentence_period_frame(doc, ev, cues, head_starts)
    if frame is not None:
        for found in attached.values():
            found.insert(0, frame)
    return attached


def _sentence_period_frame(doc: Doc, ev: EventMention, cues: list[tuple[int, int]],
                           head_starts: list[int]) -> tuple[int, int] | None:
    """``sentence_period_frame``: a cue that names a period before the first count of a sentence
    (``وأحصت الوكالة خلال الأسبوع الماضي مقتل 13 مدنياً، كما قضى 4 مقاتلين``) frames the counts of the
    sentence's later clauses too, which event assembly made events of their own."""
    text = doc.text
    k = text.sentence_index(ev.ns)
    if k < 0:
        return None
    lo = text.sentences[k].ns
    if lo >= ev.ns:
        return None
    j = bisect.bisect_left(head_starts, lo)
    first = head_starts[j] if j < len(head_starts) else ev.ns
    if first >= ev.ns:
        return None  # no count before this clause in the sentence: the clause's own cues decide
    i = bisect.bisect_left(cues, (lo, -1))
    while i < len(cues) and cues[i][0] < first:
        if names_a_period(doc.nt.norm, cues[i]):
            return cues[i]
        i += 1
    return None


def _paragraph_of(doc: Doc, pos: int) -> int:
    k = doc.text.sentence_index(pos)
    return doc.text.sentences[k].paragraph if k >= 0 else 0


def _period_headline(doc: Doc, heads, cues: list[tuple[int, int]]) -> tuple[int, int] | None:
    """A headline that names a period or a tally and no count of its own (``تقرير يكشف عدد الوفيات خلال
    العام 2023``) makes the report a tally report: its counts with no day or local place of their own are
    lines of that tally (scope rule ``line_of_tally_report``). So does a lead with no count that names a
    period (``أصدر المكتب اليوم إحصائية الضحايا خلال شهر تموز الفائت``) on a line before the first count, in
    the report's first paragraphs (``settings.LEAD_PARAGRAPHS``)."""
    end = doc.heading_end
    norm = doc.nt.norm
    if end > 0 and not any(c.ns < end for c, _ in heads):
        own = [c for c in cues if c[0] < end]
        # a cue that names a period (خلال شهر آب) frames the report better than a bare tally noun (حصيلة)
        found = next((c for c in own if names_a_period(norm, c)), own[0] if own else None)
        if found is not None:
            return found
    # a heading or lead line before the first count, with no count of its own, that names a period
    first = heads[0][0].ns if heads else len(norm)
    for c in cues:
        if c[0] >= first or _paragraph_of(doc, c[0]) > LEAD_PARAGRAPHS:
            break
        nl = norm.find("\n", c[1])
        if names_a_period(norm, c) and (nl < 0 or nl < first) and not _concern_line(norm, c):
            return c
    return None


def _concern_line(norm: str, cue: tuple[int, int]) -> bool:
    """``concern_not_tally``: the line of the cue voices concern or condemnation (أبدت المنظمة قلقها من
    استمرار القصف خلال الشهر): a period of a statement, not a tally the report gives."""
    lo = norm.rfind("\n", 0, cue[0]) + 1
    words = set(norm[lo:cue[0]].split())
    return bool(words & _concern_words())


@lru_cache(maxsize=1)
def _concern_words() -> frozenset[str]:
    return frozenset(norm_key(w) for w in load_json("scope.json")["concern_words"])


def _inside_running(pos: int, running: list[tuple[int, int]]) -> bool:
    k = bisect.bisect_right(running, (pos, 1 << 62)) - 1
    return k >= 0 and running[k][0] <= pos < running[k][1]


def _tally_headline_frames_body(heads: list[tuple[CasualtyMention, EventMention]]) -> None:
    """``tally_headline_restated``: a headline count that a period or tally cue of its own makes
    aggregate (``20 قتيلاً حصيلة أسبوع``) and that restates a body count decided by default: the body count
    is that tally's figure too."""
    for c, _ in heads:
        t = c.same_as
        why = c.why.get("scope")
        if t is None or c.scope != "aggregate" or why is None or why[0] not in _TALLY_RULES:
            continue
        if c.why.get("same_as", ("",))[0] == "headline_restates_body" and t.scope == "incident" and \
                t.why.get("scope", ("",))[0] in ("single_incident", "running_total_of_incident"):
            t.scope = "aggregate"
            t.why["scope"] = ("tally_headline_restated", why[1])


def _totals_of_incidents(doc: Doc, heads: list[tuple[CasualtyMention, EventMention]], additional,
                         top: int = 0) -> None:
    norm = doc.nt.norm
    live = [c for c, _ in heads if c.scope == "incident" and c.same_as is None and c.total is None]
    starts = sorted(c.ns for c, _ in heads)
    event_of = {id(c): ev for c, ev in heads}
    for k, h in enumerate(live):
        if h.total is not None:
            continue  # made a part of an earlier count below
        # read lazily: the prefix sum stops at the first counts past the total (a whole list of the later
        # counts per head was quadratic on a text dense with numbers); a hit needs two counts anyway
        later = (c for c in (live[j] for j in range(k + 1, len(live))) if c.outcome == h.outcome and
                 c.ns > h.ne and c.total is None and (c.group == h.group or h.group in GENERAL_GROUPS))
        first = next((c for c in (live[j] for j in range(k + 1, len(live))) if c.outcome == h.outcome and
                      c.ns > h.ne), None)  # by index: a copy of the later counts per head was quadratic
        if first is not None and ((_others_count(first, norm) and not _others_of_nearer_count(doc, h, first, starts))
                                  or _additive_sentence(first, norm)) and \
                (h.ns >= top or additional(first) or _additive_sentence(first, norm)):
            # قتلت 9 … في حين قتل أربعة آخرون: the next count adds to this one, it is no part of it; but a lead's
            # count may total a body count of others than the killed of its sentence (قتل طفل وجرح آخران)
            continue
        used = _prefix_sum_hits(later, h.summed) if h.summed else None
        if used is None:
            continue
        if len({id(event_of[id(c)]) for c in used}) == 1 and len(_towns(event_of[id(used[0])])) < 2 and \
                not separator_word_between(norm, used[0].ne, used[-1].ns):
            # counts of one event, in one town at most, that add up to an earlier count split that one incident
            # again (وقال أحد السكان إن القصف أودى برجلين وطفلة, after قتل 3 مدنيين): parts of it, not incidents
            # it totals (قتل 3 في قرية البارة، و4 في قرية كنصفرة are two; so are counts a separator word parts:
            # أصيب طفلان في القرية، فيما أصيب 5 في البلدة)
            for c in used:
                c.total = h
                c.why["part_of"] = ("one_incident_split_again", (h.ns, h.ne))
            continue
        if _elsewhere(event_of[id(h)], [event_of[id(c)] for c in used]):
            continue
        h.scope = "aggregate"
        h.why["scope"] = ("total_of_reported_incidents", (h.ns, h.ne))
        _pair_with_total(h, heads)


def _distributed_over_reported_places(doc: Doc, heads: list[tuple[CasualtyMention, EventMention]]) -> None:
    """``distributed_over_reported_places``: an incident count spread over several places by a distribution cue
    right after it (``بلغ عدد القتلى 11 مدنياً، توزعوا على بلدات حاس وكفرنبل والبارة``;
    ``lexicons/scope.json`` distribution_cues) is a total of incidents when a later count of its outcome, smaller,
    stands in one of those places (``وفي بلدة حاس قتل أربعة مدنيين``): the report splits it, even in part.
    One actor's bombardment of several villages with no count per village stays one incident."""
    norm = doc.nt.norm
    cues = sorted((m.ws, m.ne) for m in _distribution_matcher().find(norm))
    if not cues:
        return
    starts = [c[0] for c in cues]
    live = [(c, ev) for c, ev in heads if c.scope == "incident" and c.same_as is None]
    for k, (h, hev) in enumerate(live):
        j = bisect.bisect_left(starts, h.ne)
        if j >= len(cues) or cues[j][0] - h.ne > DISTRIBUTED_REACH or rx(r"[.\n]").search(norm[h.ne:cues[j][0]]):
            continue
        spread = {p.name_ar for p in hev.places if p.kind in LOCAL_PLACE_KINDS and p.ns >= cues[j][1]}
        if len(spread) < 2:
            continue
        for c, ev in live[k + 1:]:
            if c.outcome == h.outcome and 0 < c.summed < h.summed and \
                    spread & {p.name_ar for p in ev.places if p.kind in LOCAL_PLACE_KINDS}:
                h.scope = "aggregate"
                h.why["scope"] = ("distributed_over_reported_places", cues[j])
                for e, _ in heads:  # a total of incidents supersedes none of them
                    if e.same_as is h and e.why.get("same_as", ("",))[0] == "running_total_supersedes":
                        e.same_as = None
                        del e.why["same_as"]
                break


def _split_over_named_places(doc: Doc, heads: list[tuple[CasualtyMention, EventMention]]) -> None:
    """A count whose clause names several towns (``حملة دهم في حرستا وعربين وزملكا انتهت باعتقال 11
    شاباً``; ``قتل 12 مدنياً بغارات على حاس والبارة``), followed within ``settings.SPLIT_PART_SENTENCES``
    sentences by smaller counts of its outcome in two or more of those towns (two different sets of places) that
    fit in it, with no count of others or additive word among them: ``split_over_named_places``, it totals
    incidents (``aggregate``); the count of another outcome joined to it totals them too (``paired_with_total``).
    Counts in one of its towns only are its parts (``part_in_one_of_its_places``) when it is the first count of
    its outcome in its sentence (``قتل 12 مدنياً … على حاس والبارة`` … ``وقتل فيه 3 مدنيين`` in البارة).

    One actor's bombardment of several villages with no count per village stays one incident."""
    norm, text = doc.nt.norm, doc.text
    live = [(c, ev) for c, ev in heads if c.scope == "incident" and c.same_as is None]
    for k, (h, hev) in enumerate(live):
        towns = _towns(hev)
        if len(towns) < 2 or not h.summed:
            continue
        here = text.sentence_index(h.ns)
        found: list[tuple[CasualtyMention, frozenset]] = []
        others = False  # a count of others in one of its towns: the split is not the total's own
        for j in range(k + 1, len(live)):  # by index (islice walks the first k again)
            c, ev = live[j]
            if text.sentence_index(c.ns) - here > SPLIT_PART_SENTENCES:
                break
            if c.outcome != h.outcome or c.total is not None or not c.summed or c.summed >= h.summed:
                continue
            own = _towns(ev)
            if not own or not own <= towns or text.sentence_index(c.ns) == here:
                continue
            if _others_count(c, norm) or _additive_sentence(c, norm):
                others = True
            else:
                found.append((c, own))
        if not found or others or sum(c.summed for c, _ in found) > h.summed:
            continue
        if len({own for _, own in found}) >= 2:
            h.scope = "aggregate"
            h.why["scope"] = ("split_over_named_places", (found[0][0].ns, found[0][0].ne))
            _pair_with_total(h, heads)
        elif not any(text.sentence_index(o.ns) == here and o.ns < h.ns and o.outcome == h.outcome
                     for o, _ in heads):
            for c, _ in found:  # the first count of its outcome in its sentence, split in one town only
                c.total = h
                c.why["part_of"] = ("part_in_one_of_its_places", (h.ns, h.ne))


@lru_cache(maxsize=1)
def _distribution_matcher() -> PhraseMatcher:
    return PhraseMatcher((t, True) for t in load_json("scope.json")["distribution_cues"])


def _additive_sentence(c: CasualtyMention, norm: str) -> bool:
    """The count's sentence opens with an additive word (``كذلك، قتل رجل``، ``كما قتل طفلان``; after و):
    its people are in addition to the counts before it."""
    lo = max(norm.rfind(".", 0, c.ns), norm.rfind("\n", 0, c.ns)) + 1
    head = regex.sub(r"[^\w\s]", " ", norm[lo:c.ns]).split()
    if not head:
        return False
    firsts = {w.split()[0] for words in _additive_words() for w in words}
    if head[0].startswith(_WA) and head[0][len(_WA):] in firsts:
        head[0] = head[0][len(_WA):]
    return any(" ".join(head[:n]) in words for n, words in enumerate(_additive_words(), 1))


@lru_cache(maxsize=1)
def _additive_words() -> tuple[frozenset[str], ...]:
    """The additive openers of lexicons/scope.json by length in words (one-word ones first)."""
    words = [norm_key(w) for w in load_json("scope.json")["additive_openers"]]
    longest = max(len(w.split()) for w in words)
    return tuple(frozenset(w for w in words if len(w.split()) == n) for n in range(1, longest + 1))


def _towns(ev: EventMention) -> frozenset[str]:
    """The names of the event's places below a governorate (a name may be a town's and its subdistrict's), not a
    governorate's namesake capital (حلب، إدلب: as often the governorate as the city)."""
    return frozenset(p.name_ar for p in ev.places if p.kind in LOCAL_PLACE_KINDS and
                     p.name_ar != (p.admin1 or {}).get("name_ar"))


def _others_count(c: CasualtyMention, norm: str) -> bool:
    """The count is followed by an others-word (``أربعة آخرون``): people in addition to a count before it."""
    own = norm[c.ns:c.ne].split()  # the others-word may be the count's own noun (أربعة آخرون)
    after = norm[c.ne:c.ne + SCOPE_OTHERS_WORD_AFTER].split()
    return any(w and w[0].strip("،,.") in _others_words() for w in (own[-1:], after[:1]))


def _elsewhere(ev: EventMention, parts: list[EventMention]) -> bool:
    """``parts_elsewhere``: the count's clause names towns of its own (قتل رجل وجرح خمسة آخرون في حي الكلاسة) and
    none of the later counts that add up to it is in one of them: they are other incidents, not its parts."""
    own = _towns(ev)
    return bool(own) and not any(_towns(p) & own for p in parts)


def _others_of_nearer_count(doc: Doc, h: CasualtyMention, c: CasualtyMention, starts: list[int]) -> bool:
    """``others_of_nearer_count``: the others-count ``c`` (``اثنين آخرين``) has another count before it in its own
    sentence, after ``h`` (``قتلت الغارة امرأة وجرحت ثلاثة آخرين``): its others are that count's, so it does
    not add to ``h`` (``starts``: the head counts' starts, sorted)."""
    k = doc.text.sentence_index(c.ns)
    lo = max(h.ne, doc.text.sentences[k].ns) if k >= 0 else h.ne
    return bisect.bisect_left(starts, c.ns) > bisect.bisect_left(starts, lo)


@lru_cache(maxsize=1)
def _others_words() -> frozenset[str]:
    return frozenset(norm_key(w) for w in load_json("scope.json")["others_words"])


def _pair_with_total(total: CasualtyMention, heads: list[tuple[CasualtyMention, EventMention]]) -> None:
    """``paired_with_total``: a count of another outcome joined right after a total of reported incidents
    (``إلى 101 قتيل وأكثر من 200 جريح``) totals the same incidents."""
    for c, _ in heads:
        if c.ns <= total.ne or c.outcome == total.outcome:
            continue
        if c.ns - total.ne > PAIRED_TOTAL_REACH:
            break
        if c.scope == "incident" and c.same_as is None and c.why.get("scope", ("",))[0] == "single_incident":
            c.scope = "aggregate"
            c.why["scope"] = ("paired_with_total", (total.ns, total.ne))


def _prefix_sum_hits(counts: Iterable[CasualtyMention], total: int) -> list[CasualtyMention] | None:
    """The first two or more of ``counts`` when they add up to exactly ``total``, else None."""
    acc, used = 0, []
    for k, c in enumerate(counts):
        acc += c.summed
        used.append(c)
        if acc == total and k >= 1:
            return used
        if acc > total:
            return None
    return None


def _inherit_scope(c: CasualtyMention, depth: int = 0) -> str:
    """A part, a share or a restatement takes the scope of the count it belongs to."""
    target = c.total or c.share or c.same_as
    if target is None or depth > 20:
        return c.scope
    c.scope = _inherit_scope(target, depth + 1)
    rule = "restatement_takes_restated" if target is c.same_as else "breakdown_takes_total"
    c.why["scope"] = (rule, (target.ns, target.ne))
    return c.scope


def _event_scope(ev: EventMention) -> None:
    if not ev.casualties:
        return
    inc = [c for c in ev.casualties if c.scope == "incident"]
    ev.scope = "incident" if inc else "aggregate"
    pick = inc[0] if inc else ev.casualties[0]
    ev.scope_why = pick.why.get("scope", ev.scope_why)


def _additional_finder(doc: Doc, heads: list[tuple[CasualtyMention, EventMention]]):
    """``additional(c)``: the count is followed by an others-word (``أربعة أطفال آخرين``) and no count of
    another outcome stands before it in its sentence (``قتل 3 وأصيب 5 آخرون``: others than the killed)."""
    norm, text = doc.nt.norm, doc.text
    starts = sorted((c.ns, c.outcome) for c, _ in heads)

    def additional(c: CasualtyMention) -> bool:
        if not _others_count(c, norm):
            return False
        k = text.sentence_index(c.ns)
        lo = text.sentences[k].ns if k >= 0 else 0
        i = bisect.bisect_left(starts, (lo, ""))
        return not any(ns < c.ns and out != c.outcome for ns, out in starts[i:bisect.bisect_left(starts, (c.ns, ""))])
    return additional


def _stated_before_finder(doc: Doc):
    """``stated_before(c)``: the count's sentence opens with a pluperfect word (``وكانت مصادر محلية قد ذكرت``) or
    has an earlier-statement cue before the count (``في تصريح سابق``): ``lexicons/restatements.json``."""
    norm, text = doc.nt.norm, doc.text
    openers = frozenset(norm_key(w) for w in load_json("restatements.json")["earlier_statement_openers"])
    cue = _cue_finder(doc, "earlier_statement_cues")

    def stated_before(c: CasualtyMention) -> bool:
        k = text.sentence_index(c.ns)
        lo = text.sentences[k].ns if k >= 0 else 0
        first = regex.sub(r"[^\w\s]", " ", norm[lo:c.ns]).split()[:1]
        return bool(first and first[0] in openers) or cue(c) is not None
    return stated_before


def _provisional_finder(doc: Doc):
    """``provisional(c)``: the span of a provisional-toll cue (``حصيلة أولية``، ``قابلة للارتفاع``:
    ``lexicons/restatements.json`` provisional_cues) in the count's sentence, at most ``PROVISIONAL_CUE_REACH``
    characters before or after it, or None."""
    return _near_cue_finder(doc, "provisional_cues", PROVISIONAL_CUE_REACH)


def _another_time_finder(doc: Doc):
    """``another_time(c)``: the normalized word that dates the count's sentence to a past time (``الشهر
    الماضي``، ``الأسبوع الفائت``: ``lexicons/restatements.json`` another_time_words), or None."""
    find, norm = _near_cue_finder(doc, "another_time_words", None), doc.nt.norm

    def another_time(c: CasualtyMention) -> str | None:
        span = find(c)
        return norm[span[0]:span[1]] if span is not None else None
    return another_time


def _near_cue_finder(doc: Doc, key: str, reach: int | None):
    """``find(c)``: the first cue of ``lexicons/restatements.json[key]`` in the count's sentence, at most
    ``reach`` characters before or after the count (anywhere in it when ``reach`` is None), or None."""
    cues = [(m.ws, m.ne) for m in _restatement_matcher(key).find(doc.nt.norm)]
    text = doc.text

    def find(c: CasualtyMention) -> tuple[int, int] | None:
        k = text.sentence_index(c.ns)
        lo = text.sentences[k].ns if k >= 0 and reach is None else c.ns - 2 * (reach or 0)
        for ws, ne in cues[bisect.bisect_left(cues, (lo, -1)):]:
            if reach is not None and ws > c.ne + reach:
                break
            near = reach is None or (c.ns - ne <= reach if ne <= c.ns else ws >= c.ne)
            if text.sentence_index(ws) > k:
                break
            if near and text.sentence_index(ws) == k:
                return ws, ne
        return None
    return find


def _sentence_finder(doc: Doc):
    return doc.text.sentence_index


def _source_cue_finder(doc: Doc):
    """``sourced(c)``: the last source cue (``lexicons/restatements.json``) before the count in its
    sentence, or None."""
    return _cue_finder(doc, "source_cues")


def _cue_finder(doc: Doc, key: str, reach: int | None = None):
    """``find(c)``: the last cue of ``lexicons/restatements.json[key]`` before the count in its sentence
    (at most ``reach`` characters before it), or None."""
    cues = [(m.ws, m.ne) for m in _restatement_matcher(key).find(doc.nt.norm)]
    text = doc.text

    def find(c: CasualtyMention) -> tuple[int, int] | None:
        k = bisect.bisect_right(cues, (c.ns, -1)) - 1
        if k < 0 or (reach is not None and c.ns - cues[k][1] > reach):
            return None
        s = text.sentence_index(c.ns)
        lo = text.sentences[s].ns if s >= 0 else 0
        return cues[k] if cues[k][0] >= lo else None
    return find


@lru_cache(maxsize=None)  # one per key of lexicons/restatements.json (a small cache rebuilt them per report)
def _restatement_matcher(key: str) -> PhraseMatcher:
    return PhraseMatcher((t, True) for t in load_json("restatements.json")[key])


def lead_end(norm: str, body_start: int) -> int:
    """End of the lead paragraph (the first body line) when more text follows it, else 0."""
    e = norm.find("\n", body_start)
    if e < 0 or not norm[e:].strip():
        return 0
    return e


__all__ = ["finalize", "lead_end", "OUTCOMES"]
