"""Restatements: counts that repeat people already counted in the same report (SPEC ``same_as``).

Ordered named rules, each linking a count to the one it restates:

- ``running_total_supersedes``: a growing toll (``ليرتفع عدد القتلى إلى 30``) is the incident's latest
  figure; the earlier figures of the same outcome since the previous running total restate it.
- ``headline_restates_body``: a count in the headline, dateline or lead that a later line states again
  (same outcome, compatible group, same number) restates that later count, unless that count adds others
  to an earlier count of its outcome (``مقتل أربعة أطفال آخرين`` with no count of another outcome before it
  in its sentence).
- ``vague_headline_restates_body``: a vague headline or lead count (``عشرات الشهداء``, ``أكثر من 10``,
  ``نحو 10``) restates the first later body count of its outcome whose figure lies in its bounds (``استشهد 30
  مدنياً``, ``أصيب 11``; an approximate figure reaches ``settings.APPROX_LEAD_TOLERANCE`` either side).
- ``repeated_figure``: the same number of the same outcome and a compatible group (the same, or a general one:
  ``4 أشخاص`` and ``4 مدنيين``) stated again in a later sentence
  for the same place, a compatible date and perpetrator restates the first statement (inside one
  sentence, ``3 في أريحا، و3 في كنصفرة`` are two counts).
- ``repeated_with_its_pair``: a count (one included) beside a repeated figure of its event restates the count
  of the same outcome and number beside the figure it repeats.
- ``earlier_figure_superseded``: a count after an earlier-figure cue (``بعد أن كانت الحصيلة الأولية 27``,
  ``في وقت سابق``) in its sentence restates the nearest count of the same outcome before it, in the same
  sentence or the one before (the toll that replaced it).
- ``own_figure_kept``: the report's own figure for an incident (a count of the lead paragraph with no source
  cue before it and no provisional cue near it) is kept; a later different figure of the same outcome for that
  incident (the same event, or events that name the same places below a governorate, with compatible dates and
  kinds),
  told by a source (``أفاد المرصد بمقتل 6``) or as a provisional toll (``حصيلة أولية``), of the same order,
  restates it, unless it tells another time (a pluperfect sentence, a past month), adds others or is one part
  of a split (``مقتل رجلين وطفلة``: two counts of its outcome in its sentence).
- ``provisional_figure_superseded``: a provisional toll (``حصيلة أولية``، ``قابلة للارتفاع``) restates the
  latest different figure of the same outcome for the same incident, of the same order, stated after it.
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
from pipeline.core.settings import APPROX_LEAD_TOLERANCE, EARLIER_STATEMENT_MAX_RATIO, SECOND_SOURCE_MAX_RATIO
from pipeline.stages.scope import LOCAL_PLACE_KINDS

#: groups a headline may use for the body's more specific group (مقتل 5 أشخاص … 5 مدنيين)
GENERAL_GROUPS = frozenset({"persons", "civilians"})
#: per outcome, a group that names no one more than its outcome does (عدد المعتقلين: the detained)
GENERAL_FOR_OUTCOME = {"detained": "detainees"}


#: the general groups of each outcome (GENERAL_GROUPS, and the outcome's own: المعتقلين for the detained)
_GENERAL_OF = {o: GENERAL_GROUPS | {g} for o, g in GENERAL_FOR_OUTCOME.items()}


def _compatible_groups(a: str, b: str, outcome: str | None = None) -> bool:
    general = _GENERAL_OF.get(outcome, GENERAL_GROUPS)
    return a == b or a in general or b in general


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
                      stated_before: Callable[[CasualtyMention], bool] = lambda c: False,
                      provisional: Callable[[CasualtyMention], tuple[int, int] | None] = lambda c: None,
                      another_time: Callable[[CasualtyMention], str | None] = lambda c: None) -> None:
    """Set ``same_as`` and ``why['same_as']`` on the head counts that restate another, in place.

    ``heads``: (count, its event) in text order; ``heading_end``: where the body starts (headline and
    dateline before it); ``lead_end``: end of the lead paragraph (0 when the report has one paragraph);
    ``sourced``: the span of a source cue before the count in its sentence, or None; ``sentence_of``: the
    index of a position's sentence; ``earlier``: the span of an earlier-figure cue before the count;
    ``additional``: the count adds others to an earlier count of its outcome (``مقتل أربعة أطفال آخرين``);
    ``stated_before``: the count's sentence reports a statement made earlier (``وكانت مصادر محلية قد ذكرت``);
    ``provisional``: the span of a provisional-toll cue near the count (``حصيلة أولية``), or None;
    ``another_time``: the (normalized) word dating the count's sentence to a past time (``الشهر الماضي``), or None.
    """
    _running_totals(heads, running_at)
    _headline(heads, heading_end, lead_end, line_break, additional)
    _repeated(heads, additional)
    _repeated_with_its_pair(heads)
    _earlier_figures(heads, earlier, sentence_of)
    told = _Told(sourced, provisional, sentence_of, additional, stated_before, another_time)
    told.count_split(heads)
    _own_figure(heads, heading_end, lead_end, told)
    _provisional_figures(heads, told)
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
                    _compatible_groups(e.group, c.group, c.outcome) and e.summed <= c.summed and \
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
            if b.outcome == h.outcome and _same_number(h, b) and _compatible_groups(h.group, b.group, b.outcome) \
                    and (h.perpetrator is None or b.perpetrator in (None, h.perpetrator)):
                _link(h, b, "headline_restates_body", (b.ns, b.ne))
                break
        if h.same_as is None and _vague_bounds(h) is not None:
            _vague_headline(h, heads[k + 1:], line_break)


def _vague_headline(h: CasualtyMention, later, line_break) -> None:
    """``vague_headline_restates_body``: a vague headline or lead count (``عشرات الشهداء``) restates the
    first later body count of its outcome, compatible group and perpetrator whose figure lies in its
    bounds (``استشهد 30 مدنياً``): the body's figure is the one kept."""
    for b, _ in later:
        if b.outcome != h.outcome or not line_break(h.ne, b.ns) or b.same_as is not None:
            continue
        if not _compatible_groups(h.group, b.group, b.outcome) or \
                (h.perpetrator is not None and b.perpetrator not in (None, h.perpetrator)):
            continue
        lo, hi = _vague_bounds(h)
        if b.count is not None and lo <= b.count and (hi is None or b.count <= hi):
            _link(h, b, "vague_headline_restates_body", (b.ns, b.ne))
        return  # only the first body count of the outcome can be the one the headline sums up


