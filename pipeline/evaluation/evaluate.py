"""``rasd evaluate``: extraction scored against gold annotations (SPEC section 4)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pipeline import ingest
from pipeline.stages.extract import build_report
from pipeline.evaluation.scoring import KINDS, DocDiff, Tally, facts_from_gold, facts_from_report, score
from pipeline.core.settings import MAX_BYTES_DEFAULT


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except ValueError as exc:
                    raise SystemExit(f"rasd evaluate: {path}:{n}: not JSON: {exc}")
    return rows


def read_text(path: Path) -> str:
    for item in ingest.read_input(str(path), MAX_BYTES_DEFAULT):
        if isinstance(item, ingest.IngestError):
            raise ingest.IngestError(f"{path}: {item.reason}")
        return item.text
    raise ingest.IngestError(f"no text in {path}")


def evaluate(gold_path: str | Path, texts_dir: str | Path,
             present_only: bool = False) -> tuple[dict[str, Tally], list[DocDiff], dict]:
    """Extract each gold document's text and score it. Returns tallies, diffs and the reports by id.

    A gold line whose text is absent is an error, unless ``present_only``: then only the lines whose
    ``<id>.txt`` is in ``texts_dir`` are scored (a third-party set restored in part on this machine)."""
    gold_rows = load_gold(gold_path)
    absent = [g["id"] for g in gold_rows if not (Path(texts_dir) / f"{g['id']}.txt").is_file()]
    if present_only:
        missing = set(absent)
        gold_rows = [g for g in gold_rows if g["id"] not in missing]
    elif absent:
        raise ingest.IngestError(
            f"{len(absent)} of {len(gold_rows)} gold lines have no text in {texts_dir} ({', '.join(absent[:5])}"
            f"{', …' if len(absent) > 5 else ''}): add --present-only to score the {len(gold_rows) - len(absent)} "
            f"present")
    reports: dict[str, dict] = {}
    triples = []
    for g in gold_rows:
        doc_id = g["id"]
        text = read_text(Path(texts_dir) / f"{doc_id}.txt")
        report = build_report(text, report_id=doc_id, source=str(Path(texts_dir) / f"{doc_id}.txt"),
                              sha256="-", published=g.get("published"))
        reports[doc_id] = report
        triples.append((doc_id, facts_from_gold(g), facts_from_report(report)))
    tallies, diffs = score(triples)
    return tallies, diffs, reports


def format_table(tallies: dict[str, Tally]) -> str:
    lines = [f"{'kind':<24}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for kind in KINDS:
        t = tallies[kind]
        lines.append(f"{kind:<24}{t.precision:>7.3f}{t.recall:>7.3f}{t.f1:>7.3f}{t.tp:>6}{t.fp:>6}{t.fn:>6}")
    tt = tallies.get("tolls")
    if tt is not None and tt.reports:
        lines.append(f"{'tolls':<24}exact {tt.exact}/{tt.reports} = {tt.exact_share:.3f}, "
                     f"relative error {tt.rel_error:.3f} (|pred-gold| {tt.abs_error} over {tt.gold_total})")
    return "\n".join(lines)


def _sentence_for(report: dict, kind: str, item: tuple) -> str | None:
    """The sentence behind a predicted item, to show a developer where an extra came from."""
    text = report["text"]
    if kind.startswith("casualties") or kind == "facilities":
        key = "casualties" if kind.startswith("casualties") else "facilities"
        for ev in report["events"]:
            for c in ev[key]:
                k = (c["outcome"], c["group"], c["count"]) if key == "casualties" else (c["type"], c["count"])
                if tuple(item[: len(k)]) == k:
                    return ev["sentence"]["text"]
        return None
    pools = {"places": report["places"], "governorates": report["places"], "dates": report["dates"],
             "actors": report["actors"]}
    for m in pools.get(kind, []):
        from pipeline.evaluation.scoring import gold_norm

        val = {"places": lambda m: gold_norm(m["name_ar"]),
               "governorates": lambda m: gold_norm((m.get("admin1") or {}).get("name_ar", "")),
               "dates": lambda m: (m["value"], m["precision"]),
               "actors": lambda m: m["id"]}[kind](m)
        if val == item:
            s, e = m["span"]
            a = max(text.rfind("\n", 0, s), text.rfind(".", 0, s)) + 1
            b = min(x for x in (text.find("\n", e), text.find(".", e), len(text)) if x != -1)
            return text[a:b].strip()
    return None


def _gold_sentence(text: str, item: tuple) -> str | None:
    """A sentence that probably holds a missed gold item (by its count or name)."""
    needles = [str(x) for x in item if isinstance(x, (int, str)) and str(x) not in ("exact",)]
    for sent in text.replace("\n", ".\n").split("."):
        if any(n and n in sent for n in needles[2:3] + needles[:1]):
            return sent.strip()
    return None


def format_diffs(diffs: list[DocDiff], reports: dict[str, dict]) -> str:
    out = []
    for d in diffs:
        if not d.missed and not d.extra:
            continue
        out.append(f"== {d.doc_id}")
        for kind, items in d.missed.items():
            for it in items:
                sent = _gold_sentence(reports[d.doc_id]["text"], it) if kind.startswith("casualties") else None
                out.append(f"  MISS  {kind:<22} {it}" + (f"\n        in: {sent}" if sent else ""))
        for kind, items in d.extra.items():
            for it in items:
                sent = _sentence_for(reports[d.doc_id], kind, it)
                out.append(f"  EXTRA {kind:<22} {it}" + (f"\n        in: {sent}" if sent else ""))
    return "\n".join(out)


#: the decided fields of a casualty, and the gold key each is checked with
_RULE_KEYS = {
    "outcome": lambda c: (c["outcome"], c["group"], c.get("count")),
    "perpetrator": lambda c: (c["outcome"], c["group"], c.get("count"), c.get("perpetrator")),
    "scope": lambda c: (c["outcome"], c["group"], c.get("count"), c.get("scope")),
}


def listed_rules() -> dict[str, list[str]]:
    """The names of the ordered rule lists behind each decided field of a casualty (rules that a report
    can also name, such as a breakdown taking its total's value, are added as they fire)."""
    from pipeline.stages.casualties.attribution import PERPETRATOR_RULES
    from pipeline.stages.casualties.outcome import OUTCOME_RULES
    from pipeline.stages.scope import SCOPE_RULES

    return {"outcome": [r.name for r in OUTCOME_RULES], "perpetrator": [r.name for r in PERPETRATOR_RULES],
            "scope": [r.name for r in SCOPE_RULES]}


def rule_stats(gold_path: str | Path, reports: dict[str, dict]) -> dict[str, dict[str, list[int]]]:
    """Per decided field and rule: [times fired, times the decided fact is in the gold] on ``reports``.

    A casualty decided by a rule is right when the gold line holds a fact with its key (outcome, group,
    count) plus the decided field; each gold fact is matched once. Scope is checked only against gold
    lines that carry it."""
    from collections import Counter

    gold = {g["id"]: g for g in load_gold(gold_path)}
    # every listed rule has a row, so a rule that never fires on the set shows as fired 0
    stats: dict[str, dict[str, list[int]]] = {f: {name: [0, 0] for name in names}
                                              for f, names in listed_rules().items()}
    for rid, rep in reports.items():
        g = gold.get(rid, {})
        gcas = g.get("casualties", [])
        for field, key in _RULE_KEYS.items():
            if field == "scope" and not all("scope" in c for c in gcas):
                continue
            pool = Counter(key(c) for c in gcas)
            for ev in rep["events"]:
                for c in ev["casualties"]:
                    why = c.get("why", {}).get(field)
                    if why is None:
                        continue
                    row = stats[field].setdefault(why["rule"], [0, 0])
                    row[0] += 1
                    k = key(c)
                    if pool[k] > 0:
                        pool[k] -= 1
                        row[1] += 1
    return stats


def format_rule_stats(stats: dict[str, dict[str, list[int]]]) -> str:
    lines = []
    for field, rules in stats.items():
        lines.append(f"{field}:")
        lines.append(f"  {'rule':<36}{'fired':>7}{'right':>7}{'precision':>13}")
        for name, (n, ok) in sorted(rules.items(), key=lambda kv: -kv[1][0]):
            prec = f"{ok / n:.3f}" if n else "never fired"
            lines.append(f"  {name:<36}{n:>7}{ok:>7}{prec:>13}")
    return "\n".join(lines)


def tallies_json(tallies: dict[str, Any]) -> dict[str, dict]:
    out = {k: {"precision": round(t.precision, 4), "recall": round(t.recall, 4), "f1": round(t.f1, 4),
               "tp": t.tp, "fp": t.fp, "fn": t.fn} for k, t in tallies.items() if k in KINDS}
    tt = tallies.get("tolls")
    if tt is not None:
        out["tolls"] = {"reports": tt.reports, "exact": tt.exact, "exact_share": round(tt.exact_share, 4),
                        "rel_error": round(tt.rel_error, 4), "abs_error": tt.abs_error, "gold_total": tt.gold_total}
    return out


def parse_min_f1(items: list[str]) -> dict[str, float]:
    out = {}
    for it in items:
        kind, _, val = it.partition("=")
        if kind not in KINDS or not val:
            raise ValueError(f"--min-f1 expects KIND=X with KIND one of {', '.join(KINDS)}: {it!r}")
        out[kind] = float(val)
    return out


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--gold", required=True, help="gold annotations, one JSON object per line (SPEC section 4)")
    p.add_argument("--texts", required=True, help="folder holding <id>.txt for each gold line")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--show", action="store_true", help="list every miss and extra per report, with its sentence")
    p.add_argument("--by-rule", action="store_true",
                   help="per decision rule (perpetrator, outcome, scope): how often it fired and its precision")
    p.add_argument("--present-only", action="store_true",
                   help="score only the gold lines whose text is in --texts (a set whose texts are restored in "
                        "part, like corpus/real); says how many were left out")
    p.add_argument("--min-f1", nargs="+", default=[], metavar="KIND=X", help="exit 1 when a kind's F1 is below X")


def run(args: argparse.Namespace) -> int:
    try:
        floors = parse_min_f1(args.min_f1)
    except ValueError as exc:
        print(f"rasd evaluate: {exc}", file=sys.stderr)
        return 2
    if not Path(args.gold).is_file() or not Path(args.texts).is_dir():
        print("rasd evaluate: --gold must be a file and --texts a folder", file=sys.stderr)
        return 2
    try:
        tallies, diffs, reports = evaluate(args.gold, args.texts, present_only=args.present_only)
    except (ingest.IngestError, KeyError) as exc:
        print(f"rasd evaluate: {exc}", file=sys.stderr)
        return 2
    below = {k: tallies[k].f1 for k, v in floors.items() if tallies[k].f1 < v}
    left = len(load_gold(args.gold)) - len(reports)  # gold lines --present-only left out
    if args.json:
        payload = {"kinds": tallies_json(tallies), "documents": len(reports), "left_out": left}
        if args.show:
            payload["diffs"] = [{"id": d.doc_id, "missed": d.missed, "extra": d.extra}
                                for d in diffs if d.missed or d.extra]
        if floors:
            payload["below_min_f1"] = below
        if args.by_rule:
            payload["rules"] = rule_stats(args.gold, reports)
        print(json.dumps(payload, ensure_ascii=False, indent=2, default=list))
    else:
        print(f"{len(reports)} documents scored against {args.gold}"
              + (f" ({left} gold lines without a text in {args.texts} left out)" if left else ""))
        print(format_table(tallies))
        if args.show:
            print(format_diffs(diffs, reports))
        if args.by_rule:
            print(format_rule_stats(rule_stats(args.gold, reports)))
        for k, f in below.items():
            print(f"rasd evaluate: {k} F1 {f:.3f} is below --min-f1 {floors[k]}", file=sys.stderr)
    return 1 if below else 0
