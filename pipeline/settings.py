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
NOT_REPORTS = ("gold*.jsonl", "*.gold.jsonl", "sources.jsonl", "baseline.json", "ANNOTATING.md", "README.md", "CHANGELOG.md")
