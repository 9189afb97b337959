"""The Dask engine: the partitions run as tasks on a dask.distributed cluster.

Give the address of a running scheduler (``tcp://host:8786``) to use a real cluster; every
worker needs quotediff and its model package installed. Without an address a LocalCluster
of one single-threaded worker process per core is started here and stopped on close.
What every task reads (``shared``) is scattered to the workers once per stage. A stage that
parallelises itself (``native``: the neighbour search) runs in this process when the
cluster is a LocalCluster started here: its workers would use the same cores, each with
one thread and its own copy of the index (bench 5k: candidates 1.7 s on the workers, 1.2
in this process).
"""

from __future__ import annotations

import asyncio
import gc
import os
import pickle
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from functools import partial
from itertools import islice
from typing import Any, Self

from quotediff.engine import (
    NOTHING_SHARED,
    EngineError,
    Progress,
    Result,
    call_in_worker,
    run_here,
)

# The LocalCluster's settings, in Dask's configuration (README: the same for your own workers).
LOCAL_CLUSTER_CONFIG = {
    # Dask's nannies start workers with MALLOC_TRIM_THRESHOLD_=65536. Setting that variable at
    # all turns off glibc's sliding mmap threshold, so every large tensor torch allocates is
    # mapped and unmapped afresh: two plain processes embedding 2,048 sentences each took 19.0 s
    # without it and 23.7 s with it. A value of None is Dask's way to leave a variable unset.
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    # A worker runs its tasks on a thread of its own, which glibc gives an arena of its own,
    # grown in mapped 64 MB heaps, where a forked process embeds on its main thread, in the
    # main heap. One arena for the whole worker: 6,144 texts embedded on two workers in
    # 23.0-23.6 s against 23.3-24.7 s, five runs each, every pair faster (local engine: 22.6-22.9 s).
    "distributed.nanny.pre-spawn-environ.MALLOC_ARENA_MAX": 1,
    # Each worker samples its task thread's stack every 10 ms for the dashboard's profile page,
    # taking the GIL from the running task: embedding 4,096 texts took 18.98-19.20 s with it and
    # 17.83-18.25 s without (local engine: 17.63 s).
    "distributed.worker.profile.enabled": False,
    # Timers that wake each process's event loop, which then takes the GIL from the running
    # task: every 20 ms to time the loop itself, 100 ms to check memory, to balance work
    # (two tasks in flight per worker leave nothing to steal), 500 ms for the dashboard's
    # graphs. Idle, a cluster of two workers took 37 ms of CPU a second with them, 11 at these.
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.scheduler.work-stealing-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}

# Partitions sent ahead to each worker: one running, one waiting, so none idles between them.
IN_FLIGHT_PER_WORKER = 2

_MISSING = "the dask engine needs dask.distributed: pip install 'quotediff[dask]' (or pip install 'dask[distributed]')"


