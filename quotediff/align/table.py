"""Multi-witness alignment (as in CollateX): one row per witness, one column per aligned position.

Progressive alignment in a canonical order, so the table depends only on the witnesses,
never on the order they are given in: the base is the medoid (the witness closest to all
others, ties broken by id), the others join in order of closeness to the base (then id),
and rows are returned sorted by witness id. Each witness is aligned against the columns
built so far by Needleman-Wunsch: a word joins a column whose words share its key, may
stand as a variant reading in a column it does not match, or opens a new column.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from quotediff.align.tokens import Token, tokenize
from quotediff.model import AlignmentTable

MATCH = 2.0
SUBSTITUTE = -0.5  # a variant reading in an existing column beats two gaps
GAP = -1.0


def _similarity(a: list[Token], b: list[Token]) -> float:
    return SequenceMatcher(None, [t.key for t in a], [t.key for t in b], autojunk=False).ratio()


def _canonical_order(witnesses: dict[str, list[Token]]) -> list[str]:
    ids = sorted(witnesses)
    closeness = {w: sum(_similarity(witnesses[w], witnesses[o]) for o in ids if o != w) for w in ids}
    base = min(ids, key=lambda w: (-round(closeness[w], 9), w))
    rest = sorted((w for w in ids if w != base), key=lambda w: (-round(_similarity(witnesses[base], witnesses[w]), 9), w))
    return [base, *rest]


def _align_to_columns(tokens: list[Token], column_keys: list[set[str]]) -> list[tuple[int | None, int | None]]:
    """Needleman-Wunsch path as (token index or None, column index or None) steps."""
    n, m = len(tokens), len(column_keys)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        score[i][0] = i * GAP
    for j in range(1, m + 1):
        score[0][j] = j * GAP
    for i in range(1, n + 1):
        key = tokens[i - 1].key
        for j in range(1, m + 1):
            pair = MATCH if key in column_keys[j - 1] else SUBSTITUTE
            score[i][j] = max(score[i - 1][j - 1] + pair, score[i - 1][j] + GAP, score[i][j - 1] + GAP)
    path: list[tuple[int | None, int | None]] = []
    i, j = n, m
    while i or j:
        if i and j:
            pair = MATCH if tokens[i - 1].key in column_keys[j - 1] else SUBSTITUTE
            if score[i][j] == score[i - 1][j - 1] + pair:
                path.append((i - 1, j - 1))
                i, j = i - 1, j - 1
                continue
        token_only = i > 0 and (j == 0 or score[i][j] == score[i - 1][j] + GAP)
        if token_only:
            path.append((i - 1, None))
            i -= 1
        else:
            path.append((None, j - 1))
            j -= 1
    return path[::-1]


def alignment_table(witnesses: list[tuple[str, str]]) -> AlignmentTable:
    """Align every witness ``(member id, text)`` into one table (see the module docstring)."""
    tokens = {witness_id: tokenize(text) for witness_id, text in witnesses}
    if not tokens:
        return AlignmentTable(witnesses=[], rows=[], variant_columns=[])
    order = _canonical_order(tokens)
    # Each column maps witness id -> the token it holds there.
    columns: list[dict[str, Token]] = [{order[0]: token} for token in tokens[order[0]]]
    for witness_id in order[1:]:
        path = _align_to_columns(tokens[witness_id], [{t.key for t in column.values()} for column in columns])
        merged: list[dict[str, Token]] = []
        for token_index, column_index in path:
            column = columns[column_index] if column_index is not None else {}
            if token_index is not None:
                column = {**column, witness_id: tokens[witness_id][token_index]}
            merged.append(column)
        columns = merged
    ids = sorted(tokens)
    rows: list[list[str | None]] = [[column[w].text if w in column else None for column in columns] for w in ids]
    variant = [len({column[w].key if w in column else None for w in ids}) > 1 for column in columns]
    return AlignmentTable(witnesses=ids, rows=rows, variant_columns=variant)
