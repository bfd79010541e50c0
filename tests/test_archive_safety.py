"""Safe on a real archive: hostile inputs cost one manifest line each, an OUTDIR only grows,
one writer at a time, a killed run is continued (not redone), readers survive a bad report.

Tables of hostile inputs, one row each, then the batch behaviours end to end.
"""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from pipeline import ingest as I
from pipeline.core import outdir as O
from pipeline.batch import runner, workers
from pipeline.cli import main
from pipeline.core.settings import HTML_MAX_DEPTH
from test_batch import _docx_bytes  # one DOCX writer for the tests (tests/ is on the path, as for pdfkit)

SEED = (Path(__file__).parent / "fixtures" / "seed.txt").read_text(encoding="utf-8")
ROOT = Path(__file__).resolve().parent.parent


def _report(n: int) -> str:
    """A small report of its own (n varies the toll and the date)."""
    return (f"حلب - {1 + n % 27} آذار 2021\n"
            f"قتل {n + 2} مدنيين بينهم {1 + n % 3} أطفال في قصف مدفعي على بلدة الأتارب في ريف حلب الغربي "
            f"يوم {1 + n % 27} آذار 2021، وأصيب {n + 5} آخرون بجروح.\n")


# --------------------------------------------------------------------------- bombs, built cheaply

def _flate_bomb(n_mib: int) -> bytes:
    """zlib data inflating to n MiB of zeros (full-flush blocks repeated: built in milliseconds)."""
    c = zlib.compressobj(9)
    first = c.compress(b"\0" * (1 << 20)) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(b"\0" * (1 << 20)) + c.flush(zlib.Z_FULL_FLUSH)
    return first + block * (n_mib - 1) + c.flush()


def _pdf_with_stream(stream: bytes) -> bytes:
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>endobj\n"
            b"4 0 obj<</Length " + str(len(stream)).encode() + b"/Filter/FlateDecode>>stream\n"
            + stream + b"\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def _docx_bomb(mib: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 30000  # ~1 MiB
            for _ in range(mib):
                f.write(chunk)
    return buf.getvalue()


def _xxe_docx() -> bytes:
    """A DOCX whose document.xml declares an external entity pointing at /etc/passwd."""
    good = _docx_bytes("تقرير")
    src = zipfile.ZipFile(io.BytesIO(good))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
                data = data.replace("تقرير".encode(), "تقرير &x;".encode())
            z.writestr(item, data)
    return out.getvalue()


def _deep_html(depth: int) -> str:
    return "<html><body>" + "<div>" * depth + "قتل 3 مدنيين" + "</div>" * depth + "</body></html>"


BOMBS = [
    # name, file name, content, stage, reason (substring)
    ("docx-xml-inflation", "bomb.docx", lambda: _docx_bomb(70), "parse", "DOCX bomb: its XML inflates"),
    ("pdf-flate-stream", "bomb.pdf", lambda: _pdf_with_stream(_flate_bomb(100)), "parse",
     "PDF bomb: a compressed stream inflates"),
    ("html-deep-nesting", "deep.html", lambda: _deep_html(100_000).encode(), "parse", "HTML nested too deeply"),
]


@pytest.mark.parametrize("name,fname,make,stage,reason", BOMBS, ids=[b[0] for b in BOMBS])
def test_bombs_are_refused_cheaply(tmp_path, name, fname, make, stage, reason):
    p = tmp_path / fname
    p.write_bytes(make())
    t0 = time.perf_counter()
    items = list(I.read_input(str(p), 10**8))
    took = time.perf_counter() - t0
    assert len(items) == 1 and isinstance(items[0], I.IngestError), items
    assert items[0].stage == stage and reason in items[0].reason, items[0]
    assert took < 10, took  # a guard against hanging, not a benchmark


NOT_BOMBS = [
    # just under each limit: still read
    ("html-nested-within-limit", "ok.html", lambda: _deep_html(HTML_MAX_DEPTH - 5).encode()),
    ("html-many-unclosed-paragraphs", "p.html",
     lambda: ("<html><body>" + "<p>قتل 3 مدنيين" * 3000 + "</body></html>").encode()),
    ("pdf-small-stream", "ok.pdf", lambda: _pdf_with_stream(zlib.compress(b"BT ET"))),
]


