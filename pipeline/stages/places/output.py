"""Place mentions from resolved candidates: names, kinds, units, coordinates and their precision."""
from __future__ import annotations

from typing import Any

import regex

from pipeline.core import settings as S
from pipeline.core.lexicon import load_json
from pipeline.core.mentions import PlaceMention
from pipeline.core.normalize import NormText
from pipeline.stages.places.candidates import Cand
from pipeline.stages.places.gazetteer import Entry, gazetteer

POPULATED = ("city", "town", "community", "village")
# Output kind (SPEC) for a gazetteer kind.
OUT_KIND = {"community": "village"}
# --------------------------------------------------------------------------- output


def admin1_of(pcode: str | None) -> dict[str, str] | None:
    if not pcode:
        return None
    e = gazetteer().rows.get(pcode)
    if e is None:
        return None
    return {"pcode": e.pcode, "name_ar": e.name_ar, "name_en": e.name_en}


def coords_of(e: Entry) -> tuple[float | None, float | None, int | None]:
    """Coordinates of a row and their precision, falling back to a containing unit."""
    rows = gazetteer().rows
    if e.lat is not None and e.lon is not None:
        if e.kind == "country":
            return e.lat, e.lon, 1
        return e.lat, e.lon, 2 if e.coord_source == "admin3_centroid" else 1
    for level, prec in ((e.admin3, 2), (e.admin2, 2), (e.admin1, 3)):
        u = rows.get(level or "")
        if u is not None and u.pcode != e.pcode and u.lat is not None:
            return u.lat, u.lon, prec
    return None, None, None


def unit_extra(e: Entry) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if e.admin2 and e.kind not in ("governorate", "district"):
        out["admin2"] = e.admin2
    elif e.kind == "district":
        out["admin2"] = e.pcode
    if e.admin3 and e.kind not in ("governorate", "district", "subdistrict"):
        out["admin3"] = e.admin3
    return out


def place_mention(norm: str, c: Cand) -> PlaceMention:
    e = c.entry
    assert e is not None
    extra: dict[str, Any] = {}
    if c.countryside:
        gov = gazetteer().rows.get(e.admin1 or "")
        if e.kind == "governorate" or gov is None:
            lat, lon, prec = (gov.lat, gov.lon, 3) if gov else (None, None, None)
        else:
            lat, lon, prec = e.lat, e.lon, 2
            extra.update(unit_extra(e))
        base = e.name_ar if e.kind == "governorate" else c.spelled
        name = f"{load_json('place_triggers.json')['countryside_word']} {base}"
        kind = "countryside"
        pcode = e.admin1 if e.kind == "governorate" else e.pcode
        if e.admin1 == "SY03" and e.kind == "governorate":  # ريف ريف دمشق does not exist
            name, kind, pcode = e.name_ar, "governorate", e.pcode
        mention = PlaceMention(c.ns, c.ne, name_ar=name, name_en=f"{e.name_en} countryside" if e.name_en else None,
                               kind=kind, pcode=pcode, admin1=admin1_of(e.admin1), lat=lat, lon=lon,
                               geo_precision=prec, extra=extra)
    else:
        lat, lon, prec = coords_of(e)
        kind = OUT_KIND.get(e.kind, e.kind)
        if e.kind in POPULATED and c.trigger in ("city", "town", "village"):
            kind = c.trigger
        elif e.kind == "community":
            kind = "town" if e.population >= S.PLACE_TOWN_POPULATION else "village"
        extra.update(unit_extra(e))
        # a country's other spellings (سورية، سوريه) are the same name: the row's own
        name = e.name_ar if e.kind == "country" else (c.spelled or e.name_ar)
        mention = PlaceMention(c.ns, c.ne, name_ar=name, name_en=e.name_en, kind=kind,
                               pcode=e.pcode, admin1=admin1_of(e.admin1), lat=lat, lon=lon, geo_precision=prec,
                               extra=extra)
    if c.direction:
        mention.extra["direction"] = c.direction
    return mention


def unresolved_from(nt: NormText, c: Cand) -> PlaceMention:
    """A hit whose containing unit contradicts every same-named row: keep the text's name."""
    ctn = c.container.entry if c.container else c.ctx
    name = c.spelled or (c.entry.name_ar if c.entry else nt.norm[c.hit.ns:c.hit.ne])
    kind = c.trigger if c.trigger in ("city", "town", "village", "neighborhood", "camp") else "village"
    direction = c.direction
    if direction and not c.countryside and not c.dir_before and c.ne > c.hit.ne:
        # الغارية الغربية: after a village name, the direction adjective is part of the name
        name = f"{name} {surface(nt, c.hit.ne, c.ne)}"
        direction = None
    return unresolved_mention(c.hit.ns, c.ne, name, kind, ctn, direction)


def named_direction(c: Cand) -> bool:
    """A village-level name followed by a direction adjective that the gazetteer does not join to it."""
    e = c.entry
    return (e is not None and not c.countryside and not c.dir_before and c.direction is not None
            and c.ne > c.hit.ne and (e.kind in ("village", "community") or (
                e.kind == "town" and c.trigger in ("village", "town"))))


def unresolved_mention(ns: int, ne: int, name: str, kind: str, ctn: Entry | None,
                        direction: str | None = None) -> PlaceMention:
    lat = lon = prec = None
    admin1 = None
    extra: dict[str, Any] = {"unresolved": True}
    if ctn is not None and ctn.kind != "country":
        admin1 = admin1_of(ctn.admin1)
        if ctn.kind == "governorate":
            lat, lon, prec = ctn.lat, ctn.lon, 3
        else:
            la, lo, p = coords_of(ctn)
            lat, lon, prec = la, lo, max(2, p or 2)
            if ctn.kind == "district":
                extra["admin2"] = ctn.pcode
            elif ctn.admin2:
                extra["admin2"] = ctn.admin2
            if ctn.kind == "subdistrict":
                extra["admin3"] = ctn.pcode
    if direction:
        extra["direction"] = direction
    return PlaceMention(ns, ne, name_ar=name, name_en=None, kind=kind, pcode=None, admin1=admin1, lat=lat, lon=lon,
                        geo_precision=prec, extra=extra)


MARKS = regex.compile(r"[\p{Mn}\u0640]")


def surface(nt: NormText, ns: int, ne: int) -> str:
    """The original spelling of ``norm[ns:ne]`` without diacritics and tatweel."""
    return " ".join(MARKS.sub("", nt.quote(ns, ne)).split())
