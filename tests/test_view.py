"""`rasd view`: the static site (files, escaping, highlights that leave the text intact, offline)."""
from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline import view

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "outdir"
REPORTS = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (FIXTURE / "reports").glob("*.json")}


class TextOf(HTMLParser):
    """The text inside the element with class ``report-text``, and the marks met there."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []
        self.marks: list[dict] = []
        self.open_marks = 0
        self.max_nesting = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.depth:
            self.depth += 1
            if tag == "mark":
                self.open_marks += 1
                self.max_nesting = max(self.max_nesting, self.open_marks)
                self.marks.append(a)
        elif "report-text" in (a.get("class") or "").split():
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if tag == "mark":
                self.open_marks -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def parse_report_page(path: Path) -> TextOf:
    p = TextOf()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_files_exist(site):
    assert (site / "index.html").is_file()
    assert sorted(p.name for p in (site / "reports").iterdir()) == sorted(f"{rid}.html" for rid in REPORTS)


@pytest.mark.parametrize("rid", sorted(REPORTS))
def test_highlighting_keeps_the_text_exactly(site, rid):
    page = parse_report_page(site / "reports" / f"{rid}.html")
    assert "".join(page.parts).replace(view.ZWJ, "") == REPORTS[rid]["text"]
    assert page.open_marks == 0 and page.marks


@pytest.mark.parametrize("rid,kind,tip", [
    ("r01_toll_2019_07", "date", "2019-07-12 · day"),
    ("r01_toll_2019_07", "casualty", "killed · civilians · 6 · syrian_regime"),
    ("r01_toll_2019_07", "casualty", "detained · persons · 178 · syrian_regime · at_least"),
    ("r01_toll_2019_07", "place", "geonames:168661 Kafr Nabl · town · SY07 Idlib"),
    ("r01_toll_2019_07", "facility", "school · 1 · syrian_regime"),
    ("r01_toll_2019_07", "weapon", "barrel_bomb"),
    ("r02_douma_2016_03", "casualty", "killed · women · 2 · russia"),
    ("r02_douma_2016_03", "date", "2016-03-05 · day"),
    ("r02_douma_2016_03", "actor", "opposition · other"),
    ("r02_douma_2016_03", "event", "massacre · incident · e1"),
    ("r03_homs_2018_10", "casualty", "killed · men · 1 · unattributed · torture"),
    ("r03_homs_2018_10", "place", "SY04 Homs"),
])
def test_tooltips(site, rid, kind, tip):
    page = parse_report_page(site / "reports" / f"{rid}.html")
    tips = [m.get("title", "") for m in page.marks if m.get("data-kind") == kind]
    assert any(tip in t for t in tips), tips


def test_nested_facts_are_drawn_inside_their_container(site):
    # the facility "سجن صيدنايا العسكري" contains the place "صيدنايا"
    page = parse_report_page(site / "reports" / "r03_homs_2018_10.html")
    assert page.max_nesting >= 2


def test_report_page_is_rtl_arabic(site):
    text = (site / "reports" / "r02_douma_2016_03.html").read_text(encoding="utf-8")
    assert re.search(r'<div class="report-text" dir="rtl" lang="ar">', text)
    assert '"Noto Naskh Arabic", "DejaVu Sans", sans-serif' in text


def test_markup_in_reports_is_escaped(site):
    for page in [site / "index.html", *(site / "reports").iterdir()]:
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<b>النص</b>" not in text
    r3 = (site / "reports" / "r03_homs_2018_10.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r3
    assert "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;" in r3  # the title


def test_no_network(site):
    for page in [site / "index.html", *(site / "reports").iterdir()]:
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<link|<img|@import|url\(|\ssrc=", text)
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", text)


def test_index_charts_table_and_links(site):
    text = (site / "index.html").read_text(encoding="utf-8")
    for key in ("month", "governorate", "perpetrator"):
        for scope in ("incident", "aggregate"):
            assert f'id="chart-{key}-{scope}"' in text
    assert text.count('class="bar bar-killed"') >= 8
    assert len(re.findall(r'<tr id="[^"]+" data-scope=', text)) == 7
    for href in re.findall(r'href="(reports/[^"#]+)#([^"]+)"', text):
        page = site / html.unescape(href[0])
        assert page.is_file() and f'id="{href[1]}"' in page.read_text(encoding="utf-8")


def test_perpetrator_totals_do_not_double_count(site):
    from pipeline import query
    con = query.connect(FIXTURE)
    cats, values = view._perpetrator_totals(con, "aggregate")
    got = dict(zip(cats, values["killed"]))
    # the monthly total of 312: 198 by the regime, 64 by Russia, 50 not attributed
    assert got == {"syrian_regime": 198, "russia": 64, "unattributed": 50}
    cats, values = view._perpetrator_totals(con, "incident")
    assert dict(zip(cats, values["killed"])) == {"russia": 14, "syrian_regime": 6, "unknown": 3, "unattributed": 3}


def S(start, end, kind, tip="t"):
    return view.Span(start, end, kind, [tip])


NESTING = [  # spans over "abcdefghij" -> rendered marks (kind sequence in document order), text intact
    ([S(0, 4, "casualty"), S(2, 4, "actor")], ["casualty", "actor"]),
    ([S(0, 4, "place"), S(0, 4, "facility")], ["facility", "place"]),  # equal spans: by kind rank
    ([S(0, 5, "date"), S(3, 8, "place")], ["date"]),  # crossing: folded into the first one's tooltip
    ([S(1, 2, "weapon"), S(5, 9, "event"), S(6, 7, "actor")], ["weapon", "event", "actor"]),
    ([S(0, 20, "date")], ["date"]),  # past the end: clipped
    ([S(3, 3, "date")], []),  # empty: dropped
]


@pytest.mark.parametrize("spans,kinds", NESTING)
def test_nesting(spans, kinds):
    text = "abcd<&>\"'j"
    spans = sorted(spans, key=lambda s: (s.start, -s.end, view.KIND_RANK[s.kind]))
    out = view.render_text(text, spans)
    assert re.findall(r'data-kind="(\w+)"', out) == kinds
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text
    assert out.count("<mark") == out.count("</mark>")


JOINERS = [  # text, span -> where zero-width joiners go (the text itself is never changed)
    ("التابع لقوات النظام", (8, 19), "التابع ل\u200d<mark>\u200dقوات النظام</mark>"),
    ("في مدينة حمص", (9, 12), "في مدينة <mark>حمص</mark>"),
    ("بريف دمشق", (1, 9), "ب\u200d<mark>\u200dريف دمشق</mark>"),
    ("والنظام", (1, 7), "و<mark>النظام</mark>"),  # waw never joins to the left: nothing to keep
]


@pytest.mark.parametrize("text,span,expected", JOINERS)
def test_joiners_keep_arabic_shaping_across_mark_boundaries(text, span, expected):
    out = view.render_text(text, [S(*span, "actor")])
    assert re.sub(r"<mark[^>]*>", "<mark>", out) == expected


def test_crossing_span_is_kept_in_the_tooltip():
    out = view.render_text("abcdefghij", [S(0, 5, "date", "2020-01-01"), S(3, 8, "place", "SY01 Damascus")])
    assert "also place: SY01 Damascus" in out


@pytest.mark.parametrize("ids", [
    ["r1", "r2"],
    ["a/b", "a_b", "../x", "..", "", "تقرير", "A", "a"],
])
def test_page_names_are_safe_and_unique(ids):
    names = view.page_names(ids)
    assert len({n.lower() for n in names.values()}) == len(ids)
    assert all(re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9._-]*\.html", n) for n in names.values())
