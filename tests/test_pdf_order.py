"""PDF text comes out in logical order whatever tool drew it.

Producers order Arabic glyphs differently in the content stream (Chromium/Skia mixes visual
and logical runs word by word; reportlab draws whatever string it is given), so the reader
rebuilds reading order from glyph geometry (``pipeline.ingest.order_glyphs``). Every row
prints the same report with one producer and checks its key phrases (dates, counts, places)
in the extracted text after whitespace and diacritic folding.
"""
from __future__ import annotations

import html
import os
import re
import shutil
import subprocess

import pytest

from pipeline import ingest as I

from pdfkit import bidi_visual, dejavu_canvas, shape

SENTENCES = [
    "شنت طائرات حربية روسية، صباح الخميس 30 يناير 2020، سلسلة غارات على مدينة أريحا جنوب إدلب، "
    "استهدفت إحداها مخبزاً آلياً في وسط المدينة.",
    "وثّقت الشبكة مقتل 45 مدنياً بينهم 12 طفلاً و7 سيدات في ريف دمشق بتاريخ 23/09/2014، "
    "وأُصيب 18 آخرون بجروح متفاوتة.",
    "سقط برميل متفجر على حي الشعار في حلب (شرق المدينة) خلال الفترة 2019-2020 بحسب تقرير UN OCHA الأخير.",
    "قُتل ١٢٣ شخصاً في محافظة دير الزور، لا سيما في مدينة البوكمال، وتضرر 40% من المنازل.",
    "ولا يزال مصير 3 معتقلين مجهولاً حتى الآن، إلا أن الأهالي تلقوا إشعاراً بوفاة أحدهم.",
]
PHRASES = [
    "صباح الخميس 30 يناير 2020، سلسلة غارات على مدينة أريحا جنوب إدلب،",
    "مخبزا آليا في وسط المدينة.",
    "مقتل 45 مدنيا بينهم 12 طفلا و7 سيدات في ريف دمشق بتاريخ 23/09/2014،",
    "وأصيب 18 آخرون",
    "حي الشعار في حلب (شرق المدينة) خلال الفترة 2019-2020 بحسب تقرير UN OCHA الأخير.",
    "قتل ١٢٣ شخصا في محافظة دير الزور، لا سيما في مدينة البوكمال، وتضرر 40% من المنازل.",
    "ولا يزال مصير 3 معتقلين مجهولا حتى الآن، إلا أن الأهالي",
]
_MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640]")
FONTS = {"dejavu": "DejaVu Sans",
         # a fallback print: spaces and digits in a Latin font, Arabic in DejaVu Sans (what a machine
         # without Arabic fonts prints), deterministic whatever fonts are installed
         "fallback": "Liberation Serif', 'DejaVu Sans", "naskh": "Noto Naskh Arabic", "sans-ar": "Noto Sans Arabic",
         "kufi": "Noto Kufi Arabic"}


def fold(s: str) -> str:
    return " ".join(_MARKS.sub("", s).split())


def read_pdf(path) -> I.RawDoc:
    items = list(I.read_input(str(path), 10**8))
    assert len(items) == 1 and isinstance(items[0], I.RawDoc), items
    return items[0]


# ----------------------------------------------------------------------------- producers

def chromium_pdf(tmp_path, font: str, size: str = "12pt") -> bytes:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        pytest.skip("chromium is not installed")
    body = "".join(f"<p>{html.escape(s)}</p>" for s in SENTENCES)
    src = tmp_path / "page.html"
    src.write_text(f"<!doctype html><html lang='ar' dir='rtl'><head><meta charset='utf-8'><style>"
                   f"body{{font-family:'{font}';font-size:{size};margin:2cm}}</style></head>"
                   f"<body>{body}</body></html>", encoding="utf-8")
    out = tmp_path / "page.pdf"
    subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer",
                    f"--print-to-pdf={out}", src.as_uri()], check=True, capture_output=True, timeout=120)
    return out.read_bytes()


