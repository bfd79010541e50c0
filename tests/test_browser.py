"""The viewer and the review loop in a real browser: Debian's headless Chromium driven through its
WebDriver (chromium-driver) with Selenium.

- the static site from file:// (no server, no network): the index's data and search shards load, search
  and filters narrow the rows and the totals equal the reports' tolls; screenshots go to outputs/
  (viewer.png: a report page; viewer_index.png: the index with a search and a filter);
- a report page: every fact is reached with Tab and its panel shows its fields; a highlight inside a
  word leaves the word exactly as wide as without highlights (the letters keep joining);
- ``rasd review``: accept, reject and edit clicked on a report page land in corrections.jsonl, and a
  re-run ``rasd extract``, ``rasd query`` and the ACLED export all carry the corrected values.

The tests install nothing: `make browser` (run by `make test`) installs chromium and chromium-driver.
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OUTPUTS = ROOT / "outputs"


def _which(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM = _which("chromium", "chromium-browser")
CHROMEDRIVER = _which("chromedriver")
try:
    import selenium  # noqa: F401
    HAVE_SELENIUM = True
except ImportError:
    HAVE_SELENIUM = False

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None or not HAVE_SELENIUM,
    reason="needs chromium, chromium-driver (apt-get install chromium chromium-driver; `make browser` does it) "
           "and selenium (the test extra)")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1280,1800"]


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for f in FLAGS:
        opts.add_argument(f)
    opts.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('profile')}")
    drv = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    drv.set_page_load_timeout(60)
    yield drv
    drv.quit()


def wait(drv, cond, timeout: float = 20):
    """Wait until ``cond`` holds; a row re-rendered while the condition reads it (a stale element) is read again."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(drv, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(lambda d: cond(d))


def js(drv, script: str, *args):
    return drv.execute_script(script, *args)


# --------------------------------------------------------------------------- the static site


def index_data(site: Path) -> dict:
    raw = (site / "data" / "index.js").read_text(encoding="utf-8")
    assert raw.startswith("window.RASD_INDEX=JSON.parse(") and raw.rstrip().endswith(");")
    return json.loads(json.loads(raw[len("window.RASD_INDEX=JSON.parse("):raw.rstrip().rindex(")")]))


def test_index_offline_search_and_filters(site, driver):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    data = index_data(site)
    driver.get((site / "index.html").as_uri())
    wait(driver, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("data-js") == "ready")
    assert len(driver.find_elements(By.CSS_SELECTOR, "svg.bars")) == 3
    totals = {e.get_attribute("data-outcome"): int(e.find_element(By.TAG_NAME, "b").text.replace(",", ""))
              for e in driver.find_elements(By.CSS_SELECTOR, "#totals .total")}
    assert totals == data["tolls"]  # incidents: the reports' tolls
    all_rows = len(driver.find_elements(By.CSS_SELECTOR, "#events tbody tr"))
    assert all_rows == sum(1 for r in data["rows"] if r[5] == 0)

    # words found through the normalization (مجـزرةً: tatweel, tanwin) and without their proclitic (برصاص)
    box = driver.find_element(By.ID, "q")
    for word, rid in (("مجزرة", "r02_douma_2016_03"), ("رصاص", "r03_homs_2018_10")):
        box.clear()
        box.send_keys(word)
        wait(driver, lambda d: "match the search" in d.find_element(By.ID, "status").text and {
            tr.get_attribute("data-report") for tr in d.find_elements(By.CSS_SELECTOR, "#events tbody tr")} == {rid})
    box.clear()
    box.send_keys("Kafr Nabl")  # a place's English name (a fact, not in the text)
    wait(driver, lambda d: {tr.get_attribute("data-report") for tr in
                            d.find_elements(By.CSS_SELECTOR, "#events tbody tr")} == {"r01_toll_2019_07"})
    box.clear()
    box.send_keys("لا توجد هذه الكلمة")
    wait(driver, lambda d: not d.find_elements(By.CSS_SELECTOR, "#events tbody tr"))
    driver.find_element(By.ID, "clear").click()
    wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#events tbody tr")) == all_rows)

    # filters: perpetrator, then scope aggregate
    perp = Select(driver.find_element(By.ID, "f-perp"))
    russia = [o.get_attribute("value") for o in perp.options if "Russia" in o.text][0]
    perp.select_by_value(russia)
    killed = int(driver.find_element(By.CSS_SELECTOR, '#totals [data-outcome="killed"] b').text.replace(",", ""))
    want = sum(r[7] for r in data["rows"] if r[5] == 0 and r[6] == int(russia))
    assert killed == want > 0
    Select(driver.find_element(By.ID, "f-scope")).select_by_value("aggregate")
    assert all(tr.get_attribute("data-scope") == "aggregate"
               for tr in driver.find_elements(By.CSS_SELECTOR, "#events tbody tr"))
    driver.find_element(By.ID, "clear").click()
    driver.find_element(By.ID, "f-from").send_keys("03012016")
    driver.find_element(By.ID, "f-to").send_keys("03312016")
    wait(driver, lambda d: {tr.get_attribute("data-report") for tr in
                            d.find_elements(By.CSS_SELECTOR, "#events tbody tr")} == {"r02_douma_2016_03"})

    # sorting: by killed (largest first), then back to the date order
    driver.find_element(By.ID, "clear").click()
    wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#events tbody tr")) == all_rows)

    def column(i):
        return [tr.find_elements(By.TAG_NAME, "td")[i].text for tr in
                driver.find_elements(By.CSS_SELECTOR, "#events tbody tr")]
    dates = column(0)
    driver.find_element(By.CSS_SELECTOR, 'th[data-sort="killed"]').click()
    killed = [int(x.replace(",", "") or 0) for x in column(6)]
    assert killed == sorted(killed, reverse=True) and killed[0] > 0
    date_th = driver.find_element(By.CSS_SELECTOR, 'th[data-sort="date"]')
    date_th.click()
    assert column(0) == dates
    date_th.click()
    assert column(0) == sorted(dates, key=lambda d: d or "9999", reverse=True)
    date_th.click()
    assert column(0) == dates

    OUTPUTS.mkdir(exist_ok=True)
    driver.find_element(By.ID, "clear").click()
    driver.find_element(By.ID, "q").send_keys("مدنيين")
    Select(driver.find_element(By.ID, "f-outcome")).select_by_value("killed")
    time.sleep(0.5)
    driver.save_screenshot(str(OUTPUTS / "viewer_index.png"))
    assert (OUTPUTS / "viewer_index.png").stat().st_size > 10_000


