"""The corpus store: articles, quotes and their embeddings in one SQLite file.

    index add   paths -> ingest -> extract -> units -> embed -> store   (indexer.py)
    check       store -> UnitIndex (vectors loaded once) -> top k -> judge  (search.py)
    compare     store -> articles + quotes, embedder primed with stored vectors

The schema is documented in ``quotediff.store.schema.SCHEMA_DOC``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from quotediff.embed import Embedder
from quotediff.ingest import IngestOptions
from quotediff.model import Skipped
from quotediff.store.db import ArticleRow, Store, StoreError, StoreStats, content_hash
from quotediff.store.indexer import IndexSummary, add_articles, add_paths, fill_vectors
from quotediff.store.schema import SCHEMA_DOC, SCHEMA_VERSION
from quotediff.store.search import CheckQuery, Corpus, UnitIndex, run_checks
from quotediff.store.units import check_units, unquoted_reports

__all__ = [
    "SCHEMA_DOC",
    "SCHEMA_VERSION",
    "ArticleRow",
    "CheckQuery",
    "Corpus",
    "IndexSummary",
    "Store",
    "StoreError",
    "StoreStats",
    "UnitIndex",
    "add_articles",
    "add_paths",
    "check_units",
    "content_hash",
    "fill_vectors",
    "run_checks",
    "store_for_run",
    "unquoted_reports",
]


@contextmanager
def store_for_run(
    db: str, paths: Sequence[str], *, embedder: Embedder, ingest_options: IngestOptions | None = None
) -> Iterator[tuple[Store, list[Skipped]]]:
    """The store a ``compare`` or ``check`` runs over: ``paths`` added first, every unit with a vector of the model.

    Yields the store and the inputs that were skipped while adding ``paths``.
    """
    with Store(db, create=bool(paths)) as store:
        skipped = add_paths(store, paths, embedder=embedder, ingest_options=ingest_options).skipped if paths else []
        fill_vectors(store, embedder=embedder)
        yield store, skipped
