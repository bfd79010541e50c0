"""rasd as a spaCy component (entry point `rasd`), the DocBin export and displaCy."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")  # the test extra installs rasd[spacy]

from spacy import displacy  # noqa: E402
from spacy.tokens import DocBin  # noqa: E402

from pipeline import cli  # noqa: E402
from pipeline.stages.extract import build_report  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LABELS = {"CASUALTY", "DATE", "PLACE", "ACTOR", "FACILITY", "WEAPON", "EVENT"}


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("ar")
    nlp.add_pipe("rasd")  # found through the spacy_factories entry point, no import of pipeline needed
    return nlp


@pytest.mark.parametrize("name", ["c001.txt", "c014.txt", "h003.txt"])
def test_component_on_a_corpus_report(nlp, name):
    text = (ROOT / "corpus" / name).read_text(encoding="utf-8")
    doc = nlp(text)
    spans = list(doc.spans["rasd"])
    assert spans and {s.label_ for s in spans} <= LABELS and {"CASUALTY", "EVENT"} <= {s.label_ for s in spans}
    report = build_report(text, report_id="x", source="x", sha256="x")
    assert doc._.rasd["tolls"] == report["tolls"] and "text" not in doc._.rasd
    n_cas = sum(len(ev["casualties"]) for ev in report["events"])
    assert len({tuple(s._.rasd["span"]) for s in spans if s.label_ == "CASUALTY"}) == len(
        {tuple(c["span"]) for ev in report["events"] for c in ev["casualties"]}) <= n_cas
    for s in spans:
        a, b = s._.rasd["span"]
        assert s.start_char <= a < b <= s.end_char  # the token-aligned span holds the fact
        assert text[a:b] == s._.rasd["text"]


# (sentence, label, fact text, token text): a fact inside a token with a clitic is expanded to the token
ALIGNMENT = [
    ("قُتل مدنيان في قصف على سرمين وكفرنبل أمس.", "PLACE", "كفرنبل", "وكفرنبل"),
    ("قُتل مدني و3 أطفال بقصف مدفعي على بلدة سرمين.", "CASUALTY", "3 أطفال", "و3 أطفال"),
    ("قُتل مدنيان في قصف على سرمين أمس.", "PLACE", "سرمين", "سرمين"),  # no clitic: exact
]


@pytest.mark.parametrize("sentence,label,fact,token", ALIGNMENT)
def test_spans_expand_to_whole_tokens(nlp, sentence, label, fact, token):
    doc = nlp(sentence)
    hits = [s for s in doc.spans["rasd"] if s.label_ == label and s._.rasd["text"] == fact]
    assert hits and hits[0].text == token


def test_pipe_batches_and_a_text_without_facts(nlp):
    docs = list(nlp.pipe(["قُتل مدنيان في قصف على سرمين أمس.", "نص لا يذكر شيئاً.", "اعتقلت قوات النظام 5 شبان."]))
    assert [len(d.spans["rasd"]) > 0 for d in docs] == [True, False, True]
    assert docs[1]._.rasd["events"] == []


def test_published_config_anchors_relative_dates():
    nlp = spacy.blank("ar")
    nlp.add_pipe("rasd", config={"published": "2019-04-02"})
    doc = nlp("قُتل مدنيان في قصف على سرمين أمس.")
    dates = [s._.rasd for s in doc.spans["rasd"] if s.label_ == "DATE"]
    assert [d["value"] for d in dates] == ["2019-04-01"]


def test_docbin_export_round_trip(tmp_path):
    files = ["c001.txt", "c014.txt"]
    assert cli.main(["extract", *[str(ROOT / "corpus" / f) for f in files], "-o", str(tmp_path / "out"),
                     "--jobs", "1"]) == 0
    assert cli.main(["export", str(tmp_path / "out"), "--format", "spacy", "-o", str(tmp_path / "r.spacy")]) == 0
    nlp = spacy.blank("ar")
    docs = list(DocBin().from_disk(tmp_path / "r.spacy").get_docs(nlp.vocab))
    assert len(docs) == 2
    for doc in docs:
        report = json.loads((tmp_path / "out" / "reports" / f"{doc._.rasd['report']['id']}.json").read_text("utf-8"))
        assert doc.text == report["text"]
        got = {(s.label_, *s._.rasd["span"]) for s in doc.spans["rasd"]}
        want = {("CASUALTY", *c["span"]) for ev in report["events"] for c in ev["casualties"]}
        assert want and want <= got
        assert {s.label_ for s in doc.spans["rasd"]} <= LABELS


def test_displacy_renders_the_spans(nlp):
    doc = nlp("قُتل مدنيان في قصف على سرمين أمس.")
    html = displacy.render(doc, style="span", options={"spans_key": "rasd"}, page=True)
    assert "CASUALTY" in html and "PLACE" in html and "سرمين" in html
