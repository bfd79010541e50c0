"""``rasd view OUTDIR -o SITE``: a static site that shows every fact in its sentence.

``SITE/index.html``: the totals (killed, injured, detained) per month, per
governorate and per perpetrator as inline SVG charts, for incidents and for the
reports' own tallies (a switch, so the two are never summed), and a sortable,
filterable table of events. ``SITE/reports/<id>.html``: one page per report,
its text right-to-left with every fact highlighted in place (labelled ``<mark>``
spans by kind, nested spans drawn inside their container, a tooltip with the
normalized value) and the list of its events, linked from the index.

Everything is inline (no script, style or font from the network), so the site
opens from the file system. All text from reports goes through
:func:`html.escape`.
"""
from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import quote

import duckdb

from . import query

ASSETS = Path(__file__).resolve().parent / "view_assets"
OUTCOMES = ("killed", "injured", "detained")
COLORS = {"killed": "#c0392b", "injured": "#e67e22", "detained": "#2e6da4"}
# outermost first when two spans are equal
KIND_RANK = {"event": 0, "casualty": 1, "facility": 2, "date": 3, "place": 4, "actor": 5, "weapon": 6}
KIND_LABEL = {k: k.upper() for k in KIND_RANK}
FONT_STACK = '"Noto Naskh Arabic", "DejaVu Sans", sans-serif'


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- file names


def page_names(report_ids: Iterable[str]) -> dict[str, str]:
    """report id -> a safe, unique file name under SITE/reports/."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for rid in report_ids:
        base = re.sub(r"[^A-Za-z0-9._-]", "_", rid)[:80].lstrip(".") or "report"
        name = base
        if name != rid or name.lower() in used:
            name = f"{base}-{hashlib.sha1(rid.encode('utf-8')).hexdigest()[:8]}"
        used.add(name.lower())
        out[rid] = name + ".html"
    return out


def event_anchor(event_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", event_id.rsplit("#", 1)[-1])


# --------------------------------------------------------------------------- charts


def bar_chart(title: str, categories: list[str], values: dict[str, list[int]], *, chart_id: str) -> str:
    """Horizontal grouped bars (one group per category, one bar per outcome) as inline SVG."""
    label_w, bar_h, gap, width, value_w = 118, 10, 10, 420, 46
    plot_w = width - label_w - value_w
    group_h = bar_h * len(OUTCOMES) + gap
    height = max(1, len(categories)) * group_h + 24
    vmax = max([v for vs in values.values() for v in vs] + [1])
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="bars" id="{esc(chart_id)}" role="img" '
             f'viewBox="0 0 {width} {height}" aria-label="{esc(title)}">']
    if not categories:
        parts.append(f'<text x="{label_w}" y="16">no data</text>')
    for i, cat in enumerate(categories):
        y0 = i * group_h + 4
        parts.append(f'<text x="{label_w - 6}" y="{y0 + bar_h * 2 - 2}" text-anchor="end">{esc(cat[:20])}</text>')
        for j, outcome in enumerate(OUTCOMES):
            v = values[outcome][i]
            w = 0 if vmax == 0 else round(plot_w * v / vmax, 1)
            y = y0 + j * bar_h
            parts.append(f'<rect class="bar bar-{outcome}" x="{label_w}" y="{y}" width="{max(w, 0.5 if v else 0)}" '
                         f'height="{bar_h - 1}" fill="{COLORS[outcome]}" data-value="{v}">'
                         f'<title>{esc(cat)} · {outcome}: {v:,}</title></rect>')
            if v:
                parts.append(f'<text x="{label_w + w + 3}" y="{y + bar_h - 1}" font-size="10">{v:,}</text>')
    parts.append("</svg>")
    return (f'<div class="chart"><h3>{esc(title)}</h3>{"".join(parts)}</div>')


def chart_data(con: duckdb.DuckDBPyConnection, scope: str) -> dict[str, tuple[list[str], dict[str, list[int]]]]:
    """Categories and killed/injured/detained totals per month, governorate and perpetrator for one scope."""
    out = {}
    for key, expr, order in (
        ("month", "coalesce(month, 'undated')", "1"),
        ("governorate", "coalesce(admin1_name_en, admin1_name_ar, 'unknown')", "2 DESC, 1"),
    ):
        rows = con.execute(
            f"SELECT {expr} AS k, sum(killed) + sum(injured) + sum(detained) AS total, sum(killed), sum(injured), "
            f"sum(detained) FROM events WHERE scope = ? GROUP BY 1 HAVING total > 0 ORDER BY {order}",
            [scope]).fetchall()
        out[key] = ([r[0] for r in rows], {o: [int(r[2 + i] or 0) for r in rows] for i, o in enumerate(OUTCOMES)})
    out["perpetrator"] = _perpetrator_totals(con, scope)
    return out


def _perpetrator_totals(con: duckdb.DuckDBPyConnection, scope: str) -> tuple[list[str], dict[str, list[int]]]:
    """Per perpetrator: its counts that are not parts of another count of the same perpetrator; what an
    event's total leaves unattributed goes to 'unattributed'."""
    attributed = con.execute("""
SELECT x.event_id, x.c.perpetrator, x.c.outcome, sum(coalesce(x.c."count", x.c."min", 0))
FROM rasd_internal.casualties_base x
WHERE x.scope = ? AND x.c.perpetrator IS NOT NULL AND x.c.outcome IN ('killed', 'injured', 'detained')
  AND NOT coalesce(len([1 FOR t, j IN x.cs IF j <> x.idx AND t.perpetrator = x.c.perpetrator
                        AND _is_part(x.c, t)]) > 0, false)
GROUP BY ALL""", [scope]).fetchall()
    totals = con.execute("SELECT event_id, killed, injured, detained FROM events WHERE scope = ?", [scope]).fetchall()
    per: dict[str, dict[str, int]] = {}
    by_event: dict[tuple[str, str], int] = {}
    for ev, perp, outcome, n in attributed:
        per.setdefault(perp, dict.fromkeys(OUTCOMES, 0))[outcome] += int(n)
        by_event[(ev, outcome)] = by_event.get((ev, outcome), 0) + int(n)
    for ev, *vals in totals:
        for outcome, v in zip(OUTCOMES, vals):
            rest = int(v or 0) - by_event.get((ev, outcome), 0)
            if rest > 0:
                per.setdefault("unattributed", dict.fromkeys(OUTCOMES, 0))[outcome] += rest
    cats = sorted(per, key=lambda p: (-sum(per[p].values()), p))
    return cats, {o: [per[p][o] for p in cats] for o in OUTCOMES}


