"""Dates: one row per phenomenon against a fixed publication date, negatives, spans."""
from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path

import pytest

from pipeline.stages.dates import find_dates
from pipeline.core.lexicon import lexicon_path
from pipeline.core.normalize import norm_key, normalize

SEED = Path("/work/shared/seeds/000_773e5da3dd873bb2.txt")
PUB = dt.date(2020, 4, 2)  # a Thursday

# phrase, value, precision, start, end, relative, calendar, quoted text
POSITIVE = [
    # "the current" between the month and its year
    ("منذ ليل السبت الـ 7 من آذار / مارس الجاري من العام 2020، قتل", "2020-03-07", "day", "2020-03-07",
     "2020-03-07", False, "gregorian", "7 من آذار / مارس الجاري من العام 2020"),
    ("خلال نيسان الحالي من عام 2016", "2016-04", "month", "2016-04-01", "2016-04-30", False, "gregorian",
     "نيسان الحالي من عام 2016"),
    # day month year
    ("قتل في 23 أيلول 2014", "2014-09-23", "day", "2014-09-23", "2014-09-23", False, "gregorian", "23 أيلول 2014"),
    ("بتاريخ 23/ أيلول/2014، شنت", "2014-09-23", "day", "2014-09-23", "2014-09-23", False, "gregorian", "23/ أيلول/2014"),
    ("في 9 تشرين الأول/ أكتوبر 2016", "2016-10-09", "day", "2016-10-09", "2016-10-09", False, "gregorian",
     "9 تشرين الأول/ أكتوبر 2016"),
    ("في 9 أكتوبر/ تشرين الأول 2016", "2016-10-09", "day", "2016-10-09", "2016-10-09", False, "gregorian",
     "9 أكتوبر/ تشرين الأول 2016"),
    ("في 3 كانون الأول (ديسمبر) 2019", "2019-12-03", "day", "2019-12-03", "2019-12-03", False, "gregorian",
     "3 كانون الأول (ديسمبر) 2019"),
    ("يوم 12 آذار/مارس 2018", "2018-03-12", "day", "2018-03-12", "2018-03-12", False, "gregorian", "12 آذار/مارس 2018"),
    ("في 5 حزيران/يونيو 2017", "2017-06-05", "day", "2017-06-05", "2017-06-05", False, "gregorian", "5 حزيران/يونيو 2017"),
    ("في ١٧ نيسان ٢٠١٩", "2019-04-17", "day", "2019-04-17", "2019-04-17", False, "gregorian", "١٧ نيسان ٢٠١٩"),
    ("في 5 يونيو 2018", "2018-06-05", "day", "2018-06-05", "2018-06-05", False, "gregorian", "5 يونيو 2018"),
    ("في 5 يونية 2018", "2018-06-05", "day", "2018-06-05", "2018-06-05", False, "gregorian", "5 يونية 2018"),
    ("في 14 فبراير 2018", "2018-02-14", "day", "2018-02-14", "2018-02-14", False, "gregorian", "14 فبراير 2018"),
    ("في 2 إبريل 2018", "2018-04-02", "day", "2018-04-02", "2018-04-02", False, "gregorian", "2 إبريل 2018"),
    ("في 2 أفريل 2018", "2018-04-02", "day", "2018-04-02", "2018-04-02", False, "gregorian", "2 أفريل 2018"),
    ("في 20 جويلية 2015", "2015-07-20", "day", "2015-07-20", "2015-07-20", False, "gregorian", "20 جويلية 2015"),
    ("في 15 آب 2015", "2015-08-15", "day", "2015-08-15", "2015-08-15", False, "gregorian", "15 آب 2015"),
    ("في 15 أغسطس 2015", "2015-08-15", "day", "2015-08-15", "2015-08-15", False, "gregorian", "15 أغسطس 2015"),
    ("في الـ23 من شهر أيلول 2014", "2014-09-23", "day", "2014-09-23", "2014-09-23", False, "gregorian",
     "23 من شهر أيلول 2014"),
    ("في 5 آذار من عام 2019", "2019-03-05", "day", "2019-03-05", "2019-03-05", False, "gregorian", "5 آذار من عام 2019"),
    ("في 1 كانون الثاني 2014م", "2014-01-01", "day", "2014-01-01", "2014-01-01", False, "gregorian",
     "1 كانون الثاني 2014م"),
    # numeric
    ("بتاريخ 2017/11/28", "2017-11-28", "day", "2017-11-28", "2017-11-28", False, "gregorian", "2017/11/28"),
    ("بتاريخ 05-08-2021", "2021-08-05", "day", "2021-08-05", "2021-08-05", False, "gregorian", "05-08-2021"),
    ("بتاريخ 4-11- 2018", "2018-11-04", "day", "2018-11-04", "2018-11-04", False, "gregorian", "4-11- 2018"),
    ("بتاريخ 4/11/2018", "2018-11-04", "day", "2018-11-04", "2018-11-04", False, "gregorian", "4/11/2018"),
    ("خلال 11/2018", "2018-11", "month", "2018-11-01", "2018-11-30", False, "gregorian", "11/2018"),
    # month precision
    ("خلال شهر كانون الأول 2018", "2018-12", "month", "2018-12-01", "2018-12-31", False, "gregorian", "كانون الأول 2018"),
    ("في كانون الأول 2018", "2018-12", "month", "2018-12-01", "2018-12-31", False, "gregorian", "كانون الأول 2018"),
    ("خلال شهر تموز 2016", "2016-07", "month", "2016-07-01", "2016-07-31", False, "gregorian", "تموز 2016"),
    ("في ماي 2016", "2016-05", "month", "2016-05-01", "2016-05-31", False, "gregorian", "ماي 2016"),
    ("في أيلول / سبتمبر 2015", "2015-09", "month", "2015-09-01", "2015-09-30", False, "gregorian",
     "أيلول / سبتمبر 2015"),
    ("في شهر آب", "2019-08", "month", "2019-08-01", "2019-08-31", True, "gregorian", "آب"),
    ("خلال شهر آذار", "2020-03", "month", "2020-03-01", "2020-03-31", True, "gregorian", "آذار"),
    # year precision
    ("منذ عام 2013", "2013", "year", "2013-01-01", "2013-12-31", False, "gregorian", "عام 2013"),
    ("في العام 2013", "2013", "year", "2013-01-01", "2013-12-31", False, "gregorian", "العام 2013"),
    ("في سنة 2013", "2013", "year", "2013-01-01", "2013-12-31", False, "gregorian", "سنة 2013"),
    ("منذ 2011", "2011", "year", "2011-01-01", "2011-12-31", False, "gregorian", "2011"),
    ("خلال 2019 قتل", "2019", "year", "2019-01-01", "2019-12-31", False, "gregorian", "2019"),
    # ranges
    ("بين 3 و7 أيار 2019", "2019-05-03", "day", "2019-05-03", "2019-05-07", False, "gregorian", "3 و7 أيار 2019"),
    ("من 1 حتى 31 تموز 2016", "2016-07-01", "day", "2016-07-01", "2016-07-31", False, "gregorian", "1 حتى 31 تموز 2016"),
    ("من 1 إلى 5 آذار 2020", "2020-03-01", "day", "2020-03-01", "2020-03-05", False, "gregorian", "1 إلى 5 آذار 2020"),
    ("بين 28 شباط و3 آذار 2020", "2020-02-28", "day", "2020-02-28", "2020-03-03", False, "gregorian",
     "28 شباط و3 آذار 2020"),
    ("بين 28 كانون الأول و3 كانون الثاني 2020", "2019-12-28", "day", "2019-12-28", "2020-01-03", False, "gregorian",
     "28 كانون الأول و3 كانون الثاني 2020"),
    ("بين شهري آذار ونيسان 2019", "2019-03", "month", "2019-03-01", "2019-04-30", False, "gregorian",
     "آذار ونيسان 2019"),
    ("من آذار 2019 حتى 5 أيار 2020", "2019-03", "month", "2019-03-01", "2020-05-05", False, "gregorian",
     "آذار 2019 حتى 5 أيار 2020"),
    ("بين عامي 2012 و2014", "2012", "year", "2012-01-01", "2014-12-31", False, "gregorian", "عامي 2012 و2014"),
    # hijri
    ("في 10 محرم 1436 هـ", "2014-11-03", "day", "2014-11-03", "2014-11-03", False, "hijri", "10 محرم 1436 هـ"),
    ("في رمضان 1435 هجري", "2014-06", "month", "2014-06-28", "2014-07-27", False, "hijri", "رمضان 1435 هجري"),
    # relative to publication
    ("قصفت أمس", "2020-04-01", "day", "2020-04-01", "2020-04-01", True, "gregorian", "أمس"),
    ("قصفت يوم أمس", "2020-04-01", "day", "2020-04-01", "2020-04-01", True, "gregorian", "يوم أمس"),
    ("قصفت صباح اليوم", "2020-04-02", "day", "2020-04-02", "2020-04-02", True, "gregorian", "صباح اليوم"),
    ("خلال الأسبوع الماضي", "2020-03-23", "day", "2020-03-23", "2020-03-29", True, "gregorian", "الأسبوع الماضي"),
    ("خلال الشهر الماضي", "2020-03", "month", "2020-03-01", "2020-03-31", True, "gregorian", "الشهر الماضي"),
    ("خلال الشهر الفائت", "2020-03", "month", "2020-03-01", "2020-03-31", True, "gregorian", "الشهر الفائت"),
    ("خلال الشهر المنصرم", "2020-03", "month", "2020-03-01", "2020-03-31", True, "gregorian", "الشهر المنصرم"),
    ("خلال شهر آذار المنصرم", "2020-03", "month", "2020-03-01", "2020-03-31", True, "gregorian", "آذار المنصرم"),
    ("في نيسان الماضي", "2019-04", "month", "2019-04-01", "2019-04-30", True, "gregorian", "نيسان الماضي"),
    ("في كانون الأول (ديسمبر) الماضي", "2019-12", "month", "2019-12-01", "2019-12-31", True, "gregorian",
     "كانون الأول (ديسمبر) الماضي"),
    ("خلال العام الماضي", "2019", "year", "2019-01-01", "2019-12-31", True, "gregorian", "العام الماضي"),
    ("في 5 آذار من العام الماضي", "2019-03-05", "day", "2019-03-05", "2019-03-05", True, "gregorian",
     "5 آذار من العام الماضي"),
    ("يوم الأحد الماضي", "2020-03-29", "day", "2020-03-29", "2020-03-29", True, "gregorian", "يوم الأحد الماضي"),
    ("فجر الخميس الماضي", "2020-03-26", "day", "2020-03-26", "2020-03-26", True, "gregorian",
     "فجر الخميس الماضي"),
    ("في 23 آذار", "2020-03-23", "day", "2020-03-23", "2020-03-23", True, "gregorian", "23 آذار"),
    ("في الأول من آذار 2020", "2020-03-01", "day", "2020-03-01", "2020-03-01", False, "gregorian",
     "الأول من آذار 2020"),
    ("في الخامس والعشرين من شهر أيار 2019", "2019-05-25", "day", "2019-05-25", "2019-05-25", False, "gregorian",
     "الخامس والعشرين من شهر أيار 2019"),
    ("مساء أمس الأول", "2020-03-31", "day", "2020-03-31", "2020-03-31", True, "gregorian", "مساء أمس الأول"),
    ("في 23 أيار", "2019-05-23", "day", "2019-05-23", "2019-05-23", True, "gregorian", "23 أيار"),
]


