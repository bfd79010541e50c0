"""Every casualty, facility and event records in the report JSON the rule that decided each field and the
words that triggered it (SPEC ``why``)."""
from __future__ import annotations

import pytest

from pipeline.stages.extract import build_report


def report(text: str) -> dict:
    return build_report(text, report_id="t", source="t.txt", sha256="0" * 64)


def quoted(rep: dict, why: dict) -> bool:
    s, e = why["span"]
    return rep["text"][s:e] == why["text"]


@pytest.mark.parametrize("text,rule", [
    ("قصفت طائرات حربية روسية مدرسة في بلدة كفرنبل بريف إدلب الجنوبي.", "single_perpetrator_of_sentence"),
    ("استهدفت قوات النظام بالمدفعية مشفى بلدة كفرزيتا في ريف حماة الشمالي.", "single_perpetrator_of_sentence"),
    ("دمرت غارة للتحالف الدولي فرناً في مدينة الرقة.", "single_perpetrator_of_sentence"),
])
def test_a_facility_s_perpetrator_names_its_rule(text, rule):
    rep = report(text)
    fac = [f for ev in rep["events"] for f in ev["facilities"]]
    assert fac and fac[0]["perpetrator"] is not None
    why = fac[0]["why"]["perpetrator"]
    assert why["rule"] == rule and quoted(rep, why)


def test_a_facility_with_no_perpetrator_has_no_why():
    rep = report("تضررت مدرسة في بلدة كفرنبل جراء القصف.")
    fac = [f for ev in rep["events"] for f in ev["facilities"]]
    assert all("perpetrator" not in f["why"] for f in fac)


@pytest.mark.parametrize("text,field,rule", [
    ("قتل 3 مدنيين بقصف مدفعي على بلدة سرمين في 5 أيار 2019.", "date", "date_in_clause"),
    ("في 5 أيار 2019 قصفت قوات النظام ريف إدلب. وقتل 3 مدنيين في بلدة سرمين.", "date", "date_earlier_in_paragraph"),
    ("قتل 3 مدنيين بقصف مدفعي على بلدة سرمين.", "scope", "single_incident"),
])
def test_an_event_s_why_names_the_rule_of_each_field(text, field, rule):
    rep = report(text)
    ev = [e for e in rep["events"] if e["casualties"]][-1]
    assert ev["why"][field]["rule"] == rule and quoted(rep, ev["why"][field])
