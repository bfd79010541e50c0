"""Ingest: every input kind into one offset-true Unicode text, every bad input into a reason."""
from __future__ import annotations

import io
import json
import os
import re
import sys
import zipfile
from pathlib import Path

import pytest

from pipeline import ingest as I

from pdfkit import bidi_visual, dejavu_canvas, shape

SEED = (Path(__file__).parent / "fixtures" / "seed.txt").read_text(encoding="utf-8")
LINES = SEED.strip("\n").split("\n")
HEADLINE = LINES[0]
DATE = "23/ أيلول/2014"
BIG = 10**9
_MARKS = re.compile(r"[\u064b-\u065f\u0670]")


def read_all(path, max_bytes=BIG):
    return list(I.read_input(str(path), max_bytes))


def read_one(path, max_bytes=BIG) -> I.RawDoc:
    items = read_all(path, max_bytes)
    assert len(items) == 1, items
    assert isinstance(items[0], I.RawDoc), items[0]
    return items[0]


def read_error(path, max_bytes=BIG) -> I.IngestError:
    items = read_all(path, max_bytes)
    assert len(items) == 1, items
    assert isinstance(items[0], I.IngestError), items[0]
    return items[0]


# ----------------------------------------------------------------------------- builders

def _html_page() -> str:
    body = "".join(f"<p>{ln.replace('&', '&amp;')}</p>\n" for ln in LINES[1:])
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>الموقع | {HEADLINE}</title>
<meta property="og:title" content="{HEADLINE}">
<meta property="article:published_time" content="2014-10-23T09:30:00+03:00">
<style>p {{ color: #333 }} .x::before {{ content: "قتل 99" }}</style>
<script>var trap = "قتل 77 مدنياً في حلب";</script>
</head><body>
<header><a href="/">الرئيسية</a> <a href="/ar">تقارير</a></header>
<nav><ul><li>أخبار</li><li>بيانات</li></ul></nav>
<div class="site-menu">القائمة</div>
<div role="navigation">تصفح</div>
<article>
<header><h1>{HEADLINE}</h1></header>
{body}
<table><tr><th>المحافظة</th><th>الضحايا</th></tr><tr><td>حلب</td><td>12</td></tr></table>
<p>الشبكة السورية &amp; شركاؤها &laquo;تقرير&raquo;&nbsp;خاص</p>
<footer>شارك على وسائل التواصل</footer>
</article>
<aside>قتل 500 شخص في إعلان جانبي</aside>
<form><input value="بحث"></form>
<noscript>فعّل جافاسكربت</noscript>
<footer>جميع الحقوق محفوظة &copy; 2014</footer>
</body></html>"""


def _unclosed_html() -> str:
    return f"<html><body><div class=content><h2>{HEADLINE}<p>{LINES[1]}<p>{LINES[2]}<div><b>نص &amp; <i>مائل"


def _docx_bytes(created=None, title=HEADLINE) -> bytes:
    import docx

    d = docx.Document()
    if title:
        d.core_properties.title = title
    if created is not None:
        d.core_properties.created = created
    d.add_heading(HEADLINE, level=1)
    for ln in LINES[1:3]:
        d.add_paragraph(ln)
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "حلب"
    t.cell(0, 1).text = "12"
    t.cell(1, 0).merge(t.cell(1, 1)).text = "خلية مدموجة"
    for ln in LINES[3:]:
        d.add_paragraph(ln)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _pdf_bytes(lines: list[str], *, visual: bool, shaped: bool) -> bytes:
    """A PDF drawn with DejaVuSans: glyphs in visual order (as a correct PDF) or in logical order."""
    c, buf = dejavu_canvas(9, title=HEADLINE)
    y = 800
    for ln in lines:
        # keep each drawn line short enough; long lines are cut into chunks of words
        words, chunk = ln.split(" "), []
        for w in words + [None]:
            if w is None or len(" ".join(chunk + [w])) > 95:
                s = " ".join(chunk)
                s = shape(s) if shaped else s
                c.drawString(20, y, bidi_visual(s) if visual else s)
                y -= 14
                if y < 40:
                    c.showPage()
                    c.setFont("DejaVu", 9)
                    y = 800
                chunk = [] if w is None else [w]
            else:
                chunk.append(w)
    c.showPage()
    c.save()
    return buf.getvalue()


def _squash(s: str) -> str:
    """Diacritics and whitespace runs out: PDF text wraps lines and may move a tanween."""
    return " ".join(_MARKS.sub("", s).split())


# ----------------------------------------------------------------------------- good inputs

TEXT_VARIANTS = [
    # name, file name, bytes, encoding
    ("utf-8", "a.txt", SEED.encode("utf-8"), "utf-8"),
    ("utf-8 BOM", "a.txt", b"\xef\xbb\xbf" + SEED.encode("utf-8"), "utf-8-sig"),
    ("utf-16 LE BOM", "a.txt", b"\xff\xfe" + SEED.encode("utf-16-le"), "utf-16"),
    ("utf-16 BE BOM", "a.txt", b"\xfe\xff" + SEED.encode("utf-16-be"), "utf-16"),
    ("CRLF", "a.txt", SEED.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    ("CR only", "a.txt", SEED.replace("\n", "\r").encode("utf-8"), "utf-8"),
    ("BOM + CRLF", "a.txt", b"\xef\xbb\xbf" + SEED.replace("\n", "\r\n").encode("utf-8"), "utf-8-sig"),
    ("cp1256", "a.txt", SEED.encode("cp1256"), "cp1256"),
    ("cp1256 CRLF", "a.txt", SEED.replace("\n", "\r\n").encode("cp1256"), "cp1256"),
    ("utf-16 LE no BOM", "a.txt", SEED.encode("utf-16-le"), "utf-16-le"),
    ("markdown", "a.md", ("# " + SEED).encode("utf-8"), "utf-8"),
]


@pytest.mark.parametrize("name,fname,data,encoding", TEXT_VARIANTS, ids=[v[0] for v in TEXT_VARIANTS])
def test_text_variants_decode_to_the_seed(tmp_path, name, fname, data, encoding):
    p = tmp_path / fname
    p.write_bytes(data)
    doc = read_one(p)
    expected = ("# " + SEED) if fname.endswith(".md") else SEED
    assert doc.text == expected
    assert DATE in doc.text and HEADLINE in doc.text
    assert "\r" not in doc.text and "\ufeff" not in doc.text
    assert doc.encoding == encoding
    assert doc.id == "a"
    assert doc.source == str(p)
    assert doc.format == ("md" if fname.endswith(".md") else "txt")
    import hashlib

    assert doc.sha256 == hashlib.sha256(data).hexdigest()


def test_markdown_title_from_first_heading(tmp_path):
    p = tmp_path / "r.md"
    p.write_text("# " + SEED, encoding="utf-8")
    assert read_one(p).title == HEADLINE


@pytest.mark.parametrize("n", [40, 12, 200])
def test_short_cp1256(tmp_path, n):
    text = SEED[:n]
    p = tmp_path / "short.txt"
    p.write_bytes(text.encode("cp1256"))
    doc = read_one(p)
    assert doc.text == text
    assert doc.encoding == "cp1256"


def test_utf8_truncated_mid_character_is_kept_with_warning(tmp_path):
    data = SEED.rstrip("\n.").encode("utf-8")[:-1]  # cut the last Arabic letter in half
    p = tmp_path / "cut.txt"
    p.write_bytes(data)
    doc = read_one(p)
    assert doc.encoding == "utf-8"
    assert doc.text.endswith("\ufffd")
    assert DATE in doc.text
    assert doc.warnings and "U+FFFD" in doc.warnings[0]


def test_html_main_text_meta_and_chrome_dropped(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(_html_page(), encoding="utf-8")
    doc = read_one(p)
    assert doc.format == "html"
    assert DATE in doc.text
    assert doc.text.startswith(HEADLINE + "\n")  # the <h1> inside the article's <header> is kept
    for para in LINES[1:]:
        assert para in doc.text.split("\n")  # one block, one line
    assert doc.title == HEADLINE
    assert doc.published == "2014-10-23"
    assert doc.published_source == "html"
    for junk in ("قتل 77", "قتل 99", "الرئيسية", "أخبار", "القائمة", "تصفح", "500", "بحث", "جافاسكربت",
                 "محفوظة", "شارك", "color"):
        assert junk not in doc.text, junk
    assert "المحافظة\tالضحايا\nحلب\t12" in doc.text  # one row per line, cells split by a tab
    assert "الشبكة السورية & شركاؤها «تقرير» خاص" in doc.text  # entities unescaped, nbsp a space


def test_unclosed_html(tmp_path):
    p = tmp_path / "broken.htm"
    p.write_text(_unclosed_html(), encoding="utf-8")
    doc = read_one(p)
    assert doc.text.split("\n")[:3] == [HEADLINE, LINES[1], LINES[2]]
    assert DATE in doc.text
    assert doc.text.endswith("نص & مائل")
    assert doc.title is None and doc.published is None


HTML_BLOCKS = [
    # html fragment, text: blocks are lines, inline elements join, whitespace folds
    ("<p>قتل <b>3</b> مدنيين</p><p>في حلب</p>", "قتل 3 مدنيين\nفي حلب"),
    ("<div>سطر<br>آخر</div>", "سطر\nآخر"),
    ("<ul><li>حلب<li>إدلب</ul>", "حلب\nإدلب"),
    ("<div>قبل<div>داخل</div>بعد</div>", "قبل\nداخل\nبعد"),
    ("<pre>سطر 1\nسطر 2</pre>", "سطر 1\nسطر 2"),
    ("<h2>عنوان</h2>\n\n   نص   حر  ", "عنوان\nنص حر"),
    ("<p>&#1602;&#1578;&#1604; &lt;5&gt; &quot;مدنيين&quot;</p>", 'قتل <5> "مدنيين"'),
    ("<table><tr><td>حلب</td><td></td><td>12</td></tr></table>", "حلب\t\t12"),
    ("<p>نص<!-- تعليق مخفي --> ظاهر</p>", "نص ظاهر"),
    ("<div id='main-nav'>قائمة</div><div class='breadcrumbs'>فتات</div><p>نص</p>", "نص"),
    ("<div class='entry-content social-ready'>نص المقال كله هنا</div><div class='share'>شارك</div>", "نص المقال كله هنا"),
    ("<div class='content'>نص <span class='share-count'>3</span></div>", "نص"),
]


@pytest.mark.parametrize("html,expected", HTML_BLOCKS)
def test_html_blocks(html, expected):
    assert I.html_to_text(f"<html><body>{html}</body></html>")[0] == expected


HTML_DATES = [
    ('<meta property="article:published_time" content="2014-10-23T09:30:00Z">', "2014-10-23"),
    ('<meta name="date" content="2014-10-23">', "2014-10-23"),
    ('<meta itemprop="datePublished" content="2015-01-02">', "2015-01-02"),
    ('<time datetime="2016-03-15T08:00">15 آذار</time>', "2016-03-15"),
    ('<span itemprop="datePublished">2017/7/4</span>', "2017-07-04"),
    ('<meta name="date" content="not a date">', None),
    ('<meta name="date" content="2014-13-45">', None),
]


@pytest.mark.parametrize("tag,expected", HTML_DATES)
def test_html_published(tag, expected):
    text, title, published = I.html_to_text(f"<html><head><title> عنوان  الصفحة </title>{tag}</head>"
                                            f"<body><p>{LINES[1]}</p>{tag if 'time' in tag or 'span' in tag else ''}"
                                            "</body></html>")
    assert published == expected
    assert title == "عنوان الصفحة"
    assert DATE in text


def test_html_non_utf8_meta_charset(tmp_path):
    html = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"></head><body><p>{SEED}</p></body></html>'
    p = tmp_path / "old.html"
    p.write_bytes(html.encode("cp1256"))
    doc = read_one(p)
    assert DATE in doc.text and HEADLINE in doc.text
    assert doc.encoding == "cp1256"


def test_docx(tmp_path):
    import datetime as dt

    p = tmp_path / "report.docx"
    p.write_bytes(_docx_bytes(created=dt.datetime(2014, 10, 24, 8, 0)))
    doc = read_one(p)
    assert doc.format == "docx" and doc.id == "report"
    assert doc.text.split("\n")[0] == HEADLINE
    assert DATE in doc.text
    assert "حلب\t12\nخلية مدموجة" in doc.text  # table in document order, merged cell once
    assert doc.text.index("خلية مدموجة") < doc.text.index(LINES[3])
    assert doc.title == HEADLINE
    assert doc.published == "2014-10-24" and doc.published_source == "docx-created"


def test_docx_template_created_date_is_not_a_publication_date(tmp_path):
    p = tmp_path / "r.docx"
    p.write_bytes(_docx_bytes(title=None))  # python-docx's template says created 2013-12-23
    doc = read_one(p)
    assert doc.published is None and doc.title is None


@pytest.mark.parametrize("visual,shaped", [(True, True), (False, True), (True, False), (False, False)],
                         ids=["visual-shaped", "reversed-shaped", "visual-plain", "reversed-plain"])
def test_pdf(tmp_path, visual, shaped):
    """visual: glyphs drawn in display order (a correct PDF); else drawn in logical order, which a
    PDF library hands back reversed and the reader must turn."""
    p = tmp_path / "report.pdf"
    p.write_bytes(_pdf_bytes(LINES, visual=visual, shaped=shaped))
    doc = read_one(p)
    assert doc.format == "pdf" and doc.encoding is None
    assert not any(0xFB50 <= ord(c) <= 0xFEFF for c in doc.text)  # presentation forms folded
    flat = _squash(doc.text)
    assert DATE in flat
    assert _squash(HEADLINE) in flat
    if visual or not shaped:
        for ln in LINES[1:]:
            assert _squash(ln) in flat
    else:
        # Known gap: pdfium splits a lam-alef ligature AFTER turning the line, so inside a word
        # it cannot be told from an article; the lexicon repairs the frequent cases (الأ, الا, إلا).
        words = _squash(SEED).split()
        found = set(flat.split())
        assert sum(w in found for w in words) / len(words) > 0.95
        for w in ("الإمداد", "الأرض،", "الانضمام", "هؤلاء", "إلا", "لأنها", "الإنسان."):
            assert w in found, w
    assert doc.title == HEADLINE
    assert doc.published is not None and doc.published_source == "pdf-created"


def test_pdf_pages_joined_by_blank_line(tmp_path):
    lines = [LINES[1]] * 140  # more than one page
    p = tmp_path / "long.pdf"
    p.write_bytes(_pdf_bytes(lines, visual=True, shaped=True))
    doc = read_one(p)
    assert "\n\n" in doc.text
    assert _squash(doc.text).count(DATE) == 140


def test_json_object_and_list(tmp_path):
    p = tmp_path / "one.json"
    p.write_text(json.dumps({"text": SEED, "title": HEADLINE, "published": "2014-10-23"}, ensure_ascii=False),
                 encoding="utf-8")
    doc = read_one(p)
    assert (doc.id, doc.text, doc.title, doc.published, doc.format) == ("one", SEED, HEADLINE, "2014-10-23", "json")
    q = tmp_path / "many.json"
    q.write_text(json.dumps([{"id": "x", "text": SEED}, {"text": "نص"}, {"title": "بلا نص"}], ensure_ascii=False),
                 encoding="utf-8")
    items = read_all(q)
    assert [getattr(i, "id", None) for i in items] == ["x", "many-2", None]
    assert isinstance(items[2], I.IngestError) and "missing field 'text'" in items[2].reason
    assert items[2].source == f"{q}#3"


def test_jsonl_bad_line_costs_one_line(tmp_path):
    good = {"id": "../../etc/passwd", "text": SEED, "published": "2014-10-23T10:00:00", "title": HEADLINE}
    lines = [json.dumps(good, ensure_ascii=False), '{"id": "b", "text": "مقطوع', "",
             json.dumps({"text": SEED.replace("\n", "\r\n")}, ensure_ascii=False),
             json.dumps({"id": "no-text"}), json.dumps({"id": "a/b", "text": 5}), "[1, 2]",
             json.dumps({"id": "ok", "text": "قتل مدني"}).encode().decode()]
    raw = ("\n".join(lines) + "\n").encode("utf-8")
    raw = raw.replace(b'"text": "\\u0642', b'"text": "\xff')  # a line that is not UTF-8
    p = tmp_path / "batch.jsonl"
    p.write_bytes(raw)
    items = read_all(p)
    docs = [i for i in items if isinstance(i, I.RawDoc)]
    errs = [i for i in items if isinstance(i, I.IngestError)]
    assert [d.id for d in docs] == ["etc_passwd", "batch-4"]
    assert all(d.format == "jsonl" for d in docs)
    assert docs[0].source == f"{p}#1" and docs[1].source == f"{p}#4"
    assert docs[0].published == "2014-10-23" and docs[0].title == HEADLINE
    assert docs[1].text == SEED  # CRLF inside the field -> LF
    assert DATE in docs[0].text and HEADLINE in docs[0].text
    import hashlib

    assert docs[0].sha256 == hashlib.sha256(raw.split(b"\n")[0]).hexdigest()
    reasons = {e.source.rsplit("#", 1)[1]: e.reason for e in errs}
    assert reasons["2"].startswith("line 2: not JSON")
    assert reasons["5"] == "line 5: missing field 'text'"
    assert "not a string" in reasons["6"]
    assert "not a JSON object" in reasons["7"]
    assert "not UTF-8" in reasons["8"]
    assert all("\n" not in e.reason for e in errs)


def test_jsonl_three_lines_one_broken_one_hostile(tmp_path):
    p = tmp_path / "three.jsonl"
    p.write_text("\n".join([json.dumps({"id": "../../etc/x", "text": SEED}, ensure_ascii=False), "{not json",
                            json.dumps({"text": SEED}, ensure_ascii=False)]), encoding="utf-8")
    items = read_all(p)
    assert [type(i).__name__ for i in items] == ["RawDoc", "IngestError", "RawDoc"]
    assert items[0].id == "etc_x" and items[2].id == "three-3"
    assert "/" not in items[0].id and ".." not in items[0].id


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED.replace("\n", "\r\n").encode("cp1256"))))
    doc = read_one("-")
    assert doc.text == SEED and doc.format == "stdin" and doc.source == "stdin"
    assert re.fullmatch(r"stdin-[0-9a-f]{8}", doc.id) and doc.id[6:] == doc.sha256[:8]


def test_stdin_too_large(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED.encode())))
    err = read_error("-", max_bytes=100)
    assert err.reason.startswith("input too large") and err.source == "stdin"


def test_unknown_extension_is_sniffed(tmp_path):
    p = tmp_path / "report"  # no extension
    p.write_bytes(_docx_bytes())
    assert read_one(p).format == "docx"
    q = tmp_path / "notes.text"
    q.write_text(SEED, encoding="utf-8")
    assert read_one(q).text == SEED


# ----------------------------------------------------------------------------- bad inputs

def _truncated_docx():
    data = _docx_bytes()
    return data[: len(data) // 2]


def _docx_without_document():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "x")
    return buf.getvalue()


BAD = [
    # name, file name, bytes (or builder), stage, reason (regex, searched)
    ("empty", "e.txt", b"", "read", r"^empty file$"),
    ("whitespace", "w.txt", b" \r\n\t\n  \n", "read", r"^empty file: whitespace only$"),
    ("random bytes", "r.txt", lambda: os.urandom(4096), "decode", r"^not text: binary data \(looks like random bytes\)$"),
    ("NUL-heavy", "n.txt", b"abc\x00\x00\x00\x01\x02" * 300, "decode", r"^not text: binary data \(NUL bytes\)$"),
    ("zip as txt", "z.txt", _docx_without_document, "decode", r"binary data \(a zip archive"),
    ("PDF as txt", "p.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"\x00\x01" * 50, "decode", r"binary data \(a PDF document\)"),
    ("mojibake", "m.txt", SEED.encode("utf-8").decode("cp1256", errors="replace").encode("utf-8"), "decode", r"^mojibake"),
    ("damaged UTF-8", "d.txt", lambda: bytes(b if i % 150 != 7 else 0xFF for i, b in enumerate(SEED.encode())),
     "decode", r"^damaged UTF-8: \d+ invalid byte sequences"),
    ("latin text in cp1252", "l.txt", "café crème brûlée à la carte".encode("cp1252"), "decode", r"unknown encoding"),
    ("truncated DOCX", "t.docx", _truncated_docx, "parse", r"^broken DOCX: truncated or damaged zip archive"),
    ("not a zip DOCX", "x.docx", SEED.encode("utf-8"), "parse", r"^broken DOCX: not a zip archive$"),
    ("DOCX without body", "y.docx", _docx_without_document, "parse", r"^broken DOCX: no word/document.xml"),
    ("broken PDF", "b.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\ngarbage", "parse", r"^broken PDF: "),
    ("not a PDF", "c.pdf", SEED.encode("utf-8"), "parse", r"^broken PDF: no %PDF header$"),
    ("empty JSON file", "e.json", b"  \n", "read", r"^empty file$"),
    ("not JSON", "j.json", b'{"text": ', "parse", r"^not JSON \(Expecting value at line 1"),
    ("JSON string", "s.json", b'"just a string"', "parse", r"not an object or a list"),
    ("empty JSON list", "l.json", b"[]", "parse", r"^empty: the JSON list holds no objects$"),
    ("empty JSONL", "e.jsonl", b"\n\n", "read", r"^empty file: no JSON lines$"),
    ("HTML without text", "h.html", b"<html><head><title>t</title></head><body><script>x()</script></body></html>",
     "parse", r"^empty: no text in the HTML body$"),
]


@pytest.mark.parametrize("name,fname,data,stage,reason", BAD, ids=[b[0] for b in BAD])
def test_bad_inputs_give_one_line_reasons(tmp_path, name, fname, data, stage, reason):
    p = tmp_path / fname
    p.write_bytes(data() if callable(data) else data)
    err = read_error(p)
    assert re.search(reason, err.reason), err.reason
    assert err.stage == stage
    assert err.source == str(p)
    assert "\n" not in err.reason and "Traceback" not in err.reason
    assert err.to_record() == {"source": str(p), "stage": stage, "reason": err.reason}


def test_pdf_without_text_layer(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.rect(100, 100, 200, 200)
    c.showPage()
    c.save()
    p = tmp_path / "scan.pdf"
    p.write_bytes(buf.getvalue())
    assert read_error(p).reason.startswith("no text layer in PDF")


def test_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    p = tmp_path / "big.txt"
    p.write_bytes(b"x" * 2000)
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda *a, **k: opened.append(a) or real_open(*a, **k))
    err = read_error(p, max_bytes=1000)
    assert err.reason == "file too large: 2000 bytes > --max-bytes 1000"
    assert err.stage == "read"
    assert not opened
    monkeypatch.undo()
    assert isinstance(read_all(p, max_bytes=2000)[0], I.RawDoc)


def test_missing_and_directory_and_unreadable(tmp_path):
    assert read_error(tmp_path / "nope.txt").reason == "unreadable: no such file"
    assert read_error(tmp_path).reason == "unreadable: is a directory"
    p = tmp_path / "secret.txt"
    p.write_text(SEED, encoding="utf-8")
    p.chmod(0)
    try:
        if os.access(p, os.R_OK):
            pytest.skip("running as root: permissions are not enforced")
        assert read_error(p).reason == "unreadable: permission denied"
    finally:
        p.chmod(0o644)


def test_ingest_error_from_a_message():
    e = I.IngestError("no text in x.txt")
    assert (e.reason, e.stage, e.source, str(e)) == ("no text in x.txt", "read", None, "no text in x.txt")
    assert I.IngestError("two\nlines", stage="parse").reason == "two lines"


def test_reader_surprises_become_records(tmp_path, monkeypatch):
    p = tmp_path / "a.html"
    p.write_text("<p>نص</p>", encoding="utf-8")

    def boom(_html):
        raise RuntimeError("parser exploded\nwith a second line")

    monkeypatch.setattr(I, "html_to_text", boom)
    err = read_error(p)
    assert err.reason == "cannot read: RuntimeError: parser exploded"


@pytest.mark.parametrize("ext", [".txt", ".html", ".pdf", ".docx", ".json", ".jsonl", ".md"])
def test_never_raises_on_garbage(tmp_path, ext):
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import strategies as st

    seeds = [b"", b"\x00", b"<", b"{", b"[{}]", b"%PDF-", b"PK\x03\x04", "قتل".encode(), b"\xff\xfe\x00"]

    @hypothesis.settings(max_examples=40, deadline=None, derandomize=True)
    @hypothesis.given(st.sampled_from(seeds), st.binary(max_size=300))
    def check(prefix, tail):
        p = tmp_path / f"g{ext}"
        p.write_bytes(prefix + tail)
        for item in I.read_input(str(p), 10_000):
            assert isinstance(item, (I.RawDoc, I.IngestError))
            if isinstance(item, I.IngestError):
                assert item.reason and "\n" not in item.reason

    check()


# ----------------------------------------------------------------------------- ids

SAFE_IDS = [
    ("a", "a"),
    ("report_2014-09.v2", "report_2014-09.v2"),
    ("../../etc/x", "etc_x"),
    ("a/b", "a_b"),
    ("a\\b", "a_b"),
    ("..", None),
    ("/", None),
    ("...hidden", "hidden"),
    ("-rf", "rf"),
    ("تقرير أيلول 2014", "تقرير_أيلول_2014"),
    ("تقريرٌ", "تقرير"),  # diacritics are not letters
    ("a b\tc\nd", "a_b_c_d"),
    ("x\x00y", "x_y"),
    ("C:\\Windows\\system32", "C_Windows_system32"),
    ("a" * 300, None),
]


@pytest.mark.parametrize("raw,expected", SAFE_IDS)
def test_safe_id(raw, expected):
    got = I.safe_id(raw)
    assert re.fullmatch(r"[A-Za-z0-9._\-\u0621-\u064a\u0660-\u0669\u066e-\u06d3\u06d5\u06ee-\u06ff]+", got)
    assert ".." not in got and not got.startswith((".", "-")) and len(got) <= 100
    if expected is not None:
        assert got == expected
    assert I.safe_id(raw) == got  # stable


def test_long_ids_stay_distinct():
    assert I.safe_id("a" * 300) != I.safe_id("a" * 301)
    assert len(I.safe_id("a" * 300)) == 100


def test_file_ids_are_stems(tmp_path):
    d = tmp_path / "reports" / "2019"
    d.mkdir(parents=True)
    (d / "a.txt").write_text(SEED, encoding="utf-8")
    (d / "تقرير أيلول.txt").write_text(SEED, encoding="utf-8")
    assert read_one(d / "a.txt").id == "a"
    assert read_one(d / "تقرير أيلول.txt").id == "تقرير_أيلول"


# ----------------------------------------------------------------------------- expand_inputs

def test_expand_inputs(tmp_path):
    root = tmp_path / "in"
    (root / "b" / "c").mkdir(parents=True)
    (root / ".git").mkdir()
    files = ["z.txt", "a.HTML", "b/c/d.pdf", "b/e.docx", "b/f.json", "b/g.jsonl", "b/h.md", "b/i.htm"]
    for f in files:
        (root / f).write_text("x")
    for f in ["b/skip.csv", ".git/x.txt", "b/.hidden.txt", "b/c/notes.doc"]:
        (root / f).write_text("x")
    got = I.expand_inputs([str(root)])
    assert got == sorted(str(root / f) for f in files)
    # globs, stdin, explicit files of any extension, missing paths kept, duplicates dropped
    got = I.expand_inputs(["-", str(root / "b" / "*.json*"), str(root / "b" / "skip.csv"),
                           str(root / "missing.txt"), str(root / "z.txt"), str(root / "z.txt"),
                           str(root / "**" / "*.pdf"), str(root / "nomatch*.txt")])
    assert got == ["-", str(root / "b" / "f.json"), str(root / "b" / "g.jsonl"), str(root / "b" / "skip.csv"),
                   str(root / "missing.txt"), str(root / "z.txt"), str(root / "b" / "c" / "d.pdf"),
                   str(root / "nomatch*.txt")]


# ----------------------------------------------------------------------------- PDF text repair

def test_fold_presentation_forms():
    assert I.fold_presentation_forms(shape(HEADLINE)) == HEADLINE
    assert I.fold_presentation_forms(shape(LINES[1])) == LINES[1]
    assert I.fold_presentation_forms("\ufefb") == "لا"
    assert I.fold_presentation_forms("\ufdf2") == "الله"
    # outside the presentation-form blocks nothing changes
    keep = "ABC ½ ﬁ ２ ٣ ‏ ً"
    assert I.fold_presentation_forms(keep) == keep


REVERSAL = [
    # logical line, what a reversing PDF extractor gives (digits/Latin keep their order)
    ("شنت الطائرات غارات على الرقة بتاريخ 23/ أيلول/2014، ثم انسحبت",
     "تبحسنا مث /2014،لوليأ 23/ خيراتب ةقرلا ىلع تاراغ تارئاطلا تنش"),
    ("قتل 5 مدنيين (بينهم طفلان) في 12.5% من الحالات", "تالاحلا نم 12.5% يف (نالفط مهنيب) نييندم 5 لتق"),
    ("وثقت الشبكة مقتل ١٢٣ مدنياً في حلب", "بلح يف ًايندم ١٢٣ لتقم ةكبشلا تقثو"),
    ("أصدرت منظمة UN SNHR تقريرها عن الضحايا", "اياحضلا نع اهريرقت UN SNHR ةمظنم تردصأ"),
    ("سقط صاروخ على المدرسة منذ 3 أيام", "مايأ 3 ذنم ةسردملا ىلع خوراص طقس"),
    ("تهجير [السكان] من «البلدة» الواقعة شرق حمص", "صمح قرش ةعقاولا «ةدلبلا» نم [ناكسلا] ريجهت"),
]
@pytest.mark.parametrize("logical,visual", REVERSAL)
def test_reverse_visual_line(logical, visual):
    assert I.is_reversed_line(visual)
    assert not I.is_reversed_line(logical)
    assert I.reverse_visual_line(visual) == logical


def test_no_seed_line_is_judged_reversed_and_every_reversed_one_is():
    for ln in LINES:
        assert not I.is_reversed_line(ln), ln
    assert I.fix_reversed_lines(SEED) == SEED
    rev = "\n".join(I.reverse_visual_line(ln) for ln in SEED.split("\n"))
    assert rev != SEED
    assert I.fix_reversed_lines(rev) == SEED


def test_fix_reversed_lines_with_ligatures():
    # a reversed, shaped line: the lam-alef ligature must come back as لا, not ال
    line = "لا يمكن التحقق من أعداد القتلى"
    visual = I.reverse_visual_line(shape(line))
    assert I.fix_reversed_lines(visual) == line


def test_short_lines_follow_the_document():
    doc = "\n".join(I.reverse_visual_line(x) for x in ["ريف دمشق - 14 آب 2015", LINES[1], LINES[2]])
    assert I.fix_reversed_lines(doc).split("\n")[0] == "ريف دمشق - 14 آب 2015"


# ----------------------------------------------------------------------------- size

def test_a_50mb_text_is_read_whole(tmp_path):
    """Correctness at size (its time is measured by bench/bench_ingest.py, not here)."""
    block = SEED.replace("\n", "\r\n").encode("utf-8")
    p = tmp_path / "big.txt"
    n = 50 * 1024 * 1024 // len(block) + 1
    p.write_bytes(block * n)
    assert len(read_one(p, max_bytes=64 * 1024 * 1024).text) == len(SEED) * n
    # cp1256 of the same size goes through the detector too
    q = tmp_path / "big1256.txt"
    q.write_bytes(SEED.encode("cp1256") * n)
    assert read_one(q, max_bytes=64 * 1024 * 1024).encoding == "cp1256"


@pytest.mark.parametrize("kind", ["html", "docx"])
def test_table_rows_keep_empty_cells_in_their_columns(tmp_path, kind):
    header, row = ["المحافظة", "مدنيون", "عسكريون"], ["حلب", "", "5"]
    if kind == "html":
        cells = lambda r, tag: "".join(f"<{tag}>{c}</{tag}>" for c in r)  # noqa: E731
        p = tmp_path / "t.html"
        p.write_text(f"<table><tr>{cells(header, 'th')}</tr><tr>{cells(row, 'td')}</tr></table>", encoding="utf-8")
    else:
        import docx

        d = docx.Document()
        t = d.add_table(rows=2, cols=3)
        for r, values in enumerate((header, row)):
            for c, v in enumerate(values):
                t.cell(r, c).text = v
        p = tmp_path / "t.docx"
        d.save(p)
    assert read_one(p).text.split("\n")[-2:] == ["\t".join(header), "\t".join(row)]
