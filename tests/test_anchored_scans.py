"""Whole-text patterns run only at the words that may start them (``AnchoredPattern``): the same matches as
the plain scan."""
from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings as hsettings, strategies as st

from pipeline.core.normalize import norm_key
from pipeline.core.phrases import AnchoredPattern, heads_of, text_words
from pipeline.stages import dates


@pytest.mark.parametrize("keys,clitics,heads", [
    (["امس"], "", {"امس"}),
    (["العام"], "وب", {"العا", "والع", "بالع"}),
    (["ذو القعده"], "", {"ذو ا", "ذوال"}),
    (["في اليوم"], "و", {"في ا", "فيال", "وفي ", "وفيا"}),
])
def test_heads_of_keys(keys, clitics, heads):
    assert heads_of(keys, tuple(clitics)) == frozenset(heads)


@pytest.mark.parametrize("keys", [["ا"], ["2020"], ["عام-"], [" امس"]])
def test_no_heads_for_keys_that_cannot_anchor(keys):
    assert heads_of(keys) is None


def _same(pattern: AnchoredPattern, norm: str) -> None:
    text_words.cache_clear()
    plain = [(m.span(), m.groups()) for m in pattern.pattern.finditer(norm)]
    assert [(m.span(), m.groups()) for m in pattern.finditer(norm)] == plain


@pytest.mark.parametrize("text", [
    "قتل مدنيان أمس في حلب، وفي الشهر الماضي قتل ثلاثة، وخلال العام 2019 قتل آخرون.",
    "في 3 كانون الثاني 2020 وبتشرين الأول من العام نفسه، ومنذ عام 2011، ويوم الأحد الماضي.",
    "صباح اليوم السبت، وأول أمس الجمعة، ومطلع العام 2018 ونهاية عام2017، وكانونالثاني 2016.",
    "2020أمس بالعام 2015 لعام 2014 فالسنة 2013 _أمس 3أمس، هذا الشهر، الأسبوع الماضي",
    "منذ الشهر الماضي قتل مدني، ومنذ 5 من الشهر الحالي\tمنذ بداية الشهر الحالي",
])
def test_dates_word_led_scans_match_the_plain_scan(text):
    for _, pattern in _all_anchored():
        assert pattern.heads is not None
        _same(pattern, norm_key(text))


_WORDS = ["أمس", "اليوم", "العام", "عام", "الماضي", "كانون", "الثاني", "تشرين", "الأول", "منذ", "خلال",
          "الشهر", "يوم", "الأحد", "هذا", "مطلع", "2020", "2011", "قتل", "في", "و", "ب", "ل", "ف"]


@hsettings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(["", " ", "  ", "،", "\n", "-", "3"])),
                max_size=25))
def test_word_led_scans_on_any_text(parts):
    norm = norm_key("".join(w + sep for w, sep in parts))
    for pattern in dates._word_led():
        _same(pattern, norm)


def test_a_pattern_without_heads_scans_the_text():
    p = AnchoredPattern(regex.compile(r"\d+"), None)
    assert [m.group() for m in p.finditer("قتل 3 و45")] == ["3", "45"]


def _all_anchored() -> list[tuple[str, AnchoredPattern]]:
    from pipeline.stages.actors import _data as actor_data
    from pipeline.stages.facilities.terms import _data as facility_data
    from pipeline.stages.places.unresolved import _trigger_scans

    fd = facility_data()
    out = [("dates", p) for p in dates._word_led()]
    out += [("places", p) for p in _trigger_scans()]
    out += [("facilities", p) for p in (fd.numbered_scan, fd.tally_scan, fd.claim_scan, fd.denial_scan)]
    out += [("facilities site", p) for p, _ in fd.site_scans]
    out.append(("actors nisba", actor_data().nisba_word_scan))
    from pipeline.stages.scope import _since_relative_scan

    out.append(("scope since", _since_relative_scan()))
    from pipeline.stages.numbers import _context_scans

    out += [("numbers context", p) for p in _context_scans()]
    from pipeline.stages.places.patterns import window_scans

    out += [("places " + k, p) for k, p in window_scans().items()]
    return out


def test_every_word_led_scan_is_anchored():
    assert all(p.heads is not None for _, p in _all_anchored())


def _corpus_norms() -> list[str]:
    from pathlib import Path

    from pipeline.core.normalize import normalize

    return [normalize(p.read_text(encoding="utf-8")).norm
            for p in sorted((Path(__file__).resolve().parent.parent / "corpus").glob("*.txt"))]


def test_anchored_scans_match_the_plain_scans_on_the_corpus():
    import random

    norms = _corpus_norms()
    words = [w for n in norms for w in n.split()]
    rnd = random.Random(11)
    seps = [" ", "  ", "، ", "\n", ".", "-", "2020", "و", " و", "ب", "ل", "", "_", "(", '"']
    shuffled = ["".join(rnd.choice(words) + rnd.choice(seps) for _ in range(rnd.randint(5, 120)))
                for _ in range(150)]
    for name, pattern in _all_anchored():
        for norm in norms + shuffled:
            _same(pattern, norm)


def test_anchored_search_in_windows_matches_the_plain_search():
    """``search(norm, lo, hi)`` (a window before a number) finds what the plain search finds."""
    import random

    rnd = random.Random(5)
    norms = _corpus_norms()
    for name, pattern in _all_anchored():
        for norm in norms:
            text_words.cache_clear()
            for _ in range(40):
                hi = rnd.randint(0, len(norm))
                lo = max(0, hi - rnd.randint(0, 60))
                plain = pattern.pattern.search(norm, lo, hi)
                found = pattern.search(norm, lo, hi)
                assert (plain and (plain.span(), plain.groups())) == (found and (found.span(), found.groups())), name
        # at every number's window, where the numbers stage looks
        if name == "numbers context":
            for norm in norms:
                text_words.cache_clear()
                for k in range(len(norm)):
                    if norm[k].isdigit():
                        plain = pattern.pattern.search(norm, max(0, k - 40), k)
                        found = pattern.search(norm, max(0, k - 40), k)
                        assert (plain and plain.span()) == (found and found.span())
