"""Numbers: one row per phenomenon, a negative table, spans on decorated input."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from pipeline.core.lexicon import lexicon_path, load_tsv
from pipeline.core.normalize import norm_key, normalize
from pipeline.stages.numbers import dual_forms, find_numbers, parse_count

SEED = Path("/work/shared/seeds/000_773e5da3dd873bb2.txt")
if not SEED.exists():  # pragma: no cover
    SEED = Path(__file__).resolve().parent.parent / "corpus" / "seeds" / SEED.name

N = None
# phrase, value, min, max, qualifier, kind, quoted text of the mention
SINGLE = [
    # digits
    ("قتل 24 مدنياً", 24, 24, 24, "exact", "digits", "24"),
    # a lone واحد glued to و after a list of counts (و4 على يد X وواحد على يد Y)
    ("وواحد على يد التنظيم", 1, 1, 1, "exact", "lone", "واحد"),
    ("مقتل ١٤ مدنياً", 14, 14, 14, "exact", "digits", "١٤"),
    ("مقتل ۱۴ مدنياً", 14, 14, 14, "exact", "digits", "۱۴"),
    ("سقوط 1,420 قتيلاً", 1420, 1420, 1420, "exact", "digits", "1,420"),
    ("سقوط ١٬٤٤٧ قتيلاً", 1447, 1447, 1447, "exact", "digits", "١٬٤٤٧"),
    ("بلغ عدد القتلى المدنيين (846) مدنياً", 846, 846, 846, "exact", "digits", "846"),
    ("وثقنا مقتل 940مدنياً", 940, 940, 940, "exact", "digits", "940"),
    ("بلغت نسبتهم 2.5 من الضحايا", 2.5, 2.5, 2.5, "exact", "decimal", "2.5"),
    # number words
    ("قتل ثلاثمائة وخمسة وعشرون مدنياً", 325, 325, 325, "exact", "words", "ثلاثمائة وخمسة وعشرون"),
    ("نزوح ثلاث مئة عائلة", 300, 300, 300, "exact", "words", "ثلاث مئة"),
    ("مقتل أحد عشر شخصاً", 11, 11, 11, "exact", "words", "أحد عشر"),
    ("مقتل إحدى عشرة سيدة", 11, 11, 11, "exact", "words", "إحدى عشرة"),
    ("اعتقال اثني عشر شاباً", 12, 12, 12, "exact", "words", "اثني عشر"),
    ("مقتل ثلاثة عشر طفلاً", 13, 13, 13, "exact", "words", "ثلاثة عشر"),
    ("تشريد ألفين من السكان", 2000, 2000, 2000, "exact", "words", "ألفين"),
    ("نزح ألفان من السكان", 2000, 2000, 2000, "exact", "words", "ألفان"),
    ("اعتقال ثلاثة آلاف شخص", 3000, 3000, 3000, "exact", "words", "ثلاثة آلاف"),
    ("نزوح مليون شخص", 1000000, 1000000, 1000000, "exact", "words", "مليون"),
    ("نزوح مليونين من السوريين", 2000000, 2000000, 2000000, "exact", "words", "مليونين"),
    ("مقتل عشرين مدنياً", 20, 20, 20, "exact", "words", "عشرين"),
    ("مقتل عشرون مدنياً", 20, 20, 20, "exact", "words", "عشرون"),
    ("مقتل ثلاثين شخصاً", 30, 30, 30, "exact", "words", "ثلاثين"),
    ("اعتقال مئتين من الشبان", 200, 200, 200, "exact", "words", "مئتين"),
    ("اعتقال مائتي شخص", 200, 200, 200, "exact", "words", "مائتي"),
    ("مقتل خمسة وعشرين مدنياً", 25, 25, 25, "exact", "words", "خمسة وعشرين"),
    ("تهجير خمسة وعشرين ألفاً من السكان", 25000, 25000, 25000, "exact", "words", "خمسة وعشرين ألفاً"),
    ("تهجير ثلاثمائة ألف وخمسمائة شخص", 300500, 300500, 300500, "exact", "words", "ثلاثمائة ألف وخمسمائة"),
    ("وثقنا ثلاثة مساجد", 3, 3, 3, "exact", "words", "ثلاثة"),
    # digits and words mixed
    ("مقتل 18 ألفاً و452 شخصاً", 18452, 18452, 18452, "exact", "mixed", "18 ألفاً و452"),
    ("مقتل ألفان و317 طفلاً", 2317, 2317, 2317, "exact", "mixed", "ألفان و317"),
    ("مقتل 15 ألف مدني", 15000, 15000, 15000, "exact", "mixed", "15 ألف"),
    ("مقتل 15ألفاً من المدنيين", 15000, 15000, 15000, "exact", "mixed", "15ألفاً"),
    ("قتل ألف و200 مدني", 1200, 1200, 1200, "exact", "mixed", "ألف و200"),
    ("قتل ألف و 200 مدني", 1200, 1200, 1200, "exact", "mixed", "ألف و 200"),
    ("نزوح 1.5 مليون شخص", 1500000, 1500000, 1500000, "exact", "mixed", "1.5 مليون"),
    # singular and duals
    ("مقتل طفل واحد", 1, 1, 1, "exact", "singular", "واحد"),
    ("مقتل رجلين اثنين", 2, 2, 2, "exact", "dual", "رجلين اثنين"),
    ("مقتل سيدتين", 2, 2, 2, "exact", "dual", "سيدتين"),
    ("مقتل طفلين", 2, 2, 2, "exact", "dual", "طفلين"),
    ("قصف مسجدين", 2, 2, 2, "exact", "dual", "مسجدين"),
    ("قصف مخيّمين", 2, 2, 2, "exact", "dual", "مخيّمين"),
    ("استهداف مدرستين", 2, 2, 2, "exact", "dual", "مدرستين"),
    ("استهداف ومشفيين", 2, 2, 2, "exact", "dual", "مشفيين"),
    ("استهداف مستشفيين", 2, 2, 2, "exact", "dual", "مستشفيين"),
    ("مقتل امرأتين", 2, 2, 2, "exact", "dual", "امرأتين"),
    ("إصابة مدنيان", 2, 2, 2, "exact", "dual", "مدنيان"),
    ("وأصيب شخصان", 2, 2, 2, "exact", "dual", "شخصان"),
    # vague
    ("قتل وجرح عشرات المدنيين", N, 20, 99, "tens", "vague", "عشرات"),
    ("نزوح مئات العائلات", N, 200, 999, "hundreds", "vague", "مئات"),
    ("نزوح آلاف المدنيين", N, 2000, 9999, "thousands", "vague", "آلاف"),
    ("نزوح عشرات الآلاف", N, 20000, 99999, "thousands", "vague", "عشرات الآلاف"),
    ("نزوح مئات الآلاف من السكان", N, 200000, 999999, "thousands", "vague", "مئات الآلاف"),
    # qualifiers
    ("قتل ما لا يقل عن 40 مدنياً", 40, 40, N, "at_least", "digits", "ما لا يقل عن 40"),
    ("قتل ما لايقل عن 40 مدنياً", 40, 40, N, "at_least", "digits", "ما لايقل عن 40"),
    ("قتل لا يقل عن 40 مدنياً", 40, 40, N, "at_least", "digits", "لا يقل عن 40"),
    ("قتل 5 مدنيين على الأقل", 5, 5, N, "at_least", "digits", "5 مدنيين على الأقل"),
    ("وثقنا أكثر من 60 حالة قتل", 60, 60, N, "more_than", "digits", "أكثر من 60"),
    ("بما يزيد عن 300 شخص", 300, 300, N, "more_than", "digits", "ما يزيد عن 300"),
    ("ما يزيد على 300 شخص", 300, 300, N, "more_than", "digits", "ما يزيد على 300"),
    ("أقل من 10 أشخاص", 10, N, 10, "less_than", "digits", "أقل من 10"),
    ("قتل نحو 950 مدنياً", 950, 950, 950, "approx", "digits", "نحو 950"),
    ("قتل قرابة 70 شخصاً", 70, 70, 70, "approx", "digits", "قرابة 70"),
    ("قتل حوالي 70 شخصاً", 70, 70, 70, "approx", "digits", "حوالي 70"),
    ("قتل زهاء 70 شخصاً", 70, 70, 70, "approx", "digits", "زهاء 70"),
    ("قتل ما يقارب 70 شخصاً", 70, 70, 70, "approx", "digits", "ما يقارب 70"),
    ("قتل بنحو ثلاثين مدنياً", 30, 30, 30, "approx", "words", "نحو ثلاثين"),
    # a qualifier before a count in brackets or slashes
    ("وإصابة أكثر من /240/ جريحاً", 240, 240, N, "more_than", "digits", "أكثر من /240"),
    ("مقتل ما لا يقل عن (46) مدنياً", 46, 46, N, "at_least", "digits", "ما لا يقل عن (46"),
    ("وثقنا حوالي [12] حالة", 12, 12, 12, "approx", "digits", "حوالي [12"),
    ("مقتل (46) مدنياً", 46, 46, 46, "exact", "digits", "46"),
    # ranges
    ("قتل بين 10 و15 مدنياً", 10, 10, 15, "range", "digits", "بين 10 و15"),
    ("قتل ما بين 10 إلى 15 شخصاً", 10, 10, 15, "range", "digits", "ما بين 10 إلى 15"),
    ("قتل من 10 إلى 15 طفلاً", 10, 10, 15, "range", "digits", "من 10 إلى 15"),
    # percentages and rates
    ("وشكل الأطفال 48% من الضحايا", 48, 48, 48, "exact", "percent", "48%"),
    ("وشكل الأطفال 41 في المئة من الضحايا", 41, 41, 41, "exact", "percent", "41 في المئة"),
    ("وشكل الأطفال 41 بالمئة من الضحايا", 41, 41, 41, "exact", "percent", "41 بالمئة"),
    ("بمعدل 7 أطفال يومياً", 7, 7, 7, "exact", "rate", "بمعدل 7"),
]


@pytest.mark.parametrize("phrase,value,lo,hi,qual,kind,quote", SINGLE, ids=[r[0] for r in SINGLE])
def test_single(phrase, value, lo, hi, qual, kind, quote):
    nt = normalize(phrase)
    nums = find_numbers(nt)
    assert len(nums) == 1, [(x.value, nt.quote(x.ns, x.ne)) for x in nums]
    x = nums[0]
    assert (x.value, x.min, x.max, x.qualifier, x.kind) == (value, lo, hi, qual, kind)
    assert nt.quote(x.ns, x.ne) == quote
    assert x.core is not None and x.ns <= x.core[0] <= x.core[1] <= x.ne


# phrase -> every (value, kind) found, in order
MULTI = [
    ("قتل 5 أطفال و3 نساء", [(5, "digits"), (3, "digits")]),
    ("مقتل 312 مدنياً بينهم 57 طفلاً و21 سيدة", [(312, "digits"), (57, "digits"), (21, "digits")]),
    ("مقتل 9 مدنيين على يد القوات الروسية، و4 على يد قوات النظام", [(9, "digits"), (4, "digits")]),
    ("استخدم ثلاث مرات غازات سامة، مرتين في حي جوبر", [(3, "words"), (2, "dual")]),
    ("قتل خمسة أطفال وعشرون امرأة", [(5, "words"), (20, "words")]),
    ("ارتكاب 23 مجزرة وإلقاء 4 براميل متفجرة", [(23, "digits"), (4, "digits")]),
    ("استهداف مدرستين ومشفيين و سوقين وثلاثة مساجد", [(2, "dual"), (2, "dual"), (2, "dual"), (3, "words")]),
    ("طائرة F16 قصفت 3 منازل", [(3, "digits")]),
    # a scale word right after a place noun is the place's name, not a number
    ("قصفت الطائرات قرية مليون وثلاثة جرحى", [(3, "words")]),
    ("سقط في بلدة مليار وأربعة مدنيين", [(4, "words")]),
    ("استهدفت الغارة حي ألف وخمسة أطفال فيه", [(5, "words")]),
    # ... near misses: a place noun with the article, a scale word with no place noun before it
    ("نزح من المدينة مليون شخص", [(1000000, "words")]),
    ("نزح مليون وثلاثة آلاف شخص", [(1003000, "words")]),
]


@pytest.mark.parametrize("phrase,expected", MULTI, ids=[r[0] for r in MULTI])
def test_multi(phrase, expected):
    nums = find_numbers(normalize(phrase))
    assert [(x.value, x.kind) for x in nums] == expected


NEGATIVE = [
    "قتل في يوم الاثنين",
    "قصف يوم الأحد",
    "يوم الثلاثاء الماضي",
    "يوم الأربعاء",
    "ارتكبت مجازر تطهير اثني في القرى",
    "مقتل مدنيين في القصف",
    "مقتل مقاتلين من الفصائل",
    "مقتل صحفيين وناشطين",
    "قتل أحد المدنيين",
    "وقعت الانفجارات في آن واحد",
    "يفقدها ألف باء عمليات التوثيق",
    "المدرستين المذكورتين",
    "طائرات Su24 الروسية",
]


@pytest.mark.parametrize("phrase", NEGATIVE)
def test_negative(phrase):
    nt = normalize(phrase)
    assert [(x.value, nt.quote(x.ns, x.ne)) for x in find_numbers(nt)] == []


def test_dual_noun_key():
    (x,) = find_numbers(normalize("استهداف مشفيين"))
    assert x.noun == norm_key("مشفى")
    (x,) = find_numbers(normalize("مقتل طفل واحد"))
    assert x.noun == norm_key("طفل")
    assert dual_forms(norm_key("مدرسة")) == ["مدرستين", "مدرستان"]


DECORATED = "قُتِلَ ١٣٨ طفـــلاً وَثـلاثـةُ رجالٍ، ومَا لا يَقِلُّ عَنْ ١٬٤٤٧ مَدَنِيّاً، واستُهدِفَت مَدْرَسَتَيْنِ، و18 ألفـاً و452 شخصاً"


def test_spans_quote_original_on_decorated_input():
    nt = normalize(DECORATED)
    nums = find_numbers(nt)
    got = [(x.value, x.qualifier, x.kind) for x in nums]
    assert got == [(138, "exact", "digits"), (3, "exact", "words"), (1447, "at_least", "digits"),
                   (2, "exact", "dual"), (18452, "exact", "mixed")]
    for x in nums:
        s, e = nt.span(x.ns, x.ne)
        q = nt.original[s:e]
        assert q == q.strip() and q
        assert norm_key(q) == nt.norm[x.ns:x.ne]
    quotes = [nt.quote(x.ns, x.ne) for x in nums]
    assert quotes[0] == "١٣٨"
    assert quotes[2] == "مَا لا يَقِلُّ عَنْ ١٬٤٤٧"
    assert quotes[3] == "مَدْرَسَتَيْنِ"


def test_seed_report():
    nt = normalize(SEED.read_text(encoding="utf-8"))
    nums = find_numbers(nt)
    found = [(x.value, x.qualifier, x.kind, nt.quote(*x.core)) for x in nums]
    for want in [(24, "exact", "digits", "24"), (3, "exact", "words", "ثلاث"), (2, "exact", "dual", "مرتين"),
                 (1447, "at_least", "digits", "1447"), (138, "exact", "digits", "138"),
                 (103, "exact", "digits", "103"), (2, "exact", "dual", "مدرستين"),
                 (2, "exact", "dual", "مشفيين"), (2, "exact", "dual", "سوقين"),
                 (3, "exact", "words", "ثلاثة"), (93, "exact", "digits", "93")]:
        assert want in found, want
    assert any(v == 23 for v, *_ in found)
    nouns = {x.noun for x in nums if x.kind == "dual"}
    assert {norm_key("مدرسة"), norm_key("مشفى"), norm_key("سوق")} <= nouns
    # no overlapping mentions
    for a, b in zip(nums, nums[1:]):
        assert a.ne <= b.ns


def test_parse_count():
    x = parse_count("ما لايقل عن 1447 مدنياً")
    assert (x.value, x.min, x.max, x.qualifier) == (1447, 1447, None, "at_least")
    assert parse_count("لا شيء هنا") is None


# --- lexicon lint -------------------------------------------------------------

def _strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            if not k.startswith("_"):
                yield from _strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v)


def test_number_lexicon_lint():
    data = json.loads(lexicon_path("number_words.json").read_text(encoding="utf-8"))
    words = list(_strings({k: data[k] for k in ("units", "teen_only_units", "ten", "tens", "hundred", "hundreds",
                                                 "scales")}))
    words += [w for v in data["vague"] for w in v["words"]]
    for w in _strings(data):
        assert w and w == w.strip() and unicodedata.normalize("NFKC", w) == w, w
    keys = [norm_key(w) for w in words]
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})


def test_dual_lexicon_lint():
    rows = load_tsv("dual_nouns.tsv")
    sing = [norm_key(r["singular"]) for r in rows]
    assert len(sing) == len(set(sing))
    for r in rows:
        assert r["category"] in {"person", "facility", "weapon", "event", "time", "other"}
        assert r["smp"] in {"yes", "no"}
        assert unicodedata.normalize("NFKC", r["singular"]) == r["singular"]


# (a letter token) -> the token tables answer as the functions they were built from; the rows cover a bare
# number word, one and two proclitics, a dual with and without proclitics, and words that only look alike
TOKEN_ROWS = ["ثلاثة", "وثلاثة", "بثلاثة", "وبثلاثة", "خمسين", "وخمسين", "مائة", "ومائتين", "آلاف", "والاف",
              "مدرستين", "ومدرستين", "بمدرستين", "وبمدرستين", "فلمنزلين", "طفلين", "وطفلان",
              "الثلاثاء", "ثلاثي", "وو", "ب", "مدرسة", "خمسينيات", "وبلثلاثة", "كخمسة"]


@pytest.mark.parametrize("word", TOKEN_ROWS)
def test_the_token_tables_answer_as_the_rules(word):
    from pipeline.stages import numbers

    w = norm_key(word)
    atoms, duals = numbers._token_hits()
    assert atoms.get(w) == numbers._word_atom(w, numbers._words())
    assert duals.get(w) == numbers._strip_proclitic(w, numbers._duals()[0])


def test_the_token_tables_know_every_word_of_the_lexicons():
    from pipeline.stages import numbers

    atoms, duals = numbers._token_hits()
    assert set(numbers._words()) <= set(atoms)
    assert set(numbers._duals()[0]) <= set(duals)
    assert {k for k, (n, _) in atoms.items() if n} and {k for k, (n, _) in duals.items() if n}  # proclitics too
