"""An OUTDIR that only grows, one writer at a time, whose progress survives a crash.

Files (all but ``reports/`` are rewritten whole, under a temporary name, then renamed):

* ``reports/<id>.json`` — one per report; the truth everything else is derived from.
* ``events.jsonl`` and ``manifest.json`` — rebuilt at the end of every run so that they
  always describe *every* report in ``reports/`` (earlier runs' too). The manifest keeps
  one record per input (the latest) and the history of runs (``runs``).
* ``run.journal`` — exists while a run is under way (or after one crashed): one JSON line
  per finished input, appended and synced as it goes. ``--resume`` reads it, so a killed
  run is continued, not redone; a reader (``rasd query``) that finds it says that the
  OUTDIR is unfinished.
* ``.lock`` — held (``flock``) by the run writing the OUTDIR. A second run is refused at
  once; the kernel drops the lock when its holder dies, so a crashed run never leaves it
  stuck.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator

JOURNAL = "run.journal"
LOCK = ".lock"
TMP_SUFFIX = ".tmp"


class OutDirBusy(Exception):
    """Another run holds the OUTDIR."""


# --------------------------------------------------------------------------- files that follow the umask

def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(path: Path, data: str) -> None:
    """Write under a temporary name in the same folder, then rename; the mode follows the umask
    (``mkstemp`` alone would leave every file 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_writelines(path: Path, lines: Iterable[str]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for line in lines:
                fh.write(line)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- the lock

class Lock:
    """``flock`` on ``OUTDIR/.lock``; the file says which process holds it."""

    def __init__(self, outdir: Path):
        self.path = outdir / LOCK
        self.fd: int | None = None
        self.took_over: int | None = None  # pid of a dead run whose lock file was left

    def acquire(self) -> "Lock":
        import fcntl

        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").split()
            os.close(fd)
            who = f" (pid {holder[0]})" if holder else ""
            raise OutDirBusy(f"another rasd run{who} is writing this OUTDIR; wait for it to finish "
                             "or choose another OUTDIR") from None
        old = os.pread(fd, 200, 0).decode("utf-8", "replace").split()
        if old and old[0].isdigit() and int(old[0]) != os.getpid():
            self.took_over = int(old[0])
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self.fd = fd
        return self

    def release(self) -> None:
        if self.fd is not None:
            try:
                os.ftruncate(self.fd, 0)
            except OSError:
                pass
            os.close(self.fd)  # closing drops the flock
            self.fd = None


# --------------------------------------------------------------------------- state

def remove_temporaries(outdir: Path) -> int:
    """Temporaries a killed run left (``.name.XXXX.tmp``); the run holding the lock is the only writer."""
    n = 0
    for folder in (outdir, outdir / "reports"):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for e in entries:
            if e.name.startswith(".") and e.name.endswith(TMP_SUFFIX) and e.is_file(follow_symlinks=False):
                try:
                    os.unlink(e.path)
                    n += 1
                except OSError:
                    pass
    return n


def read_manifest(outdir: Path) -> dict[str, Any]:
    try:
        m = json.loads((outdir / "manifest.json").read_text(encoding="utf-8"))
        return m if isinstance(m, dict) else {}
    except (OSError, ValueError):
        return {}


def read_journal(outdir: Path) -> tuple[list[dict], list[dict]]:
    """(input records, run headers) of an unfinished run; a line cut short by a kill is ignored."""
    records, runs = [], []
    try:
        fh = open(outdir / JOURNAL, encoding="utf-8", errors="replace")
    except OSError:
        return records, runs
    with fh:
        for line in fh:
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            if isinstance(obj, dict) and isinstance(obj.get("run"), dict):
                runs.append(obj["run"])
            elif isinstance(obj, dict) and isinstance(obj.get("source"), str):
                records.append(obj)
    return records, runs


class Journal:
    """Append-only, one line per finished input, flushed as soon as it is written."""

    #: seconds between syncs to disk: a line is in the kernel's hands (safe from a kill) once
    #: flushed; the sync only guards against a power cut, and one per input would cost ms each
    SYNC_EVERY = 1.0

    def __init__(self, outdir: Path):
        self.path = outdir / JOURNAL
        self.fh = open(self.path, "a", encoding="utf-8")
        self._synced = 0.0

    def append(self, obj: dict) -> None:
        import time

        self.fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
        self.fh.flush()
        now = time.monotonic()
        if now - self._synced >= self.SYNC_EVERY:
            os.fsync(self.fh.fileno())
            self._synced = now

    def close(self, remove: bool) -> None:
        self.fh.close()
        if remove:
            self.path.unlink(missing_ok=True)


def unfinished_reason(outdir: Path) -> str | None:
    """Why a reader should not trust OUTDIR to be complete, or None."""
    if (outdir / JOURNAL).exists():
        return ("a run into it is still under way or was killed before it finished "
                "(run the same `rasd extract ... --resume` to finish it)")
    runs = read_manifest(outdir).get("runs") or []
    if runs and isinstance(runs[-1], dict) and runs[-1].get("status") == "interrupted":
        return "its last run was interrupted (run the same `rasd extract ... --resume` to finish it)"
    return None


def index_events(path: Path) -> dict[str, list[tuple[int, int]]]:
    """report id -> (offset, length) of its lines in an events.jsonl, read once."""
    out: dict[str, list[tuple[int, int]]] = {}
    try:
        fh = open(path, "rb")
    except OSError:
        return out
    with fh:
        pos = 0
        for line in fh:
            n = len(line)
            if line.strip():
                rid = _report_id_of(line)
                if rid is not None:
                    out.setdefault(rid, []).append((pos, n))
            pos += n
    return out


_PREFIX = b'{"report_id": "'


def _report_id_of(line: bytes) -> str | None:
    if line.startswith(_PREFIX):  # as rasd writes it: the id needs no JSON parse
        end = line.find(b'"', len(_PREFIX))
        rid = line[len(_PREFIX):end]
        if end > 0 and b"\\" not in rid:
            return rid.decode("utf-8", "replace")
    try:
        obj = json.loads(line)
        rid = obj.get("report_id") if isinstance(obj, dict) else None
        return rid if isinstance(rid, str) else None
    except ValueError:
        return None


def copy_lines(path: Path, spans: list[tuple[int, int]]) -> Iterator[str]:
    if not spans:
        return
    with open(path, "rb") as fh:
        for off, n in spans:
            fh.seek(off)
            line = fh.read(n).decode("utf-8", "replace")
            yield line if line.endswith("\n") else line + "\n"


class Spool:
    """A run's events lines as they come (a temporary file), with where each report's lines are."""

    def __init__(self, outdir: Path):
        fd, tmp = tempfile.mkstemp(prefix=".events.spool.", suffix=TMP_SUFFIX, dir=outdir)
        self.path = Path(tmp)
        self.fh = os.fdopen(fd, "wb")
        self.spans: dict[str, list[tuple[int, int]]] = {}

    def add(self, rid: str, lines: list[str]) -> None:
        spans = self.spans[rid] = []
        for line in lines:
            data = line.encode("utf-8")
            spans.append((self.fh.tell(), len(data)))
            self.fh.write(data)

    def close(self) -> None:
        if not self.fh.closed:
            self.fh.close()
        self.path.unlink(missing_ok=True)
