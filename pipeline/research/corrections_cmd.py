"""``rasd corrections status|apply|to-gold OUTDIR``: the review log of an OUTDIR.

- ``status``: how many corrections apply, and every one that does not (its span holds no fact any
  more, its report changed or is gone, a bad line); exit 1 when some do not apply.
- ``apply``: re-apply the log to the report files now (``extract``, ``query``, ``export`` and ``view``
  do it themselves when the log changed).
- ``to-gold``: one gold line (SPEC section 4) per fully reviewed report, i.e. every casualty count of it
  accepted, edited or rejected; the counts are the reviewed values (rejected ones left out), the
  other kinds as extracted. ``--texts DIR`` also writes ``DIR/<id>.txt`` for ``rasd evaluate``.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Iterator

from pipeline.research import corrections


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(parser))
    st = sub.add_parser("status", help="applied corrections and those that do not apply")
    st.add_argument("outdir", metavar="OUTDIR")
    ap = sub.add_parser("apply", help="re-apply corrections.jsonl to the report files")
    ap.add_argument("outdir", metavar="OUTDIR")
    tg = sub.add_parser("to-gold", help="gold lines (SPEC section 4) from fully reviewed reports")
    tg.add_argument("outdir", metavar="OUTDIR")
    tg.add_argument("-o", "--output", metavar="FILE", help="write the gold lines to FILE (default: stdout)")
    tg.add_argument("--texts", metavar="DIR", help="also write DIR/<id>.txt, the text of each gold report")


def _reports(outdir: Path) -> Iterator[dict]:
    for path in sorted((outdir / "reports").glob("*.json")):
        try:
            yield json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue


def fully_reviewed(report: dict) -> bool:
    counts = [c for ev in report.get("events") or [] for c in (ev.get("casualties") or []) + (ev.get("rejected") or [])]
    return bool(counts) and all(c.get("reviewed") for c in counts)


def _unique(values) -> list:
    out: list = []
    for v in values:
        if v and v not in out:
            out.append(v)
    return out


def gold_line(report: dict) -> dict[str, Any]:
    """SPEC section 4 for one reviewed report."""
    events = report.get("events") or []
    cas = [c for ev in events for c in ev.get("casualties") or []]
    scope_of = {id(c): corrections.casualty_scope(c, ev) for ev in events for c in ev.get("casualties") or []}
    tolls = report.get("tolls") or corrections.report_tolls(report)
    dates = _unique({"value": d.get("value"), "precision": d.get("precision")} for d in report.get("dates") or []
                    if d.get("value"))
    return {
        "id": (report.get("report") or {}).get("id"),
        "casualties": [{"outcome": c.get("outcome"), "group": c.get("group"), "count": c.get("count"),
                        "qualifier": c.get("qualifier"), "perpetrator": c.get("perpetrator"), "cause": c.get("cause"),
                        "scope": scope_of[id(c)]} for c in cas],
        "facilities": [{"type": f.get("type"), "count": f.get("count")} for ev in events
                       for f in ev.get("facilities") or [] if f.get("count") is not None],
        "places": _unique(p.get("name_ar") for p in report.get("places") or []),
        "governorates": _unique((p.get("admin1") or {}).get("name_ar") for p in report.get("places") or []),
        "dates": dates,
        "actors": _unique(a.get("id") for a in report.get("actors") or []),
        "incident_tolls": {k: int(tolls.get(k) or 0) for k in ("killed", "injured", "detained")},
    }


def run(args: argparse.Namespace) -> int:
    outdir = Path(args.outdir)
    if not (outdir / "reports").is_dir():
        print(f"rasd corrections: not an OUTDIR (no reports/): {outdir}", file=sys.stderr)
        return 2
    if args.action in ("status", "apply"):
        res = corrections.sync_outdir(outdir)
        book = corrections.load(outdir)
        print(f"{len(book)} corrections in {outdir / corrections.LOG_NAME}; {res.summary()}")
        for rid, problems in sorted(res.problems.items()):
            for p in problems:
                print(f"NOT APPLIED {rid}: {p}")
        return 1 if res.problems and args.action == "status" else 0
    corrections.ensure_applied(outdir)
    lines = []
    texts = Path(args.texts) if args.texts else None
    for report in _reports(outdir):
        if not fully_reviewed(report):
            continue
        g = gold_line(report)
        lines.append(json.dumps(g, ensure_ascii=False))
        if texts is not None:
            texts.mkdir(parents=True, exist_ok=True)
            (texts / f"{g['id']}.txt").write_text(report.get("text") or "", encoding="utf-8")
    data = "".join(line + "\n" for line in lines)
    if args.output:
        Path(args.output).write_text(data, encoding="utf-8")
    else:
        sys.stdout.write(data)
    print(f"rasd corrections: {len(lines)} fully reviewed reports as gold lines", file=sys.stderr)
    return 0
