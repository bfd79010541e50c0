"""Values outside a sane range are refused at extraction, with a warning, never stored.

A count of ``99999999999999999999999`` in a report is a typo or a scraped table's id,
not a toll; stored, it overflows every reader (DuckDB's BIGINT, a CSV consumer). Two
small guards: numbers found in the text above ``MAX_COUNT`` are dropped before any
stage uses them, and the assembled report is checked once more (counts computed by a
stage of its own).
"""
from __future__ import annotations

from typing import Any

from pipeline.core.settings import MAX_COUNT

COUNT_FIELDS = ("count", "min", "max", "value")


def _absurd(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and not (0 <= v <= MAX_COUNT)


def _sane(v: Any) -> bool:
    """The common case, decided at once: no value, or a plain int in range (else ask :func:`_absurd`)."""
    return v is None or (v.__class__ is int and 0 <= v <= MAX_COUNT)


def drop_absurd_numbers(numbers: list, text: str) -> tuple[list, list[str]]:
    """Number mentions whose value or bounds leave [0, MAX_COUNT] -> dropped, one warning each."""
    kept, warnings = [], []
    for n in numbers:
        v, lo, hi = getattr(n, "value", None), getattr(n, "min", None), getattr(n, "max", None)
        if not (_sane(v) and _sane(lo) and _sane(hi)) and (_absurd(v) or _absurd(lo) or _absurd(hi)):
            warnings.append(f"absurd number refused (above {MAX_COUNT}): {text[n.ns:n.ne][:40]!r}")
        else:
            kept.append(n)
    return kept, warnings


#: Keys of an assembled event whose values hold no count: their schema models (:mod:`pipeline.core.schema`
#: Why, Trigger, Sentence, Date, Place, Actor, Weapon) have no field of ``COUNT_FIELDS`` that is an int, and
#: a span is a pair of offsets (tests/test_archive_safety.py checks this against the schema). The walk
#: skips them; everything else (casualties, facilities, a review's originals) is walked.
NO_COUNTS = frozenset({"why", "trigger", "sentence", "date", "places", "actors", "weapons", "span", "text"})


def refuse_absurd_counts(report: dict[str, Any]) -> list[str]:
    """Null any count left out of range in an assembled report (in place); the warnings."""
    warnings: list[str] = []

    def walk(obj: Any, where: tuple) -> None:
        if isinstance(obj, dict):
            for k, v in obj.items():
                if k in COUNT_FIELDS and not _sane(v) and _absurd(v):
                    obj[k] = None
                    warnings.append(f"absurd value refused at {_path(where)}.{k}: {v}")
                elif k not in NO_COUNTS and isinstance(v, (dict, list)):
                    walk(v, (*where, f".{k}"))
        elif isinstance(obj, list):
            for i, v in enumerate(obj):
                if isinstance(v, (dict, list)):
                    walk(v, (*where, f"[{i}]"))

    walk(report.get("events", []), ("events",))
    tolls = report.get("tolls")
    if isinstance(tolls, dict):
        for k, v in list(tolls.items()):
            if _absurd(v):
                del tolls[k]
                warnings.append(f"absurd value refused at tolls.{k}: {v}")
    return warnings


def _path(where: tuple) -> str:
    return "".join(where)
