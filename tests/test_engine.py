"""The execution layer: the same report, byte for byte, whichever engine, workers and partitions ran it.

The Dask tests start one LocalCluster of two worker processes for the module; they are
skipped where dask.distributed is not installed (``pip install quotediff[dask]``).
"""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
from collections import defaultdict
from functools import partial
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotediff import pipeline
from quotediff.cli import app
from quotediff.cluster import ann
from quotediff.engine import (
    EngineError,
    building,
    clustering,
    extraction,
    grouping,
    open_engine,
)
from quotediff.engine.local import LocalEngine
from quotediff.render import render

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="module")
def dask_engine():
    pytest.importorskip("dask.distributed")
    with open_engine("dask", workers=2) as engine:
        yield engine


@pytest.fixture(scope="module")
def generated_corpus(tmp_path_factory) -> list[str]:
    """40 articles from bench/_corpus.py: benchmark sentences, some rendered across articles."""
    sys.path.insert(0, str(BENCH))
    try:
        from _corpus import generate
    finally:
        sys.path.remove(str(BENCH))
    try:
        corpus = generate(40, quotes_per_article=3, planted=0.5)
    except SystemExit as missing:  # the shared benchmark data is not beside the repository
        pytest.skip(str(missing))
    return [str(path) for path in corpus.write_jsonl(tmp_path_factory.mktemp("corpus"), files=3)]


def report_json(paths: list[str], engine) -> str:
    return render(pipeline.compare(paths, engine=engine), "json")


def test_seeds_on_dask_match_the_local_engine_byte_for_byte(seeds_dir, dask_engine):
    with LocalEngine() as local:
        expected = report_json([str(seeds_dir)], local)
    assert report_json([str(seeds_dir)], dask_engine) == expected
    assert expected.count('"cohesion"') == 6  # the six seed clusters


def test_partitions_and_workers_do_not_change_the_report(generated_corpus, dask_engine, monkeypatch):
    with LocalEngine(workers=1) as single:
        expected = report_json(generated_corpus, single)
    # Many small partitions, the approximate index, two processes, then two Dask workers.
    monkeypatch.setattr(extraction, "ARTICLES_PER_TASK", 7)
    monkeypatch.setattr(clustering, "PAIRS_PER_TASK", 10)
    monkeypatch.setattr(clustering, "EXCERPT_PAIRS_PER_TASK", 1)
    monkeypatch.setattr(clustering, "READS_PER_TASK", 1)  # a batch a task
    monkeypatch.setattr(grouping, "UNITS_PER_TASK", 2)  # a component or two a task
    monkeypatch.setattr(building, "GROUPS_PER_TASK", 2)
    monkeypatch.setattr(ann, "EXACT_LIMIT", 0)
    with LocalEngine(workers=2) as pool:
        on_pool = report_json(generated_corpus, pool)
        assert pool.metrics["pairs_compared"] > 4 * 10  # the scoring was split
        assert pool.metrics["grouping_tasks"] > 4  # and the grouping
    on_dask = report_json(generated_corpus, dask_engine)
    assert on_pool == expected
    assert on_dask == expected
    assert expected.count('"cohesion"') >= 10  # the planted renderings were found
    assert '"cross_encoder"' in expected  # and pairs the features left uncertain were read, on every engine


def test_every_stage_of_a_run_moves_its_own_progress_bar_forward(tmp_path):
    # Two MRPC sentences (test.tsv) the features leave uncertain: the cross-encoder reads them.
    (tmp_path / "a.txt").write_text('A spokesman said: "Russ Britt is the Los Angeles Bureau Chief for CBS.MarketWatch.com."\n')
    (tmp_path / "b.txt").write_text('The company said: "Emily Church is London bureau chief of CBS.MarketWatch.com."\n')
    steps = defaultdict(list)
    with LocalEngine(workers=1) as engine:
        pipeline.compare([str(tmp_path)], engine=engine, on_progress=lambda stage, done, total: steps[stage].append(done))
    # The files read and the pairs the cross-encoder read are two stages, two bars.
    assert {"reading", "reading pairs"} <= set(steps)
    for stage, done in steps.items():
        assert done == sorted(done), stage


def test_uncertain_pairs_are_read_in_the_same_batches_whatever_order_screening_found_them(monkeypatch):
    monkeypatch.setattr(clustering, "READS_PER_TASK", 10)
    texts = [f"text {n}" for n in range(40)]
    # (i, j, scores, ceiling, length in tokens): 25 pairs of 12 tokens, 5 of 30.
    unread = [(n, n + 1, {"p": 0.5}, 0.0, 12 if n < 25 else 30) for n in range(30)]
    tasks = clustering.reading_tasks(unread, texts)
    assert clustering.reading_tasks(unread[::-1], texts) == tasks
    batches = [batch for task in tasks for batch in task]
    assert [len(batch) for batch in batches] == [8, 8, 8, 1, 5]  # up to BATCH pairs, each batch one length
    assert [(i, j) for batch in batches for i, j, *_ in batch] == [(n, n + 1) for n in range(30)]
    assert [sum(map(len, task)) for task in tasks] == [16, 14]  # whole batches, ~READS_PER_TASK pairs a task
    assert batches[0][0][2:4] == ("text 0", "text 1")  # with their texts: the task needs nothing shared


