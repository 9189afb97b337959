"""Find quotation spans by pairing quote marks, one paragraph at a time.

Every common style is read: straight and curly quotes, guillemets « » ‹ › (either
direction), German „ “ and ‚ ‘, CJK 「 」 『 』. A mark's role (open or close) comes from
its glyph and the characters on either side, so a reversed mark (” opening a quote,
as scraped text sometimes has) still pairs, and an apostrophe (don't, the players'
union) is never taken for a quote mark.

Pairing uses a stack holding at most one open mark per level (double-style and
single-style), so a paragraph is scanned in linear time whatever its marks: a
second opener of a level that is already open replaces the first (the first one
lost its closer), and a closer that matches nothing is ignored. The stack is
emptied at the end of every paragraph, which is how an unbalanced mark is kept
from shifting every later quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum

DOUBLE, SINGLE = "double", "single"


class Role(Enum):
    OPEN = "open"
    CLOSE = "close"
    EITHER = "either"  # straight quote with no telling context: close if one is open


@dataclass(frozen=True, slots=True)
class MarkSpan:
    """A quotation found in one paragraph: marks at ``open`` and ``close`` (exclusive of both)."""

    open: int  # offset of the opening mark
    close: int  # offset of the closing mark, or of the paragraph end when ``closed`` is False
    depth: int  # 0 for a top-level quote, 1 and more when nested in another quote
    closed: bool  # False for a part of a quote that runs on to the next paragraph


@dataclass(slots=True)
class _Open:
    pos: int
    level: str
    closers: str
    depth: int


# Which closing glyphs may end a quote opened by each glyph (straight and curly mixes included).
_CLOSERS: dict[str, str] = {
    "“": "”“\"",
    "”": "”“\"",
    '"': "\"”“",
    "„": "“”\"",
    "‘": "’‘'",
    "'": "'’",
    "‚": "‘’'",
    "«": "»",
    "»": "«»",
    "‹": "›",
    "›": "‹›",
    "「": "」",
    "『": "』",
}
_LEVEL: dict[str, str] = {
    **{ch: DOUBLE for ch in "“”\"„«»「"},
    **{ch: SINGLE for ch in "‘’'‚‹›『"},
}
QUOTE_CHARS = frozenset("“”\"„«»‹›「」『』‘’'‚")
_QUOTE_CHAR = re.compile("[" + re.escape("".join(sorted(QUOTE_CHARS))) + "]")
# Characters after which a mark starts a quote rather than ends one.
_OPENING_CONTEXT = frozenset("([{—–-/:") | frozenset("“„«‹「『‘‚\"'")
# Characters before which a mark ends a quote rather than starts one.
_CLOSING_CONTEXT = frozenset(",.;:!?)]}…—–-") | frozenset("”»›」』’\"'")


def _is_open_side(ch: str) -> bool:
    return ch == "" or ch.isspace() or ch in _OPENING_CONTEXT


def _is_close_side(ch: str) -> bool:
    return ch == "" or ch.isspace() or ch in _CLOSING_CONTEXT


def _role(ch: str, before: str, after: str) -> Role | None:
    """The role a mark plays between ``before`` and ``after`` ("" at a paragraph edge), None if none."""
    if ch in "„‚「『":
        return Role.OPEN
    if ch in "«‹":
        if not _is_open_side(before) and _is_close_side(after):
            return Role.CLOSE  # ends a Danish-style »…« quote
        return Role.OPEN
    if ch in "」』":
        return Role.CLOSE
    if ch in "“‘":
        if before.isalnum() and after.isalnum():
            return None  # a typo'd apostrophe inside a word
        if not _is_open_side(before) and _is_close_side(after):
            return Role.CLOSE  # German „…“ or a reversed closer
        return Role.OPEN
    if ch in "”»›":
        if _is_open_side(before) and after.isalnum():
            return Role.OPEN  # reversed opener (seed 004: fake IDs ”alleging …”)
        return Role.CLOSE
    if ch == '"':
        if _is_open_side(before) and not _is_close_side(after):
            return Role.OPEN
        if not _is_open_side(before) and _is_close_side(after):
            return Role.CLOSE
        return Role.EITHER
    # ’ and ' : an apostrophe unless the context says quote. Korean has no apostrophes: between
    # two Hangul syllables ’ closes a ‘…’ quote before its particle (‘…’고 말했다).
    if ch == "’" and "\uac00" <= before <= "\ud7a3" and "\uac00" <= after <= "\ud7a3":
        return Role.CLOSE
    if before.isalnum() and after.isalnum():
        return None  # don't, Kim’s
    if ch == "'" and _is_open_side(before) and after.isalpha():
        return Role.OPEN
    if _is_open_side(before):
        return None  # elision: ’90s, '90s, ’tis
    return Role.CLOSE  # closes an open single quote, else an apostrophe (the players’ union)


def mark_offsets(text: str) -> list[int]:
    """The offset of every character of ``text`` that may be a quote mark, in order (one scan of the article)."""
    return list(map(re.Match.start, _QUOTE_CHAR.finditer(text)))


def matches_at_marks(pattern: re.Pattern[str], text: str, marks: Iterable[int], first: str) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` gives, for a pattern whose every match opens with one of the marks in ``first``.

    The pattern is tried only at ``marks`` (``mark_offsets(text)``), in order and past each
    match, which spares a scan of the whole text when the marks are already known.
    """
    end = 0
    for offset in marks:
        if offset >= end and text[offset] in first:
            match = pattern.match(text, offset)
            if match:
                yield match
                end = match.end()


