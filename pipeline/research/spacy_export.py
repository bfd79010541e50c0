"""``rasd export OUTDIR --format spacy -o FILE.spacy``: a spaCy ``DocBin`` of every report.

Each doc is the report's text (tokenized by ``spacy.blank("ar")``) with its facts
in ``doc.spans["rasd"]`` (see :mod:`pipeline.research.spacy_component`) and the report
in ``doc.user_data`` (``doc._.rasd`` once the component module is imported).
Load it with ``DocBin().from_disk(FILE).get_docs(nlp.vocab)``: a seed for a
span categorizer or an annotation tool.
"""
from __future__ import annotations

import json
from pathlib import Path

from pipeline.research.query import QueryError


def export_docbin(outdir: str | Path, output: str | Path) -> int:
    import spacy
    from spacy.tokens import DocBin

    from pipeline.research.spacy_component import add_spans

    rep_dir = Path(outdir) / "reports"
    if not rep_dir.is_dir():
        raise QueryError(f"not an OUTDIR (no reports/): {outdir}")
    nlp = spacy.blank("ar")
    db = DocBin(attrs=["ORTH"], store_user_data=True)
    n = 0
    for path in sorted(rep_dir.glob("*.json")):
        report = json.loads(path.read_text(encoding="utf-8"))
        db.add(add_spans(nlp.make_doc(report["text"]), report))
        n += 1
    db.to_disk(output)
    return n