@pytest.mark.parametrize("phrase,value,prec,start,end,rel,cal,quote", POSITIVE, ids=[r[0] for r in POSITIVE])
def test_positive(phrase, value, prec, start, end, rel, cal, quote):
    nt = normalize(phrase)
    ds = find_dates(nt, PUB)
    assert len(ds) == 1, [(d.value, nt.quote(d.ns, d.ne)) for d in ds]
    d = ds[0]
    assert (d.value, d.precision, d.start, d.end, d.relative, d.calendar) == (value, prec, start, end, rel, cal)
    assert nt.quote(d.ns, d.ne) == quote


NEGATIVE = [
    "نفذت فرق الدفاع المدني 2016 عملية إنقاذ",
    "قصفت مقر اللواء 93 في عين عيسى",
    "بدأ القصف الساعة 10 صباحاً",
    "قتل ما لا يقل عن 1447 مدنياً",
    "شنت في ذلك اليوم غارات",
    "اليوم نطالب المجتمع الدولي",
    "قصف يوم الأحد",
    "مارس النظام ضغوطاً على الأهالي",
    "زار أب الضحية المكان",
    "قتل 31 شباط 2020",
    "القصف اليومي المركز",
    "قتل 5 مدنيين من أصل 2019 شخصاً",
    "ارتكبت 23 مجزرة",
    "اعتقل في صفر من الأشهر",
]


