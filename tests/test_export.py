"""`rasd export`: casualties as CSV/Parquet and events in ACLED's columns, read back by DuckDB and pandas."""
from __future__ import annotations

import argparse
import datetime as dt
import typing
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline.research import export
from pipeline.core import schema

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "outdir"


def run_export(fmt: str, out: Path, *extra: str, outdir: Path = FIXTURE) -> int:
    parser = argparse.ArgumentParser()
    export.add_arguments(parser)
    return export.run(parser.parse_args([str(outdir), "--format", fmt, "-o", str(out), *extra]))


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    d = tmp_path_factory.mktemp("export")
    files = {"csv": d / "casualties.csv", "parquet": d / "casualties.parquet", "acled": d / "acled.csv",
             "tallies": d / "tallies.csv", "acled_parquet": d / "acled.parquet"}
    assert run_export("csv", files["csv"]) == 0
    assert run_export("parquet", files["parquet"]) == 0
    assert run_export("acled", files["acled"]) == 0
    assert run_export("tallies", files["tallies"]) == 0
    assert run_export("acled", files["acled_parquet"]) == 0
    return files


def read_duckdb(path: Path) -> tuple[list[str], list[tuple]]:
    con = duckdb.connect()
    src = f"read_csv('{path}', header=true)" if path.suffix == ".csv" else f"read_parquet('{path}')"
    rel = con.sql(f"SELECT * FROM {src}")
    return list(rel.columns), rel.fetchall()


def read_pandas(path: Path) -> pd.DataFrame:
    return pd.read_csv(path) if path.suffix == ".csv" else pd.read_parquet(path)


CASUALTY_COLUMNS = ["report_id", "event_id", "event_type", "event_scope", "date", "admin1_name_en", "place_name_ar",
                    "perpetrator", "outcome", "group", "count", "min", "max", "qualifier", "text", "span_start",
                    "span_end", "is_breakdown", "event_killed", "sentence", "report_source", "report_published"]

EXPORTS = [  # key, expected rows, required columns
    ("csv", 17, CASUALTY_COLUMNS),
    ("parquet", 17, CASUALTY_COLUMNS),
    ("acled", 5, export.ACLED_COLUMNS),
    ("tallies", 7, ["report_id", "source", "outcome", "group", "count", "is_breakdown", "date", "text"]),
    ("acled_parquet", 5, export.ACLED_COLUMNS),
]


@pytest.mark.parametrize("key,rows,columns", EXPORTS, ids=[e[0] for e in EXPORTS])
def test_read_back_by_duckdb_and_pandas(exported, key, rows, columns):
    cols, data = read_duckdb(exported[key])
    assert [c for c in columns if c not in cols] == [] and len(data) == rows
    df = read_pandas(exported[key])
    assert [c for c in columns if c not in df.columns] == [] and len(df) == rows
    if key.startswith("acled"):
        assert list(df.columns) == export.ACLED_COLUMNS + export.RASD_COLUMNS


def test_parquet_keeps_types_and_lists(exported):
    df = pd.read_parquet(exported["parquet"])
    row = df[df["text"] == "57 طفلاً"].iloc[0]
    assert row["count"] == 57 and bool(row["is_breakdown"]) and row["event_killed"] == 312
    assert list(row["event_perpetrators"]) == ["syrian_regime", "russia"]
    csv = pd.read_csv(exported["csv"])
    assert csv[csv["text"] == "57 طفلاً"].iloc[0]["event_perpetrators"] == "syrian_regime; russia"


# --------------------------------------------------------------------------- ACLED rows

ACLED_ROWS = {  # rasd_event_id -> expected fields
    "r01_toll_2019_07#e2": {"event_date": "2019-07-12", "year": 2019, "time_precision": 1,
                            "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
                            "actor1": "Military Forces of Syria (2000-2024)", "inter1": "State forces",
                            "actor2": "Civilians (Syria)", "civilian_targeting": "Civilian targeting",
                            "admin1": "Idlib", "admin2": "Maarrat al-Nu'man", "admin3": "Kafr Nobol",
                            "location": "Kafr Nabl", "geo_precision": 1, "fatalities": 6, "iso": 760,
                            "country": "Syria", "region": "Middle East", "rasd_flags": "",
                            "source": "حصيلة الضحايا المدنيين في سوريا في تموز 2019",  # no publisher: the title
                            "notes": "On 12 July 2019, 6 civilians incl. 4 children killed and 11 civilians injured "
                                     "in an airstrike by Syrian regime forces in Kafr Nabl (Idlib), hitting a school."},
    "r02_douma_2016_03#e1": {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
                             "actor1": "Military Forces of Russia (2000-)", "fatalities": 14,
                             "admin1": "Rural Damascus", "location": "Douma",
                             "source": "r02_douma_2016_03",  # no publisher, no title: the report id
                             "notes": "On 5 March 2016, 14 civilians incl. 3 children and 2 women killed and about 30 "
                                      "civilians injured in a massacre by Russian forces in Douma (Rural Damascus), "
                                      "hitting a market."},
    "r02_douma_2016_03#e2": {"event_type": "Battles", "sub_event_type": "Armed clash",
                             "actor1": "Opposition Rebels (Syria)", "actor2": "Military Forces of Syria (2000-2024)",
                             "interaction": "Rebel group-State forces", "fatalities": 2, "civilian_targeting": "",
                             "event_date": "2016-03-06", "time_precision": 2, "admin1": "Damascus",
                             "rasd_flags": "date_from_publication",
                             "notes": "2 fighters killed in clashes in Jobar (Damascus)."},
    "r03_homs_2018_10#e1": {"event_type": "Violence against civilians", "sub_event_type": "Attack",
                            "fatalities": 1, "admin1": "Rural Damascus",
                            "notes": "On 3 October 2018, 1 man killed under torture in detention in Saydnaya "
                                     "(Rural Damascus)."},
    "r03_homs_2018_10#e2": {"actor1": "Unidentified Armed Group (Syria)", "event_type": "Violence against civilians",
                            "sub_event_type": "Attack", "fatalities": 3, "geo_precision": 2,
                            "civilian_targeting": "Civilian targeting"},
}


