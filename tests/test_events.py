"""events.build_events: one typed event per incident-bearing sentence (or clause)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.stages import actors, casualties, dates, events, facilities, numbers, weapons
from pipeline.core.lexicon import load_json
from pipeline.core.mentions import Doc
from pipeline.core.normalize import norm_key, normalize
from pipeline.core.text import sentences

try:  # the places stage may land after this one; events only read its mentions
    from pipeline.stages import places as _places
except ImportError:  # pragma: no cover
    _places = None

FIXTURES = Path(__file__).parent / "fixtures"


def analyse(text: str, published: dt.date | None = None) -> Doc:
    nt = normalize(text)
    doc = Doc(nt=nt, published=published, sentences=sentences(nt.norm))
    doc.numbers = numbers.find_numbers(nt)
    doc.dates = dates.find_dates(nt, published)
    doc.places = _places.find_places(nt) if _places else []
    doc.actors = actors.find_actors(nt)
    doc.weapons = weapons.find_weapons(nt)
    doc.facilities = facilities.find_facilities(nt, doc.numbers)
    doc.casualties = casualties.find_casualties(nt, doc.numbers, doc.actors, doc.dates)
    return doc


def build(text: str, published: dt.date | None = None):
    doc = analyse(text, published)
    evs, warnings = events.build_events(doc)
    return doc, evs, warnings


# text, type, scope, trigger (normalized), number of casualties, date value
ROWS = [
    ("شنت الطائرات الحربية الروسية غارات على مدينة أريحا في 5 آذار 2018، ما أسفر عن مقتل 7 مدنيين",
     "airstrike", "incident", 1, "2018-03-05"),
    ("ألقى الطيران المروحي 4 براميل متفجرة على مدينة داريا في 12 تموز 2015",
     "airstrike", "incident", 0, "2015-07-12"),
    ("قصفت الطائرات الروسية مدينة إدلب في 3 أيار 2019", "airstrike", "incident", 0, "2019-05-03"),
    ("قصفت قوات النظام بقذائف الهاون حي جوبر في 3 شباط 2016", "shelling", "incident", 0, "2016-02-03"),
    ("انفجرت سيارة مفخخة في مدينة أعزاز في 7 كانون الثاني 2017، ما أدى إلى مقتل 12 مدنياً",
     "explosion", "incident", 1, "2017-01-07"),
    ("قتل 4 مدنيين إثر انفجار لغم أرضي في ريف دير الزور الشرقي", "explosion", "incident", 1, None),
    ("قصفت قوات النظام بلدة اللطامنة بقذائف محملة بغازات سامة في 30 آذار 2017",
     "chemical_attack", "incident", 0, "2017-03-30"),
    ("ارتكبت قوات النظام مجزرة في بلدة التريمسة راح ضحيتها 40 مدنياً", "massacre", "incident", 1, None),
    ("قضى 17 شخصاً بسبب التعذيب في مراكز الاحتجاز التابعة لقوات النظام",
     "torture_death", "incident", 1, None),
    ("اعتقلت قوات النظام 30 شخصاً من مدينة التل في 2 أيار 2019", "detention", "incident", 1, "2019-05-02"),
    ("تعرض 15 شخصاً للاختفاء القسري على يد قوات النظام", "enforced_disappearance", "incident", 1, None),
    ("استهدفت قوات النظام مشفى الرحمة في مدينة دركوش في 4 نيسان 2017",
     "attack_on_facility", "incident", 0, "2017-04-04"),
    ("اندلعت اشتباكات بين قوات النظام وفصائل المعارضة المسلحة في ريف حماة", "clashes", "incident", 0, None),
    ("قتل 3 مدنيين برصاص قوات النظام في حي القابون", "killing", "incident", 1, None),
    ("أعدم تنظيم داعش 5 أشخاص في مدينة الميادين", "killing", "incident", 1, None),
    ("قتل النظام السوري في عموم المحافظات السورية ما لايقل عن 1447 مدنياً خلال شهر أيلول 2014",
     "killing", "aggregate", 1, "2014-09"),
    ("وثقنا مقتل 250 مدنياً منذ بداية العام على يد قوات النظام", "killing", "aggregate", 1, None),
    ("نزوح نحو 5000 مدني من ريف حماة الشمالي جراء الهجمات", "other", "incident", 1, None),
    # damage to a facility with no attack verb is an attack on it
    ("وطالت الشظايا مدرستين في البلدة", "attack_on_facility", "incident", 0, None),
    ("وتضرر مخبز البلدة وخرج عن الخدمة", "attack_on_facility", "incident", 0, None),
    # a tally of the facilities hit over a month
    ("ومن أبرز المنشآت المستهدفة خلال شهر آب 2019: 11 مدرسة و4 مشافٍ", "attack_on_facility", "aggregate",
     0, "2019-08"),
    # massacres (plural) over several regions are a tally, not one incident
    ("ارتكبت الميليشيات الطائفية مجازر في قرى ريف حمص وريف حماة", "massacre", "aggregate", 0, None),
    # a concessive opener does not hide a stated toll
    ("رغم الهدنة المعلنة قتلت قوات النظام 6 مدنيين في بلدة كفرنبل", "killing", "incident", 1, None),
    # a headline toll for a whole country over a month is a tally
    ("مقتل 120 مدنياً في سوريا في تموز 2018 بينهم 30 طفلاً", "killing", "aggregate", 2, "2018-07"),
]

NOT_EVENTS = [
    "تستمر الأمطار في الهطول على مدينة حلب",
    "صدر التقرير في 12 صفحة",
    "تأسست الشبكة السورية لحقوق الإنسان في حزيران 2011",
    "عقد مجلس الأمن جلسة لمناقشة الوضع الإنساني في سوريا",
    "يقطن في البلدة نحو 5000 شخص",
    # commentary on attacks, with no casualty, facility or date of its own
    "على الرغم من الغارات المكثفة على مواقع التنظيم إلا أنها لم تحقق نتائج ملموسة في مدينة الميادين",
    "يبدو أن القصف المدفعي وحده غير كاف لوقف تقدم التنظيم",
    # a ceasefire is not gunfire; a trigger word inside a documenting organization's name is not an incident
    "ودعت الأطراف إلى احترام اتفاق وقف إطلاق النار في المنطقة",
    "أصدر مركز توثيق الانتهاكات في سوريا تقريره السنوي",
]


@pytest.mark.parametrize("text,etype,scope,n_cas,date", ROWS, ids=[r[0][:40] for r in ROWS])
def test_event_rows(text, etype, scope, n_cas, date):
    doc, evs, _ = build(text)
    assert len(evs) == 1
    ev = evs[0]
    assert (ev.type, ev.scope, len(ev.casualties)) == (etype, scope, n_cas)
    assert (ev.date.value if ev.date else None) == date
    ts, te = ev.trigger
    assert s_in(ev, ts, te)
    assert doc.nt.norm[ts:te].strip()


def s_in(ev, ts, te) -> bool:
    return ev.ns <= ts < te <= ev.ne


@pytest.mark.parametrize("text", NOT_EVENTS)
def test_not_events(text):
    _, evs, _ = build(text)
    assert evs == []


def test_row_counts():
    assert len(ROWS) >= 15 and len(NOT_EVENTS) >= 5


def test_two_incidents_in_one_sentence_are_two_clauses():
    text = "قصفت الطائرات الروسية مدينة إدلب في 3 أيار 2019، فيما قصفت قوات النظام مدينة درعا في 5 أيار 2019"
    _, evs, _ = build(text)
    assert [e.date.value for e in evs] == ["2019-05-03", "2019-05-05"]
    assert [[a.id for a in e.actors] for e in evs] == [["russia"], ["syrian_regime"]]


def test_two_violations_of_different_types_are_two_clauses():
    text = ("استخدمت قوات النظام غازات سامة مرتين في حي جوبر منذ بداية الشهر، "
            "كما قتلت قوات النظام في عموم المحافظات ما لا يقل عن 900 مدني")
    _, evs, _ = build(text)
    assert [(e.type, e.scope, len(e.casualties)) for e in evs] == [
        ("chemical_attack", "aggregate", 0), ("killing", "aggregate", 1)]


def test_date_falls_back_to_paragraph_then_report():
    text = ("قصفت قوات النظام مدينة دوما في 23 أيلول 2014. وقتل في القصف 5 مدنيين\n"
            "وفي حادثة أخرى قتل طفل برصاص قناص")
    _, evs, _ = build(text)
    assert [e.date.value if e.date else None for e in evs] == ["2014-09-23", "2014-09-23", "2014-09-23"]


def test_facility_takes_event_perpetrator():
    _, evs, _ = build("قصفت قوات النظام مدرستين في مدينة معرة النعمان ما أسفر عن مقتل 3 أطفال")
    assert len(evs) == 1
    assert [(f.type, f.count, f.perpetrator) for f in evs[0].facilities] == [("school", 2, "syrian_regime")]


@pytest.mark.parametrize("text,expected", [
    # the next sentence tells where the shell fell: no trigger of its own, same incident
    ("ألقت مروحية تابعة للنظام عبوتين تحملان غازاً ساماً على بلدة اللطامنة في 4 أيار 2019، ما أدى إلى إصابة 12 مدنياً. "
     "وسقطت العبوة الأولى على سطح مبنى سكني من ثلاثة طوابق وتسرب منها الغاز إلى الأقبية.", [("residential", 1)]),
])
def test_facility_of_a_follow_up_sentence_joins_the_paragraph_event(text, expected):
    _, evs, _ = build(text)
    assert [(f.type, f.count) for ev in evs for f in ev.facilities] == expected


def test_event_carries_mentions_and_quotes_original():
    text = "قُتِلَ ٣ مدنيين جرّاء غارة جوية روسية على مدينة أريحا في ٥ آذار ٢٠١٨"
    doc, evs, _ = build(text)
    assert len(evs) == 1
    d = evs[0].to_json(doc.nt, "r#e1")
    s, e = d["sentence"]["span"]
    assert doc.nt.original[s:e] == d["sentence"]["text"]
    s, e = d["trigger"]["span"]
    assert doc.nt.original[s:e] == d["trigger"]["text"]
    assert d["type"] == "airstrike"
    assert [(c["outcome"], c["count"], c["perpetrator"]) for c in d["casualties"]] == [("killed", 3, "russia")]
    assert d["weapons"] and d["date"]["value"] == "2018-03-05"


def test_seed_events():
    text = (FIXTURES / "seed.txt").read_text(encoding="utf-8")
    doc, evs, warnings = build(text)
    cas = [c for e in evs for c in e.casualties]
    assert len(cas) == 4 and not warnings
    head = evs[0]
    assert head.scope == "aggregate" and head.casualties[0].perpetrator == "coalition"
    toll = [e for e in evs if any(c.count == 1447 for c in e.casualties)][0]
    assert toll.scope == "aggregate"
    # every event has the report's date when none is nearer
    assert all(e.date is not None and e.date.value == "2014-09-23" for e in evs)
    # the text after the dateline is a commentary paragraph without events
    assert not any("باستثناء" not in doc.nt.quote(e.ns, e.ne) and "باخلاء" in doc.nt.norm[e.ns:e.ne]
                   for e in evs)


def test_trigger_lexicon_lint():
    data = load_json("event_triggers.json")
    types = {"airstrike", "shelling", "explosion", "chemical_attack", "massacre", "killing", "torture_death",
             "detention", "enforced_disappearance", "attack_on_facility", "clashes", "other"}
    for t in data["types"]:
        assert t["type"] in types
        keys = [norm_key(x) for x in t["terms"]]
        assert all(keys) and len(keys) == len(set(keys)), t["type"]
    assert set(data["weapon_types"].values()) <= types


def test_breakdown_list_items_are_parts_of_the_tally():
    text = ("وثق التقرير مقتل 200 مدني خلال شهر أيار 2019، وتوزعت الحصيلة على النحو التالي:\n"
            "- قوات النظام: قتلت 120 مدنياً في ريف إدلب.\n"
            "- القوات الروسية: قتلت 50 مدنياً جراء غارات على ريف حماة.\n\n"
            "وفي 3 حزيران 2019 قتل مدنيان بقصف مدفعي على بلدة كفرنبل.")
    _, evs, _ = build(text)
    assert [e.scope for e in evs] == ["aggregate", "aggregate", "aggregate", "incident"]
    assert [e.date.value for e in evs] == ["2019-05", "2019-05", "2019-05", "2019-06-03"]
