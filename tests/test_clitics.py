"""The one clitic table (lexicons/clitics.json) and its API (pipeline.core.clitics)."""
from __future__ import annotations

import unicodedata

import pytest
import regex

from pipeline.core import clitics
from pipeline.core.lexicon import load_json


def test_table_is_clean():
    t = load_json("clitics.json")
    letters = t["conjunctions"] + t["prepositions"]
    assert len(set(letters)) == len(letters) and all(len(c) == 1 for c in letters)
    for name, seq in t["subsets"].items():
        if name.startswith("_"):
            continue
        assert seq and len(set(seq)) == len(seq), name
        for s in seq:
            assert s and unicodedata.normalize("NFKC", s) == s, (name, s)
    assert set(t["letters"].values()) - {t["letters"]["_doc"]} <= set(letters)


@pytest.mark.parametrize("word,expected", [
    ("وبحلب", ("", "وبحلب", False)),
    ("وبحلب", ("وب", "حلب", False)),
    ("فالرقه", ("ف", "الرقه", False)),
    ("للنظام", ("", "النظام", True)),
    ("وللنظام", ("و", "النظام", True)),
    ("كحلب", ("ك", "حلب", False)),
])
def test_splits_reads_a_word(word, expected):
    assert expected in clitics.splits(word)


@pytest.mark.parametrize("word,not_expected", [
    ("حلب", ("ح", "لب", False)),          # not a clitic letter
    ("بل", ("ب", "ل", False)),            # the base would be one letter
    ("لله", ("", "اله", True)),           # too short for a fused لل
    ("مللنظام", ("م", "النظام", True)),    # م is no conjunction
])
def test_splits_negative(word, not_expected):
    assert not_expected not in clitics.splits(word)


@pytest.mark.parametrize("word,form", [
    ("والمدارس", "مدارس"),
    ("بالمدرسه", "مدرسه"),
    ("للمدرسه", "المدرسه"),
    ("فمدرسه", "مدرسه"),
])
def test_word_forms_strip_clitics_and_article(word, form):
    assert form in clitics.word_forms(word)


def test_word_forms_keep_short_words():
    assert clitics.word_forms("وقع") == ("وقع",)


@pytest.mark.parametrize("word,stem", [
    ("وبالقصف", "قصف"), ("وللقصف", "القصف"), ("كالقصف", "قصف"), ("فبقصف", "قصف"),
])
def test_stems(word, stem):
    assert stem in clitics.stems(word)


@pytest.mark.parametrize("word,stem,ok", [
    ("وبقصف", "قصف", True), ("لقصف", "قصف", True), ("بالقصف", "القصف", False), ("كقصف", "قصف", False),
])
def test_bare_stems_strip_no_article(word, stem, ok):
    assert (stem in clitics.bare_stems(word)) is ok


@pytest.mark.parametrize("text,hit", [
    ("وبريف", "وب"), ("فالرقه", "ف"), ("لحلب", "ل"), ("ب حلب", ""), ("حلب", ""),
])
def test_proclitics_regex(text, hit):
    assert regex.match(clitics.PROCLITICS + "(?=[^\\s])", text).group() == hit


def test_alt_keeps_the_order():
    seq = clitics.subset("before_count_word")
    assert clitics.alt(seq) == "(?:" + "|".join(seq) + ")"
    assert regex.fullmatch(clitics.alt(seq) + "?بيت", "وبيت")
    assert clitics.cls(clitics.CONJ) == "[وف]"


@pytest.mark.parametrize("verb,ok", [("قتل", True), ("وقتل", True), ("فقتل", True), ("بقتل", False), ("ضرب", False)])
def test_conj_stripped(verb, ok):
    assert clitics.conj_stripped(verb, frozenset({"قتل"})) is ok
