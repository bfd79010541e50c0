"""Cause: ``torture`` when a torture cue follows a death count (``قضى 17 شخصاً بسبب التعذيب``)."""
from __future__ import annotations

import bisect

from pipeline.core.settings import CAS_TORTURE_AFTER
from pipeline.stages.casualties.attribution import ChainCtx, Chains
from pipeline.stages.casualties.outcome import cue_before


def torture_causes(ag: Chains) -> None:
    """A chain of deaths with a torture cue between its outcome cue (or its first count) and a little after
    its last count, within its clause, died of torture; both sides of clashes are never asked."""
    sc = ag.sc
    for ci, ch in enumerate(ag.chains):
        own = ag.own[ci]
        if own is not None and own.rule == "both_sides_no_agent":
            continue
        c = ChainCtx(ag, ci)
        first = c.first
        if "killed" not in first.outcomes:
            continue
        cue_lo = cue_before(first, sc.cues, sc.cue_starts, c.sent)
        lo = cue_lo if cue_lo is not None else first.ns
        hi = min(ag.lims[ci], c.last.ne + CAS_TORTURE_AFTER)
        k0 = bisect.bisect_left(sc.torture_starts, lo)
        if k0 < len(sc.tortures) and sc.tortures[k0][0] < hi:
            for k in ch:
                ag.items[k].cause = "torture"


def inherited_causes(items) -> None:
    """A share across a semicolon, or a gapped elliptic count, keeps the cause of its total."""
    for it in items:
        if it.cause_of is not None and "killed" in it.outcomes:
            it.cause = it.cause or items[it.cause_of].cause
