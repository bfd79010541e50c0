"""Restatements: counts that repeat people already counted in the same report (SPEC ``same_as``).

Ordered named rules, each linking a count to the one it restates:

- ``running_total_supersedes``: a growing toll (``ليرتفع عدد القتلى إلى 30``) is the incident's latest
  figure; the earlier figures of the same outcome since the previous running total restate it.
- ``headline_restates_body``: a count in the headline, dateline or lead that a later line states again
  (same outcome, compatible group, same number) restates that later count, unless that count adds others
  to an earlier count of its outcome (``مقتل أربعة أطفال آخرين`` with no count of another outcome before it
  in its sentence).
- ``vague_headline_restates_body``: a vague headline or lead count (``عشرات الشهداء``) restates the first
  later body count of its outcome whose figure lies in its bounds (``استشهد 30 مدنياً``).
- ``repeated_figure``: the same number of the same outcome and group stated again in a later sentence
  for the same place, a compatible date and perpetrator restates the first statement (inside one
  sentence, ``3 في أريحا، و3 في كنصفرة`` are two counts).
- ``repeated_with_its_pair``: a count (one included) beside a repeated figure of its event restates the count
  of the same outcome and number beside the figure it repeats.
- ``earlier_figure_superseded``: a count after an earlier-figure cue (``بعد أن كانت الحصيلة الأولية 27``,
  ``في وقت سابق``) in its sentence restates the nearest count of the same outcome before it, in the same
  sentence or the one before (the toll that replaced it).
- ``second_source_figure``: two different figures of the same outcome for one incident (the same event,
  or events that share a place below a governorate, with compatible dates, groups and perpetrators), stated in different
  sentences, each attributed to a source (``أعلنت الوكالة``، ``أفاد المرصد``, two different cue
  positions), of the same order (at most ``settings.SECOND_SOURCE_MAX_RATIO`` apart, both at least 2):
  the later figure is kept, the earlier restates it, unless the later one's sentence tells a statement made
  before (``وكانت مصادر محلية قد ذكرت``، ``في تصريح سابق``: ``lexicons/restatements.json``): then the first is kept,
  the two figures may lie further apart (``settings.EARLIER_STATEMENT_MAX_RATIO``: a first figure is low), and
  an event with no place of its own may be the other's.
  An unsourced count beside a sourced one is the
  report's own and is left alone (it is as often another incident as the same one).

Only head counts take part (a breakdown is never summed anyway); a count is linked at most once.
"""
from __future__ import annotations

import bisect
from functools import lru_cache
from typing import Callable, Sequence

from pipeline.core.lexicon import load_json
from pipeline.core.mentions import CasualtyMention, EventMention
from pipeline.core.settings import EARLIER_STATEMENT_MAX_RATIO, SECOND_SOURCE_MAX_RATIO
from pipeline.stages.scope import LOCAL_PLACE_KINDS

#: groups a headline may use for the body's more specific group (مقتل 5 أشخاص … 5 مدنيين)
GENERAL_GROUPS = frozenset({"persons", "civilians"})


def _compatible_groups(a: str, b: str) -> bool:
    return a == b or a in GENERAL_GROUPS or b in GENERAL_GROUPS


def _same_number(a: CasualtyMention, b: CasualtyMention) -> bool:
    if a.count is not None or b.count is not None:
        return a.count == b.count
    return a.qualifier == b.qualifier


def _place_keys(ev: EventMention, local: bool = False) -> set[str]:
    """The event's places by name and by pcode (قامشلو and القامشلي are one town), the local ones only
    (below a governorate) when ``local``."""
    out: set[str] = set()
    for p in ev.places:
        if p.kind == "country":
            continue  # سوريا tells no incident from another
        if not local or p.kind in LOCAL_PLACE_KINDS:
            out.add(p.name_ar)
            if p.pcode:
                out.add(p.pcode)
    return out


def _compatible_events(ea: EventMention, eb: EventMention) -> bool:
    """No place, date or kind tells the two events apart: they share a place when both name one, and a town
    or village when both name one (حاس بريف إدلب and كفرنبل بريف إدلب are two incidents), and a date; and
    their kinds are not two that never name one incident (``lexicons/restatements.json`` event_types_apart:
    clashes and an air strike)."""
    if _place_keys(ea) and _place_keys(eb) and not _shared_place(ea, eb):
        return False
    la, lb = _place_keys(ea, local=True), _place_keys(eb, local=True)
    if la and lb and not la & lb:
        return False
    if ea.type in _types_apart().get(eb.type, ()):
        return False  # clashes on a front and an air strike on a city are two incidents
    if ea.date is not None and eb.date is not None and ea.date.value != eb.date.value:
        return False
    return True


def _compatible_perpetrators(a: str | None, b: str | None) -> bool:
    """Two attributions of one count: the same, or one of them unnamed or unknown (a state agency's
    ``المجموعات الإرهابية`` for the group a correspondent names)."""
    return a is None or b is None or a == b or "unknown" in (a, b)


