"""The matching rules of `rasd evaluate` (SPEC section 4), each rule a row."""
import pytest

from pipeline.evaluation.scoring import compare, facts_from_gold, facts_from_report, gold_norm, score


@pytest.mark.parametrize("name,norm", [
    ("إدلب", "ادلب"), ("حماة", "حماه"), ("دير الزور", "دير الزور"), ("الرَّقَّة", "الرقه"),
    ("ريف  حلب", "ريف حلب"), ("مشفى", "مشفي"), ("آذار", "اذار"), ("حمـص", "حمص"),
])
def test_gold_normalization_of_names(name, norm):
    assert gold_norm(name) == norm


def test_casualties_are_a_multiset():
    tp, missed, extra = compare([("killed", "children", 2)] * 2, [("killed", "children", 2)])
    assert (tp, len(missed), len(extra)) == (1, 1, 0)


def test_range_contributes_its_end_cut_to_precision():
    g = {"id": "x", "dates": [{"value": "2019-05-03", "precision": "day", "start": "2019-05-03", "end": "2019-05-07"},
                              {"value": "2018-12", "precision": "month", "start": "2018-12-01", "end": "2018-12-31"},
                              {"value": "2016-07", "precision": "month", "start": "2016-07-01", "end": "2016-09-30"}]}
    assert facts_from_gold(g)["dates"] == sorted([("2019-05-03", "day"), ("2019-05-07", "day"),
                                                  ("2018-12", "month"), ("2016-07", "month"), ("2016-09", "month")])


def test_report_facts_and_micro_scores():
    report = {"events": [{"casualties": [
        {"outcome": "killed", "group": "civilians", "count": 1447, "perpetrator": "syrian_regime"},
        {"outcome": "killed", "group": "children", "count": 138, "perpetrator": None}],
        "facilities": [{"type": "school", "count": 2}, {"type": "market", "count": None}]}],
        "places": [{"name_ar": "حماة", "admin1": {"name_ar": "حماة"}}, {"name_ar": "ريف دمشق", "admin1": None}],
        "dates": [{"value": "2014-09-23", "precision": "day", "start": "2014-09-23", "end": "2014-09-23"}],
        "actors": [{"id": "isis"}, {"id": "isis"}]}
    gold = {"id": "x", "casualties": [
        {"outcome": "killed", "group": "civilians", "count": 1447, "perpetrator": "syrian_regime"},
        {"outcome": "killed", "group": "children", "count": 138, "perpetrator": "syrian_regime"}],
        "facilities": [{"type": "school", "count": 2}], "places": ["حماه"], "governorates": ["حماة"],
        "dates": [{"value": "2014-09-23", "precision": "day"}], "actors": ["isis", "hts"]}
    tallies, diffs = score([("x", facts_from_gold(gold), facts_from_report(report))])
    assert tallies["casualties"].f1 == 1.0
    assert (tallies["casualties+perpetrator"].tp, tallies["casualties+perpetrator"].fp) == (1, 1)
    assert tallies["facilities"].f1 == 1.0            # a count-less facility is not scored
    assert (tallies["places"].tp, tallies["places"].fp) == (1, 1)
    assert tallies["governorates"].f1 == 1.0
    assert tallies["dates"].f1 == 1.0
    assert (tallies["actors"].tp, tallies["actors"].fn, tallies["actors"].fp) == (1, 1, 0)
    assert diffs[0].missed["actors"] == ["hts"]
