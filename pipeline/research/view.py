"""``rasd view OUTDIR -o SITE``: a static site for a whole archive, readable offline.

``SITE/index.html`` is a small page; its data is ``SITE/data/index.js`` (one compact row per event,
scope and perpetrator, with dictionary-encoded governorates, places, dates and actor names in Arabic and
English), loaded by a ``<script>`` tag so the site opens from the file system with no server. The
browser filters the rows (search, governorate, perpetrator, outcome, date range, scope), draws the totals
and charts and shows the table a page at a time. Search looks words up in ``SITE/data/search/<n>.js``,
shards of an inverted index (normalized words of the texts and facts -> reports) loaded only when a
word falls in them.

``SITE/reports/<id>.html``: one page per report (``lang="ar" dir="rtl"``), its text with every fact
coloured in place (no label inside a word, so Arabic letters keep joining; a legend names the colours),
each fact focusable with the keyboard: focus shows its fields, the rule that decided each and the words
that triggered it (``why``). Served by ``rasd review`` the same page can accept, reject or edit a count
(:mod:`pipeline.research.review`).

Everything is local (no script, style or font from the network). All text from reports goes through
:func:`html.escape`, or is JSON with ``<``, ``>`` and ``&`` escaped.
"""
from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from pipeline.research import corrections, query

ASSETS = Path(__file__).resolve().parent / "view_assets"
# outermost first when two spans are equal
KIND_RANK = {"event": 0, "casualty": 1, "facility": 2, "date": 3, "place": 4, "actor": 5, "weapon": 6}
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


# --------------------------------------------------------------------------- highlighting


@dataclass
class Span:
    start: int
    end: int
    kind: str
    tips: list[str]
    anchor: str | None = None
    children: list["Span"] = field(default_factory=list)
    facts: list[int] = field(default_factory=list)  # indices into the page's fact list
    rejected: bool = False


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


def collect_spans(report: dict, facts: list[dict] | None = None) -> list[Span]:
    """Every fact of a report as (start, end, kind, tooltip); equal spans of one kind merged.
    With ``facts``, each fact's details (for the keyboard panel) are appended to it and its index
    kept on the span."""
    found: dict[tuple[int, int, str], Span] = {}
    text = report.get("text") or ""
    fact_ids: dict[str, int] = {}

    def add(kind: str, item: dict | None, tip: str, anchor: str | None = None, ev: dict | None = None,
            rejected: bool = False) -> None:
        if not item or not item.get("span"):
            return
        s, e = int(item["span"][0]), int(item["span"][1])
        if e <= s:
            return
        sp = found.get((s, e, kind))
        if sp is None:
            sp = found[(s, e, kind)] = Span(s, e, kind, [tip], anchor, rejected=rejected)
        else:
            if tip not in sp.tips:
                sp.tips.append(tip)
            sp.anchor = sp.anchor or anchor
            sp.rejected = sp.rejected and rejected
        if facts is not None:
            fact = fact_details(kind, item, ev, text, report)
            key = json.dumps(fact, sort_keys=True, ensure_ascii=False, default=str)
            idx = fact_ids.get(key)
            if idx is None:
                idx = fact_ids[key] = len(facts)
                facts.append(fact)
            if idx not in sp.facts:
                sp.facts.append(idx)

    for d in report.get("dates") or []:
        add("date", d, _date_tip(d))
    for p in report.get("places") or []:
        add("place", p, _place_tip(p))
    for a in report.get("actors") or []:
        add("actor", a, f"{a.get('id')} · {a.get('role')}")
    for ev in report.get("events") or []:
        anchor = event_anchor(ev.get("id") or "")
        add("event", ev.get("trigger"), f"{ev.get('type')} · {ev.get('scope')} · {anchor}", f"t-{anchor}", ev)
        if ev.get("date") and ev["date"].get("span"):
            add("date", ev["date"], _date_tip(ev["date"]))
        for p in ev.get("places") or []:
            add("place", p, _place_tip(p))
        for a in ev.get("actors") or []:
            add("actor", a, f"{a.get('id')} · {a.get('role')}")
        for c in ev.get("casualties") or []:
            add("casualty", c, _casualty_tip(c), ev=ev)
        for c in ev.get("rejected") or []:
            add("casualty", c, "rejected: " + _casualty_tip(c), ev=ev, rejected=True)
        for f in ev.get("facilities") or []:
            bits = [f.get("type"), f.get("count") if f.get("count") is not None else "?",
                    f.get("perpetrator") or "unattributed"]
            add("facility", f, " · ".join(str(b) for b in bits), ev=ev)
        for w in ev.get("weapons") or []:
            add("weapon", w, str(w.get("type")), ev=ev)
    return sorted(found.values(), key=lambda s: (s.start, -s.end, KIND_RANK[s.kind]))


