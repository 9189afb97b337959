"""Candidate generation: which unit pairs are worth scoring at all.

Each unit is paired with its nearest neighbours by embedding cosine, so the number of
scored pairs grows as n * k rather than n². ``all_pairs`` is the exact reference the tests
compare against.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

Pair = tuple[int, int, float]  # i < j, cosine


def nearest_neighbour_pairs(vectors: np.ndarray, *, k: int, floor: float, block: int = 2048) -> list[Pair]:
    """Pairs (i, j, cosine) with j among i's k nearest neighbours (or i among j's), cosine >= floor.

    Exact search in blocks of rows, so memory stays at block x n floats.
    """
    n = len(vectors)
    found: dict[tuple[int, int], float] = {}
    k = min(k, n - 1)
    if k <= 0:
        return []
    for begin in range(0, n, block):
        similarities = vectors[begin : begin + block] @ vectors.T
        for offset, row in enumerate(similarities):
            i = begin + offset
            row[i] = -np.inf
            nearest = np.argpartition(-row, k - 1)[:k] if k < n - 1 else np.arange(n)
            for j in nearest:
                cosine = float(row[j])
                if j != i and cosine >= floor:
                    found[(min(i, int(j)), max(i, int(j)))] = cosine
    return [(i, j, c) for (i, j), c in sorted(found.items())]


def all_pairs(vectors: np.ndarray, *, floor: float) -> Iterator[Pair]:
    """Every pair above ``floor``: the n² reference for tests and recall measurements."""
    similarities = vectors @ vectors.T
    n = len(vectors)
    for i in range(n):
        for j in range(i + 1, n):
            if similarities[i, j] >= floor:
                yield i, j, float(similarities[i, j])
