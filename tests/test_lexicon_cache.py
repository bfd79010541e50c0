"""The cache of built lexicons: loaded when it matches the lexicons and the code, rebuilt otherwise."""
import dataclasses
import json
import os
import pickle
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
    ("cut in the middle", pickle.dumps({"قتل": ["killed"] * 50, "جرح": ["injured"] * 50})[:120]),
    ("a pickle of a class that no longer exists", b"\x80\x04\x95\x1b\x00\x00\x00\x00\x00\x00\x00\x8c\x08pipeline"
                                                b"\x94\x8c\x0bNoSuchClass\x94\x93\x94)\x81\x94."),
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
    lexicon._cache_key.cache_clear()  # the files as they are now
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
    names = {p.name.split("-")[0] for p in tmp_path.glob("*.pickle")}
    assert {"actors", "facilities", "gazetteer", "dates.res", "numbers.words", "places.patterns"} <= names
    assert runs[0] == runs[1]
    assert '"places"' in runs[0] and "turkey" in runs[0]


# (what stands where the cache folder should be) -> extraction still builds, nothing is raised
UNWRITABLE = [
    ("a folder under a file", lambda tmp: tmp / "file" / "rasd"),
    ("the cache folder is a file", lambda tmp: tmp / "file"),
    ("a folder that cannot be made", lambda tmp: Path("/proc/rasd-cache-cannot-exist")),
]


@pytest.mark.parametrize("what,where", UNWRITABLE)
def test_an_unwritable_cache_folder_still_builds_every_time(tmp_path, monkeypatch, what, where):
    (tmp_path / "file").write_text("x")
    monkeypatch.setattr(settings, "CACHE_DIR", where(tmp_path))
    monkeypatch.setattr(settings, "CACHE_ENABLED", True)
    calls = []
    for _ in range(2):
        assert lexicon.cached_build("terms", _counting_build(calls)) == {"قتل": ["killed"], "جرح": ["injured"]}
    assert len(calls) == 2
    assert (tmp_path / "file").read_text() == "x"


def _lexicon_copy(tmp_path, monkeypatch):
    lex = tmp_path / "lexicons"
    lex.mkdir()
    for p in settings.LEXICON_DIR.iterdir():
        if p.is_file():
            (lex / p.name).write_bytes(p.read_bytes())
    monkeypatch.setattr(lexicon, "LEXICON_DIR", lex)
    lexicon._cache_key.cache_clear()
    return lex


def _read_terms(lex):
    def build():
        return json.loads((lex / "months.json").read_text(encoding="utf-8"))["month_word"]
    return build


# (how a lexicon file changes) -> the next process builds again and sees the change
LEXICON_EDITS = [
    ("a word added", lambda words: words + ["شهر التجربة"]),
    ("a word removed", lambda words: words[1:]),
    ("the same words reordered", lambda words: list(reversed(words))),
]


