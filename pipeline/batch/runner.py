"""The batch: inputs in, ``reports/``, ``events.jsonl`` and ``manifest.json`` out.

One input never stops the batch: every failure becomes a record (source,
stage, reason) in the manifest and the other results are all written. Every
file is written under a temporary name and renamed into place.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import orjson

from pipeline import __version__, ingest
from pipeline.research import corrections
from pipeline.core import outdir as outdir_mod
from pipeline.stages.extract import build_report
from pipeline.core.outdir import atomic_write
from pipeline.core.settings import INPUT_TIMEOUT_DEFAULT, SCHEMA_VERSION, SUMMARY_MAX_LINES, WORKER_MEMORY_MB_DEFAULT


@dataclass
class InputResult:
    source: str
    sha256: str | None
    reports: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0


FILE_DATES = ("pdf-created", "docx-created")


def _error(source: str, stage: str, reason: str) -> dict[str, str]:
    return {"source": source, "stage": stage, "reason": reason}


def _as_error(source: str, exc: BaseException, stage: str) -> dict[str, str]:
    if isinstance(exc, MemoryError):
        return _error(source, stage, "out of memory (the worker's memory limit, --worker-memory)")
    if isinstance(exc, ingest.IngestError):
        return _error(getattr(exc, "source", None) or source, getattr(exc, "stage", None) or stage,
                      getattr(exc, "reason", None) or str(exc))
    return _error(source, stage, f"{type(exc).__name__}: {exc}")


OWN_METADATA = ("html", "json", "jsonl")  # inputs that carry their own title/date/publisher


def _with_metadata(item: ingest.RawDoc, rid: str, published: str | None,
                   metadata: dict[str, Any] | None) -> tuple[dict[str, Any], list[str]]:
    """The report fields of one item: its own metadata (HTML, JSON) first, then the metadata file's row,
    then ``--published``, then a file's creation date (PDF/DOCX: only a guess at publication)."""
    from pipeline.ingest.metadata import resolve

    rec = None
    if metadata:
        rec = (metadata.get("ids") or {}).get(rid) or metadata.get("path")
    given, warnings = resolve(rec)
    own = item.format in OWN_METADATA
    file_date = item.published if item.published_source in FILE_DATES else None
    own_date = item.published if item.published_source not in FILE_DATES else None
    fields = {
        "title": (item.title if own and item.title else None) or given.get("title") or item.title,
        "published": own_date or given.get("published") or published or file_date,
        "publisher": item.publisher or given.get("publisher"),
        "url": item.url or given.get("url"),
    }
    return fields, warnings


def process_input(path: str, base_id: str | None, max_bytes: int, published: str | None,
                  sha256: str | None = None, metadata: dict[str, Any] | None = None) -> InputResult:
    """Read one input (one or many reports) and extract each; never raises.

    ``metadata``: this input's rows of the ``--metadata`` file (``path``: the row for the file,
    ``ids``: rows keyed by report id, for a JSON/JSONL input's records)."""
    t0 = time.perf_counter()
    res = InputResult(source=path, sha256=sha256)
    try:
        for item in ingest.read_input(path, max_bytes):
            if isinstance(item, BaseException):
                res.errors.append(_as_error(path, item, "read"))
                continue
            rid = item.id if (base_id is None or item.format in ("json", "jsonl")) else base_id
            try:
                fields, warnings = _with_metadata(item, rid, published, metadata)
                meta = {k: v for k, v in (("encoding", item.encoding), ("format", item.format),
                                          ("publisher", fields["publisher"]), ("url", fields["url"])) if v}
                report = build_report(item.text, report_id=rid, source=item.source, sha256=item.sha256,
                                      title=fields["title"], published=fields["published"], meta=meta,
                                      warnings=warnings)
            except Exception as exc:  # one report's failure is a record, not a crash
                res.errors.append(_as_error(item.source, exc, "extract"))
            else:
                res.reports.append(report)
    except Exception as exc:
        res.errors.append(_as_error(path, exc, "read"))
    res.seconds = round(time.perf_counter() - t0, 4)
    return res


def base_ids(paths: list[str]) -> dict[str, str]:
    """Stable ids for file inputs: the safe stem, suffixed when two inputs share it."""
    stems = {p: ingest.safe_id(Path(p).stem) for p in paths if p != "-"}
    counts = Counter(stems.values())
    out = {}
    for p, stem in stems.items():
        out[p] = stem if counts[stem] == 1 else f"{stem}-{hashlib.sha1(p.encode()).hexdigest()[:8]}"
    return out


