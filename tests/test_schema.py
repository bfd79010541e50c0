"""The report schema: the committed JSON Schema matches the models; bad reports are refused."""
import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from pipeline.core.schema import Report, json_schema

ROOT = Path(__file__).resolve().parent.parent


def test_committed_json_schema_matches_the_models():
    committed = json.loads((ROOT / "schema" / "report.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "regenerate: python -m pipeline.core.schema > schema/report.schema.json"


def _report(**over):
    text = "قتل 5 مدنيين في حلب"
    rep = {"schema_version": "1.0",
           "report": {"id": "r", "source": "x", "sha256": "0", "title": None, "published": None, "chars": len(text)},
           "events": [], "dates": [], "places": [], "actors": [],
           "tolls": {"killed": 0, "injured": 0, "detained": 0, "disappeared": 0, "displaced": 0},
           "warnings": [], "text": text}
    rep.update(over)
    return rep


def test_a_minimal_report_validates():
    Report.model_validate(_report())


@pytest.mark.parametrize("bad", [
    {"actors": [{"id": "regime", "name_ar": "x", "text": "حلب", "span": [15, 18], "role": "other"}]},  # unknown id
    {"actors": [{"id": "isis", "name_ar": "x", "text": "حلب", "span": [0, 3], "role": "other"}]},     # span misquotes
    {"dates": [{"text": "حلب", "value": "2014-9-23", "precision": "day", "start": "2014-09-23",
                "end": "2014-09-23", "calendar": "gregorian", "relative": False, "span": [15, 18]}]},  # bad value
    {"schema_version": "2.0"},
])
def test_bad_reports_are_refused(bad):
    with pytest.raises(ValidationError):
        Report.model_validate(_report(**bad))


# (what is broken in an extracted report, where) -> the cheap span check refuses it
BROKEN_SPANS = [
    ("dates", 0, [0, 3], "غلط"),         # quote differs from the text
    ("actors", 0, [5, 2], None),          # end before start
    ("places", 0, [0, 10 ** 6], None),    # past the end of the text
]


@pytest.mark.parametrize("kind,i,span,text", BROKEN_SPANS)
def test_span_check_refuses_a_span_that_does_not_quote_the_text(kind, i, span, text):
    from pipeline.stages.extract import build_report, check_spans

    report = build_report("قتل مدني في حلب على يد قوات النظام يوم 1 آذار 2020", report_id="r", source="-",
                          sha256="-", validate=False)
    check_spans(report)  # the report as extracted passes
    item = report[kind][i]
    item["span"] = span
    if text is not None:
        item["text"] = text
    with pytest.raises(ValueError, match="spans that do not quote the text"):
        check_spans(report)
