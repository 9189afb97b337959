"""Paragraphs and sentences of an article, with quoted words masked out.

Attribution reads the words around a quote, never inside it: a "said" quoted from
someone is not a cue. The masked text keeps every offset of the article (each quoted
character becomes ``MASK``) but keeps a quote's final . ! ? so that a quoted sentence
still ends the sentence it closes.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from quotediff.extract._vocab import word_set

MASK = "#"
# The dot of an abbreviation ("Dr.", "U.S.", "J. Smith") becomes this one-dot leader in the masked
# text, so that it ends neither a sentence nor a noun phrase. Speakers are read back from the text.
ABBREVIATION_MARK = "\u2024"
_ABBREVIATIONS = word_set("Dr Mr Mrs Ms Prof St Jr Sr Gen Lt Col Capt Sgt Rep Sen Gov Rev Mt Ft Inc Co Corp Ltd vs No")
# Dots are found first (a literal scan is fast), then the word before each is checked.
_DOT = re.compile(r"\.(?=\s|[A-Z]\.)")
_WORD_BEFORE = re.compile(r"(?<!\w)[A-Za-z]{1,4}$")

# A line that is not blank, with the lines it wraps onto: the break follows a letter, comma or
# hyphen and precedes a lowercase letter or a digit.
_PARAGRAPH = re.compile(r"[^\S\n]*\S[^\n]*(?:(?:(?<=[^\W\d_])|(?<=[,-]))\n(?=[a-z0-9\u00df-\u00ff])[^\n]+)*")
# A sentence ends at . ! ? (possibly followed by closing marks) before a capital, or before a quote
# (whose masked words cannot show their capital).
_SENTENCE_END = re.compile(r"[.!?…]+[”\"’'»)\]]*\s+(?=[“\"‘'«„(\[]?[A-Z0-9]|[“\"‘'«„]#)")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Lt|Gen|Col|Capt|Sgt|Rep|Sen|Gov|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
    r"|No|Nos|vs|etc|Inc|Co|Corp|Ltd|Jr|Sr|[A-Z])|\b(?:[A-Z]\.)+[A-Z])$"
)


class Paragraph(NamedTuple):  # a tuple: articles have many paragraphs, and tuples are cheap to make
    start: int
    end: int


def paragraphs(text: str) -> list[Paragraph]:
    """Non-blank lines, as scraped news puts one paragraph on a line.

    A hard-wrapped line is joined to the next one: it ends mid-sentence (a letter, a
    comma or a hyphen) and the next line goes on in lowercase ("… according to\nthe Post").
    """
    return list(map(Paragraph._make, map(re.Match.span, _PARAGRAPH.finditer(text))))


def mask_quotes(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span's characters replaced by MASK, a final . ! ? kept, abbreviation dots marked.

    ``spans`` are (start, end) ranges of quoted words, sorted by start; nested spans lie
    inside their parent, so only the outermost ones need masking.
    """
    pieces: list[str] = []
    done = 0
    for start, end in spans:
        if start < done or end <= start:
            continue
        keep_end = text[end - 1] in ".!?…"
        pieces.append(text[done:start])
        pieces.append(MASK * (end - start - (1 if keep_end else 0)))
        if keep_end:
            pieces.append(text[end - 1])
        done = end
    pieces.append(text[done:])
    return _mark_abbreviations("".join(pieces))


def _mark_abbreviations(text: str) -> str:
    """``text`` with the dot of each abbreviation ("Dr.", "U.S.", "J. Smith") replaced by ABBREVIATION_MARK."""
    marked: list[int] = []
    for dot in _DOT.finditer(text):
        word = _WORD_BEFORE.search(text, max(0, dot.start() - 5), dot.start())
        if word is None:
            continue
        before = word.group()
        after = text[dot.end() : dot.end() + 3]
        is_initial = len(before) == 1 and before.isupper() and (after[:1].isupper() or after[1:2].isupper())
        if before in _ABBREVIATIONS or is_initial:
            marked.append(dot.start())
    pieces: list[str] = []
    done = 0
    for position in marked:
        pieces += (text[done:position], ABBREVIATION_MARK)
        done = position + 1
    pieces.append(text[done:])
    return "".join(pieces)


class Sentences:
    """Sentence boundaries over the masked text, looked up by offset in O(log n)."""

    def __init__(self, masked: str, paragraph_list: list[Paragraph]) -> None:
        self._masked = masked
        self._paragraphs = paragraph_list
        self._paragraph_starts = [p.start for p in paragraph_list]
        self._ends = [p.end for p in paragraph_list]  # paragraphs are in order and apart: already sorted
        # Sentence starts of each paragraph read so far (its own start first): only the
        # paragraphs around quotes are ever read.
        self._starts_within: dict[int, list[int]] = {}

    def _starts_in(self, index: int) -> list[int]:
        starts = self._starts_within.get(index)
        if starts is None:
            paragraph = self._paragraphs[index]
            starts = [paragraph.start]
            for match in _SENTENCE_END.finditer(self._masked, paragraph.start, paragraph.end):
                if not _ABBREVIATION.search(self._masked, max(paragraph.start, match.start() - 12), match.start()):
                    starts.append(match.end())
            self._starts_within[index] = starts
        return starts

    def bounds(self, offset: int) -> tuple[int, int]:
        """(start, end) of the sentence holding ``offset``; end is exclusive and trimmed."""
        paragraph = bisect.bisect_right(self._paragraph_starts, offset) - 1
        following = self._paragraph_starts[paragraph + 1] if paragraph + 1 < len(self._paragraphs) else len(self._masked)
        if paragraph < 0:  # before the first paragraph
            start, next_start = 0, following
        else:
            starts = self._starts_in(paragraph)
            index = bisect.bisect_right(starts, offset) - 1
            start = starts[index]
            next_start = starts[index + 1] if index + 1 < len(starts) else following
        paragraph_end = self._ends[bisect.bisect_left(self._ends, offset)] if self._ends and offset <= self._ends[-1] else len(self._masked)
        end = min(next_start, paragraph_end)
        while end > start and self._masked[end - 1].isspace():
            end -= 1
        return start, end

    def previous(self, offset: int) -> tuple[int, int] | None:
        """The sentence before the one holding ``offset``, if any."""
        start, _ = self.bounds(offset)
        if start == 0:
            return None
        return self.bounds(start - 1)
