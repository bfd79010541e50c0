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


def drop_absurd_numbers(numbers: list, text: str) -> tuple[list, list[str]]:
    """Number mentions whose value or bounds leave [0, MAX_COUNT] -> dropped, one warning each."""
    kept, warnings = [], []
    for n in numbers:
        if any(_absurd(getattr(n, f, None)) for f in ("value", "min", "max")):
            warnings.append(f"absurd number refused (above {MAX_COUNT}): {text[n.ns:n.ne][:40]!r}")
        else:
            kept.append(n)
    return kept, warnings


def refuse_absurd_counts(report: dict[str, Any]) -> list[str]:
    """Null any count left out of range in an assembled report (in place); the warnings."""
    warnings: list[str] = []

    def walk(obj: Any, where: str) -> None:
        if isinstance(obj, dict):
            for k, v in list(obj.items()):
                if k in COUNT_FIELDS and _absurd(v):
                    obj[k] = None
                    warnings.append(f"absurd value refused at {where}.{k}: {v}")
                elif isinstance(v, (dict, list)):
                    walk(v, f"{where}.{k}")
        elif isinstance(obj, list):
            for i, v in enumerate(obj):
                walk(v, f"{where}[{i}]")

    walk(report.get("events", []), "events")
    tolls = report.get("tolls")
    if isinstance(tolls, dict):
        for k, v in list(tolls.items()):
            if _absurd(v):
                del tolls[k]
                warnings.append(f"absurd value refused at tolls.{k}: {v}")
    return warnings
