"""``add_paths``: ingest -> extract -> units -> embed -> store, only for what the store lacks.

Input is streamed in partitions, and articles are written in batches, one transaction each. A run stopped at any point
(Ctrl-C, kill, power loss) leaves whole batches or nothing; rerunning skips the
articles already stored (by content hash) and completes the rest.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from quotediff.embed import Embedder
from quotediff.extract import extract_quotes
from quotediff.ingest import DEFAULT_PARTITION_ARTICLES, IngestOptions, iter_ingest
from quotediff.model import Article, Member, Quote, Skipped
from quotediff.store.db import Store, StoredArticle, content_hash
from quotediff.store.units import check_units, unquoted_reports

Progress = Callable[[str, int, int], None]

DEFAULT_BATCH = 32


@dataclass(slots=True)
class IndexSummary:
    """What one ``index add`` run did."""

    added: int = 0
    already_stored: int = 0
    quotes: int = 0  # direct quotes of the added articles (statements and fragments)
    unquoted: int = 0  # sentences reported without quote marks
    units: int = 0
    vectors_filled: int = 0  # units stored earlier that got a vector of this run's model
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (ingested id, stored id) when an id was taken
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0


def add_paths(
    store: Store,
    paths: Sequence[str],
    *,
    embedder: Embedder,
    batch_size: int = DEFAULT_BATCH,
    ingest_options: IngestOptions | None = None,
    on_progress: Progress | None = None,
    partition_articles: int = DEFAULT_PARTITION_ARTICLES,
) -> IndexSummary:
    """Add the articles under ``paths`` that the store does not hold yet.

    Input is read a partition at a time (:func:`~quotediff.ingest.iter_ingest`): each is
    extracted, embedded and written before the next is read, so memory does not grow with
    the corpus. Progress is ``("reading", files done, files found)`` as each file is finished
    (the number of articles is known only at the end) and ``("added", articles added so far,
    the same)`` after each partition, so one large JSONL file still shows headway. A duplicate met after its first
    copy was written does not add to that copy's stored metadata.
    """
    started = time.perf_counter()
    summary = IndexSummary()
    reading = (lambda done, total: on_progress("reading", done, total if total is not None else done)) if on_progress else None
    partitions = iter_ingest(
        paths, options=ingest_options, partition_articles=partition_articles, on_progress=reading
    )
    for partition in partitions:
        summary.skipped.extend(partition.skipped)
        _add_new(store, partition.articles, summary, embedder=embedder, batch_size=batch_size)
        if on_progress:
            on_progress("added", summary.added, summary.added)
    summary.vectors_filled = fill_vectors(store, embedder=embedder, batch_size=batch_size * 16)
    summary.seconds = time.perf_counter() - started
    return summary


def add_articles(
    store: Store,
    articles: Sequence[Article],
    *,
    embedder: Embedder,
    batch_size: int = DEFAULT_BATCH,
    on_progress: Progress | None = None,
) -> IndexSummary:
    """``add_paths`` over articles already in memory."""
    started = time.perf_counter()
    summary = IndexSummary()
    _add_new(store, articles, summary, embedder=embedder, batch_size=batch_size, on_progress=on_progress)
    summary.vectors_filled = fill_vectors(store, embedder=embedder, batch_size=batch_size * 16)
    summary.seconds = time.perf_counter() - started
    return summary


def _add_new(
    store: Store,
    articles: Sequence[Article],
    summary: IndexSummary,
    *,
    embedder: Embedder,
    batch_size: int,
    on_progress: Progress | None = None,
) -> None:
    """Extract, embed and write the articles the store lacks, a transaction per batch, counting into ``summary``."""
    new = _new_articles(store, articles, summary)
    for begin in range(0, len(new), batch_size):
        derived = [_derive(article) for article in new[begin : begin + batch_size]]
        units = [unit for _, _, article_units in derived for unit in article_units]
        vectors = embedder.encode([u.text for u in units])
        batch, offset = [], 0
        for article, quotes, article_units in derived:
            batch.append(StoredArticle(article, quotes, article_units, vectors[offset : offset + len(article_units)]))
            offset += len(article_units)
        written = store.add_articles(batch, model=embedder.name)
        summary.added += len(written)
        summary.already_stored += len(batch) - len(written)
        summary.quotes += sum(1 for item in written for q in item.quotes if q.kind != "unquoted")
        summary.unquoted += sum(1 for item in written for q in item.quotes if q.kind == "unquoted")
        summary.units += sum(len(item.units) for item in written)
        if on_progress:
            on_progress("indexing", summary.added, len(new))


def fill_vectors(store: Store, *, embedder: Embedder, batch_size: int = 512) -> int:
    """Give every stored unit a vector of ``embedder``'s model (units stored under another model)."""
    missing = store.units_without_vectors(embedder.name)
    for begin in range(0, len(missing), batch_size):
        chunk = missing[begin : begin + batch_size]
        store.add_vectors([unit for unit, _ in chunk], embedder.encode([text for _, text in chunk]), model=embedder.name)
    return len(missing)


def _new_articles(store: Store, articles: Sequence[Article], summary: IndexSummary) -> list[Article]:
    """The articles whose text the store lacks, each under an id no other stored article has."""
    hashes = [content_hash(a.text) for a in articles]
    known = store.known_hashes(hashes)
    taken = store.taken_ids(a.id for a in articles)
    new: list[Article] = []
    for article, digest in zip(articles, hashes):
        if digest in known:
            summary.already_stored += 1
            continue
        known.add(digest)
        if article.id in taken:  # same file name, other text: keep both, apart
            renamed = f"{article.id}-{digest[:8]}"
            summary.renamed.append((article.id, renamed))
            article = replace(article, id=renamed)
        taken.add(article.id)
        new.append(article)
    return new


def _derive(article: Article) -> tuple[Article, list[Quote], list[Member]]:
    """An article's quotes (unquoted reports included) and the units a check can match."""
    quotes = extract_quotes(article)
    everything = quotes + unquoted_reports(article, quotes)
    return article, everything, check_units(everything)