@pytest.mark.parametrize("phrase", NEGATIVE)
def test_negative(phrase):
    nt = normalize(phrase)
    assert [(d.value, nt.quote(d.ns, d.ne)) for d in find_dates(nt, PUB)] == []


# With no publication date, relative expressions yield nothing.
RELATIVE_ONLY = ["قصفت أمس", "خلال الشهر الماضي", "العام الماضي", "يوم الأحد الماضي", "خلال شهر آذار",
                 "في نيسان الماضي", "الأسبوع الماضي"]


@pytest.mark.parametrize("phrase", RELATIVE_ONLY)
def test_relative_needs_published(phrase):
    assert find_dates(normalize(phrase), None) == []


def test_year_inherited_from_earlier_mention():
    nt = normalize("بدأت الحملة في 23/ أيلول/2014، ومنذ 23/ أيلول قتل النظام")
    ds = find_dates(nt, PUB)
    assert [(d.value, d.precision, d.relative) for d in ds] == [("2014-09-23", "day", False)] * 2


# A publication date stated in the text (a dateline, a 'published on' line) anchors relative months and
# years, but never weekdays; a day 'of the month' takes the month the text is speaking of.
IN_TEXT_ANCHOR = [
    ("حماة - 9 أيار 2017\nقصفت قوات النظام البلدة منذ بداية الشهر الجاري", ["2017-05-09", "2017-05"]),
    ("نشر بتاريخ 3 شباط 2018\nقتل 20 مدنياً خلال الشهر الماضي", ["2018-02-03", "2018-01"]),
    ("نشر بتاريخ 3 شباط 2018\nقتل مدني يوم الأحد الماضي", ["2018-02-03"]),
    ("قتل 14 مدنياً في 6 تموز 2016. وكانت قوات النظام قد قصفت الحي خلال الشهر الماضي", ["2016-07-06"]),
    ("وثقنا خلال شهر تموز 2016 مقتل 40 مدنياً، وسقطت المدينة في العاشر من الشهر", ["2016-07", "2016-07-10"]),
    ("في شهر آب 2014 قتل 30 مدنياً، بينهم 12 قتلوا في 21 من الشهر ذاته", ["2014-08", "2014-08-21"]),
    # a named month + الماضي resolves against the publication line, not the latest date of the text
    ("حلب - شبكة محلية\nتاريخ النشر: الأحد 7 شباط 2021\nقتل 3 مدنيين في 2 شباط 2021، "
     "ووثقنا خلال كانون الأول الماضي مقتل 40 مدنياً", ["2021-02-07", "2021-02-02", "2020-12"]),
    # ... and without a publication date it is no date at all
    ("قتل مدنيان في قصف على البلدة يوم 4 آذار 2022 بعد أن اشتد القصف في تشرين الثاني الماضي", ["2022-03-04"]),
    # a day-month with no year takes the year of the nearest earlier FULL date, not of a background month-year
    ("١٤ أيار/مايو ٢٠١٩\nتصاعد القصف منذ توقيع الاتفاق في أيلول/سبتمبر ٢٠١٨، وقتل ٢٠ مدنياً منذ ٢٨ نيسان/أبريل",
     ["2019-05-14", "2018-09", "2019-04-28"]),
    # relative DAYS (أمس، أول أمس، صباح اليوم) resolve against the stated publication date too
    ("حمص - وكالة محلية\nالأربعاء، 8 تموز 2020\n\nسقطت قذيفتان أمس على حي سكني", ["2020-07-08", "2020-07-07"]),
    ("تاريخ النشر: 2021/03/15\nأصيب شاب برصاص قناص صباح اليوم، وقتل آخر أول أمس", ["2021-03-15", "2021-03-15", "2021-03-13"]),
    ("درعا - الثلاثاء 2 شباط 2021 - قتل رجل برصاص مجهولين مساء أمس الاثنين", ["2021-02-02", "2021-02-01"]),
    ("الأحد، ١٢ كانون الثاني ٢٠٢٠ - ١١:٣٠\nانفجرت عبوة ناسفة أمس في سوق البلدة", ["2020-01-12", "2020-01-11"]),
    ("حلب (رويترز) - 4 آذار 2020 - قالت مصادر محلية إن الغارات تجددت اليوم الأربعاء", ["2020-03-04", "2020-03-04"]),
    # a weekday that contradicts the reference date: not resolved
    ("الجمعة 26 آب 2022\nقصفت الطائرات أمس الثلاثاء مواقع عسكرية", ["2022-08-26"]),
    # an event date in the first sentence is not a dateline
    ("قتل ثلاثة مدنيين يوم الجمعة 26 آب 2022 في قصف، وأصيب رابع أمس", ["2022-08-26"]),
    # a weekday alone stays unresolved
    ("السبت، 11 أيار 2019\nقصفت الطائرات البلدة يوم الخميس", ["2019-05-11"]),
]

