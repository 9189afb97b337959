"""Extraction partitioned over an engine: each article's quotes depend on that article alone.

Language tagging rides along (the language of an article and of each of its quotes, which
``compare`` records): identifying a language costs about as much as extracting the quotes.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from quotediff.engine import Engine, Progress
from quotediff.engine.local import LocalEngine
from quotediff.extract import extract_quotes
from quotediff.language import preload_models, tag_languages
from quotediff.model import Article, Quote

# Articles per task: ~0.5 s of extraction, large enough to dwarf shipping them.
ARTICLES_PER_TASK = 256

# What tagging sets on an article: its language and where that came from.
Tagged = tuple[str | None, str | None]


def extract_on(engine: Engine, articles: Sequence[Article], *, on_progress: Progress | None = None) -> list[Quote]:
    """The quotes of every article, in article order, with the languages of articles and quotes tagged."""
    chunks = [list(articles[begin : begin + ARTICLES_PER_TASK]) for begin in range(0, len(articles), ARTICLES_PER_TASK)]
    if isinstance(engine, LocalEngine):  # its workers run here or are forked from here: they find the models loaded
        began = time.perf_counter()
        preload_models(article.text for article in articles)
        engine.metrics["extracting_seconds"] = engine.metrics.get("extracting_seconds", 0.0) + time.perf_counter() - began
    parts = engine.map(extract_articles, chunks, stage="extracting", on_progress=on_progress)
    quotes = []
    for chunk, (found, tagged) in zip(chunks, parts):
        for article, (language, source) in zip(chunk, tagged):  # a worker tagged its own copy of the article
            article.language = language
            if source is not None:
                article.metadata_source["language"] = source
        quotes += found
    return quotes


def extract_articles(articles: list[Article]) -> tuple[list[Quote], list[Tagged]]:
    quotes = []
    for article in articles:
        found = extract_quotes(article)
        tag_languages([article], found)
        quotes += found
    return quotes, [(article.language, article.metadata_source.get("language")) for article in articles]