# --------------------------------------------------------------------------- highlighting


@dataclass
class Span:
    start: int
    end: int
    kind: str
    tips: list[str]
    anchor: str | None = None
    children: list["Span"] = field(default_factory=list)


def _date_tip(d: dict) -> str:
    tip = f"{d.get('value')}"
    if d.get("start") and d.get("end") and d["start"] != d["end"] and d.get("precision") == "day":
        tip += f" → {d['end']}"
    tip += f" · {d.get('precision')}"
    if d.get("calendar") == "hijri":
        tip += " · hijri"
    if d.get("relative"):
        tip += " · relative to publication"
    return tip


def _place_tip(p: dict) -> str:
    name = p.get("name_en") or p.get("name_ar")
    tip = f"{p.get('pcode') or '-'} {name} · {p.get('kind')}"
    a1 = p.get("admin1") or {}
    if a1 and a1.get("pcode") != p.get("pcode"):
        tip += f" · {a1.get('pcode')} {a1.get('name_en') or a1.get('name_ar')}"
    if p.get("lat") is not None and p.get("lon") is not None:
        tip += f" · {p['lat']:.4f}, {p['lon']:.4f}"
    return tip


def _casualty_tip(c: dict) -> str:
    if c.get("count") is not None:
        n = str(c["count"])
    else:
        n = f"{c.get('min') if c.get('min') is not None else '?'}–{c.get('max') if c.get('max') is not None else '?'}"
    bits = [c.get("outcome"), c.get("group"), n, c.get("perpetrator") or "unattributed"]
    if c.get("qualifier") and c["qualifier"] != "exact":
        bits.append(c["qualifier"])
    if c.get("cause"):
        bits.append(c["cause"])
    return " · ".join(str(b) for b in bits)