@pytest.mark.parametrize("name,fname,make", NOT_BOMBS, ids=[b[0] for b in NOT_BOMBS])
def test_ordinary_inputs_are_not_taken_for_bombs(tmp_path, name, fname, make):
    p = tmp_path / fname
    p.write_bytes(make())
    items = list(I.read_input(str(p), 10**8))
    assert not any(isinstance(x, I.IngestError) and ("bomb" in x.reason or "nested" in x.reason) for x in items)


def test_html_depth_scan():
    assert I.html_depth("<div><div><p>x<p>y</div></div>") == 2
    assert I.html_depth("<div><br><img src=x><hr/></div>") == 1
    assert I.html_depth("<div>" * 5000) == HTML_MAX_DEPTH + 1  # stops counting past the limit


# --------------------------------------------------------------------------- what is not read

def _fifo(tmp: Path) -> Path:
    p = tmp / "tree" / "pipe.txt"
    os.mkfifo(p)
    return p


def _link(target, tmp: Path, name: str = "link.txt") -> Path:
    p = tmp / "tree" / name
    p.symlink_to(target(tmp) if callable(target) else target)
    return p


SKIPPED = [
    # name, make (returns the path inside tmp/tree), follow_symlinks, reason (substring) or None = read
    ("fifo", _fifo, False, "not a regular file (a FIFO)"),
    ("link-to-etc-passwd", lambda t: _link("/etc/passwd", t), False, "symlink outside the input tree"),
    ("link-to-dev-zero", lambda t: _link("/dev/zero", t), False, "symlink outside the input tree"),
    ("link-outside-followed", lambda t: _link(lambda u: u / "outside.txt", t), True, None),
    ("link-to-dev-zero-followed", lambda t: _link("/dev/zero", t), True, "character device"),
    ("link-inside-the-tree", lambda t: _link(lambda u: u / "tree" / "good.txt", t), False, None),
    ("link-loop", lambda t: _link(lambda u: u / "tree" / "link.txt", t), False, "symlink loop"),
    ("link-broken", lambda t: _link(lambda u: u / "tree" / "gone.txt", t), False, "broken symlink"),
    ("folder-link-outside", lambda t: _link(lambda u: u / "elsewhere", t, "sub"), False,
     "symlink outside the input tree"),
]


@pytest.mark.parametrize("name,make,follow,reason", SKIPPED, ids=[s[0] for s in SKIPPED])
def test_what_a_folder_walk_does_not_read(tmp_path, name, make, follow, reason):
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "good.txt").write_text(SEED, encoding="utf-8")
    (tmp_path / "outside.txt").write_text(SEED, encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "far.txt").write_text(SEED, encoding="utf-8")
    p = make(tmp_path)
    listed, missing = I.list_inputs([str(tmp_path / "tree")], follow_symlinks=follow)
    got = dict(listed)
    assert not missing and got[str(tmp_path / "tree" / "good.txt")] is None
    if reason is None:
        assert got[str(p)] is None
    else:
        assert reason in got[str(p)], got


DEVICES = [
    # an explicit path that is not a regular file: skipped, never read
    ("/dev/zero", "character device"),
    ("/dev/urandom", "character device"),
]


@pytest.mark.parametrize("path,reason", DEVICES)
def test_devices_named_on_the_command_line_are_not_read(path, reason):
    if not os.path.exists(path):
        pytest.skip(f"{path} missing")
    listed, _ = I.list_inputs([path])
    assert reason in listed[0][1]
    err = next(iter(I.read_input(path, 1000)))  # and the reader itself refuses without reading
    assert isinstance(err, I.IngestError) and reason in err.reason
    assert runner.bounded_sha256(path, 1000) is None


def test_a_fifo_read_directly_never_blocks(tmp_path):
    p = tmp_path / "x.txt"
    os.mkfifo(p)
    err = next(iter(I.read_input(str(p), 1000)))
    assert isinstance(err, I.IngestError) and "FIFO" in err.reason


