"""Fixtures shared by test files."""
from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

# Every report the tests extract is validated against the full pydantic schema
# (off on the production hot path, see pipeline.core.settings.VALIDATE_REPORTS).
os.environ.setdefault("RASD_VALIDATE", "1")
# Built lexicons are pickled in a cache of the test session, not the user's (pipeline.core.lexicon.cached_build).
os.environ.setdefault("RASD_CACHE_DIR", tempfile.mkdtemp(prefix="rasd-test-cache-"))

import pytest

from pipeline.research import view

OUTDIR_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "outdir"


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The viewer built from the hand-made OUTDIR fixture."""
    out = tmp_path_factory.mktemp("site")
    parser = argparse.ArgumentParser()
    view.add_arguments(parser)
    assert view.run(parser.parse_args([str(OUTDIR_FIXTURE), "-o", str(out)])) == 0
    return out