def scan_paragraph(text: str, start: int, end: int, marks: Iterable[int], *, runs_on: bool) -> list[MarkSpan]:
    """Quote spans in ``text[start:end]`` (one paragraph), in order of their closing.

    ``marks`` are the offsets of the paragraph's candidate marks (``mark_offsets``), in order.
    ``runs_on`` says the next paragraph opens with a quote mark: a top-level quote left
    open at the end is then a part of a quote running over several paragraphs.
    """
    spans: list[MarkSpan] = []
    stack: list[_Open] = []
    for pos in marks:
        ch = text[pos]
        before = text[pos - 1] if pos > start else ""
        after = text[pos + 1] if pos + 1 < end else ""
        role = _role(ch, before, after)
        if role is None:
            continue
        if role is not Role.OPEN:
            closed = _close(stack, ch, pos)
            if closed is not None:
                spans.append(MarkSpan(closed.pos, pos, closed.depth, True))
                continue
            if role is Role.CLOSE and ch not in "«»‹›":
                continue  # a stray closer: ignored, it shifts nothing
        if ch not in _CLOSERS:
            continue
        _push(stack, _Open(pos, _LEVEL[ch], _CLOSERS[ch], 0))
    if stack:
        spans.extend(_unclosed(text, start, end, stack[0], runs_on=runs_on))
    return spans


def _close(stack: list[_Open], ch: str, pos: int) -> _Open | None:
    """Pop and return the innermost open quote that ``ch`` closes, dropping quotes left open inside it."""
    for index in range(len(stack) - 1, -1, -1):
        if ch in stack[index].closers:
            opened = stack[index]
            del stack[index:]
            return opened
    return None


def _push(stack: list[_Open], opened: _Open) -> None:
    for index, entry in enumerate(stack):
        if entry.level == opened.level:
            del stack[index:]  # the earlier opener of this level lost its closer
            break
    opened.depth = len(stack)
    stack.append(opened)


def _unclosed(text: str, start: int, end: int, outer: _Open, *, runs_on: bool) -> list[MarkSpan]:
    """A top-level quote still open at the paragraph end: a running part, or a lost closer.

    A mark that opens the paragraph, or follows a colon ("said: “…"), is strong evidence of
    a quote whose closer was lost, so the quote is taken to the paragraph end; any other
    mark left open mid-paragraph is dropped.
    """
    before = text[max(start, outer.pos - 8) : outer.pos].rstrip()
    if runs_on or before.endswith(":") or text[start : outer.pos].isspace() or outer.pos == start:
        return [MarkSpan(outer.pos, end, 0, False)]
    return []
