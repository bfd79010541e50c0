"""The real-text development set (corpus/real): its texts match their sha256, and it evaluates.

The texts are third-party and never committed; where they are absent (CI, a fresh clone) these tests
are skipped with the reason shown in pytest's summary (`-rs`).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

REAL = Path(__file__).resolve().parent.parent / "corpus" / "real"
TEXTS = REAL / "texts"
HAVE_TEXTS = TEXTS.is_dir() and any(TEXTS.glob("*.txt"))
needs_texts = pytest.mark.skipif(not HAVE_TEXTS, reason="corpus/real/texts is absent: the real-text set's texts "
                                 "are third-party and not committed (see corpus/real/README.md)")


def test_sources_and_gold_describe_the_same_reports():
    src = [json.loads(x) for x in (REAL / "sources.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    gold = [json.loads(x) for x in (REAL / "gold.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    assert [s["id"] for s in src] == [g["id"] for g in gold]
    assert len(src) >= 80 and len({s["domain"] for s in src}) >= 12
    for s in src:
        assert s["url"].startswith("http") and len(s["sha256"]) == 64 and s["chars"] > 0
        assert len(s["first_words"].split()) <= 3 and len(s["last_words"].split()) <= 3
    for g in gold:
        assert "incident_tolls" in g and all("scope" in c for c in g["casualties"])


@needs_texts
def test_texts_match_their_sha256():
    import importlib.util

    spec = importlib.util.spec_from_file_location("check_texts", REAL / "check_texts.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    errors, missing, ok = mod.check(TEXTS)
    assert not errors and ok > 0, errors


@needs_texts
def test_the_real_set_evaluates_without_a_failure(tmp_path):
    """Every report whose text is present evaluates; a machine may hold only part of the set (texts are
    restored one by one), so the gold lines of absent texts are left out, not failed."""
    from pipeline.evaluation.evaluate import evaluate

    lines = [x for x in (REAL / "gold.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    present = [x for x in lines if (TEXTS / f"{json.loads(x)['id']}.txt").is_file()]
    gold = tmp_path / "gold_present.jsonl"
    gold.write_text("\n".join(present) + "\n", encoding="utf-8")
    tallies, diffs, reports = evaluate(gold, TEXTS)
    assert len(reports) == len(diffs) == len(present) > 0
    assert tallies["casualties"].f1 > 0.5


def test_present_only_scores_the_texts_present_and_says_how_many_are_left_out(tmp_path, capsys):
    """A real set restored in part: ``--present-only`` scores what is there; without it a missing text is an
    error (a corpus must never be scored silently short)."""
    from pipeline.cli import main

    corpus = REAL.parent
    lines = [x for x in (corpus / "gold.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()][:3]
    texts = tmp_path / "texts"
    texts.mkdir()
    for x in lines[:2]:
        rid = json.loads(x)["id"]
        (texts / f"{rid}.txt").write_text((corpus / f"{rid}.txt").read_text(encoding="utf-8"), encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["evaluate", "--gold", str(gold), "--texts", str(texts), "--present-only"]) == 0
    out = capsys.readouterr().out
    assert "2 documents scored" in out and "1 gold lines without a text" in out
    capsys.readouterr()
    assert main(["evaluate", "--gold", str(gold), "--texts", str(texts)]) == 2
    err = capsys.readouterr().err
    assert "1 of 3 gold lines have no text" in err and "--present-only" in err
