"""Choosing among the same-named gazetteer rows of a candidate."""
from __future__ import annotations

import math

from pipeline.stages.places.candidates import Cand
from pipeline.stages.places.gazetteer import Entry

KIND_BASE = {"city": 30, "governorate": 28, "town": 26, "country": 25, "district": 22, "region": 21,
              "camp": 20, "subdistrict": 18, "neighborhood": 17, "site": 16, "village": 12, "community": 10}
# Which gazetteer kinds a trigger kind accepts.
COMPAT = {
    "city": {"city", "town", "community", "village"},
    "town": {"town", "city", "community", "village"},
    "village": {"village", "community", "town"},
    "neighborhood": {"neighborhood"},
    "camp": {"camp"},
    "governorate": {"governorate"},
    "district": {"district", "region", "subdistrict"},
    "subdistrict": {"subdistrict"},
    "site": set(),
}

def row_score(c: Cand, e: Entry, sent_a1: set, doc_a1: dict) -> float:
    s = float(KIND_BASE.get(e.kind, 10))
    if e.kind == "community" and e.coord_source == "own":
        s += 10  # a populated place with its own point beats the subdistrict named after it
    if c.countryside:
        s = {"governorate": 40, "district": 30, "city": 20, "town": 10}.get(e.kind, 0)
    if c.trigger and c.trigger in COMPAT:
        if e.kind in COMPAT[c.trigger]:
            s += 50
    ctn = c.container
    if ctn is not None and ctn.entry is not None:
        ce = ctn.entry
        if ce.kind == "country":
            pass
        elif e.admin1 and e.admin1 == ce.admin1:
            s += 100
            if ce.admin2 and e.admin2 == ce.admin2 and ce.kind not in ("governorate",):
                s += 20
        else:
            s -= 100
    if c.near is not None and c.near.entry is not None and e.admin1 == c.near.entry.admin1:
        s += 30
    if e.admin1 in sent_a1:
        s += 15
    if doc_a1.get(e.admin1):
        s += min(8, 2 * doc_a1[e.admin1])
    if e.population:
        s += min(4.0, math.log10(e.population + 1) / 2)
    return s


def contained_ok(c: Cand) -> bool:
    """True when the containing unit named after ``c`` agrees with its resolution."""
    ctn = c.container
    if ctn is None or ctn.entry is None or ctn.entry.kind == "country" or c.entry is None:
        return True
    return bool(c.entry.admin1) and c.entry.admin1 == ctn.entry.admin1
