"""``rasd export OUTDIR --format csv|parquet|acled -o FILE``: flat tables for other tools.

- ``csv`` / ``parquet``: one row per casualty count (the ``casualties`` view of
  :mod:`pipeline.query`) joined with its event and report. In CSV, lists are
  written as ``a; b``; in Parquet they stay lists.
- ``acled``: one row per event in ACLED's column names and conventions, so that
  rasd's output can be stacked with ACLED's Syria data. The mapping lives in
  ``pipeline/acled_map.json`` and is documented in the README (section "For researchers").
  Report-level tallies (``scope = aggregate``) are left out unless
  ``--include-aggregates`` is given: an ACLED row is one event, and a monthly
  toll summed with the incidents it counts would be counted twice. Written as CSV,
  or Parquet when FILE ends in ``.parquet``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb

from . import query

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]

MAP_PATH = Path(__file__).resolve().parent / "acled_map.json"

# report metadata only (reading the texts is not needed here)
_REPORT_META_VIEW = ("CREATE OR REPLACE VIEW _report_meta AS SELECT report.id AS report_id, "
                     "report.source AS report_source, report.title AS report_title, "
                     "TRY_CAST(report.published AS DATE) AS report_published FROM {src}")


@lru_cache(maxsize=1)
def acled_map() -> dict[str, Any]:
    with open(MAP_PATH, encoding="utf-8") as fh:
        return json.load(fh)


def _connect(outdir: str | Path, views: tuple[str, ...]) -> duckdb.DuckDBPyConnection:
    con = query.connect(outdir, views=views)
    rep_dir = Path(outdir) / "reports"
    has = rep_dir.is_dir() and any(p.suffix == ".json" for p in rep_dir.iterdir())
    cols = {"report": {"id": "VARCHAR", "source": "VARCHAR", "title": "VARCHAR", "published": "VARCHAR"}}
    con.execute(_REPORT_META_VIEW.format(src=query.reports_source(str(rep_dir / "*.json"), cols, has)))
    return con


# --------------------------------------------------------------------------- csv / parquet

_EVENT_COLUMNS = """e.killed AS event_killed, e.injured AS event_injured, e.detained AS event_detained,
  e.perpetrators AS event_perpetrators, e.actor_ids AS event_actor_ids, e.facility_types AS event_facility_types,
  e.weapon_types AS event_weapon_types, e.place_names_ar AS event_place_names_ar, e.trigger AS event_trigger,
  e.text AS sentence, e.span_start AS sentence_start, e.span_end AS sentence_end"""
_LIST_COLUMNS = ("event_perpetrators", "event_actor_ids", "event_facility_types", "event_weapon_types",
                 "event_place_names_ar")


def casualties_sql(list_as_text: bool) -> str:
    cols = _EVENT_COLUMNS
    if list_as_text:
        for name in _LIST_COLUMNS:
            src = "e." + {"event_perpetrators": "perpetrators", "event_actor_ids": "actor_ids",
                          "event_facility_types": "facility_types", "event_weapon_types": "weapon_types",
                          "event_place_names_ar": "place_names_ar"}[name]
            cols = cols.replace(f"{src} AS {name}", f"array_to_string({src}, '; ') AS {name}")
    return f"""SELECT c.*, {cols},
  r.report_source, r.report_title, r.report_published
