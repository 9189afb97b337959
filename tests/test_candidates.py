"""Candidate generation: which pairs get scored, measured against the exact n² reference.

Vectors here are synthetic (unit vectors in planted groups of near-duplicates, the shape
real quote embeddings take), so the tests need no model and run in a second.
"""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from quotediff.cluster.ann import build_index
from quotediff.cluster.blocking import ngrams, shared_ngram_pairs
from quotediff.cluster.candidates import (
    all_pairs,
    merge_pairs,
    nearest_neighbour_pairs,
    neighbours_of_rows,
    row_blocks,
)


def planted_vectors(groups: int, size: int = 3, dimension: int = 64, noise: float = 0.15, seed: int = 0) -> np.ndarray:
    """``groups`` groups of ``size`` near-duplicate unit vectors, each group around its own random centre."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(groups, dimension))
    vectors = np.repeat(centres, size, axis=0) + noise * rng.normal(size=(groups * size, dimension))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors.astype(np.float32)


def exact_top_k(vectors: np.ndarray, k: int, floor: float) -> set[tuple[int, int]]:
    """The reference: from all pairs, each row's k most similar others above the floor."""
    by_row: dict[int, list[tuple[float, int]]] = {i: [] for i in range(len(vectors))}
    for i, j, cosine in all_pairs(vectors, floor=floor):
        by_row[i].append((cosine, j))
        by_row[j].append((cosine, i))
    pairs = set()
    for i, others in by_row.items():
        for _, j in sorted(others, key=lambda item: (-item[0], item[1]))[:k]:
            pairs.add((min(i, j), max(i, j)))
    return pairs


def test_exact_search_gives_the_all_pairs_top_k():
    vectors = planted_vectors(40)
    found = {(i, j) for i, j, _ in nearest_neighbour_pairs(vectors, k=5, floor=0.1)}
    assert found == exact_top_k(vectors, k=5, floor=0.1)


def test_approximate_index_finds_the_planted_near_duplicates():
    pytest.importorskip("faiss")
    vectors = planted_vectors(1500)  # 4,500 vectors, forced onto the IVF index below
    index = build_index(vectors, exact_limit=0)
    assert index.kind == "ivf"
    found = {(i, j) for i, j, _ in nearest_neighbour_pairs(vectors, k=5, floor=0.3, exact_limit=0)}
    planted = {(i, j) for i in range(len(vectors)) for j in range(i + 1, i + 3) if j // 3 == i // 3}
    assert min(float(vectors[i] @ vectors[j]) for i, j in planted) > 0.9  # near-duplicates indeed
    assert len(found & planted) / len(planted) >= 0.99
    assert len(found) <= 5 * len(vectors)  # n * k, not n²


def test_search_blocks_can_run_anywhere():
    """A block's answer depends on that block alone, and the index survives pickling (shipping to a worker)."""
    pytest.importorskip("faiss")
    vectors = planted_vectors(1000)
    index = build_index(vectors, exact_limit=0)
    shipped = pickle.loads(pickle.dumps(index))
    whole = merge_pairs(neighbours_of_rows(index, vectors[a:b], a, k=4, floor=0.2) for a, b in row_blocks(len(vectors)))
    piecewise = merge_pairs(
        neighbours_of_rows(shipped, vectors[a : a + 1], a, k=4, floor=0.2) for a in reversed(range(len(vectors)))
    )
    assert [(i, j) for i, j, _ in whole] == [(i, j) for i, j, _ in piecewise]


def test_pairs_grow_linearly_with_the_number_of_units():
    pytest.importorskip("faiss")
    small = len(nearest_neighbour_pairs(planted_vectors(500), k=5, floor=0.3, exact_limit=0))
    large = len(nearest_neighbour_pairs(planted_vectors(2000, seed=1), k=5, floor=0.3, exact_limit=0))
    assert 3.5 <= large / small <= 4.5  # 4x the units, about 4x the pairs (n² would be 16x)


def test_shared_rare_ngrams_pair_an_excerpt_with_its_source():
    texts = [
        "Pyongyang is using this opportunity to gain practical battlefield experience for future conflicts.",
        "gain practical battlefield experience for potential future conflicts",
        "The minister said the talks would resume next week in Geneva.",
        "gain practical battlefield experience",  # same article as the first: never a pair
    ]
    owners = ["a", "b", "c", "a"]
    assert shared_ngram_pairs(texts, owners) == [(0, 1), (1, 3)]


def test_common_ngrams_are_not_blocked_on():
    texts = [f"the minister said on tuesday that item {n} was ready" for n in range(30)]
    owners = [f"article{n}" for n in range(30)]
    assert "minister said on" in ngrams(texts[0])
    assert shared_ngram_pairs(texts, owners, max_units=24) == []  # in every text: too common
    assert len(shared_ngram_pairs(texts[:5], owners[:5], max_units=24)) == 10  # in few: rare enough
