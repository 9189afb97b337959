"""Word alignment of two token lists: equal, replaced, deleted, inserted and moved runs.

difflib aligns the token keys in order; what it leaves unmatched on both sides at
different places is then searched for moved blocks, so that a phrase that changed place
("real-time reconnaissance" / "reconnaissance ... in real-time") is one move instead of
a deletion and an insertion. A moved block may carry small edits inside it: its words are
matched by key, by WordNet kinship (motherland ~ homeland) or as interchangeable function
words (the ~ my), and it must hold at least one content-word anchor.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from quotediff.align.cues import is_function_word
from quotediff.align.tokens import Token, span_text
from quotediff.lexicon import kinship
from quotediff.model import AlignmentRun

# Local alignment scores for the move search.
CONTENT_MATCH = 2.0
FUNCTION_MATCH = 0.5
KIN_MATCH = 1.5
FUNCTION_SUBSTITUTION = 0.0
MISMATCH = -1.5
GAP = -1.0
MIN_MOVE_SCORE = 2.0


@dataclass(frozen=True, slots=True)
class Piece:
    """An unmatched stretch of one side, and the difflib opcode it came from."""

    opcode: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Move:
    a: tuple[int, int]
    b: tuple[int, int]


def opcodes(a: list[Token], b: list[Token]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes over token keys (no junk heuristics: quotes are short)."""
    matcher = SequenceMatcher(None, [t.key for t in a], [t.key for t in b], autojunk=False)
    return [(str(tag), i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]


def _pair_score(x: Token, y: Token) -> tuple[float, bool]:
    """How well two words match inside a moved block, and whether the match is a content anchor."""
    x_function, y_function = is_function_word(x.key), is_function_word(y.key)
    if x.key == y.key:
        return (FUNCTION_MATCH, False) if x_function else (CONTENT_MATCH, True)
    if x_function and y_function:
        return FUNCTION_SUBSTITUTION, False
    if not x_function and not y_function and kinship(x.key, y.key):
        return KIN_MATCH, True
    return MISMATCH, False


def _best_local_block(a: list[Token], a_piece: Piece, b: list[Token], b_piece: Piece) -> tuple[float, Move] | None:
    """Smith-Waterman over two pieces: the best-scoring block with a content anchor, if any."""
    rows, cols = a_piece.end - a_piece.start, b_piece.end - b_piece.start
    score = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    anchored = [[False] * (cols + 1) for _ in range(rows + 1)]
    origin = [[(0, 0)] * (cols + 1) for _ in range(rows + 1)]
    best: tuple[float, int, int] | None = None
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            pair, anchor = _pair_score(a[a_piece.start + i - 1], b[b_piece.start + j - 1])
            candidates = [
                (score[i - 1][j - 1] + pair, anchored[i - 1][j - 1] or anchor, origin[i - 1][j - 1] if score[i - 1][j - 1] > 0 else (i - 1, j - 1)),
                (score[i - 1][j] + GAP, anchored[i - 1][j], origin[i - 1][j]),
                (score[i][j - 1] + GAP, anchored[i][j - 1], origin[i][j - 1]),
            ]
            value, has_anchor, start = max(candidates, key=lambda c: c[0])
            if value <= 0:
                continue
            score[i][j], anchored[i][j], origin[i][j] = value, has_anchor, start
            if has_anchor and (best is None or value > best[0]):
                best = (value, i, j)
    if best is None or best[0] < MIN_MOVE_SCORE:
        return None
    value, i, j = best
    i0, j0 = origin[i][j]
    return value, Move((a_piece.start + i0, a_piece.start + i), (b_piece.start + j0, b_piece.start + j))


def _unmatched_pieces(codes: list[tuple[str, int, int, int, int]]) -> tuple[list[Piece], list[Piece]]:
    """The stretches of A and of B that difflib left unmatched."""
    a_pieces = [Piece(n, i1, i2) for n, (tag, i1, i2, _, _) in enumerate(codes) if tag != "equal" and i1 < i2]
    b_pieces = [Piece(n, j1, j2) for n, (tag, _, _, j1, j2) in enumerate(codes) if tag != "equal" and j1 < j2]
    return a_pieces, b_pieces


def _split(pieces: list[Piece], piece: Piece, start: int, end: int) -> list[Piece]:
    rest = [p for p in pieces if p != piece]
    if piece.start < start:
        rest.append(Piece(piece.opcode, piece.start, start))
    if end < piece.end:
        rest.append(Piece(piece.opcode, end, piece.end))
    return sorted(rest, key=lambda p: p.start)


def _absorb_leading_function_words(tokens: list[Token], piece: Piece, span: tuple[int, int]) -> tuple[int, int]:
    """Grow a moved block leftwards over unmatched function words of its piece.

    English phrases open with their function words ("in real-time", "with my homeland"),
    so a preposition or article left just before a moved block travelled with it.
    """
    start, end = span
    while start > piece.start and is_function_word(tokens[start - 1].key):
        start -= 1
    return start, end


def find_moves(a: list[Token], b: list[Token], codes: list[tuple[str, int, int, int, int]]) -> tuple[list[Move], list[Piece], list[Piece]]:
    """Moved blocks among the unmatched pieces, greedily best first, and the pieces left over."""
    a_pieces, b_pieces = _unmatched_pieces(codes)
    moves: list[Move] = []
    while True:
        best: tuple[float, Move, Piece, Piece] | None = None
        for a_piece in a_pieces:
            for b_piece in b_pieces:
                if a_piece.opcode == b_piece.opcode:
                    continue  # the same place on both sides: a replacement, not a move
                found = _best_local_block(a, a_piece, b, b_piece)
                if found and (best is None or found[0] > best[0]):
                    best = (found[0], found[1], a_piece, b_piece)
        if best is None:
            return moves, a_pieces, b_pieces
        _, move, a_piece, b_piece = best
        move = Move(_absorb_leading_function_words(a, a_piece, move.a), _absorb_leading_function_words(b, b_piece, move.b))
        moves.append(move)
        a_pieces = _split(a_pieces, a_piece, *move.a)
        b_pieces = _split(b_pieces, b_piece, *move.b)


def _run(op: str, a_text: str, a: list[Token], a_span: tuple[int, int], b_text: str, b: list[Token], b_span: tuple[int, int]) -> AlignmentRun:
    return AlignmentRun(op, span_text(a_text, a, *a_span), span_text(b_text, b, *b_span), a_span, b_span)  # type: ignore[arg-type]


def align_tokens(a_text: str, a: list[Token], b_text: str, b: list[Token], *, detect_moves: bool = True) -> list[AlignmentRun]:
    """The runs of the alignment, in A's order; their A spans tile A and their B spans tile B."""
    codes = opcodes(a, b)
    if detect_moves:
        moves, a_left, b_left = find_moves(a, b, codes)
    else:
        moves, (a_left, b_left) = [], _unmatched_pieces(codes)
    runs: list[AlignmentRun] = []
    for n, (tag, i1, i2, j1, j2) in enumerate(codes):
        if tag == "equal":
            runs.append(_run("equal", a_text, a, (i1, i2), b_text, b, (j1, j2)))
            continue
        a_here = [p for p in a_left if p.opcode == n]
        b_here = [p for p in b_left if p.opcode == n]
        placed: list[AlignmentRun] = [
            _run("move", a_text, a, m.a, b_text, b, m.b) for m in moves if i1 <= m.a[0] < i2
        ]
        # What is left at this place pairs up in order: replacements, then lone deletions or insertions.
        for index in range(max(len(a_here), len(b_here))):
            a_piece = a_here[index] if index < len(a_here) else None
            b_piece = b_here[index] if index < len(b_here) else None
            a_span = (a_piece.start, a_piece.end) if a_piece else ((a_here[-1].end if a_here else i2),) * 2
            b_span = (b_piece.start, b_piece.end) if b_piece else ((b_here[-1].end if b_here else j2),) * 2
            op = "replace" if a_piece and b_piece else "delete" if a_piece else "insert"
            placed.append(_run(op, a_text, a, a_span, b_text, b, b_span))
        runs.extend(sorted(placed, key=lambda r: (r.a_span[0], r.a_span[1] == r.a_span[0])))
    return runs
