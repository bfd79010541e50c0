"""The batch: inputs in, ``reports/``, ``events.jsonl`` and ``manifest.json`` out.

One input never stops the batch: every failure becomes a record (source,
stage, reason) in the manifest and the other results are all written. Every
file is written under a temporary name and renamed into place.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from . import __version__, corrections, ingest
from .extract import build_report
from .settings import SCHEMA_VERSION


@dataclass
class InputResult:
    source: str
    sha256: str | None
    reports: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0


def file_sha256(path: str) -> str | None:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


FILE_DATES = ("pdf-created", "docx-created")


def _error(source: str, stage: str, reason: str) -> dict[str, str]:
    return {"source": source, "stage": stage, "reason": reason}


def _as_error(source: str, exc: BaseException, stage: str) -> dict[str, str]:
    if isinstance(exc, ingest.IngestError):
        return _error(getattr(exc, "source", None) or source, getattr(exc, "stage", None) or stage,
                      getattr(exc, "reason", None) or str(exc))
    return _error(source, stage, f"{type(exc).__name__}: {exc}")


def process_input(path: str, base_id: str | None, max_bytes: int, published: str | None,
                  sha256: str | None = None) -> InputResult:
    """Read one input (one or many reports) and extract each; never raises."""
    t0 = time.perf_counter()
    res = InputResult(source=path, sha256=sha256)
    try:
        for item in ingest.read_input(path, max_bytes):
            if isinstance(item, BaseException):
                res.errors.append(_as_error(path, item, "read"))
                continue
            rid = item.id if (base_id is None or item.format in ("json", "jsonl")) else base_id
            try:
                meta = {k: v for k, v in (("encoding", item.encoding), ("format", item.format)) if v}
                # A file's creation date (PDF/DOCX metadata) is only a guess at publication:
                # an explicit --published wins over it; a page's or a record's own date does not.
                own = item.published if (item.published_source not in FILE_DATES or not published) else None
                report = build_report(item.text, report_id=rid, source=item.source, sha256=item.sha256,
                                      title=item.title, published=own or published, meta=meta)
            except Exception as exc:  # one report's failure is a record, not a crash
                res.errors.append(_as_error(item.source, exc, "extract"))
            else:
                res.reports.append(report)
    except Exception as exc:
        res.errors.append(_as_error(path, exc, "read"))
    res.seconds = round(time.perf_counter() - t0, 4)
    return res


def _process_star(args: tuple) -> InputResult:
    return process_input(*args)


def base_ids(paths: list[str]) -> dict[str, str]:
    """Stable ids for file inputs: the safe stem, suffixed when two inputs share it."""
    stems = {p: ingest.safe_id(Path(p).stem) for p in paths if p != "-"}
    counts = Counter(stems.values())
    out = {}
    for p, stem in stems.items():
        out[p] = stem if counts[stem] == 1 else f"{stem}-{hashlib.sha1(p.encode()).hexdigest()[:8]}"
    return out


def atomic_write(path: Path, data: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _rename_report(report: dict[str, Any], new_id: str) -> None:
    report["report"]["id"] = new_id
    for i, ev in enumerate(report["events"], 1):
        ev["id"] = f"{new_id}#e{i}"


class _Previous:
    """Inputs already done in an OUTDIR, found by (source, sha256), else by sha256 alone
    (a file that moved); each earlier record is claimed once."""

    def __init__(self, records: list[dict]):
        self._records = records
        self._claimed: set[int] = set()

    def claim(self, source: str, sha: str) -> dict | None:
        candidates = [i for i, r in enumerate(self._records) if r["sha256"] == sha and i not in self._claimed]
        exact = [i for i in candidates if self._records[i].get("source") == source]
        for i in exact or candidates[:1]:
            self._claimed.add(i)
            return self._records[i]
        return None


def _load_previous(outdir: Path) -> tuple[_Previous, dict[str, list[str]]]:
    """Inputs already done in OUTDIR and the events lines of each report id."""
    done: list[dict] = []
    try:
        manifest = json.loads((outdir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return _Previous([]), {}
    for rec in manifest.get("inputs", []):
        if rec.get("status") == "ok" and rec.get("sha256") and all(
            (outdir / "reports" / f"{rid}.json").exists() for rid in rec.get("reports", [])
        ):
            done.append(rec)
    lines: dict[str, list[str]] = {}
    try:
        with open(outdir / "events.jsonl", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    try:
                        rid = json.loads(line)["report_id"]
                    except (ValueError, KeyError, TypeError):
                        continue
                    lines.setdefault(rid, []).append(line if line.endswith("\n") else line + "\n")
    except OSError:
        pass
    return _Previous(done), lines


def _results(tasks: list[tuple], jobs: int, engine: str, scheduler: str | None) -> Iterator[InputResult]:
    if engine == "dask":
        from dask.distributed import Client, LocalCluster

        cluster = None
        if scheduler:
            client = Client(scheduler)
        else:
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
        try:
            futures = client.map(_process_star, tasks, pure=False)
            for fut in futures:
                yield fut.result()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
        return
    if jobs <= 1 or len(tasks) <= 1:
        for t in tasks:
            yield _process_star(t)
        return
    # Warm the process (lexicons, automata, regexes) once, so forked workers inherit it.
    build_report("قتل مدني في حلب يوم 1 آذار 2020", report_id="warm", source="-", sha256="-")
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_process_star, tasks, chunksize=1)


def run_extract(paths: Iterable[str], outdir: str, *, jobs: int | None = None, resume: bool = False,
                published: str | None = None, max_bytes: int, engine: str = "local",
                scheduler: str | None = None, progress: bool | None = None) -> int:
    """Extract every input into OUTDIR. Returns the exit code (0 ok, 1 some inputs failed)."""
    t0 = time.perf_counter()
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    inputs = ingest.expand_inputs(list(paths))
    out = Path(outdir)
    (out / "reports").mkdir(parents=True, exist_ok=True)
    jobs = jobs or os.cpu_count() or 1

    previous, previous_lines = _load_previous(out) if resume else (_Previous([]), {})
    ids = base_ids(inputs)
    records: list[dict[str, Any]] = []
    errors: list[dict[str, str]] = []
    used_ids: set[str] = set()
    tasks: list[tuple] = []
    kept_events: list[str] = []
    for p in inputs:
        sha = file_sha256(p) if p != "-" else None
        prev = previous.claim(p, sha) if (resume and sha) else None
        if prev is not None:
            rec = dict(prev, source=p, skipped=True)
            records.append(rec)
            used_ids.update(rec.get("reports", []))
            for rid in rec.get("reports", []):
                kept_events.extend(previous_lines.get(rid, []))
            continue
        tasks.append((p, ids.get(p), max_bytes, published, sha))

    counts = Counter()
    events_path = out / "events.jsonl"
    fd, events_tmp = tempfile.mkstemp(prefix=".events.jsonl.", suffix=".tmp", dir=out)
    show = sys.stderr.isatty() if progress is None else progress
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as ev_fh:
            ev_fh.writelines(kept_events)
            counts["events"] += len(kept_events)
            bar = None
            if show:
                from tqdm import tqdm

                bar = tqdm(total=len(tasks), unit="file", desc="rasd extract", file=sys.stderr)
            for res in _results(tasks, jobs, engine, scheduler):
                written = []
                for report in res.reports:
                    rid = report["report"]["id"]
                    if rid in used_ids:
                        new = f"{rid}-{report['report']['sha256'][:8]}"
                        n = 2
                        while new in used_ids:
                            new = f"{rid}-{report['report']['sha256'][:8]}-{n}"
                            n += 1
                        _rename_report(report, new)
                        rid = new
                    used_ids.add(rid)
                    corrections.apply_on_write(out, report)
                    atomic_write(out / "reports" / f"{rid}.json", dumps(report))
                    for ev in report["events"]:
                        ev_fh.write(dumps({"report_id": rid, **ev}) + "\n")
                    counts["events"] += len(report["events"])
                    written.append(rid)
                errors.extend(res.errors)
                counts["reports"] += len(written)
                counts["failed"] += len(res.errors)
                records.append({"source": res.source, "sha256": res.sha256,
                                "status": "ok" if not res.errors else ("partial" if written else "failed"),
                                "reports": written, "errors": res.errors, "seconds": res.seconds})
                if bar is not None:
                    bar.update(1)
            if bar is not None:
                bar.close()
        os.replace(events_tmp, events_path)
    except BaseException:
        Path(events_tmp).unlink(missing_ok=True)
        raise
    corrections.after_extract(out)

    counts["reports"] += sum(len(r.get("reports", [])) for r in records if r.get("skipped"))
    manifest = {
        "tool": "rasd", "tool_version": __version__, "schema_version": SCHEMA_VERSION,
        "started": started, "seconds": round(time.perf_counter() - t0, 3),
        "options": {"jobs": jobs, "resume": resume, "published": published, "max_bytes": max_bytes,
                    "engine": engine},
        "counts": {"inputs": len(inputs), "processed": len(tasks), "skipped": len(inputs) - len(tasks),
                   "reports": counts["reports"], "events": counts["events"], "failed": counts["failed"]},
        "inputs": records,
        "errors": errors,
    }
    atomic_write(out / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    return 1 if errors else 0


def extract_to_stdout(path: str, *, published: str | None, max_bytes: int) -> int:
    """``-o -``: print the one input's report JSON to stdout."""
    inputs = ingest.expand_inputs([path])
    if len(inputs) != 1:
        print(f"rasd: -o - needs exactly one input, got {len(inputs)}", file=sys.stderr)
        return 2
    p = inputs[0]
    res = process_input(p, base_ids(inputs).get(p), max_bytes, published)
    for report in res.reports:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    for err in res.errors:
        print(f"rasd: {err['source']}: {err['stage']}: {err['reason']}", file=sys.stderr)
    return 1 if res.errors else 0
