"""The corpus accuracy gate: it passes on main and fails when an extractor breaks."""
import json
from pathlib import Path

import pytest

from pipeline.evaluation import gate

ROOT = Path(__file__).resolve().parent.parent
GOLD, TEXTS, BASELINE = ROOT / "corpus" / "gold.jsonl", ROOT / "corpus", ROOT / "corpus" / "baseline.json"


@pytest.fixture(scope="module")
def checked():
    return gate.check(str(GOLD), str(TEXTS), str(BASELINE))


def test_corpus_meets_its_pinned_floors(checked):
    ok, msgs, _ = checked
    assert ok, "\n".join(msgs)


def test_floors_are_pinned_for_every_kind_the_gold_annotates(checked):
    base = json.loads(BASELINE.read_text(encoding="utf-8"))
    higher, lower = gate.measured(checked[2])
    assert set(base["floors"]) == set(higher) and set(base.get("ceilings", {})) == set(lower)
    assert {"casualties", "casualties+perpetrator", "facilities", "places", "governorates", "dates",
            "actors"} <= set(higher)


def test_a_broken_extractor_fails_the_gate(monkeypatch):
    from pipeline.stages import dates

    monkeypatch.setattr(dates, "find_dates", lambda nt, published=None: [])
    ok, msgs, _ = gate.check(str(GOLD), str(TEXTS), str(BASELINE))
    assert not ok and any(m.startswith("dates") for m in msgs)


def test_a_changed_gold_file_fails_the_gate(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(GOLD.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    ok, msgs, _ = gate.check(str(gold), str(TEXTS), str(BASELINE))
    assert not ok and any("changed" in m for m in msgs)


def test_pin_never_lowers_a_floor_without_the_flag(tmp_path):
    base = tmp_path / "baseline.json"
    raised = json.loads(BASELINE.read_text(encoding="utf-8"))
    raised["floors"] = {k: 1.0 for k in raised["floors"]}
    base.write_text(json.dumps(raised), encoding="utf-8")
    log = tmp_path / "CHANGELOG.md"
    code, msgs = gate.pin(str(GOLD), str(TEXTS), str(base), str(log), allow_regression=False, reason=None, readme=None)
    assert code == 1 and json.loads(base.read_text(encoding="utf-8"))["floors"] == raised["floors"]
    code, _ = gate.pin(str(GOLD), str(TEXTS), str(base), str(log), allow_regression=True, reason=None, readme=None)
    assert code == 2
    code, _ = gate.pin(str(GOLD), str(TEXTS), str(base), str(log), allow_regression=True,
                       reason="gold fix in c007", readme=None)
    assert code == 0 and "gold fix in c007" in log.read_text(encoding="utf-8")