def test_report_page_keyboard_and_joining(site, driver):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver.get((site / "reports" / "r01_toll_2019_07.html").as_uri() + "#e2")
    wait(driver, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("data-js") == "ready")
    html = driver.find_element(By.TAG_NAME, "html")
    assert html.get_attribute("lang") == "ar" and html.get_attribute("dir") == "rtl"
    assert not js(driver, "return document.documentElement.getAttribute('data-review')")  # read-only from a file

    # Tab from the top reaches the marks one after another; focus fills the panel
    js(driver, "document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    seen = []
    for _ in range(60):
        active = driver.switch_to.active_element
        if active.tag_name == "mark":
            seen.append(active.get_attribute("data-kind"))
            panel = driver.find_element(By.ID, "fact-panel").text
            assert active.get_attribute("data-kind") in panel
            if active.get_attribute("data-kind") == "casualty":
                assert "outcome" in panel and "group" in panel
        active.send_keys(Keys.TAB)
    assert {"casualty", "place", "date", "actor", "event"} <= set(seen)

    # every mark whose edge falls inside a word keeps the word as wide as the plain text
    widths = js(driver, """
      var out = [];
      document.querySelectorAll('.report-text mark').forEach(function (m) {
        var prev = m.previousSibling, next = m.nextSibling;
        var inWord = (prev && prev.nodeType === 3 && /\\u200d$/.test(prev.data)) ||
                     (next && next.nodeType === 3 && /^\\u200d/.test(next.data));
        if (!inWord) { return; }
        var p = m.parentNode, a = document.createElement('span'), b = document.createElement('span');
        [a, b].forEach(function (x) { x.style.whiteSpace = 'nowrap'; x.style.display = 'inline-block'; });
        a.appendChild(m.cloneNode(true)); b.textContent = m.textContent;
        if (prev && prev.nodeType === 3) { var w = prev.data.split(/\\s/).pop();
          a.insertBefore(document.createTextNode(w), a.firstChild); b.textContent = w + b.textContent; }
        if (next && next.nodeType === 3) { var v = next.data.split(/\\s/)[0];
          a.appendChild(document.createTextNode(v)); b.textContent = b.textContent + v; }
        p.appendChild(a); p.appendChild(b);
        out.push([b.textContent, a.getBoundingClientRect().width, b.getBoundingClientRect().width]);
        p.removeChild(a); p.removeChild(b);
      });
      return out;""")
    assert widths, "the fixture has marks inside words (لقوات، بريف)"
    for word, marked, plain in widths:
        assert abs(marked - plain) < 0.5, (word, marked, plain)

    OUTPUTS.mkdir(exist_ok=True)
    mark = driver.find_element(By.CSS_SELECTOR, "mark.k-casualty")
    mark.click()
    driver.save_screenshot(str(OUTPUTS / "viewer.png"))
    assert (OUTPUTS / "viewer.png").stat().st_size > 10_000


# --------------------------------------------------------------------------- the review loop

TEXT = ("قتلت قوات النظام السوري 5 مدنيين بينهم طفلان في قصف بالصواريخ على مدينة دوما بريف دمشق يوم 3 آذار 2016، "
        "وأصيب 7 آخرون.\nوفي 9 آذار 2016 قُتل 3 مدنيين في قصف لطائرات روسية على بلدة كفرنبل في ريف إدلب.\n")


def rasd(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)
    if check:
        assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


@pytest.fixture
def review(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "doc.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    rasd("extract", str(src), "-o", str(out), "--jobs", "1", "--no-progress")
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "review", str(out), "--site", str(tmp_path / "site"),
                             "--who", "tester"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        line = proc.stdout.readline()
        assert "http://127.0.0.1:" in line, (line, proc.stderr.read() if proc.poll() is not None else "")
        url = line[line.index("http://"):].split()[0]
        yield src, out, url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def casualties(out: Path) -> list[dict]:
    r = json.loads((out / "reports" / "doc.json").read_text(encoding="utf-8"))
    return [c for ev in r["events"] for c in ev["casualties"]]


def _open_fact(driver, url: str, text: str):
    from selenium.webdriver.common.by import By
    driver.get(url + "reports/doc.html")
    wait(driver, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("data-review") == "on")
    mark = [m for m in driver.find_elements(By.CSS_SELECTOR, "mark.k-casualty") if m.text.strip() == text][0]
    mark.click()
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#fact-panel .review-form"))
    return driver.find_element(By.CSS_SELECTOR, "#fact-panel .review-form")


def _after_save(driver, before: str) -> None:
    from selenium.webdriver.common.by import By
    wait(driver, lambda d: d.current_url != before and
         d.find_element(By.TAG_NAME, "html").get_attribute("data-review") == "on")


def test_review_accept_reject_edit_then_extract_query_export(review, driver, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    src, out, url = review
    before = {c["text"]: c for c in casualties(out)}
    assert {"5 مدنيين", "7 آخرون", "3 مدنيين"} <= set(before)

    # edit: 5 civilians -> 9, perpetrator stays; the reviewer gives a reason
    form = _open_fact(driver, url, "5 مدنيين")
    form.find_element(By.NAME, "why").send_keys("the body of the report says nine")
    form.find_element(By.CSS_SELECTOR, "button.edit").click()
    count = form.find_element(By.NAME, "count")
    count.clear()
    count.send_keys("9")
    Select(form.find_element(By.NAME, "group")).select_by_value("persons")
    here = driver.current_url
    form.find_element(By.CSS_SELECTOR, "button.save").click()
    _after_save(driver, here)
    panel = driver.find_element(By.ID, "fact-panel").text  # the page reopens on the corrected fact
    assert "reviewed: edited by tester" in panel and "was 5" in panel

    # reject the injured count, accept the Kafr Nabl count
    form = _open_fact(driver, url, "7 آخرون")
    here = driver.current_url
    form.find_element(By.CSS_SELECTOR, "button.reject").click()
    _after_save(driver, here)
    assert driver.find_elements(By.CSS_SELECTOR, "mark.k-casualty.rejected")
    form = _open_fact(driver, url, "3 مدنيين")
    here = driver.current_url
    form.find_element(By.CSS_SELECTOR, "button.accept").click()
    _after_save(driver, here)

    # the log: one line per field, keyed by sha256 + span, with who / when / why
    lines = [json.loads(x) for x in (out / "corrections.jsonl").read_text(encoding="utf-8").splitlines()]
    got = sorted((ln["text"], ln["field"], ln["action"], ln["value"]) for ln in lines)
    assert got == sorted([("5 مدنيين", "count", "edit", 9), ("5 مدنيين", "group", "edit", "persons"),
                          ("7 آخرون", "fact", "reject", None), ("3 مدنيين", "fact", "accept", None)])
    sha = json.loads((out / "reports" / "doc.json").read_text(encoding="utf-8"))["report"]["sha256"]
    for ln in lines:
        assert ln["sha256"] == sha and ln["span"] == before[ln["text"]]["span"] and ln["who"] == "tester"
        assert ln["when"].endswith("Z")
    assert [ln["why"] for ln in lines if ln["field"] == "count"] == ["the body of the report says nine"]

    # a fresh extract re-applies the corrections
    rasd("extract", str(src), "-o", str(out), "--jobs", "1", "--no-progress")
    now = {c["text"]: c for c in casualties(out)}
    assert now["5 مدنيين"]["count"] == 9 and now["5 مدنيين"]["original"]["count"] == 5
    assert now["5 مدنيين"]["group"] == "persons" and now["5 مدنيين"]["reviewed"]
    assert "7 آخرون" not in now and now["3 مدنيين"]["review"]["status"] == "accepted"

    # rasd query and the ACLED export
    q = rasd("query", str(out), "SELECT text, count, \"group\" FROM casualties ORDER BY span_start", "--format", "json")
    rows = json.loads(q.stdout)
    assert {"text": "5 مدنيين", "count": 9, "group": "persons"} in rows
    assert not any(r["text"] == "7 آخرون" for r in rows)
    acled = tmp_path / "acled.csv"
    rasd("export", str(out), "--format", "acled", "-o", str(acled))
    with open(acled, encoding="utf-8") as fh:
        fatalities = [int(r["fatalities"]) for r in csv.DictReader(fh)]
    assert 9 in fatalities and 5 not in fatalities

    # the index served by the review server shows the corrected totals
    driver.get(url + "index.html")
    wait(driver, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("data-js") == "ready")
    killed = int(driver.find_element(By.CSS_SELECTOR, '#totals [data-outcome="killed"] b').text.replace(",", ""))
    injured = int(driver.find_element(By.CSS_SELECTOR, '#totals [data-outcome="injured"] b').text.replace(",", ""))
    tolls = json.loads((out / "reports" / "doc.json").read_text(encoding="utf-8"))["tolls"]
    assert (killed, injured) == (tolls["killed"], tolls["injured"]) and injured == 0


def test_review_server_refuses_foreign_requests(review):
    import urllib.error
    import urllib.request

    _src, out, url = review
    c = casualties(out)[0]
    sha = json.loads((out / "reports" / "doc.json").read_text(encoding="utf-8"))["report"]["sha256"]
    body = json.dumps({"sha256": sha, "report_id": "doc", "span": c["span"], "field": "fact",
                       "action": "accept"}).encode()
    cases = [
        ({"Content-Type": "application/json", "Origin": "http://evil.example"}, body, 403),
        ({"Content-Type": "application/x-www-form-urlencoded"}, body, 415),
        ({"Content-Type": "application/json"}, json.dumps({"sha256": sha, "report_id": "doc", "span": [0, 1],
                                                           "field": "fact", "action": "accept"}).encode(), 400),
        ({"Content-Type": "application/json"}, json.dumps({"sha256": sha, "report_id": "../x", "span": c["span"],
                                                           "field": "fact", "action": "accept"}).encode(), 400),
    ]
    for headers, data, status in cases:
        req = urllib.request.Request(url + "api/corrections", data=data, headers=headers, method="POST")
        with pytest.raises(urllib.error.HTTPError) as exc:
            urllib.request.urlopen(req, timeout=10)
        assert exc.value.code == status
    assert not (out / "corrections.jsonl").exists()
    req = urllib.request.Request(url + "api/corrections", data=body, headers={"Content-Type": "application/json"})
    assert json.load(urllib.request.urlopen(req, timeout=10))["ok"] is True
    assert len((out / "corrections.jsonl").read_text(encoding="utf-8").splitlines()) == 1


@pytest.mark.parametrize("args", [["--port", "0"]])
def test_review_prints_its_address_on_a_free_port(tmp_path, args):
    out = tmp_path / "out"
    shutil.copytree(ROOT / "tests" / "fixtures" / "outdir", out)
    procs = []
    try:
        for _ in range(2):
            p = subprocess.Popen([sys.executable, "-m", "pipeline", "review", str(out), *args],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT,
                                 env={**os.environ})
            procs.append((p, p.stdout.readline()))
        ports = {line.split("http://127.0.0.1:")[1].split("/")[0] for _p, line in procs}
        assert len(ports) == 2 and all(port.isdigit() for port in ports)
    finally:
        for p, _ in procs:
            p.terminate()
            p.wait(timeout=10)
