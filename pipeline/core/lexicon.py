"""One loader for the declarative data in ``lexicons/``.

Lexicon files are plain JSON or TSV written in ordinary Arabic; callers
normalize entries with :func:`pipeline.core.normalize.norm_key` so that the data
stays readable and matching happens on the normalized view.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import pickle
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, TypeVar

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
    """What a built lexicon depends on: every lexicon file, the pipeline's code, Python's version."""
    h = hashlib.sha256(f"{sys.version}|{pickle.HIGHEST_PROTOCOL}".encode())
    code_dir = Path(__file__).resolve().parents[1]  # the whole pipeline package
    for folder, pattern in ((LEXICON_DIR, "*"), (code_dir, "**/*.py")):
        for path in sorted(folder.glob(pattern)):
            if path.is_file():
                h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:24]


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
            return pickle.load(fh)
    except Exception:  # absent, stale format, truncated: build it again
        pass
    obj = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
        for old in path.parent.glob(f"{name}-*.pickle"):  # the stale ones
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return obj
