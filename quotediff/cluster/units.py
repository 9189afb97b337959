"""Units of comparison: whole quotes and, for quotes of several sentences, each sentence.

Comparing at sentence level is what lets one outlet's single long quote match two
separate quotes of another outlet: each sentence becomes a member that can render a
statement on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from quotediff.model import Member, Quote

# A sentence ends at . ! ? or … followed by space and an upper-case letter, digit or quote mark.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»]?\s+(?=[\"'“‘«„A-Z0-9])")
# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Capt|Maj|Rep|Sen|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|U\.S|U\.K|vs|etc|Prof|Jr|Sr)\.|\b[A-Z]\.)$"
)
_WORD = re.compile(r"\w+(?:[’'\-]\w+)*")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of the sentences of ``text``, trimmed of surrounding space."""
    spans: list[tuple[int, int]] = []
    begin = 0
    for boundary in _SENTENCE_END.finditer(text):
        head = text[begin : boundary.start()]
        if _ABBREVIATION.search(head):
            continue
        spans.append((begin, boundary.start()))
        begin = boundary.end()
    spans.append((begin, len(text)))
    trimmed = []
    for start, end in spans:
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if end - trail > start + lead:
            trimmed.append((start + lead, end - trail))
    return trimmed


def whole_member(quote: Quote) -> Member:
    return Member(id=quote.id, quote=quote.id, article=quote.article, text=quote.text, start=quote.start, end=quote.end)


def part_member(quote: Quote, start: int, end: int) -> Member:
    """The part ``quote.text[start:end]`` of a quote, with offsets into the article."""
    absolute_start, absolute_end = quote.start + start, quote.start + end
    return Member(
        id=f"{quote.id}/{absolute_start}-{absolute_end}",
        quote=quote.id,
        article=quote.article,
        text=quote.text[start:end],
        start=absolute_start,
        end=absolute_end,
    )


def quote_units(quote: Quote, *, min_words: int) -> list[Member]:
    """The members a quote can contribute: itself, plus its sentences when it has several."""
    if word_count(quote.text) < min_words:
        return []
    units = [whole_member(quote)]
    spans = sentence_spans(quote.text)
    if len(spans) > 1:
        units += [part_member(quote, s, e) for s, e in spans if word_count(quote.text[s:e]) >= min_words]
    return units


def overlaps(a: Member, b: Member) -> bool:
    """Two members that share characters of one article cannot render two statements."""
    return a.article == b.article and a.start < b.end and b.start < a.end


def excerpt_view_allowed(units: list[Member]) -> Callable[[Member], bool]:
    """Whether a unit may be matched as containing an excerpt of another text.

    Not for a whole quote that was split into sentences: its sentences are the excerpts,
    and matching one names the part of the quote that renders the statement.
    """
    split = {u.quote for u in units if not u.is_whole_quote}
    return lambda unit: not (unit.is_whole_quote and unit.quote in split)
