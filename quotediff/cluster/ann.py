"""Nearest-neighbour search over unit embeddings: exact for small sets, approximate for large ones.

Exact search costs n x n dot products, which is what makes clustering quadratic. Above
``EXACT_LIMIT`` units an inverted-file index (faiss IVF: the vectors are split into
k-means cells, and a query scans only the cells of its ``nprobe`` nearest centroids)
scans about nprobe / cells of the vectors instead, so search grows about as n^1.5.

Both searches are deterministic and row-independent: the index is built once, with a
fixed seed, and the answer for a query does not depend on which other queries are asked
with it in the same block. That is what lets the engine split the search across workers
without changing the result. Without faiss installed (``pip install quotediff[scale]``)
the exact search is used at every size: slower, same kind of answer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

# Below this many units exact search takes under a few seconds and is used as is.
EXACT_LIMIT = 20_000
# Cells of about this many vectors each; a query scans NPROBE of them.
CELL_SIZE = 128
NPROBE = 24
# k-means is trained on at most this many vectors per cell (faiss asks for at least 39).
TRAIN_PER_CELL = 48
SEED = 20261123


@dataclass(slots=True)
class NeighbourIndex:
    """What a search needs, picklable so that it can be shipped to workers once."""

    kind: Literal["exact", "ivf"]
    vectors: np.ndarray | None = None  # exact: every vector
    serialized: np.ndarray | None = None  # ivf, when shipped: faiss.serialize_index bytes
    nprobe: int = NPROBE
    _loaded: object | None = field(default=None, repr=False)

    def __getstate__(self) -> tuple[object, ...]:
        # Serialized only when shipped: searched where it was built, the index is used as is
        # (serializing and reading back the 50,000-article bench index took ~1.5 s).
        if self.kind == "ivf" and self.serialized is None:
            import faiss

            self.serialized = faiss.serialize_index(self._loaded)
        return (self.kind, self.vectors, self.serialized, self.nprobe)

    def __setstate__(self, state: tuple[object, ...]) -> None:
        self.kind, self.vectors, self.serialized, self.nprobe = state  # type: ignore[assignment]
        self._loaded = None

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(similarities, ids) of the ``k`` nearest vectors of each query row, nearest first; id -1 pads."""
        if self.kind == "exact":
            assert self.vectors is not None
            return _exact_search(self.vectors, queries, k)
        index = self._faiss_index()
        similarities, ids = index.search(np.ascontiguousarray(queries, dtype=np.float32), k)
        return similarities, ids

    def _faiss_index(self):  # the deserialized faiss index, once per process
        if self._loaded is None:
            import faiss

            self._loaded = faiss.deserialize_index(self.serialized)
            self._loaded.nprobe = self.nprobe
        return self._loaded


def faiss_available() -> bool:
    try:
        import faiss  # noqa: F401
    except ImportError:
        return False
    return True


def build_index(vectors: np.ndarray, *, exact_limit: int | None = None) -> NeighbourIndex:
    """An exact index for up to ``exact_limit`` vectors (default EXACT_LIMIT; or without faiss), an IVF index above."""
    if len(vectors) <= (EXACT_LIMIT if exact_limit is None else exact_limit) or not faiss_available():
        return NeighbourIndex("exact", vectors=vectors)
    import faiss

    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    n, dimension = vectors.shape
    cells = max(1, min(n // CELL_SIZE, int(16 * math.sqrt(n))))
    quantizer = faiss.IndexFlatIP(dimension)
    index = faiss.IndexIVFFlat(quantizer, dimension, cells, faiss.METRIC_INNER_PRODUCT)
    index.cp.seed = SEED
    index.cp.max_points_per_centroid = TRAIN_PER_CELL
    index.train(vectors)
    index.add(vectors)
    index.nprobe = min(NPROBE, cells)
    return NeighbourIndex("ivf", nprobe=index.nprobe, _loaded=index)


def _exact_search(vectors: np.ndarray, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    similarities = queries @ vectors.T
    k = min(k, len(vectors))
    nearest = (
        np.argpartition(-similarities, k - 1, axis=1)[:, :k]
        if k < len(vectors)
        else np.tile(np.arange(len(vectors)), (len(queries), 1))
    )
    chosen = np.take_along_axis(similarities, nearest, axis=1)
    order = np.lexsort((nearest, -chosen), axis=1)  # nearest first, ties by id: no arbitrary order
    return np.take_along_axis(chosen, order, axis=1), np.take_along_axis(nearest, order, axis=1)
