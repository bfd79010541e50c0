"""The shared document (pipeline.core.document) and the rule records of actors and events.

Each rule of a fallback chain has rows in different wordings and a negative row; the rule that fired is
read from the mention (``ActorMention.role_rule``, ``EventMention.rules`` and ``scope_why``)."""
from __future__ import annotations

import datetime as dt

import pytest

from pipeline.core import clitics
from pipeline.core.document import text_doc
from pipeline.core.normalize import normalize
from pipeline.core.phrases import text_words, word_tokens
from pipeline.core.text import sentences
from pipeline.stages import actors, events
from pipeline.stages.extract import analyse, find_mentions

PUB = dt.date(2020, 3, 15)


# --- the shared document ------------------------------------------------------------------------

def test_text_doc_is_built_once_per_text():
    nt = normalize("قصفت قوات النظام بلدة كفرنبل. وقتل طفلان في القصف.\nوفي حلب جرح مدني.")
    td = text_doc(nt)
    assert text_doc(nt) is td and nt.shared is td
    assert td.sentences == sentences(nt.norm) and len(td.sentences) == 3
    assert td.tokens(0, 10) == word_tokens(nt.norm, 0, 10)
    assert td.words.t == text_words(nt.norm).t
    assert [td.sentence_index(p) for p in (0, td.sentences[1].ns, len(nt.norm))] == [0, 1, 2]



@pytest.mark.parametrize("chars, other", [
    (",;.\n", ",.;\n"),          # the same set in two orders: one scan
    (".;:\n", ":\n;."),
    (".;,:\n", "\n:,;.."),       # a repeated character changes nothing
])
def test_equal_character_sets_share_one_scan(chars, other):
    from pipeline.core.text import char_positions, has_char_between
    norm = normalize("قتل مدني، وجرح آخر. ثم: نزح السكان؛\nوعاد بعضهم").norm
    assert char_positions(norm, chars) is char_positions(norm, other)
    assert [has_char_between(norm, chars, 0, k) for k in range(len(norm))] == \
        [has_char_between(norm, other, 0, k) for k in range(len(norm))]


def test_different_character_sets_keep_their_own_scan():
    from pipeline.core.text import char_positions
    norm = normalize("قتل مدني، وجرح آخر. ثم نزح السكان").norm
    assert char_positions(norm, ".;\n") != char_positions(norm, ",.;\n")

def test_doc_reads_the_text_doc():
    doc = analyse("قصفت قوات النظام بلدة كفرنبل يوم 2 آذار 2020.", PUB)
    assert doc.text is text_doc(doc.nt) and doc.sentences is doc.text.sentences
    assert doc.words is doc.text.words


@pytest.mark.parametrize("text,word,reading", [
    ("وبحلب قتل مدني", "وبحلب", ("وب", "حلب", False)),
    ("قصف للنظام", "للنظام", ("", "النظام", True)),
    ("فالقصف مستمر", "فالقصف", ("ف", "القصف", False)),
])
def test_words_carry_their_clitic_readings(text, word, reading):
    words = text_doc(normalize(text)).words
    i = words.t.index(word)
    assert reading in words.splits(i) and words.splits(i) == clitics.splits(word)


def test_words_without_clitics_have_one_reading():
    words = text_doc(normalize("حلب")).words
    assert words.splits(0) == (("", "حلب", False),)


# --- actors: admission and role rules -----------------------------------------------------------

def roles(text: str) -> list[tuple[str, str, str | None]]:
    return [(a.id, a.role, a.role_rule) for a in actors.find_actors(normalize(text))]


