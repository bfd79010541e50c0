"""Extraction of one report: text in, span-checked report JSON out.

The stages run in a fixed order over one normalized view of the text; each is a
pure function (see :mod:`pipeline.core.mentions`). This module only wires them
together and renders the SPEC section 2 report.
"""
from __future__ import annotations

import datetime as dt
import gc
from functools import lru_cache
from typing import Any

from pipeline.stages import actors, casualties, dates, events, facilities, numbers, places, summing, weapons
from pipeline.core import sanity, settings
from pipeline.core.lexicon import load_json
from pipeline.core.mentions import Doc
from pipeline.core.phrases import PhraseMatcher, _all_tokens, text_words
from pipeline.core.normalize import normalize
from pipeline.core.settings import SCHEMA_VERSION
from pipeline.core.document import text_doc
from pipeline.core.text import body_start, char_positions, sentences


def parse_iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def analyse(text: str, published: dt.date | None = None) -> Doc:
    """Run every stage over ``text``; the mentions keep normalized offsets.

    Python's cyclic garbage collector is paused meanwhile (and restored after): the stages make
    millions of small objects on a long text and almost no cycles, and the collector's passes over a
    growing document cost more per character the longer the text (9 % of the time at 4 M characters);
    reference counting still frees everything they drop."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return _analyse(text, published)
    finally:
        if paused:
            gc.enable()


def _analyse(text: str, published: dt.date | None) -> Doc:
    doc = find_mentions(text, published)
    evs, warnings = events.build_events(doc)
    doc.warnings.extend(warnings)
    doc.events = evs
    summing.finalize(doc, doc.heading_end, summing.lead_end(doc.nt.norm, doc.heading_end))
    return doc


def find_mentions(text: str, published: dt.date | None = None) -> Doc:
    """The document with every stage's mentions, before event assembly and summing."""
    nt = normalize(text)
    doc = Doc(nt=nt, published=published, sentences=text_doc(nt).sentences, heading_end=body_start(nt.norm))
    doc.numbers, absurd = sanity.drop_absurd_numbers(numbers.find_numbers(nt), nt.norm)
    doc.warnings.extend(absurd)
    doc.dates = dates.find_dates(nt, published)
    doc.places = places.find_places(nt)
    doc.actors = actors.find_actors(nt)
    doc.weapons = weapons.find_weapons(nt)
    doc.facilities = facilities.find_facilities(nt, doc.numbers, doc.actors)
    doc.casualties = casualties.find_casualties(nt, doc.numbers, doc.actors, doc.dates)
    doc.warnings.extend(casualties.check_breakdowns(doc.casualties))
    return doc


def forget_text_caches(nt) -> None:
    """Drop what the stages computed once per text and shared (the text's document of sentences,
    tokens and words, the date scans): kept while the text is analysed, they would otherwise stay in a
    worker's memory while the report is rendered, and after it, beside the next text."""
    nt.shared = None
    for fn in (sentences, char_positions, text_words, _all_tokens, getattr(dates, "_scans", None)):
        if hasattr(fn, "cache_clear"):
            fn.cache_clear()


def unanchored_relative_day_warnings(doc: Doc) -> list[str]:
    """A relative day (اليوم، أمس، أول أمس) in a report with no publication date (no ``--published``,
    no metadata, no dateline in the text): the events it dates stay undated, and the user should know
    why. One warning per report, naming the first such word."""
    if doc.published is not None or any(d.relative for d in doc.dates):
        return []
    hits = _relative_day_matcher().find(doc.nt.norm)
    if not hits:
        return []
    s, e = doc.nt.span(hits[0].ns, hits[0].ne)
    return [f"relative day with no publication date to resolve it: {doc.nt.quote(hits[0].ns, hits[0].ne)} at [{s}, {e}]; "
            f"its events have no date (give --published, --metadata, or a dated source)"]


@lru_cache(maxsize=1)
def _relative_day_matcher() -> PhraseMatcher:
    rel = load_json("relative_dates.json")
    words = [*rel["today"], *rel["yesterday"], *rel["day_before_yesterday"]]
    return PhraseMatcher((w, True) for w in words)


def unresolved_place_warnings(doc: Doc) -> list[str]:
    seen: list[str] = []
    for p in doc.places:
        if p.pcode is None and p.kind not in ("country",) and p.name_ar not in seen:
            seen.append(p.name_ar)
    return [f"place not in the gazetteer: {name}" for name in seen]


def build_report(
    text: str,
    *,
    report_id: str,
    source: str,
    sha256: str,
    title: str | None = None,
    published: str | None = None,
    meta: dict[str, Any] | None = None,
    validate: bool | None = None,
    warnings: list[str] | None = None,
) -> dict[str, Any]:
    """Extract every fact of one report and return its JSON dict.

    Every span is checked against the text; the full schema validation runs when ``validate``
    is true (default: ``settings.VALIDATE_REPORTS``)."""
    pub = parse_iso_date(published)
    doc = analyse(text, pub)
    forget_text_caches(doc.nt)  # rendering needs none of them; a long text's would double the peak
    nt = doc.nt
    report = {
        "schema_version": SCHEMA_VERSION,
        "report": {
            "id": report_id,
            "source": source,
            "sha256": sha256,
            "title": title,
            "published": pub.isoformat() if pub else None,
            "chars": len(text),
            **(meta or {}),
        },
        "events": [ev.to_json(nt, f"{report_id}#e{i}") for i, ev in enumerate(doc.events, 1)],
        "dates": [d.to_json(nt) for d in doc.dates],
        "places": [p.to_json(nt) for p in doc.places],
        "actors": [a.to_json(nt) for a in doc.actors],
        "tolls": dict(doc.tolls),
        "warnings": list(warnings or []) + doc.warnings + unresolved_place_warnings(doc)
        + unanchored_relative_day_warnings(doc),
        "text": text,
    }
    report["warnings"].extend(sanity.refuse_absurd_counts(report))
    check_spans(report)
    if settings.VALIDATE_REPORTS if validate is None else validate:
        from pipeline.core.schema import Report

        Report.model_validate(report)
    return report


def check_spans(report: dict[str, Any]) -> None:
    """Offsets are sacred: every ``{"text", "span"}`` of the report quotes the report's own text.

    The cheap part of :class:`pipeline.core.schema.Report` validation, run on every report."""
    text = report["text"]
    bad: list[str] = []

    def check(q: dict[str, Any] | None, where: str) -> None:
        if q is None:
            return
        s, e = q["span"]
        if not 0 <= s <= e <= len(text) or text[s:e] != q["text"]:
            bad.append(f"{where} {q['span']} {q['text']!r}")

    for kind in ("dates", "places", "actors"):
        for q in report[kind]:
            check(q, kind[:-1])
    for ev in report["events"]:
        check(ev.get("trigger"), f"{ev['id']} trigger")
        check(ev.get("sentence"), f"{ev['id']} sentence")
        check(ev.get("date"), f"{ev['id']} date")
        for kind in ("places", "actors", "casualties", "facilities", "weapons"):
            for q in ev.get(kind) or ():
                check(q, f"{ev['id']} {kind[:-1]}")
    if bad:
        raise ValueError("spans that do not quote the text: " + "; ".join(bad[:5]))
