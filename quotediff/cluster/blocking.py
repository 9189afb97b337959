"""Blocking by shared rare word n-grams: the pairs that nearest-neighbour search can miss.

A six-word excerpt of a forty-word quote shares its words, in order, with the quote, but
its embedding can sit far from the quote's: in a large corpus dozens of other sentences
are nearer. Here every unit is cut into word n-grams (after the same normalisation as the
lexical features), and two units of different articles that share at least
``min_shared`` n-grams held by few units become a candidate pair.

Containment, not resemblance: MinHash estimates Jaccard similarity, which is low for a
short excerpt inside a long text, so a posting list of rare n-grams serves better. Common
n-grams ("said on tuesday that") are dropped by ``max_units``, which also bounds the work:
at most max_units² pairs per n-gram, so the pairs grow linearly with the number of units.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from quotediff.cluster.features import normalise

NGRAM = 3
MAX_UNITS = 24  # an n-gram in more units than this is too common to block on
MIN_SHARED = 2


def ngrams(text: str, n: int = NGRAM) -> set[str]:
    """The distinct word n-grams of ``text`` after normalisation (lower case, no punctuation)."""
    words = normalise(text).split()
    return {" ".join(words[k : k + n]) for k in range(len(words) - n + 1)}


def shared_ngram_pairs(
    texts: Sequence[str],
    owners: Sequence[str],
    *,
    n: int = NGRAM,
    max_units: int = MAX_UNITS,
    min_shared: int = MIN_SHARED,
) -> list[tuple[int, int]]:
    """Pairs (i < j) of units with different owners (articles) sharing >= ``min_shared`` rare n-grams."""
    postings: dict[str, list[int]] = defaultdict(list)
    for index, text in enumerate(texts):
        for gram in ngrams(text, n):
            postings[gram].append(index)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for units in postings.values():
        if not 2 <= len(units) <= max_units:
            continue
        for x, i in enumerate(units):
            for j in units[x + 1 :]:
                if owners[i] != owners[j]:
                    shared[(i, j)] += 1
    return sorted(pair for pair, count in shared.items() if count >= min_shared)