FROM casualties c JOIN events e ON e.event_id = c.event_id
LEFT JOIN _report_meta r ON r.report_id = c.report_id
ORDER BY c.report_id, c.event_id, c.span_start"""


def export_casualties(outdir: str | Path, output: str, fmt: str) -> int:
    con = _connect(outdir, ("events", "casualties"))
    try:
        rel = con.sql(casualties_sql(list_as_text=(fmt == "csv")))
        n = len(rel)
        if fmt == "csv":
            rel.write_csv(output, header=True)
        else:
            rel.write_parquet(output)
    finally:
        con.close()
    return n


# --------------------------------------------------------------------------- ACLED


def _time_precision(precision: str | None, start: dt.date | None, end: dt.date | None) -> int:
    tp = acled_map()["time_precision"]
    if precision is None:
        return tp["undated"]
    if precision == "day" and start and end and start != end:
        return tp["week"] if (end - start).days <= 6 else tp["month"]
    return tp.get(precision, tp["month"])


def _acled_type(event_type: str, weapons: list[str]) -> dict[str, str]:
    m = acled_map()
    t = dict(m["event_types"].get(event_type, m["event_types"]["other"]))
    if t.pop("by_weapon", False):
        for weapon, ev_type, sub in m["by_weapon"]:
            if weapon in (weapons or []):
                t.update(event_type=ev_type, sub_event_type=sub, disorder_type="Political violence")
                break
    return t


def _actor_name(actor_id: str | None) -> tuple[str, str]:
    if not actor_id:
        return "", ""
    a = acled_map()["actors"].get(actor_id)
    return (a["name"], a["inter"]) if a else (actor_id, "")


def acled_row(ev: dict[str, Any], groups: list[str], stamp: int) -> dict[str, Any]:
    """One ACLED row from one row of the ``events`` view (plus report metadata and the groups counted)."""
    m = acled_map()
    kind = _acled_type(ev["event_type"], ev["weapon_types"])
    perps = list(ev["perpetrators"] or [])
    actor1, inter1 = _actor_name(perps[0] if perps else None)
    assoc1 = "; ".join(_actor_name(a)[0] for a in perps[1:])
    victims = [a for a in (ev["victim_ids"] or []) if a not in perps]
    # actors named with no role: possible first parties; victims only ever the second party
    others = [a for a in (ev["actor_ids"] or []) if a not in perps and a not in victims]
    civilian = (kind["event_type"] == "Violence against civilians"
                or any(g in m["civilian_groups"] for g in groups)
                or ev["event_type"] in m["civilian_event_types"])
    if ev["event_type"] == "clashes" or not civilian:
        # a battle: the first two parties named
        parties = perps + others
        if not actor1 and parties:
            actor1, inter1 = _actor_name(parties[0])
        second = [a for a in parties + victims if _actor_name(a)[0] != actor1]
        actor2, inter2 = _actor_name(second[0]) if second else ("", "")
        assoc2 = "; ".join(_actor_name(a)[0] for a in second[1:])
    else:
        actor2, inter2 = m["civilians"]["name"], m["civilians"]["inter"]
        assoc2 = ""
    if not actor1 and kind["event_type"] != "Strategic developments":
        actor1, inter1 = _actor_name("unknown") if civilian else ("", "")

    tags = [f"rasd type={ev['event_type']}", f"rasd scope={ev['scope']}"]
    date = ev["date_start"]
    precision = ev["date_precision"]
    if date is None and ev.get("report_published"):
        date, precision = ev["report_published"], None
        tags.append("date=report publication")
    for outcome in ("injured", "detained", "disappeared", "displaced"):
        if ev[outcome]:
            tags.append(f"{outcome}={ev[outcome]}")
    if ev["weapon_types"]:
        tags.append("weapons=" + ", ".join(ev["weapon_types"]))
    if ev["facility_types"]:
        tags.append("facilities=" + ", ".join(ev["facility_types"]))
    if ev["event_type"] == "torture_death":
        tags.append("death under torture")

    location = ev["place_name_en"] or ev["place_name_ar"] or ""
    return {
        "event_id_cnty": ev["event_id"],
        "event_date": date.isoformat() if date else None,
        "year": date.year if date else None,
        "time_precision": _time_precision(precision, ev["date_start"], ev["date_end"]),
        "disorder_type": kind["disorder_type"],
        "event_type": kind["event_type"],
        "sub_event_type": kind["sub_event_type"],
        "actor1": actor1, "assoc_actor_1": assoc1, "inter1": inter1,
        "actor2": actor2, "assoc_actor_2": assoc2, "inter2": inter2,
        "interaction": f"{inter1}-{inter2}" if inter1 and inter2 else (inter1 or ""),
        "civilian_targeting": "Civilian targeting" if actor2 == m["civilians"]["name"] else "",
        "iso": m["iso"], "region": m["region"], "country": m["country"],
        "admin1": ev["admin1_name_en"] or "", "admin2": ev["admin2_name_en"] or "",
        "admin3": ev["admin3_name_en"] or "", "location": location,
        "latitude": ev["lat"], "longitude": ev["lon"], "geo_precision": ev["geo_precision"],
        "source": f"rasd:{ev.get('report_source') or ev['report_id']}",
        "source_scale": m["source_scale"],
        "notes": ev["text"] or "",
        "fatalities": int(ev["killed"] or 0),
        "tags": "; ".join(tags),
        "timestamp": stamp,
    }


def acled_rows(outdir: str | Path, include_aggregates: bool = False) -> list[dict[str, Any]]:
    con = _connect(outdir, ("events", "casualties"))
    try:
        where = "" if include_aggregates else "WHERE e.scope = 'incident'"
        rel = con.sql(f"""SELECT e.*, r.report_source, r.report_published, g.groups
