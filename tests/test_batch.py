"""`rasd extract` end to end: every input kind, bad inputs, resume, ids, atomic writes."""
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main

SEED = (Path(__file__).parent / "fixtures" / "seed.txt").read_text(encoding="utf-8")
DIACRITIZED = SEED.replace("أيلول", "أَيْلُول").replace("مدنياً", "مدنيــاً").replace("2014", "٢٠١٤")


def _docx_bytes(text: str) -> bytes:
    import docx

    d = docx.Document()
    for para in text.split("\n"):
        d.add_paragraph(para)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    src = tmp_path_factory.mktemp("in")
    (src / "utf8.txt").write_text(SEED, encoding="utf-8")
    (src / "bom.txt").write_bytes(b"\xef\xbb\xbf" + SEED.encode("utf-8"))
    (src / "utf16.txt").write_bytes(SEED.encode("utf-16"))
    (src / "crlf.txt").write_bytes(SEED.replace("\n", "\r\n").encode("utf-8"))
    (src / "cp1256.txt").write_bytes(SEED.encode("cp1256"))
    (src / "decorated.md").write_text(DIACRITIZED, encoding="utf-8")
    paras = "".join(f"<p>{p}</p>" for p in SEED.split("\n"))
    (src / "page.html").write_text(
        "<html><head><title>عنوان</title><meta property='article:published_time' content='2014-10-20T10:00:00Z'>"
        "<style>p{color:red}</style><script>var x = 'قتل 99 مدنياً';</script></head><body>"
        "<nav>الرئيسية | تقارير | قتل 77 مدنياً</nav><article>" + paras + "</article>"
        "<footer>جميع الحقوق محفوظة 2020</footer></body></html>", encoding="utf-8")
    (src / "doc.docx").write_bytes(_docx_bytes(SEED))
    (src / "lines.jsonl").write_text(
        json.dumps({"id": "../../etc/x", "text": SEED, "published": "2014-10-20"}, ensure_ascii=False) + "\n"
        + json.dumps({"id": "a/b", "text": SEED}, ensure_ascii=False) + "\n", encoding="utf-8")
    sub = src / "nested" / "deeper"
    sub.mkdir(parents=True)
    (sub / "utf8.txt").write_text(SEED, encoding="utf-8")  # same stem as another input
    # bad inputs
    (src / "empty.txt").write_bytes(b"")
    (src / "random.txt").write_bytes(os.urandom(4096))
    good_docx = _docx_bytes(SEED)
    (src / "broken.docx").write_bytes(good_docx[: len(good_docx) // 2])
    (src / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n")
    out = tmp_path_factory.mktemp("out")
    code = main(["extract", str(src), "-o", str(out), "--jobs", "2"])
    return src, out, code


GOOD = ["utf8", "bom", "utf16", "crlf", "cp1256", "decorated", "page", "doc"]
BAD = ["empty.txt", "random.txt", "broken.docx", "broken.pdf"]


def _reports(out: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (out / "reports").glob("*.json")}


def test_exit_code_is_1_when_some_inputs_fail(batch):
    assert batch[2] == 1


@pytest.mark.parametrize("stem", GOOD)
def test_every_good_input_has_a_report_with_the_seed_date(batch, stem):
    reports = _reports(batch[1])
    rep = next((r for rid, r in reports.items() if rid == stem or rid.startswith(stem + "-")), None)
    assert rep is not None, (sorted(reports), json.loads((batch[1] / "manifest.json").read_text())["errors"])
    assert ("2014-09-23", "day") in {(d["value"], d["precision"]) for d in rep["dates"]}


def test_jsonl_lines_and_hostile_ids_stay_inside_outdir(batch):
    src, out, _ = batch
    files = sorted(p.name for p in (out / "reports").iterdir())
    assert len([f for f in files if "etc" in f or f.startswith("a")]) >= 2
    for p in out.rglob("*"):
        assert out in p.resolve().parents or p.resolve() == out
    assert not (out.parent / "etc").exists()


def test_same_stem_in_two_folders_gives_two_reports(batch):
    ids = [r["report"]["id"] for r in _reports(batch[1]).values() if r["report"]["source"].endswith("utf8.txt")]
    assert len(ids) == 2 and len(set(ids)) == 2


@pytest.mark.parametrize("name", BAD)
def test_bad_inputs_are_named_in_the_manifest(batch, name):
    manifest = json.loads((batch[1] / "manifest.json").read_text(encoding="utf-8"))
    errs = [e for e in manifest["errors"] if e["source"].endswith(name)]
    assert errs and errs[0]["reason"], manifest["errors"]


def test_every_span_quotes_the_original_text(batch):
    for rep in _reports(batch[1]).values():
        text = rep["text"]
        quoted = list(rep["dates"]) + list(rep["places"]) + list(rep["actors"])
        for ev in rep["events"]:
            quoted += [ev["trigger"], ev["sentence"]] + ev["casualties"] + ev["facilities"] + ev["weapons"]
        for q in quoted:
            s, e = q["span"]
            assert text[s:e] == q["text"]


def test_html_keeps_the_article_only(batch):
    rep = _reports(batch[1])["page"]
    assert "99" not in rep["text"] and "77" not in rep["text"] and "محفوظة" not in rep["text"]
    assert rep["report"]["title"] == "عنوان" and rep["report"]["published"] == "2014-10-20"


def test_events_jsonl_and_manifest(batch):
    out = batch[1]
    lines = [json.loads(x) for x in (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines and all("report_id" in ev for ev in lines)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["schema_version"] == "1.0" and manifest["counts"]["events"] == len(lines)
    assert not list(out.rglob("*.tmp"))


def test_resume_redoes_nothing_and_loses_nothing(batch, tmp_path):
    src, out, _ = batch
    before_events = (out / "events.jsonl").read_text(encoding="utf-8")
    before_reports = {p.name: p.stat().st_mtime_ns for p in (out / "reports").iterdir()}
    code = main(["extract", str(src), "-o", str(out), "--resume", "--jobs", "1"])
    assert code == 1  # the bad inputs are retried, and fail again
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["processed"] == len(BAD)
    assert sorted((out / "events.jsonl").read_text(encoding="utf-8").splitlines()) == sorted(before_events.splitlines())
    assert {p.name: p.stat().st_mtime_ns for p in (out / "reports").iterdir()} == before_reports


def test_stdin_and_dash_o(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pipeline", "extract", "-", "-o", "-"], input=SEED.encode("utf-8"),
                          capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    rep = json.loads(proc.stdout)
    assert rep["text"] == SEED


@pytest.mark.parametrize("argv", [
    ["extract"],                                        # no input
    ["extract", "x.txt"],                               # no -o
    ["extract", "a.txt", "b.txt", "-o", "-"],            # -o - with two inputs
    ["extract", "a.txt", "-o", "o", "--published", "23/9/2014"],
    ["nonsense"],
])
def test_bad_usage_exits_2(argv):
    with pytest.raises(SystemExit) as exc:
        code = main(argv)
        raise SystemExit(code)
    assert exc.value.code == 2


def test_dask_engine_gives_the_same_reports(tmp_path):
    """`--engine dask` (a local Dask cluster here; `--scheduler ADDR` for a real one) writes what local does."""
    pytest.importorskip("dask.distributed")
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(SEED, encoding="utf-8")
    (src / "b.txt").write_text(DIACRITIZED, encoding="utf-8")
    (src / "bad.txt").write_bytes(b"")
    outs = {}
    for engine in ("local", "dask"):
        out = tmp_path / engine
        assert main(["extract", str(src), "-o", str(out), "--engine", engine, "--jobs", "2"]) == 1
        outs[engine] = {p.name: json.loads(p.read_text(encoding="utf-8"))["events"] for p in (out / "reports").iterdir()}
    assert outs["dask"] == outs["local"] and len(outs["dask"]) == 2
