"""Ingest: paths, files, folders and standard input -> ``Article`` records.

Reads plain text, HTML (main text via trafilatura), JSON and JSONL; detects encodings;
normalises text (NFC, ``\\n``) so that every later offset refers to ``Article.text``;
fills metadata from sidecar files, the page, or what the text states about itself;
drops duplicate texts; and reports each unusable input as a ``Skipped`` entry.
``iter_ingest`` gives the same as partitions, for archives too large to hold at once
(JSONL files are read a record at a time).
"""

from quotediff.ingest.core import (
    DEFAULT_MAX_BYTES,
    DEFAULT_PARTITION_ARTICLES,
    Ingested,
    IngestOptions,
    NoArticlesError,
    ingest,
    iter_ingest,
    skipped_counts,
)
from quotediff.ingest.problems import SkippedInput

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_PARTITION_ARTICLES",
    "IngestOptions",
    "Ingested",
    "NoArticlesError",
    "SkippedInput",
    "ingest",
    "iter_ingest",
    "skipped_counts",
]