def collect_spans(report: dict) -> list[Span]:
    """Every fact of a report as (start, end, kind, tooltip); equal spans of one kind merged."""
    found: dict[tuple[int, int, str], Span] = {}

    def add(kind: str, item: dict | None, tip: str, anchor: str | None = None) -> None:
        if not item or not item.get("span"):
            return
        s, e = int(item["span"][0]), int(item["span"][1])
        if e <= s:
            return
        sp = found.get((s, e, kind))
        if sp is None:
            found[(s, e, kind)] = Span(s, e, kind, [tip], anchor)
        else:
            if tip not in sp.tips:
                sp.tips.append(tip)
            sp.anchor = sp.anchor or anchor

    for d in report.get("dates") or []:
        add("date", d, _date_tip(d))
    for p in report.get("places") or []:
        add("place", p, _place_tip(p))
    for a in report.get("actors") or []:
        add("actor", a, f"{a.get('id')} · {a.get('role')}")
    for ev in report.get("events") or []:
        anchor = event_anchor(ev.get("id") or "")
        add("event", ev.get("trigger"), f"{ev.get('type')} · {ev.get('scope')} · {anchor}", f"t-{anchor}")
        if ev.get("date"):
            add("date", ev["date"], _date_tip(ev["date"]))
        for p in ev.get("places") or []:
            add("place", p, _place_tip(p))
        for a in ev.get("actors") or []:
            add("actor", a, f"{a.get('id')} · {a.get('role')}")
        for c in ev.get("casualties") or []:
            add("casualty", c, _casualty_tip(c))
        for f in ev.get("facilities") or []:
            bits = [f.get("type"), f.get("count") if f.get("count") is not None else "?",
                    f.get("perpetrator") or "unattributed"]
            add("facility", f, " · ".join(str(b) for b in bits))
        for w in ev.get("weapons") or []:
            add("weapon", w, str(w.get("type")))
    return sorted(found.values(), key=lambda s: (s.start, -s.end, KIND_RANK[s.kind]))


def nest(spans: list[Span], length: int) -> list[Span]:
    """A forest of properly nested spans; a span crossing another's boundary is folded into the
    tooltip of the span it crosses (its text stays visible inside that mark)."""
    roots: list[Span] = []
    stack: list[Span] = []
    for sp in spans:
        sp.end = min(sp.end, length)
        if sp.start >= sp.end:
            continue
        while stack and stack[-1].end <= sp.start:
            stack.pop()
        if stack and sp.end > stack[-1].end:  # crossing: keep it as a note on the span it overlaps
            stack[-1].tips.append(f"also {sp.kind}: {'; '.join(sp.tips)}")
            continue
        (stack[-1].children if stack else roots).append(sp)
        stack.append(sp)
    return roots


ZWJ = "\u200d"


# Arabic letters that never join the letter after them (hamza; alef forms, teh marbuta, dal, thal, reh,
# zain, waw), by code point.
_NO_LEFT_JOIN = set("\u0621\u0622\u0623\u0624\u0625\u0627\u0629\u062f\u0630\u0631\u0632\u0648\u0671")


def _is_arabic_letter(ch: str) -> bool:
    return "\u0620" <= ch <= "\u064a" or "\u066e" <= ch <= "\u06d3" or ch == "\u0640"


def _is_mark(ch: str) -> bool:
    return "\u064b" <= ch <= "\u065f" or ch == "\u0670"


def render_text(text: str, spans: list[Span]) -> str:
    """The text with every fact in a labelled ``<mark>``. Where a mark boundary falls inside an Arabic
    word (a proclitic outside the span: ``لقوات``), a zero-width joiner on each side keeps the letters
    in their joined forms, as the mark's padding would otherwise break the shaping."""
    roots = nest(spans, len(text))

    def joins(i: int) -> bool:
        """Do the letters on both sides of offset i join (the one before is dual-joining)?"""
        if not 0 < i < len(text) or not (_is_arabic_letter(text[i]) or _is_mark(text[i])) or text[i] == "\u0621":
            return False
        j = i - 1
        while j > 0 and _is_mark(text[j]):
            j -= 1
        return _is_arabic_letter(text[j]) and text[j] not in _NO_LEFT_JOIN

    def render(start: int, end: int, children: list[Span]) -> str:
        out, pos = [], start
        for ch in children:
            out.append(esc(text[pos:ch.start]))
            zs, ze = (ZWJ if joins(ch.start) else ""), (ZWJ if joins(ch.end) else "")
            tip = "\n".join(ch.tips)
            anchor = f' id="{esc(ch.anchor)}"' if ch.anchor else ""
            out.append(f'{zs}<mark class="f k-{ch.kind}"{anchor} data-kind="{ch.kind}" '
                       f'data-label="{KIND_LABEL[ch.kind]}" title="{esc(tip)}">{zs}'
                       f'{render(ch.start, ch.end, ch.children)}{ze}</mark>{ze}')
            pos = ch.end
        out.append(esc(text[pos:end]))
        return "".join(out)

    return render(0, len(text), roots)


