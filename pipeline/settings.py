"""Settings and limits, in one place (documented in the README)."""
from __future__ import annotations

import os
from pathlib import Path

#: Where the declarative data lives (gazetteer, aliases, month names, number words ...).
LEXICON_DIR = Path(os.environ.get("RASD_LEXICONS", Path(__file__).resolve().parent.parent / "lexicons"))

#: Inputs larger than this are refused with a reason (``--max-bytes`` overrides it).
MAX_BYTES_DEFAULT = 16 * 1024 * 1024  # real reports are well under 1 MiB; bigger inputs are dumps

#: Report JSON schema version (SPEC section 2).
SCHEMA_VERSION = "1.0"

#: Characters of context kept on each side when a value needs its sentence.
CONTEXT_CHARS = 200

#: Files found while walking a folder that are annotations or guides, not reports.
NOT_REPORTS = ("gold*.jsonl", "*.gold.jsonl", "baseline.json", "ANNOTATING.md", "README.md", "CHANGELOG.md")

#: Validate every report against the pydantic schema before it is returned (``RASD_VALIDATE=1``).
#: Off on the hot path: the cheap span check (every span quotes the text) always runs; the tests
#: turn the full validation on (tests/conftest.py).
VALIDATE_REPORTS = os.environ.get("RASD_VALIDATE", "") not in ("", "0")

#: Where built lexicons (the gazetteer and its automaton, actor and facility tables) are pickled, so a
#: new process loads them instead of building them (``RASD_CACHE_DIR``; ``RASD_CACHE=0`` turns it off).
#: A cache file is keyed by the lexicon files and the pipeline's code, and rebuilt when either changes.
CACHE_DIR = Path(os.environ.get("RASD_CACHE_DIR")
                 or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "rasd")
CACHE_ENABLED = os.environ.get("RASD_CACHE", "1") not in ("", "0")