ROLE_ROWS = [
    # after_modifier_marker: the owner of an attack instrument is its perpetrator
    ("استهدفت طائرة مسيرة تابعة للقوات التركية سيارة مدنية", ("turkey", "perpetrator", "after_modifier_marker")),
    ("قصفت طائرة حربية تابعة لسلاح الجو الروسي سوقا شعبيا", ("russia", "perpetrator", "after_modifier_marker")),
    # after_agent_marker
    ("قتل شاب على يد قوات النظام في درعا", ("syrian_regime", "perpetrator", "after_agent_marker")),
    ("اعتقل مدرس من قبل هيئة تحرير الشام في إدلب", ("hts", "perpetrator", "after_agent_marker")),
    ("أصيب طفل برصاص قوات النظام", ("syrian_regime", "perpetrator", "after_agent_marker")),
    # after_target_marker
    ("قصفت المدفعية مواقع تنظيم داعش", ("isis", "victim", "after_target_marker")),
    ("استهدفت غارة مقرا لتنظيم داعش", ("isis", "victim", "after_target_marker")),
    ("استهدفت الغارات تجمعات هيئة تحرير الشام", ("hts", "victim", "after_target_marker")),
    # agent_after_harm_word
    ("قصف الطيران الروسي مدرسة في إدلب", ("russia", "perpetrator", "agent_after_harm_word")),
    ("استهدف تنظيم داعش حافلة", ("isis", "perpetrator", "agent_after_harm_word")),
    ("قتل الطيران الحربي الروسي ثلاثة مدنيين", ("russia", "perpetrator", "agent_after_harm_word")),
    # subject_of_harm_verb
    ("قوات النظام قصفت البلدة بالمدفعية", ("syrian_regime", "perpetrator", "subject_of_harm_verb")),
    ("الطيران الروسي شن غارات على المدينة", ("russia", "perpetrator", "subject_of_harm_verb")),
    ("هيئة تحرير الشام اعتقلت ناشطا", ("hts", "perpetrator", "subject_of_harm_verb")),
    # agentive_alias: a named operation is its actor at work
    ("انطلقت عملية نبع السلام في تشرين الأول", ("turkey", "perpetrator", "agentive_alias")),
    ("بدأت عملية غصن الزيتون مطلع العام", ("turkey", "perpetrator", "agentive_alias")),
    ("توقفت عملية درع الفرات بعد أشهر", ("turkey", "perpetrator", "agentive_alias")),
    # side_in_harm_sentence
    ("قتل مقاتل معارض في قصف", ("opposition", "victim", "side_in_harm_sentence")),
    # negative: no rule fires, the role stays "other"
    ("زار وفد من قوات النظام المدينة", ("syrian_regime", "other", "no_role_rule")),
    ("قال الجيش التركي في بيان", ("turkey", "other", "no_role_rule")),
    ("شوهد الطيران الروسي فوق المدينة", ("russia", "other", "no_role_rule")),
    pytest.param("قتل ثلاثة مدنيين على أيدي عناصر تنظيم داعش", ("isis", "perpetrator", "after_agent_marker"),
                 marks=pytest.mark.xfail(reason="the target marker عناصر right before the actor wins over the "
                                                "agent marker على أيدي before it: a known bug, kept in the table",
                                         strict=True)),
]


@pytest.mark.parametrize("text,expected", ROLE_ROWS)
def test_role_rules(text, expected):
    assert expected in roles(text)


PAIR_ROWS = [
    # lam_after_perpetrator: a ل-actor right after a perpetrator is its target
    ("استمر استهداف قوات النظام لقوات سوريا الديمقراطية في الريف", ("sdf", "victim", "lam_after_perpetrator")),
    ("أدى قصف الطيران الروسي لهيئة تحرير الشام إلى دمار", ("hts", "victim", "lam_after_perpetrator")),
    ("ندد الأهالي باعتقال هيئة تحرير الشام للجيش الوطني", ("opposition", "victim", "lam_after_perpetrator")),
    # wa_conjunct: a و-actor right after another shares its role
    ("قصفت قوات النظام والقوات الروسية البلدة", ("russia", "perpetrator", "wa_conjunct")),
    ("قصف الطيران الروسي والطيران السوري المدينة", ("syrian_regime", "perpetrator", "wa_conjunct")),
    ("هاجمت هيئة تحرير الشام وفصائل الجيش الوطني نقاط المراقبة", ("opposition", "perpetrator", "wa_conjunct")),
]


@pytest.mark.parametrize("text,expected", PAIR_ROWS)
def test_second_actor_rules(text, expected):
    assert roles(text)[1] == expected


