"""Extraction partitioned over an engine: each article's quotes depend on that article alone."""

from __future__ import annotations

from collections.abc import Sequence

from quotediff.engine import Engine, Progress
from quotediff.extract import extract_quotes
from quotediff.model import Article, Quote

# Articles per task: ~0.5 s of extraction, large enough to dwarf shipping them.
ARTICLES_PER_TASK = 256


def extract_on(engine: Engine, articles: Sequence[Article], *, on_progress: Progress | None = None) -> list[Quote]:
    """The quotes of every article, in article order."""
    chunks = [list(articles[begin : begin + ARTICLES_PER_TASK]) for begin in range(0, len(articles), ARTICLES_PER_TASK)]
    parts = engine.map(extract_articles, chunks, stage="extracting", on_progress=on_progress)
    return [quote for part in parts for quote in part]


def extract_articles(articles: list[Article]) -> list[Quote]:
    return [quote for article in articles for quote in extract_quotes(article)]