# A Hijri date and the Gregorian date it equals are ONE date, valued by the Gregorian half.
CALENDAR_PAIRS = [
    ("قصفت الطائرات السوق يوم الجمعة 5 رمضان 1444 هـ الموافق 27 آذار 2023", "2023-03-27",
     "5 رمضان 1444 هـ الموافق 27 آذار 2023"),
    ("قتل في 26 آذار 2023 الموافق لـ 5 رمضان 1444 هـ", "2023-03-26", "26 آذار 2023 الموافق لـ 5 رمضان 1444 هـ"),
    ("في 12 ذي الحجة 1440 هـ (13 آب 2019) قتل مدنيان", "2019-08-13", "12 ذي الحجة 1440 هـ (13 آب 2019)"),
    ("ليلة 27 رمضان 1438 هـ، الموافق 22 حزيران 2017", "2017-06-22", "27 رمضان 1438 هـ، الموافق 22 حزيران 2017"),
]


@pytest.mark.parametrize("text,value,quote", CALENDAR_PAIRS)
def test_hijri_gregorian_pair_is_one_date(text, value, quote):
    nt = normalize(text)
    ds = find_dates(nt, None)
    assert [(d.value, d.precision, d.calendar) for d in ds] == [(value, "day", "gregorian")]
    assert nt.quote(ds[0].ns, ds[0].ne) == quote


