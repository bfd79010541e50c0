"""Per-input metadata: publication dates in any format, and ``rasd extract --metadata FILE``.

Dates *in metadata* (an HTML ``<meta>`` or JSON-LD date, an RSS-style
``Tue, 02 Apr 2019 10:00:00 +0300``, ``2 أبريل 2019``, ``منذ يومين`` in a
scraped byline, the ``published`` field of a JSONL record or of the metadata
file) are parsed by dateparser (languages Arabic with the Levantine months, and
English), imported on first use so that a batch with ISO dates never pays for it.
Dates *inside the report text* keep rasd's own grammar (:mod:`pipeline.stages.dates`),
which gives spans and precision.

Rules of :func:`parse_published`, in order:

1. ``iso``: a string starting ``YYYY-MM-DD`` (ISO 8601, with or without a time
   and an offset) is that day as written (no time-zone shift).
2. ``dateparser``: anything else, Arabic-Indic digits made ASCII and a month
   pair ``نيسان/أبريل`` reduced to its first name; day-month-year order for
   numeric dates.
3. ``from_first_digit``: a byline label before the date (``نشر في 3 مايو 2019``)
   is skipped by parsing again from the first digit.
4. A date that depends on when it was read (``منذ يومين``, ``أمس``, a day and
   month with no year) is resolved only against ``retrieved`` (the time the page
   was fetched, a metadata column); without it the value is refused with a reason.
5. A month or a year alone (``April 2019``) is refused: a publication date anchors
   relative days, so it must be a day.

The metadata file (CSV with a header, or JSONL) maps an input to ``published``,
``title``, ``publisher``, ``url`` (and optionally ``retrieved``), keyed by
``path`` (as given on the command line, absolute, or relative to the metadata
file's folder) or by ``id`` (the report id: a file's stem, a JSONL record's ``id``).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["parse_published", "Published", "MetadataError", "load_metadata", "Metadata", "FIELDS"]

#: The fields a metadata row may give (SPEC section 2: carried into ``report``).
FIELDS = ("published", "title", "publisher", "url")
KEYS = ("path", "id")

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")
_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# a month written twice (Levantine/Egyptian pair): keep the first name
_MONTH_PAIR = re.compile(r"([\u0621-\u064a]+)\s*[/\\(]\s*[\u0621-\u064a]+\s*\)?")
_FIRST_DIGIT = re.compile(r"\d")
#: two reference times far apart: a value that changes with the reference is relative
_PROBES = (dt.datetime(2001, 3, 7, 12), dt.datetime(2013, 11, 23, 12))


@dataclass(frozen=True)
class Published:
    value: str | None           # YYYY-MM-DD, or None when refused
    rule: str                    # iso | dateparser | from_first_digit | refused
    relative: bool = False
    reason: str | None = None    # why a value was refused


@lru_cache(maxsize=16)
def _parser(base: dt.datetime | None = None):
    from dateparser.date import DateDataParser  # lazy: ~0.4 s to import

    settings = {"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(locales=["ar-SY", "en"], settings=settings, try_previous_locales=False)


def _parse_at(s: str, base: dt.datetime) -> tuple[dt.date | None, str | None]:
    data = _parser(base).get_date_data(s)
    return (data.date_obj.date() if data.date_obj else None), data.period


def _dateparser(s: str, retrieved: dt.datetime | None) -> Published | None:
    a, period = _parse_at(s, _PROBES[0])
    if a is None:
        return None
    b, _ = _parse_at(s, _PROBES[1])
    relative = a != b
    if period != "day":
        return Published(None, "refused", reason=f"not a day but a {period}: {s[:40]!r}")
    if not relative:
        return Published(a.isoformat(), "dateparser")
    if retrieved is None:
        return Published(None, "refused", relative=True,
                         reason=f"relative date with no retrieval date to resolve it: {s[:40]!r}")
    value, period = _parse_at(s, retrieved)
    if value is None or period != "day":
        return Published(None, "refused", relative=True, reason=f"not a day: {s[:40]!r}")
    return Published(value.isoformat(), "dateparser", relative=True)


def parse_published(value: Any, retrieved: str | dt.date | None = None) -> Published:
    """A publication date from a metadata value (see the module docstring for the rules)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return Published(None, "refused", reason="empty")
    if isinstance(value, dt.datetime):
        return Published(value.date().isoformat(), "iso")
    if isinstance(value, dt.date):
        return Published(value.isoformat(), "iso")
    s = " ".join(str(value).split()).translate(_INDIC)
    m = _ISO.match(s)
    if m:
        try:
            return Published(dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat(), "iso")
        except ValueError:
            return Published(None, "refused", reason=f"not a calendar day: {s[:40]!r}")
    base = None
    if retrieved:
        r = parse_published(retrieved)
        base = dt.datetime.fromisoformat(r.value) + dt.timedelta(hours=12) if r.value else None
    s = _MONTH_PAIR.sub(r"\1", s)
    got = _dateparser(s, base)
    if got is None:
        d = _FIRST_DIGIT.search(s)
        if d and d.start() > 0:
            got = _dateparser(s[d.start():], base)
            if got is not None and got.value:
                got = Published(got.value, "from_first_digit", got.relative)
    return got or Published(None, "refused", reason=f"not a date: {s[:40]!r}")