def _quote(text: str, span: Any) -> str | None:
    try:
        s, e = int(span[0]), int(span[1])
    except (TypeError, ValueError, IndexError):
        return None
    return text[s:e] if 0 <= s < e <= len(text) else None


def fact_details(kind: str, item: dict, ev: dict | None, text: str, report: dict) -> dict:
    """What the keyboard panel shows for one fact: its fields, and for each decided field the rule
    and the words that triggered it (``why``)."""
    names = actor_names()
    skip = {"span", "text", "why", "reviewed", "review", "original", "admin2", "admin3"}
    fields = []
    for k, v in item.items():
        if k in skip or isinstance(v, (list, dict)) and k != "admin1":
            continue
        if k == "admin1" and isinstance(v, dict):
            v = " · ".join(x for x in (v.get("name_ar"), v.get("name_en"), v.get("pcode")) if x)
        elif k in ("perpetrator", "id") and kind in ("casualty", "facility", "actor") and v in names:
            v = f"{v} · {names[v][0]} · {names[v][1]}"
        fields.append([k, v])
    why = []
    for fld, w in (item.get("why") or {}).items():
        if isinstance(w, dict):
            why.append([fld, w.get("rule"), _quote(text, w.get("span"))])
    out = {"kind": kind, "text": item.get("text"), "span": item.get("span"), "fields": fields, "why": why}
    if ev is not None:
        out["event"] = event_anchor(ev.get("id") or "")
    if kind == "casualty":
        date = (ev or {}).get("date") or {}
        place = ((ev or {}).get("places") or [{}])[0]
        out["values"] = {"count": item.get("count"), "group": item.get("group"), "outcome": item.get("outcome"),
                         "perpetrator": item.get("perpetrator"), "scope": item.get("scope") or (ev or {}).get("scope"),
                         "date": date.get("value"), "place": place.get("pcode") or place.get("name_ar")}
        out["sha256"] = (report.get("report") or {}).get("sha256")
        out["report_id"] = (report.get("report") or {}).get("id")
        if item.get("reviewed"):
            out["review"] = item.get("review")
            out["original"] = {k: v for k, v in (item.get("original") or {}).items() if k != "why"}
        ev_orig = (ev or {}).get("original") or {}
        if ev_orig:
            out["event_original"] = {"date": (ev_orig.get("date") or {}).get("value") if "date" in ev_orig else None,
                                     "place": ((ev_orig.get("places") or [{}])[0]).get("name_ar")
                                     if "places" in ev_orig else None}
    return out


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
    """The text with every fact in a ``<mark>`` coloured by kind (no label inside the text, no padding:
    the legend names the colours). Where a mark boundary falls inside an Arabic word (a proclitic
    outside the span: ``لقوات``), a zero-width joiner on each side keeps the letters in their joined
    forms. Every mark is focusable (``tabindex``) and names its facts (``data-f``)."""
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
            facts = f' data-f="{" ".join(map(str, ch.facts))}"' if ch.facts else ""
            cls = f"f k-{ch.kind}" + (" rejected" if ch.rejected else "")
            out.append(f'{zs}<mark class="{cls}"{anchor} data-kind="{ch.kind}" tabindex="0"{facts} '
                       f'title="{esc(tip)}">{zs}'
                       f'{render(ch.start, ch.end, ch.children)}{ze}</mark>{ze}')
            pos = ch.end
        out.append(esc(text[pos:end]))
        return "".join(out)

    return render(0, len(text), roots)