# --------------------------------------------------------------------------- pages


def _page(title: str, body: str, *, lang: str = "en", script: bool = True) -> str:
    js = f"<script>{_asset('site.js')}</script>" if script else ""
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            f"style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
            f"<title>{esc(title)}</title>\n<style>{_asset('style.css')}</style>\n</head>\n"
            f"<body>\n{body}\n{js}\n</body>\n</html>\n")


def _legend() -> str:
    return '<div class="legend">' + "".join(
        f'<span><i style="background:{COLORS[o]}"></i>{o}</span>' for o in OUTCOMES) + "</div>"


def _kinds_legend() -> str:
    return '<p class="kinds">' + "".join(
        f'<span class="k-{k}">{KIND_LABEL[k]}</span>' for k in KIND_RANK) + "</p>"


def index_page(con: duckdb.DuckDBPyConnection, pages: dict[str, str], outdir: Path) -> str:
    n_reports = con.execute("SELECT count(*) FROM reports").fetchall()[0][0]
    events = con.execute("""
SELECT event_id, report_id, date, coalesce(admin1_name_en, admin1_name_ar) AS gov,
  coalesce(place_name_ar, place_name_en) AS place, event_type, scope, perpetrators, killed, injured, detained,
  text, date_start
FROM events ORDER BY date_start NULLS LAST, report_id, span_start""").fetchall()
    scopes = [s for s in ("incident", "aggregate") if any(e[6] == s for e in events)] or ["incident"]
    tot = {s: con.execute("SELECT coalesce(sum(killed),0), coalesce(sum(injured),0), coalesce(sum(detained),0) "
                          "FROM events WHERE scope = ?", [s]).fetchall()[0] for s in ("incident", "aggregate")}

    blocks = []
    for scope in scopes:
        data = chart_data(con, scope)
        charts = "".join(
            bar_chart(f"{title} ({scope})", *data[key], chart_id=f"chart-{key}-{scope}")
            for key, title in (("month", "Per month"), ("governorate", "Per governorate"),
                               ("perpetrator", "Per perpetrator")))
        blocks.append(f'<div class="scope-block" data-scope="{scope}">'
                      f'<div class="totals">'
                      + "".join(f"<div>{o}<b>{int(v):,}</b></div>" for o, v in zip(OUTCOMES, tot[scope]))
                      + f'</div><div class="charts">{charts}</div></div>')
    radios = "".join(
        f'<label><input type="radio" name="chart-scope" value="{s}"{" checked" if i == 0 else ""}> '
        f'{"incidents" if s == "incident" else "reports’ own tallies (aggregate)"}</label> '
        for i, s in enumerate(scopes))

    types = sorted({e[5] for e in events if e[5]})
    rows = []
    for (eid, rid, date, gov, place, etype, scope, perps, killed, injured, detained, text, dstart) in events:
        href = f"reports/{quote(pages.get(rid, ''))}#{quote(event_anchor(eid))}"
        sentence = (text or "")[:160] + ("…" if text and len(text) > 160 else "")
        rows.append(
            f'<tr id="{esc(eid)}" data-scope="{esc(scope)}" data-type="{esc(etype)}">'
            f'<td data-sort="{esc(dstart.isoformat() if dstart else "9999")}">{esc(date or "")}</td>'
            f"<td>{esc(gov or '')}</td><td class=\"ar\" dir=\"rtl\" lang=\"ar\">{esc(place or '')}</td>"
            f"<td>{esc(etype)}</td><td>{esc(scope)}</td><td>{esc(', '.join(perps or []))}</td>"
            f'<td class="num">{killed}</td><td class="num">{injured}</td><td class="num">{detained}</td>'
            f'<td class="ar" dir="rtl" lang="ar">{esc(sentence)}</td>'
            f'<td><a href="{esc(href)}">{esc(rid)}</a></td></tr>')
    num_attr = ' data-type="num"'
    head = "".join(f'<th{num_attr if h in OUTCOMES else ""}>{h}</th>' for h in (
        "date", "governorate", "place", "type", "scope", "perpetrators", "killed", "injured", "detained",
        "sentence", "report"))
    controls = (
        '<div class="controls"><input id="filter-text" type="search" placeholder="filter (any text)">'
        '<select id="filter-scope"><option value="">all scopes</option><option>incident</option>'
        '<option>aggregate</option></select><select id="filter-type"><option value="">all types</option>'
        + "".join(f"<option>{esc(t)}</option>" for t in types)
        + '</select><span id="filter-count" class="muted"></span></div>')
    body = (f"<h1>rasd — {n_reports:,} reports, {len(events):,} events</h1>"
            f'<p class="muted">OUTDIR: {esc(outdir)}. Counts sum each event\'s stated totals without their '
            f"breakdowns (children among civilians …). Incidents and the reports' own tallies are kept apart.</p>"
            f"<h2>Totals</h2><div class=\"controls\">{radios}</div>{_legend()}{''.join(blocks)}"
            f"<h2>Events</h2>{controls}"
            f'<table class="events" id="events"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')
    return _page("rasd — reports", body)


