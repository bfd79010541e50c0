"""Benchmark of ``rasd query`` over 10,000 synthetic reports.

The reports are copies of the hand-made fixture (tests/fixtures/outdir) under
new ids, written into a temporary OUTDIR exactly as ``rasd extract`` lays it
out. Then the issue's example query is timed (target: under 1 s):

    select perpetrator, sum(count) from casualties where outcome='killed' group by 1

Figures printed: the in-process time (views + query, warm and cold) and the
wall time of the whole command in a fresh process (``python -m pipeline query``,
interpreter start-up included).

    .venv/bin/python bench/bench_query.py [--reports N] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.research import query  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "outdir"
SQL = "select perpetrator, sum(count) from casualties where outcome='killed' group by 1"


def _rename(report: dict, new_id: str) -> dict:
    rep = json.loads(json.dumps(report))
    rep["report"]["id"] = new_id
    rep["report"]["source"] = f"synthetic/{new_id}.txt"
    for i, ev in enumerate(rep["events"], 1):
        ev["id"] = f"{new_id}#e{i}"
    return rep


def make_outdir(out: Path, n: int) -> dict:
    templates = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((FIXTURE / "reports").glob("*.json"))]
    (out / "reports").mkdir(parents=True, exist_ok=True)
    n_events = 0
    with open(out / "events.jsonl", "w", encoding="utf-8") as ev_fh:
        for k in range(n):
            tpl = templates[k % len(templates)]
            rid = f"syn{k:06d}_{tpl['report']['id']}"
            rep = _rename(tpl, rid)
            (out / "reports" / f"{rid}.json").write_text(json.dumps(rep, ensure_ascii=False), encoding="utf-8")
            for ev in rep["events"]:
                ev_fh.write(json.dumps({"report_id": rid, **ev}, ensure_ascii=False) + "\n")
                n_events += 1
    (out / "manifest.json").write_text(json.dumps({"synthetic": True, "reports": n}), encoding="utf-8")
    size = sum(p.stat().st_size for p in (out / "reports").iterdir()) + (out / "events.jsonl").stat().st_size
    return {"reports": n, "events": n_events, "bytes": size}


def time_in_process(outdir: Path, sql: str, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        con = query.connect(outdir, views=query.views_used(sql))
        rows = con.sql(sql).fetchall()
        con.close()
        times.append(time.perf_counter() - t0)
    assert rows, "the query returned nothing"
    return times


def time_command(outdir: Path, sql: str, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "pipeline", "query", str(outdir), sql],
                              cwd=ROOT, capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        if proc.returncode != 0:
            raise SystemExit(proc.stderr)
    return times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--keep", metavar="DIR", help="build the OUTDIR here and keep it")
    args = ap.parse_args()

    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="rasd-bench-query-"))
    try:
        t0 = time.perf_counter()
        info = make_outdir(tmp, args.reports)
        print(f"OUTDIR {tmp}: {info['reports']:,} reports, {info['events']:,} events, "
              f"{info['bytes'] / 1e6:.1f} MB, built in {time.perf_counter() - t0:.1f} s")
        print(f"query: {SQL}")
        inproc = time_in_process(tmp, SQL, args.repeat)
        print(f"in process (views + query): first {inproc[0] * 1000:.0f} ms, "
              f"median {statistics.median(inproc) * 1000:.0f} ms, best {min(inproc) * 1000:.0f} ms")
        cmd = time_command(tmp, SQL, args.repeat)
        print(f"`python -m pipeline query` (fresh process): median {statistics.median(cmd) * 1000:.0f} ms, "
              f"best {min(cmd) * 1000:.0f} ms")
        for label, sql in (("events view, killed per governorate",
                            "select admin1_name_en, sum(killed) from events where event_scope='incident' group by 1"),
                           ("reports view, count", "select count(*) from reports")):
            t = time_in_process(tmp, sql, 3)
            print(f"{label}: median {statistics.median(t) * 1000:.0f} ms")
        ok = statistics.median(cmd) < 1.0
        print(f"target < 1 s for the command: {'met' if ok else 'NOT met'} (cores: {os.cpu_count()})")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