def dumps(obj: Any) -> str:
    """Compact JSON (orjson); what orjson refuses (an integer past 64 bits) goes through ``json``."""
    try:
        return orjson.dumps(obj).decode("utf-8")
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(obj, ensure_ascii=False)


def _rename_report(report: dict[str, Any], new_id: str) -> None:
    report["report"]["id"] = new_id
    for i, ev in enumerate(report["events"], 1):
        ev["id"] = f"{new_id}#e{i}"


def _key(source: str, sha: str | None) -> str:
    """Who owns a record: the input's absolute path (stdin: its content)."""
    if source in ("-", "stdin"):
        return f"stdin:{sha}"
    return os.path.normpath(os.path.abspath(source))


def shown(path: str) -> str:
    """A path as written into JSON: bytes that are not UTF-8 (a file name from another system)
    become ``\\xff`` escapes instead of lone surrogates that no UTF-8 file can hold."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _lost_result(path: str, sha: str | None, reason: str) -> InputResult:
    return InputResult(source=path, sha256=sha, errors=[_error(path, "worker", reason)])


def _results(tasks: list[tuple], jobs: int, engine: str, scheduler: str | None, *, timeout: float,
             memory_mb: int, close_fds: tuple[int, ...]) -> Iterator[InputResult]:
    """Results in task order."""
    if engine == "dask":
        from pipeline.batch.dask_pool import run_on_dask
        from pipeline.batch.workers import Lost

        if not tasks:
            return
        for i, res in run_on_dask(tasks, process_input, jobs=jobs, scheduler=scheduler, timeout=timeout,
                                  memory_mb=memory_mb):
            yield _lost_result(tasks[i][0], tasks[i][4], res.reason) if isinstance(res, Lost) else res
        return
    if not tasks:
        return
    from pipeline.batch.workers import BudgetPool, Lost

    # Warm the process once, so forked workers inherit it instead of loading it under their memory limit.
    warm_up()
    pool = BudgetPool(jobs, process_input, timeout=timeout, memory_mb=memory_mb, close_fds=close_fds)
    for i, res in pool.run(tasks, sizes=[_input_size(t[0]) for t in tasks]):
        yield _lost_result(tasks[i][0], tasks[i][4], res.reason) if isinstance(res, Lost) else res


def _input_size(path: str) -> int:
    """Bytes of an input, for sending small ones to a worker together (unknown: as if large)."""
    try:
        return os.stat(path).st_size if path != "-" else 1 << 40
    except OSError:
        return 1 << 40


def warm_up() -> None:
    """Load the lexicons, automata, regexes and the readers' libraries (before any input's clock starts)."""
    for mod in ("selectolax.lexbor", "pypdfium2", "docx", "charset_normalizer"):
        try:
            __import__(mod)
        except ImportError:
            pass
    build_report("قتل مدني في حلب يوم 1 آذار 2020", report_id="warm", source="-", sha256="-")


def bounded_sha256(path: str, max_bytes: int) -> str | None:
    """sha256 of a regular file of at most ``max_bytes`` (never reads more), else None."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode) or st.st_size > max_bytes:
        return None
    h = hashlib.sha256()
    left = max_bytes + 1
    try:
        with open(path, "rb") as fh:
            while left > 0:
                block = fh.read(min(1 << 20, left))
                if not block:
                    break
                h.update(block)
                left -= len(block)
    except OSError:
        return None
    return h.hexdigest() if left > 0 else None


