"""`rasd view`: the static site (files, escaping, highlights that leave the text intact, offline)."""
from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.research import view

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
    assert '<html lang="ar" dir="rtl">' in text
    assert re.search(r'<div class="report-text" dir="rtl" lang="ar">', text)
    assert '"Noto Naskh Arabic", "DejaVu Sans", sans-serif' in text


def test_marks_carry_no_label_and_are_focusable(site):
    page = parse_report_page(site / "reports" / "r01_toll_2019_07.html")
    assert page.marks and all(m.get("tabindex") == "0" and m.get("data-f") for m in page.marks)
    assert all("data-label" not in m for m in page.marks)
    css = (view.ASSETS / "style.css").read_text(encoding="utf-8")
    mark_rules = re.findall(r"mark[^{}]*\{([^}]*)\}", css)
    assert mark_rules and not any(re.search(r"padding:\s*[.1-9]|margin:\s*[.1-9]|content:", r) for r in mark_rules)


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
        assert not re.search(r"<link|<img|@import|url\(", text)
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", text)
        for src in re.findall(r'\ssrc="([^"]*)"', text):  # local files of the site only
            assert ":" not in src and not src.startswith("/") and (page.parent / src).is_file(), src
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", (site / "site.js").read_text(encoding="utf-8"))


def index_data(site: Path) -> dict:
    raw = (site / "data" / "index.js").read_text(encoding="utf-8")
    assert raw.startswith("window.RASD_INDEX=JSON.parse(") and raw.rstrip().endswith(");")
    return json.loads(json.loads(raw[len("window.RASD_INDEX=JSON.parse("):raw.rstrip().rindex(")")]))


def test_index_rows_add_up_to_the_reports_tolls(site):
    from pipeline.research import corrections
    data = index_data(site)
    assert len(data["reports"]) == len(REPORTS)
    want = {o: sum(corrections.report_tolls(r)[o] for r in REPORTS.values()) for o in corrections.OUTCOMES}
    assert data["tolls"] == want and want["killed"] > 0
    incident = [r for r in data["rows"] if r[5] == 0]
    for j, o in enumerate(corrections.OUTCOMES):
        assert sum(r[7 + j] for r in incident) == want[o]
    # every row links to an event anchor of its report's page
    for r in data["rows"]:
        page = site / "reports" / data["reports"][r[0]][1]
        assert f'id="{r[12]}"' in page.read_text(encoding="utf-8")


def test_index_names_actors_in_arabic_and_english(site):
    data = index_data(site)
    perps = {p[0]: p for p in data["perps"]}
    assert perps["syrian_regime"][1] and perps["syrian_regime"][2].startswith("Military Forces of Syria")
    assert re.search(r"[\u0600-\u06ff]", perps["russia"][1])
    assert any(g[2] == "Idlib" and g[1] for g in data["govs"])


def _cas(cid, outcome, count, perp=None, scope="incident", part_of=None, same_as=None, vmin=None):
    return {"id": cid, "outcome": outcome, "group": "civilians", "count": count,
            "min": count if vmin is None else vmin, "max": count, "qualifier": "exact", "perpetrator": perp,
            "scope": scope, "part_of": part_of, "same_as": same_as, "text": "x", "span": [0, 1]}


ROWS = [  # casualties of one event -> the index rows (scope, perpetrator, killed, injured)
    ([_cas("c1", "killed", 6, "syrian_regime"), _cas("c2", "killed", 4, "syrian_regime", part_of="c1")],
     [("incident", "syrian_regime", 6, 0)]),
    ([_cas("c1", "killed", 5, "russia"), _cas("c2", "killed", 2, "syrian_regime"), _cas("c3", "injured", 7, "russia")],
     [("incident", "russia", 5, 7), ("incident", "syrian_regime", 2, 0)]),
    ([_cas("c1", "killed", 30), _cas("c2", "killed", 30, same_as="c1")], [("incident", "", 30, 0)]),
    ([_cas("c1", "killed", None, "isis", vmin=20)], [("incident", "isis", 20, 0)]),  # vague: at its min
    ([_cas("c1", "killed", 312, scope="aggregate"), _cas("c2", "killed", 3, "unknown")],
     [("aggregate", "", 312, 0), ("incident", "unknown", 3, 0)]),
    ([], [("incident", "", 0, 0)]),  # an event with no count keeps a row
]


@pytest.mark.parametrize("cas,rows", ROWS)
def test_index_rows_split_events_by_scope_and_perpetrator(cas, rows):
    ev = {"id": "r#e1", "type": "airstrike", "scope": "incident", "casualties": cas, "places": [], "actors": []}
    report = {"report": {"id": "r", "sha256": "s"}, "events": [ev], "text": "x"}
    b = view.IndexBuilder()
    b.add(report, "r.html")
    got = [("aggregate" if r[5] else "incident", b.perps.values[r[6]][0], r[7], r[8]) for r in b.rows]
    assert sorted(got) == sorted(rows)
    from pipeline.research import corrections
    tolls = corrections.report_tolls(report)
    assert sum(r[7] for r in b.rows if not r[5]) == tolls["killed"]


SEARCH = [  # words of a text -> forms the index finds it by (and one it must not)
    ("قصفت الطائرات بلدة كفرنبل", ["قصفت", "طائرات", "الطائرات", "كفرنبل"], "بلدات"),
    ("وبالرقة قتل مدنيان", ["رقه", "الرقه", "وبالرقه", "قتل"], "الرقة"),
    ("قُتِلَ 12 شخصاً", ["قتل", "12", "شخصا"], "13"),
    ("Russia and the SDF", ["russia", "sdf"], "Russia"),
]


@pytest.mark.parametrize("text,found,missing", SEARCH)
def test_search_tokens(text, found, missing):
    toks = view.SearchIndex().tokens(text)
    assert set(found) <= toks, toks
    assert missing not in toks


@pytest.mark.parametrize("token,shards,expected", [("a", 1, 0), ("", 7, 0x811C9DC5 % 7)])
def test_search_hash_is_fnv1a(token, shards, expected):
    assert view._hash(token, shards) == expected


def test_search_hash_known_value():
    # FNV-1a 32-bit of "a" (one UTF-16 unit 0x61) is 0xE40C292C
    assert view._hash("a", 1 << 32) == 0xE40C292C


def test_fact_panel_shows_why_rule_and_trigger():
    text = "قتلت قوات النظام 5 مدنيين"
    c = {"id": "r#c1", "outcome": "killed", "group": "civilians", "count": 5, "min": 5, "max": 5,
         "qualifier": "exact", "perpetrator": "syrian_regime", "scope": "incident", "text": "5 مدنيين",
         "span": [17, 25], "why": {"perpetrator": {"rule": "agent_before_verb", "span": [5, 16]}}}
    ev = {"id": "r#e1", "type": "killing", "scope": "incident", "casualties": [c]}
    report = {"report": {"id": "r", "sha256": "x"}, "events": [ev], "text": text}
    fact = view.fact_details("casualty", c, ev, text, report)
    assert ["perpetrator", "agent_before_verb", "قوات النظام"] in fact["why"]
    assert ["count", 5] in fact["fields"] and fact["values"]["scope"] == "incident"
    assert any(k == "perpetrator" and "Military Forces of Syria" in str(v) for k, v in fact["fields"])


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
