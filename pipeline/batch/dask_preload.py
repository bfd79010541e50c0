"""Dask worker preload (``dask worker --preload pipeline.batch.dask_preload``): the worker loads the
lexicons, automata and readers before it registers with the scheduler, so no input's time budget pays
for them (``--engine dask`` gives it to the workers of its local cluster)."""
from __future__ import annotations


def dask_setup(worker) -> None:
    from pipeline.batch.runner import warm_up

    warm_up()