def test_second_actor_negative_not_adjacent():
    # a word between the two actors: no و-conjunct, the second actor is judged on its own words
    assert roles("قصفت قوات النظام البلدة ثم زارت القوات الروسية المدينة")[-1][2] != "wa_conjunct"


REJECT_ROWS = [
    # (text, actor id that a rejection rule drops; None: the row keeps it)
    ("اعتقل شاب بتهمة دعم الإرهابيين", "unknown", True),               # label_after_accusation
    ("اعتقلت قوات النظام شابا بتهمة التعامل مع الإرهابيين", "unknown", True),
    ("قتل الإرهابيون مدنيا", "unknown", False),
    ("عثر على جثث 7 مجهولي الهوية", "unknown", True),                 # counted_after_number
    ("دخلت طائرات روسية الصنع الخدمة", "russia", True),               # nisba_before_blocker
    ("استخدمت الفصائل صواريخ تركية الصنع", "turkey", True),
    ("قصفت طائرات روسية البلدة", "russia", False),
    ("وصل وفد إلى الجانب التركي من الحدود", "turkey", True),          # adjectival_place_after_place_preposition
    ("قصف الجانب التركي القرى", "turkey", False),
    ("عاد اللاجئون من تركيا", "turkey", True),                        # context_alias_without_context
    ("أعلنت تركيا الهدنة", "turkey", False),
]


@pytest.mark.parametrize("text,actor,dropped", REJECT_ROWS)
def test_reject_rules(text, actor, dropped):
    assert (actor not in [a.id for a in actors.find_actors(normalize(text))]) is dropped


def test_rule_names_are_unique():
    for rules in (actors._REJECT, actors._ROLE, actors._SIDE_ROLE, events._DATE, events._SCOPE,
                  events._PLACE_FALLBACK, events._PERPETRATOR):
        names = [r.name for r in rules]
        assert len(names) == len(set(names)) and all(r.doc for r in rules)


# --- events: date, scope, place and perpetrator rules -----------------------------------------------

def build(text: str, published: dt.date | None = PUB):
    """Events straight from the assembly (before summing re-decides each count's scope)."""
    doc = find_mentions(text, published)
    return events.build_events(doc)[0]


DATE_ROWS = [
    ("قتل ثلاثة مدنيين في قصف على مدينة سراقب يوم 3 آذار 2020.", 0, "date_in_clause", "2020-03-03"),
    ("قصفت قوات النظام بلدة كفرنبل في 2 شباط 2020.", 0, "date_in_clause", "2020-02-02"),
    ("في 4 آذار 2020 قصف الطيران بلدة حاس.", 0, "date_in_clause", "2020-03-04"),
    ("في 2 شباط 2020 وصلت عائلات إلى المخيم. قتل طفلان في قصف على المخيم.", 0, "date_earlier_in_paragraph",
     "2020-02-02"),
    ("صدر التقرير في 1 آذار 2020. قصفت الطائرات بلدة حاس وقتل مدني.", 0, "date_earlier_in_paragraph",
     "2020-03-01"),
    ("تقرير 6 آذار 2020\nقتل طفلان في قصف على المخيم.", 0, "report_first_date", "2020-03-06"),
    ("بيان 7 آذار 2020\nقصفت قوات النظام بلدة كفرنبل.", 0, "report_first_date", "2020-03-07"),
    ("في 8 آذار 2020 زار وفد المدينة.\nقتل مدني في قصف على سراقب.", 0, "report_first_date", "2020-03-08"),
]


@pytest.mark.parametrize("text,i,rule,value", DATE_ROWS)
def test_date_rules(text, i, rule, value):
    ev = build(text, None)[i]
    assert (ev.rules.get("date"), ev.date.value) == (rule, value)


def test_no_date_rule_without_a_date():
    ev = build("قتل مدني في قصف على مدينة سراقب.", None)[0]
    assert "date" not in ev.rules and ev.date is None


