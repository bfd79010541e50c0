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
        idx, task = msg
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
            break
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
        self.task: int | None = None
        self.deadline = float("inf")

    def kill(self) -> None:
        try:
            self.proc.kill()
        except Exception:
            pass
        self.proc.join(5)
        self.conn.close()


class BudgetPool:
    def __init__(self, jobs: int, func: Callable, *, timeout: float = 0, memory_mb: int = 0,
                 close_fds: tuple[int, ...] = ()):
        self.jobs = max(1, jobs)
        self.func = func
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.close_fds = close_fds
        self._ctx = mp.get_context("fork")
        self._slots: list[_Slot] = []

    def _new(self) -> _Slot:
        return _Slot(self._ctx, self.func, self.memory_mb, self.close_fds)

    def _assign(self, slot: _Slot, pending: deque, tasks: list[tuple]) -> None:
        i = pending.popleft()
        slot.task = i
        slot.deadline = time.monotonic() + self.timeout if self.timeout > 0 else float("inf")
        try:
            slot.conn.send((i, tasks[i]))
        except (BrokenPipeError, OSError):
            pass  # its death is seen by the caller

    def run(self, tasks: list[tuple]) -> Iterator[tuple[int, Any]]:
        pending = deque(range(len(tasks)))
        done: dict[int, Any] = {}
        next_out = 0
        n = min(self.jobs, len(tasks))
        self._slots = [self._new() for _ in range(n)]
        try:
            while next_out < len(tasks):
                for slot in self._slots:
                    if slot.task is None and pending:
                        self._assign(slot, pending, tasks)
                busy = [s for s in self._slots if s.task is not None]
                if busy:
                    wait_for = min(s.deadline for s in busy) - time.monotonic()
                    ready = wait([s.conn for s in busy] + [s.proc.sentinel for s in busy],
                                 timeout=None if wait_for == float("inf") else max(wait_for, 0.0))
                    for k, slot in enumerate(self._slots):
                        if slot.task is None:
                            continue
                        died = False
                        if slot.conn in ready:
                            try:
                                idx, res = slot.conn.recv()
                            except (EOFError, OSError):
                                died = True
                            else:
                                done[idx] = res
                                slot.task = None
                                if pending:  # keep the worker busy while the parent writes
                                    self._assign(slot, pending, tasks)
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
                        slot.kill()
                        self._slots[k] = self._new() if pending else slot
                        self._slots[k].task = None
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
