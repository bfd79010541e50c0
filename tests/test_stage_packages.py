"""Every stage keeps its knowledge in lexicons/ and settings: no Arabic string in the Python of
``pipeline/stages/`` except docstrings (and the one-line docs of rule records, ``@rule(name, doc)`` and
``Rule(name, doc, ...)``). Function length: test_function_length."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
import regex

STAGES = Path(__file__).resolve().parent.parent / "pipeline" / "stages"
ARABIC = regex.compile(r"\p{Arabic}")
MODULES = sorted(STAGES.rglob("*.py"))


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring constants, and of the doc arguments of ``@rule(name, doc)`` decorators."""
    out: set[int] = set()
    for n in ast.walk(tree):
        if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and n.body \
                and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant):
            out.add(id(n.body[0].value))
        if isinstance(n, ast.Call) and getattr(n.func, "id", "") in ("rule", "Rule"):
            out.update(id(m) for a in n.args[1:] for m in ast.walk(a))
    return out


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(STAGES).as_posix())
def test_no_arabic_literal_outside_docstrings(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    found = [(n.lineno, n.value[:30]) for n in ast.walk(tree) if isinstance(n, ast.Constant)
             and isinstance(n.value, str) and ARABIC.search(n.value) and id(n) not in docs]
    assert found == []


def test_the_lint_can_fail():
    tree = ast.parse('def f():\n    """مثال في التوثيق"""\n    return "قرية"\n')
    docs = _docstrings(tree)
    assert [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and id(n) not in docs] == ["قرية"]