class _State:
    """The OUTDIR's inputs: one record per input (its latest run), in the order first met."""

    def __init__(self, outdir: Path):
        self.outdir = outdir
        manifest = outdir_mod.read_manifest(outdir)
        self.runs: list[dict] = [r for r in manifest.get("runs", []) if isinstance(r, dict)]
        if not self.runs and manifest.get("started"):  # a manifest from before run history
            self.runs.append({"started": manifest.get("started"), "status": "complete",
                              "options": manifest.get("options"), "counts": manifest.get("counts")})
        self.records: dict[str, dict] = {}
        self.from_journal: set[str] = set()
        self._by_sha: dict[str, list[str]] | None = None
        for rec in manifest.get("inputs", []):
            if isinstance(rec, dict) and isinstance(rec.get("source"), str):
                rec = {k: v for k, v in rec.items() if k != "skipped"}
                self.records[_key(rec["source"], rec.get("sha256"))] = rec
        journal, journal_runs = outdir_mod.read_journal(outdir)
        for run in journal_runs:  # a run that was killed: its history line says so
            if not any(r.get("started") == run.get("started") for r in self.runs):
                self.runs.append(dict(run, status="killed"))
        for rec in journal:
            k = _key(rec["source"], rec.get("sha256"))
            self.records.pop(k, None)
            self.records[k] = rec
            self.from_journal.add(k)

    def owner_of(self) -> dict[str, str]:
        own = {}
        for k, rec in self.records.items():
            for rid in rec.get("reports", []):
                own[rid] = k
        return own

    def done(self, key: str, sha: str | None) -> dict | None:
        rec = self.records.get(key)
        if rec is None or not sha or rec.get("sha256") != sha or rec.get("status") != "ok":
            return None
        if all((self.outdir / "reports" / f"{rid}.json").exists() for rid in rec.get("reports", [])):
            return rec
        return None

    def done_elsewhere(self, sha: str | None, taken: set[str]) -> dict | None:
        """The same bytes done under another path (a file that moved)."""
        if not sha:
            return None
        if self._by_sha is None:
            self._by_sha = {}
            for k, rec in self.records.items():
                if rec.get("status") == "ok" and rec.get("sha256"):
                    self._by_sha.setdefault(rec["sha256"], []).append(k)
        for k in self._by_sha.get(sha, []):
            rec = self.records.get(k)
            if k not in taken and rec is not None and all(
                    (self.outdir / "reports" / f"{rid}.json").exists() for rid in rec.get("reports", [])):
                return rec
        return None


def run_extract(paths: Iterable[str], outdir: str, *, jobs: int | None = None, resume: bool = False,
                published: str | None = None, max_bytes: int, engine: str = "local",
                scheduler: str | None = None, progress: bool | None = None, metadata=None,
                input_timeout: float = INPUT_TIMEOUT_DEFAULT, worker_memory: int = WORKER_MEMORY_MB_DEFAULT,
                follow_symlinks: bool = False) -> int:
    """Extract every input into OUTDIR. Returns the exit code (0 ok, 1 some inputs failed or were
    skipped with a reason, 2 nothing done: a missing path or an OUTDIR another run holds)."""
    t0 = time.perf_counter()
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    listed, missing = ingest.list_inputs(list(paths), follow_symlinks=follow_symlinks)
    if missing:
        for p in missing:
            print(f"rasd extract: no such file or directory: {p}", file=sys.stderr)
        return 2
    out = Path(outdir)
    (out / "reports").mkdir(parents=True, exist_ok=True)
    jobs = jobs or os.cpu_count() or 1
    lock = outdir_mod.Lock(out)
    try:
        lock.acquire()
    except outdir_mod.OutDirBusy as exc:
        print(f"rasd extract: {out}: {exc}", file=sys.stderr)
        return 2
    try:
        return _run_locked(listed, out, lock, jobs=jobs, resume=resume, published=published,
                           max_bytes=max_bytes, engine=engine, scheduler=scheduler, progress=progress,
                           input_timeout=input_timeout, worker_memory=worker_memory,
                           follow_symlinks=follow_symlinks, t0=t0, started=started, metadata=metadata)
    finally:
        lock.release()


