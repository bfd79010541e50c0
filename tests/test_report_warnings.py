"""Report warnings a user needs to understand a report's gaps (SPEC ``warnings``)."""
from __future__ import annotations

import pytest

from pipeline.stages.extract import build_report


def report(text: str, published: str | None = None) -> dict:
    return build_report(text, report_id="t", source="t.txt", sha256="0" * 64, published=published)


def relative_warnings(rep: dict) -> list[str]:
    return [w for w in rep["warnings"] if w.startswith("relative day with no publication date")]


@pytest.mark.parametrize("text,word", [
    ("قتل 3 مدنيين بقصف مدفعي على بلدة كفرنبل صباح اليوم.", "اليوم"),
    ("اعتقلت قوات النظام أمس 5 شبان من مدينة داريا في ريف دمشق.", "أمس"),
    ("أصيب طفلان بانفجار لغم أرضي في ريف درعا الغربي مساء أول أمس، وفق ناشطين.", "أمس"),
    ("قضى مدني برصاص قناص في حي الميدان بمدينة حلب، البارحة، بحسب مصادر محلية.", "البارحة"),
])
def test_a_relative_day_with_nothing_to_resolve_it_is_a_warning(text, word):
    ws = relative_warnings(report(text))
    assert len(ws) == 1 and word in ws[0]


@pytest.mark.parametrize("text,published", [
    # a publication date resolves it
    ("قتل 3 مدنيين بقصف مدفعي على بلدة كفرنبل صباح اليوم.", "2019-05-04"),
    # a dateline in the text resolves it
    ("إدلب، 4 أيار 2019 — قتل 3 مدنيين بقصف مدفعي على بلدة كفرنبل صباح اليوم.", None),
    # no relative day at all
    ("قتل 3 مدنيين بقصف مدفعي على بلدة كفرنبل في 4 أيار 2019.", None),
])
def test_no_warning_when_the_day_is_resolved_or_absent(text, published):
    assert relative_warnings(report(text, published)) == []