@lru_cache(maxsize=1)
def _types_apart() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for a, b in load_json("restatements.json")["event_types_apart"]:
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in out.items()}


def _shared_place(ea: EventMention, eb: EventMention) -> bool:
    """The events share a place; when neither names one below a governorate, their governorate is enough
    (بمحافظة القنيطرة and في ريف القنيطرة)."""
    if _place_keys(ea) & _place_keys(eb):
        return True
    if _place_keys(ea, local=True) or _place_keys(eb, local=True):
        return False
    return bool(_governorates(ea) & _governorates(eb))


def _governorates(ev: EventMention) -> set[str]:
    return {(p.admin1 or {}).get("pcode") or "" for p in ev.places} - {""}


def link_restatements(heads: Sequence[tuple[CasualtyMention, EventMention]], *, heading_end: int,
                      lead_end: int, running_at: Callable[[CasualtyMention], tuple[int, int] | None],
                      line_break: Callable[[int, int], bool],
                      sourced: Callable[[CasualtyMention], tuple[int, int] | None] = lambda c: None,
                      sentence_of: Callable[[int], int] = lambda pos: 0,
                      earlier: Callable[[CasualtyMention], tuple[int, int] | None] = lambda c: None,
                      additional: Callable[[CasualtyMention], bool] = lambda c: False,
                      stated_before: Callable[[CasualtyMention], bool] = lambda c: False) -> None:
    """Set ``same_as`` and ``why['same_as']`` on the head counts that restate another, in place.

    ``heads``: (count, its event) in text order; ``heading_end``: where the body starts (headline and
    dateline before it); ``lead_end``: end of the lead paragraph (0 when the report has one paragraph);
    ``sourced``: the span of a source cue before the count in its sentence, or None; ``sentence_of``: the
    index of a position's sentence; ``earlier``: the span of an earlier-figure cue before the count;
    ``additional``: the count adds others to an earlier count of its outcome (``مقتل أربعة أطفال آخرين``);
    ``stated_before``: the count's sentence reports a statement made earlier (``وكانت مصادر محلية قد ذكرت``).
    """
    _running_totals(heads, running_at)
    _headline(heads, heading_end, lead_end, line_break, additional)
    _repeated(heads, additional)
    _repeated_with_its_pair(heads)
    _earlier_figures(heads, earlier, sentence_of)
    _second_source(heads, heading_end, sourced, sentence_of, stated_before)


def _link(c: CasualtyMention, target: CasualtyMention, rule: str, span: tuple[int, int]) -> None:
    c.same_as = target
    c.why["same_as"] = (rule, span)


def _running_totals(heads, running_at) -> None:
    since: dict[str, int] = {}  # outcome -> index after the previous running total
    for k, (c, ev) in enumerate(heads):
        cue = running_at(c)
        if cue is None:
            continue
        lo = since.get(c.outcome, 0)
        for e, eev in heads[lo:k]:
            if e.same_as is None and e.outcome == c.outcome and e.scope == "incident" and \
                    _compatible_groups(e.group, c.group) and e.summed <= c.summed and \
                    _compatible_events(eev, ev):
                _link(e, c, "running_total_supersedes", cue)
        since[c.outcome] = k + 1


def _headline(heads, heading_end: int, lead_end: int, line_break, additional) -> None:
    top = max(heading_end, lead_end)
    for k, (h, hev) in enumerate(heads):
        if h.ns >= top or h.same_as is not None:
            continue
        for b, bev in heads[k + 1:]:
            if b.same_as is h or not line_break(h.ne, b.ns) or additional(b):
                continue  # a count of others (أربعة أطفال آخرين) adds to an earlier one: no headline sums it up
            if b.outcome == h.outcome and _same_number(h, b) and _compatible_groups(h.group, b.group) \
                    and (h.perpetrator is None or b.perpetrator in (None, h.perpetrator)):
                _link(h, b, "headline_restates_body", (b.ns, b.ne))
                break
        if h.same_as is None and h.count is None and h.min is not None:
            _vague_headline(h, heads[k + 1:], line_break)


def _vague_headline(h: CasualtyMention, later, line_break) -> None:
    """``vague_headline_restates_body``: a vague headline or lead count (``عشرات الشهداء``) restates the
    first later body count of its outcome, compatible group and perpetrator whose figure lies in its
    bounds (``استشهد 30 مدنياً``): the body's figure is the one kept."""
    for b, _ in later:
        if b.outcome != h.outcome or not line_break(h.ne, b.ns) or b.same_as is not None:
            continue
        if not _compatible_groups(h.group, b.group) or \
                (h.perpetrator is not None and b.perpetrator not in (None, h.perpetrator)):
            continue
        if b.count is not None and h.min <= b.count and (h.max is None or b.count <= h.max):
            _link(h, b, "vague_headline_restates_body", (b.ns, b.ne))
        return  # only the first body count of the outcome can be the one the headline sums up


def _number_key(c: CasualtyMention) -> tuple:
    """Equal for two counts exactly when :func:`_same_number` holds."""
    return ("count", c.count) if c.count is not None else ("qualifier", c.qualifier)