def _run_locked(listed: list[tuple[str, str | None]], out: Path, lock, *, jobs: int, resume: bool,
                published: str | None, max_bytes: int, engine: str, scheduler: str | None,
                progress: bool | None, input_timeout: float, worker_memory: int, follow_symlinks: bool,
                t0: float, started: str, metadata=None) -> int:
    if lock.took_over:
        print(f"rasd extract: {out}: taking over from a run that is gone (pid {lock.took_over})", file=sys.stderr)
    removed = outdir_mod.remove_temporaries(out)
    state = _State(out)
    options = {"jobs": jobs, "resume": resume, "published": published, "max_bytes": max_bytes,
               "engine": engine, "input_timeout": input_timeout, "worker_memory_mb": worker_memory,
               "follow_symlinks": follow_symlinks, "metadata": len(metadata) if metadata else None}
    run_info = {"started": started, "options": options}
    inputs = [p for p, _ in listed]
    ids = base_ids(inputs)

    # What this run does: every input given, except (with --resume) those already done.
    this_run: dict[str, dict] = {}     # key -> record of this run, in input order
    order: list[str] = []
    tasks: list[tuple] = []
    task_keys: list[str] = []
    kept = skipped = 0
    seen: set[str] = set()
    for p, why in listed:
        sha = bounded_sha256(p, max_bytes) if (p != "-" and why is None) else None
        key = _key(p, sha) if p != "-" else f"stdin:{len(order)}"
        order.append(key)
        seen.add(key)
        if why is not None:
            this_run[key] = {"source": shown(p), "sha256": None, "status": "skipped", "reports": [],
                             "errors": [_error(shown(p), "scan", why)], "seconds": 0.0}
            skipped += 1
            continue
        prev = state.done(key, sha) if resume else None
        if prev is None and resume and key not in state.records:
            prev = state.done_elsewhere(sha, seen)
            if prev is not None:  # the file moved: its record moves with it
                state.records.pop(_key(prev["source"], prev.get("sha256")), None)
        if prev is not None:
            this_run[key] = dict(prev, source=shown(p))
            kept += 1
            continue
        tasks.append((p, ids.get(p), max_bytes, published, sha, input_metadata(metadata, p, ids.get(p))))
        task_keys.append(key)

    # Report ids owned by inputs this run does not redo stay theirs; a redone input may reuse its own.
    owner = state.owner_of()
    redo = set(task_keys)
    used_ids = {rid for rid, k in owner.items() if k not in redo}
    for k in this_run:
        used_ids.update(this_run[k].get("reports", []))

    journal = outdir_mod.Journal(out)
    journal.append({"run": run_info})
    spool = outdir_mod.Spool(out)  # this run's events lines, so the end need not read reports back
    for k, rec in this_run.items():  # moved files and skipped inputs are settled already
        if rec.get("status") == "skipped" or k not in state.records:
            journal.append(rec)
    show = sys.stderr.isatty() if progress is None else progress
    bar = None
    status = "complete"
    counts = Counter()
    done_keys: list[str] = []
    try:
        if show and tasks:
            from tqdm import tqdm

            bar = tqdm(total=len(tasks), unit="file", desc="rasd extract", file=sys.stderr)
        for key, res in zip(task_keys, _results(tasks, jobs, engine, scheduler, timeout=input_timeout,
                                                 memory_mb=worker_memory, close_fds=(lock.fd,))):
            written = []
            for e in res.errors:
                e["source"] = shown(e["source"])
            for report in res.reports:
                report["report"]["source"] = shown(report["report"]["source"])
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
                spool.add(rid, [dumps({"report_id": rid, **ev}) + "\n" for ev in report["events"]])
                written.append(rid)
            rec = {"source": shown(res.source), "sha256": res.sha256,
                   "status": "ok" if not res.errors else ("partial" if written else "failed"),
                   "reports": written, "events": sum(len(r["events"]) for r in res.reports),
                   "errors": res.errors, "seconds": res.seconds}
            journal.append(rec)
            this_run[key] = rec
            done_keys.append(key)
            counts["processed"] += 1
            if res.errors:
                counts["failed"] += 1
            if bar is not None:
                bar.update(1)
    except KeyboardInterrupt:
        status = "interrupted"
    finally:
        if bar is not None:
            bar.close()
    run_info.update(status=status, seconds=round(time.perf_counter() - t0, 3),
                    counts={"inputs": len(listed), "processed": counts["processed"], "already_done": kept,
                            "skipped": skipped, "failed": counts["failed"]})
    if removed:
        run_info["removed_temporaries"] = removed
    try:
        totals = _finalize(out, state, this_run, order, run_info, processed=set(done_keys), spool=spool)
    finally:
        spool.close()
    journal.close(remove=True)
    corrections.after_extract(out)
    _summary(out, listed, this_run, order, run_info, totals)
    if status == "interrupted":
        raise KeyboardInterrupt
    bad = [k for k in order if k in this_run and this_run[k].get("errors")]
    return 1 if bad else 0