def test_hijri_and_a_distant_gregorian_stay_two():
    ds = find_dates(normalize("في 10 محرم 1436 هـ قتل مدني، وفي 5 أيار 2015 قتل آخر"), None)
    assert [(d.value, d.calendar) for d in ds] == [("2014-11-03", "hijri"), ("2015-05-05", "gregorian")]


@pytest.mark.parametrize("text,values", IN_TEXT_ANCHOR)
def test_in_text_anchor_and_day_of_the_month(text, values):
    assert [d.value for d in find_dates(normalize(text), None)] == values


def test_two_days_sharing_a_month():
    ds = find_dates(normalize("في 23 و24 أيلول 2014"), None)
    assert [d.value for d in ds] == ["2014-09-23", "2014-09-24"]


def test_years_joined_by_and():
    ds = find_dates(normalize("خلال عامي 2013 و2014"), None)
    assert [(d.value, d.precision) for d in ds] == [("2013", "year"), ("2014", "year")]


DECORATED = "بِتَارِيخِ ٢٣/ أَيْلُـــول/٢٠١٤، وفي ٩ تِشْرِين الأَوَّل/ أُكْتُوبَر ٢٠١٦ وخلال شَهْرِ آذارَ المُنْصَرِم"


def test_spans_quote_original_on_decorated_input():
    nt = normalize(DECORATED)
    ds = find_dates(nt, PUB)
    assert [(d.value, d.precision) for d in ds] == [("2014-09-23", "day"), ("2016-10-09", "day"), ("2020-03", "month")]
    for d in ds:
        s, e = nt.span(d.ns, d.ne)
        q = nt.original[s:e]
        assert q and q == q.strip()
        assert norm_key(q) == nt.norm[d.ns:d.ne]
        assert d.to_json(nt)["text"] == q
    assert nt.quote(ds[0].ns, ds[0].ne) == "٢٣/ أَيْلُـــول/٢٠١٤"
    assert nt.quote(ds[1].ns, ds[1].ne) == "٩ تِشْرِين الأَوَّل/ أُكْتُوبَر ٢٠١٦"


def test_seed_report():
    nt = normalize(SEED.read_text(encoding="utf-8"))
    for pub in (None, dt.date(2014, 12, 1)):
        ds = find_dates(nt, pub)
        assert len(ds) == 2
        assert {(d.value, d.precision) for d in ds} == {("2014-09-23", "day")}
        assert [nt.quote(d.ns, d.ne) for d in ds] == ["23/ أيلول/2014", "23/ أيلول"]


