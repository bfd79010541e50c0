"""``rasd query OUTDIR "SQL"``: SQL (DuckDB) over the flat views of an OUTDIR.

The views are built straight from the files ``rasd extract`` writes, with
DuckDB's JSON reader and explicit column types (so an empty OUTDIR, a missing
key or a null never changes a view's shape; keys the reader does not know are
ignored):

- ``reports``     one row per report (``OUTDIR/reports/*.json``)
- ``events``      one row per event (``OUTDIR/events.jsonl``), place = the event's first place
- ``casualties``  one row per stated count, joined with its event
- ``facilities``, ``weapons``  one row per facility / weapon mention of an event
- ``places``, ``dates``, ``actors``  one row per mention in a report and event citing it
  (``event_id`` null when no event cites it)

``casualties.is_breakdown`` is true for a count that is a part of another count (its ``part_of``, as the
extractor decided it: the children among a total of civilians, the share of one perpetrator in an
unattributed total); ``is_restatement`` for a count that repeats one already counted (``same_as``: a
headline restating the body, an earlier figure of a running total). ``counted`` is true for the counts a
sum of incidents should add: scope ``incident``, neither a breakdown nor a restatement; ``events.killed``
… add exactly those (for an aggregate event, its aggregate counts the same way), so the sum of
``killed`` over incident events equals the sum of the reports' ``tolls``. Every view has ``event_scope``
(``incident`` or ``aggregate``); casualties also carry their own ``scope``.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import decimal
import json
import os
import re
import sys
from pathlib import Path
from typing import Any, Iterable

import duckdb

# --------------------------------------------------------------------------- column types (SPEC section 2)

# Types as data: a str is a DuckDB type, a dict a STRUCT, a one-item list a LIST. They give both the
# SQL types (read_json's ``columns``) and the structures of ``json_transform``.
V, INT, BIG, DBL, BOOL, JSON_T = "VARCHAR", "INTEGER", "BIGINT", "DOUBLE", "BOOLEAN", "JSON"
SPAN = [BIG]
QUOTE = {"text": V, "span": SPAN}
DATE = {"text": V, "value": V, "precision": V, "start": V, "end": V, "calendar": V, "relative": BOOL, "span": SPAN}
ADMIN = {"pcode": V, "name_ar": V, "name_en": V}
# admin2/admin3 are the project's choice (an object like admin1, or a pcode): kept as JSON.
PLACE = {"text": V, "name_ar": V, "name_en": V, "kind": V, "pcode": V, "admin1": ADMIN, "admin2": JSON_T,
         "admin3": JSON_T, "lat": DBL, "lon": DBL, "geo_precision": INT, "span": SPAN}
ACTOR = {"id": V, "name_ar": V, "text": V, "span": SPAN, "role": V}
CASUALTY = {"id": V, "outcome": V, "group": V, "age": V, "gender": V, "count": BIG, "min": BIG, "max": BIG,
            "qualifier": V, "perpetrator": V, "cause": V, "scope": V, "part_of": V, "same_as": V, "why": JSON_T,
            "text": V, "span": SPAN}
FACILITY = {"type": V, "count": BIG, "perpetrator": V, "text": V, "span": SPAN}
WEAPON = {"type": V, "text": V, "span": SPAN}

EVENT_FIELDS = {
    "id": V, "type": V, "scope": V, "trigger": QUOTE, "sentence": QUOTE, "date": DATE, "places": [PLACE],
    "actors": [ACTOR], "casualties": [CASUALTY], "facilities": [FACILITY], "weapons": [WEAPON],
}
EVENT_LINE_COLUMNS = {"report_id": V, **EVENT_FIELDS}
REPORT_META = {"id": V, "source": V, "sha256": V, "title": V, "published": V, "chars": BIG, "encoding": V,
               "format": V, "publisher": V, "url": V}
TOLLS = {"killed": BIG, "injured": BIG, "detained": BIG, "disappeared": BIG, "displaced": BIG}
REPORT_COLUMNS = {
    "schema_version": V, "report": REPORT_META, "events": [EVENT_FIELDS], "dates": [DATE], "places": [PLACE],
    "actors": [ACTOR], "tolls": TOLLS, "warnings": [V], "text": V,
}


def sql_type(t: Any) -> str:
    if isinstance(t, str):
        return t
    if isinstance(t, list):
        return sql_type(t[0]) + "[]"
    return "STRUCT(" + ", ".join(f'"{k}" {sql_type(v)}' for k, v in t.items()) + ")"


#: A report's text may be large (SPEC: inputs up to --max-bytes); DuckDB's default object limit is 16 MB.
MAX_OBJECT_SIZE = 256 * 1024 * 1024

#: Which groups a total of another group contains (for ``is_breakdown``).
GROUP_PARTS = {
    "civilians": ["children", "women", "men", "elderly", "medical", "media", "civil_defense"],
    "detainees": ["children", "women", "men", "elderly", "medical", "media", "civil_defense"],
    "persons": ["civilians", "children", "women", "men", "elderly", "fighters", "medical", "media",
                "civil_defense", "detainees"],
    "children": [], "women": [], "men": [], "elderly": [], "fighters": [], "medical": [], "media": [],
    "civil_defense": [],
}

VIEWS = ("reports", "events", "casualties", "facilities", "weapons", "places", "dates", "actors")

#: The schema of the views the user's views are built from (hidden from ``SHOW TABLES``).
INTERNAL = "rasd_internal"


class QueryError(Exception):
    """A usage error with a message for the user (exit code 2)."""


# --------------------------------------------------------------------------- SQL building


def _lit(s: str) -> str:
    return "'" + str(s).replace("'", "''") + "'"


def _columns_arg(columns: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{_lit(k)}: {_lit(sql_type(v))}" for k, v in columns.items()) + "}"


def _empty(columns: dict[str, Any]) -> str:
    cols = ", ".join(f'CAST(NULL AS {sql_type(t)}) AS "{k}"' for k, t in columns.items())
    return f"(SELECT {cols} LIMIT 0)"


def _source(path: str, columns: dict[str, Any], exists: bool) -> str:
    """Newline-delimited JSON (events.jsonl) with fixed column types."""
    if not exists:
        return _empty(columns)
    # a line that cannot be read (cut short, a value out of range) comes back as a row of nulls,
    # which the view drops: one bad line never fails a query
    return (f"(SELECT * FROM read_json({_lit(path)}, format='newline_delimited', columns={_columns_arg(columns)}, "
            f"maximum_object_size={MAX_OBJECT_SIZE}, ignore_errors=true) "
            f"WHERE {next(iter(columns))} IS NOT NULL)")


def reports_source(glob: str, columns: dict[str, Any], exists: bool) -> str:
    """One JSON document per file (reports/*.json) with fixed column types.

    ``read_text`` + ``json_transform``: with 10,000 files this is several times faster than
    ``read_json(..., columns=...)``, and as lenient (unknown keys ignored, missing ones null).
    """
    if not exists:
        return _empty(columns)
    structure = json.dumps(columns)
    # a report file that is not valid JSON (cut short, damaged) is left out, never fails a query;
    # a value that does not fit its column (an absurd count) reads as null
    return (f"(SELECT unnest(json_transform(content, {_lit(structure)})) FROM read_text({_lit(glob)}) "
            f"WHERE json_valid(content))")


def _admin_name(expr: str, key: str) -> str:
    """admin2/admin3 as stored (an object with pcode/name_en, or a bare pcode): one field of it; the
    English name of a bare pcode comes from the gazetteer (``_unit_name``)."""
    pcode = (f"CASE WHEN json_type({expr}) = 'OBJECT' THEN {expr} ->> 'pcode' "
             f"WHEN json_type({expr}) = 'VARCHAR' THEN {expr} ->> '$' END")
    if key == "pcode":
        return pcode
    return f"coalesce(CASE WHEN json_type({expr}) = 'OBJECT' THEN {expr} ->> {_lit(key)} END, _unit_name({pcode}))"


def _unit_names() -> dict[str, str]:
    """pcode -> English name of the districts and sub-districts in lexicons/gazetteer.tsv (if present)."""
    try:
        from pipeline.core.lexicon import load_tsv
        rows = load_tsv("gazetteer.tsv")
    except (OSError, ValueError, KeyError):
        return {}
    return {r["pcode"]: r["name_en"] for r in rows
            if r.get("kind") in ("district", "subdistrict") and r.get("pcode") and r.get("name_en")}


def _place_columns(p: str, prefix: str = "") -> str:
    """Flat place columns from a PLACE struct expression ``p``."""
    return ",\n  ".join([
        f"{p}.admin1.pcode AS admin1_pcode", f"{p}.admin1.name_ar AS admin1_name_ar",
        f"{p}.admin1.name_en AS admin1_name_en",
        f"{_admin_name(f'{p}.admin2', 'pcode')} AS admin2_pcode",
        f"{_admin_name(f'{p}.admin2', 'name_en')} AS admin2_name_en",
        f"{_admin_name(f'{p}.admin3', 'pcode')} AS admin3_pcode",
        f"{_admin_name(f'{p}.admin3', 'name_en')} AS admin3_name_en",
        f"{p}.name_ar AS {prefix}name_ar", f"{p}.name_en AS {prefix}name_en", f"{p}.kind AS {prefix}kind",
        f"{p}.pcode AS {prefix}pcode", f"{p}.lat AS lat", f"{p}.lon AS lon", f"{p}.geo_precision AS geo_precision",
    ])


def _date_columns(d: str) -> str:
    return ",\n  ".join([
        f"{d}.value AS date", f"{d}.precision AS date_precision",
        f"TRY_CAST({d}.start AS DATE) AS date_start", f'TRY_CAST({d}."end" AS DATE) AS date_end',
        f"CASE WHEN {d}.precision IN ('day', 'month') THEN left({d}.value, 7) END AS month",
        f"TRY_CAST(left({d}.value, 4) AS INTEGER) AS year",
    ])


#: The views reading OUTDIR/reports/*.json (globbing 10,000 files costs ~0.1 s per view bound).
REPORT_VIEWS = ("reports", "places", "dates", "actors")


def views_used(sql: str) -> set[str]:
    """The rasd views a statement names (all of them when it names none, e.g. SHOW TABLES)."""
    used = {v for v in VIEWS if re.search(rf"(?<!\w){v}(?!\w)", sql, re.IGNORECASE)}
    return used or set(VIEWS)


def view_sql(outdir: Path, views: Iterable[str] | None = None) -> list[str]:
    """The CREATE VIEW statements for one OUTDIR (raw sources first).

    ``views``: only the views needed (the report-level ones are left out when not asked for).
    """
    wanted = set(VIEWS if views is None else views)
    need_reports = bool(wanted & set(REPORT_VIEWS))
    outdir = Path(outdir)
    rep_dir = outdir / "reports"
    has_reports = rep_dir.is_dir() and any(p.endswith(".json") for p in os.listdir(rep_dir))
    events_path = outdir / "events.jsonl"
    has_events = events_path.is_file() and events_path.stat().st_size > 0
    # internal views live in their own schema: `SHOW TABLES` lists only the user's views
    stmts = [f"CREATE SCHEMA IF NOT EXISTS {INTERNAL}"]
    if need_reports or not has_events:
        stmts.append(f"CREATE OR REPLACE VIEW rasd_internal.reports_raw AS SELECT * FROM "
                     f"{reports_source(str(rep_dir / '*.json'), REPORT_COLUMNS, has_reports)}")
    if has_events or not has_reports:
        stmts.append(f"CREATE OR REPLACE VIEW rasd_internal.events_raw AS SELECT * FROM "
                     f"{_source(str(events_path), EVENT_LINE_COLUMNS, has_events)}")
    else:  # no events.jsonl (e.g. a hand-assembled OUTDIR): the events inside the reports
        stmts.append("CREATE OR REPLACE VIEW rasd_internal.events_raw AS SELECT report_id, unnest(e) FROM "
                     "(SELECT report.id AS report_id, unnest(events) AS e FROM rasd_internal.reports_raw)")
    units = _unit_names()
    unit_map = ("MAP {" + ", ".join(f"{_lit(k)}: {_lit(v)}" for k, v in sorted(units.items())) + "}"
                if units else "MAP {'': ''}")
    stmts.append(f"CREATE OR REPLACE MACRO _unit_name(p) AS {unit_map}[p]")
    # distinct values in order of first appearance, nulls dropped
    stmts.append("CREATE OR REPLACE MACRO _ordered_distinct(l) AS "
                 "[x FOR x, i IN l IF x IS NOT NULL AND list_position(l, x) = i]")
    # an event's perpetrators: those of its counts in text order, then its actors in the perpetrator role
    stmts.append("CREATE OR REPLACE MACRO _perpetrators(cs, acts) AS _ordered_distinct(list_concat("
                 "[c.perpetrator FOR c IN coalesce(cs, [])], "
                 "[a.id FOR a IN coalesce(acts, []) IF a.role = 'perpetrator']))")
    # is count x a part of count t of the same event? (see module docstring and GROUP_PARTS)
    covers = " ".join(f"WHEN t = {_lit(total)} THEN p IN ({', '.join(map(_lit, parts))})"
                      for total, parts in GROUP_PARTS.items() if parts)
    stmts.append(f"CREATE OR REPLACE MACRO _covers(t, p) AS CASE {covers} ELSE false END")
    stmts.append("""CREATE OR REPLACE MACRO _is_part(x, t) AS
  t.outcome = x.outcome
  AND coalesce(t."count", t."min", 0) >= coalesce(x."count", x."min", 0)
  AND (t.perpetrator IS NULL OR t.perpetrator = x.perpetrator)
  AND ((t."group" = x."group" AND t.perpetrator IS NULL AND x.perpetrator IS NOT NULL)
       OR _covers(t."group", x."group"))""")

    if need_reports:
        stmts.append("""CREATE OR REPLACE VIEW reports AS
SELECT report.id AS report_id, report.source AS source, report.sha256 AS sha256, report.title AS title,
  TRY_CAST(report.published AS DATE) AS published, report.publisher AS publisher, report.url AS url,
  report.chars AS chars, schema_version,
  len(events) AS n_events, len(dates) AS n_dates, len(places) AS n_places, len(actors) AS n_actors,
  coalesce(tolls.killed, 0) AS tolls_killed, coalesce(tolls.injured, 0) AS tolls_injured,
  coalesce(tolls.detained, 0) AS tolls_detained, coalesce(tolls.disappeared, 0) AS tolls_disappeared,
  coalesce(tolls.displaced, 0) AS tolls_displaced,
  warnings, text
FROM rasd_internal.reports_raw""")

    # one row per casualty with its event's context; idx keeps two equal counts apart
    stmts.append("""CREATE OR REPLACE VIEW rasd_internal.casualties_base AS
SELECT report_id, event_id, event_type, scope, date, places[1] AS place, c, idx, casualties AS cs FROM (
  SELECT report_id, id AS event_id, type AS event_type, scope, date, places, casualties,
         unnest(casualties) AS c, generate_subscripts(casualties, 1) AS idx
  FROM rasd_internal.events_raw WHERE len(casualties) > 0)""")
    # part_of/same_as as the extractor decided them; reports written before they existed fall back to a guess
    stmts.append("""CREATE OR REPLACE VIEW rasd_internal.casualties_linked AS
SELECT *, CASE WHEN x.c.id IS NULL THEN coalesce(len([1 FOR t, j IN x.cs IF j <> x.idx AND _is_part(x.c, t)]) > 0,
                                                 false)
               ELSE x.c.part_of IS NOT NULL END AS _breakdown,
  x.c.same_as IS NOT NULL AS _restatement, coalesce(x.c.scope, x.scope) AS _scope
FROM rasd_internal.casualties_base x""")
    stmts.append(f"""CREATE OR REPLACE VIEW casualties AS
SELECT x.report_id, x.event_id, coalesce(x.c.id, x.event_id || '#c' || x.idx) AS casualty_id, x.event_type,
  x._scope AS scope, x.scope AS event_scope,
  {_date_columns('x.date')},
  {_place_columns('x.place', 'place_')},
  x.c.perpetrator AS perpetrator, x.c.outcome AS outcome, x.c."group" AS "group",
  x.c."group" AS victim_group, x.c.age AS age,
  x.c.gender AS gender, x.c."count" AS "count", x.c."min" AS "min", x.c."max" AS "max",
  x.c.qualifier AS qualifier, x.c.cause AS cause, x.c.text AS text, x.c.span[1] AS span_start,
  x.c.span[2] AS span_end,
  x._breakdown AS is_breakdown, x._restatement AS is_restatement, x.c.part_of AS part_of, x.c.same_as AS same_as,
  x._scope = 'incident' AND NOT x._breakdown AND NOT x._restatement AS counted,
  json_extract_string(x.c.why, '$.perpetrator.rule') AS perpetrator_rule,
  json_extract_string(x.c.why, '$.scope.rule') AS scope_rule,
  json_extract_string(x.c.why, '$.outcome.rule') AS outcome_rule
FROM rasd_internal.casualties_linked x""")

    outcome_sums = ",\n  ".join(
        f"CAST(sum(CASE WHEN outcome = '{o}' AND NOT is_breakdown AND NOT is_restatement AND scope = event_scope "
        f"THEN coalesce(\"count\", \"min\") END) AS BIGINT) AS {o}"
        for o in ("killed", "injured", "detained", "disappeared", "displaced"))
    stmts.append(f"""CREATE OR REPLACE VIEW rasd_internal.event_tolls AS
SELECT event_id,
  {outcome_sums}
FROM casualties GROUP BY event_id""")
    stmts.append(f"""CREATE OR REPLACE VIEW events AS
SELECT e.report_id, e.id AS event_id, e.type AS event_type, e.scope, e.scope AS event_scope,
  {_date_columns('e.date')},
  {_place_columns('e.places[1]', 'place_')},
  _perpetrators(e.casualties, e.actors)[1] AS perpetrator,
  _perpetrators(e.casualties, e.actors) AS perpetrators,
  _ordered_distinct([a.id FOR a IN e.actors]) AS actor_ids,
  _ordered_distinct([a.id FOR a IN e.actors IF a.role = 'victim']) AS victim_ids,
  coalesce(t.killed, 0) AS killed, coalesce(t.injured, 0) AS injured, coalesce(t.detained, 0) AS detained,
  coalesce(t.disappeared, 0) AS disappeared, coalesce(t.displaced, 0) AS displaced,
  len(e.casualties) AS n_casualties,
  [f.type FOR f IN e.facilities] AS facility_types, [w.type FOR w IN e.weapons] AS weapon_types,
  [p.name_ar FOR p IN e.places] AS place_names_ar,
  e.trigger.text AS trigger, e.sentence.text AS text, e.sentence.span[1] AS span_start,
  e.sentence.span[2] AS span_end
FROM rasd_internal.events_raw e LEFT JOIN rasd_internal.event_tolls t ON t.event_id = e.id""")

    for name, field, cols in (
        ("facilities", "facilities",
         'm."type" AS facility_type, m."count" AS "count", m.perpetrator AS perpetrator'),
        ("weapons", "weapons", 'm."type" AS weapon_type'),
    ):
        stmts.append(f"""CREATE OR REPLACE VIEW {name} AS
SELECT report_id, event_id, event_type, scope, scope AS event_scope,
  {_date_columns('date')},
  {_place_columns('place', 'place_')},
  {cols}, m.text AS text, m.span[1] AS span_start, m.span[2] AS span_end
FROM (SELECT report_id, id AS event_id, type AS event_type, scope, date, places[1] AS place,
             unnest({field}) AS m FROM rasd_internal.events_raw WHERE len({field}) > 0)""")

    # report-level mentions, each with the events citing the same span (event_id null when none)
    mention_views = {
        "places": ("places", _place_columns("m") + ",\n  m.text AS text"),
        "dates": ("dates", "m.text AS text, m.value AS value, m.precision AS precision, "
                           "TRY_CAST(m.start AS DATE) AS start, TRY_CAST(m.\"end\" AS DATE) AS \"end\", "
                           "m.calendar AS calendar, m.relative AS relative"),
        "actors": ("actors", "m.id AS actor_id, m.name_ar AS name_ar, m.role AS role, m.text AS text"),
    }
    cite = {
        "places": "SELECT report_id, id AS event_id, type AS event_type, scope, unnest(places).span AS span "
                  "FROM rasd_internal.events_raw",
        "dates": "SELECT report_id, id AS event_id, type AS event_type, scope, date.span AS span "
                 "FROM rasd_internal.events_raw WHERE date IS NOT NULL",
        "actors": "SELECT report_id, id AS event_id, type AS event_type, scope, unnest(actors).span AS span "
                  "FROM rasd_internal.events_raw",
    }
    for name, (field, cols) in mention_views.items():
        if name not in wanted:
            continue
        stmts.append(f"""CREATE OR REPLACE VIEW {name} AS
SELECT r.report_id, c.event_id, c.event_type, c.scope AS event_scope,
  {cols.replace('m.', 'r.m.')}, r.m.span[1] AS span_start, r.m.span[2] AS span_end
FROM (SELECT report.id AS report_id, unnest({field}) AS m FROM rasd_internal.reports_raw) r
LEFT JOIN (SELECT DISTINCT * FROM ({cite[name]})) c ON c.report_id = r.report_id AND c.span = r.m.span""")
    return stmts


def notice_unfinished(outdir: str | Path, prog: str) -> None:
    """Say on stderr when OUTDIR is unfinished (a run under way, killed or interrupted)."""
    from pipeline.core.outdir import unfinished_reason

    why = unfinished_reason(Path(outdir))
    if why:
        print(f"{prog}: note: {outdir} is unfinished: {why}", file=sys.stderr)


def connect(outdir: str | Path, database: str = ":memory:",
            views: Iterable[str] | None = None) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with the rasd views over ``outdir`` (``views``: only these, default all)."""
    outdir = Path(outdir)
    if not outdir.is_dir():
        raise QueryError(f"not an OUTDIR (no such directory): {outdir}")
    if not (outdir / "reports").is_dir() and not (outdir / "events.jsonl").is_file():
        raise QueryError(f"not an OUTDIR (no reports/ and no events.jsonl): {outdir}")
    con = duckdb.connect(database)
    for stmt in view_sql(outdir, views):
        con.execute(stmt)
    return con


# --------------------------------------------------------------------------- output


def _plain(v: Any) -> Any:
    if isinstance(v, (dt.date, dt.datetime, dt.time)):
        return v.isoformat()
    if isinstance(v, decimal.Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, (bytes, bytearray)):
        return v.hex()
    return v


def _cell(v: Any, width: int) -> str:
    if v is None:
        s = ""
    elif isinstance(v, (list, dict)):
        s = json.dumps(_plain(v), ensure_ascii=False)
    else:
        s = str(_plain(v))
    s = s.replace("\n", " ")
    return s if len(s) <= width else s[: width - 1] + "…"


def format_table(columns: list[str], rows: Iterable[tuple], max_width: int = 60) -> str:
    cells = [[_cell(v, max_width) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    numeric = [all(_is_number(r[i]) for r in cells if r[i]) for i in range(len(columns))]

    def line(vals: list[str]) -> str:
        return " | ".join(v.rjust(w) if num else v.ljust(w)
                          for v, w, num in zip(vals, widths, numeric)).rstrip()

    out = [line(columns), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out) + "\n"


def _is_number(s: str) -> bool:
    try:
        float(s)
        return True
    except ValueError:
        return False


def write_result(rel: duckdb.DuckDBPyRelation, fmt: str, output: str | None) -> None:
    if fmt == "parquet":
        if not output:
            raise QueryError("--format parquet needs -o FILE")
        rel.write_parquet(output)
        return
    if fmt == "csv" and output:
        rel.write_csv(output, header=True)
        return
    columns = list(rel.columns)
    rows = rel.fetchall()
    if fmt == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(columns)
        for row in rows:
            w.writerow([json.dumps(_plain(v), ensure_ascii=False) if isinstance(v, (list, dict))
                        else ("" if v is None else _plain(v)) for v in row])
        return
    if fmt == "json":
        text = json.dumps([dict(zip(columns, (_plain(v) for v in row))) for row in rows],
                          ensure_ascii=False, indent=1, default=str) + "\n"
    else:
        text = format_table(columns, rows)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


# --------------------------------------------------------------------------- command


# --------------------------------------------------------------------------- --schema

#: Vocabulary columns and the SPEC section 3 vocabulary each takes its values from (pipeline.core.schema).
VOCABULARY_COLUMNS = {
    "outcome": "Outcome", "group": "Group", "victim_group": "Group", "qualifier": "Qualifier",
    "perpetrator": "ActorId", "actor_id": "ActorId", "event_type": "EventType", "facility_type": "FacilityType",
    "weapon_type": "WeaponType", "place_kind": "PlaceKind", "kind": "PlaceKind",
    "scope": ("incident", "aggregate"), "event_scope": ("incident", "aggregate"),
    "date_precision": ("day", "month", "year"), "precision": ("day", "month", "year"),
    "calendar": ("gregorian", "hijri"), "role": ("perpetrator", "victim", "other"), "cause": ("torture",),
    "age": ("child", "adult", "elderly"), "gender": ("male", "female"), "geo_precision": (1, 2, 3),
    "perpetrators": "ActorId", "actor_ids": "ActorId", "victim_ids": "ActorId", "facility_types": "FacilityType",
    "weapon_types": "WeaponType",
}

VIEW_DOCS = {
    "reports": "one row per report; tolls_* = people harmed in its incidents, each person once",
    "events": "one row per event; killed/injured/... add its counted counts (sum them over scope = 'incident')",
    "casualties": "one row per stated count; sum `count` WHERE counted (incident, not a breakdown or restatement)",
    "facilities": "one row per facility hit in an event",
    "weapons": "one row per weapon mention in an event",
    "places": "one row per place mention in a report (event_id: an event citing it, else null)",
    "dates": "one row per date mention in a report (event_id: an event citing it, else null)",
    "actors": "one row per actor mention in a report (event_id: an event citing it, else null)",
}


def vocabulary(column: str) -> list | None:
    import typing

    from pipeline.core import schema

    v = VOCABULARY_COLUMNS.get(column)
    if v is None:
        return None
    return list(typing.get_args(getattr(schema, v))) if isinstance(v, str) else list(v)


def describe(outdir: str | Path) -> list[dict[str, Any]]:
    """Every view with its columns, their DuckDB types and, for a vocabulary column, its allowed values."""
    con = connect(outdir)
    try:
        out = []
        for view in VIEWS:
            cols = con.execute(f"DESCRIBE {view}").fetchall()
            out.append({"view": view, "about": VIEW_DOCS.get(view, ""), "columns": [
                {"name": c[0], "type": c[1], **({"values": vocabulary(c[0])} if vocabulary(c[0]) else {})}
                for c in cols]})
        return out
    finally:
        con.close()


def format_schema(views: list[dict[str, Any]]) -> str:
    lines = []
    for v in views:
        lines.append(f"{v['view']}: {v['about']}" if v.get("about") else v["view"])
        width = max(len(c["name"]) for c in v["columns"])
        twidth = max(len(c["type"]) if len(c["type"]) <= 40 else 8 for c in v["columns"])
        for c in v["columns"]:
            t = c["type"] if len(c["type"]) <= 40 else c["type"].split("(")[0] + "(…)"
            vals = ("  " + ", ".join(map(str, c["values"]))) if c.get("values") else ""
            lines.append(f"  {c['name'].ljust(width)}  {t.ljust(twidth)}{vals}".rstrip())
        lines.append("")
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("outdir", metavar="OUTDIR", help="a directory written by `rasd extract`")
    parser.add_argument("sql", metavar="SQL", nargs="?", help="a DuckDB SQL statement (`-` reads it from stdin); "
                        "views: " + ", ".join(VIEWS))
    parser.add_argument("--schema", action="store_true",
                        help="list the views, their columns with types and the allowed values of each vocabulary "
                             "column (--format json for machines)")
    parser.add_argument("--format", choices=("table", "csv", "json", "parquet"), default="table",
                        help="output format (default: table; parquet needs -o)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")


def run(args: argparse.Namespace) -> int:
    fmt = getattr(args, "format", None) or "table"
    output = getattr(args, "output", None)
    if getattr(args, "schema", False):
        try:
            views = describe(args.outdir)
        except (QueryError, duckdb.Error, OSError) as exc:
            print(f"rasd query: {exc}", file=sys.stderr)
            return 2
        text = (json.dumps(views, ensure_ascii=False, indent=1) + "\n") if fmt == "json" else format_schema(views)
        if output:
            Path(output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return 0
    if not getattr(args, "sql", None):
        print("rasd query: an SQL statement (or --schema) is required", file=sys.stderr)
        return 2
    sql = sys.stdin.read() if args.sql == "-" else args.sql
    from pipeline.research.corrections import ensure_applied
    ensure_applied(args.outdir)
    try:
        if fmt == "parquet" and not output:
            raise QueryError("--format parquet needs -o FILE")
        con = connect(args.outdir, views=views_used(sql))
        notice_unfinished(args.outdir, "rasd query")
        try:
            rel = con.sql(sql)
            if rel is None:  # a statement without a result (CREATE, SET ...)
                return 0
            write_result(rel, fmt, output)
        finally:
            con.close()
    except QueryError as exc:
        print(f"rasd query: {exc}", file=sys.stderr)
        return 2
    except duckdb.Error as exc:
        print(f"rasd query: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"rasd query: {exc}", file=sys.stderr)
        return 2
    return 0
