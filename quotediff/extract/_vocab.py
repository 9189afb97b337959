"""Word lists written as plain text, one space between words, so long lists stay readable."""

from __future__ import annotations


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())
