"""Actors: aliases, roles, shadows, spans, the seed report."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from pipeline.actors import PhraseMatcher, _data, find_actors, harm_terms
from pipeline.lexicon import load_json
from pipeline.normalize import norm_key, normalize

ROOT = Path(__file__).resolve().parent.parent
SEED = Path("/work/shared/seeds/000_773e5da3dd873bb2.txt")
SEED_LOCAL = ROOT / "tests" / "fixtures" / "seed.txt"


def actors_of(text: str):
    nt = normalize(text)
    return nt, find_actors(nt)


def quoted(nt, m) -> str:
    s, e = nt.span(m.ns, m.ne)
    return nt.original[s:e]


# --- one row per alias ---------------------------------------------------

ALIASES = [
    # syrian_regime
    ("النظام السوري", "syrian_regime"),
    ("قوات النظام السوري", "syrian_regime"),
    ("قوات النظام", "syrian_regime"),
    ("قوات الأسد", "syrian_regime"),
    ("الجيش السوري", "syrian_regime"),
    ("جيش النظام", "syrian_regime"),
    ("الطيران الحربي التابع للنظام", "syrian_regime"),
    ("الطيران المروحي", "syrian_regime"),
    ("طيران النظام", "syrian_regime"),
    ("الطيران الحربي السوري", "syrian_regime"),
    ("الأجهزة الأمنية التابعة للنظام", "syrian_regime"),
    ("الفرقة الرابعة", "syrian_regime"),
    ("قوات الدفاع الوطني", "syrian_regime"),
    ("الميليشيات الموالية للنظام", "syrian_regime"),
    # russia
    ("الطيران الروسي", "russia"),
    ("طائرات يعتقد أنها روسية", "russia"),
    ("القوات الروسية", "russia"),
    ("قوات روسية", "russia"),
    ("الغارات الروسية", "russia"),
    ("غارة روسية", "russia"),
    ("روسيا", "russia"),
    ("الطائرات الحربية الروسية", "russia"),
    # isis
    ("تنظيم الدولة الإسلامية", "isis"),
    ("تنظيم داعش", "isis"),
    ("داعش", "isis"),
    ("تنظيم الدولة", "isis"),
    # hts
    ("جبهة النصرة", "hts"),
    ("هيئة تحرير الشام", "hts"),
    ("تحرير الشام", "hts"),
    # sdf
    ("قوات سوريا الديمقراطية", "sdf"),
    ("قسد", "sdf"),
    ("الإدارة الذاتية", "sdf"),
    ("حزب الاتحاد الديمقراطي", "sdf"),
    ("وحدات حماية الشعب", "sdf"),
    ("PYD", "sdf"),
    ("YPG", "sdf"),
    ("SDF", "sdf"),
    # coalition
    ("قوات التحالف الدولي", "coalition"),
    ("التحالف الدولي", "coalition"),
    ("طيران التحالف", "coalition"),
    ("قوات التحالف", "coalition"),
    # opposition
    ("فصائل المعارضة المسلحة", "opposition"),
    ("فصائل المعارضة", "opposition"),
    ("المعارضة المسلحة", "opposition"),
    ("الجيش الوطني السوري", "opposition"),
    ("الجيش الوطني", "opposition"),
    ("الجيش السوري الحر", "opposition"),
    ("الجيش الحر", "opposition"),
    ("فصائل مسلحة", "opposition"),
    # iran_militias
    ("الميليشيات الشيعية", "iran_militias"),
    ("الميليشيات الإيرانية", "iran_militias"),
    ("ميليشيات متطرفة شيعية", "iran_militias"),
    ("ميليشيات شيعية", "iran_militias"),
    ("حزب الله اللبناني", "iran_militias"),
    ("حزب الله", "iran_militias"),
    ("الحرس الثوري الإيراني", "iran_militias"),
    # turkey
    ("القوات التركية", "turkey"),
    ("الجيش التركي", "turkey"),
    ("الطائرات التركية", "turkey"),
    ("قوات حرس الحدود التركية", "turkey"),
    ("الجندرما", "turkey"),
    ("تركيا", "turkey"),
    # israel
    ("القوات الإسرائيلية", "israel"),
    ("الطيران الإسرائيلي", "israel"),
    ("الجيش الإسرائيلي", "israel"),
    ("إسرائيل", "israel"),
    # unknown
    ("جهات أخرى", "unknown"),
    ("جهات مجهولة", "unknown"),
    ("جهات لم نتمكن من تحديدها", "unknown"),
    ("مسلحين مجهولين", "unknown"),
    ("مجهولين", "unknown"),
    ("جهات لم يتمكن", "unknown"),  # جهات لم يتمكن الفريق من تحديدها
    # opposition, generic names of the factions
    ("الفصائل المقاتلة", "opposition"),
    ("الكتائب المقاتلة", "opposition"),
    # a state named through its ministry or its side
    ("وزارة الدفاع التركية", "turkey"),
    ("الجانب الروسي", "russia"),
]


@pytest.mark.parametrize("alias,expected", ALIASES)
def test_alias_in_attack_sentence(alias, expected):
    text = f"قصف {alias} أحياء المدينة يوم الأحد"
    nt, found = actors_of(text)
    assert [(a.id, quoted(nt, a)) for a in found] == [(expected, alias)]


@pytest.mark.parametrize("alias,expected", ALIASES)
def test_alias_with_proclitic(alias, expected):
    """The conjunction glued on the alias stays outside the span."""
    text = f"قصفت الطائرات المدينة وقصف و{alias} القرية"
    nt, found = actors_of(text)
    assert [(a.id, quoted(nt, a)) for a in found] == [(expected, alias)]


# Adjectival and glued forms.
FORMS = [
    ("قتل مدنيان في غارة للتحالف على الرقة", "coalition", "غارة للتحالف"),
    ("قتل مدنيان في قصف للتحالف على الرقة", "coalition", "للتحالف"),
    ("قتل مدنيان بقصف لقوات النظام على دوما", "syrian_regime", "قوات النظام"),
    ("قتل 4 مدنيين بغارات روسية على أريحا", "russia", "غارات روسية"),
    ("نفذت قوات تركية عملية في عفرين", "turkey", "قوات تركية"),
    ("قتل مدني في قصف للنظام على معرة النعمان", "syrian_regime", "للنظام"),
    ("اعتقلت عناصر الـYPG شابين", "sdf", "YPG"),
    ("قصفت طائرات إسرائيلية مواقع قرب دمشق", "israel", "طائرات إسرائيلية"),
    ("قتل 3 مدنيين في غارة جوية روسية", "russia", "غارة جوية روسية"),
    ("قصف الطيران الروسي وطيران النظام المدينة", "russia", "الطيران الروسي"),
    ("قضى شاب في هجوم لتنظيم داعش", "isis", "تنظيم داعش"),
    ("الميليشيات الموالية لإيران قصفت القرية", "iran_militias", "الميليشيات الموالية لإيران"),
    ("قصف ميليشيات حزب الله بلدة مضايا", "iran_militias", "حزب الله"),
    # a second nisba joined to an adjectival mention names a second actor
    ("قصفت القوات السورية-الروسية المشتركة بلدة كفرزيتا", "russia", "الروسية"),
    ("قصفت القوات السورية-الروسية المشتركة بلدة كفرزيتا", "syrian_regime", "القوات السورية"),
    ("شن الطيران الروسي والسوري غارات على سراقب", "syrian_regime", "السوري"),
    ("صعد الحلف السوري الروسي هجماته على ريف حماة", "russia", "الروسي"),
    # a country coordinated with an actor, or the subject of a political verb, is an actor
    ("خرج المقاتلون بموجب اتفاق رعته روسيا وتركيا", "turkey", "تركيا"),
    ("اتهمت تركيا الوحدات الكردية بالوقوف وراء التفجير", "turkey", "تركيا"),
    # signatories of an agreement are actors
    ("وتخضع المنطقة لاتفاق الهدنة الموقع بين روسيا وتركيا قبل عامين", "turkey", "تركيا"),
    ("وتخضع المنطقة لاتفاق الهدنة الموقع بين روسيا وتركيا قبل عامين", "russia", "روسيا"),
    # the bare word المعارضة with a word of ownership or control near it
    ("قالت الوزارة إن الطائرات دمرت مستودعاً تابعاً للمعارضة", "opposition", "للمعارضة"),
    ("تقع البلدة في مناطق سيطرة المعارضة جنوب المدينة", "opposition", "المعارضة"),
    ("قصف مقاتلو المعارضة حاجزاً للنظام", "opposition", "مقاتلو المعارضة"),
]


@pytest.mark.parametrize("text,expected,span_text", FORMS)
def test_glued_and_adjectival_forms(text, expected, span_text):
    nt, found = actors_of(text)
    assert (expected, span_text) in [(a.id, quoted(nt, a)) for a in found]


# --- shadows and negatives ------------------------------------------------

SHADOWED = [
    ("قاتل الجيش السوري الحر في حلب", "opposition"),
    ("قصفت قوات الجيش الوطني السوري مواقع قسد", "opposition"),
]


@pytest.mark.parametrize("text,expected", SHADOWED)
def test_longest_alias_wins(text, expected):
    _, found = actors_of(text)
    assert found[0].id == expected


NEGATIVE = [
    "ارتكبت انتهاكات جسيمة ضد الشعب السوري",
    "استغل انشغال صناع القرار والإعلام الدولي بالحرب",
    "لأنها تفتقر إلى التنسيق مع الجهود المحلية الحقيقية على الأرض",
    "استهدفت مدينة البوكمال على الحدود العراقية شرق البلاد",
    "بحسب فريق توثيق الضحايا في الشبكة السورية لحقوق الإنسان",
    "قال المرصد السوري لحقوق الإنسان إن القصف أسفر عن مقتل 3 مدنيين",
    "أعلن مركز توثيق الانتهاكات مقتل 12 مدنياً",
    "وثقت هيومن رايتس ووتش استخدام الذخائر العنقودية",
    "دعت الأمم المتحدة إلى وقف القصف",
    "انتشلت فرق الدفاع المدني السوري جثث الضحايا بعد القصف",
    "أنقذ متطوعو الخوذ البيضاء طفلين من تحت الأنقاض",
    "سافر إلى روسيا لمتابعة دراسته",
    "عاد اللاجئون من تركيا عبر معبر باب الهوى",
    "لأن التنظيم لا يعلن عن قتلاه",
    "أقر المجلس النظام الداخلي الجديد",
    "وافق الائتلاف الوطني السوري على المبادرة",
    "طالب مجلس الأمن بإدخال المساعدات",
    "وصل وفد من الهلال الأحمر العربي السوري",
    "أعلن التحالف الوطني عن برنامجه",
    "انعقد المؤتمر في إسرائيل الأسبوع الماضي",
    "نقلنا أكثر من 30 جريحاً إلى المشافي في تركيا",  # a place, even with a harm word near
    "نزح آلاف المدنيين نحو الحدود مع تركيا هرباً من القصف",
    "اقتادت العناصر الشبان إلى جهة مجهولة",  # an unknown destination, not an actor
    "أثار القرار المعارضة داخل المجلس البلدي",  # المعارضة as a common noun
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_negative(text):
    _, found = actors_of(text)
    assert found == []


# --- roles ------------------------------------------------------------------

ROLES = [
    ("قتلت قوات النظام 5 مدنيين في دوما", [("syrian_regime", "perpetrator")]),
    ("قصفت الطائرات الروسية بلدة كفرنبل", [("russia", "perpetrator")]),
    ("شنت طائرات التحالف الدولي غارات على الرقة", [("coalition", "perpetrator")]),
    ("ألقى الطيران المروحي براميل متفجرة على داريا", [("syrian_regime", "perpetrator")]),
    ("قتل 3 مدنيين على يد قوات النظام", [("syrian_regime", "perpetrator")]),
    ("اعتقال شاب من قبل الأجهزة الأمنية التابعة للنظام", [("syrian_regime", "perpetrator")]),
    ("قتل طفل برصاص قوات النظام في درعا", [("syrian_regime", "perpetrator")]),
    ("قتل مدني جراء غارة روسية على إدلب", [("russia", "perpetrator")]),
    ("قتل مدنيان في غارة للتحالف على الرقة", [("coalition", "perpetrator")]),
    ("استهدفت هيئة تحرير الشام بلدة الفوعة بالقذائف", [("hts", "perpetrator")]),
    ("اعتقلت قوات سوريا الديمقراطية 12 شخصاً", [("sdf", "perpetrator")]),
    ("قوات النظام قصفت مدينة دوما", [("syrian_regime", "perpetrator")]),
    ("قصف التحالف مواقع تنظيم داعش في الرقة", [("coalition", "perpetrator"), ("isis", "victim")]),
    ("استهدف الطيران الروسي مقرات هيئة تحرير الشام", [("russia", "perpetrator"), ("hts", "victim")]),
    ("مقتل 5 عناصر من قوات النظام في كمين", [("syrian_regime", "victim")]),
    ("هجوم لفصائل المعارضة على مواقع قوات النظام", [("opposition", "perpetrator"), ("syrian_regime", "victim")]),
    ("شنت الطائرات غارات ضد تنظيم داعش", [("isis", "victim")]),
    ("قصفت قوات النظام والقوات الروسية مدينة سراقب",
     [("syrian_regime", "perpetrator"), ("russia", "perpetrator")]),
    ("ميليشيات شيعية موالية للنظام السوري ارتكبت مجزرة في القرية",
     [("iran_militias", "perpetrator"), ("syrian_regime", "other")]),
    ("إن استهداف قوات التحالف لتنظيم داعش وحده لا يكفي",
     [("coalition", "perpetrator"), ("isis", "victim")]),
    ("مقتل قائد في هيئة تحرير الشام بانفجار عبوة", [("hts", "victim")]),
    ("عقد النظام السوري مؤتمراً في دمشق", [("syrian_regime", "other")]),
    ("قُتل 9 مدنيين على يد القوات الروسية، و4 على يد قوات النظام",
     [("russia", "perpetrator"), ("syrian_regime", "perpetrator")]),
    ("وسقط 5 قتلى من عناصر تنظيم الدولة في غارة لطيران التحالف الدولي",
     [("isis", "victim"), ("coalition", "perpetrator")]),
    ("اغتال مسلحون مجهولون قيادياً في الجيش الوطني", [("unknown", "perpetrator"), ("opposition", "victim")]),
    ("انتشرت حواجز لقوات النظام في المدينة", [("syrian_regime", "other")]),
    ("فر المدنيون من مناطق سيطرة تنظيم داعش بعد القصف", [("isis", "other")]),
]


@pytest.mark.parametrize("text,expected", ROLES)
def test_roles(text, expected):
    _, found = actors_of(text)
    assert [(a.id, a.role) for a in found] == expected


# --- spans on decorated input ---------------------------------------------

DECORATED = [
    ("قَتَلَتْ قـــوات النّظام ١٢ مدنياً", "syrian_regime", "قـــوات النّظام"),
    ("قصفت الطائراتُ الرّوسيّةُ مدينة إدلب", "russia", "الطائراتُ الرّوسيّةُ"),
    ("وشنّ  طيرانُ   التحالف  غارات", "coalition", "طيرانُ   التحالف"),
    ("قُتل مدني على يد تنظيمِ «داعش»", "isis", "داعش"),
    ("قتل ٣ مدنيين بِقصف لِقُوّات سوريا الدّيمقراطيّة", "sdf", "قُوّات سوريا الدّيمقراطيّة"),
    ("هاجمت مجموعة من الـ PYD القرية", "sdf", "PYD"),
]


@pytest.mark.parametrize("text,expected,span_text", DECORATED)
def test_spans_quote_original(text, expected, span_text):
    nt, found = actors_of(text)
    assert [(a.id, quoted(nt, a)) for a in found] == [(expected, span_text)]
    for a in found:
        d = a.to_json(nt)
        assert text[d["span"][0]:d["span"][1]] == d["text"]


# --- the seed report ---------------------------------------------------------

def _seed_text() -> str:
    for p in (SEED, SEED_LOCAL):
        if p.exists():
            return p.read_text(encoding="utf-8")
    pytest.skip("seed report not available")


def test_seed_actor_set():
    nt, found = actors_of(_seed_text())
    assert {a.id for a in found} == {"coalition", "isis", "hts", "syrian_regime", "iran_militias"}
    for a in found:
        d = a.to_json(nt)
        assert nt.original[d["span"][0]:d["span"][1]] == d["text"]


def test_seed_militias_and_regime_both_found():
    nt, found = actors_of(_seed_text())
    texts = {(a.id, quoted(nt, a)) for a in found}
    assert ("iran_militias", "ميليشيات متطرفة شيعية") in texts
    assert ("syrian_regime", "للنظام السوري") in texts
    assert ("hts", "جبهة النصرة") in texts


# --- lexicon lint -------------------------------------------------------------

def _all_alias_terms():
    data = load_json("actors.json")
    for aid, spec in data["actors"].items():
        for part in ("aliases", "context_aliases", "agentive_aliases", "label_aliases"):
            for e in spec.get(part, []):
                if isinstance(e, dict):
                    assert set(e) <= {"t", "reg", "ctx"} and e.get("reg"), e  # every alias names its register
                    e = e["t"]
                yield aid, e
    for t in data["shadow"]:
        yield None, t


def test_actor_lexicon_is_clean():
    data = load_json("actors.json")
    ids = {"syrian_regime", "russia", "isis", "hts", "sdf", "coalition", "opposition", "iran_militias",
           "turkey", "israel", "unknown"}
    assert set(data["actors"]) == ids
    seen: dict[str, str | None] = {}
    for aid, t in _all_alias_terms():
        assert t.strip() == t and t, repr(t)
        assert unicodedata.normalize("NFKC", t) == t, t
        key = norm_key(t)
        assert key not in seen or seen[key] == aid, f"{t!r} is both {seen[key]} and {aid}"
        seen[key] = aid
    assert _data().matcher.conflicts == []


def test_harm_lexicon_is_clean():
    data = load_json("harm_verbs.json")
    assert {k for k in data if not k.startswith("_")} == {
        "killed", "injured", "detained", "disappeared", "displaced", "attack"}
    for outcome, parts in data.items():
        if outcome.startswith("_"):
            continue
        assert set(parts) <= {"verbs", "nouns", "undergoer_nouns"}
        for terms in parts.values():
            assert len(terms) == len(set(terms)), outcome
            for t in terms:
                assert t and t.strip() == t and unicodedata.normalize("NFKC", t) == t
    h = harm_terms()
    assert h.is_verb("وقصفت") and h.is_noun("بقصف") and h.is_harm("ومقتل")


def test_phrase_matcher_longest_first_and_boundaries():
    pm = PhraseMatcher([("قوات النظام", "a"), ("قوات النظام السوري", "b"), ("المرصد السوري", None)])
    nt = normalize("قصفت قوات النظام السوري وقوات النظام، وقال المرصد السوري. قواتهم")
    got = [(m.value, nt.quote(m.ns, m.ne), m.clitic) for m in pm.find(nt.norm)]
    assert got == [("b", "قوات النظام السوري", ""), ("a", "قوات النظام", "و")]