@pytest.mark.parametrize("event_id", list(ACLED_ROWS))
def test_acled_rows(exported, event_id):
    df = pd.read_csv(exported["acled"], keep_default_na=False)
    row = df[df["rasd_event_id"] == event_id].iloc[0].to_dict()
    for k, v in ACLED_ROWS[event_id].items():
        assert row[k] == v, (k, row[k], v)
    assert row["event_id_cnty"] == export.event_id_cnty(_sha(event_id), event_id)
    assert not any("\u0600" <= ch <= "\u06ff" for ch in row["notes"])  # English, generated from the facts


def _sha(event_id: str) -> str:
    import json

    report = json.loads((FIXTURE / "reports" / f"{event_id.split('#')[0]}.json").read_text(encoding="utf-8"))
    return report["report"]["sha256"]


def test_event_id_cnty_is_stable_and_distinct():
    a = export.event_id_cnty("ab" * 32, "r1#e1")
    assert a == export.event_id_cnty("ab" * 32, "r1#e1") and a.startswith("SYR") and a[3:].isdigit()
    assert len({a, export.event_id_cnty("ab" * 32, "r1#e2"), export.event_id_cnty("cd" * 32, "r1#e1")}) == 3


def test_aggregates_go_to_the_tally_table_never_to_acled(exported):
    acled = pd.read_csv(exported["acled"], keep_default_na=False)
    assert "r01_toll_2019_07#e1" not in set(acled["rasd_event_id"])  # the monthly toll of 312
    assert not acled["tags"].str.contains("aggregate").any()
    tallies = pd.read_csv(exported["tallies"], keep_default_na=False)
    top = tallies[(tallies["outcome"] == "killed") & (tallies["is_breakdown"] == False)]  # noqa: E712
    assert sorted(top["count"]) == [312] and set(tallies["source"]) == {"حصيلة الضحايا المدنيين في سوريا في تموز 2019"}


NOTES = [  # (event fields, counts) -> notes
    ({"event_type": "airstrike", "perpetrators": ["russia"], "place": "Sarmin", "admin1": "Idlib",
      "date": dt.date(2019, 4, 1), "precision": "day"},
     [("c1", "killed", "civilians", 3, "exact", None), ("c2", "killed", "children", 2, "exact", "c1")],
     "On 1 April 2019, 3 civilians incl. 2 children killed in an airstrike by Russian forces in Sarmin (Idlib)."),
    ({"event_type": "shelling", "perpetrators": ["syrian_regime", "iran_militias"], "place": "", "admin1": None,
      "date": dt.date(2020, 2, 1), "precision": "month"},
     [("c1", "injured", "persons", 1, "exact", None), ("c2", "killed", "women", None, "tens", None)],
     "In February 2020, dozens of women killed and 1 person injured in shelling by Syrian regime forces and "
     "Iranian-backed militias."),
    ({"event_type": "detention", "perpetrators": ["sdf"], "place": "Raqqa", "admin1": "Ar-Raqqa", "date": None,
      "precision": None},
     [("c1", "detained", "men", 12, "at_least", None)],
     "At least 12 men detained in an arrest campaign by the SDF in Raqqa (Ar-Raqqa)."),
    # a restated count (same_as) is never told twice; no count at all: the attack alone
    ({"event_type": "attack_on_facility", "perpetrators": [], "place": "Ariha", "admin1": "Idlib", "date": None,
      "precision": None, "facilities": ["hospital", "other"]},
     [("c1", "killed", "civilians", 5, "exact", None, "c9")],
     "An attack in Ariha (Idlib), hitting a hospital."),
]


@pytest.mark.parametrize("ev,counts,expected", NOTES)
def test_notes_are_generated_in_english_from_the_facts(ev, counts, expected):
    row = {"event_type": ev["event_type"], "perpetrators": ev["perpetrators"], "admin1_name_en": ev["admin1"],
           "date_precision": ev["precision"], "weapon_types": [], "facility_types": ev.get("facilities", []),
           "counts": [{"casualty_id": c[0], "outcome": c[1], "group": c[2], "count": c[3], "min": c[3] or 20,
                       "max": c[3] or 99, "qualifier": c[4], "part_of": c[5], "same_as": c[6] if len(c) > 6 else None}
                      for c in counts]}
    assert export.acled_notes(row, ev["date"], ev["place"]) == expected