# --------------------------------------------------------------------------- names


@lru_cache(maxsize=1)
def actor_names() -> dict[str, tuple[str, str]]:
    """actor id -> (Arabic name, English name): lexicons/actors.json and the ACLED actor names."""
    from pipeline.research.export import acled_map
    from pipeline.core.lexicon import load_json

    ar = {k: v.get("name_ar") or k for k, v in (load_json("actors.json").get("actors") or {}).items()}
    en = {k: v.get("name") or k for k, v in (acled_map().get("actors") or {}).items()}
    return {k: (ar.get(k, k), en.get(k, k)) for k in sorted(set(ar) | set(en))}


# --------------------------------------------------------------------------- pages


CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'self' 'unsafe-inline' file:; "
       "connect-src 'self'; img-src data:")


def _page(title: str, body: str, *, lang: str = "en", dir_: str = "ltr", scripts: Iterable[str] = (),
          inline: str = "") -> str:
    js = "".join(f'<script src="{esc(src)}"></script>' for src in scripts)
    if inline:
        js += f"<script>{inline}</script>"
    return (f'<!DOCTYPE html>\n<html lang="{lang}" dir="{dir_}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            f"<title>{esc(title)}</title>\n<style>{_asset('style.css')}</style>\n</head>\n"
            f"<body>\n{body}\n{js}\n</body>\n</html>\n")


KIND_NAMES = {"event": "event", "casualty": "casualty count", "facility": "facility", "date": "date",
              "place": "place", "actor": "actor", "weapon": "weapon"}


def _kinds_legend() -> str:
    return ('<p class="kinds" lang="en" dir="ltr"><span class="muted">Highlights (colour = kind; Tab moves '
            'from fact to fact, focus shows its fields):</span> '
            + "".join(f'<span class="k-{k}">{KIND_NAMES[k]}</span>' for k in KIND_RANK)
            + '<span class="k-casualty rejected">rejected</span></p>')


def _json_script(element_id: str, data: Any) -> str:
    raw = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{element_id}">{raw}</script>'


