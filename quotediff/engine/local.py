"""The local engine: this process, and forked processes for the Python-bound stages.

Extraction and lexical pair scoring are pure Python (and rapidfuzz) and hold the GIL, so a
second core helps only through a second process. Forking shares what the stage reads
(``shared``) with the children without copying or pickling it. Stages that parallelise
themselves (faiss and BLAS search) run here, in this process.

Torch embeddings run in the pool too, one torch thread per process, a batch per task (see
quotediff.embed.batches_of): two such processes embedded the 9,798 distinct unit texts of the
5,000-article bench corpus in 39.3-39.7 s against 40.4 s for this process with two threads,
the same vectors bit for bit; and a process of one thread leaves the other core whole to
whatever else runs, where two threads of one process wait on each other's cores.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from typing import Any, Self

from quotediff.engine import NOTHING_SHARED, Progress, Result, call_in_worker, run_here

# What the forked children read: set just before the pool forks, cleared after.
_SHARED: object = None


class LocalEngine:
    name = "local"

    def __init__(self, *, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1
        self.metrics: dict[str, float] = {}

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
        began = time.perf_counter()
        if native or self.workers == 1 or len(items) < 2:
            results = run_here(function, items, stage=stage, shared=shared, on_progress=on_progress)
        else:
            results = self._map_in_pool(function, items, stage, shared, on_progress)
        self.metrics[f"{stage}_seconds"] = self.metrics.get(f"{stage}_seconds", 0.0) + time.perf_counter() - began
        return results

    def _map_in_pool(
        self, function: Callable[..., Any], items: Sequence[Any], stage: str, shared: object, on_progress: Progress | None
    ) -> list[Any]:
        global _SHARED
        _SHARED = shared
        # The children's garbage collections skip what they inherit: walking it would write to
        # every page of this process's objects, and each write makes the child copy the page.
        gc.freeze()
        try:
            # fork: the children inherit ``shared`` and the loaded modules (the model, if loaded here).
            workers = min(self.workers, len(items))
            with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork"), initializer=_one_native_thread) as pool:
                futures = {pool.submit(_call_with_shared, function, item, shared is not None): n for n, item in enumerate(items)}
                results: list[Any] = [None] * len(items)
                for done, future in enumerate(as_completed(futures), 1):
                    results[futures[future]] = future.result()
                    if on_progress:
                        on_progress(stage, done, len(items))
        finally:
            _SHARED = None
            gc.unfreeze()  # this process collects its own objects again
        return results

    def prepare(self, function: Callable[[], object], *, wait: bool = False) -> None:
        """Run it here, now: the pool's processes are forked from this one and inherit what it loaded."""
        function()

    def run_beside(self, function: Callable[..., Result], *args: Any) -> Future[Result]:
        """Run it now: a thread left running here would be in the middle of something when a stage forks."""
        done: Future[Result] = Future()
        try:
            done.set_result(function(*args))
        except Exception as error:  # noqa: BLE001 - raised again by result(), where the caller waits for it
            done.set_exception(error)
        return done

    def describe(self) -> str:
        return f"local engine ({self.workers} process{'es' if self.workers > 1 else ''})"

    def close(self) -> None:
        """Nothing outlives a map: each pool is closed when its stage ends."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _one_native_thread() -> None:
    """A pool process runs torch (and OpenMP, MKL) on one thread: the pool's processes fill the cores.

    Two threads in each of two processes would make each process's threads wait on cores
    the other holds. Set in the child only; this process keeps its threads.
    """
    for variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):  # for libraries the child loads later
        os.environ[variable] = "1"
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(1)


def _call_with_shared(function: Callable[..., Any], item: Any, with_shared: bool) -> Any:
    return call_in_worker(function, item, _SHARED if with_shared else NOTHING_SHARED)