def test_local_engine_keeps_the_order_of_partitions():
    with LocalEngine(workers=2) as engine:
        done = []
        results = engine.map(_offset, list(range(20)), stage="test", shared=100, on_progress=lambda *p: done.append(p))
    assert results == [n + 100 for n in range(20)]
    assert done[-1] == ("test", 20, 20)


def test_a_stage_that_parallelises_itself_runs_in_this_process_beside_a_local_cluster(dask_engine):
    """The neighbour search (faiss, BLAS) would share the same cores, from a copy of the index in each worker."""
    workers = set(dask_engine.client.run(os.getpid).values())
    assert dask_engine.map(_process_of, [1, 2, 3], stage="test", native=True) == [os.getpid()] * 3
    assert set(dask_engine.map(_process_of, [1, 2, 3], stage="test")) <= workers


def test_work_beside_the_stages_runs_on_a_thread_beside_dask_and_at_once_on_the_local_engine(dask_engine):
    """The local engine's stages fork this process, which then must not have a second thread running."""
    with LocalEngine(workers=2) as local:
        done = local.run_beside(_where_and_what, 2)
        assert done.done() and done.result() == (os.getpid(), threading.main_thread().name, 4)
        failed = local.run_beside(_where_and_what, "x")
        with pytest.raises(TypeError):  # kept for whoever waits on the result
            failed.result()
    pid, thread, value = dask_engine.run_beside(_where_and_what, 3).result(timeout=30)
    assert (pid, value) == (os.getpid(), 6) and thread != threading.main_thread().name


def _where_and_what(value: int) -> tuple[int, str, int]:
    return os.getpid(), threading.current_thread().name, value * 2 + (0 if isinstance(value, int) else 1)


def _process_of(item: int) -> int:
    return os.getpid()


def _offset(item: int, *, shared: int) -> int:
    return item + shared


# What tasks keep for their process's life (a lexicon's caches, say), one object per task.
_KEPT: list[list[int]] = []


def _keep_and_look_back(item: int) -> int | None:
    """Keep an object; say how many of those earlier tasks in this process kept are still collected."""
    earlier = {id(kept) for kept in _KEPT}
    collected = sum(id(tracked) in earlier for tracked in gc.get_objects())
    _KEPT.append([item])
    return collected if earlier else None


@pytest.mark.parametrize("engine_name", ["local", "dask"])
def test_what_a_task_leaves_alive_in_a_worker_is_frozen_out_of_collections(engine_name, request):
    """Python's full collections would walk a worker's growing caches again and again (aligning 5k articles: 0.8 s a process)."""
    engine = request.getfixturevalue("dask_engine") if engine_name == "dask" else LocalEngine(workers=2)
    looks = [look for look in engine.map(_keep_and_look_back, list(range(12)), stage="test") if look is not None]
    assert looks, "no process ran two tasks"
    assert looks == [0] * len(looks)


def test_prepare_runs_once_in_every_worker_process(dask_engine, tmp_path):
    """What compare starts first: the workers load the models while the client reads the input."""
    workers = set(dask_engine.client.run(os.getpid).values())
    waited, in_background = tmp_path / "waited", tmp_path / "background"
    dask_engine.prepare(partial(_note_process, waited), wait=True)
    assert _processes_noted(waited) == workers
    # What prepare loaded lives as long as the worker: its garbage collections skip it.
    assert all(count > 0 for count in dask_engine.client.run(gc.get_freeze_count).values())
    dask_engine.prepare(partial(_note_process, in_background))  # returns at once
    deadline = time.monotonic() + 60
    while _processes_noted(in_background) != workers and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_noted(in_background) == workers
    with LocalEngine(workers=2) as local:  # its pool forks from this process: it runs here
        local.prepare(partial(_note_process, tmp_path / "local"))
    assert _processes_noted(tmp_path / "local") == {os.getpid()}


def _note_process(path: Path) -> None:
    with path.open("a") as notes:
        notes.write(f"{os.getpid()}\n")


def _processes_noted(path: Path) -> set[int]:
    return {int(line) for line in path.read_text().split()} if path.exists() else set()


def test_an_engine_that_cannot_start_says_why(monkeypatch):
    with pytest.raises(EngineError, match="choose one of local, dask"):
        open_engine("spark")
    with pytest.raises(EngineError, match="--engine dask"):
        open_engine("local", scheduler="tcp://127.0.0.1:8786")
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    with pytest.raises(EngineError, match=r"pip install 'quotediff\[dask\]'"):
        open_engine("dask")


def test_cli_rejects_an_unknown_engine(seeds_dir):
    result = CliRunner().invoke(app, ["compare", str(seeds_dir), "--engine", "spark"])
    assert result.exit_code == 2
    assert "unknown engine 'spark'" in result.output
