"""Corrections: the log, their application to a report (idempotent, originals kept), problems reported,
the OUTDIR kept in line for every reader, and gold lines from reviewed reports."""
from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest

from pipeline.research import corrections, corrections_cmd
from pipeline.cli import main

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "outdir"
TEXT = "قتلت قوات النظام 5 مدنيين بينهم طفلان في دوما يوم 3 آذار 2016، وأصيب 7 آخرون."


def report() -> dict:
    def cas(cid, outcome, group, count, span, perp=None, part_of=None):
        s, e = span
        return {"id": cid, "outcome": outcome, "group": group, "age": None, "gender": None, "count": count,
                "min": count, "max": count, "qualifier": "exact", "perpetrator": perp, "cause": None,
                "scope": "incident", "part_of": part_of, "same_as": None,
                "why": {"perpetrator": {"rule": "agent_before_verb", "span": [5, 16]}},
                "text": TEXT[s:e], "span": [s, e]}

    c1 = cas("r#c1", "killed", "civilians", 5, (17, 25), "syrian_regime")
    c2 = cas("r#c2", "killed", "children", 2, (32, 38), "syrian_regime", part_of="r#c1")
    c3 = cas("r#c3", "injured", "persons", 7, (TEXT.index("7"), TEXT.index("7") + 8))
    ev = {"id": "r#e1", "type": "airstrike", "scope": "incident",
          "trigger": {"text": TEXT[0:4], "span": [0, 4]}, "sentence": {"text": TEXT, "span": [0, len(TEXT)]},
          "date": {"text": "3 آذار 2016", "value": "2016-03-03", "precision": "day", "start": "2016-03-03",
                   "end": "2016-03-03", "calendar": "gregorian", "relative": False, "span": [51, 62]},
          "places": [], "actors": [], "casualties": [c1, c2, c3], "facilities": [], "weapons": []}
    r = {"schema_version": "1.0", "report": {"id": "r", "source": "r.txt", "sha256": "S1", "title": None,
                                              "published": None, "chars": len(TEXT)},
         "events": [ev], "dates": [], "places": [], "actors": [], "warnings": [], "text": TEXT}
    r["tolls"] = corrections.report_tolls(r)
    return r


def book(*lines: dict) -> corrections.Book:
    b = corrections.Book()
    for i, line in enumerate(lines, 1):
        c = corrections.parse_line({"sha256": "S1", "report_id": "r", "who": "amal", "when": "2026-12-01T00:00:00Z",
                                    **line}, i)
        b.by_sha.setdefault("S1", []).append(c)
    return b


def first(r: dict) -> dict:
    return r["events"][0]["casualties"][0]


EDITS = [  # one correction on the first count (5 civilians) -> fields after it
    ({"field": "count", "value": 6}, {"count": 6, "min": 6, "max": 6, "qualifier": "exact"}, {"killed": 6}),
    ({"field": "count", "value": "0"}, {"count": 0}, {"killed": 0}),
    ({"field": "group", "value": "women"}, {"group": "women", "age": "adult", "gender": "female"}, {"killed": 5}),
    ({"field": "group", "value": "persons"}, {"group": "persons", "age": None, "gender": None}, {"killed": 5}),
    ({"field": "outcome", "value": "detained"}, {"outcome": "detained"}, {"killed": 0, "detained": 5}),
    ({"field": "perpetrator", "value": "russia"}, {"perpetrator": "russia"}, {"killed": 5}),
    ({"field": "perpetrator", "value": ""}, {"perpetrator": None}, {"killed": 5}),
    ({"field": "scope", "value": "aggregate"}, {"scope": "aggregate"}, {"killed": 0}),
]