def report_page(report: dict) -> str:
    meta = report.get("report") or {}
    text = report.get("text") or ""
    facts: list[dict] = []
    marked = render_text(text, collect_spans(report, facts))
    names = actor_names()
    ev_rows = []
    for ev in report.get("events") or []:
        anchor = event_anchor(ev.get("id") or "")
        d = (ev.get("date") or {}).get("value") or ""
        places = "، ".join(p.get("name_ar") or "" for p in ev.get("places") or [])
        cas = []
        for c in ev.get("casualties") or []:
            tip = _casualty_tip(c)
            if c.get("perpetrator") in names:
                tip += f" ({names[c['perpetrator']][0]})"
            cas.append(tip + (" ✓" if c.get("reviewed") else ""))
        ev_rows.append(
            f'<tr id="{esc(anchor)}"><td><a href="#t-{esc(anchor)}">{esc(anchor)}</a></td>'
            f'<td lang="en" dir="ltr">{esc(ev.get("type"))}</td>'
            f'<td lang="en" dir="ltr">{esc(ev.get("scope"))}</td><td dir="ltr">{esc(d)}</td><td>{esc(places)}</td>'
            f'<td lang="en" dir="ltr">{esc("; ".join(cas))}</td></tr>')
    warnings = "".join(f'<li dir="auto">{esc(w)}</li>' for w in report.get("warnings") or [])
    title = meta.get("title") or meta.get("id") or "report"
    tolls = report.get("tolls") or _tolls(report)
    body = (f'<p lang="en" dir="ltr"><a href="../index.html">← all reports</a></p>'
            f'<h1 dir="auto">{esc(title)}</h1>'
            f'<p class="muted" lang="en" dir="ltr">id {esc(meta.get("id"))} · source {esc(meta.get("source"))} · '
            f'published {esc(meta.get("published") or "unknown")} · {esc(meta.get("chars"))} characters · tolls '
            + ", ".join(f"{k} {v}" for k, v in tolls.items() if v) + "</p>"
            f'{_kinds_legend()}'
            f'<div class="reading"><div class="report-text" dir="rtl" lang="ar">{marked}</div>'
            f'<aside id="fact-panel" class="fact-panel" aria-live="polite" lang="en" dir="ltr">'
            f'<p class="muted">Focus a highlighted fact (Tab, or click it) to see its fields, the rule that '
            f'decided each and the words that triggered it.</p></aside></div>'
            + (f'<h2 lang="en" dir="ltr">Warnings</h2><ul class="warnings">{warnings}</ul>' if warnings else "")
            + '<h2 lang="en" dir="ltr">Events</h2><table class="events"><thead lang="en"><tr><th>event</th>'
              '<th>type</th><th>scope</th><th>date</th><th>places</th><th>casualties</th></tr></thead><tbody>'
            + "".join(ev_rows) + "</tbody></table>"
            + _json_script("rasd-facts", facts)
            + _json_script("rasd-vocab", {"fields": list(corrections.FIELDS), "group": list(corrections.GROUPS),
                                          "outcome": list(corrections.OUTCOMES), "scope": list(corrections.SCOPES),
                                          "perpetrator": [[k, *names.get(k, (k, k))] for k in corrections.ACTOR_IDS]}))
    return _page(f"rasd — {title}", body, lang="ar", dir_="rtl", inline=_asset("report.js"))


def _tolls(report: dict) -> dict[str, int]:
    return corrections.report_tolls(report)


# --------------------------------------------------------------------------- the index and its data


def _hash(token: str, shards: int) -> int:
    """FNV-1a over UTF-16 code units (the same in site.js)."""
    h = 0x811C9DC5
    data = token.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h % shards


def _fold_table() -> dict[str, str]:
    """Character -> its normalized form (pipeline.core.normalize), for the search box in the browser."""
    from pipeline.core.normalize import normalize

    out = {}
    for lo, hi in ((0x0600, 0x0700), (0x0750, 0x0780), (0x08A0, 0x0900), (0xFB50, 0xFE00), (0xFE70, 0xFF00),
                   (0x200B, 0x2010)):
        for cp in range(lo, hi):
            ch = chr(cp)
            try:
                n = normalize(ch).norm
            except Exception:  # unassigned code points
                continue
            if n != ch:
                out[ch] = n
    return out


class SearchIndex:
    """Words of every report's text and facts (normalized, with and without proclitics) -> reports."""

    def __init__(self) -> None:
        import regex

        from pipeline.core.normalize import normalize
        from pipeline.core.phrases import word_forms

        self._norm = normalize
        self._forms = word_forms
        self._word = regex.compile(r"[\p{L}\p{N}_]+")
        self.postings: dict[str, list[int]] = {}

    def tokens(self, text: str) -> set[str]:
        norm = self._norm(text).norm.lower()
        out: set[str] = set()
        for w in self._word.findall(norm):
            out.update(self._forms(w))
        return out

    def write(self, folder: Path) -> int:
        total = sum(len(v) for v in self.postings.values())
        shards = 1
        while shards < 1024 and total / shards > 20000:
            shards *= 2
        parts: list[dict[str, list[int]]] = [{} for _ in range(shards)]
        for tok, ids in self.postings.items():
            prev, deltas = 0, []
            for i in ids:
                deltas.append(i - prev)
                prev = i
            parts[_hash(tok, shards)][tok] = deltas
        folder.mkdir(parents=True, exist_ok=True)
        for n, part in enumerate(parts):
            _write(folder / f"{n}.js", f"RASD_SEARCH({n},{json.dumps(part, ensure_ascii=False, separators=(',', ':'))});\n")
        return shards


