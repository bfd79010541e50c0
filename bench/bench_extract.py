"""Speed of `rasd extract`: start-up, throughput, time per character as a report grows, memory.

    .venv/bin/python bench/bench_extract.py [--copies N] [--jobs J] [--sizes 5000,500000,16777216]
                                            [--kinds prose,numbers] [--skip-stages] [--skip-batch] [--skip-scaling]
                                            [--tiny N]

Not a test: figures for the README's speed section. CPU time (``time.process_time``) is
reported where one process does the work, so other load on the machine does not count.

1. start-up: a fresh interpreter imports the pipeline and extracts one sentence (imports,
   lexicons, automata, compiled patterns), best of three, wall clock and CPU time (the import and
   the first report apart); as the environment is, and with Python's bytecode cache;
2. per stage on the corpus texts, warm, in one process: build_report with the stage calls of
   its production path timed in place (ms per report and share), the whole in M chars/s; and one
   5 KB report (the corpus joined and cut), warm;
3. scaling: one report of growing length, prose (the corpus repeated) and number-dense text
   (counts, lists of bare numbers, table rows), each in its own process: µs per character and
   the process's peak memory;
4. a batch of N copies of the corpus through the runner with J processes: reports per second
   and the peak memory of a worker;
5. many tiny files (1,000 and 10,000), extracted and then resumed with nothing to do; then the same
   N tiny files extracted in the parent process without workers, by the workers with --jobs 1 and
   with --jobs J (the cost of the per-input workers).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WARM = "قتل مدني في حلب يوم 1 آذار 2020"


def corpus_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]


def prose(size: int) -> str:
    joined = "\n".join(corpus_texts())
    return (joined * (size // len(joined) + 1))[:size]


def number_dense(size: int) -> str:
    """Text where about one character in six belongs to a number: counts with nouns, breakdowns,
    lists of bare numbers on one line and table rows (the shapes that once were quadratic)."""
    rnd = random.Random(7)
    shapes = (
        lambda: f"قتل {rnd.randint(1, 999)} مدنياً بينهم {rnd.randint(1, 99)} طفلاً و{rnd.randint(1, 50)} سيدة، ",
        lambda: "الأعداد: " + " ".join(str(rnd.randint(1, 9999)) for _ in range(rnd.randint(5, 40))) + "\n",
        lambda: "| {} | {} | {} |\n".format(rnd.randint(1, 99), rnd.randint(1, 99), rnd.randint(1, 99)),
        lambda: f"وأصيب {rnd.randint(2, 300)} آخرون في {rnd.randint(1, 28)} آذار {rnd.randint(2011, 2023)}. ",
        lambda: f"إنقاذ {rnd.randint(2, 90)} مدنياً، و{rnd.randint(2, 90)} على يد قوات النظام، ",
    )
    out: list[str] = []
    n = 0
    while n < size:
        s = rnd.choice(shapes)()
        out.append(s)
        n += len(s)
    return "".join(out)[:size]


def _one(kind: str, size: int) -> None:
    """Child process: extract one generated report, print JSON (seconds, chars, numbers, peak MB)."""
    from pipeline.stages.extract import analyse, build_report

    build_report(WARM, report_id="w", source="-", sha256="-")
    text = prose(size) if kind == "prose" else number_dense(size)
    t = time.process_time()
    doc = analyse(text)
    secs = time.process_time() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"secs": secs, "chars": len(text), "numbers": len(doc.numbers), "peak_mb": peak}))


_STARTUP_CODE = f"""
import resource, time
t0 = time.process_time()
from pipeline.stages.extract import build_report
t1 = time.process_time()
build_report({WARM!r}, report_id='w', source='-', sha256='-')
t2 = time.process_time()
print(t1 - t0, t2 - t1)
"""


def startup(env: dict[str, str] | None = None) -> tuple[float, float, float, float]:
    """Best of three fresh interpreters: (wall seconds, CPU seconds, CPU of the import, CPU of the
    first report), interpreter start included in the first two."""
    runs = []
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", _STARTUP_CODE], cwd=ROOT, check=True, env=env,
                             capture_output=True, text=True).stdout
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        imp, first = (float(x) for x in out.split())
        runs.append((wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, imp, first))
    return tuple(min(r[k] for r in runs) for k in range(4))  # type: ignore[return-value]


def print_startup() -> None:
    """Start-up as the environment is (PYTHONDONTWRITEBYTECODE=1 leaves the package without .pyc files,
    so each start compiles it), then with Python's bytecode cache (in a temporary pycache prefix, after
    one warm run)."""
    in_tree = any((ROOT / "pipeline").glob("**/__pycache__/*.pyc"))
    as_is = "bytecode in the tree" if in_tree else "no bytecode in the tree"
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        as_is += ", PYTHONDONTWRITEBYTECODE set"
    with tempfile.TemporaryDirectory() as prefix:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = prefix
        subprocess.run([sys.executable, "-c", _STARTUP_CODE], cwd=ROOT, check=True, env=env, capture_output=True)
        for label, e in ((as_is, None), ("bytecode cached", env)):
            wall, cpu, imp, first = startup(e)
            print(f"start-up ({label}; interpreter + imports + lexicons + automata + one sentence, fresh "
                  f"process, best of 3): {wall:.2f} s wall, {cpu:.2f} s CPU (import {imp:.2f} s, first report "
                  f"{first:.2f} s)")


# The stage calls of the production path (pipeline.stages.extract.find_mentions / analyse /
# build_report), timed where extract reads them: (label, module, attribute).
_STAGE_CALLS = (
    ("normalize", "pipeline.stages.extract", "normalize"),
    ("text_doc", "pipeline.stages.extract", "text_doc"),
    ("numbers", "pipeline.stages.numbers", "find_numbers"),
    ("numbers", "pipeline.core.sanity", "drop_absurd_numbers"),
    ("dates", "pipeline.stages.dates", "find_dates"),
    ("places", "pipeline.stages.places", "find_places"),
    ("actors", "pipeline.stages.actors", "find_actors"),
    ("weapons", "pipeline.stages.weapons", "find_weapons"),
    ("facilities", "pipeline.stages.facilities", "find_facilities"),
    ("casualties", "pipeline.stages.casualties", "find_casualties"),
    ("casualties", "pipeline.stages.casualties", "check_breakdowns"),
    ("events", "pipeline.stages.events", "build_events"),
    ("summing", "pipeline.stages.summing", "finalize"),
)


def _timed_stages(timings: dict[str, float]):
    """Wrap the stage functions where the production path looks them up, charging each call's CPU
    time, less that of the wrapped calls it makes itself (facilities may run find_actors), to its
    stage; returns a function that puts the originals back."""
    import importlib

    stack: list[float] = []  # time spent in wrapped callees of each open call
    originals = []

    def wrap(label, fn):
        def timed(*args, **kw):
            stack.append(0.0)
            t = time.process_time()
            try:
                return fn(*args, **kw)
            finally:
                spent = time.process_time() - t
                inner = stack.pop()
                timings[label] = timings.get(label, 0.0) + spent - inner
                if stack:
                    stack[-1] += spent
        return timed

    for label, mod_name, attr in _STAGE_CALLS:
        mod = importlib.import_module(mod_name)
        fn = getattr(mod, attr)
        originals.append((mod, attr, fn))
        setattr(mod, attr, wrap(label, fn))

    def restore() -> None:
        for mod, attr, fn in reversed(originals):
            setattr(mod, attr, fn)
    return restore


def stages() -> None:
    """Per stage, as production runs them: build_report with its stage calls timed in place (the
    shared TextDoc, its lazily built parts charged to the stage that first asks for them);
    ``render`` is the rest of build_report (the report's JSON, warnings, sanity and span checks)."""
    from pipeline.stages.extract import build_report

    texts = corpus_texts()
    for text in texts:  # warm
        build_report(text, report_id="w", source="-", sha256="-")
    chars = sum(map(len, texts))
    reps = max(1, 300_000 // max(chars, 1))
    timings: dict[str, float] = {}
    restore = _timed_stages(timings)
    try:
        t = time.process_time()
        for _ in range(reps):
            for text in texts:
                build_report(text, report_id="x", source="-", sha256="-")
        whole = time.process_time() - t
    finally:
        restore()
    timings["render"] = whole - sum(timings.values())
    n_docs = reps * len(texts)
    print(f"\nper stage, {n_docs} reports, {reps * chars / 1e6:.2f} M chars, one process, build_report's own "
          f"calls (CPU time):")
    for name, secs in timings.items():
        print(f"  {name:<11} {secs / n_docs * 1000:7.3f} ms/report  {100 * secs / whole:5.1f} %")

    t = time.process_time()
    for _ in range(reps):
        for text in texts:
            build_report(text, report_id="x", source="-", sha256="-")
    secs = time.process_time() - t
    print(f"  build_report (stages + JSON + span check): {secs / n_docs * 1000:.3f} ms/report -> "
          f"{n_docs / secs:,.0f} reports/s, {reps * chars / secs / 1e6:.3f} M chars/s")
    five_k = prose(5_000)
    build_report(five_k, report_id="x", source="-", sha256="-")
    t = time.process_time()
    for _ in range(20):
        build_report(five_k, report_id="x", source="-", sha256="-")
    print(f"  one 5 KB report, warm: {(time.process_time() - t) / 20 * 1000:.2f} ms")


def scaling(sizes: list[int], kinds: list[str]) -> None:
    print("\nscaling, one report of growing length (whole pipeline, CPU time, own process):")
    for kind in kinds:
        base = None
        for size in sizes:
            out = subprocess.run([sys.executable, __file__, "--one", kind, str(size)], cwd=ROOT,
                                 capture_output=True, text=True)
            if out.returncode != 0:
                print(f"  {kind:<8} {size / 1000:>8,.0f} K chars: failed: {out.stderr.strip()[-300:]}")
                continue
            r = json.loads(out.stdout.strip().splitlines()[-1])
            us = r["secs"] / r["chars"] * 1e6
            base = base or us
            print(f"  {kind:<8} {r['chars'] / 1000:>8,.0f} K chars, {r['numbers']:>9,} numbers: {r['secs']:8.2f} s  "
                  f"{us:6.2f} µs/char ({us / base:4.2f}x of the smallest)  peak {r['peak_mb']:,.0f} MB", flush=True)


def batch(copies: int, jobs: int) -> None:
    from pipeline.batch.runner import run_extract
    from pipeline.core.settings import MAX_BYTES_DEFAULT

    texts = corpus_texts()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        for i in range(copies):
            for j, text in enumerate(texts):
                (src / f"r{i:04d}_{j:03d}.txt").write_text(text, encoding="utf-8")
        n = copies * len(texts)
        t = time.perf_counter()
        run_extract([str(src)], str(Path(tmp) / "out"), jobs=jobs, max_bytes=MAX_BYTES_DEFAULT, progress=False)
        secs = time.perf_counter() - t
        peak = resource.getrusage(resource.RUSAGE_CHILDREN if jobs > 1 else resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"\nbatch: {n} files, --jobs {jobs}: {secs:.2f} s wall -> {n / secs:,.0f} reports/s "
              f"({60 * n / secs:,.0f} per minute); peak memory of a worker {peak:,.0f} MB")
        t = time.perf_counter()
        run_extract([str(src)], str(Path(tmp) / "out"), jobs=jobs, max_bytes=MAX_BYTES_DEFAULT, progress=False,
                    resume=True)
        print(f"  --resume with nothing to do: {time.perf_counter() - t:.2f} s")
        shutil.rmtree(src)


def tiny_files(count: int, jobs: int) -> None:
    """Many tiny inputs, then a --resume with nothing to do: both must grow linearly with the count."""
    from pipeline.batch.runner import run_extract
    from pipeline.core.settings import MAX_BYTES_DEFAULT

    print(f"\ntiny files (--jobs {jobs}):")
    for n in (count // 10, count):
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "in"
            src.mkdir()
            for i in range(n):
                (src / f"t{i:06d}.txt").write_text(f"قتل {i % 97 + 2} مدنيين في حلب.", encoding="utf-8")
            t = time.perf_counter()
            run_extract([str(src)], str(Path(tmp) / "out"), jobs=jobs, max_bytes=MAX_BYTES_DEFAULT, progress=False)
            first = time.perf_counter() - t
            t = time.perf_counter()
            run_extract([str(src)], str(Path(tmp) / "out"), jobs=jobs, max_bytes=MAX_BYTES_DEFAULT, progress=False,
                        resume=True)
            again = time.perf_counter() - t
            print(f"  {n:>7,} files: {first:6.2f} s ({first / n * 1000:.2f} ms/file); --resume with nothing to do "
                  f"{again:6.2f} s ({again / n * 1000:.3f} ms/file)", flush=True)


def tiny_overhead(count: int, jobs: int) -> None:
    """The per-input workers' cost on tiny inputs: the same run with every input extracted in the
    parent process (no workers, no budgets) against the workers with --jobs 1 and with --jobs J."""
    from pipeline.batch import runner
    from pipeline.core.settings import MAX_BYTES_DEFAULT

    def in_process(tasks, *args, **kw):
        runner.build_report(WARM, report_id="w", source="-", sha256="-")
        for t in tasks:
            yield runner.process_input(*t)

    print(f"\ntiny files, worker overhead ({count:,} files, wall clock, best of 2):")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        for i in range(count):
            (src / f"t{i:06d}.txt").write_text(f"قتل {i % 97 + 2} مدنيين في حلب.", encoding="utf-8")
        real = runner._results
        base = None
        for label, j, fake in (("one process, no workers", 1, True), ("workers, --jobs 1", 1, False),
                               (f"workers, --jobs {jobs}", jobs, False)):
            best = float("inf")
            for k in range(2):
                runner._results = in_process if fake else real
                t = time.perf_counter()
                try:
                    runner.run_extract([str(src)], str(Path(tmp) / f"out{label[:3]}{j}{k}"), jobs=j,
                                       max_bytes=MAX_BYTES_DEFAULT, progress=False)
                finally:
                    runner._results = real
                best = min(best, time.perf_counter() - t)
            base = base or best
            print(f"  {label:<24} {best:6.2f} s ({best / count * 1000:.3f} ms/file, {best / base:.2f}x)", flush=True)


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        _one(sys.argv[2], int(sys.argv[3]))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=20, help="copies of the corpus in the batch run")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--sizes", default="5000,500000,16777216", help="report sizes (characters) for scaling")
    ap.add_argument("--kinds", default="prose,numbers", help="prose and/or numbers (number-dense text)")
    ap.add_argument("--skip-batch", action="store_true")
    ap.add_argument("--skip-scaling", action="store_true")
    ap.add_argument("--skip-stages", action="store_true")
    ap.add_argument("--tiny", type=int, default=10_000, help="tiny files for the many-files run (0: skip)")
    args = ap.parse_args()

    if not args.skip_stages:
        print_startup()
        stages()
    if not args.skip_scaling:
        scaling([int(s) for s in args.sizes.split(",")], args.kinds.split(","))
    if not args.skip_batch:
        batch(args.copies, args.jobs)
    if args.tiny:
        tiny_files(args.tiny, args.jobs)
        tiny_overhead(args.tiny, args.jobs)


if __name__ == "__main__":
    main()