def test_no_overlaps_and_sorted():
    text = "بين 3 و7 أيار 2019 ثم في 9 تشرين الأول/ أكتوبر 2016 وفي عام 2013 ثم 2017/11/28"
    ds = find_dates(normalize(text), PUB)
    assert len(ds) == 4
    for a, b in zip(ds, ds[1:]):
        assert a.ne <= b.ns


def test_month_lexicon_lint():
    months = json.loads(lexicon_path("months.json").read_text(encoding="utf-8"))
    for cal in ("gregorian", "hijri"):
        assert sorted(months[cal], key=int) == [str(i) for i in range(1, 13)]
        keys = [norm_key(n) for names in months[cal].values() for n in names]
        assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})
        for names in months[cal].values():
            for n in names:
                assert n and n == n.strip() and unicodedata.normalize("NFKC", n) == n


def test_relative_lexicon_lint():
    rel = json.loads(lexicon_path("relative_dates.json").read_text(encoding="utf-8"))
    assert sorted(rel["weekdays"], key=int) == [str(i) for i in range(7)]
    def strings(obj):
        if isinstance(obj, str):
            yield obj
        elif isinstance(obj, dict):
            for k, v in obj.items():
                if not k.startswith("_"):
                    yield from strings(v)
        else:
            for v in obj:
                yield from strings(v)

    for w in strings(rel):
        assert w and w == w.strip() and unicodedata.normalize("NFKC", w) == w, w


# --- issue 13: wordings seen on real reports (rows written here); no publication date given -----------

# text, [(value, precision, quoted text)]
REAL_WORDINGS = [
    # a year glued to the next word
    ("الحصيلة الشهرية لشهر أيار 2019حلب: قتل 5 مدنيين", [("2019-05", "month", "أيار 2019")]),
    ("حصيلة عام 2018إدلب: 120 اعتقالاً", [("2018", "year", "عام 2018")]),
    ("قتل مدنيان في 3 آذار 2020درعا", [("2020-03-03", "day", "3 آذار 2020")]),
    # a year after a year word and its 'current'/'past' word
    ("وثقنا خلال العام الحالي 2018 مقتل 40 مدنياً", [("2018", "year", "العام الحالي 2018")]),
    ("قتل خلال العام الجاري 2019 أكثر من 300 مدني", [("2019", "year", "العام الجاري 2019")]),
    ("تراجعت الحصيلة عن العام الماضي 2017", [("2017", "year", "العام الماضي 2017")]),
    ("قتل 300 مدني منذ مطلع 2017 في إدلب", [("2017", "year", "2017")]),
    # the year word glued with ل between the month and the year
    ("قتل 3 مدنيين في 12 أيار لعام 2017", [("2017-05-12", "day", "12 أيار لعام 2017")]),
    ("وثقت الشبكة الاعتقالات خلال شهر أيلول لعام 2022", [("2022-09", "month", "أيلول لعام 2022")]),
    ("في 5 تموز لسنة 2015 قصفت الطائرات السوق", [("2015-07-05", "day", "5 تموز لسنة 2015")]),
    # a bare month takes the year of the text around it
    ("قتل في عام 2018 عدد من المدنيين. وفي شهر شباط وحده قتل 30",
     [("2018", "year", "عام 2018"), ("2018-02", "month", "شباط")]),
    ("خلال عام 2016 تصاعد القصف، وفي شهر تشرين الأول قتل 50 مدنياً",
     [("2016", "year", "عام 2016"), ("2016-10", "month", "تشرين الأول")]),
    ("بدأ القصف في 2 أيار 2019، ثم في السابع من أيار عادت الطائرات",
     [("2019-05-02", "day", "2 أيار 2019"), ("2019-05-07", "day", "السابع من أيار")]),
    # ordinal day words, and a range ending with one
    ("قتل طفل في الخامس من حزيران 2019", [("2019-06-05", "day", "الخامس من حزيران 2019")]),
    ("في الحادي عشر من تشرين الثاني 2016 قصفت الطائرات", [("2016-11-11", "day", "الحادي عشر من تشرين الثاني 2016")]),
    ("قصفت الطائرات المدينة ما بين 26 نيسان و السابع من أيار 2019",
     [("2019-04-26", "day", "26 نيسان و السابع من أيار 2019")]),
    # a month with no year coordinated with a dated month shares its year
    ("وثقنا في أواخر أكتوبر/تشرين الأول وأوائل نوفمبر/تشرين الثاني 2017 مقتل 5 مدنيين",
     [("2017-10", "month", "أكتوبر/تشرين الأول"), ("2017-11", "month", "نوفمبر/تشرين الثاني 2017")]),
    ("خلال أيلول وتشرين الأول 2015 قصفت الطائرات", [("2015-09", "month", "أيلول"), ("2015-10", "month", "تشرين الأول 2015")]),
    ("بين منتصف كانون الأول ومطلع شباط 2020 نزح الآلاف",
     [("2019-12", "month", "كانون الأول"), ("2020-02", "month", "شباط 2020")]),
    # a day of the year named by words
    ("قتل 12 مدنياً أول أيام العام 2020", [("2020-01-01", "day", "أول أيام العام 2020")]),
    ("سقطت القذائف في اليوم الأول من عام 2019", [("2019-01-01", "day", "اليوم الأول من عام 2019")]),
    ("قصفت الطائرات البلدة في آخر أيام العام 2018", [("2018-12-31", "day", "آخر أيام العام 2018")]),
]


