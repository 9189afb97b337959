"""Word alignment runs laid back onto a rendering's own text, as marked segments.

An aligner reports runs of words (equal, replaced, deleted, inserted, moved) with token
spans. Renderers need the opposite view: the text as the article printed it, cut into
pieces marked by what happened to them. Each run is placed by its token span when the
characters there are its words, else by a whole-word search, so highlights keep the
article's own spelling, spacing and punctuation; what no run covers stays unchanged text,
except the rest of a longer quote around a contained statement, which is marked outside.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from quotediff.align.tokens import Token, tokenize
from quotediff.model import AlignmentRun

# "outside": words of a longer quote around the part that renders the statement (a partial match).
SegmentKind = Literal["same", "deleted", "inserted", "replaced_old", "replaced_new", "moved", "outside"]

_NO_SPACE_BEFORE = re.compile(r"^[,.;:!?…’”)\]]")
_NO_SPACE_AFTER = re.compile(r"[“‘(\[]$")


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a rendering's text and how it differs from the other side."""

    text: str
    kind: SegmentKind


def side_segments(runs: Sequence[AlignmentRun], side: Literal["a", "b"], text: str) -> list[Segment]:
    """One side of an alignment as segments of ``text`` itself.

    Runs are placed in that side's own word order (a moved run sits where that side has
    it), and each run's words are found in ``text`` in order, so the segments keep the
    original characters, punctuation the aligner skipped included.
    """
    kinds = _SIDE_KINDS[side]
    picked = [r for r in runs if (r.a if side == "a" else r.b).strip()]
    picked.sort(key=lambda r: (r.a_span if side == "a" else r.b_span)[0])
    return _place(
        [_Piece(r.a if side == "a" else r.b, kinds[r.op], True, r.a_span if side == "a" else r.b_span) for r in picked],
        text,
    )


def merged_segments(runs: Sequence[AlignmentRun], text: str) -> list[Segment]:
    """The alignment as one line of B's text (``text``), with A's deleted and replaced words put back in.

    Runs are taken in B's order: a deletion sits where B lost the words, a replacement
    shows A's words before B's, and a moved run is marked where B has it.
    """
    pieces: list[_Piece] = []
    ordered = sorted(runs, key=lambda r: (r.b_span[0], r.b_span[0] != r.b_span[1]))
    for run in ordered:
        if run.op in ("delete", "replace") and run.a.strip():
            pieces.append(_Piece(run.a, "deleted" if run.op == "delete" else "replaced_old", False))
        if run.op != "delete" and run.b.strip():
            pieces.append(_Piece(run.b, _SIDE_KINDS["b"][run.op], True, run.b_span))
    return _place(pieces, text)


@dataclass(frozen=True, slots=True)
class _Piece:
    words: str
    kind: SegmentKind
    in_text: bool  # the words are in the text being shown (else they come from the other side)
    span: tuple[int, int] | None = None  # token offsets into the text being shown


_SIDE_KINDS: dict[str, dict[str, SegmentKind]] = {
    "a": {"equal": "same", "delete": "deleted", "replace": "replaced_old", "move": "moved", "insert": "inserted"},
    "b": {"equal": "same", "insert": "inserted", "replace": "replaced_new", "move": "moved", "delete": "deleted"},
}


def _place(pieces: list[_Piece], text: str) -> list[Segment]:
    """Lay pieces over ``text``: found words keep the text's characters, foreign words are spliced in.

    A piece is placed by its token span (the aligner's own tokenizer maps it to characters)
    when the characters there are the piece's words, else by searching its words, whole,
    after the previous piece. When neither finds them (an aligner that normalised the
    words), the pieces are shown as the aligner wrote them, joined by spaces.
    """
    if not pieces:
        return [Segment(text, "same")] if text else []
    tokens = tokenize(text)
    segments: list[Segment] = []
    cursor = 0
    for piece in pieces:
        if not piece.in_text:
            segments.append(Segment(_tidy_spacing(piece.words), piece.kind))
            continue
        found = _by_span(piece, tokens, text, cursor) or _by_search(piece.words, text, cursor)
        if found is None:
            return _merge_adjacent([Segment(_tidy_spacing(p.words), p.kind) for p in pieces], spaced=True)
        start, end = found
        if start > cursor:
            segments += _gap(text[cursor:start], at_edge=not segments)
        segments.append(Segment(text[start:end], piece.kind))
        cursor = end
    if cursor < len(text):
        segments += _gap(text[cursor:], at_edge=True)
    return _merge_adjacent(_space_spliced(segments, [p for p in pieces if not p.in_text]), spaced=False)


