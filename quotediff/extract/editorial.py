"""Editorial marks inside a quote: an ellipsis (words left out), a [bracketed insertion], [sic]."""

from __future__ import annotations

import re
from typing import Literal

from quotediff.model import EditorialMark

# One pass over the quote: [sic] before other brackets, ellipses as … or three spaced dots,
# optionally bracketed ([…], [...]). Brackets never span a line or more than 80 characters.
_EDITORIAL = re.compile(
    r"(?P<sic>\[\s*sic!?\s*\])"
    r"|(?P<ellipsis>\[\s*(?:…|\.\s?\.\s?\.)\s*\]|…|\.\s?\.\s?\.)"
    r"|(?P<insertion>\[[^\[\]\n]{1,80}\])",
    re.IGNORECASE,
)


_KIND: dict[str, Literal["ellipsis", "insertion", "sic"]] = {"sic": "sic", "ellipsis": "ellipsis", "insertion": "insertion"}


def editorial_marks(text: str, start: int, end: int) -> list[EditorialMark]:
    """The editorial marks in ``text[start:end]``, with offsets into ``text``."""
    marks: list[EditorialMark] = []
    quoted = text[start:end]
    if "[" not in quoted and "…" not in quoted and ".." not in quoted and ". ." not in quoted:
        return marks  # most quotes: no mark, no scan
    for match in _EDITORIAL.finditer(text, start, end):
        kind = _KIND[str(match.lastgroup)]
        marks.append(EditorialMark(kind=kind, start=match.start(), end=match.end(), text=match.group()))
    return marks
