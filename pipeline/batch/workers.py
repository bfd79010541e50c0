"""Each input under a budget, in a worker process of its own (as Apache Tika does).

:class:`BudgetPool` runs ``func(*task)`` for every task in ``jobs`` forked worker
processes and yields ``(index, result)`` **in task order**. A task that runs past
``timeout`` seconds has its worker killed; a worker that dies (the kernel's OOM
killer, a crash in a C library) costs only the task it held: both become a
:class:`Lost` result with a one-line reason, a fresh worker takes the next task,
and the batch goes on.

Workers cap the address space they may add to what they were forked with (``memory_mb``), ignore Ctrl-C (the parent alone
handles it, so there are no worker tracebacks), and die with their parent
(``PR_SET_PDEATHSIG``, and end-of-file on their pipe).
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, Callable, Iterator


@dataclass
class Lost:
    """A task whose worker timed out or died: ``reason`` says which."""

    reason: str


def _die_with_parent() -> None:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except Exception:  # not Linux: the pipe's end-of-file still stops the worker
        pass


def _address_space() -> int:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _limit_memory(memory_mb: int) -> None:
    """Cap what the worker may add to the address space it was forked with (what the parent had
    mapped, libraries and arenas included, is not the input's fault)."""
    if memory_mb <= 0:
        return
    try:
        import resource

        limit = _address_space() + memory_mb * 1024 * 1024
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):
        pass


def _worker(conn, func: Callable, memory_mb: int, close_fds: tuple[int, ...], parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    import faulthandler

    faulthandler.disable()  # a crash is the parent's one-line record, not a dump
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(0)
    for fd in close_fds:  # the OUTDIR lock belongs to the parent alone
        try:
            os.close(fd)
        except OSError:
            pass
    _limit_memory(memory_mb)
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            break
        if msg is None:
            break
        for idx, task in msg:  # a chunk of tasks: one result each, sent as soon as it is done
            try:
                res = func(*task)
            except MemoryError:
                res = Lost(f"out of memory (worker limit {memory_mb} MiB)")
            except BaseException as exc:  # never a traceback: the parent records it
                res = Lost(f"worker error: {type(exc).__name__}: {exc}")
            try:
                conn.send((idx, res))
            except MemoryError:
                conn.send((idx, Lost(f"out of memory sending the result (worker limit {memory_mb} MiB)")))
            except (BrokenPipeError, OSError):
                os._exit(0)
    os._exit(0)


def death_reason(exitcode: int | None, memory_mb: int) -> str:
    if exitcode is not None and exitcode < 0:
        sig = -exitcode
        if sig == signal.SIGKILL:
            return "worker killed: out of memory (SIGKILL, as the kernel's OOM killer sends)"
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = f"signal {sig}"
        return f"worker killed by {name}"
    return f"worker died (exit code {exitcode})"


class _Slot:
    def __init__(self, ctx, func, memory_mb, close_fds):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(child, func, memory_mb, close_fds, os.getpid()), daemon=True)
        self.proc.start()
        child.close()
        self.queue: deque[int] = deque()  # the tasks sent to it, in order; the first is running
        self.deadline = float("inf")  # of the running task: it started when the one before it ended

    @property
    def task(self) -> int | None:
        return self.queue[0] if self.queue else None

    def kill(self) -> None:
        try:
            self.proc.kill()
        except Exception:
            pass
        self.proc.join(5)
        self.conn.close()


