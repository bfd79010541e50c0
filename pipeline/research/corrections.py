"""A researcher's corrections (``OUTDIR/corrections.jsonl``) and their re-application.

One line per correction, appended, never rewritten::

    {"sha256": "<report sha256>", "report_id": "r01", "span": [120, 131], "text": "12 مدنياً",
     "field": "count", "action": "edit", "value": 14,
     "who": "amal", "when": "2026-12-03T10:00:00Z", "why": "the body of the report says 14"}

A correction is keyed by (report sha256, fact span, field); the latest line of a key wins, so a
later line undoes or replaces an earlier one. ``field`` is ``fact`` for ``accept`` / ``reject`` (the
whole fact) or one of :data:`FIELDS` for ``edit``.

:func:`apply` is idempotent: it first restores what an earlier application changed (every corrected
casualty keeps its ``original`` values beside the corrected ones) and then applies the current log.
So a report is the same whether it was just extracted, resumed, or re-extracted by a newer rasd.
A corrected casualty carries ``reviewed: true``, ``review`` (status, who, when, why) and
``original``; a rejected one leaves ``casualties`` for its event's ``rejected`` list, so no count,
toll or export includes it. A correction that finds no fact at its span (the report changed, or a
newer rasd no longer finds that fact) is returned as a problem and written into the report's
``warnings``; it is never dropped from the log.

Entry points: :func:`apply` (one report, called where ``rasd extract`` writes a report),
:func:`sync_outdir` (every report file of an OUTDIR against the log: after ``--resume``, and by
``query``, ``export``, ``view`` through :func:`ensure_applied`), :func:`record` (the review server).
"""
from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import os
import re
import sys
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from pipeline.core.outdir import atomic_write

LOG_NAME = "corrections.jsonl"
STAMP_NAME = ".corrections-applied.json"
FIELDS = ("count", "group", "outcome", "perpetrator", "scope", "date", "place")
ACTIONS = ("accept", "reject", "edit")
OUTCOMES = ("killed", "injured", "detained", "disappeared", "displaced")
GROUPS = ("civilians", "children", "women", "men", "elderly", "fighters", "medical", "media", "civil_defense",
          "detainees", "persons")
ACTOR_IDS = ("syrian_regime", "russia", "isis", "hts", "sdf", "coalition", "opposition", "iran_militias",
             "turkey", "israel", "unknown")
SCOPES = ("incident", "aggregate")
#: SPEC section 3: the age and gender a group implies (other groups imply neither).
GROUP_AGE_GENDER = {"children": ("child", None), "women": ("adult", "female"), "men": ("adult", "male"),
                    "elderly": ("elderly", None)}
WARNING_PREFIX = "correction not applied: "
REVIEW_KEYS = ("reviewed", "review", "original")

_LOCK = threading.Lock()


class CorrectionError(ValueError):
    """A correction that cannot be recorded (bad field, value or action)."""


# --------------------------------------------------------------------------- the log


@dataclass
class Correction:
    sha256: str
    span: tuple[int, int]
    field: str
    action: str
    value: Any = None
    report_id: str | None = None
    text: str | None = None
    who: str | None = None
    when: str | None = None
    why: str | None = None
    line: int = 0

    @property
    def key(self) -> tuple[str, int, int, str]:
        return (self.sha256, self.span[0], self.span[1], self.field)

    def describe(self) -> str:
        what = self.action if self.field == "fact" else f"{self.field}={self.value!r}"
        return f"{what} at {list(self.span)} {self.text!r} (line {self.line}, {self.who or '?'} {self.when or ''})"


@dataclass
class Book:
    """The current corrections of an OUTDIR, by report sha256 (latest line per key)."""

    by_sha: dict[str, list[Correction]] = field(default_factory=dict)
    bad_lines: list[str] = field(default_factory=list)
    digest: str = ""

    def for_report(self, sha256: str | None) -> list[Correction]:
        return self.by_sha.get(sha256 or "", [])

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_sha.values())

    def all(self) -> Iterable[Correction]:
        for cs in self.by_sha.values():
            yield from cs


