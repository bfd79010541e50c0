"""Throughput of `rasd extract`: reports and characters per second, stage by stage.

    .venv/bin/python bench/bench_extract.py [--copies N] [--jobs J]

Warms every lexicon and automaton before measuring (start-up is reported apart),
then times (1) each stage on the corpus texts in one process and (2) a whole batch
run of N copies of the corpus through the CLI runner with J processes.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=20, help="copies of the corpus in the batch run")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()

    t0 = time.perf_counter()
    from pipeline import actors, casualties, dates, events, facilities, numbers, places, weapons
    from pipeline.extract import analyse, build_report
    from pipeline.mentions import Doc
    from pipeline.normalize import normalize
    from pipeline.runner import run_extract
    from pipeline.settings import MAX_BYTES_DEFAULT
    from pipeline.text import sentences

    build_report("قتل مدني في حلب يوم 1 آذار 2020", report_id="warm", source="-", sha256="-")
    print(f"start-up (imports + lexicons + automata): {time.perf_counter() - t0:.2f} s")

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    chars = sum(map(len, texts))
    reps = max(1, 200_000 // max(chars, 1))
    timings: dict[str, float] = {}

    def timed(name, fn):
        t = time.perf_counter()
        r = fn()
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - t
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
            doc.facilities = timed("facilities", lambda: facilities.find_facilities(nt, doc.numbers))
            doc.casualties = timed("casualties", lambda: casualties.find_casualties(nt, doc.numbers, doc.actors,
                                                                                     doc.dates))
            timed("events", lambda: events.build_events(doc))
    n_docs = reps * len(texts)
    print(f"\nper stage, {n_docs} reports, {reps * chars / 1e6:.2f} M chars, one process:")
    total = sum(timings.values())
    for name, secs in timings.items():
        print(f"  {name:<11} {secs / n_docs * 1000:7.3f} ms/report  {100 * secs / total:5.1f} %")
    print(f"  {'all':<11} {total / n_docs * 1000:7.3f} ms/report  -> {n_docs / total:,.0f} reports/s, "
          f"{reps * chars / total / 1e6:.2f} M chars/s")

    # time per character must not grow with the length of one report (no quadratic stage)
    joined = "\n".join(texts)
    print("\nscaling, one report of growing length (whole pipeline):")
    for size in (5_000, 50_000, 500_000):
        text = (joined * (size // len(joined) + 1))[:size]
        t = time.perf_counter()
        analyse(text)
        secs = time.perf_counter() - t
        print(f"  {size / 1000:6.0f} K chars: {secs:7.3f} s  ({secs / size * 1e6:.1f} µs per char)")

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        for i in range(args.copies):
            for j, text in enumerate(texts):
                (src / f"r{i:04d}_{j:03d}.txt").write_text(text, encoding="utf-8")
        n = args.copies * len(texts)
        t = time.perf_counter()
        run_extract([str(src)], str(Path(tmp) / "out"), jobs=args.jobs, max_bytes=MAX_BYTES_DEFAULT, progress=False)
        secs = time.perf_counter() - t
        print(f"\nbatch: {n} files, --jobs {args.jobs}: {secs:.2f} s -> {n / secs:,.0f} reports/s "
              f"({60 * n / secs:,.0f} per minute)")
        shutil.rmtree(src)


if __name__ == "__main__":
    main()