SCOPE_ROWS = [
    ("وثقنا مقتل 120 مدنيا خلال شهر شباط 2020 في سوريا.", "tally_cue"),
    ("بلغت حصيلة الضحايا 45 مدنيا في محافظة إدلب.", "tally_cue"),
    ("قتل 30 مدنيا في عموم المحافظات السورية.", "tally_cue"),
    ("ارتكبت قوات النظام 4 مجازر في ريف إدلب.", "tally_trigger"),
    ("وثقنا المجازر التي ارتكبتها قوات النظام في ريف حماة.", "tally_trigger"),
    ("قتل 281 مدنيا في سوريا في شباط 2020.", "country_toll_for_period"),
    ("قتل 90 مدنيا في سوريا في عام 2019.", "country_toll_for_period"),
    ("قتل 40 مدنيا في العراق في كانون الثاني 2020.", "country_toll_for_period"),
    ("قتل ثلاثة مدنيين في قصف على مدينة سراقب يوم 3 آذار 2020.", "single_incident"),
]


@pytest.mark.parametrize("text,rule", SCOPE_ROWS)
def test_event_scope_rules(text, rule):
    assert build(text)[0].scope_why[0] == rule


#: a body paragraph (150 characters or more) with no place of its own
BODY = ("قتل مدني في قصف صباح اليوم، وقال ناشطون إن القصف استمر ساعات طويلة دون توقف، وإن فرق الإسعاف "
        "لم تتمكن من الوصول إلى الجرحى بسبب كثافة النيران واستمرار تحليق الطائرات في سماء المنطقة.")

PLACE_ROWS = [
    ("قصفت قوات النظام مدينة سراقب. وقتل طفلان في القصف.", "paragraph_last_place", "سراقب"),
    ("سقطت قذائف على بلدة كفرنبل. وأصيب ثلاثة مدنيين بجروح.", "paragraph_last_place", "كفرنبل"),
    ("وصلت قافلة مساعدات إلى مدينة حلب. ثم قتل مدني في قصف.", "paragraph_last_place", "حلب"),
    ("إدلب - أفاد ناشطون بما يلي\n" + BODY, "heading_place", "إدلب"),
    ("حماة - خاص\n" + BODY, "heading_place", "حماة"),
    ("سراقب: تقرير ميداني\n" + BODY, "heading_place", "سراقب"),
    (BODY.replace("صباح اليوم", "في مدينة سراقب") + "\nوقتل مدني آخر في قصف مساء اليوم.", "last_place_before",
     "سراقب"),
]


@pytest.mark.parametrize("text,rule,place", PLACE_ROWS)
def test_place_fallback_rules(text, rule, place):
    ev = build(text)[-1]
    assert (ev.rules.get("place"), [p.name_ar for p in ev.places]) == (rule, [place])


def test_no_place_fallback_when_the_clause_names_one():
    ev = build("قتل مدني في قصف على مدينة سراقب.")[0]
    assert "place" not in ev.rules


PERP_ROWS = [
    ("قصفت قوات النظام مدرسة في بلدة معرة النعمان يوم 5 آذار 2020.", "single_perpetrator_actor"),
    ("استهدف الطيران الروسي مستشفى في مدينة سراقب.", "single_perpetrator_actor"),
    ("قتل 3 مدنيين برصاص قوات النظام في درعا.", "casualties_majority"),
    ("قتل طفلان على يد هيئة تحرير الشام في إدلب.", "casualties_majority"),
]


@pytest.mark.parametrize("text,rule", PERP_ROWS)
def test_perpetrator_rules(text, rule):
    assert build(text)[0].rules.get("perpetrator") == rule


def test_no_perpetrator_rule_without_an_actor():
    assert "perpetrator" not in build("قتل مدني في قصف على مدينة سراقب.")[0].rules


# --- one tokenization: the letter words come from the word tokens ---------------------------------

from hypothesis import given, settings as hsettings, strategies as st  # noqa: E402

from pipeline.core.phrases import WordTokens, _all_tokens, _each_token  # noqa: E402

#: letters, digits, marks, tatweel, Latin, underscore, punctuation and every kind of space
_ALPHABET = "حلبوالمدنيق" + "٠١23" + "\u064b\u0651\u0640" + "aZ_" + ".,،:-()«»" + " \n\t\u00a0\u200f"