def report_page(report: dict) -> str:
    meta = report.get("report") or {}
    text = report.get("text") or ""
    marked = render_text(text, collect_spans(report))
    ev_rows = []
    for ev in report.get("events") or []:
        anchor = event_anchor(ev.get("id") or "")
        d = (ev.get("date") or {}).get("value") or ""
        places = ", ".join(p.get("name_ar") or "" for p in ev.get("places") or [])
        cas = "; ".join(_casualty_tip(c) for c in ev.get("casualties") or [])
        ev_rows.append(
            f'<tr id="{esc(anchor)}"><td><a href="#t-{esc(anchor)}">{esc(anchor)}</a></td><td>{esc(ev.get("type"))}</td>'
            f'<td>{esc(ev.get("scope"))}</td><td>{esc(d)}</td><td class="ar" dir="rtl" lang="ar">{esc(places)}</td>'
            f"<td>{esc(cas)}</td></tr>")
    warnings = "".join(f"<li>{esc(w)}</li>" for w in report.get("warnings") or [])
    title = meta.get("title") or meta.get("id") or "report"
    body = (f'<p><a href="../index.html">← all reports</a></p>'
            f'<h1 dir="auto">{esc(title)}</h1>'
            f'<p class="muted">id {esc(meta.get("id"))} · source {esc(meta.get("source"))} · published '
            f'{esc(meta.get("published") or "unknown")} · {esc(meta.get("chars"))} characters</p>'
            f"{_kinds_legend()}"
            f'<div class="report-text" dir="rtl" lang="ar">{marked}</div>'
            + (f'<h2>Warnings</h2><ul class="warnings">{warnings}</ul>' if warnings else "")
            + '<h2>Events</h2><table class="events"><thead><tr><th>event</th><th>type</th><th>scope</th>'
              '<th>date</th><th>places</th><th>casualties</th></tr></thead><tbody>'
            + "".join(ev_rows) + "</tbody></table>")
    return _page(f"rasd — {title}", body, script=False)


def build_site(outdir: str | Path, site: str | Path) -> dict[str, int]:
    outdir, site = Path(outdir), Path(site)
    con = query.connect(outdir)
    try:
        report_files = sorted((outdir / "reports").glob("*.json")) if (outdir / "reports").is_dir() else []
        ids = [r[0] for r in con.execute("SELECT report_id FROM reports ORDER BY report_id").fetchall()]
        pages = page_names(ids)
        (site / "reports").mkdir(parents=True, exist_ok=True)
        (site / "index.html").write_text(index_page(con, pages, outdir), encoding="utf-8")
    finally:
        con.close()
    n = 0
    for path in report_files:
        try:
            report = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            print(f"rasd view: skipped {path}: {exc}", file=sys.stderr)
            continue
        rid = (report.get("report") or {}).get("id") or path.stem
        name = pages.get(rid) or page_names([rid])[rid]
        (site / "reports" / name).write_text(report_page(report), encoding="utf-8")
        n += 1
    return {"reports": n}


# --------------------------------------------------------------------------- command


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("outdir", metavar="OUTDIR", help="a directory written by `rasd extract`")
    parser.add_argument("-o", "--output", metavar="SITE", required=True, help="the directory to write the site to")


def run(args: argparse.Namespace) -> int:
    query.notice_unfinished(args.outdir, "rasd view")
    try:
        info = build_site(args.outdir, args.output)
    except (query.QueryError, duckdb.Error, OSError) as exc:
        print(f"rasd view: {exc}", file=sys.stderr)
        return 2
    print(f"rasd view: {info['reports']} report pages; open {Path(args.output) / 'index.html'}", file=sys.stderr)
    return 0