def test_hashing_never_reads_past_max_bytes(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(b"a" * 5000)
    assert runner.bounded_sha256(str(p), 4999) is None
    assert runner.bounded_sha256(str(p), 5000) is not None


# --------------------------------------------------------------------------- absurd values

ABSURD = [
    # text, what must not be stored
    ("قتل 99999999999999999999999 مدنيا في حلب يوم 1 آذار 2020.", 99999999999999999999999),
    ("قتل 123456789012 شخصا في إدلب يوم 2 آذار 2020.", 123456789012),
]


@pytest.mark.parametrize("text,value", ABSURD)
def test_absurd_counts_are_refused_with_a_warning(text, value):
    from pipeline.stages.extract import build_report

    rep = build_report(text, report_id="x", source="-", sha256="-")
    counts = [c.get(k) for ev in rep["events"] for c in ev["casualties"] for k in ("count", "min", "max")]
    assert value not in counts and all(v <= 10**7 for v in rep["tolls"].values())
    assert any("absurd" in w for w in rep["warnings"]), rep["warnings"]


def test_a_sane_count_is_kept():
    from pipeline.stages.extract import build_report

    rep = build_report("قتل 1200 مدني في حلب يوم 1 آذار 2020.", report_id="x", source="-", sha256="-")
    assert not any("absurd" in w for w in rep["warnings"])


def test_refuse_absurd_counts_in_an_assembled_report():
    from pipeline.core.sanity import refuse_absurd_counts

    rep = {"events": [{"casualties": [{"count": 10**23, "min": 10**23, "max": None}, {"count": 4}]}],
           "tolls": {"killed": 10**23, "injured": 4}}
    warnings = refuse_absurd_counts(rep)
    assert rep["events"][0]["casualties"] == [{"count": None, "min": None, "max": None}, {"count": 4}]
    assert rep["tolls"] == {"injured": 4} and len(warnings) == 3


# --------------------------------------------------------------------------- an OUTDIR only grows

def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def _event_ids(out: Path) -> list[str]:
    return [json.loads(x)["report_id"] for x in (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("flags", [[], ["--resume"]], ids=["plain", "resume"])
def test_adding_a_batch_keeps_the_earlier_one(tmp_path, flags):
    for n, name in enumerate("abc"):
        (tmp_path / f"{name}.txt").write_text(_report(n), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(out), "--jobs", "1"]) == 0
    assert main(["extract", str(tmp_path / "c.txt"), "-o", str(out), "--jobs", "1"] + flags) == 0
    m = _manifest(out)
    assert sorted(p.stem for p in (out / "reports").glob("*.json")) == ["a", "b", "c"]
    assert sorted(set(_event_ids(out))) == ["a", "b", "c"]
    assert sorted(r for rec in m["inputs"] for r in rec["reports"]) == ["a", "b", "c"]
    assert m["counts"]["reports"] == 3 and m["counts"]["events"] == len(_event_ids(out))
    assert [r["status"] for r in m["runs"]] == ["complete", "complete"]


def test_a_reextracted_report_replaces_its_own_events_only(tmp_path):
    (tmp_path / "a.txt").write_text(_report(1), encoding="utf-8")
    (tmp_path / "b.txt").write_text(_report(2), encoding="utf-8")
    out = tmp_path / "out"
    main(["extract", str(tmp_path), "-o", str(out), "--jobs", "1"])
    b_lines = [x for x in (out / "events.jsonl").read_text(encoding="utf-8").splitlines()
               if json.loads(x)["report_id"] == "b"]
    (tmp_path / "a.txt").write_text(_report(7) + _report(8), encoding="utf-8")
    main(["extract", str(tmp_path / "a.txt"), "-o", str(out), "--jobs", "1"])
    lines = (out / "events.jsonl").read_text(encoding="utf-8").splitlines()
    a_rep = json.loads((out / "reports" / "a.json").read_text(encoding="utf-8"))
    assert [x for x in lines if json.loads(x)["report_id"] == "b"] == b_lines
    assert b_lines
    assert len([x for x in lines if json.loads(x)["report_id"] == "a"]) == len(a_rep["events"])
    assert len(_manifest(out)["inputs"]) == 2


def test_another_file_with_the_same_stem_never_takes_an_earlier_report(tmp_path):
    for d, n in (("one", 1), ("two", 2)):
        (tmp_path / d).mkdir()
        (tmp_path / d / "a.txt").write_text(_report(n), encoding="utf-8")
    out = tmp_path / "out"
    main(["extract", str(tmp_path / "one"), "-o", str(out), "--jobs", "1"])
    main(["extract", str(tmp_path / "two"), "-o", str(out), "--jobs", "1"])
    reps = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (out / "reports").glob("*.json")}
    assert len(reps) == 2 and reps["a"]["report"]["source"].endswith(os.path.join("one", "a.txt"))
    assert len(set(_event_ids(out))) == 2


def test_an_old_manifest_without_history_is_kept_as_its_first_run(tmp_path):
    (tmp_path / "a.txt").write_text(_report(1), encoding="utf-8")
    out = tmp_path / "out"
    main(["extract", str(tmp_path / "a.txt"), "-o", str(out), "--jobs", "1"])
    m = _manifest(out)
    del m["runs"]
    (out / "manifest.json").write_text(json.dumps(m), encoding="utf-8")
    main(["extract", str(tmp_path / "a.txt"), "-o", str(out), "--jobs", "1", "--resume"])
    assert len(_manifest(out)["runs"]) == 2


# --------------------------------------------------------------------------- one writer at a time

def test_a_second_run_into_a_held_outdir_refuses_at_once(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(_report(1), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    held = O.Lock(out).acquire()
    try:
        t0 = time.perf_counter()
        assert main(["extract", str(tmp_path / "a.txt"), "-o", str(out)]) == 2
        assert time.perf_counter() - t0 < 5
    finally:
        held.release()
    err = capsys.readouterr().err
    assert "another rasd run" in err and f"pid {os.getpid()}" in err
    assert not (out / "reports").exists() or not list((out / "reports").iterdir())


def test_the_lock_file_of_a_dead_run_is_taken_over(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(_report(1), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (out / ".lock").write_text(f"{dead.pid}\n")
    assert main(["extract", str(tmp_path / "a.txt"), "-o", str(out), "--jobs", "1"]) == 0
    assert f"taking over from a run that is gone (pid {dead.pid})" in capsys.readouterr().err


# --------------------------------------------------------------------------- budgets: one input, one line

def _fake_process(path, *args):
    """Stand-in for process_input in the workers: the file name says how the input misbehaves."""
    name = os.path.basename(path)
    if name.startswith("slow"):
        time.sleep(60)
    elif name.startswith("oom"):
        os.kill(os.getpid(), signal.SIGKILL)  # what the kernel's OOM killer does
    elif name.startswith("crash"):
        os.kill(os.getpid(), signal.SIGSEGV)
    elif name.startswith("greedy"):
        b = bytearray(1 << 30)  # more than the worker may add
        return runner.InputResult(source=path, sha256=None, errors=[runner._error(path, "x", str(len(b)))])
    return REAL_PROCESS(path, *args)


REAL_PROCESS = runner.process_input

BUDGET = [
    # file name, stage, reason (substring)
    ("slow.txt", "worker", "timed out after 1 s"),
    ("oom.txt", "worker", "worker killed: out of memory"),
    ("crash.txt", "worker", "worker killed by SIGSEGV"),
    ("greedy.txt", "worker", "out of memory"),
]


@pytest.mark.parametrize("fname,stage,reason", BUDGET, ids=[b[0] for b in BUDGET])
def test_a_worker_that_overruns_or_dies_costs_one_line(tmp_path, monkeypatch, capsys, fname, stage, reason):
    monkeypatch.setattr(runner, "process_input", _fake_process)
    src = tmp_path / "in"
    src.mkdir()
    for n in range(3):
        (src / f"good{n}.txt").write_text(_report(n), encoding="utf-8")
    (src / fname).write_text(_report(9), encoding="utf-8")
    out = tmp_path / "out"
    code = main(["extract", str(src), "-o", str(out), "--jobs", "2", "--input-timeout", "1",
                 "--worker-memory", "256"])
    assert code == 1
    m = _manifest(out)
    assert [(e["stage"], reason in e["reason"]) for e in m["errors"]] == [(stage, True)], m["errors"]
    assert sorted(p.stem for p in (out / "reports").glob("*.json")) == ["good0", "good1", "good2"]
    err = capsys.readouterr().err
    assert fname in err and reason in err and "Traceback" not in err


@pytest.mark.parametrize("fname,stage,reason", BUDGET[:3], ids=[b[0] for b in BUDGET[:3]])
def test_tiny_inputs_sent_together_keep_their_own_budgets(tmp_path, monkeypatch, capsys, fname, stage, reason):
    """Small inputs travel to a worker in chunks; the bad one in the middle of a chunk costs only its own
    line, the inputs after it in the chunk are done by a fresh worker, and the journal has each one."""
    monkeypatch.setattr(runner, "process_input", _fake_process)
    src = tmp_path / "in"
    src.mkdir()
    for n in range(30):  # good00..good14, then the bad one, then tiny15..tiny29
        (src / f"{'good' if n < 15 else 'tiny'}{n:02d}.txt").write_text(f"قتل {n + 2} مدنيين في حلب.",
                                                                       encoding="utf-8")
    (src / fname).write_text("قتل 3 مدنيين في إدلب.", encoding="utf-8")
    sent = []
    real_chunk = workers.BudgetPool._chunk
    monkeypatch.setattr(workers.BudgetPool, "_chunk", lambda self, *a: sent.append(real_chunk(self, *a)) or sent[-1])
    out = tmp_path / "out"
    code = main(["extract", str(src), "-o", str(out), "--jobs", "1", "--input-timeout", "1"])
    assert code == 1
    assert max(map(len, sent)) > 1  # chunks were sent
    m = _manifest(out)
    assert [(e["stage"], reason in e["reason"]) for e in m["errors"]] == [(stage, True)], m["errors"]
    assert len(list((out / "reports").glob("*.json"))) == 30
    assert [r["status"] for r in m["inputs"]].count("ok") == 30
    assert "Traceback" not in capsys.readouterr().err


DASK_BUDGET = [
    # file name, reason (substring): the same budgets under `--engine dask` (a local Dask cluster)
    ("slow.txt", "timed out after 2 s"),
    ("oom.txt", "worker killed"),
    ("crash.txt", "worker killed"),
]


@pytest.mark.parametrize("fname,reason", DASK_BUDGET, ids=[b[0] for b in DASK_BUDGET])
def test_dask_engine_keeps_the_same_budgets(tmp_path, monkeypatch, capsys, request, fname, reason):
    pytest.importorskip("dask.distributed")
    import cloudpickle

    monkeypatch.setattr(runner, "process_input", _fake_process)
    # sent to the Dask workers by value: importing this test module there would eat the budget
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    request.addfinalizer(lambda: cloudpickle.unregister_pickle_by_value(sys.modules[__name__]))
    src = tmp_path / "in"
    src.mkdir()
    for n in range(3):
        (src / f"good{n}.txt").write_text(_report(n), encoding="utf-8")
    (src / fname).write_text(_report(9), encoding="utf-8")
    out = tmp_path / "out"
    t = time.monotonic()
    code = main(["extract", str(src), "-o", str(out), "--jobs", "2", "--input-timeout", "2", "--engine", "dask"])
    assert code == 1
    assert time.monotonic() - t < 50  # the slow input (60 s) was stopped, not waited for
    m = _manifest(out)
    assert [(e["stage"], reason in e["reason"]) for e in m["errors"]] == [("worker", True)], m["errors"]
    assert sorted(p.stem for p in (out / "reports").glob("*.json")) == ["good0", "good1", "good2"]
    assert m["counts"]["processed"] == 4
    err = capsys.readouterr().err
    assert fname in err and reason in err


# --------------------------------------------------------------------------- the run says what it did

def test_summary_on_stderr_names_each_failed_input_capped(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(runner, "SUMMARY_MAX_LINES", 3)
    (tmp_path / "good.txt").write_text(_report(1), encoding="utf-8")
    for n in range(5):
        (tmp_path / f"empty{n}.txt").write_bytes(b"")
    assert main(["extract", str(tmp_path), "-o", str(tmp_path / "out"), "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert "6 input(s): 6 processed (5 failed)" in err
    assert err.count("empty file") == 3 and "... and 2 more" in err


@pytest.mark.parametrize("output", ["dir", "-"])
def test_a_missing_path_is_a_clear_error_for_either_output(tmp_path, capsys, output):
    out = str(tmp_path / "o") if output == "dir" else "-"
    assert main(["extract", str(tmp_path / "nope.txt"), "-o", out]) == 2
    assert "no such file or directory" in capsys.readouterr().err


def test_a_path_that_does_not_exist_is_a_clear_error(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(_report(1), encoding="utf-8")
    assert main(["extract", str(tmp_path / "a.txt"), str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o")]) == 2
    assert f"no such file or directory: {tmp_path / 'nope.txt'}" in capsys.readouterr().err
    assert not (tmp_path / "o" / "reports").exists() or not list((tmp_path / "o" / "reports").iterdir())


@pytest.mark.parametrize("mask,mode", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_output_files_follow_the_umask(tmp_path, mask, mode):
    (tmp_path / "a.txt").write_text(_report(1), encoding="utf-8")
    out = tmp_path / "out"
    old = os.umask(mask)
    try:
        main(["extract", str(tmp_path / "a.txt"), "-o", str(out), "--jobs", "1"])
    finally:
        os.umask(old)
    for p in (out / "manifest.json", out / "events.jsonl", out / "reports" / "a.json"):
        assert p.stat().st_mode & 0o777 == mode, p


# --------------------------------------------------------------------------- readers never fail on one bad report

def test_readers_survive_a_damaged_report_and_an_absurd_value(tmp_path):
    from pipeline.research import export, query

    for n in range(2):
        (tmp_path / f"r{n}.txt").write_text(_report(n), encoding="utf-8")
    out = tmp_path / "out"
    main(["extract", str(tmp_path), "-o", str(out), "--jobs", "1"])
    # an OUTDIR written before the guard: an absurd count in r1, and a report file cut short
    lines = []
    for line in (out / "events.jsonl").read_text(encoding="utf-8").splitlines():
        ev = json.loads(line)
        if ev["report_id"] == "r1":
            for c in ev["casualties"]:
                c["count"] = 99999999999999999999999
        lines.append(json.dumps(ev, ensure_ascii=False))
    (out / "events.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "reports" / "cut.json").write_text('{"schema_version": "1.0", "report": {"id": ', encoding="utf-8")
    con = query.connect(out)
    assert con.execute("SELECT count(DISTINCT report_id) FROM events").fetchone()[0] == 2
    assert con.execute("SELECT count(*) FROM casualties").fetchone()[0] > 0
    assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 2
    assert export.export_casualties(out, str(tmp_path / "x.csv"), "csv") > 0


def test_query_says_when_an_outdir_is_unfinished(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(_report(1), encoding="utf-8")
    out = tmp_path / "out"
    main(["extract", str(tmp_path / "a.txt"), "-o", str(out), "--jobs", "1"])
    assert main(["query", str(out), "SELECT 1"]) == 0
    assert "unfinished" not in capsys.readouterr().err
    (out / O.JOURNAL).write_text('{"run": {"started": "x"}}\n', encoding="utf-8")
    assert main(["query", str(out), "SELECT 1"]) == 0
    assert "is unfinished" in capsys.readouterr().err


# --------------------------------------------------------------------------- kill, interrupt, resume

def _tree(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        (folder / f"r{i:03d}.txt").write_text(_report(i), encoding="utf-8")


def _snapshot(out: Path) -> dict[str, bytes]:
    snap = {f"reports/{p.name}": p.read_bytes() for p in (out / "reports").iterdir()}
    snap["events.jsonl"] = (out / "events.jsonl").read_bytes()
    return snap


def _spawn(args: list[str], **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pipeline"] + args, cwd=ROOT, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def _wait_for_journal(out: Path, lines: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end and proc.poll() is None:
        try:
            if (out / O.JOURNAL).read_text(encoding="utf-8").count("\n") >= lines:
                return
        except OSError:
            pass
        time.sleep(0.005)


def _group_gone(pgid: int) -> bool:
    for _ in range(200):
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.01)
    return False


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory):
    src = tmp_path_factory.mktemp("kill") / "in"
    _tree(src, 40)
    out = src.parent / "clean"
    assert main(["extract", str(src), "-o", str(out), "--jobs", "2", "--no-progress"]) == 0
    return src, _snapshot(out)


@pytest.mark.parametrize("after", [2, 15, 30])
def test_killed_run_resumes_with_only_the_unfinished_inputs(clean_run, tmp_path, capsys, after):
    src, clean = clean_run
    out = tmp_path / "out"
    proc = _spawn(["extract", str(src), "-o", str(out), "--jobs", "2", "--no-progress"])
    _wait_for_journal(out, after + 1, proc)  # the run header, then one line per finished input
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _group_gone(proc.pid), "a worker outlived its parent"
    finished = len(O.read_journal(out)[0])
    assert 0 < finished < 40, finished
    (out / "reports" / ".r999.json.abc.tmp").write_text("half a report")  # what a kill mid-write leaves
    main(["query", str(out), "SELECT 1"])
    assert "is unfinished" in capsys.readouterr().err
    assert main(["extract", str(src), "-o", str(out), "--jobs", "2", "--resume", "--no-progress"]) == 0
    m = _manifest(out)
    assert m["counts"]["processed"] == 40 - finished
    assert [r["status"] for r in m["runs"]] == ["killed", "complete"]
    assert not list(out.rglob("*.tmp")) and not (out / O.JOURNAL).exists()
    assert _snapshot(out) == clean


def test_ctrl_c_exits_130_without_worker_tracebacks(tmp_path):
    src = tmp_path / "in"
    _tree(src, 60)
    out = tmp_path / "out"
    proc = _spawn(["extract", str(src), "-o", str(out), "--jobs", "2", "--no-progress"])
    _wait_for_journal(out, 3, proc)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends the whole foreground group
    _, err = proc.communicate(timeout=60)
    err = err.decode()
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err
    assert _group_gone(proc.pid)
    m = _manifest(out)
    assert m["runs"][-1]["status"] == "interrupted"
    assert sorted(set(_event_ids(out))) == sorted(r for rec in m["inputs"] for r in rec["reports"])


# --------------------------------------------------------------------------- a hostile folder beside good reports

def test_hostile_folder_beside_good_reports(tmp_path):
    src = tmp_path / "archive"
    src.mkdir()
    good = {f"good{n}": _report(n) for n in range(4)}
    for stem, text in good.items():
        (src / f"{stem}.txt").write_text(text, encoding="utf-8")
    (src / "absurd.txt").write_text("قتل 99999999999999999999999 مدنيا في حلب يوم 1 آذار 2020.", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-OUTSIDE-THE-TREE " + _report(99), encoding="utf-8")
    hostile = {
        "fifo.txt": None,
        "outside.txt": None,
        "loop.txt": None,
        "dev.txt": None,
        "truncated.pdf": _pdf_with_stream(zlib.compress(b"BT ET"))[:60],
        "random.txt": os.urandom(4096),
        "broken.docx": _docx_bytes(SEED)[:3000],
        "xxe.docx": _xxe_docx(),
        "bomb.docx": _docx_bomb(70),
        "bomb.pdf": _pdf_with_stream(_flate_bomb(100)),
        "deep.html": _deep_html(100_000).encode(),
    }
    for name, data in hostile.items():
        if data is not None:
            (src / name).write_bytes(data)
    os.mkfifo(src / "fifo.txt")
    (src / "outside.txt").symlink_to(secret)
    (src / "loop.txt").symlink_to(src / "loop.txt")
    (src / "dev.txt").symlink_to("/dev/zero")
    bad_name = os.fsencode(str(src)) + b"/bad-\xff\xfe.txt"
    with open(bad_name, "wb") as fh:
        fh.write(_report(5).encode("utf-8"))
    out = tmp_path / "out"
    before = sorted(os.listdir(tmp_path))
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(src), "-o", str(out), "--jobs", "2"],
                          cwd=ROOT, capture_output=True, timeout=120)
    took = time.perf_counter() - t0
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 1, err
    assert took < 120
    assert "Traceback" not in err
    assert sorted(os.listdir(tmp_path)) == sorted(before + ["out"])  # nothing written outside OUTDIR
    m = _manifest(out)
    reasons = {os.path.basename(e["source"]): e["reason"] for e in m["errors"]}
    expected = {"fifo.txt": "FIFO", "outside.txt": "outside the input tree", "loop.txt": "symlink loop",
                "dev.txt": "outside the input tree", "truncated.pdf": "broken PDF", "random.txt": "not text",
                "broken.docx": "broken DOCX", "bomb.docx": "DOCX bomb", "bomb.pdf": "PDF bomb",
                "deep.html": "nested too deeply"}
    for name, why in expected.items():
        assert why in reasons.get(name, ""), (name, reasons)
        assert name in err  # and each is named in the summary
    reports = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (out / "reports").glob("*.json")}
    for stem in good:
        assert reports[stem]["events"], stem
    assert any("absurd" in w for w in reports["absurd"]["warnings"])
    assert any(r["report"]["source"].endswith(".txt") and "bad-" in r["report"]["source"] for r in reports.values())
    everything = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert b"SECRET-OUTSIDE-THE-TREE" not in everything
    assert b"root:x:0:0" not in everything  # the XXE entity was never resolved


# (where an absurd value stands in an assembled report) -> the warning's path; every place is walked
ABSURD_PLACES = [
    ({"casualties": [{"count": 4}, {"count": 10**23, "min": 10**23}]}, "events[0].casualties[1].count"),
    ({"facilities": [{"type": "school", "count": 10**12}]}, "events[0].facilities[0].count"),
    ({"rejected": [{"count": 10**15, "min": None}]}, "events[0].rejected[0].count"),
    ({"casualties": [{"count": 3, "original": {"count": 10**20}}]}, "events[0].casualties[0].original.count"),
    ({"future_list": [{"nested": [{"max": 10**9 * 7}]}]}, "events[0].future_list[0].nested[0].max"),
]


@pytest.mark.parametrize("event,where", ABSURD_PLACES)
def test_absurd_counts_are_found_wherever_they_stand(event, where):
    from pipeline.core.sanity import refuse_absurd_counts

    warnings = refuse_absurd_counts({"events": [event], "tolls": {}})
    assert warnings and warnings[0].startswith(f"absurd value refused at {where}:")


def test_a_sane_report_gives_no_warning():
    from pipeline.core.sanity import refuse_absurd_counts

    rep = {"events": [{"casualties": [{"count": 10**7, "min": 0, "max": None, "why": {}}],
                       "facilities": [{"count": 2}], "date": {"value": "2020-03-01"}}], "tolls": {"killed": 10**7}}
    assert refuse_absurd_counts(rep) == [] and rep["tolls"] == {"killed": 10**7}


def _count_fields_under(model, seen=()) -> list[str]:
    """The int-typed COUNT_FIELDS reachable from a pydantic model (field names, nested models walked)."""
    import typing

    from pipeline.core.sanity import COUNT_FIELDS

    found = []
    for name, f in model.model_fields.items():
        types = [f.annotation]
        while types:
            t = types.pop()
            args = typing.get_args(t)
            types.extend(args)
            if isinstance(t, type) and hasattr(t, "model_fields") and t not in seen:
                found += [f"{name}.{x}" for x in _count_fields_under(t, (*seen, t))]
            if name in COUNT_FIELDS and t is int:
                found.append(name)
    return found


def test_the_keys_the_absurd_walk_skips_hold_no_count_in_the_schema():
    from pipeline.core import schema
    from pipeline.core.sanity import NO_COUNTS

    event = schema.Event.model_fields
    skipped = [k for k in NO_COUNTS if k in event]
    assert skipped, "the skipped keys are event keys"
    for k in skipped:
        assert _count_fields_under_field(event[k]) == [], k
    # and the walk does look where the schema has counts
    assert _count_fields_under_field(event["casualties"]) and _count_fields_under_field(event["facilities"])


def _count_fields_under_field(f) -> list[str]:
    from pydantic import create_model

    return _count_fields_under(create_model("_One", x=(f.annotation, ...)))
