"""Whether one text is an excerpt of the other, and where in the longer one it sits.

A quote often appears whole in one article and cut in another. Aligning the excerpt
against the whole would report the cut-away words as omissions; instead the excerpt is
aligned against the window of the longer text it matches, and the rest is context.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from quotediff.align.tokens import Token

MIN_CONTEXT_WORDS = 3  # fewer unmatched words around the window is an omission, not an excerpt
MIN_CONTEXT_SHARE = 0.2  # ... and so is context under this share of the longer text
MIN_MATCHED_SHARE = 0.6  # of the excerpt's words that must match inside the window


def excerpt_window(short: list[Token], long: list[Token]) -> tuple[int, int] | None:
    """The token window [start, end) of ``long`` that ``short`` is an excerpt of, or None."""
    if not short or len(long) - len(short) < MIN_CONTEXT_WORDS:
        return None
    matcher = SequenceMatcher(None, [t.key for t in short], [t.key for t in long], autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    if not blocks:
        return None
    # Keep the densest chain of blocks: a stray match far away must not stretch the window.
    max_gap = max(MIN_CONTEXT_WORDS, len(short) // 2)
    chains: list[list] = [[blocks[0]]]
    for block in blocks[1:]:
        previous = chains[-1][-1]
        if block.b - (previous.b + previous.size) <= max_gap:
            chains[-1].append(block)
        else:
            chains.append([block])
    chain = max(chains, key=lambda c: sum(block.size for block in c))
    matched = sum(block.size for block in chain)
    if matched < MIN_MATCHED_SHARE * len(short):
        return None
    first, last = chain[0], chain[-1]
    # Unmatched words at the excerpt's edges still have their counterparts inside the window.
    start = max(0, first.b - first.a)
    end = min(len(long), last.b + last.size + (len(short) - last.a - last.size))
    context = start + (len(long) - end)
    if context < MIN_CONTEXT_WORDS or context < MIN_CONTEXT_SHARE * len(long):
        return None
    return start, end
