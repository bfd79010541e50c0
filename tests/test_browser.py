"""The viewer in a real browser: Debian's headless Chromium renders the built site from file://
(no network), the charts and highlighted spans are in the DOM after the scripts ran, and
screenshots are saved under outputs/ (viewer.png: a report page; viewer_index.png: the index).

The test installs nothing: `make browser` (run by `make test`) installs the `chromium` package.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OUTPUTS = ROOT / "outputs"


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


CHROMIUM = chromium_path()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium; "
                                                          "`make browser` does it)")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars"]


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=90)


def test_index_rendered(site, tmp_path):
    proc = chromium(tmp_path, "--dump-dom", (site / "index.html").as_uri())
    dom = proc.stdout
    assert proc.returncode == 0 and "<html" in dom, proc.stderr[-2000:]
    assert 'data-js="ready"' in dom  # the inline script ran
    assert len(re.findall(r"<svg[^>]*class=\"bars\"", dom)) == 6
    assert len(re.findall(r'<rect class="bar bar-killed"', dom)) >= 8
    assert re.search(r'<span id="filter-count"[^>]*>7 / 7</span>', dom)  # filled by the script
    assert len(re.findall(r'<tr id="[^"]+" data-scope=', dom)) == 7
    # the scope switch hides the aggregate charts until asked for
    assert re.search(r'<div class="scope-block" data-scope="aggregate" hidden', dom)


def test_report_page_rendered_and_screenshots(site, tmp_path):
    page = (site / "reports" / "r01_toll_2019_07.html").as_uri()
    dom = chromium(tmp_path, "--dump-dom", page).stdout
    kinds = re.findall(r'<mark class="f k-(\w+)"', dom)
    assert {"date", "place", "actor", "casualty", "facility", "weapon", "event"} <= set(kinds)
    assert 'title="killed · children · 57 · unattributed"' in dom
    assert '<div class="report-text" dir="rtl" lang="ar">' in dom

    OUTPUTS.mkdir(exist_ok=True)
    for name, url in (("viewer.png", page + "#e2"), ("viewer_index.png", (site / "index.html").as_uri())):
        shot = OUTPUTS / name
        shot.unlink(missing_ok=True)
        proc = chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", url)
        assert shot.is_file() and shot.stat().st_size > 10_000, proc.stderr[-2000:]
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
