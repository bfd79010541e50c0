"""The corpus's HTML, DOCX, PDF and JSONL copies yield the same facts as their .txt originals."""
from collections import Counter
from pathlib import Path

import pytest

from pipeline import ingest
from pipeline.stages.extract import build_report
from pipeline.evaluation.scoring import facts_from_report

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
CASES = [("c010-page.html", "c010"), ("c012-doc.docx", "c012"), ("c020-print.pdf", "c020"),
         ("c030-feed.jsonl", "c030"), ("c030-feed.jsonl", "c031")]


def _facts(raw) -> dict:
    return facts_from_report(build_report(raw.text, report_id=raw.id, source=raw.source, sha256=raw.sha256))


@pytest.mark.parametrize("name,txt_id", CASES)
def test_same_facts_as_the_txt(name, txt_id):
    docs = [d for d in ingest.read_input(str(CORPUS / "formats" / name), 10**8)]
    assert all(isinstance(d, ingest.RawDoc) for d in docs), docs
    doc = next(d for d in docs if len(docs) == 1 or d.id.startswith(txt_id))
    original = next(ingest.read_input(str(CORPUS / f"{txt_id}.txt"), 10**8))
    got, want = _facts(doc), _facts(original)
    for kind in ("casualties", "facilities", "dates", "places", "governorates", "actors"):
        assert Counter(got[kind]) == Counter(want[kind]), kind
