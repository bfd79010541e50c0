"""Benchmark of ``rasd view`` at archive scale (not a test: figures for the README).

The project's corpus is extracted once; its reports are copied under new ids (and new sha256s) until
there are ``--reports`` of them (default 10,000) in a temporary OUTDIR, laid out as ``rasd extract``
writes it. Then:

- ``rasd view`` builds the site (timed, in process);
- the sizes: ``index.html``, ``data/index.js``, the search shards (total and largest);
- Debian's headless Chromium (through chromium-driver) opens ``index.html`` from the file system,
  ``--runs`` times in fresh tabs: the time until the page's script has drawn the totals, charts and the
  first page of the table (``RASD_READY_MS``, from navigation start), and the load event;
- a search (two Arabic words) and a filter (one governorate), each from the keystroke to the redrawn
  table;
- screenshots for the README: ``docs/img/viewer_index.png`` (the index with a search and a filter)
  and ``docs/img/viewer_report.png`` (a report page with a focused count).

    .venv/bin/python bench/bench_view.py [--reports N] [--runs N] [--keep DIR] [--no-shots]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.research import view  # noqa: E402

SHOTS = ROOT / "docs" / "img"


def make_outdir(out: Path, n: int) -> int:
    src = out / "_src"
    subprocess.run([sys.executable, "-m", "pipeline", "extract", str(ROOT / "corpus"), "-o", str(src),
                    "--no-progress"], check=True, capture_output=True)
    pool = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((src / "reports").glob("*.json"))]
    pool = [r for r in pool if r.get("events")]
    rep_dir = out / "reports"
    rep_dir.mkdir(parents=True)
    n_events = 0
    with open(out / "events.jsonl", "w", encoding="utf-8") as ev_fh:
        for i in range(n):
            r = json.loads(json.dumps(pool[i % len(pool)]))
            old = r["report"]["id"]
            rid = f"{old}-{i:05d}"
            r["report"]["id"] = rid
            r["report"]["sha256"] = hashlib.sha256(rid.encode()).hexdigest()
            for ev in r["events"]:
                ev["id"] = ev["id"].replace(old + "#", rid + "#", 1)
                for c in ev.get("casualties") or []:
                    for k in ("id", "part_of", "same_as"):
                        if c.get(k):
                            c[k] = c[k].replace(old + "#", rid + "#", 1)
                ev_fh.write(json.dumps({"report_id": rid, **ev}, ensure_ascii=False) + "\n")
                n_events += 1
            (rep_dir / f"{rid}.json").write_text(json.dumps(r, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(src)
    return n_events


def size(path: Path) -> int:
    return path.stat().st_size


def browser(site: Path, runs: int, shots: bool) -> dict:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for f in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
              "--window-size=1280,1500", f"--user-data-dir={tempfile.mkdtemp()}"):
        opts.add_argument(f)
    drv = webdriver.Chrome(service=Service(executable_path=shutil.which("chromedriver")), options=opts)
    out: dict = {"ready_ms": [], "load_ms": []}
    url = (site / "index.html").as_uri()
    try:
        for _ in range(runs):
            drv.get("about:blank")
            drv.get(url)
            WebDriverWait(drv, 60).until(lambda d: d.execute_script("return window.RASD_READY_MS"))
            out["ready_ms"].append(drv.execute_script("return window.RASD_READY_MS"))
            out["load_ms"].append(drv.execute_script(
                "var n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd"))

        def redraw(action) -> float:
            before = drv.execute_script("return document.getElementById('status').textContent")
            t0 = time.perf_counter()
            action()
            WebDriverWait(drv, 60).until(
                lambda d: d.execute_script("return document.getElementById('status').textContent") != before)
            return (time.perf_counter() - t0) * 1000

        q = drv.find_element(By.ID, "q")
        out["search_ms"] = redraw(lambda: q.send_keys("قصف مدنيين"))
        out["search_status"] = drv.find_element(By.ID, "status").text
        gov = Select(drv.find_element(By.ID, "f-gov"))
        value = [o.get_attribute("value") for o in gov.options if "Idlib" in o.text][0]
        out["filter_ms"] = redraw(lambda: gov.select_by_value(value))
        out["filter_status"] = drv.find_element(By.ID, "status").text
        if shots:
            SHOTS.mkdir(parents=True, exist_ok=True)
            time.sleep(0.3)
            drv.save_screenshot(str(SHOTS / "viewer_index.png"))
            link = drv.find_element(By.CSS_SELECTOR, "#events tbody tr a").get_attribute("href")
            drv.set_window_size(1280, 1200)
            drv.get(link)
            WebDriverWait(drv, 30).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("data-js"))
            marks = drv.find_elements(By.CSS_SELECTOR, "mark.k-casualty")
            if marks:
                drv.execute_script("arguments[0].focus(); window.scrollTo(0, 0);", marks[0])
            time.sleep(0.3)
            drv.save_screenshot(str(SHOTS / "viewer_report.png"))
    finally:
        drv.quit()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep", metavar="DIR", help="build in DIR and keep it")
    ap.add_argument("--no-shots", action="store_true", help="do not write docs/img/*.png")
    args = ap.parse_args()
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="rasd-bench-view-"))
    out, site = base / "out", base / "site"
    for p in (out, site):
        shutil.rmtree(p, ignore_errors=True)
    t0 = time.perf_counter()
    n_events = make_outdir(out, args.reports)
    print(f"OUTDIR: {args.reports:,} reports, {n_events:,} events ({time.perf_counter() - t0:.1f} s to prepare)")
    t0 = time.perf_counter()
    info = view.build_site(out, site)
    build = time.perf_counter() - t0
    shards = list((site / "data" / "search").glob("*.js"))
    print(f"rasd view: {build:.1f} s for {info['reports']:,} report pages, {info['rows']:,} index rows, "
          f"{info['shards']} search shards")
    print(f"index.html {size(site / 'index.html') / 1024:.1f} KB; data/index.js {size(site / 'data' / 'index.js') / 1e6:.2f} MB; "
          f"search shards {sum(map(size, shards)) / 1e6:.1f} MB in all, largest {max(map(size, shards)) / 1024:.0f} KB")
    if shutil.which("chromedriver") and (shutil.which("chromium") or Path("/usr/bin/chromium").exists()):
        b = browser(site, args.runs, not args.no_shots)
        print(f"Chromium, index from file:// ({args.runs} runs): ready (totals, charts, first page drawn) "
              f"median {statistics.median(b['ready_ms']):.0f} ms (max {max(b['ready_ms']):.0f}); load event median "
              f"{statistics.median(b['load_ms']):.0f} ms")
        print(f"search 'قصف مدنيين': {b['search_ms']:.0f} ms ({b['search_status']})")
        print(f"filter governorate Idlib: {b['filter_ms']:.0f} ms ({b['filter_status']})")
    else:
        print("chromium/chromium-driver not installed: no browser figures (make browser)")
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