@hsettings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_words_from_tokens_equal_a_letter_scan(text):
    from_tokens = WordTokens(text, _each_token(text))
    scanned = WordTokens(text)
    assert (from_tokens.s, from_tokens.e, from_tokens.t) == (scanned.s, scanned.e, scanned.t)
    from_offsets = WordTokens(text, offsets=_all_tokens(text))
    assert (from_offsets.s, from_offsets.e, from_offsets.t) == (scanned.s, scanned.e, scanned.t)


@pytest.mark.parametrize("text,words", [
    ("قتل 940مدنيا في حلب", ["قتل", "مدنيا", "في", "حلب"]),
    ("F16 و_Su24", ["F", "و", "Su"]),
    ("مدنيّين ـ والجرحى", ["مدني", "ين", "ـ", "والجرحى"]),
])
def test_letter_words_of_mixed_tokens(text, words):
    assert WordTokens(text, _each_token(text)).t == words


# --- one pass per lexicon: the document keeps each word lexicon's hits ------------------------------

from pipeline.core.phrases import WordPhrases  # noqa: E402

_FORCES = WordPhrases([("قوات", "forces"), ("قوات النظام", "regime"), ("قوات النظام السوري", "regime_sy"),
                       ("النظام", "system"), ("الفصائل المسلحة", "factions"), ("الفصائل مسلحة", "armed")])


@pytest.mark.parametrize("text,found", [
    # the longest phrase at a word, its clitics stripped (وبقوات، للنظام)
    ("قصفت قوات النظام السوري البلدة", [("قوات النظام السوري", "regime_sy")]),
    ("وقصفت وبقوات النظام البلدة", [("وبقوات النظام", "regime")]),
    ("تتبع للنظام وقوات أخرى", [("للنظام", "system"), ("وقوات", "forces")]),
    # a comma parts two words: no phrase across it
    ("وصلت قوات، النظام ينفي", [("قوات", "forces"), ("النظام", "system")]),
    # two phrases of one length fit (المسلحة is also مسلحة after its article): the first listed
    ("هاجمت الفصائل المسلحة مواقع", [("الفصائل المسلحة", "factions")]),
    ("هاجمت فصائل مسلحة مواقع", []),
    # negative: none of the words
    ("قتل مدني في حلب", []),
])
def test_phrase_hits_are_found_once_and_looked_up(text, found):
    td = text_doc(normalize(text))
    hits = td.hits(_FORCES)
    assert td.hits(_FORCES) is hits  # kept on the document
    words = td.words
    scanned = [(td.norm[words.s[i]:words.e[j - 1]], v) for i, (j, v, _) in _FORCES.scan(words)]
    assert scanned == [(normalize(a).norm, v) for a, v in found]
    # match(words, i) is the hit at word i, and nothing elsewhere
    assert [i for i in range(-1, len(words) + 1) if _FORCES.match(words, i) is not None] == list(hits.at)
    assert hits.any_in(0, len(words) - 1) == bool(found)


@hsettings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60), st.lists(st.tuples(st.integers(-2, 62), st.integers(-2, 62)),
                                                          max_size=8))
def test_document_windows_are_the_text_tokens(text, windows):
    """The document's windows (their tokens made once and kept) equal a fresh slice of the text's tokens,
    whatever windows were asked for before (overlapping, cut words, empty)."""
    td = text_doc(normalize(text))
    for s, e in windows + windows[::-1]:
        assert td.tokens(s, e) == word_tokens(td.norm, s, e)


@pytest.mark.parametrize("line, bullet", [
    ("- قتل مدنيان", True),
    ("• جرح طفل", True),
    ("▪ نزوح عائلات", True),
    ("· اعتقال شاب", True),
    ("قتل مدنيان", False),              # no bullet: a plain line
])
def test_bullets_open_a_list_line(line, bullet):
    import regex
    from pipeline.core.text import BULLETS
    assert bool(regex.match(BULLETS, line)) is bullet


def test_the_bullet_class_is_spelled_once():
    from pathlib import Path
    from pipeline.core.text import BULLETS
    stages = Path(__file__).resolve().parents[1] / "pipeline" / "stages"
    copies = [p.name for p in stages.rglob("*.py") if BULLETS in p.read_text(encoding="utf-8")]
    assert not copies, f"use pipeline.core.text.BULLETS in {copies}"
