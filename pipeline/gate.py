"""``rasd gate``: the accuracy gate on the annotated corpus (floors that only move up).

The baseline file pins, per fact kind, the F1 floor, together with the sha256 of
the gold file it was measured on. ``rasd gate check`` fails (exit 1) when a kind
drops below its floor or when the gold changed without a re-pin. ``rasd gate pin``
re-measures and raises the floors; it never lowers one unless given
``--allow-regression --reason "..."``, and then it writes the reason into the
changelog.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import sys
from pathlib import Path

from .evaluate import evaluate, format_table
from .scoring import KINDS

DEFAULT_GOLD = "corpus/gold.jsonl"
DEFAULT_TEXTS = "corpus"
DEFAULT_BASELINE = "corpus/baseline.json"
DEFAULT_CHANGELOG = "CHANGELOG.md"


def sha256_file(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def floor3(x: float) -> float:
    """Round down to 3 decimals, so that the measured value always passes its own floor."""
    return math.floor(x * 1000 + 1e-9) / 1000


def check(gold: str, texts: str, baseline: str) -> tuple[bool, list[str], dict]:
    base = json.loads(Path(baseline).read_text(encoding="utf-8"))
    msgs: list[str] = []
    ok = True
    sha = sha256_file(gold)
    if sha != base.get("gold_sha256"):
        ok = False
        msgs.append(f"gold file {gold} changed (sha256 {sha[:12]}… != pinned {str(base.get('gold_sha256'))[:12]}…): "
                    "re-pin with `rasd gate pin`")
    tallies, _, _ = evaluate(gold, texts)
    for kind, floor in base.get("floors", {}).items():
        f1 = tallies[kind].f1
        if f1 + 1e-9 < floor:
            ok = False
            msgs.append(f"{kind}: F1 {f1:.3f} is below its floor {floor:.3f}")
    return ok, msgs, tallies


def pin(gold: str, texts: str, baseline: str, changelog: str, allow_regression: bool,
        reason: str | None) -> tuple[int, list[str]]:
    tallies, _, _ = evaluate(gold, texts)
    new = {k: floor3(tallies[k].f1) for k in KINDS}
    old: dict = {}
    if Path(baseline).exists():
        old = json.loads(Path(baseline).read_text(encoding="utf-8")).get("floors", {})
    lowered = {k: (old[k], new[k]) for k in new if k in old and new[k] < old[k]}
    msgs = []
    if lowered and not allow_regression:
        for k, (o, n) in lowered.items():
            msgs.append(f"{k}: F1 {n:.3f} would lower the floor {o:.3f}; fix the regression, or pass "
                        "--allow-regression --reason '...'")
        return 1, msgs
    if lowered and not reason:
        return 2, ["--allow-regression needs --reason '...' (it goes into the changelog)"]
    floors = {k: (new[k] if k in lowered else max(new[k], old.get(k, 0.0))) for k in KINDS}
    payload = {
        "gold": gold,
        "gold_sha256": sha256_file(gold),
        "pinned": dt.date.today().isoformat(),
        "floors": floors,
        "measured": {k: round(tallies[k].f1, 4) for k in KINDS},
    }
    Path(baseline).write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    if lowered:
        line = (f"- {dt.date.today().isoformat()}: accuracy floors lowered ("
                + ", ".join(f"{k} {o:.3f} -> {n:.3f}" for k, (o, n) in lowered.items())
                + f"): {reason}\n")
        with open(changelog, "a", encoding="utf-8") as fh:
            fh.write(line)
        msgs.append("changelog: " + line.strip())
    msgs.append("pinned floors: " + ", ".join(f"{k}={v:.3f}" for k, v in floors.items()))
    return 0, msgs


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["check", "pin"], help="check the floors, or re-pin them")
    p.add_argument("--gold", default=DEFAULT_GOLD)
    p.add_argument("--texts", default=DEFAULT_TEXTS)
    p.add_argument("--baseline", default=DEFAULT_BASELINE)
    p.add_argument("--changelog", default=DEFAULT_CHANGELOG)
    p.add_argument("--allow-regression", action="store_true", help="allow a re-pin to lower a floor")
    p.add_argument("--reason", help="why a floor is lowered (required with --allow-regression)")


def run(args: argparse.Namespace) -> int:
    if args.action == "check":
        if not Path(args.baseline).exists():
            print(f"rasd gate: no baseline at {args.baseline}; run `rasd gate pin` first", file=sys.stderr)
            return 2
        ok, msgs, tallies = check(args.gold, args.texts, args.baseline)
        print(format_table(tallies))
        for m in msgs:
            print(f"rasd gate: {m}", file=sys.stderr)
        print("gate: " + ("pass" if ok else "FAIL"))
        return 0 if ok else 1
    code, msgs = pin(args.gold, args.texts, args.baseline, args.changelog, args.allow_regression, args.reason)
    for m in msgs:
        print(f"rasd gate: {m}", file=sys.stderr if code else sys.stdout)
    return code