def reportlab_pdf(tmp_path, *, visual: bool, shaped: bool) -> bytes:
    c, buf = dejavu_canvas(10)
    y = 800
    for sent in SENTENCES:
        words, chunk = sent.split(" "), []
        for w in words + [None]:
            if w is None or len(" ".join(chunk + [w])) > 80:
                s = " ".join(chunk)
                s = shape(s) if shaped else s
                s = bidi_visual(s) if visual else s
                if visual:  # right-aligned, as an RTL paragraph is set
                    c.drawRightString(570, y, s)
                else:
                    c.drawString(20, y, s)
                y -= 15
                chunk = [] if w is None else [w]
            else:
                chunk.append(w)
        y -= 8
    c.showPage()
    c.save()
    return buf.getvalue()


PRODUCERS = [
    ("chromium-dejavu", lambda t: chromium_pdf(t, FONTS["dejavu"])),
    ("chromium-fallback-dejavu", lambda t: chromium_pdf(t, FONTS["fallback"])),
    ("chromium-fallback-dejavu-large", lambda t: chromium_pdf(t, FONTS["fallback"], "16pt")),
    ("chromium-naskh", lambda t: chromium_pdf(t, FONTS["naskh"])),
    ("chromium-sans-arabic", lambda t: chromium_pdf(t, FONTS["sans-ar"])),
    ("chromium-kufi", lambda t: chromium_pdf(t, FONTS["kufi"])),
    ("chromium-naskh-small", lambda t: chromium_pdf(t, FONTS["naskh"], "9pt")),
    ("reportlab-visual-shaped", lambda t: reportlab_pdf(t, visual=True, shaped=True)),
    ("reportlab-visual-plain", lambda t: reportlab_pdf(t, visual=True, shaped=False)),
    ("reportlab-logical-shaped", lambda t: reportlab_pdf(t, visual=False, shaped=True)),
    ("reportlab-logical-plain", lambda t: reportlab_pdf(t, visual=False, shaped=False)),
]


@pytest.mark.parametrize("make", [m for _, m in PRODUCERS], ids=[n for n, _ in PRODUCERS])
def test_key_phrases_in_logical_order(tmp_path, make):
    p = tmp_path / "report.pdf"
    p.write_bytes(make(tmp_path))
    doc = read_pdf(p)
    assert not any(0xFB50 <= ord(c) <= 0xFEFF for c in doc.text)
    flat = fold(doc.text)
    missing = [ph for ph in PHRASES if fold(ph) not in flat]
    assert not missing, (missing, flat)


def test_wrapped_lines_join_into_paragraphs(tmp_path):
    p = tmp_path / "r.pdf"
    p.write_bytes(chromium_pdf(tmp_path, FONTS["naskh"], "16pt"))
    paras = read_pdf(p).text.split("\n")
    # one paragraph per <p>, each printed on more than one line
    assert len(paras) == len(SENTENCES), paras
    for para, sent in zip(paras, SENTENCES):
        assert fold(para) == fold(sent)


def test_committed_chromium_print_reads_like_its_text():
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    pdf = os.path.join(here, "corpus", "formats", "c020-print.pdf")
    txt = os.path.join(here, "corpus", "c020.txt")
    if not os.path.exists(pdf):
        pytest.skip("corpus PDF missing")
    got = fold(read_pdf(pdf).text).split()
    want = fold(open(txt, encoding="utf-8").read()).split()
    import difflib

    same = sum(b.size for b in difflib.SequenceMatcher(None, want, got, autojunk=False).get_matching_blocks())
    assert same / len(want) > 0.98


# ----------------------------------------------------------------------------- order_glyphs, producer-free

def glyphs(spec: list[tuple[str, float, float]], *, y: float = 700.0, size: float = 12.0,
           tokens: list[int] | None = None) -> list[tuple]:
    """(text, left, right) boxes on one baseline -> glyph tuples."""
    out = []
    for k, (ch, left, right) in enumerate(spec):
        out.append((ch, left, right, y, y + 0.7 * size, y, size, tokens[k] if tokens else k))
    return out


def row(text_ltr: str, x0: float = 100.0, w: float = 6.0, space: float = 4.0) -> list[tuple[str, float, float]]:
    """Boxes for a visual (left-to-right) string: every character one box, spaces as gaps."""
    out, x = [], x0
    for ch in text_ltr:
        if ch == " ":
            x += space
            continue
        out.append((ch, x, x + w))
        x += w
    return out


