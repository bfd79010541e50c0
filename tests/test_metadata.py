"""Per-input metadata: dateparser for metadata dates, ``rasd extract --metadata FILE``."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import cli
from pipeline.ingest.metadata import MetadataError, load_metadata, parse_published

# (metadata value, retrieved, expected YYYY-MM-DD or None, rule)
DATES = [
    # ISO 8601 as written, no time-zone shift
    ("2019-04-02", None, "2019-04-02", "iso"),
    ("2019-04-02T23:30:00-05:00", None, "2019-04-02", "iso"),
    ("2019-04-02T01:10:00Z", None, "2019-04-02", "iso"),
    ("٢٠١٩-٠٤-٠٢", None, "2019-04-02", "iso"),
    # RSS-style and English
    ("Tue, 02 Apr 2019 10:00:00 +0300", None, "2019-04-02", "dateparser"),
    ("Tue, 02 Apr 2019 23:30:00 -0500", None, "2019-04-02", "dateparser"),
    ("April 2, 2019", None, "2019-04-02", "dateparser"),
    ("02/04/2019", None, "2019-04-02", "dateparser"),          # day first, as Arabic sites write it
    # Arabic month names, Levantine and Egyptian, pairs, Arabic-Indic digits
    ("2 أبريل 2019", None, "2019-04-02", "dateparser"),
    ("2 نيسان 2019", None, "2019-04-02", "dateparser"),
    ("الثلاثاء 2 نيسان/أبريل 2019", None, "2019-04-02", "dateparser"),
    ("٢ نيسان ٢٠١٩", None, "2019-04-02", "dateparser"),
    ("4 كانون الثاني 2019", None, "2019-01-04", "dateparser"),
    ("15 تشرين الأول 2018 - 10:30", None, "2018-10-15", "dateparser"),
    ("الثلاثاء، 2 أبريل 2019", None, "2019-04-02", "dateparser"),
    # a byline label before the date
    ("نشر في 3 مايو 2019", None, "2019-05-03", "from_first_digit"),
    ("نشر بتاريخ: 2 نيسان 2019", None, "2019-04-02", "from_first_digit"),
    # relative: only against the time the page was fetched
    ("منذ يومين", "2019-04-04", "2019-04-02", "dateparser"),
    ("أمس", "2019-04-04T10:00:00Z", "2019-04-03", "dateparser"),
    ("yesterday", "2019-04-04", "2019-04-03", "dateparser"),
    # negative rows: refused with a reason, never a guess
    ("منذ يومين", None, None, "refused"),        # nothing to resolve it against
    ("2 نيسان", None, None, "refused"),          # no year: depends on when it was read
    ("April 2019", None, None, "refused"),       # a month is not a publication day
    ("2019", None, None, "refused"),
    ("2019-02-30", None, None, "refused"),
    ("غير معروف", None, None, "refused"),
    ("", None, None, "refused"),
]


@pytest.mark.parametrize("value, retrieved, expected, rule", DATES)
def test_metadata_dates(value, retrieved, expected, rule):
    got = parse_published(value, retrieved)
    assert (got.value, got.rule) == (expected, rule)
    if expected is None:
        assert got.reason


def test_extract_imports_neither_dateparser_for_iso_dates_nor_spacy(tmp_path):
    import subprocess
    import sys

    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "x", "published": "2019-04-02", "text": "قتل مدني في حلب."},
                                                 ensure_ascii=False) + "\n", encoding="utf-8")
    code = ("import sys; from pipeline import cli; cli.main(['extract', sys.argv[1], '-o', sys.argv[2], '--jobs', '1']);"
            "print('dateparser' in sys.modules, 'spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "a.jsonl"), str(tmp_path / "out")],
                         capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


TEXT = "قُتل مدنيان أمس جراء غارة جوية على بلدة سرمين في ريف إدلب.\n"


def _extract(tmp_path: Path, files: dict[str, str], meta_name: str, meta: str, *extra: str) -> tuple[int, Path]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / meta_name).write_text(meta, encoding="utf-8")
    out = tmp_path / "out"
    code = cli.main(["extract", *[str(tmp_path / n) for n in files], "-o", str(out), "--jobs", "1",
                     "--metadata", str(tmp_path / meta_name), *extra])
    return code, out


def _report(out: Path, rid: str) -> dict:
    return json.loads((out / "reports" / f"{rid}.json").read_text(encoding="utf-8"))


def test_csv_metadata_by_path_anchors_relative_dates(tmp_path):
    meta = ("path,published,title,publisher,url\n"
            'a.txt,"Tue, 02 Apr 2019 10:00:00 +0300",غارة على سرمين,Example Monitor,https://example.org/a\n'
            "b.txt,10 أيار 2020,,Other Outlet,\n")
    code, out = _extract(tmp_path, {"a.txt": TEXT, "b.txt": TEXT, "c.txt": TEXT}, "meta.csv", meta)
    assert code == 0
    a, b, c = (_report(out, r) for r in "abc")
    assert {k: a["report"][k] for k in ("published", "title", "publisher", "url")} == {
        "published": "2019-04-02", "title": "غارة على سرمين", "publisher": "Example Monitor",
        "url": "https://example.org/a"}
    assert a["events"][0]["date"]["value"] == "2019-04-01"       # أمس against the metadata date
    assert (b["report"]["published"], b["report"]["publisher"]) == ("2020-05-10", "Other Outlet")
    assert b["events"][0]["date"]["value"] == "2020-05-09"
    assert "url" not in b["report"] or b["report"]["url"] is None
    # no row: nothing invented
    assert c["report"]["published"] is None and c["report"].get("publisher") is None
    assert c["events"][0]["date"] is None


def test_jsonl_metadata_by_id_and_published_option(tmp_path):
    meta = "\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "a", "published": "2 نيسان 2019", "publisher": "Example Monitor"},
        {"id": "b", "published": "منذ يومين"},                      # refused: a warning, --published used
    ]) + "\n"
    code, out = _extract(tmp_path, {"a.txt": TEXT, "b.txt": TEXT}, "meta.jsonl", meta, "--published", "2021-06-01")
    assert code == 0
    a, b = _report(out, "a"), _report(out, "b")
    assert (a["report"]["published"], a["report"]["publisher"]) == ("2019-04-02", "Example Monitor")
    assert b["report"]["published"] == "2021-06-01"
    assert any("metadata 'published' not used" in w for w in b["warnings"])


def test_html_and_jsonl_keep_their_own_metadata(tmp_path):
    html = ('<html><head><meta property="og:site_name" content="Page Outlet">'
            '<link rel="canonical" href="https://example.org/page">'
            '<meta property="article:published_time" content="Tue, 02 Apr 2019 10:00:00 +0300">'
            f'<title>عنوان الصفحة</title></head><body><article><p>{TEXT}</p></article></body></html>')
    jsonl = json.dumps({"id": "rec1", "text": TEXT, "published": "3 أيار 2020", "publisher": "Record Outlet",
                        "url": "https://example.org/rec1"}, ensure_ascii=False) + "\n" + json.dumps(
                       {"id": "rec2", "text": TEXT}, ensure_ascii=False) + "\n"
    meta = ("path,id,published,title,publisher,url\n"
            "page.html,,2000-01-01,عنوان آخر,File Outlet,https://other.example/\n"
            ",rec1,2000-01-01,,File Outlet,\n"
            ",rec2,2000-01-02,عنوان من الملف,File Outlet,\n")
    code, out = _extract(tmp_path, {"page.html": html, "recs.jsonl": jsonl}, "meta.csv", meta)
    assert code == 0
    page, rec1, rec2 = _report(out, "page"), _report(out, "rec1"), _report(out, "rec2")
    assert {k: page["report"][k] for k in ("published", "title", "publisher", "url")} == {
        "published": "2019-04-02", "title": "عنوان الصفحة", "publisher": "Page Outlet",
        "url": "https://example.org/page"}
    assert {k: rec1["report"][k] for k in ("published", "publisher", "url")} == {
        "published": "2020-05-03", "publisher": "Record Outlet", "url": "https://example.org/rec1"}
    # a record with no metadata of its own takes the file's row for its id
    assert (rec2["report"]["published"], rec2["report"]["title"], rec2["report"]["publisher"]) == (
        "2000-01-02", "عنوان من الملف", "File Outlet")


@pytest.mark.parametrize("name, content, message", [
    ("m.csv", "file,published\na.txt,2019-01-01\n", "needs a 'path' or an 'id' column"),
    ("m.jsonl", '{"id": "a"}\nnot json\n', "line 2: not JSON"),
    ("missing.csv", None, "cannot read metadata file"),
])
def test_bad_metadata_file_is_a_usage_error(tmp_path, capsys, name, content, message):
    if content is not None:
        (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(MetadataError, match=message):
        load_metadata(tmp_path / name)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    assert cli.main(["extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"),
                     "--metadata", str(tmp_path / name)]) == 2
    assert message in capsys.readouterr().err