@pytest.mark.parametrize("edit,fields,tolls", EDITS)
def test_an_edit_changes_the_fact_and_keeps_the_original(edit, fields, tolls):
    r = report()
    before = copy.deepcopy(first(r))
    assert corrections.apply(r, book({"span": [17, 25], "text": "5 مدنيين", "action": "edit", **edit})) == []
    c = first(r)
    for k, v in fields.items():
        assert c[k] == v
        if before[k] != v:
            assert c["original"][k] == before[k]
    assert c["reviewed"] is True and c["review"]["status"] == "edited" and c["review"]["who"] == "amal"
    for k, v in tolls.items():
        assert r["tolls"][k] == v
    if edit["field"] in ("perpetrator", "scope"):
        assert c["why"][edit["field"]]["rule"] == "reviewed" and c["original"]["why"] == before["why"]


def test_accept_marks_reviewed_without_change():
    r = report()
    corrections.apply(r, book({"span": [17, 25], "field": "fact", "action": "accept", "why": "checked"}))
    c = first(r)
    assert c["reviewed"] and c["review"]["status"] == "accepted" and c["review"]["why"] == "checked"
    assert c["count"] == 5 and c["original"] == {}


def test_reject_takes_the_count_out_of_the_tolls_and_keeps_it_aside():
    r = report()
    corrections.apply(r, book({"span": [TEXT.index("7"), TEXT.index("7") + 8], "field": "fact", "action": "reject"}))
    ev = r["events"][0]
    assert [c["count"] for c in ev["casualties"]] == [5, 2]
    assert ev["rejected"][0]["count"] == 7 and ev["rejected"][0]["review"]["status"] == "rejected"
    assert r["tolls"]["injured"] == 0 and r["tolls"]["killed"] == 5


@pytest.mark.parametrize("field,value,check", [
    ("date", "2016-03-04", lambda ev: ev["date"]["value"] == "2016-03-04" and ev["date"]["precision"] == "day"),
    ("date", "2016-03", lambda ev: ev["date"]["start"] == "2016-03-01" and ev["date"]["end"] == "2016-03-31"),
    ("date", "", lambda ev: ev["date"] is None),
    ("place", "SY03", lambda ev: ev["places"][0]["pcode"] == "SY03" and ev["places"][0]["admin1"]["pcode"] == "SY03"),
])
def test_date_and_place_edits_go_to_the_event(field, value, check):
    r = report()
    assert corrections.apply(r, book({"span": [17, 25], "field": field, "action": "edit", "value": value})) == []
    ev = r["events"][0]
    assert check(ev) and ev["reviewed"] and field in "".join(ev["original"])
    corrections.restore(r)
    assert r == report() | {"tolls": r["tolls"]}


@pytest.mark.parametrize("line", [
    {"span": [17, 25], "field": "count", "action": "edit", "value": "five"},
    {"span": [17, 25], "field": "count", "action": "edit", "value": -1},
    {"span": [17, 25], "field": "group", "action": "edit", "value": "soldiers"},
    {"span": [17, 25], "field": "perpetrator", "action": "edit", "value": "nobody"},
    {"span": [17, 25], "field": "date", "action": "edit", "value": "3/3/2016"},
    {"span": [17, 25], "field": "place", "action": "edit", "value": "Atlantis"},
    {"span": [17, 25], "field": "colour", "action": "edit", "value": "red"},
    {"span": [17, 25], "field": "count", "action": "accept"},
    {"span": [17, 25], "field": "fact", "action": "delete"},
    {"field": "fact", "action": "accept"},
])
def test_bad_corrections_are_refused(line):
    with pytest.raises(corrections.CorrectionError):
        book(line)


def test_apply_is_idempotent_and_restore_gives_back_the_extraction():
    r = report()
    b = book({"span": [17, 25], "field": "count", "action": "edit", "value": 6},
             {"span": [32, 38], "field": "fact", "action": "reject"},
             {"span": [17, 25], "field": "perpetrator", "action": "edit", "value": "russia"})
    corrections.apply(r, b)
    once = copy.deepcopy(r)
    corrections.apply(r, b)
    assert r == once
    corrections.apply(r, corrections.Book())
    assert r == report()


