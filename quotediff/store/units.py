"""What a spot check can match in an article: its quotes, their sentences, and the
sentences it reports without quote marks (indirect speech).

Unquoted sentences are candidates for ``check`` only, never for ``compare`` clustering:
a paraphrase in the reporter's own words is worth finding when someone checks a quote,
but it is not a rendering to diff against the others.
"""

from __future__ import annotations

import re

from quotediff.cluster.units import quote_units, sentence_spans, word_count
from quotediff.model import Article, Member, Quote

# A sentence this short outside quotes is a frame ("he said."), not a report of a statement.
UNQUOTED_MIN_WORDS = 6
# Sentences of an article are looked for within paragraphs (blank or single line breaks).
_PARAGRAPH = re.compile(r"[^\n]+")


def unquoted_reports(article: Article, quotes: list[Quote]) -> list[Quote]:
    """The article's sentences that overlap no quoted statement, as quotes of kind "unquoted".

    A sentence holding only a quoted fragment ("called it a “betrayal”") is kept whole:
    the sentence, not the fragment, carries the statement. Offsets are into ``article.text``.
    """
    statements = sorted((q.start, q.end) for q in quotes if q.kind == "statement")
    reports: list[Quote] = []
    for paragraph in _PARAGRAPH.finditer(article.text):
        for start, end in sentence_spans(paragraph.group()):
            start, end = paragraph.start() + start, paragraph.start() + end
            text = article.text[start:end]
            if word_count(text) < UNQUOTED_MIN_WORDS or _overlaps_any(start, end, statements):
                continue
            reports.append(Quote(id=f"{article.id}:u{len(reports) + 1}", article=article.id, text=text, start=start, end=end, kind="unquoted"))
    return reports


def check_units(quotes: list[Quote]) -> list[Member]:
    """Every unit a check scores: each quote whole and, for quotes of several sentences, each sentence."""
    return [unit for quote in quotes for unit in quote_units(quote, min_words=1)]


def _overlaps_any(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    # Quote marks sit just outside a quote's offsets: widen by one character on each side.
    return any(s - 1 < end and start < e + 1 for s, e in spans)
