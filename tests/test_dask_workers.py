"""The workers a DaskEngine starts itself get Dask's environment less MALLOC_TRIM_THRESHOLD_,
which makes torch map and unmap its tensors afresh (embedding ~1.25x slower), and no stack
sampling for the dashboard's profile, which takes the GIL from the running task (~1.05x)."""

import os

import pytest

from quotediff.engine import open_engine


def _worker_environment() -> tuple[str | None, str | None, bool]:
    import dask

    return os.environ.get("MALLOC_TRIM_THRESHOLD_"), os.environ.get("OMP_NUM_THREADS"), dask.config.get("distributed.worker.profile.enabled")


def test_local_cluster_workers_keep_the_single_thread_setting_but_not_the_trim_threshold_or_the_profiler():
    pytest.importorskip("dask.distributed")
    with open_engine("dask", workers=2) as engine:
        environments = engine.client.run(_worker_environment)
    assert len(environments) == 2
    assert set(environments.values()) == {(None, "1", False)}