class DaskEngine:
    name = "dask"

    def __init__(self, *, scheduler: str | None = None, workers: int | None = None) -> None:
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError as error:
            raise EngineError(_MISSING) from error
        self.metrics: dict[str, float] = {}
        self._cluster = None
        self._beside = ThreadPoolExecutor(max_workers=1, thread_name_prefix="quotediff-beside")
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="20s")
            else:
                with dask.config.set(LOCAL_CLUSTER_CONFIG):
                    self._cluster = LocalCluster(
                        n_workers=workers or os.cpu_count() or 1,
                        threads_per_worker=1,
                        dashboard_address=":0",  # any free port: several runs may share a machine
                        silence_logs=40,
                    )
                self.client = Client(self._cluster)
        except OSError as error:
            raise EngineError(f"cannot reach the dask scheduler at {scheduler}: {error}") from error

    @property
    def workers(self) -> int:
        return len(self.client.scheduler_info().get("workers", {}))

    def map(
        self,
        function: Callable[..., Any],
        items: Sequence[Any],
        *,
        stage: str,
        shared: object = None,
        native: bool = False,
        on_progress: Progress | None = None,
    ) -> list[Any]:
        from distributed import as_completed

        if not items:
            return []
        began = time.perf_counter()
        if native and self._cluster is not None:
            results = run_here(function, items, stage=stage, shared=shared, on_progress=on_progress)
            self.metrics[f"{stage}_seconds"] = self.metrics.get(f"{stage}_seconds", 0.0) + time.perf_counter() - began
            return results
        # A future among the keyword arguments is resolved on the worker to the scattered object.
        extra = {} if shared is None else {"shared": self.client.scatter(_Opaque(shared), broadcast=True, hash=False)}
        run = uuid.uuid4().hex[:8]
        # A few partitions per worker in flight, the next sent as one finishes, each inside its
        # task: the scheduler gives it to whichever worker is free. Scattered ahead, partitions
        # were pinned half to each worker, and the one done first idled (~1 s of 19 embedding).
        pending = iter(enumerate(items))
        position: dict[str, int] = {}

        def send(n: int, item: Any) -> Any:
            # Pickled here, once, the partition travels as bytes: as an object, the scheduler
            # (in this process) unpickled and pickled it again on its way to the worker, and
            # Dask walked it for references to other tasks. Aligning 5,000 articles' groups,
            # whose tasks carry their articles: this process's CPU 1.57 -> 1.03 s, wall 4.9 -> 4.4 s.
            payload = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
            future = self.client.submit(_call, function, payload, key=f"{stage}-{run}-{n}", pure=False, **extra)
            position[future.key] = n
            return future

        queue = as_completed([send(n, item) for n, item in islice(pending, IN_FLIGHT_PER_WORKER * max(self.workers, 1))])
        results: list[Any] = [None] * len(items)
        for done, future in enumerate(queue, 1):
            results[position.pop(future.key)] = future.result()
            future.release()
            following = next(pending, None)
            if following is not None:
                queue.add(send(*following))
            if on_progress:
                on_progress(stage, done, len(items))
        self.metrics[f"{stage}_seconds"] = self.metrics.get(f"{stage}_seconds", 0.0) + time.perf_counter() - began
        return results

    def prepare(self, function: Callable[[], object], *, wait: bool = False) -> None:
        """Run ``function`` on every worker, outside the task graph: in the background unless ``wait``.

        In the background it runs on a thread of the worker, so the worker keeps taking
        tasks; a task that needs what is still loading waits for it (Python's import locks).
        """
        if wait:
            self.client.run(_settled, function)
        else:
            self.client.run(_in_background, partial(_settled, function), wait=False)

    def describe(self) -> str:
        return f"dask engine ({self.workers} workers, scheduler {self.client.scheduler.address}, dashboard {self.client.dashboard_link})"

    def run_beside(self, function: Callable[..., Result], *args: Any) -> Future[Result]:
        """On a thread of this process: the stages run in the workers, and this process mostly waits."""
        return self._beside.submit(function, *args)

    def close(self) -> None:
        self._beside.shutdown(wait=True)
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True, slots=True)
class _Opaque:
    """What a stage shares, scattered as one object: Dask walks the lists, tuples and dicts
    among a task's arguments for references to other tasks, on every task. Walking the texts
    shared by pair scoring took ~0.15 s a task at 50,000 articles (55 tasks that do nothing:
    9.2 s; 0.3 s wrapped)."""

    value: Any


def _call(function: Callable[..., Any], payload: bytes, shared: _Opaque | None = None) -> Any:
    return call_in_worker(function, pickle.loads(payload), NOTHING_SHARED if shared is None else shared.value)


def _settled(function: Callable[[], object]) -> None:
    """Run ``function``, then leave what it loaded out of the worker's garbage collections.

    The models and WordNet's index are a few hundred thousand objects that live as long as
    the worker; every full collection walked them again (aligning the 5,000-article bench
    corpus: 4.9 s on two workers, 4.4 s frozen). The local engine freezes before it forks.
    """
    function()
    gc.collect()
    gc.freeze()


async def _in_background(function: Callable[[], object]) -> None:
    # Dask runs only a coroutine without waiting for it; the blocking work goes to a thread.
    # A failure is the stage's to report: the task that needs the model meets the same error
    # and the client shows it, where here it would only print a traceback in the worker's log.
    with suppress(Exception):
        await asyncio.to_thread(function)