def parse_line(obj: dict, line: int = 0) -> Correction:
    if not isinstance(obj, dict):
        raise CorrectionError("not a JSON object")
    try:
        span = obj["span"]
        c = Correction(sha256=str(obj["sha256"]), span=(int(span[0]), int(span[1])), field=str(obj["field"]),
                       action=str(obj["action"]), value=obj.get("value"), report_id=obj.get("report_id"),
                       text=obj.get("text"), who=obj.get("who"), when=obj.get("when"), why=obj.get("why"),
                       line=line)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise CorrectionError(f"missing or bad key: {exc}") from None
    if c.action not in ACTIONS:
        raise CorrectionError(f"unknown action {c.action!r} (one of {', '.join(ACTIONS)})")
    if c.action == "edit" and c.field not in FIELDS:
        raise CorrectionError(f"unknown field {c.field!r} (one of {', '.join(FIELDS)})")
    if c.action != "edit" and c.field != "fact":
        raise CorrectionError("accept and reject apply to the whole fact (field 'fact')")
    if c.action == "edit":
        c.value = check_value(c.field, c.value)
    return c


def load(outdir: str | Path) -> Book:
    """The corrections of ``outdir`` (an empty book when it has none)."""
    path = Path(outdir) / LOG_NAME
    book = Book()
    try:
        data = path.read_bytes()
    except OSError:
        return book
    book.digest = hashlib.sha256(data).hexdigest()
    latest: dict[tuple, Correction] = {}
    for i, raw in enumerate(data.decode("utf-8", errors="replace").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            c = parse_line(json.loads(raw), i)
        except (ValueError, CorrectionError) as exc:
            book.bad_lines.append(f"{LOG_NAME} line {i}: {exc}")
            continue
        latest.pop(c.key, None)  # keep the order of the latest lines
        latest[c.key] = c
    for c in latest.values():
        book.by_sha.setdefault(c.sha256, []).append(c)
    return book


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def record(outdir: str | Path, entry: dict) -> Correction:
    """Check one correction and append it to ``OUTDIR/corrections.jsonl`` (who/when filled in)."""
    entry = dict(entry)
    entry.setdefault("when", now())
    entry.setdefault("who", os.environ.get("USER") or None)
    c = parse_line(entry)
    line = {"sha256": c.sha256, "report_id": c.report_id, "span": list(c.span), "text": c.text,
            "field": c.field, "action": c.action, "value": c.value, "who": c.who, "when": c.when, "why": c.why}
    with _LOCK:
        with open(Path(outdir) / LOG_NAME, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
    return c


# --------------------------------------------------------------------------- values


def check_value(fld: str, value: Any) -> Any:
    """The value of an edit in its stored form, or CorrectionError."""
    if fld == "count":
        try:
            n = int(value)
        except (TypeError, ValueError):
            raise CorrectionError(f"count must be a whole number, not {value!r}") from None
        if n < 0 or str(n) != str(value).strip():
            raise CorrectionError(f"count must be a whole number >= 0, not {value!r}")
        return n
    if fld in ("group", "outcome", "scope"):
        vocab = {"group": GROUPS, "outcome": OUTCOMES, "scope": SCOPES}[fld]
        if value not in vocab:
            raise CorrectionError(f"{fld} must be one of {', '.join(vocab)}, not {value!r}")
        return value
    if fld == "perpetrator":
        if value in (None, "", "null"):
            return None
        if value not in ACTOR_IDS:
            raise CorrectionError(f"perpetrator must be one of {', '.join(ACTOR_IDS)} or empty, not {value!r}")
        return value
    if fld == "date":
        if value in (None, ""):
            return None
        date_value(str(value))
        return str(value)
    if fld == "place":
        if value in (None, ""):
            return None
        place_value(str(value))
        return str(value)
    raise CorrectionError(f"unknown field {fld!r}")


def date_value(value: str) -> dict[str, Any]:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` as the parts of a SPEC Date."""
    parts = value.split("-")
    try:
        if len(parts) == 3:
            d = dt.date.fromisoformat(value)
            return {"value": value, "precision": "day", "start": d.isoformat(), "end": d.isoformat()}
        if len(parts) == 2 and len(parts[0]) == 4 and len(parts[1]) == 2:
            y, m = int(parts[0]), int(parts[1])
            first = dt.date(y, m, 1)
            last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1))
            return {"value": value, "precision": "month", "start": first.isoformat(), "end": last.isoformat()}
        if len(parts) == 1 and len(value) == 4:
            y = int(value)
            return {"value": value, "precision": "year", "start": f"{y:04d}-01-01", "end": f"{y:04d}-12-31"}
    except ValueError:
        pass
    raise CorrectionError(f"date must be YYYY-MM-DD, YYYY-MM or YYYY, not {value!r}")


@lru_cache(maxsize=1)
def _gazetteer_rows() -> tuple[dict[str, dict], dict[str, list[str]]]:
    """pcode -> gazetteer row, and folded Arabic / lower-case English name -> pcodes."""
    from pipeline.core.lexicon import load_tsv
    from pipeline.core.normalize import spec_fold

    rows: dict[str, dict] = {}
    names: dict[str, list[str]] = {}
    for name in ("gazetteer.tsv", "places_extra.tsv"):
        try:
            table = load_tsv(name)
        except (OSError, ValueError, KeyError):
            continue
        for r in table:
            if r.get("kind") == "alias" or not r.get("pcode"):
                continue
            rows.setdefault(r["pcode"], r)
            for n in (spec_fold(r.get("name_ar") or ""), (r.get("name_en") or "").strip().lower()):
                if n and r["pcode"] not in names.setdefault(n, []):
                    names[n].append(r["pcode"])
    return rows, names


def place_value(value: str) -> dict[str, Any]:
    """A place named by its pcode or its exact Arabic or English gazetteer name, as SPEC Place fields."""
    from pipeline.core.normalize import spec_fold

    rows, names = _gazetteer_rows()
    pcode = value if value in rows else None
    if pcode is None:
        found = names.get(spec_fold(value)) or names.get(value.strip().lower()) or []
        if len(found) > 1:
            raise CorrectionError(f"place {value!r} is ambiguous; give its pcode: {', '.join(found[:8])}")
        if not found:
            raise CorrectionError(f"place {value!r} is not in the gazetteer (give a pcode or a gazetteer name)")
        pcode = found[0]
    r = rows[pcode]

    def num(s: str | None) -> float | None:
        try:
            return float(s) if s else None
        except ValueError:
            return None

    a1 = rows.get(r.get("admin1_pcode") or "") if r.get("kind") != "governorate" else r
    kind = r.get("kind") or "site"
    kind = {"community": "town", "admin1": "governorate", "admin2": "district", "admin3": "subdistrict"}.get(kind, kind)
    lat, lon = num(r.get("lat")), num(r.get("lon"))
    return {"name_ar": r.get("name_ar"), "name_en": r.get("name_en") or None, "kind": kind, "pcode": pcode,
            "admin1": ({"pcode": a1["pcode"], "name_ar": a1.get("name_ar"), "name_en": a1.get("name_en") or None}
                       if a1 else None),
            "lat": lat, "lon": lon, "geo_precision": 1 if lat is not None else None}


# --------------------------------------------------------------------------- tolls (SPEC section 2)


def casualty_scope(c: dict, ev: dict) -> str | None:
    return c.get("scope") or ev.get("scope")


def counts_in_tolls(c: dict, ev: dict) -> bool:
    """SPEC: incident-scope counts that are neither a breakdown (part_of) nor a restatement (same_as)."""
    return casualty_scope(c, ev) == "incident" and not c.get("part_of") and not c.get("same_as")


def casualty_number(c: dict) -> int:
    """A count, or a vague quantity at its ``min``."""
    n = c.get("count") if c.get("count") is not None else c.get("min")
    return int(n or 0)


def event_tolls(ev: dict) -> dict[str, int]:
    out = dict.fromkeys(OUTCOMES, 0)
    for c in ev.get("casualties") or []:
        if c.get("outcome") in out and counts_in_tolls(c, ev):
            out[c["outcome"]] += casualty_number(c)
    return out


def report_tolls(report: dict) -> dict[str, int]:
    out = dict.fromkeys(OUTCOMES, 0)
    for ev in report.get("events") or []:
        for k, v in event_tolls(ev).items():
            out[k] += v
    return out


# --------------------------------------------------------------------------- applying


def restore(report: dict) -> bool:
    """Undo every earlier application of corrections (in place). True when anything changed."""
    changed = False
    for ev in report.get("events") or []:
        rejected = ev.pop("rejected", None)
        if rejected:
            cs = ev.setdefault("casualties", [])
            for c in sorted(rejected, key=lambda c: (c.get("review") or {}).get("index", len(cs))):
                cs.insert(min((c.get("review") or {}).get("index", len(cs)), len(cs)), c)
            changed = True
        for c in ev.get("casualties") or []:
            if "original" in c or c.get("reviewed"):
                for k, v in (c.get("original") or {}).items():
                    if v == _ABSENT_MARK:
                        c.pop(k, None)
                    else:
                        c[k] = v
                for k in REVIEW_KEYS:
                    c.pop(k, None)
                changed = True
        if "original" in ev:
            for k, v in ev.pop("original").items():
                ev[k] = v
            ev.pop("reviewed", None)
            ev.pop("review", None)
            changed = True
    warnings = report.get("warnings")
    if isinstance(warnings, list) and any(w.startswith(WARNING_PREFIX) for w in warnings):
        report["warnings"] = [w for w in warnings if not w.startswith(WARNING_PREFIX)]
        changed = True
    return changed


_ABSENT_MARK = "\u0000absent"  # an ``original`` value for a key the casualty did not have


def _remember(obj: dict, key: str) -> None:
    orig = obj.setdefault("original", {})
    if key not in orig:
        orig[key] = copy.deepcopy(obj[key]) if key in obj else _ABSENT_MARK


def _set(obj: dict, key: str, value: Any) -> None:
    if obj.get(key) != value or key not in obj:
        _remember(obj, key)
        obj[key] = value


def _edit(c: dict, ev: dict, corr: Correction) -> None:
    fld, value = corr.field, corr.value
    if fld == "count":
        _set(c, "count", value)
        _set(c, "min", value)
        _set(c, "max", value)
        _set(c, "qualifier", "exact")
    elif fld == "group":
        _set(c, "group", value)
        age, gender = GROUP_AGE_GENDER.get(value, (None, None))
        _set(c, "age", age)
        _set(c, "gender", gender)
    elif fld in ("outcome", "perpetrator", "scope"):
        _set(c, fld, value)
    elif fld in ("date", "place"):
        _edit_event(c, ev, corr)
        return
    if isinstance(c.get("why"), dict) and fld in ("perpetrator", "outcome", "scope", "group", "count"):
        why = c["why"]
        if "why" not in (c.get("original") or {}):
            _remember(c, "why")
            c["why"] = why = copy.deepcopy(why)
        why[fld] = {"rule": "reviewed", "span": list(corr.span), "text": c.get("text")}


def _edit_event(c: dict, ev: dict, corr: Correction) -> None:
    """Date and place belong to the fact's event: the event's date, or its first place."""
    orig = ev.setdefault("original", {})
    if corr.field == "date":
        orig.setdefault("date", copy.deepcopy(ev.get("date")))
        if corr.value is None:
            ev["date"] = None
        else:
            base = orig["date"] or {"text": c.get("text"), "span": c.get("span")}
            ev["date"] = {"text": base["text"], **date_value(corr.value), "calendar": "gregorian",
                          "relative": False, "span": base["span"]}
    else:
        orig.setdefault("places", copy.deepcopy(ev.get("places") or []))
        rest = list(orig["places"])
        if corr.value is None:
            ev["places"] = rest[1:]
        else:
            p = place_value(corr.value)
            base = rest[0] if rest else {"text": c.get("text"), "span": c.get("span")}
            ev["places"] = [{"text": base["text"], **p, "span": base["span"], "reviewed": True},
                            *[q for q in rest[1:] if q.get("pcode") != p["pcode"]]]
    ev["reviewed"] = True


def _find(report: dict, span: tuple[int, int]) -> tuple[dict, dict, int] | None:
    for ev in report.get("events") or []:
        for i, c in enumerate(ev.get("casualties") or []):
            sp = c.get("span") or ()
            if len(sp) == 2 and (int(sp[0]), int(sp[1])) == span:
                return c, ev, i
    return None


def _problem_reason(report: dict, corr: Correction) -> str:
    text = report.get("text") or ""
    s, e = corr.span
    if corr.text is not None and text[s:e] != corr.text:
        return "its span no longer holds the same words (the report's text changed)"
    return "no fact at its span (a newer rasd no longer finds it)"


def apply(report: dict, book: Book) -> list[str]:
    """Re-apply the corrections of ``book`` to one report (in place, idempotent).

    Returns the problems: corrections that found no fact at their span, or could not be applied."""
    had = restore(report)
    sha = (report.get("report") or {}).get("sha256")
    corrections = book.for_report(sha)
    problems: list[str] = []
    if not corrections:
        if had:
            _retoll(report)
        return problems
    by_span: dict[tuple[int, int], list[Correction]] = {}
    for corr in corrections:
        by_span.setdefault(corr.span, []).append(corr)
    to_reject: list[tuple[dict, dict, int, Correction]] = []
    for span, group in by_span.items():
        text = report.get("text") or ""
        moved = any(g.text is not None and text[span[0]:span[1]] != g.text for g in group)
        found = None if moved else _find(report, span)
        if found is None:
            reason = _problem_reason(report, group[0])
            problems.extend(f"{corr.describe()}: {reason}" for corr in group)
            continue
        c, ev, idx = found
        fact = next((g for g in group if g.field == "fact"), None)
        edits = [g for g in group if g.field != "fact"]
        for corr in edits:
            try:
                _edit(c, ev, corr)
            except CorrectionError as exc:
                problems.append(f"{corr.describe()}: {exc}")
        latest = max(group, key=lambda g: g.line)
        status = "rejected" if fact is not None and fact.action == "reject" else ("edited" if edits else "accepted")
        c["reviewed"] = True
        c.setdefault("original", {})
        c["review"] = {"status": status, "who": latest.who, "when": latest.when, "why": latest.why,
                       "fields": [g.field for g in edits], "index": idx}
        if status == "rejected":
            to_reject.append((c, ev, idx, fact))
    for c, ev, _idx, _corr in to_reject:
        ev["casualties"] = [x for x in ev["casualties"] if x is not c]
        ev.setdefault("rejected", []).append(c)
    for ev in report.get("events") or []:
        _rescope(ev)
    _retoll(report)
    if problems:
        report.setdefault("warnings", []).extend(WARNING_PREFIX + p for p in problems)
    return problems


def _rescope(ev: dict) -> None:
    """SPEC: the event's scope is that of its counts; after a scope edit, when they all agree."""
    scopes = {c.get("scope") for c in ev.get("casualties") or [] if c.get("scope")}
    if len(scopes) == 1 and any("scope" in (c.get("original") or {}) for c in ev.get("casualties") or []):
        (scope,) = scopes
        if ev.get("scope") != scope:
            ev.setdefault("original", {}).setdefault("scope", ev.get("scope"))
            ev["scope"] = scope
            ev["reviewed"] = True


def _retoll(report: dict) -> None:
    report["tolls"] = report_tolls(report)


# --------------------------------------------------------------------------- an OUTDIR


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _read_stamp(outdir: Path) -> dict:
    try:
        return json.loads((outdir / STAMP_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


@dataclass
class SyncResult:
    applied: int = 0
    changed: list[str] = field(default_factory=list)
    problems: dict[str, list[str]] = field(default_factory=dict)  # report id (or sha256) -> problems

    def summary(self) -> str:
        n = sum(len(v) for v in self.problems.values())
        s = f"{self.applied} corrections applied"
        if n:
            s += f"; {n} NOT applied (see `rasd corrections status`)"
        return s


def sync_outdir(outdir: str | Path, report_ids: Iterable[str] | None = None) -> SyncResult:
    """Bring the report files (and events.jsonl) of ``outdir`` in line with its corrections.

    Looks at the reports the log names, those an earlier sync touched, and ``report_ids``."""
    outdir = Path(outdir)
    book = load(outdir)
    stamp = _read_stamp(outdir)
    rep_dir = outdir / "reports"
    wanted = {c.report_id for c in book.all() if c.report_id} | set(stamp.get("touched", [])) | set(report_ids or [])
    result = SyncResult()
    matched: set[str] = set()
    new_events: dict[str, list[dict]] = {}
    touched: list[str] = []
    for rid in sorted(wanted):
        path = rep_dir / f"{rid}.json"
        try:
            raw = path.read_text(encoding="utf-8")
            report = json.loads(raw)
        except (OSError, ValueError):
            continue
        sha = (report.get("report") or {}).get("sha256")
        before = copy.deepcopy(report)
        problems = apply(report, book)
        cs = book.for_report(sha)
        if cs:
            matched.add(sha)
            touched.append(rid)
            result.applied += len(cs) - len(problems)
        if problems:
            result.problems[rid] = problems
        if report != before:
            atomic_write(path, _dumps(report))
            new_events[rid] = report.get("events") or []
            result.changed.append(rid)
    for sha, cs in book.by_sha.items():
        if sha in matched:
            continue
        rid = next((c.report_id for c in cs if c.report_id), None)
        result.problems.setdefault(rid or sha, []).extend(
            f"{c.describe()}: no report with sha256 {sha[:12]}… in OUTDIR (the report changed or was removed)"
            for c in cs)
    if new_events:
        _rewrite_events(outdir, new_events)
    if book.bad_lines:
        result.problems.setdefault(LOG_NAME, []).extend(book.bad_lines)
    try:
        atomic_write(outdir / STAMP_NAME, json.dumps({"log_sha256": book.digest, "touched": sorted(touched),
                                                       "problems": result.problems}, ensure_ascii=False))
    except OSError:
        pass
    return result


_RID_PREFIX = re.compile(r'\{"report_id": ("(?:[^"\\]|\\.)*")')


def _line_report_id(line: str) -> str | None:
    """The report id of an events.jsonl line; the runner writes it first, so the prefix is enough."""
    m = _RID_PREFIX.match(line)
    try:
        if m is not None:
            return json.loads(m.group(1))
        return json.loads(line)["report_id"] if line.strip() else None
    except (ValueError, KeyError, TypeError):
        return None


def _rewrite_events(outdir: Path, new_events: dict[str, list[dict]]) -> None:
    path = outdir / "events.jsonl"
    if not path.is_file():
        return
    out: list[str] = []
    written: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rid = _line_report_id(line)
            if rid in new_events:
                if rid not in written:
                    out.extend(_dumps({"report_id": rid, **ev}) + "\n" for ev in new_events[rid])
                    written.add(rid)
                continue
            out.append(line if line.endswith("\n") else line + "\n")
    for rid, evs in new_events.items():
        if rid not in written:
            out.extend(_dumps({"report_id": rid, **ev}) + "\n" for ev in evs)
    atomic_write(path, "".join(out))


def ensure_applied(outdir: str | Path, *, quiet: bool = False) -> SyncResult | None:
    """For readers (query, export, view): re-apply the log when it changed since the last sync."""
    outdir = Path(outdir)
    log = outdir / LOG_NAME
    stamp_path = outdir / STAMP_NAME
    if not log.exists() and not stamp_path.exists():
        return None
    try:
        digest = hashlib.sha256(log.read_bytes()).hexdigest() if log.exists() else ""
    except OSError:
        return None
    if _read_stamp(outdir).get("log_sha256", None) == digest:
        return None
    try:
        res = sync_outdir(outdir)
    except OSError as exc:
        if not quiet:
            print(f"rasd: corrections not re-applied ({exc})", file=sys.stderr)
        return None
    if not quiet and (res.changed or res.problems):
        print(f"rasd: corrections re-applied: {res.summary()}", file=sys.stderr)
    return res


_BOOKS: dict[str, tuple[float, Book]] = {}


def apply_on_write(outdir: str | Path, report: dict) -> list[str]:
    """For the place where ``rasd extract`` writes a report: apply OUTDIR's corrections to it."""
    path = Path(outdir) / LOG_NAME
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return []
    key = str(path.resolve())
    cached = _BOOKS.get(key)
    if cached is None or cached[0] != mtime:
        cached = (mtime, load(outdir))
        _BOOKS[key] = cached
    return apply(report, cached[1])


def after_extract(outdir: str | Path) -> SyncResult | None:
    """End of ``rasd extract``: reports kept by ``--resume`` follow the log too; problems are printed."""
    outdir = Path(outdir)
    if not (outdir / LOG_NAME).exists() and not (outdir / STAMP_NAME).exists():
        return None
    res = sync_outdir(outdir)
    print(f"rasd extract: {res.summary()}", file=sys.stderr)
    for rid, problems in res.problems.items():
        for p in problems:
            print(f"rasd extract: {rid}: correction not applied: {p}", file=sys.stderr)
    return res
