"""What the wording of two texts does not share: the view that tells a rendering from a report of more.

Two sentences about one event can be close in meaning (cosine) and in words (rapidfuzz)
and still not state the same thing: one adds a clause, a figure or a name the other
lacks, or negates it. These scores count what is left over, so a reader can check each:

    unshared_more     share of the content words of one text absent from the other (the larger side)
    unshared_less     the same for the other text
    longest_gap       the longest run of words of one text with no counterpart in the other
    other_gap         the longest such run on the other side
    numbers_differ    numbers written in one text only
    names_differ      capitalised words (past the first word) in one text only
    negation_differs  1 when the texts negate a different number of times

Words are compared as written (after ``normalise``): on MRPC train, matching inflections or
WordNet synonyms as well changed nothing and was 30 times slower.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from quotediff.align.cues import is_function_word, negation_count

WORDING_FEATURES = (
    "unshared_more",
    "unshared_less",
    "longest_gap",
    "other_gap",
    "numbers_differ",
    "names_differ",
    "negation_differs",
)

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*")


def wording_scores(a: str, b: str, words_a: list[str], words_b: list[str]) -> dict[str, float]:
    """The WORDING_FEATURES of texts ``a`` and ``b``, whose normalised words are ``words_a`` and ``words_b``."""
    unshared_a, unshared_b = _unshared_share(words_a, words_b), _unshared_share(words_b, words_a)
    gap_a, gap_b = _longest_gaps(words_a, words_b)
    return {
        "unshared_more": max(unshared_a, unshared_b),
        "unshared_less": min(unshared_a, unshared_b),
        "longest_gap": float(max(gap_a, gap_b)),
        "other_gap": float(min(gap_a, gap_b)),
        "numbers_differ": float(len(set(_NUMBER.findall(a)) ^ set(_NUMBER.findall(b)))),
        "names_differ": float(len(_names(a) ^ _names(b))),
        "negation_differs": float(negation_count(words_a) != negation_count(words_b)),
    }


def _unshared_share(words: list[str], others: list[str]) -> float:
    content = [w for w in words if not is_function_word(w)]
    present = set(others)
    return sum(1 for w in content if w not in present) / len(content) if content else 0.0


def _longest_gaps(words_a: list[str], words_b: list[str]) -> tuple[int, int]:
    """Per side, the longest run of words that the word-level diff does not match."""
    gap_a = gap_b = 0
    for op, a_start, a_end, b_start, b_end in SequenceMatcher(None, words_a, words_b, autojunk=False).get_opcodes():
        if op != "equal":
            gap_a, gap_b = max(gap_a, a_end - a_start), max(gap_b, b_end - b_start)
    return gap_a, gap_b


def _names(text: str) -> set[str]:
    """Capitalised words, lower-cased, except the first word (capitalised as a sentence start)."""
    found = _CAPITALISED.findall(text)
    first = re.match(r"\W*([\w'’-]+)", text)
    return {w.lower() for w in found if not (first and w == first.group(1))}
