"""rasd as a spaCy pipeline component (the ``rasd[spacy]`` extra).

Registered through spaCy's ``spacy_factories`` entry point, so after
``pip install 'rasd[spacy]'``::

    nlp = spacy.blank("ar")
    nlp.add_pipe("rasd")                 # config: {"published": "YYYY-MM-DD", "spans_key": "rasd"}
    doc = nlp(text)
    doc.spans["rasd"]                    # CASUALTY, DATE, PLACE, ACTOR, FACILITY, WEAPON, EVENT
    doc._.rasd                           # the report dict (SPEC section 2, without its `text`)
    doc.spans["rasd"][0]._.rasd          # the fact's fields

A fact's ``[start, end]`` are character offsets into ``doc.text``; the span is
aligned to spaCy's tokens with ``alignment_mode="expand"`` (spaCy's Arabic
tokenizer leaves clitics on the word, so a place written ``وبحلب`` becomes the
whole token). The exact characters stay in ``span._.rasd["span"]``.
An EVENT span covers the event's trigger word. ``nlp.pipe`` works on batches; a
document that fails goes to the pipeline's error handler.

spaCy is imported only by this module and by ``rasd export --format spacy``,
never by ``rasd extract``.
"""
from __future__ import annotations

import hashlib
from typing import Any, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

LABELS = ("CASUALTY", "DATE", "PLACE", "ACTOR", "FACILITY", "WEAPON", "EVENT")
SPANS_KEY = "rasd"

if not Doc.has_extension("rasd"):
    Doc.set_extension("rasd", default=None)
if not Span.has_extension("rasd"):
    Span.set_extension("rasd", default=None)


def facts(report: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every fact of a report with its label, in the order of the report (duplicates included)."""
    for d in report.get("dates") or []:
        yield "DATE", d
    for p in report.get("places") or []:
        yield "PLACE", p
    for a in report.get("actors") or []:
        yield "ACTOR", a
    for ev in report.get("events") or []:
        summary = {k: v for k, v in ev.items() if k not in ("casualties", "facilities", "weapons", "places",
                                                            "actors", "date", "sentence")}
        yield "EVENT", dict(summary, span=ev["trigger"]["span"], text=ev["trigger"]["text"])
        for c in ev.get("casualties") or []:
            yield "CASUALTY", dict(c, event_id=ev["id"])
        for f in ev.get("facilities") or []:
            yield "FACILITY", dict(f, event_id=ev["id"])
        for w in ev.get("weapons") or []:
            yield "WEAPON", dict(w, event_id=ev["id"])


def add_spans(doc: Doc, report: dict[str, Any], spans_key: str = SPANS_KEY) -> Doc:
    """Put a report's facts on ``doc`` (whose text is the report's text) as spans in ``doc.spans[spans_key]``,
    and the report (without its text) in ``doc._.rasd``."""
    seen: set[tuple[str, int, int]] = set()
    spans = []
    for label, fact in facts(report):
        s, e = fact["span"]
        if (label, s, e) in seen or e <= s:
            continue
        span = doc.char_span(s, e, label=label, alignment_mode="expand")
        if span is None:
            continue
        seen.add((label, s, e))
        span._.rasd = fact
        spans.append(span)
    spans.sort(key=lambda sp: (sp.start_char, sp.end_char, LABELS.index(sp.label_)))
    doc.spans[spans_key] = spans
    doc._.rasd = {k: v for k, v in report.items() if k != "text"}
    return doc


class RasdComponent:
    """Runs rasd's extraction on ``doc.text`` and adds its facts as spans."""

    def __init__(self, nlp: Language, name: str, published: str | None, spans_key: str):
        self.name = name
        self.published = published
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        from pipeline.stages.extract import build_report

        sha = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
        report = build_report(doc.text, report_id=f"spacy-{sha[:12]}", source="spacy", sha256=sha,
                              published=self.published)
        return add_spans(doc, report, self.spans_key)


@Language.factory("rasd", default_config={"published": None, "spans_key": SPANS_KEY})
def make_rasd(nlp: Language, name: str, published: str | None, spans_key: str) -> RasdComponent:
    return RasdComponent(nlp, name, published, spans_key)