TYPE_MAP = [  # (our type, weapons) -> (ACLED event_type, sub_event_type)
    ("airstrike", [], "Explosions/Remote violence", "Air/drone strike"),
    ("shelling", [], "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("explosion", ["car_bomb"], "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("chemical_attack", [], "Explosions/Remote violence", "Chemical weapon"),
    ("massacre", [], "Violence against civilians", "Attack"),
    ("massacre", ["barrel_bomb"], "Explosions/Remote violence", "Air/drone strike"),
    ("killing", ["gunfire"], "Violence against civilians", "Attack"),
    ("killing", ["mortar"], "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("torture_death", [], "Violence against civilians", "Attack"),
    ("detention", [], "Violence against civilians", "Abduction/forced disappearance"),
    ("enforced_disappearance", [], "Violence against civilians", "Abduction/forced disappearance"),
    ("attack_on_facility", [], "Violence against civilians", "Attack"),
    ("attack_on_facility", ["gunfire", "chemical"], "Explosions/Remote violence", "Chemical weapon"),
    ("attack_on_facility", ["missile"], "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("clashes", [], "Battles", "Armed clash"),
    ("other", [], "Strategic developments", "Other"),
]


@pytest.mark.parametrize("ours,weapons,event_type,sub", TYPE_MAP)
def test_event_type_mapping(ours, weapons, event_type, sub):
    t = export._acled_type(ours, weapons)
    assert (t["event_type"], t["sub_event_type"]) == (event_type, sub)


def test_mapping_covers_every_vocabulary_value():
    m = export.acled_map()
    assert set(m["event_types"]) == set(typing.get_args(schema.EventType))
    assert set(m["actors"]) == set(typing.get_args(schema.ActorId))
    assert {w for w, _, _ in m["by_weapon"]} <= set(typing.get_args(schema.WeaponType))


PRECISION = [
    ("day", dt.date(2020, 3, 1), dt.date(2020, 3, 1), 1),
    ("day", dt.date(2020, 3, 1), dt.date(2020, 3, 5), 2),
    ("day", dt.date(2020, 3, 1), dt.date(2020, 3, 20), 3),
    ("month", dt.date(2020, 3, 1), dt.date(2020, 3, 31), 3),
    ("year", dt.date(2020, 1, 1), dt.date(2020, 12, 31), 3),
    (None, None, None, 3),
]


@pytest.mark.parametrize("precision,start,end,expected", PRECISION)
def test_time_precision(precision, start, end, expected):
    assert export._time_precision(precision, start, end) == expected


def test_usage_errors(tmp_path, capsys):
    parser = argparse.ArgumentParser()
    export.add_arguments(parser)
    with pytest.raises(SystemExit) as exc:
        parser.parse_args([str(FIXTURE), "--format", "xlsx", "-o", "x"])
    assert exc.value.code == 2
    assert run_export("csv", tmp_path / "x.csv", outdir=tmp_path / "missing") == 2
    assert "not an OUTDIR" in capsys.readouterr().err


def test_a_victim_is_never_the_first_actor():
    """`قصف التحالف مواقع داعش` without the attacker in the sentence: ISIS is the target, not actor1."""
    from pipeline.research.export import acled_row

    row = next(r for r in _event_rows() if r["event_id"] == "r02_douma_2016_03#e2")
    row.update(event_type="airstrike", weapon_types=["airstrike"], perpetrators=[], perpetrator=None,
               actor_ids=["isis"], victim_ids=["isis"])
    out = acled_row(row, [], 0)
    assert out["actor1"] != "Islamic State (Syria)" and out["actor2"] == "Islamic State (Syria)"


def _event_rows():
    from pipeline.research.export import _connect

    con = _connect(FIXTURE, ("reports", "events"))
    rel = con.execute("select e.*, r.source as report_source, r.published as report_published, [] as groups "
                      "from events e join reports r using (report_id)")
    cols = [d[0] for d in rel.description]
    return [dict(zip(cols, r)) for r in rel.fetchall()]


SOURCES = [  # (publisher, title, report id) -> ACLED source: never a local path
    ("Example Monitor", "عنوان التقرير", "r1", "Example Monitor"),
    (None, "عنوان التقرير", "r1", "عنوان التقرير"),
    (None, None, "r1", "r1"),
    (None, "page.html", "r1", "r1"),                     # a PDF printed from a file: its name is no title
    (None, "/home/user/reports/a.txt", "r1", "r1"),
    (None, "C:\\reports\\a.docx", "r1", "r1"),
]


@pytest.mark.parametrize("publisher,title,rid,expected", SOURCES)
def test_acled_source(publisher, title, rid, expected):
    assert export.acled_source({"report_publisher": publisher, "report_title": title, "report_id": rid}) == expected