def _repeated(heads, additional=lambda c: False) -> None:
    # the earlier counts of each outcome, group, number and scope, in text order (looked up, not scanned)
    earlier: dict[tuple, list[tuple[CasualtyMention, EventMention]]] = {}
    for k, (c, ev) in enumerate(heads):
        key = (c.outcome, c.group, _number_key(c), c.scope)
        if not (c.same_as is not None or (c.count is not None and c.count < 2) or additional(c)):
            for e, eev in earlier.get(key, ()):
                if e.same_as is not None or e.same_as is c:
                    continue
                if _compatible_perpetrators(e.perpetrator, c.perpetrator) and \
                        eev is not ev and _compatible_events(eev, ev) and _shared_place(eev, ev):
                    _link(c, e, "repeated_figure", (e.ns, e.ne))
                    break
        earlier.setdefault(key, []).append((c, ev))


def _repeated_with_its_pair(heads) -> None:
    """``repeated_with_its_pair``: a count of any figure, one included (``بمقتل شخص``), beside a count of
    its event that restates a count of an earlier event by ``repeated_figure`` restates the count of that
    earlier event with its outcome and number (``مقتل شخص وإصابة 15`` told again as ``وفاة شخص
    وإصابة 15 آخرين``)."""
    by_event: dict[int, list[CasualtyMention]] = {}
    for c, ev in heads:
        by_event.setdefault(id(ev), []).append(c)
    event_of = {id(c): ev for c, ev in heads}
    for c, ev in heads:
        if c.same_as is not None:
            continue
        for d in by_event[id(ev)]:
            t = d.same_as
            if d is c or t is None or d.why.get("same_as", ("",))[0] != "repeated_figure" or t.ns > c.ns:
                continue
            pair = [e for e in by_event.get(id(event_of.get(id(t))), ()) if e is not t and e.same_as is None and
                    e.outcome == c.outcome and _same_number(e, c) and _compatible_groups(e.group, c.group) and
                    _compatible_perpetrators(e.perpetrator, c.perpetrator) and e.ns < c.ns]
            if pair:
                _link(c, pair[0], "repeated_with_its_pair", (d.ns, d.ne))
                break


def _same_order(a: CasualtyMention, b: CasualtyMention, ratio: float = SECOND_SOURCE_MAX_RATIO) -> bool:
    lo, hi = sorted((a.summed, b.summed))
    return lo >= 2 and hi <= lo * ratio


def _second_source(heads, heading_end: int, sourced, sentence_of, stated_before) -> None:
    live = [(c, ev) for c, ev in heads if c.same_as is None and c.scope == "incident" and c.ns >= heading_end]
    # only sourced counts of at least 2 can take part: the later ones of each outcome, looked up by
    # bisect, instead of every later count (what the rule asks of both is checked as before)
    cue = [sourced(c) if c.summed >= 2 else None for c, _ in live]
    later: dict[str, list[int]] = {}
    for k, (c, _) in enumerate(live):
        if cue[k] is not None:
            later.setdefault(c.outcome, []).append(k)
    for k, (c, ev) in enumerate(live):
        if c.same_as is not None or cue[k] is None:
            continue
        ks = later.get(c.outcome, [])
        for j in ks[bisect.bisect_right(ks, k):]:
            e, eev = live[j]
            if e.same_as is not None or e.outcome != c.outcome or _same_number(c, e):
                continue
            if sentence_of(c.ns) == sentence_of(e.ns) or not _compatible_groups(c.group, e.group):
                continue
            if not _compatible_perpetrators(c.perpetrator, e.perpetrator):
                continue
            earlier_one = stated_before(c) != stated_before(e)
            placed = _shared_place(ev, eev) or (earlier_one and not (_place_keys(ev) and _place_keys(eev)))
            if not (ev is eev or (placed and _compatible_events(ev, eev))):
                continue
            if not _same_order(c, e, EARLIER_STATEMENT_MAX_RATIO if earlier_one else SECOND_SOURCE_MAX_RATIO):
                continue  # an earlier statement's first figure may be far below the report's
            sc, se = cue[k], cue[j]
            if sc is None or se is None or sc == se:
                continue
            if stated_before(e) and not stated_before(c):
                _link(e, c, "second_source_figure", sc)  # the later sentence tells an earlier statement
                continue  # c is kept: it may stand for a third source's figure too
            _link(c, e, "second_source_figure", se)
            break


def _earlier_figures(heads, earlier, sentence_of) -> None:
    for k, (c, ev) in enumerate(heads):
        cue = earlier(c) if c.same_as is None else None
        if cue is None:
            continue
        here = sentence_of(c.ns)
        for e, _ in reversed(heads[:k]):
            if sentence_of(e.ns) < here - 1:
                break
            if e.outcome == c.outcome and e.same_as is None and e.scope == c.scope and \
                    _compatible_groups(e.group, c.group) and e.ne <= cue[0]:
                _link(c, e, "earlier_figure_superseded", cue)
                break
