"""Typed mentions: what each extraction stage returns.

Every mention holds ``ns``/``ne``: offsets into the NORMALIZED text
(``NormText.norm``). ``to_json(nt)`` renders the SPEC section 2 dict, whose
``text``/``span`` quote the ORIGINAL text through ``nt.span``.

Stages (each a pure function of the normalized text and earlier mentions):

- ``numbers.find_numbers(nt) -> list[NumberMention]``
- ``dates.find_dates(nt, published: datetime.date | None) -> list[DateMention]``
- ``places.find_places(nt) -> list[PlaceMention]``
- ``actors.find_actors(nt) -> list[ActorMention]``
- ``weapons.find_weapons(nt) -> list[WeaponMention]``
- ``facilities.find_facilities(nt, numbers) -> list[FacilityMention]``
- ``casualties.find_casualties(nt, numbers, actors) -> list[CasualtyMention]``
- ``events.build_events(doc) -> (list[EventMention], warnings)``
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.core.document import TextDoc, text_doc
from pipeline.core.normalize import NormText
from pipeline.core.phrases import WordTokens


@dataclass
class Mention:
    ns: int
    ne: int

    def quote(self, nt: NormText) -> dict[str, Any]:
        s, e = nt.span(self.ns, self.ne)
        return {"text": nt.original[s:e], "span": [s, e]}


@dataclass
class NumberMention(Mention):
    """A stated quantity. ``value`` is None for vague quantities (عشرات)."""

    value: int | None
    min: int | None
    max: int | None
    qualifier: str  # exact|at_least|more_than|less_than|approx|range|tens|hundreds|thousands
    kind: str = "digits"  # digits|words|mixed|dual|vague|singular
    #: normalized offsets of the number itself, without the qualifier phrase
    core: tuple[int, int] | None = None
    #: for duals (مدرستين): the singular noun lemma key from the dual lexicon
    noun: str | None = None


@dataclass
class DateMention(Mention):
    value: str  # YYYY-MM-DD | YYYY-MM | YYYY
    precision: str  # day|month|year
    start: str  # YYYY-MM-DD
    end: str  # YYYY-MM-DD
    calendar: str = "gregorian"
    relative: bool = False

    def to_json(self, nt: NormText) -> dict[str, Any]:
        d = self.quote(nt)
        return {"text": d["text"], "value": self.value, "precision": self.precision,
                "start": self.start, "end": self.end, "calendar": self.calendar,
                "relative": self.relative, "span": d["span"]}


@dataclass
class PlaceMention(Mention):
    name_ar: str
    name_en: str | None
    kind: str
    pcode: str | None
    admin1: dict[str, str] | None  # {"pcode","name_ar","name_en"}
    lat: float | None
    lon: float | None
    geo_precision: int | None
    extra: dict[str, Any] = field(default_factory=dict)  # admin2/admin3, direction, ...

    def to_json(self, nt: NormText) -> dict[str, Any]:
        d = self.quote(nt)
        out = {"text": d["text"], "name_ar": self.name_ar, "name_en": self.name_en, "kind": self.kind,
               "pcode": self.pcode, "admin1": self.admin1, "lat": self.lat, "lon": self.lon,
               "geo_precision": self.geo_precision, "span": d["span"]}
        out.update(self.extra)
        return out


@dataclass
class ActorMention(Mention):
    id: str
    name_ar: str
    role: str = "other"  # perpetrator|victim|other
    #: the rule of ``actors`` that set the role (not in the report JSON)
    role_rule: str | None = None

    def to_json(self, nt: NormText) -> dict[str, Any]:
        d = self.quote(nt)
        return {"id": self.id, "name_ar": self.name_ar, "text": d["text"], "span": d["span"], "role": self.role}


@dataclass
class WeaponMention(Mention):
    type: str

    def to_json(self, nt: NormText) -> dict[str, Any]:
        d = self.quote(nt)
        return {"type": self.type, "text": d["text"], "span": d["span"]}


@dataclass
class FacilityMention(Mention):
    type: str
    count: int | None
    perpetrator: str | None = None
    #: decided field -> (rule name, normalized trigger span); rendered as SPEC's ``why``
    why: dict = field(default_factory=dict)

    def to_json(self, nt: NormText) -> dict[str, Any]:
        d = self.quote(nt)
        return {"type": self.type, "count": self.count, "perpetrator": self.perpetrator,
                "why": render_why(nt, self.why), "text": d["text"], "span": d["span"]}


def render_why(nt: NormText, why: dict) -> dict[str, Any]:
    """``{field: (rule, (ns, ne))}`` -> SPEC's ``why``: the rule and the original words that triggered it."""
    out = {}
    for k, (rule, (s, e)) in why.items():
        os_, oe = nt.span(s, e)
        out[k] = {"rule": rule, "span": [os_, oe], "text": nt.original[os_:oe]}
    return out