class _Dict:
    """Values -> small integers (dictionary encoding for the index data)."""

    def __init__(self) -> None:
        self.ids: dict[Any, int] = {}
        self.values: list[Any] = []

    def __call__(self, key: Any, value: Any = None) -> int:
        i = self.ids.get(key)
        if i is None:
            i = self.ids[key] = len(self.values)
            self.values.append(key if value is None else value)
        return i


def _write(path: Path, data: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(data, encoding="utf-8")
    tmp.replace(path)


class IndexBuilder:
    """One pass over the reports: the rows of the index, its dictionaries and the search index.

    A row is one (event, scope, perpetrator) with the counts SPEC's ``tolls`` adds up (counts that are
    neither a breakdown nor a restatement, vague ones at their ``min``), so the incident rows of a report
    sum to its tolls and a filter by perpetrator or scope never splits a count."""

    def __init__(self) -> None:
        # report id -> (its index row, its rows without the report index, its search words, its tolls)
        self.entries: dict[str, tuple[list, list[list], set[str], dict[str, int]]] = {}
        self.govs, self.places, self.types, self.dates, self.perps = _Dict(), _Dict(), _Dict(), _Dict(), _Dict()
        self.search = SearchIndex()
        self.mismatches: list[str] = []
        names = actor_names()
        self.names = names
        self.perps(None, ["", "unattributed", "unattributed"])

    def add(self, report: dict, page: str) -> None:
        """Add a report, or replace the one with the same id (``rasd review`` after a correction)."""
        meta = report.get("report") or {}
        rid = meta.get("id") or page
        own = report.get("tolls")
        computed = corrections.report_tolls(report)
        if isinstance(own, dict) and any(int(own.get(o) or 0) != computed[o] for o in corrections.OUTCOMES):
            self.mismatches.append(rid)
        tolls = {o: int((own if isinstance(own, dict) else computed).get(o) or 0) for o in corrections.OUTCOMES}
        n_reviewed = sum(1 for ev in report.get("events") or [] for c in
                         (ev.get("casualties") or []) + (ev.get("rejected") or []) if c.get("reviewed"))
        row = [rid, page, meta.get("title") or "", meta.get("published") or "",
               [tolls[o] for o in corrections.OUTCOMES], n_reviewed]
        rows: list[list] = []
        fact_texts: list[str] = [meta.get("title") or "", report.get("text") or ""]
        for ev in report.get("events") or []:
            self._event_rows(rows, ev, fact_texts)
        for a in report.get("actors") or []:
            fact_texts.extend([a.get("id") or "", *self.names.get(a.get("id"), ("", ""))])
        words = self.search.tokens("\n".join(str(t) for t in fact_texts if t))
        self.entries[rid] = (row, rows, words, tolls)

    @property
    def reports(self) -> list[list]:
        return [e[0] for e in self.entries.values()]

    @property
    def rows(self) -> list[list]:
        return [[ri, *r] for ri, e in enumerate(self.entries.values()) for r in e[1]]

    @property
    def tolls(self) -> dict[str, int]:
        return {o: sum(e[3][o] for e in self.entries.values()) for o in corrections.OUTCOMES}

    def _event_rows(self, out: list[list], ev: dict, fact_texts: list[str]) -> None:
        date = ev.get("date") or {}
        di = self.dates(date.get("value"), [date.get("value"), date.get("start") or date.get("value"),
                                            date.get("end") or date.get("start") or date.get("value")]) \
            if date.get("value") else -1
        place = (ev.get("places") or [None])[0] or {}
        a1 = place.get("admin1") or {}
        gi = self.govs(a1.get("pcode"), [a1.get("pcode"), a1.get("name_ar") or "", a1.get("name_en") or ""]) \
            if a1.get("pcode") else -1
        pi = self.places(place.get("pcode") or place.get("name_ar"),
                         [place.get("name_ar") or "", place.get("name_en") or ""]) if place else -1
        ti = self.types(ev.get("type") or "other")
        counts: dict[tuple[str, str | None], list[int]] = {}
        for c in ev.get("casualties") or []:
            if c.get("part_of") or c.get("same_as") or c.get("outcome") not in corrections.OUTCOMES:
                continue
            key = (corrections.casualty_scope(c, ev) or "incident", c.get("perpetrator"))
            row = counts.setdefault(key, [0] * 5)
            row[corrections.OUTCOMES.index(c["outcome"])] += corrections.casualty_number(c)
        if not counts:
            perp = next((a.get("id") for a in ev.get("actors") or [] if a.get("role") == "perpetrator"), None)
            counts[(ev.get("scope") or "incident", perp)] = [0] * 5
        anchor = event_anchor(ev.get("id") or "")
        for (scope, perp), vals in counts.items():
            pe = self.perps(perp, [perp, *self.names.get(perp, (perp, perp))]) if perp else 0
            out.append([di, gi, pi, ti, 1 if scope == "aggregate" else 0, pe, *vals, anchor])
        fact_texts.extend([ev.get("type") or "", ev.get("scope") or ""])
        for p in ev.get("places") or []:
            fact_texts.extend([p.get("name_ar") or "", p.get("name_en") or "",
                               (p.get("admin1") or {}).get("name_en") or "", (p.get("admin1") or {}).get("name_ar") or ""])
        for c in ev.get("casualties") or []:
            fact_texts.extend([c.get("outcome") or "", c.get("group") or "", c.get("perpetrator") or ""])
        for f in ev.get("facilities") or []:
            fact_texts.append(f.get("type") or "")
        for w in ev.get("weapons") or []:
            fact_texts.append(w.get("type") or "")

    def write(self, site: Path, outdir: Path) -> dict[str, Any]:
        data_dir = site / "data"
        self.search.postings = {}
        for ri, e in enumerate(self.entries.values()):
            for w in e[2]:
                self.search.postings.setdefault(w, []).append(ri)
        old = set((data_dir / "search").glob("*.js")) if (data_dir / "search").is_dir() else set()
        shards = self.search.write(data_dir / "search")
        for path in old - {data_dir / "search" / f"{n}.js" for n in range(shards)}:
            path.unlink(missing_ok=True)
        dates = self.dates.values
        # in the table's default order (date, then report), so the page needs no sort to open
        rows = sorted(self.rows, key=lambda r: (dates[r[1]][1] or "9999" if r[1] >= 0 else "9999", r[0]))
        data = {
            "outdir": str(outdir), "outcomes": list(corrections.OUTCOMES),
            "reports": self.reports, "rows": rows, "tolls": self.tolls,
            "govs": self.govs.values, "places": self.places.values, "types": self.types.values,
            "dates": self.dates.values, "perps": self.perps.values, "shards": shards, "fold": _fold_table(),
        }
        # JSON.parse of a string literal is parsed faster than the same object as a JS literal
        raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        _write(data_dir / "index.js", "window.RASD_INDEX=JSON.parse(" + json.dumps(raw, ensure_ascii=False) + ");\n")
        _write(site / "index.html", index_page(len(self.entries), len(rows)))
        return {"rows": len(rows), "shards": shards}


def index_page(n_reports: int, n_rows: int) -> str:
    outcome_opts = "".join(f'<option value="{o}">{o}</option>' for o in corrections.OUTCOMES)
    body = (
        f'<h1>rasd — <span id="n-reports">{n_reports:,}</span> reports</h1>'
        '<p class="muted">Totals add up the reports’ own <code>tolls</code> (incident counts that are neither a '
        'breakdown nor a restatement); the reports’ period tallies (scope aggregate) are shown apart, never summed '
        'with incidents. Search looks through every report’s text and facts (Arabic words with or without '
        'و ف ب ل ك ال, actor and place names in Arabic or English, event types).</p>'
        '<form class="controls" id="filters" role="search" onsubmit="return false">'
        '<input id="q" type="search" placeholder="search text and facts" aria-label="search text and facts">'
        '<select id="f-gov" aria-label="governorate"><option value="">all governorates</option></select>'
        '<select id="f-perp" aria-label="perpetrator"><option value="">all perpetrators</option></select>'
        f'<select id="f-outcome" aria-label="outcome"><option value="">all outcomes</option>{outcome_opts}</select>'
        '<label>from <input id="f-from" type="date"></label><label>to <input id="f-to" type="date"></label>'
        '<select id="f-scope" aria-label="scope"><option value="incident">incidents</option>'
        '<option value="aggregate">reports’ tallies (aggregate)</option><option value="">both (listed, not summed)'
        '</option></select><button type="button" id="clear">reset</button></form>'
        '<p id="status" class="muted" aria-live="polite">loading…</p>'
        '<div class="totals" id="totals"></div>'
        '<div class="charts" id="charts"></div>'
        '<h2>Events</h2><p class="muted">One row per event, scope and perpetrator; the sentence and every fact '
        'are on the report’s page.</p>'
        '<div class="pager" id="pager-top"></div>'
        '<table class="events" id="events"><thead><tr>'
        '<th data-sort="date">date</th><th data-sort="gov">governorate</th><th>place</th>'
        '<th data-sort="type">type</th><th>scope</th><th data-sort="perp">perpetrator</th>'
        + "".join(f'<th data-sort="{o}" class="num">{o}</th>' for o in corrections.OUTCOMES)
        + '<th>report</th></tr></thead><tbody></tbody></table><div class="pager" id="pager"></div>')
    return _page("rasd — reports", body, scripts=["data/index.js", "site.js"])


def build_site(outdir: str | Path, site: str | Path, *, only: Iterable[str] | None = None,
               builder: "IndexBuilder | None" = None) -> dict[str, Any]:
    """Write the site for ``outdir``: every report page (or only those of ``only``) and the index.
    ``builder``: an empty IndexBuilder to fill (kept by ``rasd review`` to update one report later)."""
    outdir, site = Path(outdir), Path(site)
    rep_dir = outdir / "reports"
    if not outdir.is_dir() or (not rep_dir.is_dir() and not (outdir / "events.jsonl").is_file()):
        raise query.QueryError(f"not an OUTDIR (no reports/): {outdir}")
    paths = sorted(rep_dir.glob("*.json")) if rep_dir.is_dir() else []
    pages = page_names([p.stem for p in paths])
    (site / "reports").mkdir(parents=True, exist_ok=True)
    _write(site / "site.js", _asset("site.js"))
    only = set(only) if only is not None else None
    builder = IndexBuilder() if builder is None else builder
    n = 0
    for path in paths:
        try:
            report = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            print(f"rasd view: skipped {path}: {exc}", file=sys.stderr)
            continue
        name = pages[path.stem]
        if only is None or path.stem in only:
            _write(site / "reports" / name, report_page(report))
            n += 1
        builder.add(report, name)
    info = builder.write(site, outdir)
    if builder.mismatches:
        print(f"rasd view: {len(builder.mismatches)} reports whose `tolls` differ from their counts "
              f"(e.g. {builder.mismatches[0]}); the index uses the reports' own tolls", file=sys.stderr)
    return {"reports": n, **info}


# --------------------------------------------------------------------------- command


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("outdir", metavar="OUTDIR", help="a directory written by `rasd extract`")
    parser.add_argument("-o", "--output", metavar="SITE", required=True, help="the directory to write the site to")


def run(args: argparse.Namespace) -> int:
    corrections.ensure_applied(args.outdir)
    query.notice_unfinished(args.outdir, "rasd view")
    try:
        info = build_site(args.outdir, args.output)
    except (query.QueryError, OSError) as exc:
        print(f"rasd view: {exc}", file=sys.stderr)
        return 2
    print(f"rasd view: {info['reports']} report pages; open {Path(args.output) / 'index.html'}", file=sys.stderr)
    return 0
