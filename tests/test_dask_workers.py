"""The workers a DaskEngine starts itself get Dask's environment less MALLOC_TRIM_THRESHOLD_,
which makes torch map and unmap its tensors afresh (embedding ~1.25x slower), one malloc
arena, as a forked process embedding on its main thread has (~1.02x), no stack
sampling for the dashboard's profile, which takes the GIL from the running task (~1.05x), and
event-loop timers of a second or two rather than 20-500 ms (an idle two-worker cluster's CPU:
37 ms a second with Dask's defaults, 11 with these)."""

import os
from typing import Any

import pytest

from quotediff.engine import open_engine


def _worker_environment() -> tuple[str | None, str | None, str | None, bool]:
    import dask

    return (
        os.environ.get("MALLOC_TRIM_THRESHOLD_"),
        os.environ.get("MALLOC_ARENA_MAX"),
        os.environ.get("OMP_NUM_THREADS"),
        dask.config.get("distributed.worker.profile.enabled"),
    )


def _worker_timers() -> tuple[str, str]:
    import dask

    return dask.config.get("distributed.admin.tick.interval"), dask.config.get("distributed.worker.memory.monitor-interval")


def _scheduler_timers(dask_scheduler: Any) -> dict[str, float]:  # Dask passes its Scheduler by this name
    return {name: dask_scheduler.periodic_callbacks[name].callback_time for name in ("tick", "stealing", "monitor")}


def test_local_cluster_workers_keep_the_single_thread_setting_with_one_arena_but_not_the_trim_threshold_or_the_profiler():
    pytest.importorskip("dask.distributed")
    with open_engine("dask", workers=2) as engine:
        environments = engine.client.run(_worker_environment)
    assert len(environments) == 2
    assert set(environments.values()) == {(None, "1", "1", False)}


def test_local_cluster_event_loops_wake_every_second_or_two_not_every_20_ms():
    pytest.importorskip("dask.distributed")
    with open_engine("dask", workers=2) as engine:
        workers = engine.client.run(_worker_timers)
        scheduler = engine.client.run_on_scheduler(_scheduler_timers)
    assert set(workers.values()) == {("1s", "1s")}
    # Milliseconds; Dask's defaults are 20, 100 and 500.
    assert scheduler == {"tick": 1000, "stealing": 1000, "monitor": 2000}
