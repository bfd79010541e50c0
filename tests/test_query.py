"""`rasd query`: the DuckDB views over an OUTDIR (tests/fixtures/outdir, built by make_outdir.py)."""
from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline.research import query

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "outdir"


@pytest.fixture(scope="module")
def con():
    c = query.connect(FIXTURE)
    yield c
    c.close()


def run_query(sql: str, outdir: Path = FIXTURE, **kw) -> int:
    parser = argparse.ArgumentParser()
    query.add_arguments(parser)
    argv = [str(outdir), sql]
    for k, v in kw.items():
        argv += [f"--{k}" if k != "o" else "-o", str(v)]
    return query.run(parser.parse_args(argv))


# --------------------------------------------------------------------------- shape of every view

VIEW_COLUMNS = [
    ("reports", ["report_id", "source", "sha256", "title", "published", "chars", "n_events", "warnings", "text"]),
    ("events", ["report_id", "event_id", "event_type", "scope", "event_scope", "date", "date_precision", "month",
                "admin1_pcode", "admin1_name_en", "place_name_ar", "place_pcode", "lat", "lon", "geo_precision",
                "perpetrator", "perpetrators", "actor_ids", "killed", "injured", "detained", "weapon_types",
                "facility_types", "trigger", "text", "span_start", "span_end"]),
    ("casualties", ["report_id", "event_id", "event_type", "scope", "event_scope", "date", "date_precision",
                    "admin1_pcode", "admin1_name_en", "place_name_ar", "place_pcode", "lat", "lon", "perpetrator",
                    "outcome", "group", "age", "gender", "count", "min", "max", "qualifier", "cause", "text",
                    "span_start", "span_end", "is_breakdown"]),
    ("facilities", ["report_id", "event_id", "event_type", "event_scope", "facility_type", "count", "perpetrator",
                    "admin1_name_en", "text", "span_start", "span_end"]),
    ("weapons", ["report_id", "event_id", "event_type", "event_scope", "weapon_type", "text", "span_start",
                 "span_end"]),
    ("places", ["report_id", "event_id", "name_ar", "name_en", "kind", "pcode", "admin1_pcode", "admin1_name_en",
                "admin2_name_en", "lat", "lon", "geo_precision", "text", "span_start", "span_end"]),
    ("dates", ["report_id", "event_id", "text", "value", "precision", "start", "end", "calendar", "relative",
               "span_start", "span_end"]),
    ("actors", ["report_id", "event_id", "actor_id", "name_ar", "role", "text", "span_start", "span_end"]),
]

VIEW_ROWS = {"reports": 3, "events": 7, "casualties": 17, "facilities": 3, "weapons": 3, "places": 16,
             "dates": 7, "actors": 8}


@pytest.mark.parametrize("view,columns", VIEW_COLUMNS, ids=[v for v, _ in VIEW_COLUMNS])
def test_view_columns(con, view, columns):
    have = con.sql(f"SELECT * FROM {view}").columns
    assert [c for c in columns if c not in have] == []
    assert con.execute(f"SELECT count(*) FROM {view}").fetchall()[0][0] == VIEW_ROWS[view]


@pytest.mark.parametrize("view", [v for v in VIEW_ROWS if v != "reports"])
def test_every_span_quotes_the_report_text(con, view):
    bad = con.sql(f"""SELECT v.text, substring(r.text, v.span_start + 1, v.span_end - v.span_start)
        FROM {view} v JOIN reports r USING (report_id)
        WHERE substring(r.text, v.span_start + 1, v.span_end - v.span_start) <> v.text""").fetchall()
    assert bad == []


# --------------------------------------------------------------------------- answers

ANSWERS = [
    # the example: every stated killed count, breakdowns included
    ("select perpetrator, sum(count) from casualties where outcome='killed' group by 1",
     {(None, 393), ("syrian_regime", 208), ("russia", 83), ("unknown", 3)}),
    # incidents only, without the parts of totals
    ("select sum(count) from casualties where outcome='killed' and event_scope='incident' and not is_breakdown",
     {(26,)}),
    ("select event_id, killed, injured, detained from events where scope='incident'",
     {("r01_toll_2019_07#e2", 6, 11, 0), ("r02_douma_2016_03#e1", 14, 30, 0), ("r02_douma_2016_03#e2", 2, 0, 0),
      ("r03_homs_2018_10#e1", 1, 0, 0), ("r03_homs_2018_10#e2", 3, 0, 0)}),
    # a monthly total with its breakdowns (by group and by perpetrator) counts once
    ("select killed, perpetrators from events where event_id='r01_toll_2019_07#e1'",
     {(312, ("syrian_regime", "russia"))}),
    ("select detained from events where event_id='r01_toll_2019_07#e3'", {(178,)}),
    ("select \"group\", count from casualties where is_breakdown and event_id='r01_toll_2019_07#e1'",
     {("children", 57), ("women", 21), ("civilians", 198), ("civilians", 64)}),
    ("select admin1_name_en, sum(killed) from events where event_scope='incident' group by 1",
     {("Idlib", 6), ("Rural Damascus", 15), ("Damascus", 2), ("Homs", 3)}),
    ("select month, sum(killed) from events where event_scope='incident' and month is not null group by 1",
     {("2019-07", 6), ("2016-03", 14), ("2018-10", 4)}),
    ("select count(*) from casualties where cause='torture'", {(1,)}),
    ("select count(*) from events where date is null", {(2,)}),
    ("select facility_type, count from facilities order by 1", {("market", 1), ("other", 1), ("school", 1)}),
    ("select count(*) from places where event_id is null", {(5,)}),
    ("select admin2_name_en, admin3_name_en from places where name_ar = 'كفر نبل' and event_id is not null",
     {("Maarrat al-Nu'man", "Kafr Nobol")}),
    ("select value, precision from dates where event_id is null", {("2019-07", "month"), ("2013", "year")}),
    ("select published from reports where report_id = 'r02_douma_2016_03'",
     {(__import__("datetime").date(2016, 3, 6),)}),
]


