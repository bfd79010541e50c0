"""The cache of built lexicons: loaded when it matches the lexicons and the code, rebuilt otherwise."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.core import lexicon, settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "CACHE_DIR", tmp_path)
    monkeypatch.setattr(settings, "CACHE_ENABLED", True)
    return tmp_path


def _counting_build(calls):
    def build():
        calls.append(1)
        return {"قتل": ["killed"], "جرح": ["injured"]}
    return build


def test_a_built_lexicon_is_loaded_from_the_cache_the_second_time(cache):
    calls = []
    first = lexicon.cached_build("terms", _counting_build(calls))
    second = lexicon.cached_build("terms", _counting_build(calls))
    assert first == second == {"قتل": ["killed"], "جرح": ["injured"]}
    assert len(calls) == 1
    assert [p.name.split("-")[0] for p in cache.glob("*.pickle")] == ["terms"]


# (what is wrong with the file in the cache) -> it is built again, and the bad file replaced
BAD_CACHES = [
    ("truncated", b"\x80\x05\x95"),
    ("not a pickle", "نص عادي".encode("utf-8")),
    ("empty", b""),
]


@pytest.mark.parametrize("what,content", BAD_CACHES)
def test_an_unreadable_cache_is_rebuilt(cache, what, content):
    calls = []
    (cache / f"terms-{lexicon._cache_key()}.pickle").write_bytes(content)
    assert lexicon.cached_build("terms", _counting_build(calls)) == {"قتل": ["killed"], "جرح": ["injured"]}
    assert len(calls) == 1
    assert lexicon.cached_build("terms", _counting_build(calls)) is not None
    assert len(calls) == 1  # the rewritten file is good


def test_a_stale_cache_file_is_removed_when_the_new_one_is_written(cache):
    stale = cache / "terms-000000000000000000000000.pickle"
    stale.write_bytes(b"old")
    lexicon.cached_build("terms", _counting_build([]))
    assert not stale.exists()


def test_no_cache_when_turned_off(cache, monkeypatch):
    monkeypatch.setattr(settings, "CACHE_ENABLED", False)
    calls = []
    lexicon.cached_build("terms", _counting_build(calls))
    lexicon.cached_build("terms", _counting_build(calls))
    assert len(calls) == 2
    assert not list(cache.iterdir())


def test_an_unwritable_cache_still_builds(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setattr(settings, "CACHE_DIR", blocker / "rasd")  # a folder under a file cannot exist
    monkeypatch.setattr(settings, "CACHE_ENABLED", True)
    assert lexicon.cached_build("terms", _counting_build([])) == {"قتل": ["killed"], "جرح": ["injured"]}


def test_the_cache_key_follows_the_lexicon_files(tmp_path, monkeypatch):
    for p in settings.LEXICON_DIR.iterdir():
        if p.is_file():
            (tmp_path / p.name).write_bytes(p.read_bytes())
    key = lexicon._cache_key()
    monkeypatch.setattr(lexicon, "LEXICON_DIR", tmp_path)
    lexicon._cache_key.cache_clear()
    try:
        assert lexicon._cache_key() == key  # same content, same key
        edited = (tmp_path / "actors.json").read_text(encoding="utf-8") + "\n"  # any edit of a lexicon file
        json.loads(edited)
        (tmp_path / "actors.json").write_text(edited, encoding="utf-8")
        lexicon._cache_key.cache_clear()
        assert lexicon._cache_key() != key
    finally:
        lexicon._cache_key.cache_clear()


def test_a_report_extracted_with_loaded_lexicons_equals_one_with_built_ones(tmp_path):
    text = "قتل 3 مدنيين بينهم طفل في قصف مدفعي تركي على قرية في ريف حلب الشمالي، واستهدفت غارة روسية مدرسة."
    code = ("import json, sys; from pipeline.stages.extract import build_report; "
            "print(json.dumps(build_report(sys.stdin.read(), report_id='r', source='-', sha256='-'), "
            "ensure_ascii=False, sort_keys=True))")
    env = dict(os.environ, RASD_CACHE_DIR=str(tmp_path), RASD_CACHE="1")
    runs = [subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, env=env,
                           cwd=ROOT, check=True).stdout for _ in range(2)]
    assert sorted(p.name.split("-")[0] for p in tmp_path.glob("*.pickle")) == ["actors", "facilities", "gazetteer"]
    assert runs[0] == runs[1]
    assert '"places"' in runs[0] and "turkey" in runs[0]
