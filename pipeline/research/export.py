"""``rasd export OUTDIR --format csv|parquet|acled|tallies|spacy -o FILE``: flat tables for other tools.

- ``csv`` / ``parquet``: one row per casualty count (the ``casualties`` view of
  :mod:`pipeline.research.query`) joined with its event and report. In CSV, lists are
  written as ``a; b``; in Parquet they stay lists.
- ``acled``: one row per *incident* event in ACLED's column names, order and
  conventions, so that rasd's output can be appended to ACLED's Syria data; then
  ``rasd_flags`` (what to check before using a row), ``rasd_report_id`` and
  ``rasd_event_id``. The mapping lives in ``pipeline/acled_map.json`` and is
  documented in the README. ``event_date`` is the event's own date, else the
  report's publication date (flag ``date_from_publication``), else empty with the
  flag ``no_date``; ``source`` is the publisher (metadata), else the report's title,
  else its id, never a path; ``notes`` are English, generated from the facts;
  ``fatalities`` is the event's killed toll (each person once: breakdowns and
  restatements are not added, an event whose every count restates another is left
  out), so the column sums to the reports' ``tolls``; ``event_id_cnty`` is ``SYR``
  and a number hashed from the report's sha256 and the event id (stable).
- ``tallies``: the aggregate counts (monthly, national, per-governorate), one row
  per count. They never become ACLED events: a tally summed with the incidents it
  counts would count people twice.
- ``spacy``: a spaCy ``DocBin`` of every report, its facts as spans (see
  :mod:`pipeline.research.spacy_component`).

Tables are CSV, or Parquet when FILE ends in ``.parquet``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb

from pipeline.research import query

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]

MAP_PATH = Path(__file__).resolve().parent / "acled_map.json"

# report metadata only (reading the texts is not needed here)
_REPORT_META_VIEW = ("CREATE OR REPLACE VIEW rasd_internal.report_meta AS SELECT report.id AS report_id, "
                     "report.source AS report_source, report.title AS report_title, "
                     "report.publisher AS report_publisher, report.sha256 AS report_sha256, "
                     "TRY_CAST(report.published AS DATE) AS report_published FROM {src}")


@lru_cache(maxsize=1)
def acled_map() -> dict[str, Any]:
    with open(MAP_PATH, encoding="utf-8") as fh:
        return json.load(fh)


def _connect(outdir: str | Path, views: tuple[str, ...]) -> duckdb.DuckDBPyConnection:
    con = query.connect(outdir, views=views)
    rep_dir = Path(outdir) / "reports"
    has = rep_dir.is_dir() and any(p.suffix == ".json" for p in rep_dir.iterdir())
    cols = {"report": {"id": "VARCHAR", "source": "VARCHAR", "title": "VARCHAR", "published": "VARCHAR",
                       "publisher": "VARCHAR", "sha256": "VARCHAR"}}
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
LEFT JOIN rasd_internal.report_meta r ON r.report_id = c.report_id
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


def event_id_cnty(report_sha256: str | None, event_id: str) -> str:
    """``SYR`` + a stable number from the report's sha256 and the event id (the same on every run)."""
    h = hashlib.sha256(f"{report_sha256 or ''}|{event_id}".encode()).hexdigest()
    return f"{acled_map()['id_prefix']}{int(h[:12], 16) % 10**10:010d}"


#: a title that is a file name or a path (a PDF printed from ``page.html`` carries it as its title)
_PATH_LIKE = re.compile(r"[/\\]|^[\w.\-]+\.[A-Za-z0-9]{2,5}$")


def acled_source(ev: dict[str, Any]) -> str:
    """The publisher from the metadata, else the report's title, else its id: never a local path."""
    title = ev.get("report_title")
    if title and _PATH_LIKE.search(title):
        title = None
    return ev.get("report_publisher") or title or ev["report_id"]


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def _amount(c: dict[str, Any]) -> str:
    q = acled_map()["notes"]["qualifiers"]
    n = c.get("count") if c.get("count") is not None else c.get("min")
    return q.get(c.get("qualifier") or "exact", "{n}").format(n=n, min=c.get("min"), max=c.get("max"))


