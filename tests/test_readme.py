"""Every command in the README is run here, in README order, in a scratch folder; the outputs it shows
(the trimmed report JSON, the query sample, the --schema excerpt) are checked against what the commands print."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pipeline.research import query

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = [(m.group(2), textwrap.dedent(m.group(3)))
          for m in re.finditer(r"^([ \t]*)```(\w*)\n(.*?)^\1```", README, re.S | re.M)]
#: commands not run here, with the reason
NOT_RUN = {"make test": "it is the command that runs this test"}
LINKED = ("corpus", "docs", ".venv", "Makefile", "pyproject.toml", "constraints.txt")


def _commands() -> list[str]:
    return [line for kind, body in BLOCKS if kind == "sh" for line in body.splitlines() if line.strip()]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{ROOT / '.venv' / 'bin'}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


@pytest.fixture(scope="module")
def ran(tmp_path_factory) -> tuple[Path, dict[str, subprocess.CompletedProcess]]:
    if not (ROOT / ".venv" / "bin" / "rasd").exists():
        pytest.skip("the README's commands use .venv/ (made by `make install`)")
    work = tmp_path_factory.mktemp("readme")
    for name in LINKED:
        (work / name).symlink_to(ROOT / name)
    # `make` would reinstall .venv when pyproject.toml is newer than its stamp (`make test` refreshes it first);
    # from a scratch folder that must never happen, so then the stamp is taken as done (`make -o`)
    fresh = subprocess.run(["make", "-q", ".venv/.installed"], cwd=ROOT, capture_output=True).returncode == 0
    results = {}
    for cmd in _commands():
        if cmd.split("#")[0].strip() in NOT_RUN:
            continue
        run = cmd if fresh or not cmd.startswith("make ") else "make -o .venv/.installed " + cmd[len("make "):]
        results[cmd] = subprocess.run(["bash", "-c", run], cwd=work, env=_env(), capture_output=True, text=True,
                                      timeout=600)
    return work, results


def test_the_readme_has_commands_of_every_kind():
    kinds = {k for k, _ in BLOCKS}
    assert {"sh", "json", "text", "sql", "python"} <= kinds
    cmds = " ".join(_commands())
    for needed in ("make run", "rasd extract", "--metadata", "rasd query", "--schema", "rasd export", "--format acled",
                   "--format spacy", "rasd view", "rasd evaluate", "rasd gate check"):
        assert needed in cmds, needed


@pytest.mark.parametrize("cmd", [c for c in _commands() if c.split("#")[0].strip() not in NOT_RUN])
def test_every_shell_command_succeeds(ran, cmd):
    res = ran[1][cmd]
    assert res.returncode == 0, f"{cmd}\n{res.stderr[-2000:]}"


def _contained(shown, real, where="$") -> None:
    if isinstance(shown, dict):
        assert isinstance(real, dict), where
        for k, v in shown.items():
            assert k in real, f"{where}.{k} missing"
            _contained(v, real[k], f"{where}.{k}")
    elif isinstance(shown, list):
        assert isinstance(real, list) and len(shown) <= len(real), where
        for i, v in enumerate(shown):
            _contained(v, real[i], f"{where}[{i}]")
    else:
        assert shown == real, f"{where}: README shows {shown!r}, the command prints {real!r}"


def test_the_trimmed_json_is_what_extract_prints(ran):
    (shown,) = [json.loads(body) for kind, body in BLOCKS if kind == "json"]
    cmd = next(c for c in _commands() if c.endswith("-o -") and "extract corpus/c036.txt" in c)
    _contained(shown, json.loads(ran[1][cmd].stdout))


def test_the_query_sample_has_the_columns_the_query_prints(ran):
    sample = next(body for kind, body in BLOCKS if kind == "text" and "| " in body.splitlines()[0])
    cmd = next(c for c in _commands() if "rasd query outputs \"select report_id, date" in c)
    out = ran[1][cmd].stdout.splitlines()
    assert out[0].split() == sample.splitlines()[0].split()
    assert re.fullmatch(r"\(\d+ rows?\)", out[-1]) and len(out) == len(sample.splitlines())


def test_the_schema_excerpt_is_what_schema_prints(ran):
    excerpt = next(body for kind, body in BLOCKS if kind == "text" and body.startswith("casualties:"))
    out = {" ".join(line.split()) for line in ran[1]["rasd query outputs --schema"].stdout.splitlines()}
    missing = [line for line in excerpt.splitlines() if " ".join(line.split()) not in out]
    assert missing == []


@pytest.mark.parametrize("sql", [body for kind, body in BLOCKS if kind == "sql"],
                         ids=[f"question{i + 1}" for i in range(sum(k == "sql" for k, _ in BLOCKS))])
def test_the_five_questions_run(ran, sql):
    con = query.connect(ran[0] / "outputs")
    try:
        rows = con.sql(sql).fetchall()
    finally:
        con.close()
    assert rows


def test_the_python_example_runs(ran):
    for kind, body in BLOCKS:
        if kind == "python":
            res = subprocess.run([sys.executable, "-c", body], cwd=ran[0], env=_env(), capture_output=True,
                                 text=True, timeout=300)
            assert res.returncode == 0, res.stderr[-2000:]
            assert "CASUALTY" in res.stdout