@pytest.mark.parametrize("sql,expected", ANSWERS, ids=[a[0][:60] for a in ANSWERS])
def test_answers(con, sql, expected):
    rows = con.sql(sql).fetchall()
    got = {tuple(tuple(v) if isinstance(v, list) else v for v in r) for r in rows}
    want = {tuple(tuple(v) if isinstance(v, list) else v for v in r) for r in expected}
    assert got == want


# --------------------------------------------------------------------------- the command


def test_table_output(capsys):
    assert run_query("select perpetrator, sum(count) as killed from casualties where outcome='killed' "
                     "group by 1 order by 2 desc") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split("|")[0].strip() == "perpetrator"
    assert "393" in out[2] and "(4 rows)" in out[-1]


def test_csv_and_json_to_stdout(capsys):
    assert run_query("select event_id, killed from events order by 1", format="csv") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 7 and rows[0] == {"event_id": "r01_toll_2019_07#e1", "killed": "312"}
    assert run_query("select event_id, perpetrators, date_start from events order by 1 limit 2", format="json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["perpetrators"] == ["syrian_regime", "russia"] and data[0]["date_start"] == "2019-07-01"


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet", "table"])
def test_output_file(tmp_path, fmt):
    out = tmp_path / f"q.{fmt}"
    assert run_query("select * from casualties", format=fmt, o=out) == 0
    if fmt == "parquet":
        assert duckdb.execute(f"select count(*) from '{out}'").fetchall()[0][0] == 17
    elif fmt == "csv":
        assert duckdb.execute(f"select count(*) from read_csv('{out}')").fetchall()[0][0] == 17
    elif fmt == "json":
        assert len(json.loads(out.read_text(encoding="utf-8"))) == 17
    else:
        assert "(17 rows)" in out.read_text(encoding="utf-8")


BAD = [
    ("selec 1", "syntax error"),
    ("select * from nope", "nope"),
    ("select no_such_column from casualties", "no_such_column"),
    ("select 1/'x'", "Conversion Error"),
]


@pytest.mark.parametrize("sql,message", BAD)
def test_bad_sql_exit_2_with_duckdb_message(capsys, sql, message):
    assert run_query(sql) == 2
    err = capsys.readouterr().err
    assert message.lower() in err.lower() and "Traceback" not in err


def test_parquet_needs_output(capsys):
    assert run_query("select 1", format="parquet") == 2
    assert "-o" in capsys.readouterr().err


def test_not_an_outdir(tmp_path, capsys):
    assert run_query("select 1", outdir=tmp_path / "missing") == 2
    assert "not an OUTDIR" in capsys.readouterr().err


def test_bad_sql_through_the_cli_has_no_traceback():
    proc = subprocess.run([sys.executable, "-m", "pipeline", "query", str(FIXTURE), "select * from"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert "Parser Error" in proc.stderr and "Traceback" not in proc.stderr


# --------------------------------------------------------------------------- robustness of the views


def test_empty_outdir_keeps_every_view(tmp_path):
    (tmp_path / "reports").mkdir()
    full = query.connect(FIXTURE)
    empty = query.connect(tmp_path)
    for view in VIEW_ROWS:
        assert empty.execute(f"SELECT count(*) FROM {view}").fetchall()[0][0] == 0
        assert empty.sql(f"SELECT * FROM {view}").columns == full.sql(f"SELECT * FROM {view}").columns


def test_events_from_reports_when_events_jsonl_is_missing(tmp_path):
    shutil.copytree(FIXTURE / "reports", tmp_path / "reports")
    c = query.connect(tmp_path)
    assert c.execute("SELECT count(*), sum(killed) FROM events").fetchall()[0] == (7, 338)
    assert c.execute("SELECT count(*) FROM casualties").fetchall()[0][0] == 17


def test_nulls_and_unknown_keys_do_not_break_the_views(tmp_path):
    (tmp_path / "reports").mkdir()
    line = {"report_id": "x", "id": "x#e1", "type": "shelling", "scope": "incident", "future_key": {"a": 1},
            "trigger": {"text": "قصف", "span": [0, 3]}, "sentence": {"text": "قصف", "span": [0, 3]},
            "date": None, "places": None, "actors": [], "weapons": [], "facilities": [],
            "casualties": [{"outcome": "killed", "group": "persons", "count": None, "min": 20, "max": 99,
                            "qualifier": "tens", "perpetrator": None, "text": "عشرات", "span": [4, 9],
                            "new_field": True}]}
    (tmp_path / "events.jsonl").write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    c = query.connect(tmp_path)
    assert c.execute("SELECT killed, place_name_ar, date FROM events").fetchall()[0] == (20, None, None)
    assert c.execute('SELECT "count", "min", qualifier FROM casualties').fetchall()[0] == (None, 20, "tens")


def test_views_used_only_builds_what_the_sql_names():
    assert query.views_used("select * from casualties") == {"casualties"}
    assert query.views_used("select * from events e join reports r using (report_id)") == {"events", "reports"}
    assert query.views_used("show tables") == set(query.VIEWS)


def test_bare_admin_pcodes_get_their_english_names(tmp_path):
    place = {"text": "درعا", "name_ar": "درعا", "name_en": "Daraa", "kind": "city", "pcode": "geonames:1",
             "admin1": {"pcode": "SY12", "name_ar": "درعا", "name_en": "Daraa"}, "lat": 32.6, "lon": 36.1,
             "geo_precision": 1, "span": [0, 4], "admin2": "SY1200", "admin3": "SY120000"}
    line = {"report_id": "x", "id": "x#e1", "type": "shelling", "scope": "incident",
            "trigger": {"text": "درعا", "span": [0, 4]}, "sentence": {"text": "درعا", "span": [0, 4]},
            "date": None, "places": [place], "actors": [], "weapons": [], "facilities": [], "casualties": []}
    (tmp_path / "events.jsonl").write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    c = query.connect(tmp_path)
    pc2, name2, pc3 = c.execute("SELECT admin2_pcode, admin2_name_en, admin3_pcode FROM events").fetchall()[0]
    assert (pc2, pc3) == ("SY1200", "SY120000")
    if query._unit_names():
        assert name2 == "Daraa"


def test_fixture_is_what_make_outdir_builds(tmp_path):
    sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
    import make_outdir

    make_outdir.write(tmp_path)
    for rel in ["events.jsonl", *(f"reports/{p.name}" for p in (FIXTURE / "reports").iterdir())]:
        assert (tmp_path / rel).read_text(encoding="utf-8") == (FIXTURE / rel).read_text(encoding="utf-8"), rel


# --------------------------------------------------------------------------- a discoverable schema


def _schema(capsys, *extra: str) -> str:
    parser = argparse.ArgumentParser()
    query.add_arguments(parser)
    assert query.run(parser.parse_args([str(FIXTURE), "--schema", *extra])) == 0
    return capsys.readouterr().out


def test_schema_lists_views_columns_types_and_vocabularies(capsys):
    views = {v["view"]: {c["name"]: c for c in v["columns"]} for v in json.loads(_schema(capsys, "--format", "json"))}
    assert list(views) == list(query.VIEWS)
    cas = views["casualties"]
    assert (cas["count"]["type"], cas["counted"]["type"], cas["date_start"]["type"]) == ("BIGINT", "BOOLEAN", "DATE")
    assert cas["outcome"]["values"] == ["killed", "injured", "detained", "disappeared", "displaced"]
    assert cas["victim_group"]["values"] == cas["group"]["values"] and "civil_defense" in cas["group"]["values"]
    assert "syrian_regime" in cas["perpetrator"]["values"] and "values" not in cas["text"]
    assert "school" in views["facilities"]["facility_type"]["values"]
    assert views["events"]["scope"]["values"] == ["incident", "aggregate"]
    text = _schema(capsys)
    assert text.startswith("reports: ") and "\n  outcome " in text and "killed, injured, detained" in text


@pytest.mark.parametrize("sql", ["show tables", "select table_name from information_schema.tables "
                                               "where table_schema = 'main'"])
def test_internal_views_are_hidden(con, sql):
    assert {r[0] for r in con.sql(sql).fetchall()} == set(query.VIEWS)


def test_internal_views_exist_under_their_own_schema(con):
    hidden = {r[0] for r in con.sql("select table_name from information_schema.tables "
                                    "where table_schema = 'rasd_internal'").fetchall()}
    assert {"events_raw", "reports_raw", "casualties_base"} <= hidden and not hidden & set(query.VIEWS)


@pytest.mark.parametrize("sql,expected", [
    ("select victim_group, sum(count) from casualties where counted group by 1",
     {("civilians", 64), ("fighters", 2), ("men", 1)}),
    ("select count(*) from casualties where victim_group is distinct from \"group\"", {(0,)}),
])
def test_victim_group_is_group_without_quotes(con, sql, expected):
    assert set(con.sql(sql).fetchall()) == expected


def test_query_needs_sql_or_schema(capsys):
    parser = argparse.ArgumentParser()
    query.add_arguments(parser)
    assert query.run(parser.parse_args([str(FIXTURE)])) == 2
    assert "--schema" in capsys.readouterr().err