def test_the_latest_line_of_a_key_wins():
    r = report()
    corrections.apply(r, corrections_book_from_lines([
        {"span": [17, 25], "field": "fact", "action": "reject"},
        {"span": [17, 25], "field": "count", "action": "edit", "value": 9},
        {"span": [17, 25], "field": "fact", "action": "accept"},
        {"span": [17, 25], "field": "count", "action": "edit", "value": 8},
    ]))
    c = first(r)
    assert c["count"] == 8 and c["review"]["status"] == "edited" and not r["events"][0].get("rejected")


def corrections_book_from_lines(lines: list[dict], tmp: Path | None = None) -> corrections.Book:
    import tempfile
    d = Path(tempfile.mkdtemp())
    (d / corrections.LOG_NAME).write_text("".join(json.dumps({"sha256": "S1", **x}) + "\n" for x in lines)
                                          + "not json\n", encoding="utf-8")
    b = corrections.load(d)
    assert b.bad_lines and "line 5" in b.bad_lines[0]
    return b


@pytest.mark.parametrize("span,text,reason", [
    ([40, 45], None, "no fact at its span"),
    ([17, 25], "12 مدنياً", "no longer holds the same words"),
])
def test_a_correction_without_its_fact_is_reported_not_dropped(span, text, reason):
    r = report()
    problems = corrections.apply(r, book({"span": span, "text": text, "field": "fact", "action": "accept"}))
    assert len(problems) == 1 and reason in problems[0]
    assert any(w.startswith(corrections.WARNING_PREFIX) for w in r["warnings"])
    corrections.apply(r, corrections.Book())
    assert r["warnings"] == []


# --------------------------------------------------------------------------- an OUTDIR end to end


@pytest.fixture
def outdir(tmp_path):
    out = tmp_path / "out"
    shutil.copytree(FIXTURE, out)
    return out


def _fixture_count(out: Path, rid: str, i: int = 0) -> tuple[dict, dict]:
    r = json.loads((out / "reports" / f"{rid}.json").read_text(encoding="utf-8"))
    c = [c for ev in r["events"] for c in ev["casualties"]][i]
    return r, c


def _record(out: Path, rid: str, c: dict, sha: str, **kw) -> None:
    corrections.record(out, {"sha256": sha, "report_id": rid, "span": c["span"], "text": c["text"], **kw})


