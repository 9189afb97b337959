"""What the wording of two texts does not share: the view that tells a rendering from a report of more.

Two sentences about one event can be close in meaning (cosine) and in words (rapidfuzz)
and still not state the same thing: one adds a clause or a figure the other lacks, or
negates it. These scores count what is left over, so a reader can check each:

    longest_gap       the longest run of words of either text with no counterpart in the other
    numbers_differ    numbers written in one text only
    negation_differs  1 when the texts negate a different number of times

Each can only lower the probability (the fitted weights are negative). Scores that MRPC
also rewarded with a positive weight, through their overlap with the rapidfuzz ratios
(shares of unshared content words, names in one text only), are left out: a short excerpt
that shares no word would have gained from them.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from quotediff.align.cues import negation_count

WORDING_FEATURES = ("longest_gap", "numbers_differ", "negation_differs")

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def wording_scores(a: str, b: str, words_a: list[str], words_b: list[str]) -> dict[str, float]:
    """The WORDING_FEATURES of texts ``a`` and ``b``, whose normalised words are ``words_a`` and ``words_b``."""
    return {
        "longest_gap": float(_longest_gap(words_a, words_b)),
        "numbers_differ": float(len(set(_NUMBER.findall(a)) ^ set(_NUMBER.findall(b)))),
        "negation_differs": float(negation_count(words_a) != negation_count(words_b)),
    }


def _longest_gap(words_a: list[str], words_b: list[str]) -> int:
    """The longest run of words, on either side, that the word-level diff leaves unmatched."""
    opcodes = SequenceMatcher(None, words_a, words_b, autojunk=False).get_opcodes()
    return max((max(a_end - a_start, b_end - b_start) for op, a_start, a_end, b_start, b_end in opcodes if op != "equal"), default=0)
