"""Weapons: one row per type and form, longest match, negatives, spans."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from pipeline.core.lexicon import load_json
from pipeline.core.normalize import norm_key, normalize
from pipeline.stages.weapons import WEAPON_TYPES, _matcher, find_weapons

SEED = Path("/work/shared/seeds/000_773e5da3dd873bb2.txt")
SEED_LOCAL = Path(__file__).resolve().parent / "fixtures" / "seed.txt"


def weapons_of(text: str):
    nt = normalize(text)
    return [(w.type, nt.quote(w.ns, w.ne)) for w in find_weapons(nt)]


ROWS = [
    # airstrike
    ("شن الطيران الحربي غارة جوية على البلدة", [("airstrike", "الطيران الحربي"), ("airstrike", "غارة جوية")]),
    ("قتل 3 مدنيين في غارات على أريحا", [("airstrike", "غارات")]),
    ("قتل مدني بغارة على سراقب", [("airstrike", "غارة")]),
    ("استهدفت غارتان جويتان السوق", [("airstrike", "غارتان")]),
    ("أسفرت الضربات الجوية عن دمار كبير", [("airstrike", "الضربات الجوية")]),
    # barrel_bomb
    ("ألقى الطيران المروحي 4 براميل متفجرة على داريا",
     [("airstrike", "الطيران المروحي"), ("barrel_bomb", "براميل متفجرة")]),
    ("سقط برميل متفجر على الحي", [("barrel_bomb", "برميل متفجر")]),
    ("ألقت المروحيات برميلاً متفجراً", [("airstrike", "المروحيات"), ("barrel_bomb", "برميلاً متفجراً")]),
    ("قصف بالبراميل على الأحياء الشرقية", [("barrel_bomb", "البراميل")]),
    ("سقط برميلان متفجران قرب المدرسة", [("barrel_bomb", "برميلان متفجران")]),
    # cluster_munition
    ("استخدمت ذخائر عنقودية في الهجوم", [("cluster_munition", "ذخائر عنقودية")]),
    ("انفجرت قنابل عنقودية صغيرة في الحقل", [("cluster_munition", "قنابل عنقودية صغيرة")]),
    ("قصف بصواريخ عنقودية على البلدة", [("cluster_munition", "صواريخ عنقودية")]),
    # chemical
    ("استخدم النظام غازات سامة في الغوطة", [("chemical", "غازات سامة")]),
    ("هجوم بغاز الكلور على سراقب", [("chemical", "غاز الكلور")]),
    ("هجوم بغاز السارين على خان شيخون", [("chemical", "غاز السارين")]),
    ("استخدام الأسلحة الكيميائية محظور", [("chemical", "الأسلحة الكيميائية")]),
    ("أصيب 5 أشخاص بغاز سام", [("chemical", "غاز سام")]),
    # incendiary
    ("استخدام أسلحة حارقة في حلب", [("incendiary", "أسلحة حارقة")]),
    ("ألقت الطائرات قنابل حارقة", [("incendiary", "قنابل حارقة")]),
    ("قصف بالنابالم على البلدة", [("incendiary", "النابالم")]),
    ("استخدم الفوسفور الأبيض في القصف", [("incendiary", "الفوسفور الأبيض")]),
    # missile
    ("سقط صاروخ على الحي", [("missile", "صاروخ")]),
    ("أطلقت قوات النظام صواريخ على البلدة", [("missile", "صواريخ")]),
    ("قصف بصاروخ بالستي على المدينة", [("missile", "صاروخ بالستي")]),
    ("قصف بصواريخ أرض-أرض على الحي", [("missile", "صواريخ أرض-أرض")]),
    ("قصف بصواريخ الفيل على جوبر", [("missile", "صواريخ الفيل")]),
    ("قتل مدنيان بقصف بصواريخ غراد", [("missile", "صواريخ غراد")]),
    ("سقط صاروخان على السوق", [("missile", "صاروخان")]),
    ("أطلقت صاروخاً على المدينة", [("missile", "صاروخاً")]),
    ("قصف بصواريخ محلية الصنع", [("missile", "صواريخ محلية الصنع")]),
    ("قصفت قوات النظام الحي بالفيل", [("missile", "الفيل")]),
    # artillery
    ("قتل طفل في قصف مدفعي على البلدة", [("artillery", "قصف مدفعي")]),
    ("سقطت قذائف مدفعية على الحي", [("artillery", "قذائف مدفعية")]),
    ("قصفت المدفعية الثقيلة البلدة", [("artillery", "المدفعية الثقيلة")]),
    # mortar
    ("سقطت قذائف هاون على دمشق", [("mortar", "قذائف هاون")]),
    ("قتل مدني بقذيفة هاون", [("mortar", "قذيفة هاون")]),
    ("قصف بالهاون على الحي", [("mortar", "الهاون")]),
    # landmine
    ("قتل طفل بانفجار لغم أرضي", [("landmine", "لغم أرضي")]),
    ("زرعت ألغام في الأراضي الزراعية", [("landmine", "ألغام")]),
    ("قتل راع بانفجار مخلفات الحرب", [("landmine", "مخلفات الحرب")]),
    # ied
    ("قتل شخصان بانفجار عبوة ناسفة", [("ied", "عبوة ناسفة")]),
    ("انفجرت عبوات ناسفة في السوق", [("ied", "عبوات ناسفة")]),
    # car_bomb
    ("انفجار سيارة مفخخة في أعزاز", [("car_bomb", "سيارة مفخخة")]),
    ("انفجرت دراجة نارية مفخخة في الباب", [("car_bomb", "دراجة نارية مفخخة")]),
    ("قتل 5 مدنيين إثر تفجير سيارة في السوق", [("car_bomb", "تفجير سيارة")]),
    # gunfire
    ("قتل شاب برصاص قناص", [("gunfire", "رصاص قناص")]),
    ("قتل مدني برصاص عناصر الحاجز", [("gunfire", "رصاص")]),
    ("أصيب طفل بإطلاق نار من الحاجز", [("gunfire", "إطلاق نار")]),
    ("قتل برصاص القناص", [("gunfire", "رصاص القناص")]),
    ("استهدف قناص المدنيين", [("gunfire", "قناص")]),
    ("أطلقت رشاشات ثقيلة النار", [("gunfire", "رشاشات")]),
    # drone
    ("استهدفت طائرة مسيرة سيارة مدنية", [("drone", "طائرة مسيرة")]),
    ("قصفت طائرة مسيّرة تركية القرية", [("drone", "طائرة مسيّرة")]),
    ("حلقت طائرات بدون طيار فوق المدينة", [("drone", "طائرات بدون طيار")]),
    ("قتل مدنيان بقصف درون", [("drone", "درون")]),
    ("قتل شاب بقصف مسيرة على سيارته", [("drone", "مسيرة")]),
    # other
    ("سقطت قذائف على الحي", [("other", "قذائف")]),
    ("سقطت قذيفة على المدرسة", [("other", "قذيفة")]),
]


@pytest.mark.parametrize("text,expected", ROWS)
def test_weapon_rows(text, expected):
    assert weapons_of(text) == expected


def test_every_type_has_a_row():
    assert {t for _, exp in ROWS for t, _ in exp} == set(WEAPON_TYPES)


NEGATIVE = [
    "أطلق سراح المعتقلين أمس",
    "كانت رصاصة الرحمة على الاتفاق",
    "ارتفع سعر برميل نفط إلى 80 دولاراً",
    "خرجت مسيرة سلمية في المدينة",
    "زار الوفد حي الفيل في المدينة",
    "إن الوضع قنبلة موقوتة",
    "وقعت الحادثة في شارع القنيطرة",
    "صدرت صحيفة الغد",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_negative(text):
    assert weapons_of(text) == []


DECORATED = [
    ("ألقى الطّيران المروحيّ ٤ براميلَ متفجّرةً", [("airstrike", "الطّيران المروحيّ"), ("barrel_bomb", "براميلَ متفجّرةً")]),
    ("قُتِل شابٌّ بِرصاصِ قنّاصٍ", [("gunfire", "رصاصِ قنّاصٍ")]),
    ("هجوم بـغازِ الكلــور", [("chemical", "غازِ الكلــور")]),
]


@pytest.mark.parametrize("text,expected", DECORATED)
def test_spans_quote_original(text, expected):
    nt = normalize(text)
    found = find_weapons(nt)
    got = []
    for w in found:
        d = w.to_json(nt)
        assert text[d["span"][0]:d["span"][1]] == d["text"]
        got.append((d["type"], d["text"]))
    assert got == expected


def _seed_text() -> str:
    for p in (SEED, SEED_LOCAL):
        if p.exists():
            return p.read_text(encoding="utf-8")
    pytest.skip("seed report not available")


def test_seed_weapons():
    types = [t for t, _ in weapons_of(_seed_text())]
    assert "chemical" in types and "airstrike" in types
    assert set(types) == {"airstrike", "chemical"}


def test_weapon_lexicon_is_clean():
    data = load_json("weapons.json")
    assert set(data["types"]) == set(WEAPON_TYPES)
    seen: dict[str, str] = {}
    for wtype, terms in list(data["types"].items()) + list(data["needs_context"].items()):
        for t in terms:
            assert t and t.strip() == t and unicodedata.normalize("NFKC", t) == t, t
            key = norm_key(t)
            assert key not in seen, f"duplicate {t!r}"
            seen[key] = wtype
    assert _matcher().conflicts == []