def _finalize(out: Path, state: _State, this_run: dict[str, dict], order: list[str],
              run_info: dict, processed: set[str], spool: "outdir_mod.Spool") -> dict[str, int]:
    """events.jsonl and manifest.json for every report in reports/ (earlier runs' too)."""
    spool.fh.flush()
    records: dict[str, dict] = {}
    for k, rec in state.records.items():
        if k not in this_run:
            records[k] = rec
    for k in order:
        if k in this_run:
            records[k] = this_run[k]
    # reports no record owns (a killed run wrote them, or an input that later gave other ids)
    owned = {rid for rec in records.values() for rid in rec.get("reports", [])}
    try:
        names = sorted(e.name for e in os.scandir(out / "reports")
                       if e.name.endswith(".json") and not e.name.startswith("."))
    except OSError:
        names = []
    for name in names:
        rid = name[:-5]
        if rid in owned:
            continue
        try:
            rep = json.loads((out / "reports" / name).read_text(encoding="utf-8"))
            src, sha = rep["report"]["source"], rep["report"]["sha256"]
        except (OSError, ValueError, KeyError, TypeError):
            src, sha = f"reports/{name}", None
        records[f"recovered:{rid}"] = {"source": src, "sha256": sha, "status": "ok", "reports": [rid],
                                       "recovered": True, "errors": [], "seconds": 0.0}
    present = set(names)
    fresh = processed | state.from_journal
    old_events = out / "events.jsonl"
    index = outdir_mod.index_events(old_events)
    n_events = 0
    n_reports = 0

    def lines() -> Iterator[str]:
        nonlocal n_events, n_reports
        for k, rec in records.items():
            for rid in rec.get("reports", []):
                if f"{rid}.json" not in present:
                    continue
                n_reports += 1
                if k in processed and rid in spool.spans:
                    n_events += len(spool.spans[rid])
                    yield from outdir_mod.copy_lines(spool.path, spool.spans[rid])
                    continue
                if k not in fresh and rec.get("events") == 0:
                    continue
                spans = index.get(rid)
                if k not in fresh and spans is not None and len(spans) == rec.get("events", len(spans)):
                    n_events += len(spans)
                    yield from outdir_mod.copy_lines(old_events, spans)
                    continue
                try:
                    rep = json.loads((out / "reports" / f"{rid}.json").read_text(encoding="utf-8"))
                    evs = rep.get("events") or []
                except (OSError, ValueError, AttributeError):
                    evs = []
                n_events += len(evs)
                for ev in evs:
                    yield dumps({"report_id": rid, **ev}) + "\n"

    outdir_mod.atomic_writelines(old_events, lines())
    errors = [e for rec in records.values() for e in rec.get("errors", [])]
    runs = state.runs + [run_info]
    this = run_info["counts"]
    manifest = {
        "tool": "rasd", "tool_version": __version__, "schema_version": SCHEMA_VERSION,
        "started": run_info["started"], "seconds": run_info["seconds"], "options": run_info["options"],
        "counts": {"inputs": this["inputs"], "processed": this["processed"],
                   "skipped": this["already_done"] + this["skipped"], "failed": this["failed"],
                   "reports": n_reports, "events": n_events, "records": len(records)},
        "inputs": list(records.values()),
        "errors": errors,
        "runs": runs,
    }
    atomic_write(out / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    return {"reports": n_reports, "events": n_events}


def _summary(out: Path, listed, this_run: dict[str, dict], order: list[str], run_info: dict,
             totals: dict[str, int]) -> None:
    c = run_info["counts"]
    head = (f"rasd extract: {c['inputs']} input(s): {c['processed']} processed ({c['failed']} failed), "
            f"{c['already_done']} already done, {c['skipped']} skipped; "
            f"{out} holds {totals['reports']} report(s), {totals['events']} event(s)")
    if run_info["status"] != "complete":
        head += f" — {run_info['status']}: rerun with --resume to finish"
    print(head, file=sys.stderr)
    bad = [e for k in order for e in this_run.get(k, {}).get("errors", [])]
    for e in bad[:SUMMARY_MAX_LINES]:
        print(f"  {e['source']}: {e['stage']}: {e['reason']}", file=sys.stderr)
    if len(bad) > SUMMARY_MAX_LINES:
        print(f"  ... and {len(bad) - SUMMARY_MAX_LINES} more (see {out / 'manifest.json'})", file=sys.stderr)


def input_metadata(metadata, path: str, base_id: str | None) -> dict[str, Any] | None:
    """The rows of a :class:`pipeline.ingest.metadata.Metadata` one input needs (sent to its worker)."""
    if not metadata:
        return None
    rec = metadata.for_path(path) if path != "-" else None
    if rec is None:
        rec = metadata.for_id(base_id)
    ids = metadata.by_id if Path(path).suffix.lower() in (".json", ".jsonl") else None
    return {"path": rec, "ids": ids} if (rec or ids) else None


def extract_to_stdout(path: str, *, published: str | None, max_bytes: int, metadata=None) -> int:
    """``-o -``: print the one input's report JSON to stdout."""
    listed, missing = ingest.list_inputs([path])
    if missing:
        print(f"rasd extract: no such file or directory: {path}", file=sys.stderr)
        return 2
    inputs = [p for p, _ in listed]
    if len(inputs) != 1:
        print(f"rasd: -o - needs exactly one input, got {len(inputs)}", file=sys.stderr)
        return 2
    p = inputs[0]
    bid = base_ids(inputs).get(p)
    res = process_input(p, bid, max_bytes, published, None, input_metadata(metadata, p, bid))
    for report in res.reports:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    for err in res.errors:
        print(f"rasd: {err['source']}: {err['stage']}: {err['reason']}", file=sys.stderr)
    return 1 if res.errors else 0