FROM events e LEFT JOIN _report_meta r ON r.report_id = e.report_id
LEFT JOIN (SELECT event_id, list(DISTINCT "group") AS groups FROM casualties GROUP BY 1) g
  ON g.event_id = e.event_id
{where} ORDER BY e.report_id, e.span_start, e.event_id""")
        cols = rel.columns
        rows = [dict(zip(cols, r)) for r in rel.fetchall()]
    finally:
        con.close()
    stamp = int(time.time())
    return [acled_row(ev, ev["groups"] or [], stamp) for ev in rows]


def export_acled(outdir: str | Path, output: str, include_aggregates: bool = False) -> int:
    import pyarrow as pa

    rows = acled_rows(outdir, include_aggregates)
    table = pa.Table.from_pylist(rows, schema=_acled_schema())
    con = duckdb.connect()
    try:
        con.register("acled", table)
        rel = con.sql("SELECT * FROM acled")
        if str(output).endswith(".parquet"):
            rel.write_parquet(str(output))
        else:
            rel.write_csv(str(output), header=True)
    finally:
        con.close()
    return len(rows)


def _acled_schema():
    import pyarrow as pa

    ints = {"year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp"}
    floats = {"latitude", "longitude"}
    return pa.schema([(c, pa.int64() if c in ints else pa.float64() if c in floats else pa.string())
                      for c in ACLED_COLUMNS])


# --------------------------------------------------------------------------- command


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("outdir", metavar="OUTDIR", help="a directory written by `rasd extract`")
    parser.add_argument("--format", choices=("csv", "parquet", "acled"), required=True,
                        help="csv/parquet: one row per casualty count with its event; acled: one row per event "
                             "in ACLED's columns (CSV, or Parquet when FILE ends in .parquet)")
    parser.add_argument("-o", "--output", metavar="FILE", required=True, help="the file to write")
    parser.add_argument("--include-aggregates", action="store_true",
                        help="acled: also export report-level tallies (scope aggregate)")


def run(args: argparse.Namespace) -> int:
    fmt, output = getattr(args, "format", None), getattr(args, "output", None)
    if fmt not in ("csv", "parquet", "acled") or not output:
        print("rasd export: --format csv|parquet|acled and -o FILE are required", file=sys.stderr)
        return 2
    from .corrections import ensure_applied
    ensure_applied(args.outdir)
    try:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        if fmt == "acled":
            n = export_acled(args.outdir, output, getattr(args, "include_aggregates", False))
            what = "events"
        else:
            n = export_casualties(args.outdir, output, fmt)
            what = "casualty rows"
    except (query.QueryError, duckdb.Error, OSError) as exc:
        print(f"rasd export: {exc}", file=sys.stderr)
        return 2
    print(f"rasd export: {n} {what} written to {output}", file=sys.stderr)
    return 0
