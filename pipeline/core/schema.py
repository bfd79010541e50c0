"""The report JSON schema (SPEC section 2), as pydantic models.

Every report is validated against :class:`Report` before it is written.
``schema/report.schema.json`` is generated from these models
(``python -m pipeline.core.schema > schema/report.schema.json``); a test fails when
the committed file drifts from the models.
"""
from __future__ import annotations

import json
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pipeline.core.settings import SCHEMA_VERSION

Outcome = Literal["killed", "injured", "detained", "disappeared", "displaced"]
Group = Literal["civilians", "children", "women", "men", "elderly", "fighters", "medical", "media",
                "civil_defense", "detainees", "persons"]
Qualifier = Literal["exact", "at_least", "more_than", "less_than", "approx", "range", "tens", "hundreds",
                    "thousands"]
ActorId = Literal["syrian_regime", "russia", "isis", "hts", "sdf", "coalition", "opposition", "iran_militias",
                  "turkey", "israel", "unknown"]
FacilityType = Literal["school", "university", "hospital", "medical_point", "mosque", "church", "market", "bakery",
                       "water_station", "power_station", "civil_defense_center", "camp", "government_building",
                       "oil_facility", "airport", "military_base", "residential", "bridge", "other"]
WeaponType = Literal["airstrike", "barrel_bomb", "cluster_munition", "chemical", "incendiary", "missile",
                     "artillery", "mortar", "landmine", "ied", "car_bomb", "gunfire", "drone", "other"]
EventType = Literal["airstrike", "shelling", "explosion", "chemical_attack", "massacre", "killing", "torture_death",
                    "detention", "enforced_disappearance", "attack_on_facility", "clashes", "other"]
PlaceKind = Literal["country", "governorate", "district", "subdistrict", "city", "town", "village", "neighborhood",
                    "countryside", "region", "camp", "site", "community"]

Span = tuple[int, int]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Quoted(_Model):
    text: str
    span: Span

    @model_validator(mode="after")
    def _span_order(self):
        if not 0 <= self.span[0] <= self.span[1]:
            raise ValueError(f"bad span {self.span}")
        return self


class Date(_Quoted):
    value: str = Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    precision: Literal["day", "month", "year"]
    start: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    end: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    calendar: Literal["gregorian", "hijri"]
    relative: bool


class Admin(_Model):
    pcode: str
    name_ar: str
    name_en: Optional[str]


class Place(_Quoted):
    model_config = ConfigDict(extra="allow")  # admin2/admin3/direction ... are the project's choice
    name_ar: str
    name_en: Optional[str]
    kind: PlaceKind
    pcode: Optional[str]
    admin1: Optional[Admin]
    lat: Optional[float]
    lon: Optional[float]
    geo_precision: Optional[Literal[1, 2, 3]]


class Actor(_Quoted):
    id: ActorId
    name_ar: str
    role: Literal["perpetrator", "victim", "other"]


class Review(_Model):
    """How a reviewer decided a count (``rasd review``); ``index``: its place among the event's counts."""
    status: Literal["accepted", "edited", "rejected"]
    who: Optional[str]
    when: Optional[str]
    why: Optional[str]
    fields: list[str]
    index: int


class Why(_Model):
    """The named rule that decided a field, and the words that triggered it."""
    rule: str
    span: Span
    text: str


class Casualty(_Quoted):
    id: str
    outcome: Outcome
    group: Group
    age: Optional[Literal["child", "adult", "elderly"]]
    gender: Optional[Literal["male", "female"]]
    count: Optional[int]
    min: Optional[int]
    max: Optional[int]
    qualifier: Qualifier
    perpetrator: Optional[ActorId]
    cause: Optional[Literal["torture"]]
    scope: Literal["incident", "aggregate"]
    part_of: Optional[str]
    same_as: Optional[str]
    why: dict[str, Why]
    # set by a researcher's review (pipeline/research/corrections.py): the corrected values stand in the fields above
    reviewed: Optional[bool] = None
    review: Optional[Review] = None
    original: Optional[dict[str, Any]] = None


class Facility(_Quoted):
    type: FacilityType
    count: Optional[int]
    perpetrator: Optional[ActorId]
    why: dict[str, Why] = {}


class Weapon(_Quoted):
    type: WeaponType


class Trigger(_Quoted):
    pass


class Sentence(_Quoted):
    pass


class Event(_Model):
    id: str
    type: EventType
    scope: Literal["incident", "aggregate"]
    why: dict[str, Why] = {}
    trigger: Trigger
    sentence: Sentence
    date: Optional[Date]
    places: list[Place]
    actors: list[Actor]
    casualties: list[Casualty]
    facilities: list[Facility]
    weapons: list[Weapon]
    # set by a researcher's review (pipeline/research/corrections.py): rejected counts, the event's original date/places
    rejected: Optional[list[Casualty]] = None
    reviewed: Optional[bool] = None
    original: Optional[dict[str, Any]] = None


class ReportMeta(_Model):
    model_config = ConfigDict(extra="allow")  # encoding, format ... are the project's choice
    id: str
    source: str
    sha256: str
    title: Optional[str]
    published: Optional[str] = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    chars: int
    publisher: Optional[str] = None  # the outlet, from the input's metadata or --metadata
    url: Optional[str] = None


class Report(_Model):
    schema_version: Literal["1.0"] = SCHEMA_VERSION
    report: ReportMeta
    events: list[Event]
    dates: list[Date]
    places: list[Place]
    actors: list[Actor]
    tolls: dict[Outcome, int]
    warnings: list[str]
    text: str

    @model_validator(mode="after")
    def _spans_quote_text(self):
        """Offsets are sacred: every span must quote the report's own text."""
        text = self.text
        bad: list[str] = []

        def check(q: _Quoted, where: str) -> None:
            s, e = q.span
            if e > len(text) or text[s:e] != q.text:
                bad.append(f"{where} {q.span} {q.text!r}")

        for d in self.dates:
            check(d, "date")
        for p in self.places:
            check(p, "place")
        for a in self.actors:
            check(a, "actor")
        for ev in self.events:
            for c in ev.casualties:
                for field_, w in c.why.items():
                    check(w, f"{c.id} why.{field_}")
            check(ev.trigger, f"{ev.id} trigger")
            check(ev.sentence, f"{ev.id} sentence")
            if ev.date:
                check(ev.date, f"{ev.id} date")
            for group in (ev.places, ev.actors, ev.casualties, ev.facilities, ev.weapons):
                for q in group:
                    check(q, f"{ev.id} {type(q).__name__.lower()}")
        if bad:
            raise ValueError("spans that do not quote the text: " + "; ".join(bad[:5]))
        return self


def json_schema() -> dict:
    return Report.model_json_schema()


if __name__ == "__main__":
    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