def test_sync_rewrites_reports_and_events_and_query_sees_it(outdir, capsys):
    r, c = _fixture_count(outdir, "r02_douma_2016_03")
    _record(outdir, "r02_douma_2016_03", c, r["report"]["sha256"], field="count", action="edit", value=c["count"] + 100)
    assert main(["query", str(outdir), "SELECT sum(count) FROM casualties WHERE report_id = 'r02_douma_2016_03' "
                                       "AND span_start = " + str(c["span"][0]), "--format", "json"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)[0]["sum(count)"] == c["count"] + 100
    line = next(json.loads(x) for x in (outdir / "events.jsonl").read_text(encoding="utf-8").splitlines()
                if json.loads(x)["report_id"] == "r02_douma_2016_03" and any(
                    k["span"] == c["span"] for k in json.loads(x)["casualties"]))
    assert any(k.get("reviewed") and k["original"]["count"] == c["count"] for k in line["casualties"])
    # a second reader finds the stamp up to date and writes nothing
    mtime = (outdir / "events.jsonl").stat().st_mtime_ns
    assert corrections.ensure_applied(outdir) is None
    assert (outdir / "events.jsonl").stat().st_mtime_ns == mtime


def test_a_changed_report_is_reported_by_status(outdir, capsys):
    r, c = _fixture_count(outdir, "r01_toll_2019_07")
    _record(outdir, "r01_toll_2019_07", c, "0" * 64, field="fact", action="accept")
    assert main(["corrections", "status", str(outdir)]) == 1
    out = capsys.readouterr().out
    assert "NOT APPLIED r01_toll_2019_07" in out and "the report changed or was removed" in out


def test_to_gold_takes_fully_reviewed_reports(outdir, tmp_path, capsys):
    rid = "r03_homs_2018_10"
    r, _ = _fixture_count(outdir, rid)
    counts = [c for ev in r["events"] for c in ev["casualties"]]
    for i, c in enumerate(counts):
        kw = {"field": "count", "action": "edit", "value": 41} if i == 0 else {"field": "fact", "action": "accept"}
        _record(outdir, rid, c, r["report"]["sha256"], **kw)
    r1, c1 = _fixture_count(outdir, "r01_toll_2019_07")  # one count only: not fully reviewed
    _record(outdir, "r01_toll_2019_07", c1, r1["report"]["sha256"], field="fact", action="accept")
    gold, texts = tmp_path / "gold.jsonl", tmp_path / "texts"
    assert main(["corrections", "to-gold", str(outdir), "-o", str(gold), "--texts", str(texts)]) == 0
    lines = [json.loads(x) for x in gold.read_text(encoding="utf-8").splitlines()]
    assert [g["id"] for g in lines] == [rid]
    assert lines[0]["casualties"][0]["count"] == 41 and len(lines[0]["casualties"]) == len(counts)
    assert set(lines[0]) >= {"casualties", "facilities", "places", "governorates", "dates", "actors", "incident_tolls"}
    assert (texts / f"{rid}.txt").read_text(encoding="utf-8") == r["text"]
    assert corrections_cmd.fully_reviewed(json.loads((outdir / "reports" / f"{rid}.json").read_text(encoding="utf-8")))


def test_extract_reapplies_after_fresh_run_and_resume(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(src), "-o", str(out), "--jobs", "1", "--no-progress"]) == 0
    r = json.loads((out / "reports" / "a.json").read_text(encoding="utf-8"))
    c = [c for ev in r["events"] for c in ev["casualties"]][0]
    _record(out, "a", c, r["report"]["sha256"], field="count", action="edit", value=c["count"] + 10, why="recount")
    _record(out, "a", {"span": [0, 2], "text": TEXT[0:2]}, r["report"]["sha256"], field="fact", action="accept")
    for extra in ([], ["--resume"]):
        assert main(["extract", str(src), "-o", str(out), "--jobs", "1", "--no-progress", *extra]) == 0
        err = capsys.readouterr().err
        assert "1 corrections applied; 1 NOT applied" in err and "no fact at its span" in err
        r2 = json.loads((out / "reports" / "a.json").read_text(encoding="utf-8"))
        c2 = [k for ev in r2["events"] for k in ev["casualties"] if k["span"] == c["span"]][0]
        assert c2["count"] == c["count"] + 10 and c2["original"]["count"] == c["count"] and c2["reviewed"]
        events = [json.loads(x) for x in (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]
        assert any(k.get("count") == c["count"] + 10 for ev in events for k in ev["casualties"])
    # a corrected report still follows the schema (reject and a date edit too)
    sha = r["report"]["sha256"]
    _record(out, "a", c, sha, field="date", action="edit", value="2016-03-04")
    other = [k for ev in r["events"] for k in ev["casualties"] if k["span"] != c["span"]][0]
    _record(out, "a", other, sha, field="fact", action="reject")
    corrections.sync_outdir(out)
    from pipeline.core.schema import Report
    Report.model_validate(json.loads((out / "reports" / "a.json").read_text(encoding="utf-8")))
    # the log is never rewritten by extract
    assert len((out / corrections.LOG_NAME).read_text(encoding="utf-8").splitlines()) == 4


@pytest.mark.parametrize("line,rid", [
    ('{"report_id": "c001", "id": "c001#e1"}\n', "c001"),
    ('{"report_id": "a\\"b", "id": "x"}\n', 'a"b'),
    ('{"id": "x", "report_id": "late"}\n', "late"),  # not written by the runner: parsed whole
    ("\n", None),
    ("not json\n", None),
])
def test_report_id_of_an_events_line(line, rid):
    assert corrections._line_report_id(line) == rid
