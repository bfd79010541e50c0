"""`rasd export`: casualties as CSV/Parquet and events in ACLED's columns, read back by DuckDB and pandas."""
from __future__ import annotations

import argparse
import datetime as dt
import typing
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline import export, schema

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
             "acled_all": d / "acled_all.csv", "acled_parquet": d / "acled.parquet"}
    assert run_export("csv", files["csv"]) == 0
    assert run_export("parquet", files["parquet"]) == 0
    assert run_export("acled", files["acled"]) == 0
    assert run_export("acled", files["acled_all"], "--include-aggregates") == 0
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
    ("acled_all", 7, export.ACLED_COLUMNS),
    ("acled_parquet", 5, export.ACLED_COLUMNS),
]


@pytest.mark.parametrize("key,rows,columns", EXPORTS, ids=[e[0] for e in EXPORTS])
def test_read_back_by_duckdb_and_pandas(exported, key, rows, columns):
    cols, data = read_duckdb(exported[key])
    assert [c for c in columns if c not in cols] == [] and len(data) == rows
    df = read_pandas(exported[key])
    assert [c for c in columns if c not in df.columns] == [] and len(df) == rows
    if key.startswith("acled"):
        assert list(df.columns) == export.ACLED_COLUMNS


def test_parquet_keeps_types_and_lists(exported):
    df = pd.read_parquet(exported["parquet"])
    row = df[df["text"] == "57 طفلاً"].iloc[0]
    assert row["count"] == 57 and bool(row["is_breakdown"]) and row["event_killed"] == 312
    assert list(row["event_perpetrators"]) == ["syrian_regime", "russia"]
    csv = pd.read_csv(exported["csv"])
    assert csv[csv["text"] == "57 طفلاً"].iloc[0]["event_perpetrators"] == "syrian_regime; russia"


# --------------------------------------------------------------------------- ACLED rows

ACLED_ROWS = {  # event_id_cnty -> expected fields
    "r01_toll_2019_07#e2": {"event_date": "2019-07-12", "year": 2019, "time_precision": 1,
                            "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
                            "actor1": "Military Forces of Syria (2000-2024)", "inter1": "State forces",
                            "actor2": "Civilians (Syria)", "civilian_targeting": "Civilian targeting",
                            "admin1": "Idlib", "admin2": "Maarrat al-Nu'man", "admin3": "Kafr Nobol",
                            "location": "Kafr Nabl", "geo_precision": 1, "fatalities": 6, "iso": 760,
                            "country": "Syria", "region": "Middle East",
                            "source": "rasd:corpus/r01_toll_2019_07.txt"},
    "r02_douma_2016_03#e1": {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
                             "actor1": "Military Forces of Russia (2000-)", "fatalities": 14,
                             "admin1": "Rural Damascus", "location": "Douma"},
    "r02_douma_2016_03#e2": {"event_type": "Battles", "sub_event_type": "Armed clash",
                             "actor1": "Opposition Rebels (Syria)", "actor2": "Military Forces of Syria (2000-2024)",
                             "interaction": "Rebel group-State forces", "fatalities": 2,
                             "event_date": "2016-03-06", "time_precision": 3, "admin1": "Damascus"},
    "r03_homs_2018_10#e1": {"event_type": "Violence against civilians", "sub_event_type": "Attack",
                            "fatalities": 1, "admin1": "Rural Damascus"},
    "r03_homs_2018_10#e2": {"actor1": "Unidentified Armed Group (Syria)", "event_type": "Violence against civilians",
                            "sub_event_type": "Attack", "fatalities": 3, "geo_precision": 2},
}


@pytest.mark.parametrize("event_id", list(ACLED_ROWS))
def test_acled_rows(exported, event_id):
    df = pd.read_csv(exported["acled"], keep_default_na=False)
    row = df[df["event_id_cnty"] == event_id].iloc[0].to_dict()
    for k, v in ACLED_ROWS[event_id].items():
        assert row[k] == v, (k, row[k], v)
    assert row["notes"] and row["notes"] in (FIXTURE / "reports" / f"{event_id.split('#')[0]}.json").read_text(
        encoding="utf-8")


def test_acled_aggregates_only_on_request(exported):
    df = pd.read_csv(exported["acled_all"])
    agg = df[df["tags"].str.contains("rasd scope=aggregate")]
    assert sorted(agg["fatalities"]) == [0, 312]


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
    from pipeline.export import acled_row

    row = next(r for r in _event_rows() if r["event_id"] == "r02_douma_2016_03#e2")
    row.update(event_type="airstrike", weapon_types=["airstrike"], perpetrators=[], perpetrator=None,
               actor_ids=["isis"], victim_ids=["isis"])
    out = acled_row(row, [], 0)
    assert out["actor1"] != "Islamic State (Syria)" and out["actor2"] == "Islamic State (Syria)"


def _event_rows():
    from pipeline.export import _connect

    con = _connect(FIXTURE, ("reports", "events"))
    rel = con.execute("select e.*, r.source as report_source, r.published as report_published, [] as groups "
                      "from events e join reports r using (report_id)")
    cols = [d[0] for d in rel.description]
    return [dict(zip(cols, r)) for r in rel.fetchall()]
