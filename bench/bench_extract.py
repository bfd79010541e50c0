"""Speed of `rasd extract`: start-up, throughput, time per character as a report grows, memory.

    .venv/bin/python bench/bench_extract.py [--copies N] [--jobs J] [--sizes 5000,500000,16777216]
                                            [--kinds prose,numbers] [--skip-stages] [--skip-batch] [--skip-scaling]
                                            [--tiny N]

Not a test: figures for the README's speed section. CPU time (``time.process_time``) is
reported where one process does the work, so other load on the machine does not count.

1. start-up: a fresh interpreter imports the pipeline and extracts one sentence (imports,
   lexicons, automata, compiled patterns), best of three, wall clock and CPU time;
2. per stage on the corpus texts, warm, in one process: ms per report and M chars/s; and one
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


def startup() -> tuple[float, float]:
    """Best of three fresh interpreters: (wall seconds, CPU seconds), interpreter start included."""
    code = f"from pipeline.stages.extract import build_report; build_report({WARM!r}, report_id='w', source='-', sha256='-')"
    runs = []
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        runs.append((wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime))
    return min(w for w, _ in runs), min(c for _, c in runs)


def stages() -> None:
    from pipeline.stages import actors, casualties, dates, events, facilities, numbers, places, weapons
    from pipeline.stages.extract import build_report
    from pipeline.core.mentions import Doc
    from pipeline.core.normalize import normalize
    from pipeline.core.text import sentences

    texts = corpus_texts()
    for text in texts:  # warm
        build_report(text, report_id="w", source="-", sha256="-")
    chars = sum(map(len, texts))
    reps = max(1, 300_000 // max(chars, 1))
    timings: dict[str, float] = {}

    def timed(name, fn):
        t = time.process_time()
        r = fn()
        timings[name] = timings.get(name, 0.0) + time.process_time() - t
        return r

    for _ in range(reps):
        for text in texts:
            nt = timed("normalize", lambda: normalize(text))
            doc = Doc(nt=nt, published=None, sentences=timed("sentences", lambda: sentences(nt.norm)))
            doc.numbers = timed("numbers", lambda: numbers.find_numbers(nt))
            doc.dates = timed("dates", lambda: dates.find_dates(nt, None))
            doc.places = timed("places", lambda: places.find_places(nt))
            doc.actors = timed("actors", lambda: actors.find_actors(nt))
            doc.weapons = timed("weapons", lambda: weapons.find_weapons(nt))
            doc.facilities = timed("facilities", lambda: facilities.find_facilities(nt, doc.numbers, doc.actors))
            doc.casualties = timed("casualties", lambda: casualties.find_casualties(nt, doc.numbers, doc.actors,
                                                                                     doc.dates))
            timed("events", lambda: events.build_events(doc))
    n_docs = reps * len(texts)
    total = sum(timings.values())
    print(f"\nper stage, {n_docs} reports, {reps * chars / 1e6:.2f} M chars, one process (CPU time):")
    for name, secs in timings.items():
        print(f"  {name:<11} {secs / n_docs * 1000:7.3f} ms/report  {100 * secs / total:5.1f} %")
    print(f"  {'stages':<11} {total / n_docs * 1000:7.3f} ms/report")

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
        wall, cpu = startup()
        print(f"start-up (interpreter + imports + lexicons + automata, fresh process, best of 3): "
              f"{wall:.2f} s wall, {cpu:.2f} s CPU")
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