def _people(c: dict[str, Any]) -> str:
    nouns = acled_map()["notes"]["groups"].get(c.get("group") or "persons", ["person", "people"])
    one = c.get("count") == 1 and (c.get("qualifier") or "exact") == "exact"
    return f"{_amount(c)} {nouns[0] if one else nouns[1]}"


def acled_notes(ev: dict[str, Any], date: dt.date | None, location: str) -> str:
    """English notes generated from the event's structured facts (never a translation of the text):
    ``On 1 April 2019, 3 civilians incl. 2 children killed in an airstrike by Russian forces in Sarmin (Idlib).``"""
    n = acled_map()["notes"]
    counts = [c for c in (ev.get("counts") or []) if not c.get("same_as")]
    totals = [c for c in counts if not c.get("part_of")]
    ids = {c.get("casualty_id") for c in totals}
    phrases = []
    for outcome, verb in n["outcomes"].items():
        own = [c for c in totals if c.get("outcome") == outcome]
        if not own:
            continue
        parts = []
        for c in own:
            subs = [_people(b) for b in counts if b.get("part_of") == c.get("casualty_id")]
            parts.append(_people(c) + (f" {n['including']} " + _and(subs) if subs else ""))
        phrases.append(" and ".join(parts) + f" {verb}")
    orphans = [c for c in counts if c.get("part_of") and c.get("part_of") not in ids]
    for c in orphans:  # a breakdown whose total is in another event: still a fact of this one
        phrases.append(f"{_people(c)} {n['outcomes'].get(c.get('outcome'), c.get('outcome'))}")
    what = n["event_types"].get(ev["event_type"], n["event_types"]["other"])
    for w in ev.get("weapon_types") or []:
        if w in n["weapons"] and ev["event_type"] in ("massacre", "killing", "attack_on_facility", "explosion"):
            what = n["weapons"][w]
            break
    by = [n["actors"].get(a, a) for a in (ev.get("perpetrators") or [])]
    where = location or ""
    admin1 = ev.get("admin1_name_en")
    if where and admin1 and admin1 != where:
        where = f"{where} ({admin1})"
    prep = n["prepositions"].get(ev["event_type"], n["prepositions"]["_default"])
    text = _and(phrases)
    text = f"{text} {prep} {what}" if text else what
    if by:
        text += " by " + " and ".join(by)
    if where:
        text += f" in {where}"
    facilities = [f.replace("_", " ") for f in dict.fromkeys(ev.get("facility_types") or [])
                  if f not in n["skip_facilities"]]
    if facilities:
        text += ", " + n["facilities"].format(list=_and([("an " if f[0] in "aeiou" else "a ") + f
                                                          for f in facilities]))
    if date is not None and ev.get("date_precision") == "day":
        text = f"On {date.day} {date.strftime('%B %Y')}, {text}"
    elif date is not None and ev.get("date_precision") == "month":
        text = f"In {date.strftime('%B %Y')}, {text}"
    return text[:1].upper() + text[1:] + "."


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
    civilian_victims = any(g in m["civilian_groups"] for g in groups)
    civilian = (kind["event_type"] == "Violence against civilians" or civilian_victims
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

    flags = []
    tags = [f"rasd type={ev['event_type']}"]
    date = ev["date_start"]
    precision = ev["date_precision"]
    time_precision = _time_precision(precision, ev["date_start"], ev["date_end"])
    if date is None and ev.get("report_published"):
        date, precision = ev["report_published"], None
        time_precision = m["time_precision"]["week"]
        flags.append("date_from_publication")
    elif date is None:
        flags.append("no_date")
    for outcome in ("injured", "detained", "disappeared", "displaced"):
        if ev[outcome]:
            tags.append(f"{outcome}={ev[outcome]}")
    if ev["weapon_types"]:
        tags.append("weapons=" + ", ".join(dict.fromkeys(ev["weapon_types"])))
    if ev["facility_types"]:
        tags.append("facilities=" + ", ".join(dict.fromkeys(ev["facility_types"])))
    if ev["event_type"] == "torture_death":
        tags.append("death under torture")

    location = ev["place_name_en"] or ev["place_name_ar"] or ""
    if not location:
        flags.append("no_place")
    elif not ev["place_name_en"]:
        flags.append("place_not_english")
    if ev.get("place_kind") == "country":
        flags.append("country_level")
    # civilian targeting: civilians are the harmed side of a one-sided attack (never of a battle)
    targeting = (actor2 == m["civilians"]["name"]
                 or (civilian_victims and kind["event_type"] not in ("Battles", "Strategic developments")))
    return {
        "event_id_cnty": event_id_cnty(ev.get("report_sha256"), ev["event_id"]),
        "event_date": date.isoformat() if date else None,
        "year": date.year if date else None,
        "time_precision": time_precision,
        "disorder_type": kind["disorder_type"],
        "event_type": kind["event_type"],
        "sub_event_type": kind["sub_event_type"],
        "actor1": actor1, "assoc_actor_1": assoc1, "inter1": inter1,
        "actor2": actor2, "assoc_actor_2": assoc2, "inter2": inter2,
        "interaction": f"{inter1}-{inter2}" if inter1 and inter2 else (inter1 or ""),
        "civilian_targeting": "Civilian targeting" if targeting else "",
        "iso": m["iso"], "region": m["region"], "country": m["country"],
        "admin1": ev["admin1_name_en"] or "", "admin2": ev["admin2_name_en"] or "",
        "admin3": ev["admin3_name_en"] or "", "location": location,
        "latitude": ev["lat"], "longitude": ev["lon"],
        "geo_precision": ev["geo_precision"] or m["geo_precision_no_place"],
        "source": acled_source(ev),
        "source_scale": m["source_scale"],
        "notes": acled_notes(ev, date, ev["place_name_en"] or ""),
        "fatalities": int(ev["killed"] or 0),
        "tags": "; ".join(tags),
        "timestamp": stamp,
        "rasd_flags": "; ".join(flags),
        "rasd_report_id": ev["report_id"],
        "rasd_event_id": ev["event_id"],
    }


_ACLED_SQL = """SELECT e.*, r.report_source, r.report_title, r.report_publisher, r.report_published,
  r.report_sha256, g.groups, g.counts, coalesce(g.n_restated = g.n, false) AS all_restated
FROM events e LEFT JOIN rasd_internal.report_meta r ON r.report_id = e.report_id
LEFT JOIN (SELECT event_id,
             list(DISTINCT "group") FILTER (WHERE NOT is_restatement) AS groups,
             list({'casualty_id': casualty_id, 'outcome': outcome, 'group': "group", 'count': "count",
                   'min': "min", 'max': "max", 'qualifier': qualifier, 'part_of': part_of,
                   'same_as': same_as} ORDER BY span_start) AS counts,
             count(*) FILTER (WHERE is_restatement) AS n_restated, count(*) AS n
           FROM casualties GROUP BY 1) g ON g.event_id = e.event_id
WHERE e.scope = 'incident'
ORDER BY e.report_id, e.span_start, e.event_id"""


def acled_rows(outdir: str | Path) -> list[dict[str, Any]]:
    """One ACLED row per incident event. Aggregates (tallies) are never ACLED events (see
    :func:`export_tallies`); an event whose every count restates another event's is the same incident
    and is left out, so ``fatalities`` counts each person once and sums to the reports' ``tolls``."""
    con = _connect(outdir, ("events", "casualties"))
    try:
        rel = con.sql(_ACLED_SQL)
        cols = rel.columns
        rows = [dict(zip(cols, r)) for r in rel.fetchall()]
    finally:
        con.close()
    stamp = int(time.time())
    return [acled_row(ev, ev["groups"] or [], stamp) for ev in rows if not ev["all_restated"]]


def export_acled(outdir: str | Path, output: str) -> int:
    import pyarrow as pa

    rows = acled_rows(outdir)
    table = pa.Table.from_pylist(rows, schema=_acled_schema())
    con = duckdb.connect()
    try:
        con.register("acled", table)
        _write(con.sql("SELECT * FROM acled"), output)
    finally:
        con.close()
    return len(rows)


def _write(rel: duckdb.DuckDBPyRelation, output: str) -> None:
    if str(output).endswith(".parquet"):
        rel.write_parquet(str(output))
    else:
        rel.write_csv(str(output), header=True)


#: columns after ACLED's own: what to check before using a row, and the link back to rasd's output
RASD_COLUMNS = ["rasd_flags", "rasd_report_id", "rasd_event_id"]


def _acled_schema():
    import pyarrow as pa

    ints = {"year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp"}
    floats = {"latitude", "longitude"}
    return pa.schema([(c, pa.int64() if c in ints else pa.float64() if c in floats else pa.string())
                      for c in ACLED_COLUMNS + RASD_COLUMNS])


# --------------------------------------------------------------------------- tallies

TALLIES_SQL = """SELECT c.report_id, coalesce(r.report_publisher, r.report_title, c.report_id) AS source,
  r.report_published, c.event_id, c.casualty_id, c.outcome, c."group", c."count", c."min", c."max", c.qualifier,
  c.perpetrator, c.date, c.date_precision, c.date_start, c.date_end, c.admin1_name_en, c.place_name_en,
  c.place_name_ar, c.place_kind, c.is_breakdown, c.is_restatement, c.part_of, c.same_as, c.scope_rule,
  c.text, c.span_start, c.span_end, e.text AS sentence
FROM casualties c JOIN events e ON e.event_id = c.event_id
LEFT JOIN rasd_internal.report_meta r ON r.report_id = c.report_id
WHERE c.scope = 'aggregate'
ORDER BY c.report_id, c.span_start"""


def export_tallies(outdir: str | Path, output: str) -> int:
    """The aggregate counts (monthly, national, per-governorate tallies), one row per count: the table
    that goes beside an ACLED file, never into it."""
    con = _connect(outdir, ("events", "casualties"))
    try:
        rel = con.sql(TALLIES_SQL)
        n = len(rel)
        _write(rel, output)
    finally:
        con.close()
    return n


# --------------------------------------------------------------------------- command


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("outdir", metavar="OUTDIR", help="a directory written by `rasd extract`")
    parser.add_argument("--format", choices=FORMATS, required=True,
                        help="csv/parquet: one row per casualty count with its event; acled: one row per incident "
                             "event in ACLED's columns; tallies: the aggregate counts, one row each; spacy: a "
                             "DocBin of every report with its facts as spans (CSV, or Parquet when FILE ends in "
                             ".parquet)")
    parser.add_argument("-o", "--output", metavar="FILE", required=True, help="the file to write")


FORMATS = ("csv", "parquet", "acled", "tallies", "spacy")


def run(args: argparse.Namespace) -> int:
    fmt, output = getattr(args, "format", None), getattr(args, "output", None)
    if fmt not in FORMATS or not output:
        print(f"rasd export: --format {'|'.join(FORMATS)} and -o FILE are required", file=sys.stderr)
        return 2
    from pipeline.research.corrections import ensure_applied
    ensure_applied(args.outdir)
    query.notice_unfinished(args.outdir, "rasd export")
    try:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        if fmt == "acled":
            n, what = export_acled(args.outdir, output), "incident events"
        elif fmt == "tallies":
            n, what = export_tallies(args.outdir, output), "aggregate counts"
        elif fmt == "spacy":
            try:
                from pipeline.research.spacy_export import export_docbin
            except ImportError:
                print("rasd export: --format spacy needs spaCy: pip install 'rasd[spacy]'", file=sys.stderr)
                return 2
            n, what = export_docbin(args.outdir, output), "reports"
        else:
            n, what = export_casualties(args.outdir, output, fmt), "casualty rows"
    except (query.QueryError, duckdb.Error, OSError) as exc:
        print(f"rasd export: {exc}", file=sys.stderr)
        return 2
    print(f"rasd export: {n} {what} written to {output}", file=sys.stderr)
    return 0
