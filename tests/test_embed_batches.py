"""Embedding in batches, in this process or in forked processes: the same vectors, bit for bit.

A text's vector differs in its last bits with the batch it is padded with, so every path
that embeds (``Embedder.encode``, the engine's stage, any number of workers) embeds in the
calls ``batches_of`` lists; the local engine runs them in its processes, one torch thread each.
"""

from __future__ import annotations

import numpy as np
import pytest

from quotediff.cluster.units import quote_units
from quotediff.embed import Embedder, batches_of, get_embedder
from quotediff.engine.clustering import embed_texts
from quotediff.engine.local import LocalEngine
from quotediff.pipeline import extract
from quotediff.settings import DEFAULT_MODEL


@pytest.fixture(scope="module")
def seed_texts(seeds_dir) -> list[str]:
    """The distinct unit texts of the seed quotes (sentences and whole quotes), sorted."""
    report = extract([str(seeds_dir)])
    return sorted({unit.text for quote in report.quotes for unit in quote_units(quote, min_words=4)})


def test_batches_hold_every_text_once_longest_first_within_each_chunk(seed_texts):
    calls = batches_of(DEFAULT_MODEL, seed_texts, batch_size=4)  # chunks of 32 texts, batches of 4
    assert sorted(text for call in calls for text in call) == seed_texts
    assert all(len(call) <= 4 for call in calls)
    first_chunk = [text for call in calls for text in call][:32]
    assert [len(text) for text in first_chunk] == sorted((len(text) for text in seed_texts[:32]), reverse=True)


def test_a_backend_that_batches_by_itself_gets_each_chunk_whole(seed_texts):
    calls = batches_of("multilingual-use", seed_texts, batch_size=4)
    assert calls == [seed_texts[begin : begin + 32] for begin in range(0, len(seed_texts), 32)]


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    """The default model, 4 texts per batch: the seeds make a dozen calls to share out."""
    return get_embedder(DEFAULT_MODEL, batch_size=4)


def test_one_call_per_batch_gives_the_vectors_of_one_call_per_chunk(seed_texts, embedder):
    chunk = seed_texts[:32]
    whole = embedder.model.encode(chunk, batch_size=4, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
    by_batch = {}
    for call in batches_of(DEFAULT_MODEL, chunk, batch_size=4):
        vectors = embedder.model.encode(call, batch_size=4, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
        by_batch.update(zip(call, vectors))
    assert np.array_equal(whole, np.stack([by_batch[text] for text in chunk]))


def test_forked_processes_embed_what_this_process_embeds(seed_texts, embedder):
    with LocalEngine(workers=1) as here, LocalEngine(workers=2) as pool:
        in_process = embed_texts(seed_texts, embedder=embedder, engine=here, stage="embedding")
        forked = embed_texts(seed_texts, embedder=embedder, engine=pool, stage="embedding")
    # Embedder.encode last: it keeps what it computes, and embed_texts takes kept vectors as they are.
    expected = embedder.encode(seed_texts)
    assert len(batches_of(embedder.name, seed_texts, embedder.batch_size)) > 2  # the pool shared them out
    assert np.array_equal(in_process, expected)
    assert np.array_equal(forked, expected)


def test_pool_processes_run_torch_on_one_thread_and_this_process_keeps_its_own():
    import torch

    threads_here = torch.get_num_threads()
    with LocalEngine(workers=2) as pool:
        in_children = pool.map(_torch_threads, [0, 1, 2, 3], stage="test")
    assert in_children == [1, 1, 1, 1]
    assert torch.get_num_threads() == threads_here


def _torch_threads(_: int) -> int:
    import torch

    return torch.get_num_threads()