class BudgetPool:
    """``chunk_inputs`` / ``chunk_bytes``: consecutive small tasks travel to a worker together (one
    round trip for many tiny files); ``sizes`` (bytes per task) tells which are small. Each task of a
    chunk still has its own time budget (its clock starts when the task before it ends), its own
    result, and a worker that dies or overruns costs only the task it was running: the rest of its
    chunk goes back to the queue."""

    def __init__(self, jobs: int, func: Callable, *, timeout: float = 0, memory_mb: int = 0,
                 close_fds: tuple[int, ...] = (), chunk_inputs: int = 32, chunk_bytes: int = 64 * 1024):
        self.jobs = max(1, jobs)
        self.func = func
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.close_fds = close_fds
        self.chunk_inputs = max(1, chunk_inputs)
        self.chunk_bytes = chunk_bytes
        self._ctx = mp.get_context("fork")
        self._slots: list[_Slot] = []

    def _new(self) -> _Slot:
        return _Slot(self._ctx, self.func, self.memory_mb, self.close_fds)

    def _chunk(self, pending: deque, sizes: list[int] | None) -> list[int]:
        """The next tasks to send together: small ones up to the limits, never more than a fair share
        of what is left (so the last chunks still spread over the workers)."""
        first = pending.popleft()
        chunk = [first]
        if sizes is None or sizes[first] > self.chunk_bytes:
            return chunk
        most = min(self.chunk_inputs, max(1, (len(pending) + 1) // (2 * self.jobs)))
        total = sizes[first]
        while pending and len(chunk) < most and total + sizes[pending[0]] <= self.chunk_bytes:
            i = pending.popleft()
            chunk.append(i)
            total += sizes[i]
        return chunk

    def _assign(self, slot: _Slot, pending: deque, tasks: list[tuple], sizes: list[int] | None) -> None:
        chunk = self._chunk(pending, sizes)
        if not slot.queue:
            slot.deadline = time.monotonic() + self.timeout if self.timeout > 0 else float("inf")
        slot.queue.extend(chunk)
        try:
            slot.conn.send([(i, tasks[i]) for i in chunk])
        except (BrokenPipeError, OSError):
            pass  # its death is seen by the caller

    def run(self, tasks: list[tuple], sizes: list[int] | None = None) -> Iterator[tuple[int, Any]]:
        pending = deque(range(len(tasks)))
        done: dict[int, Any] = {}
        next_out = 0
        n = min(self.jobs, len(tasks))
        self._slots = [self._new() for _ in range(n)]
        try:
            while next_out < len(tasks):
                for slot in self._slots:
                    if not slot.queue and pending:
                        self._assign(slot, pending, tasks, sizes)
                busy = [s for s in self._slots if s.queue]
                if busy:
                    wait_for = min(s.deadline for s in busy) - time.monotonic()
                    ready = wait([s.conn for s in busy] + [s.proc.sentinel for s in busy],
                                 timeout=None if wait_for == float("inf") else max(wait_for, 0.0))
                    for k, slot in enumerate(self._slots):
                        if not slot.queue:
                            continue
                        died = False
                        if slot.conn in ready:
                            try:
                                while True:  # every result waiting in the pipe
                                    idx, res = slot.conn.recv()
                                    done[idx] = res
                                    slot.queue.popleft()
                                    slot.deadline = (time.monotonic() + self.timeout if self.timeout > 0
                                                     else float("inf"))
                                    if not slot.queue or not slot.conn.poll():
                                        break
                            except (EOFError, OSError):
                                died = True
                            else:
                                if len(slot.queue) <= 1 and pending:  # keep the worker busy while the parent writes
                                    self._assign(slot, pending, tasks, sizes)
                                continue
                        elif slot.proc.sentinel in ready:
                            died = True
                        if died:
                            slot.proc.join(5)
                            done[slot.task] = Lost(death_reason(slot.proc.exitcode, self.memory_mb))
                        elif time.monotonic() >= slot.deadline:
                            done[slot.task] = Lost(f"timed out after {self.timeout:g} s (--input-timeout)")
                        else:
                            continue
                        slot.queue.popleft()
                        pending.extendleft(reversed(slot.queue))  # the rest of its chunk: not its fault
                        slot.queue.clear()
                        slot.kill()
                        self._slots[k] = self._new() if pending else slot
                while next_out in done:
                    yield next_out, done.pop(next_out)
                    next_out += 1
        finally:
            self.close()

    def close(self) -> None:
        for slot in self._slots:
            if slot.proc.is_alive():
                try:
                    if slot.task is None:
                        slot.conn.send(None)
                except (BrokenPipeError, OSError):
                    pass
        for slot in self._slots:
            if slot.task is not None:
                slot.kill()
            else:
                slot.proc.join(2)
                if slot.proc.is_alive():
                    slot.kill()
        self._slots = []