#: qualifiers of a figure given as a bound or an estimate (أكثر من 10، نحو 10), which a lead may round
_VAGUE_FIGURES = frozenset({"more_than", "approx"})


def _vague_bounds(h: CasualtyMention) -> tuple[int, int | None] | None:
    """The figures a vague count allows (``عشرات``: 20 to 99, ``أكثر من 10``: 10 and more, ``نحو 10``: 8 to
    12), or None for a figure that is not vague (``قتل 10``، ``10 على الأقل``)."""
    if h.min is None or (h.count is not None and h.qualifier not in _VAGUE_FIGURES):
        return None
    if h.qualifier == "approx" and h.count is not None:
        d = h.count * APPROX_LEAD_TOLERANCE
        return int(-(-(h.count - d) // 1)), int(h.count + d)
    return h.min, h.max


def _number_key(c: CasualtyMention) -> tuple:
    """Equal for two counts exactly when :func:`_same_number` holds."""
    return ("count", c.count) if c.count is not None else ("qualifier", c.qualifier)


def _repeated(heads, additional=lambda c: False) -> None:
    # the earlier counts of each outcome, number and scope, in text order (looked up, not scanned)
    earlier: dict[tuple, list[tuple[CasualtyMention, EventMention]]] = {}
    for k, (c, ev) in enumerate(heads):
        key = (c.outcome, _number_key(c), c.scope)
        if not (c.same_as is not None or (c.count is not None and c.count < 2) or additional(c)):
            for e, eev in earlier.get(key, ()):
                if e.same_as is not None or e.same_as is c or not _compatible_groups(e.group, c.group, c.outcome):
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
                    e.outcome == c.outcome and _same_number(e, c) and
                    _compatible_groups(e.group, c.group, c.outcome) and
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
            if sentence_of(c.ns) == sentence_of(e.ns) or not _compatible_groups(c.group, e.group, e.outcome):
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
                    _compatible_groups(e.group, c.group, c.outcome) and e.ne <= cue[0]:
                _link(c, e, "earlier_figure_superseded", cue)
                break


class _Told:
    """How the report tells a count: by a source, as a provisional toll, in which sentence, adding others, as
    an earlier statement (the callables :func:`link_restatements` takes)."""

    def __init__(self, sourced, provisional, sentence_of, additional, stated_before, past) -> None:
        self.sourced, self.provisional, self.sentence_of = sourced, provisional, sentence_of
        self.additional, self.stated_before, self.past = additional, stated_before, past

    def count_split(self, heads) -> None:
        """Note the sentences with two or more head counts of one outcome (``رجلين وطفلة``: a split)."""
        seen: dict[tuple[int, str], int] = {}
        for c, _ in heads:
            key = (self.sentence_of(c.ns), c.outcome)
            seen[key] = seen.get(key, 0) + 1
        self.split = {k for k, n in seen.items() if n > 1}

    def whole(self, c: CasualtyMention) -> bool:
        """The count is the only head count of its outcome in its sentence: a whole figure, not one part of a
        split of the incident (``مقتل رجلين وطفلة``)."""
        return (self.sentence_of(c.ns), c.outcome) not in self.split

    def apart_in_time(self, c: CasualtyMention, e: CasualtyMention) -> bool:
        """The two counts tell incidents of different times: either is told in a pluperfect or earlier-statement
        sentence (``وكان ... قد``), or their sentences date them by different past times (``الشهر الماضي`` in one
        only; the same ``مساء الخميس الماضي`` in both is one time)."""
        return self.stated_before(c) or self.stated_before(e) or self.past(c) != self.past(e)


def _one_incident(c: CasualtyMention, ev: EventMention, e: CasualtyMention, eev: EventMention, told: _Told) -> bool:
    """Two different figures of one outcome that may tell one incident: different sentences, compatible groups
    and perpetrators, of the same order, and the same event or events sharing a place below a governorate
    with nothing (date, kind, place) telling them apart; neither adds others or tells another time."""
    if e.same_as is not None or e.outcome != c.outcome or _same_number(c, e) or not _same_order(c, e):
        return False
    if told.sentence_of(c.ns) == told.sentence_of(e.ns) or not _compatible_groups(c.group, e.group, e.outcome):
        return False
    if not _compatible_perpetrators(c.perpetrator, e.perpetrator) or told.additional(e) or told.additional(c):
        return False
    if told.apart_in_time(c, e) or not (told.whole(c) and told.whole(e)):
        return False
    return ev is eev or (_same_local_places(ev, eev) and _compatible_events(ev, eev))


def _same_local_places(ea: EventMention, eb: EventMention) -> bool:
    """Both events name places below a governorate, and the same ones (by name or pcode): a total over two
    towns and the figure of one of them (جبلة وطرطوس، جبلة) are not one incident told twice."""
    a, b = _local_places(ea), _local_places(eb)
    return bool(a) and bool(b) and all(k & _place_keys(eb, local=True) for k in a) and \
        all(k & _place_keys(ea, local=True) for k in b)


def _local_places(ev: EventMention) -> list[set[str]]:
    return [{p.name_ar, p.pcode} - {None, ""} for p in ev.places if p.kind in LOCAL_PLACE_KINDS]


def _own_figure(heads, heading_end: int, lead_end: int, told: _Told) -> None:
    """``own_figure_kept``: a lead count with no source cue and no provisional cue is the report's own figure;
    the later different figures of its incident told by a source or as provisional restate it."""
    live = [(c, ev) for c, ev in heads if c.same_as is None and c.scope == "incident"]
    for k, (own, oev) in enumerate(live):
        if not heading_end <= own.ns < lead_end or own.same_as is not None:
            continue
        if told.sourced(own) is not None or told.provisional(own) is not None:
            continue
        for e, eev in live[k + 1:]:
            cue = told.sourced(e) or told.provisional(e)
            if cue is not None and e.ns >= lead_end and _one_incident(own, oev, e, eev, told):
                _link(e, own, "own_figure_kept", cue)


def _provisional_figures(heads, told: _Told) -> None:
    """``provisional_figure_superseded``: a provisional toll restates the latest different figure of its
    incident stated after it."""
    live = [(c, ev) for c, ev in heads if c.same_as is None and c.scope == "incident"]
    for k, (c, ev) in enumerate(live):
        cue = told.provisional(c)
        if cue is None or c.same_as is not None:
            continue
        later = [e for e, eev in live[k + 1:] if _one_incident(c, ev, e, eev, told)]
        if later:
            _link(c, later[-1], "provisional_figure_superseded", cue)
