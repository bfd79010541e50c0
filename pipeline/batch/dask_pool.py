"""``--engine dask``: each input under the same budget as the local workers, with Dask's own means.

:func:`run_on_dask` runs ``func(*task)`` for every task on a Dask cluster and yields ``(index,
result)`` **in task order**, a :class:`~pipeline.batch.workers.Lost` result for an input that ran out
of time or whose worker died, exactly as :class:`~pipeline.batch.workers.BudgetPool` does:

- **placement**: each task is submitted to one worker (``workers=[address]``), never more tasks to a
  worker than it has threads, so a task starts when it is submitted and the client knows where it
  runs;
- **time**: futures are waited on with a timeout (``distributed.wait(..., timeout=,
  return_when=FIRST_COMPLETED)``); a task past ``timeout`` seconds is cancelled and its worker
  restarted by its nanny (``Client.restart_workers``), which is what stops a running task in Dask;
  the other tasks that worker held go back to the queue, not counted against them;
- **warm workers**: a worker loads the lexicons before it registers (the preload
  :mod:`pipeline.batch.dask_preload`; give it to the workers of a cluster of your own with ``dask
  worker --preload pipeline.batch.dask_preload``; a plugin warms the others on their first input);
- **memory and death**: the local cluster's workers get ``memory_limit`` (``--worker-memory``), which
  their nanny enforces by restarting a worker past it; the scheduler of the local cluster gives up a
  task at the first death of its worker (``distributed.scheduler.allowed-failures`` = 0), so the
  input costs one line instead of killing three more workers. A cluster given by ``--scheduler``
  keeps its own settings.
"""
from __future__ import annotations

import logging
import time
import uuid
from collections import Counter, deque
from typing import Any, Callable, Iterator

from pipeline.batch.workers import Lost


#: seconds without any worker after which the inputs still waiting are given up (each gets a line)
NO_WORKER_GIVE_UP = 120.0


def _reason(exc: BaseException) -> str:
    name = type(exc).__name__
    if name == "KilledWorker":
        return ("worker killed: out of memory (--worker-memory) or a crash "
                "(the Dask worker running this input died)")
    return f"worker lost: {name}: {exc}"


def _warm_plugin():
    from distributed import WorkerPlugin

    class WarmUp(WorkerPlugin):
        """Load the lexicons, automata and readers on every worker, a restarted one too, before the clock
        of its first input starts (the local engine does this once in the parent, before forking)."""

        name = "rasd-warm-up"

        def setup(self, worker) -> None:
            from pipeline.batch.runner import warm_up

            warm_up()

    return WarmUp()


def run_on_dask(tasks: list[tuple], func: Callable, *, jobs: int, scheduler: str | None, timeout: float,
                memory_mb: int, poll: float = 1.0) -> Iterator[tuple[int, Any]]:
    import dask
    from dask.distributed import Client, LocalCluster, wait

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None,
                                   memory_limit=f"{memory_mb}MiB" if memory_mb > 0 else None,
                                   silence_logs=logging.CRITICAL, preload=["pipeline.batch.dask_preload"])
        client = Client(cluster)
    client.register_plugin(_warm_plugin())
    run = uuid.uuid4().hex[:12]
    pending = deque(range(len(tasks)))
    running: dict[Any, tuple[int, str, float]] = {}  # future -> (task index, worker, deadline)
    done: dict[int, Any] = {}
    next_out = 0
    no_worker_since: float | None = None
    rescaled = False
    try:
        while next_out < len(tasks):
            if pending:
                load = Counter(addr for _, addr, _ in running.values())
                for addr, threads in client.nthreads().items():
                    while pending and load[addr] < max(1, threads):
                        i = pending.popleft()
                        fut = client.submit(func, *tasks[i], key=f"rasd-{run}-{i}", pure=False,
                                            workers=[addr], allow_other_workers=False)
                        running[fut] = (i, addr, time.monotonic() + timeout if timeout > 0 else float("inf"))
                        load[addr] += 1
            if running:
                nearest = min(d for _, _, d in running.values()) - time.monotonic()
                try:
                    finished = wait(list(running), timeout=max(0.01, min(nearest, poll)),
                                    return_when="FIRST_COMPLETED").done
                except TimeoutError:
                    finished = ()
                for fut in finished:
                    i, _, _ = running.pop(fut)
                    try:
                        done[i] = fut.result()
                    except Exception as exc:  # a lost worker costs its input
                        done[i] = Lost(_reason(exc))
                now = time.monotonic()
                late = [f for f, (_, _, d) in running.items() if d <= now]
                if late:  # a result already on its way (a restart kept the client busy) is not late
                    try:
                        wait(late, timeout=0.25)
                    except TimeoutError:
                        pass
                    for fut in late:
                        if fut.done():
                            i, _, _ = running.pop(fut)
                            try:
                                done[i] = fut.result()
                            except Exception as exc:
                                done[i] = Lost(_reason(exc))
                overdue = {addr for _, addr, d in running.values() if d <= now}
                for addr in overdue:
                    for fut, (i, a, d) in list(running.items()):
                        if a != addr:
                            continue
                        del running[fut]
                        fut.cancel()
                        if d <= now:
                            done[i] = Lost(f"timed out after {timeout:g} s (--input-timeout)")
                        else:  # not its fault: it goes again elsewhere
                            pending.appendleft(i)
                    try:
                        client.restart_workers([addr], raise_for_error=False)
                    except Exception:  # a worker already gone: its nanny or the cluster replaces it
                        pass
            elif pending:  # no worker (a cluster starting, or every worker lost and not back)
                if no_worker_since is None:
                    no_worker_since = time.monotonic()
                waited = time.monotonic() - no_worker_since
                if cluster is not None and waited > 10 and not rescaled:
                    cluster.scale(jobs)  # a local cluster gets its workers back
                    rescaled = True
                if waited > NO_WORKER_GIVE_UP:
                    while pending:
                        done[pending.popleft()] = Lost(f"no Dask worker available for {NO_WORKER_GIVE_UP:g} s")
                else:
                    time.sleep(0.1)
            if running:
                no_worker_since, rescaled = None, False
            while next_out in done:
                yield next_out, done.pop(next_out)
                next_out += 1
    finally:
        for fut in running:
            fut.cancel()
        client.close()
        if cluster is not None:
            cluster.close()