@pytest.mark.parametrize("what,edit", LEXICON_EDITS)
def test_a_stale_cache_is_rebuilt_after_a_lexicon_change(cache, tmp_path, monkeypatch, what, edit):
    lex = _lexicon_copy(tmp_path, monkeypatch)
    try:
        first = lexicon.cached_build("months", _read_terms(lex))
        assert lexicon.cached_build("months", lambda: pytest.fail("built again")) == first  # loaded
        data = json.loads((lex / "months.json").read_text(encoding="utf-8"))
        data["month_word"] = edit(data["month_word"])
        assert data["month_word"] != first
        (lex / "months.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        lexicon._cache_key.cache_clear()  # a new process
        assert lexicon.cached_build("months", _read_terms(lex)) == data["month_word"]
        assert len(list(cache.glob("months-*.pickle"))) == 1  # the stale file is gone
    finally:
        lexicon._cache_key.cache_clear()


def test_a_cached_table_is_built_once_and_loaded_by_the_next_process(cache):
    calls = []

    def build():
        calls.append(1)
        return {"أمس": -1, "اليوم": 0}

    first = lexicon.cached_table("days")(build)
    assert first() == first() == {"أمس": -1, "اليوم": 0} and len(calls) == 1
    second = lexicon.cached_table("days")(build)  # what a new process does
    assert second() == {"أمس": -1, "اليوم": 0} and len(calls) == 1
    first.cache_clear()
    assert first() == {"أمس": -1, "اليوم": 0} and len(calls) == 1  # from the file again


def test_a_compiled_pattern_comes_back_from_the_cache_matching_the_same(cache):
    import regex

    build = lambda: regex.compile(r"(?<![\p{L}])(?P<m>آذار|اذار|مارس)(?![\p{L}])")  # noqa: E731
    lexicon.cached_build("months_re", build)
    loaded = lexicon.cached_build("months_re", lambda: pytest.fail("built again"))
    for text in ("في 3 آذار 2020", "مارس الماضي", "الاذارية", "لا شهر هنا"):
        a, b = build().search(text), loaded.search(text)
        assert (a and a.span("m")) == (b and b.span("m")), text


@dataclasses.dataclass(frozen=True, slots=True)
class _Row:
    pcode: str
    name_ar: str
    lat: float | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class _Checked:
    name_ar: str

    def __post_init__(self):
        if not self.name_ar:
            raise ValueError("empty name")


@dataclasses.dataclass(frozen=True)
class _Plain:
    name_ar: str


@dataclasses.dataclass(slots=True)
class _Key:
    entries: list
    mode: str = "name"
    weak: bool = False


@dataclasses.dataclass(slots=True)
class _OwnState:
    name_ar: str

    def __getstate__(self):
        return {"name_ar": self.name_ar}

    def __setstate__(self, state):
        self.name_ar = state["name_ar"]


@dataclasses.dataclass(slots=True, kw_only=True)
class _KeywordsOnly:
    name_ar: str


# (a dataclass) -> pickled as a call of its constructor or not; both load equal
CONSTRUCTED = [
    (_Row("SY0200", "حلب", 36.2), True),
    (_Row("SY0700", "حمص"), True),
    (_Checked("إدلب"), False),  # __post_init__: the default way
    (_Plain("درعا"), False),  # no slots: the default way is already fast
    (_Key([_Row("SY0200", "حلب")], "countryside", True), True),  # not frozen
    (_OwnState("الرقة"), False),  # pickles its own way
    (_KeywordsOnly(name_ar="دير الزور"), False),  # its __init__ takes no positional argument
]


@pytest.mark.parametrize("obj,by_constructor", CONSTRUCTED)
def test_frozen_slots_rows_round_trip_through_the_cache(cache, obj, by_constructor):
    assert lexicon._by_constructor(type(obj)) is by_constructor
    lexicon.cached_build("rows", lambda: {"rows": [obj, obj]})
    loaded = lexicon.cached_build("rows", lambda: pytest.fail("built again"))
    assert loaded == {"rows": [obj, obj]} and loaded["rows"][0] is loaded["rows"][1]


# (environment) -> where the cache is: never inside the package
CACHE_HOMES = [
    ({"RASD_CACHE_DIR": "/tmp/rasd-own-cache"}, "/tmp/rasd-own-cache"),
    ({"XDG_CACHE_HOME": "/tmp/xdg-cache"}, "/tmp/xdg-cache/rasd"),
    ({"HOME": "/tmp/some-home"}, "/tmp/some-home/.cache/rasd"),
]


@pytest.mark.parametrize("env,expected", CACHE_HOMES)
def test_the_cache_folder_follows_the_environment_and_is_outside_the_package(env, expected):
    base = {k: v for k, v in os.environ.items() if k not in ("RASD_CACHE_DIR", "XDG_CACHE_HOME")}
    out = subprocess.run([sys.executable, "-c", "from pipeline.core import settings; print(settings.CACHE_DIR)"],
                         env={**base, **env}, cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    assert out == expected
    assert not Path(out).resolve().is_relative_to((ROOT / "pipeline").resolve())