@pytest.mark.parametrize("text,expected", REAL_WORDINGS)
def test_real_wordings(text, expected):
    nt = normalize(text)
    assert [(d.value, d.precision, nt.quote(d.ns, d.ne)) for d in find_dates(nt, None)] == expected


# a page dateline (numeric, with a weekday, or glued to the body's place label) anchors relative days
REAL_ANCHORS = [
    ("2019.05.28\nقصفت الطائرات أمس بلدة كفرنبل", ["2019-05-28", "2019-05-27"]),
    ("الأربعاء 2018/08/15\nقتل أمس 3 مدنيين", ["2018-08-15", "2018-08-14"]),
    ("الثلاثاء 28 أيار 2019حلب: قتل صباح اليوم 5 مدنيين", ["2019-05-28", "2019-05-28"]),
    ("ريف دمشق 22 تموز 2016\nوفي الأمس تعرض سوق المدينة لقصف", ["2016-07-22", "2016-07-21"]),
    ("08 ديسمبر 2019\nوفي 30 أبريل من هذا العام بدأت الحملة", ["2019-12-08", "2019-04-30"]),
    # blank lines before the dateline do not count against its place among the first lines
    ("قصف على ريف إدلب\n\nقصف على ريف إدلب\n\nمقتل مدنيين في سرمين\nالخميس 2 كانون الثاني 2020\nقتل أمس 3 مدنيين",
     ["2020-01-02", "2020-01-01"]),
    # a newspaper's issue number after the date still ends a dateline
    ("الخميس - 02 يناير 2020 مـ رقم العدد [ 15010]\nقصفت الطائرات أمس بلدة سرمين", ["2020-01-02", "2020-01-01"]),
    ("الاثنين 14 آذار 2022 العدد 5120\nانفجرت عبوة ناسفة أمس في سوق المدينة", ["2022-03-14", "2022-03-13"]),
    ("السبت، 5 أيلول 2020 - العدد (3341)\nقتل شاب صباح اليوم برصاص مجهولين", ["2020-09-05", "2020-09-05"]),
    # a date inside a sentence is no dateline
    ("قال المصدر في 28 أيار 2019 إن القصف مستمر: قتل صباح اليوم 5 مدنيين", ["2019-05-28"]),
]


@pytest.mark.parametrize("text,values", REAL_ANCHORS)
def test_real_anchors(text, values):
    assert [d.value for d in find_dates(normalize(text), None)] == values


REAL_NEGATIVE = [
    # a dated line deep in the body is no dateline, even with an issue-like number after it
    ("مقتل مدنيين في سرمين\nقصفت الطائرات البلدة\nوقال الأهالي إن القصف تكرر\nوأضافوا أن الدفاع المدني تدخل\n"
     "وفي 2 كانون الثاني 2020 العدد 4 من القتلى\nقتل أمس مدني", ["2020-01-02"]),
    # a weekday that contradicts the year the day would inherit: no date
    ("قتل خلال عام 2021 أكثر من ألف مدني. وقالت الشبكة في تقريرها الصادر اليوم السبت 1 كانون الثاني",
     ["2021"]),
    # 'this year' after a dated day-month is part of it, with no anchor nothing resolves it
    ("وفي 30 أبريل من هذا العام بدأت الحملة", []),
    # months far apart do not share a year
    ("قصفت الطائرات في أيلول عدة قرى، ثم قالت المنظمة إنها وثقت في تشرين الأول 2015 مقتل 20", ["2015-10"]),
    # 'the first of' with no year word and year is no date
    ("كان أول أيام الحملة داميا", []),
]


