"""The execution layer: where the heavy stages of ``compare`` run.

    local  this process, plus a pool of forked processes for the Python-bound stages (default)
    dask   a dask.distributed cluster: an existing one (``scheduler=ADDRESS``) or a LocalCluster

An engine only maps a function over partitions and hands back the results in order. The
stages choose the partitions from the input alone, never from the number of workers, and
every partition's result depends on that partition alone; so any engine with any number
of workers gives the same, byte-identical, result. What runs where:

    partitioned on the engine     extraction, embedding, neighbour search, pair scoring,
                                  grouping (by link components), alignment
    where the result is gathered  ingest, n-gram blocking, rendering
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Any, Protocol, TypeVar

from quotediff.errors import QuotediffError

ENGINES = ("local", "dask")

Item = TypeVar("Item")
Result = TypeVar("Result")
Progress = Callable[[str, int, int], None]


class EngineError(QuotediffError):
    """An engine cannot be started: unknown name, dask not installed, scheduler unreachable."""


class Engine(Protocol):
    """Maps a function over partitions, results in the order of the partitions."""

    name: str
    # Figures a run leaves behind for benchmarks: seconds per stage, pairs compared, ...
    metrics: dict[str, float]

    def map(
        self,
        function: Callable[..., Result],
        items: Sequence[Any],
        *,
        stage: str,
        shared: object = None,
        native: bool = False,
        on_progress: Progress | None = None,
    ) -> list[Result]:
        """``[function(item) for item in items]``, or ``function(item, shared=shared)`` when shared is given.

        ``shared`` is sent to each worker once, not once per item. ``native`` marks a function
        that already uses every core of its process (faiss, BLAS): an engine whose workers
        share this machine's cores runs it in this process (``run_here``), not in its workers.
        """
        ...

    def prepare(self, function: Callable[[], object], *, wait: bool = False) -> None:
        """Run ``function`` once in every worker process (loading models), by default without waiting.

        Started before the input is read, the workers load what the stages need while this
        process reads; ``wait`` blocks until every worker has run it. The local engine runs
        it in this process: its workers are forked from it and inherit what it loaded.
        """
        ...

    def run_beside(self, function: Callable[..., Result], *args: Any) -> Future[Result]:
        """Start ``function(*args)`` in this process, beside the stages that follow; ``result()`` waits for it.

        For work that this process does alone (n-gram blocking) while the workers embed: Dask
        runs it on a thread; the local engine runs it at once, since its stages fork this
        process, which must then have no other thread running.
        """
        ...

    def describe(self) -> str:
        """One line for the user: which engine, how many workers, the dashboard address."""
        ...

    def close(self) -> None: ...


# What call_in_worker passes when a stage shares nothing (None may be what a stage shares).
NOTHING_SHARED: Any = object()


def call_in_worker(function: Callable[..., Result], item: Any, shared: object = NOTHING_SHARED) -> Result:
    """``function(item)``, or ``function(item, shared=shared)``, as a worker process runs a task.

    Then what is still alive is frozen out of Python's garbage collections. After a task a
    worker holds what it keeps for its life, grown by the task: the lexicon's caches and the
    WordNet entries they read. A full collection walks every object not frozen, and one ran
    each time those had grown by a quarter: aligning 5,000 articles, 7 a process over up to
    480,000 objects, 0.8 s each process (alignment 3.7 -> 2.8 s on the local engine, 4.9 ->
    3.6 s on Dask). Objects frozen are still freed when their last reference goes; only a
    cycle among them that dies later is never collected.
    """
    result = function(item) if shared is NOTHING_SHARED else function(item, shared=shared)
    gc.freeze()
    return result


def run_here(
    function: Callable[..., Result], items: Sequence[Any], *, stage: str, shared: object = None, on_progress: Progress | None = None
) -> list[Result]:
    """``Engine.map`` in this process, item after item."""
    results = []
    for done, item in enumerate(items, 1):
        results.append(function(item) if shared is None else function(item, shared=shared))
        if on_progress:
            on_progress(stage, done, len(items))
    return results


def open_engine(name: str = "local", *, scheduler: str | None = None, workers: int | None = None) -> Engine:
    """Start an engine by name; close it (or use it as a context manager) when done."""
    if workers is not None and workers < 1:
        raise EngineError(f"--workers must be at least 1, not {workers}")
    if name == "local":
        if scheduler:
            raise EngineError("--scheduler is for the dask engine: add --engine dask")
        from quotediff.engine.local import LocalEngine

        return LocalEngine(workers=workers)
    if name == "dask":
        from quotediff.engine.dask_engine import DaskEngine

        return DaskEngine(scheduler=scheduler, workers=workers)
    raise EngineError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")


__all__ = ["ENGINES", "NOTHING_SHARED", "Engine", "EngineError", "Progress", "call_in_worker", "open_engine", "run_here"]
