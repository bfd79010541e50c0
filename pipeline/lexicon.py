"""One loader for the declarative data in ``lexicons/``.

Lexicon files are plain JSON or TSV written in ordinary Arabic; callers
normalize entries with :func:`pipeline.normalize.norm_key` so that the data
stays readable and matching happens on the normalized view.
"""
from __future__ import annotations

import csv
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from .settings import LEXICON_DIR


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