ORDER = [
    # logical line, as drawn left to right (visual), stream order of the boxes
    ("شنت طائرات 30 يناير 2020، سلسلة", "ltr"),
    ("شنت طائرات 30 يناير 2020، سلسلة", "rtl"),
    ("شنت طائرات 30 يناير 2020، سلسلة", "mixed"),
    ("في الفترة 23/09/2014 قتل 12.5% منهم", "mixed"),
    ("بحسب تقرير UN OCHA الأخير", "mixed"),
    ("في حلب (شرق المدينة) أمس", "ltr"),
    ("مقتل ١٢٣ مدنيا", "rtl"),
]


@pytest.mark.parametrize("logical,stream", ORDER)
def test_order_glyphs_any_stream_order(logical, stream):
    boxes = row(bidi_visual(logical))
    if stream == "rtl":
        boxes = boxes[::-1]
    elif stream == "mixed":  # every other word's glyphs reversed, as Skia writes them
        words, cur = [], [boxes[0]]
        for b in boxes[1:]:
            if b[1] - cur[-1][2] > 1:
                words.append(cur)
                cur = [b]
            else:
                cur.append(b)
        words.append(cur)
        boxes = [b for k, wd in enumerate(words) for b in (wd if k % 2 else wd[::-1])]
    assert I.order_glyphs(glyphs(boxes)) == logical


def test_order_glyphs_lines_by_baseline_top_to_bottom():
    top = glyphs(row(bidi_visual("السطر الأول")), y=700)
    bottom = glyphs(row(bidi_visual("السطر الثاني")), y=680)
    assert I.order_glyphs(bottom + top) == "السطر الأول\nالسطر الثاني"


def test_order_glyphs_marks_follow_their_letter():
    # a tanween box drawn over the alef, given before it in the stream
    g = glyphs(row(bidi_visual("مدنيا")))
    alef = next(x for x in g if x[0] == "ا")
    mark = ("\u064b", alef[1], alef[2], alef[4], alef[4] + 2, alef[5], alef[6], alef[7])
    assert I.order_glyphs([mark] + g) == "مدنيا\u064b"


def test_order_glyphs_latin_line_stays_left_to_right():
    assert I.order_glyphs(glyphs(row("Report 2020 on Idlib"))) == "Report 2020 on Idlib"
    line = "Report on the attacks in " + bidi_visual("ريف دمشق") + " 2020"
    assert I.order_glyphs(glyphs(row(line)[::-1])) == "Report on the attacks in ريف دمشق 2020"


NO_SPACE = [
    # pairs that must stay joined though their gap is wide-ish: digits, punctuation after a word
    ("2020", 3.0),
    ("مدنيا،", 3.0),
]


@pytest.mark.parametrize("logical,gap", NO_SPACE)
def test_no_space_inside_numbers_or_before_punctuation(logical, gap):
    boxes = row(bidi_visual(logical), w=6.0)
    boxes = [(c, l + k * gap, r + k * gap) for k, (c, l, r) in enumerate(boxes)]
    assert I.order_glyphs(glyphs(boxes, tokens=[0] * len(boxes))) == logical


BRACKETS = [
    # as read, as meant
    ("في حلب )شرق المدينة( أمس", "في حلب (شرق المدينة) أمس"),
    ("في حلب (شرق المدينة) أمس", "في حلب (شرق المدينة) أمس"),
    ("1) مقتل 3 مدنيين", "1) مقتل 3 مدنيين"),
    ("»التسوية« و)قسد(", "«التسوية» و(قسد)"),
]


@pytest.mark.parametrize("read,meant", BRACKETS)
def test_balance_brackets(read, meant):
    assert I.balance_brackets(read) == meant


def test_lam_alef_glyph_reads_lam_first():
    # one ligature glyph whose two characters came back alef first
    g = glyphs(row(bidi_visual("خ ل"), space=0))
    lig = ("ال", 95.0, 100.0, 700.0, 708.4, 700.0, 12.0, 0)
    text = I.order_glyphs([g[0], lig, g[1]])
    assert text.replace(" ", "") in ("خلال",), text