# --------------------------------------------------------------------------- the metadata file


class MetadataError(Exception):
    """The metadata file cannot be used (exit code 2, before any input is read)."""


@dataclass
class Metadata:
    """Rows of a metadata file, looked up by an input's path or a report's id."""
    by_path: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_id: dict[str, dict[str, Any]] = field(default_factory=dict)
    folder: Path = Path(".")

    def for_path(self, path: str) -> dict[str, Any] | None:
        if not self.by_path:
            return None
        for cand in (path, os.path.normpath(path), os.path.abspath(path)):
            if cand in self.by_path:
                return self.by_path[cand]
        return None

    def for_id(self, rid: str | None) -> dict[str, Any] | None:
        return self.by_id.get(rid) if rid else None

    def __len__(self) -> int:
        return len(self.by_path) + len(self.by_id)


def _clean(v: Any) -> str | None:
    if v is None:
        return None
    s = " ".join(str(v).split())
    return s or None


def _rows(path: Path, data: str) -> list[dict[str, Any]]:
    head = data.lstrip()[:1]
    if path.suffix.lower() in (".jsonl", ".json") or head in ("{", "["):
        if head == "[":
            try:
                rows = json.loads(data)
            except ValueError as exc:
                raise MetadataError(f"{path}: not JSON ({exc})") from None
            if not isinstance(rows, list):
                raise MetadataError(f"{path}: a JSON metadata file must hold a list of objects")
        else:
            rows = []
            for n, line in enumerate(data.splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    rows.append(json.loads(line))
                except ValueError as exc:
                    raise MetadataError(f"{path}: line {n}: not JSON ({exc.msg})") from None
        for n, row in enumerate(rows, 1):
            if not isinstance(row, dict):
                raise MetadataError(f"{path}: row {n} is not an object")
        return rows
    try:
        dialect = csv.Sniffer().sniff(data[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.DictReader(io.StringIO(data), dialect=dialect))


def load_metadata(path: str | Path) -> Metadata:
    """Read a metadata file (CSV with a header, JSONL, or a JSON list); raises :class:`MetadataError`."""
    path = Path(path)
    try:
        data = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise MetadataError(f"cannot read metadata file {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise MetadataError(f"{path}: not UTF-8") from None
    rows = _rows(path, data)
    if rows:
        keys = {str(k).strip().lower() for k in rows[0] if k is not None}
        if not keys & set(KEYS):
            raise MetadataError(f"{path}: needs a 'path' or an 'id' column (has: {', '.join(sorted(keys))})")
    meta = Metadata(folder=path.resolve().parent)
    for row in rows:
        row = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
        rec = {k: _clean(row.get(k)) for k in (*FIELDS, "retrieved")}
        rec = {k: v for k, v in rec.items() if v is not None}
        p, rid = _clean(row.get("path")), _clean(row.get("id"))
        if p:
            meta.by_path[p] = rec
            meta.by_path[os.path.normpath(p)] = rec
            if not os.path.isabs(p):
                meta.by_path[str(meta.folder / p)] = rec  # relative to the metadata file
                meta.by_path[os.path.normpath(os.path.abspath(p))] = rec  # relative to where rasd runs
            else:
                meta.by_path[os.path.normpath(p)] = rec
        if rid:
            meta.by_id[rid] = rec
    return meta


def resolve(rec: dict[str, Any] | None) -> tuple[dict[str, str], list[str]]:
    """A metadata row -> the report fields it gives (``published`` as YYYY-MM-DD) and warnings."""
    if not rec:
        return {}, []
    out: dict[str, str] = {k: rec[k] for k in ("title", "publisher", "url") if rec.get(k)}
    warnings = []
    if rec.get("published"):
        got = parse_published(rec["published"], rec.get("retrieved"))
        if got.value:
            out["published"] = got.value
        else:
            warnings.append(f"metadata 'published' not used: {got.reason}")
    return out, warnings
