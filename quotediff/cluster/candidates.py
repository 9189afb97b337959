"""Candidate generation: which unit pairs are worth scoring at all.

Two kinds of blocking, so that the scored pairs grow about as n * k rather than n²:

- each unit is paired with its ``k`` nearest neighbours by embedding cosine (exact search
  for small sets, an approximate index above ``ann.EXACT_LIMIT`` units: ``ann.py``);
- units that share rare word n-grams are paired too (``blocking.py``), which catches the
  short excerpt of a long quote whose embedding sits far from the whole.

The search runs in fixed blocks of rows (``row_blocks``), each independent of the others,
so an engine may run the blocks anywhere and merge them with ``merge_pairs``: the result
is the same. ``all_pairs`` is the exact n² reference the tests compare against.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

from quotediff.cluster.ann import NeighbourIndex, build_index

Pair = tuple[int, int, float]  # i < j, cosine

# Rows per search block. Fixed, not tuned to the number of workers: the block is the unit of
# arithmetic, and the same blocks give the same floating-point results wherever they run.
SEARCH_BLOCK = 2048


def nearest_neighbour_pairs(vectors: np.ndarray, *, k: int, floor: float, exact_limit: int | None = None) -> list[Pair]:
    """Pairs (i, j, cosine) with j among i's k nearest neighbours (or i among j's), cosine >= floor."""
    index = build_index(vectors, exact_limit=exact_limit)
    return merge_pairs(
        neighbours_of_rows(index, vectors[start:stop], start, k=k, floor=floor) for start, stop in row_blocks(len(vectors))
    )


def row_blocks(n: int) -> list[tuple[int, int]]:
    """[start, stop) row ranges of the search, SEARCH_BLOCK rows each."""
    return [(start, min(start + SEARCH_BLOCK, n)) for start in range(0, n, SEARCH_BLOCK)]


def neighbours_of_rows(index: NeighbourIndex, queries: np.ndarray, first_row: int, *, k: int, floor: float) -> list[Pair]:
    """The neighbour pairs of rows ``first_row .. first_row + len(queries)``, self excluded."""
    if len(queries) == 0 or k <= 0:
        return []
    similarities, ids = index.search(queries, k + 1)  # + 1: the row itself comes back too
    pairs: list[Pair] = []
    for offset in range(len(queries)):
        i = first_row + offset
        taken = 0
        for j, cosine in zip(ids[offset].tolist(), similarities[offset].tolist()):
            if j < 0 or j == i:
                continue
            if taken == k:
                break
            taken += 1
            if cosine >= floor:
                pairs.append((min(i, j), max(i, j), cosine))
    return pairs


def merge_pairs(parts: Iterable[list[Pair]]) -> list[Pair]:
    """One entry per unordered pair, sorted; where both directions found it, the first found wins."""
    found: dict[tuple[int, int], float] = {}
    for part in parts:
        for i, j, cosine in part:
            found.setdefault((i, j), cosine)
    return [(i, j, cosine) for (i, j), cosine in sorted(found.items())]


def all_pairs(vectors: np.ndarray, *, floor: float) -> Iterator[Pair]:
    """Every pair above ``floor``: the n² reference for tests and recall measurements."""
    similarities = vectors @ vectors.T
    n = len(vectors)
    for i in range(n):
        for j in range(i + 1, n):
            if similarities[i, j] >= floor:
                yield i, j, float(similarities[i, j])
