"""Scope of each stated count: ``incident`` or ``aggregate`` (SPEC section 2), as ordered named rules.

A count is ``aggregate`` when it covers a period longer than a day, totals incidents the report also
gives separately, or is a toll for the country or a governorate in general terms; otherwise it is one
incident's. The rules below decide the *head* counts (totals and counts on their own); a breakdown, a
share and a restatement take the scope of the count they belong to (:mod:`pipeline.summing`).

The context of a head count is its event and the tally cues *attached* to it (:func:`attach_cues`):
a cue before the first count of a clause frames every count of the clause (``خلال شهر آب وثقت مقتل
50 مدنياً و20 مقاتلاً``); a cue after a count belongs to that count and the ones after it, unless
punctuation separates it from that count and another count follows (``قتل 5 في إدلب، فيما ارتفعت
حصيلة الشهر إلى 300``: the tally is the 300's).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex

from .mentions import CasualtyMention, Doc, EventMention
from .rules import Rule, rule

#: event-level decisions (pipeline.events) that hold for every count of the event
EVENT_TALLY_RULES = frozenset({"tally_list_item", "total_announces_breakdown", "tally_trigger",
                               "period_range", "country_toll_for_period"})
#: place kinds that pin a count to one incident's location (below a governorate)
LOCAL_PLACE_KINDS = frozenset({"city", "town", "village", "neighborhood", "camp", "site", "community",
                               "subdistrict"})
#: how far after a running-total cue its count may stand (normalized characters)
RUNNING_CUE_REACH = 90

_SEPARATOR = regex.compile(r"[,;:،؛]|\s(?:فيما|بينما|في حين|كما|و)\s")


@dataclass
class CountCtx:
    """What the scope rules look at for one head count."""

    count: CasualtyMention
    event: EventMention
    doc: Doc
    cues: list[tuple[int, int]] = field(default_factory=list)  # tally/period cues attached to it
    running: tuple[int, int] | None = None  # a running-total cue right before it
    tally_report: tuple[int, int] | None = None  # the cue that makes the report's lead a tally
    combined: tuple[int, int] | None = None  # the count is one number for killed and injured together


def heads(ev: EventMention) -> list[CasualtyMention]:
    """The counts of an event that are not parts or shares of another, one per span, in text order."""
    seen: dict[tuple[int, int], CasualtyMention] = {}
    for c in ev.casualties:
        if c.total is None and c.share is None:
            seen.setdefault((c.ns, c.ne), c)
    return sorted(seen.values(), key=lambda c: c.ns)


def attach_cues(ev: EventMention, cues: list[tuple[int, int]], norm: str) -> dict[tuple[int, int], list]:
    """Tally/period cues of the event's clause, attached to head counts (by span); see the module doc."""
    hs = heads(ev)
    out: dict[tuple[int, int], list] = {(h.ns, h.ne): [] for h in hs}
    if not hs:
        return out
    starts = [h.ns for h in hs]
    chain_end = _chain_ends(ev, hs)
    lo_k = bisect.bisect_left(cues, (ev.ns, -1))
    for cs, ce in cues[lo_k:]:
        if cs >= ev.ne:
            break
        p = bisect.bisect_right(starts, cs) - 1
        if p < 0:
            first = 0
        elif p + 1 < len(hs) and _SEPARATOR.search(norm, chain_end[p], cs):
            first = p + 1
        else:
            first = p
        for h in hs[first:]:
            out[(h.ns, h.ne)].append((cs, ce))
    return out


def _chain_ends(ev: EventMention, hs: list[CasualtyMention]) -> list[int]:
    """End of each head's chain: the head and the parts of it that follow."""
    ends = [h.ne for h in hs]
    pos = {id(h): k for k, h in enumerate(hs)}
    for c in ev.casualties:
        t = c.total or c.share
        if t is not None and id(t) in pos:
            k = pos[id(t)]
            ends[k] = max(ends[k], c.ne)
    return ends


def running_cue_before(count: CasualtyMention, running: list[tuple[int, int]], norm: str,
                       count_starts: list[int]):
    """The running-total cue (ليرتفع عدد القتلى إلى) right before ``count`` in its clause, with no other
    count between them (``count_starts``: the starts of the head counts, sorted), else None."""
    k = bisect.bisect_right(running, (count.ns, 1 << 62)) - 1
    if k < 0:
        return None
    s, e = running[k]
    if count.ns - e > RUNNING_CUE_REACH or regex.search(r"[.\n]", norm[e:count.ns]):
        return None
    if bisect.bisect_left(count_starts, e) != bisect.bisect_left(count_starts, count.ns):
        return None  # the cue is the toll of an earlier count
    return (s, e)


def has_incident_anchor(ctx: CountCtx) -> tuple[int, int] | None:
    """A day, or a place below a governorate, in the count's own clause: the mark of one incident."""
    ev = ctx.event
    if ev.date is not None and ev.date.precision == "day" and ev.ns <= ev.date.ns < ev.ne:
        return (ev.date.ns, ev.date.ne)
    for p in ev.places:
        if p.kind in LOCAL_PLACE_KINDS and ev.ns <= p.ns < ev.ne:
            return (p.ns, p.ne)
    return None


# ---------------------------------------------------------------------------
# The rules, in order
# ---------------------------------------------------------------------------


@rule("event_tally_structure", "the event is a tally by its structure: a list item under an announced "
      "breakdown, a total announcing one, a count of massacres, a date range after خلال, a country's "
      "toll for a month")
def _event_tally(ctx: CountCtx):
    why = ctx.event.scope_why
    if why is not None and why[0] in EVENT_TALLY_RULES:
        return "aggregate", why[1]
    return None


@rule("period_or_tally_cue", "a period or tally cue attached to the count: خلال شهر، منذ بداية العام، "
      "حصيلة، في عموم المحافظات")
def _period_cue(ctx: CountCtx):
    if ctx.cues:
        return "aggregate", ctx.cues[0]
    return None


@rule("one_number_two_outcomes", "one number for the killed and the injured together (14 مدنياً بين قتيل "
      "وجريح): it cannot be added to either toll, so it counts as a tally")
def _combined(ctx: CountCtx):
    if ctx.combined is not None:
        return "aggregate", ctx.combined
    return None


@rule("period_date_without_local_anchor", "a month or a year as the count's date (في شهر نيسان، عام 2019) "
      "and no day and no place below a governorate: a toll over that period")
def _period_date(ctx: CountCtx):
    ev = ctx.event
    d = ev.date
    if d is not None and d.precision in ("month", "year") and ev.ns <= d.ns < ev.ne and \
            has_incident_anchor(ctx) is None:
        return "aggregate", (d.ns, d.ne)
    return None


@rule("running_total_of_incident", "a toll that grows (ليرتفع عدد القتلى إلى 30) with no period: the "
      "incident's latest figure")
def _running(ctx: CountCtx):
    if ctx.running is not None:
        return "incident", ctx.running
    return None


@rule("line_of_tally_report", "in a report whose lead is a tally, a count with no day and no local "
      "place of its own is a line of that tally (per perpetrator, per governorate)")
def _tally_line(ctx: CountCtx):
    if ctx.tally_report is not None and has_incident_anchor(ctx) is None:
        return "aggregate", ctx.tally_report
    return None


@rule("single_incident", "otherwise: one attack or violation")
def _single(ctx: CountCtx):
    return "incident", ctx.event.trigger


SCOPE_RULES: list[Rule[CountCtx]] = [_event_tally, _combined, _period_cue, _period_date, _running, _tally_line,
                                     _single]