@pytest.mark.parametrize("text,values", REAL_NEGATIVE)
def test_real_negative(text, values):
    assert [d.value for d in find_dates(normalize(text), None)] == values


# (text) -> the Hijri dates found, whether the cheap checks before the Hijri scan let it run or not
HIJRI_GATE = [
    ("قتل مدنيان في 3 ذي القعدة 1441 هـ بقصف على القرية", ["2020-06-24"]),
    ("وفي جمادى الأولى 1437 هـ نزح الآلاف", ["2016-02"]),
    ("سقط صاروخ في ١٥ شعبان ١٤٣٩ هـ على السوق", ["2018-05-01"]),
    ("وثّقنا مقتل 1436 مدنياً خلال العام", []),  # a Hijri-looking year, no month
    ("قصف حي الشعبان بعد منتصف الليل", []),  # a month word, no year
    ("قتل 3 مدنيين في 5 آذار 2020 في إدلب", []),
]


@pytest.mark.parametrize("text,values", HIJRI_GATE)
def test_hijri_dates_behind_the_cheap_checks(text, values):
    from pipeline.stages import dates

    norm = normalize(text).norm
    found = [d.value for d in find_dates(normalize(text), None) if d.calendar == "hijri"]
    assert found == values
    full = [m for m in dates._res()[1].finditer(norm)]
    assert dates._may_have_hijri(norm) or not full  # the checks never hide a match of the pattern


# A date in Latin letters (a photo caption, an embedded post) with its day and year; none without both.
LATIN = [
    ("— ناشط (@activist) October 11, 2021", "2021-10-11", "October 11, 2021"),
    ("صورة أرشيفية: AFP, 23 December 2014", "2014-12-23", "23 December 2014"),
    ("Idlib, Syria - Sept. 5, 2019 صورة من موقع القصف", "2019-09-05", "Sept. 5, 2019"),
]
LATIN_NEGATIVE = ["pic.twitter.com/6ihj posted in October", "Mayday 2021 campaign", "March 32, 2020"]


@pytest.mark.parametrize("phrase,value,quote", LATIN)
def test_latin_dates(phrase, value, quote):
    nt = normalize(phrase)
    ds = find_dates(nt, None)
    assert [(d.value, d.precision, nt.quote(d.ns, d.ne)) for d in ds] == [(value, "day", quote)]


@pytest.mark.parametrize("phrase", LATIN_NEGATIVE)
def test_latin_negative(phrase):
    assert find_dates(normalize(phrase), None) == []


# With no publication date and no earlier year, a day and month take the report's only year (every date
# that states a year states the same one); two different years, or a publication date, decide otherwise.
ONLY_YEAR = [
    ("قالت الشبكة في بيانها يوم 2 آب إن القصف مستمر منذ تموز 2024.", "2024-08-02"),
    ("انفجرت سيارة مفخخة في المدينة يوم الإثنين 11 تشرين الأول.\nوكان التقرير السنوي لعام 2021 قد وثق الهجمات.",
     "2021-10-11"),
    ("وفي 5 أيار قصفت الطائرات البلدة، بحسب حصيلة عام 2019.", "2019-05-05"),
]
ONLY_YEAR_NEGATIVE = [
    "قالت الشبكة في بيانها يوم 2 آب إن القصف مستمر منذ تموز 2024، بعد حملة عام 2023.",
    "وفي 5 أيار قصفت الطائرات البلدة.",
]


@pytest.mark.parametrize("phrase,value", ONLY_YEAR)
def test_only_year_of_the_report(phrase, value):
    assert value in [d.value for d in find_dates(normalize(phrase), None)]


@pytest.mark.parametrize("phrase", ONLY_YEAR_NEGATIVE)
def test_no_only_year(phrase):
    assert not [d for d in find_dates(normalize(phrase), None) if d.precision == "day"]
