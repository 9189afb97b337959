"""Compare two renderings of one statement: alignment, typed changes, verdict, drift."""

from __future__ import annotations

from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache

from quotediff.align.classify import judge_alignment
from quotediff.align.containment import excerpt_window
from quotediff.align.diff import align_tokens
from quotediff.align.tokens import Token, tokenize
from quotediff.align.verdict import judge_pair
from quotediff.model import AlignmentRun, Change, Comparison, Verdict


def _shift_span(span: tuple[int, int] | None, offset: int) -> tuple[int, int] | None:
    return None if span is None else (span[0] + offset, span[1] + offset)


def _shift_runs(runs: list[AlignmentRun], a_offset: int, b_offset: int) -> list[AlignmentRun]:
    return [AlignmentRun(r.op, r.a, r.b, (r.a_span[0] + a_offset, r.a_span[1] + a_offset), (r.b_span[0] + b_offset, r.b_span[1] + b_offset)) for r in runs]


def _shift_changes(changes: list[Change], a_offset: int, b_offset: int) -> None:
    for change in changes:
        change.a_span = _shift_span(change.a_span, a_offset)
        change.b_span = _shift_span(change.b_span, b_offset)


# Quote marks and spaces at the window's edge belong to neither the excerpt nor its context.
_EDGE = " \t\n\"'\u201c\u201d\u2018\u2019"


def _context(text: str, tokens: list[Token], window: tuple[int, int], side: str) -> dict[str, str]:
    start, end = window
    context = {}
    if start > 0:
        context[f"{side}_before"] = text[: tokens[start].start].rstrip(_EDGE).lstrip()
    if end < len(tokens):
        context[f"{side}_after"] = text[tokens[end - 1].end :].lstrip(_EDGE).rstrip()
    return context


def compare_texts(a: str, b: str, *, a_id: str = "a", b_id: str = "b", scores: dict[str, float] | None = None) -> Comparison:
    """Align two renderings word by word, type every change, and judge the pair.

    When one text is an excerpt of the other, the excerpt is aligned against the matching
    window of the longer text, whose remaining words become ``context`` (``a_before``,
    ``a_after`` or ``b_before``, ``b_after``) rather than omissions. Token spans in the
    alignment and the changes always index the full token lists of ``a`` and ``b``.
    ``scores`` from the caller are kept; ``token_ratio`` (difflib over word keys, within
    the aligned window) and ``drift`` are added.
    """
    judged = _judge_texts(a, b)
    all_scores = dict(scores or {})
    all_scores["token_ratio"] = judged.token_ratio
    all_scores["drift"] = judged.drift
    return Comparison(
        a=a_id,
        b=b_id,
        verdict=judged.verdict,
        drift=judged.drift,
        scores=all_scores,
        reason=judged.reason,
        changes=[replace(change) for change in judged.changes],  # copies: callers may edit what they get
        alignment=[replace(run) for run in judged.alignment],
        context=dict(judged.context),
    )


@dataclass(frozen=True, slots=True)
class _Judged:
    """What comparing two texts finds, whoever's renderings they are (never handed out: see compare_texts)."""

    verdict: Verdict
    drift: float
    reason: str
    changes: tuple[Change, ...]
    alignment: tuple[AlignmentRun, ...]
    context: dict[str, str]
    token_ratio: float


# The same two texts meet more than once in a cluster: as members, when grouping renderings,
# and as renderings in the stemma. Judging them depends on the texts alone.
@lru_cache(maxsize=4096)
def _judge_texts(a: str, b: str) -> _Judged:
    a_tokens, b_tokens = tokenize(a), tokenize(b)
    a_window, b_window = (0, len(a_tokens)), (0, len(b_tokens))
    context: dict[str, str] = {}
    if len(a_tokens) > len(b_tokens):
        window = excerpt_window(b_tokens, a_tokens)
        if window:
            a_window, context = window, _context(a, a_tokens, window, "a")
    elif len(b_tokens) > len(a_tokens):
        window = excerpt_window(a_tokens, b_tokens)
        if window:
            b_window, context = window, _context(b, b_tokens, window, "b")
    a_part, b_part = a_tokens[slice(*a_window)], b_tokens[slice(*b_window)]

    runs = align_tokens(a, a_part, b, b_part)
    judged = judge_alignment(runs, a, a_part, b, b_part)
    verdict, drift, reason = judge_pair(judged, excerpt=bool(context))
    changes = [j.change for j in judged]
    _shift_changes(changes, a_window[0], b_window[0])
    token_ratio = round(SequenceMatcher(None, [t.key for t in a_part], [t.key for t in b_part], autojunk=False).ratio(), 4)
    return _Judged(verdict, drift, reason, tuple(changes), tuple(_shift_runs(runs, a_window[0], b_window[0])), context, token_ratio)
