"""The package's layers: imports only go downward.

    core  <-  stages, ingest  <-  research, evaluation  <-  batch  <-  cli

A layer may import its own modules and any lower layer; siblings (stages/ingest, research/evaluation)
never import each other. Checked on every ``import`` in ``pipeline/``, including those inside functions.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "pipeline"

RANK = {"core": 0, "stages": 1, "ingest": 1, "research": 2, "evaluation": 2, "batch": 3, "": 4}


def layer_of(dotted: str) -> str:
    """``pipeline.stages.casualties`` -> ``stages``; ``pipeline`` / ``pipeline.cli`` -> '' (the top)."""
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in RANK else ""


def allowed(importer: str, imported: str) -> bool:
    a, b = layer_of(importer), layer_of(imported)
    if a == b:
        return True
    if imported == "pipeline":  # `from pipeline import __version__`
        return True
    return RANK[b] < RANK[a]


def imports_of(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.startswith("pipeline"):
            if node.module == "pipeline":  # `from pipeline import ingest` names modules
                found += [(node.lineno, f"pipeline.{a.name}") for a in node.names if a.name != "__version__"]
            else:
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}:{node.lineno}: relative import; use the absolute pipeline.<layer> path")
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("pipeline")]
    return found


def module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = sorted(PKG.rglob("*.py"))


@pytest.mark.parametrize("importer, imported, ok", [
    ("pipeline.stages.casualties", "pipeline.core.text", True),
    ("pipeline.stages.casualties", "pipeline.stages.numbers", True),
    ("pipeline.stages.casualties", "pipeline.ingest", False),
    ("pipeline.stages.casualties", "pipeline.research.query", False),
    ("pipeline.ingest", "pipeline.stages.dates", False),
    ("pipeline.research.query", "pipeline.evaluation.scoring", False),
    ("pipeline.evaluation.evaluate", "pipeline.ingest", True),
    ("pipeline.batch.runner", "pipeline.research.corrections", True),
    ("pipeline.core.text", "pipeline.stages.numbers", False),
    ("pipeline.cli", "pipeline.batch.runner", True),
])
def test_the_rule(importer, imported, ok):
    assert allowed(importer, imported) is ok


def test_every_module_sits_in_a_layer():
    top = {p.name for p in PKG.glob("*.py")}
    assert top <= {"__init__.py", "__main__.py", "cli.py"}, top


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PKG)))
def test_imports_go_downward(path):
    me = module_name(path)
    wrong = [f"line {line}: {imp}" for line, imp in imports_of(path) if not allowed(me, imp)]
    assert not wrong, f"{me} imports upward or sideways: {wrong}"
