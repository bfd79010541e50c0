"""Reading speed: a 50 MB text file (UTF-8 with CRLF, and Windows-1256) and a Chromium-printed PDF page.

    .venv/bin/python bench/bench_ingest.py
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import ingest  # noqa: E402


def best_of(n: int, fn) -> float:
    best = float("inf")
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def read(path: Path):
    return next(iter(ingest.read_input(str(path), 1 << 30)))


def main() -> None:
    seed = (ROOT / "tests" / "fixtures" / "seed.txt").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in (("utf8-crlf", seed.replace("\n", "\r\n").encode("utf-8")), ("cp1256", seed.encode("cp1256"))):
            p = Path(tmp) / f"{name}.txt"
            p.write_bytes(data * (50 * 1024 * 1024 // len(data) + 1))
            secs = best_of(2, lambda: read(p))
            print(f"{name:<10} {p.stat().st_size / 1e6:6.1f} MB read in {secs:.2f} s "
                  f"({p.stat().st_size / 1e6 / secs:.0f} MB/s)")
        pdf = ROOT / "corpus" / "formats" / "c020-print.pdf"
        secs = best_of(10, lambda: read(pdf))
        print(f"pdf        {pdf.name}: {secs * 1000:.1f} ms per document")
        chromium = shutil.which("chromium")
        if chromium:
            html = Path(tmp) / "dense.html"
            html.write_text("<html dir=rtl><body style='font:9pt \"Noto Naskh Arabic\"'>" + "<p>" + seed.replace(
                "\n", "</p><p>") * 2 + "</p></body></html>", encoding="utf-8")
            out = Path(tmp) / "dense.pdf"
            subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            f"--user-data-dir={tmp}/prof", "--no-pdf-header-footer", f"--print-to-pdf={out}",
                            html.as_uri()], capture_output=True, timeout=120)
            if out.exists():
                import pypdfium2 as pdfium

                pages = len(pdfium.PdfDocument(str(out)))
                secs = best_of(5, lambda: read(out))
                print(f"pdf        dense 9pt, {pages} pages: {secs * 1000 / pages:.1f} ms per page")


if __name__ == "__main__":
    main()
