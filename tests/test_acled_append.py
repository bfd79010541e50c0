"""rasd's ACLED export stacks onto ACLED data: same columns, same order, same types, one row per incident."""
from __future__ import annotations

import glob
import json
from pathlib import Path

import pandas as pd
import pytest

from pipeline import cli
from pipeline.research import export

ROOT = Path(__file__).resolve().parents[1]

# A small file in the shape of an ACLED export (column order and value conventions of ACLED's published
# data), written for this test: invented events, not ACLED's data.
ACLED_SAMPLE = """\
event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp
SYR90001,2019-04-01,2019,1,Political violence,Explosions/Remote violence,Air/drone strike,Military Forces of Russia (2000-),,External/Other forces,Civilians (Syria),,Civilians,External/Other forces-Civilians,Civilian targeting,760,Middle East,Syria,Idlib,Idlib,Saraqab,Sarmin,35.9029,36.7258,1,Example Monitor,National,"On 1 April 2019, Russian warplanes struck Sarmin, killing 2 civilians.",2,,1712345678
SYR90002,2019-04-03,2019,2,Political violence,Battles,Armed clash,Military Forces of Syria (2000-2024),Iranian-backed militias (Syria),State forces,Hayat Tahrir al Sham,,Rebel group,State forces-Rebel group,,760,Middle East,Syria,Hama,Muhradah,Kafr Zita,Kafr Zita,35.3758,36.6003,2,Example Monitor; Other Outlet,Other-National,"On 3 April 2019, regime forces clashed with HTS near Kafr Zita. 4 fatalities.",4,local administrators,1712345678
SYR90003,2019-04-05,2019,1,Political violence,Violence against civilians,Attack,Unidentified Armed Group (Syria),,Political militia,Civilians (Syria),,Civilians,Political militia-Civilians,Civilian targeting,760,Middle East,Syria,Dara'a,Dara'a,Dara'a,Dara'a,32.6189,36.1021,1,Other Outlet,Subnational,"On 5 April 2019, unidentified gunmen shot dead a man in Dara'a city.",1,,1712345678
"""

TEXTS = {  # written for this test
    "sarmin.txt": "قُتل ثلاثة مدنيين بينهم طفلان أمس جراء غارة جوية روسية على بلدة سرمين في ريف إدلب.\n",
    "maarra.txt": "أصيب خمسة مدنيين يوم 2 نيسان 2019 بقصف مدفعي لقوات النظام السوري على مدينة معرة النعمان.\n",
    "daraa.txt": "قُتل مدني برصاص مسلحين مجهولين في مدينة درعا يوم 4 نيسان 2019.\n",
    "tally.txt": "وثقت الشبكة مقتل 120 مدنياً في سوريا خلال شهر آذار 2019، بينهم 30 طفلاً.\n",
}
METADATA = ("path,published,title,publisher,url\n"
            "sarmin.txt,2019-04-02,,Example Monitor,https://example.org/1\n"
            "maarra.txt,\"Wed, 03 Apr 2019 09:00:00 +0300\",,Example Monitor,\n"
            "daraa.txt,5 نيسان 2019,,Other Outlet,\n"
            "tally.txt,2019-04-01,,Example Monitor,\n")


@pytest.fixture(scope="module")
def ours(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("acled_append")
    for name, text in TEXTS.items():
        (d / name).write_text(text, encoding="utf-8")
    (d / "meta.csv").write_text(METADATA, encoding="utf-8")
    out = d / "out"
    assert cli.main(["extract", *[str(d / n) for n in TEXTS], "-o", str(out), "--jobs", "1",
                     "--metadata", str(d / "meta.csv")]) == 0
    assert cli.main(["export", str(out), "--format", "acled", "-o", str(d / "rasd_acled.csv")]) == 0
    return d / "rasd_acled.csv"


@pytest.mark.parametrize("read", [{}, {"keep_default_na": False}], ids=["default", "empty-as-text"])
def test_appends_to_acled_without_a_dtype_or_column_mismatch(tmp_path, ours, read):
    (tmp_path / "acled.csv").write_text(ACLED_SAMPLE, encoding="utf-8")
    acled = pd.read_csv(tmp_path / "acled.csv", **read)
    rasd = pd.read_csv(ours, **read)
    assert list(rasd.columns[: len(acled.columns)]) == list(acled.columns)
    assert list(rasd.columns[len(acled.columns):]) == export.RASD_COLUMNS
    both = pd.concat([acled, rasd[acled.columns]], ignore_index=True)
    # a column that is empty in every row of a CSV has no type of its own in pandas (float NaN): every
    # column rasd fills has ACLED's type, and ACLED's own values come through the stacking unchanged
    filled = [c for c in acled.columns if rasd[c].notna().any()]
    assert {c: both[c].dtype for c in filled} == {c: acled[c].dtype for c in filled}
    pd.testing.assert_frame_equal(both.iloc[: len(acled)].astype(object), acled.astype(object))
    if read:
        assert both.dtypes.to_dict() == acled.dtypes.to_dict()
    assert len(both) == len(acled) + len(rasd)
    assert both["event_id_cnty"].is_unique


def test_rows_are_incidents_with_dates_sources_and_english_notes(ours):
    rasd = pd.read_csv(ours, keep_default_na=False)
    assert len(rasd) == 3  # the monthly tally is not an ACLED event
    by_loc = {r["location"]: r for r in rasd.to_dict("records")}
    sarmin = by_loc["Sarmin"]
    assert (sarmin["event_date"], sarmin["fatalities"], sarmin["civilian_targeting"], sarmin["source"]) == (
        "2019-04-01", 3, "Civilian targeting", "Example Monitor")
    assert sarmin["notes"] == ("On 1 April 2019, 3 civilians incl. 2 children killed in an airstrike by Russian "
                               "forces in Sarmin (Idlib).")
    assert set(rasd["source"]) == {"Example Monitor", "Other Outlet"}
    assert (rasd["event_date"] != "").all() and (rasd["rasd_flags"] == "").all()


@pytest.fixture(scope="module")
def corpus_export(tmp_path_factory) -> tuple[Path, pd.DataFrame]:
    d = tmp_path_factory.mktemp("corpus_acled")
    cli.main(["extract", str(ROOT / "corpus"), "-o", str(d / "out"), "--no-progress"])
    assert cli.main(["export", str(d / "out"), "--format", "acled", "-o", str(d / "acled.csv")]) == 0
    return d / "out", pd.read_csv(d / "acled.csv", keep_default_na=False)


def test_corpus_export_every_row_dated_or_flagged_and_no_path_as_source(corpus_export):
    out, df = corpus_export
    assert len(df) > 100
    undated = df[df["event_date"] == ""]
    assert undated["rasd_flags"].str.contains("no_date").all()
    assert not df["source"].str.contains(r"[/\\]|\.(?:txt|md|html?|pdf|docx|jsonl?)$", regex=True).any()
    sources = {json.loads(Path(p).read_text(encoding="utf-8"))["report"]["source"]
               for p in glob.glob(str(out / "reports" / "*.json"))}
    assert not set(df["source"]) & sources


def test_corpus_fatalities_equal_the_reports_tolls(corpus_export):
    out, df = corpus_export
    tolls = sum(json.loads(Path(p).read_text(encoding="utf-8"))["tolls"]["killed"]
                for p in glob.glob(str(out / "reports" / "*.json")))
    assert df["fatalities"].sum() == tolls
    assert df["notes"].map(lambda s: not any("\u0600" <= ch <= "\u06ff" for ch in s)).all()
