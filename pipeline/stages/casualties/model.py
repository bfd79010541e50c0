"""The casualty record the stage returns, and the candidate count it works on."""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.core.mentions import CasualtyMention, NumberMention


@dataclass
class Casualty(CasualtyMention):
    """A :class:`CasualtyMention` that remembers the total it breaks down."""

    #: normalized span of the total count this one is a part of (``بينهم``), else None
    part_of: tuple[int, int] | None = None
    #: the casualty text, for warnings
    label: str = ""
    #: normalized span of the total this count is a share of (قتلت قوات النظام منهم 198): a part with its own agent
    share_of: tuple[int, int] | None = None


@dataclass
class Item:
    ns: int
    ne: int
    value: int | None
    min: int | None
    max: int | None
    qualifier: str
    group: str | None = None
    gender: str | None = None
    outcomes: tuple[str, ...] = ()
    kind: str = "count"  # count|others|bare (elliptic without a noun)|single
    num: NumberMention | None = None
    sent: int = -1
    part_of: int | None = None  # index of the total item
    perpetrator: str | None = None
    resolved: bool = False  # perpetrator decided (possibly None)
    cause: str | None = None
    list_only: bool = False  # a bare singular noun that must continue a list of counts
    split: bool = False  # "N منها": a share of an earlier total, attributed on its own
    case: bool = False  # counted noun حالة alone: persons, detention/disappearance only
    prep: str | None = None  # a bare count after a preposition (والقوات الروسية عن 94)
    listy: bool = False  # a bare count opening a list line or following a colon
    owner: tuple[int, int] | None = None  # the body whose members are counted (أعلنت قوات … مقتل 3 من أعضائها)
    body: bool = False  # counted as members of an armed body named right after (victims' side)
    heading_tally: bool = False  # a labelled count under a heading naming the victims, with no group of its own
    after_marker: bool = False  # a count right after a breakdown marker (منهم 13): a part, needs a total
    needs_prev: bool = False  # an elliptic noun with its own number (وجرح آخر): continues a count in its sentence
    tally_at: int | None = None  # where a running tally's noun starts, when it stands before the count (عدد القتلى)
    tally: bool = False  # a running tally (ليرتفع إلى 38 عدد الذين …): attributed only after itself
    cause_of: int | None = None  # a share across a semicolon: the total whose cause it keeps
    share_of: int | None = None  # a share with its own agent (قتلت قوات النظام منهم 174): index of its total
    restated: bool = False  # a group noun and its number with the article (الجرحى المدنيين الـ85): a count told before
    vague_alone: bool = False  # a definite vague quantity standing alone after a cue (وأصيب العشرات): elliptic
    why_part: str | None = None  # the named rule that linked it to its total, when not the marker's own
    why_perp: str = "no_agent_found"  # the named rule that decided the perpetrator
    why_out: str = "outcome_cue"  # the named rule that decided the outcome(s)
