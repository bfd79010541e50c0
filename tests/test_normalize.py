"""The normalized view and its offset map, on tables of decorated strings."""
import pytest
from hypothesis import given, strategies as st

from pipeline.core.normalize import norm_key, normalize

# (original, expected normalized view)
NORMALIZED = [
    ("مُدَنِيًّا", "مدنيا"),                      # diacritics incl. shadda + tanween
    ("مدنيــــاً", "مدنيا"),                      # tatweel
    ("أإآٱا", "ااااا"),                           # alef/hamza forms
    ("مستشفى", "مستشفي"),                        # alef maqsura
    ("مدرسة", "مدرسه"),                          # teh marbuta
    ("١٢٣٤٥٦٧٨٩٠", "1234567890"),                # Arabic-Indic digits
    ("۱۲۳۴۵۶۷۸۹۰", "1234567890"),                # Persian digits
    ("١٬٤٤٧", "1,447"),                          # Arabic thousands separator
    ("٣٫٥", "3.5"),                              # Arabic decimal separator
    ("مدنياً، بينهم", "مدنيا, بينهم"),            # Arabic comma
    ("قتلى؛ جرحى؟", "قتلي; جرحي?"),               # Arabic semicolon, question mark
    ("ﻻ", "لا"),                                 # lam-alef ligature (presentation form)
    ("ﺣﻠﺐ", "حلب"),                               # presentation forms B
    ("حلب   و  حمص", "حلب و حمص"),               # runs of spaces
    ("حلب\t\u00a0حمص", "حلب حمص"),               # tab, no-break space
    ("سطر\r\nسطر", "سطر\nسطر"),                  # CRLF
    ("فقرة\n\n\nفقرة", "فقرة\nفقرة".replace("ة", "ه")),  # blank lines fold to one break
    ("\ufeffنص", "نص"),                          # BOM
    ("ح\u200cلب\u200f", "حلب"),                  # zero-width non-joiner, RLM
    ("ی ک", "ي ك"),                              # Persian yeh and keheh
    ("گري سبي", "كري سبي"),                      # Kurdish/Persian gaf in a name
    ("ڤيان پێشمەرگە", "فيان بيشمهركه"),           # veh, peh, yeh with v, ae
    ("Idlib 2019", "Idlib 2019"),                # Latin text untouched
]


@pytest.mark.parametrize("original,expected", NORMALIZED)
def test_normalized_view(original, expected):
    assert normalize(original).norm == expected


@pytest.mark.parametrize("original,expected", NORMALIZED)
def test_every_normalized_char_maps_back_inside_the_original(original, expected):
    nt = normalize(original)
    for i in range(len(nt.norm)):
        s, e = nt.span(i, i + 1)
        assert 0 <= s < e <= len(original)


# (decorated original, normalized needle, exact original quote expected)
SPANS = [
    ("قُتِلَ ١٤ مَدَنِيّاً في حَلَب", "14 مدنيا", "١٤ مَدَنِيّاً"),
    ("قتل مدنيــاً في حلب", "مدنيا", "مدنيــاً"),
    ("في 23/ أيلول/2014، شنت", "23/ ايلول/2014", "23/ أيلول/2014"),
    ("بريف  دمشق", "ريف دمشق", "ريف  دمشق"),
    ("ﻻ يقل عن ١٬٤٤٧", "لا يقل عن 1,447", "ﻻ يقل عن ١٬٤٤٧"),
    ("مدرسةٌ", "مدرسه", "مدرسةٌ"),                   # trailing tanween belongs to the word
    ("\ufeffمقتل 24", "مقتل 24", "مقتل 24"),
]


@pytest.mark.parametrize("original,needle,quote", SPANS)
def test_spans_quote_the_original(original, needle, quote):
    nt = normalize(original)
    ns = nt.norm.index(needle)
    assert nt.quote(ns, ns + len(needle)) == quote


@pytest.mark.parametrize("entry,key", [
    ("  قوات   النظام ", "قوات النظام"),
    ("أيلول", "ايلول"),
    ("مَشْفَى", "مشفي"),
])
def test_norm_key(entry, key):
    assert norm_key(entry) == key


_ALPHABET = st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآىةؤئ") + list("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640")
                            + list("٠١٢٣٤٥٦٧٨٩۰۱۲") + [" ", "  ", "\n", "\r\n", "\t", "،", "ﻻ", "\u200c", "a", "5"])


@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_offset_map_is_monotonic_and_total(text):
    nt = normalize(text)
    prev = (0, 0)
    for i in range(len(nt.norm)):
        s, e = nt.span(i, i + 1)
        # non-decreasing; two normalized chars share a span only when one
        # original char expands (a ligature)
        assert prev[0] <= s < e <= len(text)
        assert s >= prev[1] or (s, e) == prev
        prev = (s, e)
    # every slice of the normalized view maps to a slice of the original
    if nt.norm:
        s, e = nt.span(0, len(nt.norm))
        assert text[s:e].strip() or not nt.norm.strip()


def test_normalization_table_is_generated_from_camel_tools():
    """lexicons/normalization.json equals what lexicons/build_normalization.py makes with camel-tools."""
    import importlib.util
    from pathlib import Path

    pytest.importorskip("camel_tools")
    script = Path(__file__).resolve().parent.parent / "lexicons" / "build_normalization.py"
    spec = importlib.util.spec_from_file_location("build_normalization", script)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    committed = mod.OUT.read_text(encoding="utf-8")
    assert mod.render(mod.build()) == committed, "stale table: run python lexicons/build_normalization.py"


def test_run_time_normalization_does_not_import_camel_tools():
    import subprocess
    import sys

    code = "import sys, pipeline.stages.extract; print('camel_tools' in sys.modules or 'torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# (a text) -> the same offsets whether its unchanged stretches are copied from the shared table of
# offsets, from a table grown for it, or counted for a text longer than the table may grow
OFFSET_ROWS = [
    "قُتِلَ ثلاثةُ مدنيين  في حلب\r\nوأصيب ﻻجئ",
    "ً" * 5 + "بدأ القصف" + " " * 7,
    "استهدفت الغارة مدرسة في إدلب. " * 40,
    "١٢٣ قتيلاً\n\n\nو٤٥ جريحاً",
]


@pytest.mark.parametrize("text", OFFSET_ROWS)
@pytest.mark.parametrize("table_max", [0, 16, 1 << 20])
def test_offsets_do_not_depend_on_the_shared_offset_table(text, table_max, monkeypatch):
    from array import array

    import pipeline.core.normalize as N

    monkeypatch.setattr(N, "_IOTA", array("i"))
    monkeypatch.setattr(N, "_IOTA_MAX", table_max)
    nt = normalize(text)
    monkeypatch.setattr(N, "_IOTA", array("i", range(3)))  # a shared table too short: grown
    monkeypatch.setattr(N, "_IOTA_MAX", 1 << 20)
    again = normalize(text)
    assert again.norm == nt.norm and list(again._starts) == list(nt._starts) and list(again._ends) == list(nt._ends)
    spans = [again.span(i, i + 1) for i in range(len(again.norm))]
    assert all(text[s:e] for s, e in spans) and spans == sorted(spans)
