"""One loader for the declarative data in ``lexicons/``.

Lexicon files are plain JSON or TSV written in ordinary Arabic; callers
normalize entries with :func:`pipeline.core.normalize.norm_key` so that the data
stays readable and matching happens on the normalized view.
"""
from __future__ import annotations

import csv
import gc
import hashlib
import json
import os
import pickle
import sys
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any, Callable, TypeVar

from pipeline import __version__
from pipeline.core import settings
from pipeline.core.settings import LEXICON_DIR

T = TypeVar("T")


def lexicon_path(name: str) -> Path:
    return LEXICON_DIR / name


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    with open(lexicon_path(name), encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=None)
def load_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV file with a header line; lines starting with '#' are comments."""
    with open(lexicon_path(name), encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    return tuple(dict(row) for row in csv.DictReader(lines, delimiter="\t"))


@lru_cache(maxsize=1)
def _cache_key() -> str:
    """What a built lexicon depends on: every lexicon file, the package's version and code, Python's
    version (file contents, not times: a checkout or an edit that changes nothing keeps the key)."""
    h = hashlib.sha256(f"{sys.version}|{pickle.HIGHEST_PROTOCOL}|{__version__}".encode())
    code_dir = Path(__file__).resolve().parents[1]  # the whole pipeline package
    for folder, files in ((LEXICON_DIR, _files(LEXICON_DIR, "")), (code_dir, _files(code_dir, ".py"))):
        for rel in files:
            with open(os.path.join(folder, rel), "rb") as fh:
                h.update(rel.encode() + b"\0" + fh.read() + b"\0")
    return h.hexdigest()[:24]


def _files(folder: Path | str, suffix: str) -> list[str]:
    """Relative paths of the files under ``folder`` ending in ``suffix`` (sub-folders too when a suffix
    is given), sorted."""
    out: list[str] = []
    stack = [""]
    while stack:
        rel = stack.pop()
        with os.scandir(os.path.join(folder, rel)) as it:
            for entry in it:
                path = f"{rel}/{entry.name}" if rel else entry.name
                if entry.is_file() and entry.name.endswith(suffix):
                    out.append(path)
                elif suffix and entry.is_dir() and not entry.name.startswith((".", "__")):
                    stack.append(path)
    return sorted(out)


class _Pickler(pickle.Pickler):
    """Pickles a slots dataclass as a call of its class: the default for a frozen one is a
    ``__setstate__`` in Python per object (``dataclasses._dataclass_setstate``, which asks for the fields
    each time), about half of the time to load the gazetteer's thousands of rows; for the others, a
    state dict per object."""

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        if _by_constructor(cls):
            return cls, tuple(getattr(obj, f) for f in cls.__dataclass_fields_order__)
        return NotImplemented


@lru_cache(maxsize=None)
def _by_constructor(cls: type) -> bool:
    """A slots dataclass whose generated ``__init__`` takes every field in order and does nothing else,
    and that does not choose its own way to be pickled."""
    import dataclasses

    own = cls.__dict__
    if "__dataclass_fields__" not in own or "__slots__" not in own or hasattr(cls, "__post_init__"):
        return False
    if not cls.__dataclass_params__.init or "__reduce__" in own or "__reduce_ex__" in own:
        return False
    if own.get("__getstate__", None) not in (None, getattr(dataclasses, "_dataclass_getstate", None)):
        return False
    fields = dataclasses.fields(cls)
    if any(not f.init or f.kw_only for f in fields) or len(fields) != len(cls.__dataclass_fields__):
        return False
    cls.__dataclass_fields_order__ = tuple(f.name for f in fields)
    return True


def cached_build(name: str, build: Callable[[], T]) -> T:
    """``build()``, or its pickle from the user cache (``settings.CACHE_DIR``) when one was made from the
    same lexicons and code. A missing, stale or unreadable cache is rebuilt; a cache that cannot be
    written is skipped. Never inside the repository, never committed."""
    if not settings.CACHE_ENABLED:
        return build()
    key = _cache_key()
    path = settings.CACHE_DIR / f"{name}-{key}.pickle"
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:  # absent, unreadable
        data = None
    if data:
        paused = gc.isenabled()
        gc.disable()  # thousands of objects and no cycle: the collector's passes would double the time
        try:
            return pickle.loads(data)
        except Exception:  # a stale format, truncated, not a pickle: build it again
            pass
        finally:
            if paused:
                gc.enable()
    obj = build()
    _write(path, name, obj)
    return obj


def cached_table(name: str) -> Callable[[Callable[[], T]], Callable[[], T]]:
    """Decorator of a builder without arguments (compiled patterns, word tables, matchers built from
    lexicons): built or loaded from the user cache (:func:`cached_build`) on the first call, then kept
    for the process like ``lru_cache``. Compiled ``regex`` patterns load without being parsed again."""
    def decorate(build: Callable[[], T]) -> Callable[[], T]:
        @wraps(build)
        def get() -> T:
            if not box:
                box.append(cached_build(name, build))
            return box[0]

        box: list[T] = []
        get.cache_clear = box.clear  # type: ignore[attr-defined]
        return get
    return decorate


def _write(path: Path, name: str, obj: Any) -> None:
    """Pickle ``obj`` to ``path`` atomically (a temporary file renamed) and remove the stale files of
    ``name``; a folder that cannot be made or written is skipped silently."""
    import io
    import tempfile

    try:
        buf = io.BytesIO()
        _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(buf.getbuffer())
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
        for old in path.parent.glob(f"{name}-*.pickle"):  # the stale ones
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        pass
