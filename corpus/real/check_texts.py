"""Check the real-text development set: every text present matches its recorded sha256 and length.

Usage:  python corpus/real/check_texts.py [--require]

The texts are third-party and never committed: ``corpus/real/sources.jsonl`` records, per report, its URL,
the first and last words of the excerpt used, its length in characters and its sha256. A machine that
evaluates puts the texts in the git-ignored ``corpus/real/texts/<id>.txt``. This script lists texts that
are missing or differ; with ``--require`` a missing text is an error too. Exit status 1 on any error.
Standard library only.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load_sources(path: Path = HERE / "sources.jsonl") -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def check(texts: Path = HERE / "texts", require: bool = False) -> tuple[list[str], list[str], int]:
    """(errors, missing ids, texts verified)."""
    errors, missing, ok = [], [], 0
    ids = set()
    gold_ids = {json.loads(line)["id"] for line in (HERE / "gold.jsonl").read_text(encoding="utf-8").splitlines()
                if line.strip()}
    for src in load_sources():
        rid = src["id"]
        if rid in ids:
            errors.append(f"{rid}: listed twice in sources.jsonl")
        ids.add(rid)
        if rid not in gold_ids:
            errors.append(f"{rid}: no gold line")
        path = texts / f"{rid}.txt"
        if not path.is_file():
            missing.append(rid)
            continue
        data = path.read_bytes()
        text = data.decode("utf-8")
        if hashlib.sha256(data).hexdigest() != src["sha256"]:
            errors.append(f"{rid}: sha256 differs from sources.jsonl")
        elif len(text) != src["chars"]:
            errors.append(f"{rid}: {len(text)} characters, sources.jsonl says {src['chars']}")
        else:
            ok += 1
    for gid in sorted(gold_ids - ids):
        errors.append(f"{gid}: gold line without a source")
    if require:
        errors += [f"{rid}: text missing" for rid in missing]
    return errors, missing, ok


def main(argv: list[str]) -> int:
    errors, missing, ok = check(require="--require" in argv)
    print(f"{ok} texts verified, {len(missing)} missing, {len(errors)} errors")
    for e in errors:
        print("  " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