@dataclass
class CasualtyMention(Mention):
    outcome: str
    group: str
    age: str | None
    gender: str | None
    count: int | None
    min: int | None
    max: int | None
    qualifier: str
    perpetrator: str | None = None
    cause: str | None = None
    #: set by :mod:`pipeline.stages.summing`: position in the report (``#c<n>``), per-count scope, and the
    #: counts this one breaks down (``part_of``) or restates (``same_as``)
    n: int = 0
    scope: str = "incident"
    total: "CasualtyMention | None" = None
    share: "CasualtyMention | None" = None  # a part with its own agent (قتلت قوات النظام منهم 198)
    same_as: "CasualtyMention | None" = None
    #: decided field -> (rule name, normalized trigger span); rendered as SPEC's ``why``
    why: dict = field(default_factory=dict)

    def to_json(self, nt: NormText, report_id: str = "") -> dict[str, Any]:
        d = self.quote(nt)

        def ref(c: "CasualtyMention | None") -> str | None:
            return f"{report_id}#c{c.n}" if c is not None else None

        why = {}
        for k, (rule, (s, e)) in self.why.items():
            os_, oe = nt.span(s, e)
            why[k] = {"rule": rule, "span": [os_, oe], "text": nt.original[os_:oe]}
        return {"id": ref(self), "outcome": self.outcome, "group": self.group, "age": self.age,
                "gender": self.gender, "count": self.count, "min": self.min, "max": self.max,
                "qualifier": self.qualifier, "perpetrator": self.perpetrator, "cause": self.cause,
                "scope": self.scope, "part_of": ref(self.total or self.share), "same_as": ref(self.same_as), "why": why,
                "text": d["text"], "span": d["span"]}

    @property
    def summed(self) -> int:
        """What this count adds to a toll: the stated number, or the lower bound of a vague one."""
        v = self.count if self.count is not None else self.min
        return v or 0

    @property
    def counted(self) -> bool:
        """True when the count adds to the report's tolls: an incident count that is neither a part of
        another count nor a restatement of one."""
        return self.scope == "incident" and self.total is None and self.share is None and self.same_as is None


@dataclass
class EventMention(Mention):
    """One incident-bearing sentence or clause; ``ns``/``ne`` cover the sentence."""

    type: str
    scope: str  # incident|aggregate
    trigger: tuple[int, int]  # normalized offsets of the trigger word(s)
    #: the rule that set ``scope`` at the event level, and its trigger span
    scope_why: tuple[str, tuple[int, int]] | None = None
    date: DateMention | None = None
    places: list[PlaceMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    casualties: list[CasualtyMention] = field(default_factory=list)
    facilities: list[FacilityMention] = field(default_factory=list)
    weapons: list[WeaponMention] = field(default_factory=list)
    #: the rules of ``events`` that set its date, place and perpetrator, by name, and with their trigger
    #: spans (written to the event's ``why`` beside its scope)
    rules: dict[str, str] = field(default_factory=dict)
    rule_spans: dict[str, tuple[str, tuple[int, int]]] = field(default_factory=dict)

    def to_json(self, nt: NormText, event_id: str) -> dict[str, Any]:
        ts, te = nt.span(*self.trigger)
        s, e = nt.span(self.ns, self.ne)
        why = render_why(nt, {**self.rule_spans, **({"scope": self.scope_why} if self.scope_why else {})})
        return {"id": event_id, "type": self.type, "scope": self.scope, "why": why,
                "trigger": {"text": nt.original[ts:te], "span": [ts, te]},
                "sentence": {"text": nt.original[s:e], "span": [s, e]},
                "date": self.date.to_json(nt) if self.date else None,
                "places": [p.to_json(nt) for p in self.places],
                "actors": [a.to_json(nt) for a in self.actors],
                "casualties": [c.to_json(nt, event_id.rsplit("#", 1)[0]) for c in self.casualties],
                "facilities": [f.to_json(nt) for f in self.facilities],
                "weapons": [w.to_json(nt) for w in self.weapons]}


@dataclass
class Doc:
    """Everything the stages found in one report, handed to ``events.build_events``."""

    nt: NormText
    published: Any  # datetime.date | None
    sentences: list  # list[text.Sentence]
    numbers: list[NumberMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    weapons: list[WeaponMention] = field(default_factory=list)
    facilities: list[FacilityMention] = field(default_factory=list)
    casualties: list[CasualtyMention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: where the body starts (headline and dateline lines before it)
    heading_end: int = 0
    #: normalized spans of tally/period cues (حصيلة، خلال شهر) and running-total cues (ليرتفع عدد)
    agg_cues: list[tuple[int, int]] = field(default_factory=list)
    running_cues: list[tuple[int, int]] = field(default_factory=list)
    stock_cues: list[tuple[int, int]] = field(default_factory=list)  # لا يزال، ما زال
    #: per outcome, the people harmed in the report's incidents, each once (SPEC ``tolls``)
    tolls: dict[str, int] = field(default_factory=dict)

    @property
    def text(self) -> TextDoc:
        """The text's shared analysis: sentences, tokens, letter words with their clitic readings."""
        return text_doc(self.nt)

    @property
    def words(self) -> WordTokens:
        return text_doc(self.nt).words