def _by_span(piece: _Piece, tokens: list[Token], text: str, cursor: int) -> tuple[int, int] | None:
    if piece.span is None:
        return None
    first, last = piece.span[0], piece.span[1] - 1
    if not 0 <= first <= last < len(tokens):
        return None
    start, end = tokens[first].start, tokens[last].end
    if start < cursor or text[start:end].casefold() != piece.words.strip().casefold():
        return None
    return start, end


def _by_search(words: str, text: str, cursor: int) -> tuple[int, int] | None:
    start = end = cursor
    for position, word in enumerate(words.split()):
        pattern = (
            ("(?<!\\w)" if word[0].isalnum() else "") + re.escape(word) + ("(?!\\w)" if word[-1].isalnum() else "")
        )
        match = re.compile(pattern, re.IGNORECASE).search(text, end)
        if match is None:
            return None
        if position == 0:
            start = match.start()
        end = match.end()
    return start, end


def _gap(text: str, *, at_edge: bool) -> list[Segment]:
    """Text between aligned words: punctuation, or at either end the rest of a longer quote."""
    if not (at_edge and re.search(r"\w", text)):
        return [Segment(text, "same")]
    core = text.strip()
    lead, trail = text[: text.index(core)], text[text.index(core) + len(core) :]
    parts: tuple[tuple[str, SegmentKind], ...] = ((lead, "same"), (core, "outside"), (trail, "same"))
    return [Segment(part, kind) for part, kind in parts if part]


def _space_spliced(segments: list[Segment], spliced: list[_Piece]) -> list[Segment]:
    """Put word spaces around words spliced in from the other side, where the text has none."""
    if not spliced:
        return segments
    spliced_kinds = {p.kind for p in spliced}
    spaced: list[Segment] = []
    for segment in segments:
        previous = spaced[-1] if spaced else None
        touches_splice = segment.kind in spliced_kinds or (previous is not None and previous.kind in spliced_kinds)
        if (
            touches_splice
            and previous is not None
            and not previous.text[-1:].isspace()
            and not segment.text[:1].isspace()
            and not _NO_SPACE_BEFORE.match(segment.text)
            and not _NO_SPACE_AFTER.search(previous.text)
        ):
            spaced.append(Segment(" ", "same"))
        spaced.append(segment)
    return spaced


def _tidy_spacing(words: str) -> str:
    """Undo a tokenizer's spacing: "homeland ," -> "homeland,"."""
    words = re.sub(r"\s+([,.;:!?…’”)\]])", r"\1", words.strip())
    return re.sub(r"([“‘(\[])\s+", r"\1", words)


def _merge_adjacent(segments: list[Segment], *, spaced: bool) -> list[Segment]:
    """Concatenate neighbouring unchanged segments; ``spaced`` first puts word spaces between segments."""
    if spaced:
        spaced_segments: list[Segment] = []
        for segment in segments:
            previous = spaced_segments[-1].text if spaced_segments else ""
            if previous and not _NO_SPACE_BEFORE.match(segment.text) and not _NO_SPACE_AFTER.search(previous):
                spaced_segments.append(Segment(" ", "same"))
            spaced_segments.append(segment)
        segments = spaced_segments
    merged: list[Segment] = []
    for segment in segments:
        if merged and merged[-1].kind == segment.kind == "same":
            merged[-1] = Segment(merged[-1].text + segment.text, "same")
        else:
            merged.append(segment)
    return merged
