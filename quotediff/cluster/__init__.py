"""The cluster stage: group the quotes (or parts of quotes) that render one statement.

    units      quotes and their sentences                   (units.py)
    candidates nearest neighbours by embedding cosine        (candidates.py)
    scores     lexical + semantic + containment views        (features.py)
    reading    a cross-encoder, where those are uncertain    (cross_encoder.py)
    groups     cohesive agglomeration, no chaining           (graph.py)

Every group keeps the scores of all its member pairs and the reason it was joined.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from rapidfuzz import fuzz

from quotediff.cluster.cross_encoder import read_pair
from quotediff.cluster.features import (
    Calibration,
    join_reason,
    load_calibration,
    needs_reading,
    pair_scores,
    settled,
    with_reading,
)
from quotediff.cluster.units import quote_units
from quotediff.embed import Embedder
from quotediff.engine import Engine
from quotediff.engine.local import LocalEngine
from quotediff.model import Member, Quote
from quotediff.settings import Settings

__all__ = ["ScoredGroup", "group_quotes", "score_texts", "settle"]

# Below this length ratio a pair is also scored as an excerpt against the best-matching window;
# so is a pair where one text has a clause (this many words in a row) the other lacks, which
# the whole view counts against it (longest_gap) and the window leaves out.
_EXCERPT_LENGTH_RATIO = 0.75
_EXCERPT_MIN_GAP = 4
_EXCERPT_MIN_PARTIAL = 0.6

Progress = Callable[[str, int, int], None]


@dataclass(slots=True)
class ScoredGroup:
    """Members judged to render one statement, with the scores of every member pair."""

    members: list[Member]
    scores: dict[tuple[str, str], dict[str, float]]  # (member id a, member id b) -> scores
    cohesion: float
    reason: str
    repeats: list[str]


class Encoder(Protocol):
    """What scoring needs of an embedder: vectors for texts (``Embedder``, or a lookup of vectors)."""

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def score_texts(
    a: str, b: str, embedder: Encoder, *, cosine: float | None = None, excerpt: bool = True, read: bool = True, threshold: float | None = None
) -> dict[str, float]:
    """Same-statement scores of two texts: the features, then what ``settle`` adds.

    ``excerpt=False`` leaves the excerpt view out: for a quote already split into sentence
    units, the sentences are the excerpts. ``read=False`` leaves out the cross-encoder (a dry
    run). ``threshold`` is the join threshold (default: the calibrated one).
    """
    if cosine is None:
        va, vb = embedder.encode([a, b])
        cosine = float(va @ vb)
    calibration = load_calibration()
    threshold = calibration.threshold if threshold is None else threshold
    whole = pair_scores(a, b, cosine, calibration)
    return settle(a, b, whole, embedder, calibration=calibration, threshold=threshold, excerpt=excerpt, read=read)


def settle(
    a: str,
    b: str,
    whole: dict[str, float],
    embedder: Encoder,
    *,
    calibration: Calibration,
    threshold: float,
    excerpt: bool = True,
    read: bool = True,
) -> dict[str, float]:
    """The views after the features (``whole``), cheapest first, each only while the pair is still open.

    A pair the features join outside the uncertain band is settled. Otherwise the excerpt
    view (when one text is much shorter, or has a clause the other lacks) scores the shorter
    text against its best-matching window of the longer; if that joins the pair, it is
    settled too. Otherwise, if the features' p is in the band, the cross-encoder reads the
    two whole texts, and its model's p replaces theirs. The pair's ``p`` is the higher of the
    whole texts' and the excerpt's.
    """
    if settled(whole, calibration, threshold):
        return whole
    as_excerpt = _excerpt_scores(a, b, embedder) if excerpt_view_applies(whole, excerpt) else None
    if read and needs_reading(whole, calibration) and (as_excerpt is None or as_excerpt["p"] < threshold):
        whole = with_reading(whole, read_pair(a, b, calibration.reading.adapter), calibration)  # type: ignore[union-attr]
    if as_excerpt is None or as_excerpt["p"] <= whole["p"]:
        return whole
    return {**whole, "p_whole": whole["p"], "p_excerpt": as_excerpt["p"], "cosine_excerpt": as_excerpt["cosine"], "p": as_excerpt["p"]}


def _excerpt_scores(a: str, b: str, embedder: Encoder) -> dict[str, float]:
    """The features of the shorter text against its window of the longer.

    The cross-encoder reads whole texts only: a window is cut at a character alignment, and
    a model fine-tuned on pairs of sentences has no sound opinion of such fragments.
    """
    short, long = sorted((a, b), key=len)
    window = best_window(short, long)
    vs, vw = embedder.encode([short, window])
    return pair_scores(short, window, float(vs @ vw))


def excerpt_view_applies(scores: dict[str, float], excerpt: bool = True) -> bool:
    """Whether a pair with these whole-text scores is also scored as an excerpt (see score_texts)."""
    longer = scores["length_ratio"] < _EXCERPT_LENGTH_RATIO or scores.get("longest_gap", 0.0) >= _EXCERPT_MIN_GAP
    return excerpt and longer and scores["partial"] >= _EXCERPT_MIN_PARTIAL


def best_window(short: str, long: str) -> str:
    """The words of ``long`` that best match ``short`` (rapidfuzz alignment, widened to whole words)."""
    alignment = fuzz.partial_ratio_alignment(short.lower(), long.lower())
    start, end = alignment.dest_start, alignment.dest_end
    while start > 0 and long[start - 1].isalnum():
        start -= 1
    while end < len(long) and long[end].isalnum():
        end += 1
    return long[start:end]


def candidate_floor(settings: Settings) -> float:
    """The cosine below which a neighbour is not scored: the setting, else the model calibration's."""
    return settings.candidate_floor if settings.candidate_floor is not None else load_calibration(settings.model).candidate_floor


def group_quotes(
    quotes: Sequence[Quote],
    *,
    embedder: Embedder,
    settings: Settings,
    on_progress: Progress | None = None,
    engine: Engine | None = None,
) -> list[ScoredGroup]:
    """Cluster the statements among ``quotes`` across articles.

    Embedding, candidate generation, pair scoring and the grouping run on ``engine`` (this
    process by default).
    """
    units = [u for q in quotes if q.kind != "fragment" for u in quote_units(q, min_words=settings.min_words)]
    if len(units) < 2:
        return []
    calibration = load_calibration()
    join_threshold = settings.join_threshold if settings.join_threshold is not None else calibration.threshold
    cohesion_threshold = settings.cohesion_threshold if settings.cohesion_threshold is not None else join_threshold
    from quotediff.engine.clustering import (
        score_candidate_links,  # the engine builds on this package
    )
    from quotediff.engine.grouping import group_on

    engine = engine or LocalEngine()
    scored_links = score_candidate_links(
        units,
        embedder=embedder,
        neighbours=settings.neighbours,
        floor=candidate_floor(settings),
        join_threshold=join_threshold,
        engine=engine,
        on_progress=on_progress,
    )
    groups = group_on(
        engine,
        units,
        scored_links,
        join_threshold=join_threshold,
        cohesion_threshold=cohesion_threshold,
        model=embedder.name,
        on_progress=on_progress,
    )

    scored = []
    for group in groups:
        members = [units[i] for i in group.units]
        if not settings.include_single_article and len({m.article for m in members}) < 2:
            continue
        pair_scores_by_id = {(units[i].id, units[j].id): scores for (i, j), scores in group.scores.items()}
        cohesion = float(np.mean([s["p"] for s in pair_scores_by_id.values()]))
        i, j = group.joins[0]
        reason = f"joined by {units[i].id} ~ {units[j].id}, " + join_reason(group.scores[(min(i, j), max(i, j))], join_threshold)
        reason += f"; {len(group.joins)} link(s), cohesion {cohesion:.2f}"
        scored.append(ScoredGroup(members, pair_scores_by_id, cohesion, reason, _repeats(members)))
    return _drop_sentence_echoes(scored)


def _repeats(members: list[Member]) -> list[str]:
    """Members whose article already has an earlier member in the group."""
    seen: set[str] = set()
    repeats = []
    for member in sorted(members, key=lambda m: (m.article, m.start)):
        if member.article in seen:
            repeats.append(member.id)
        seen.add(member.article)
    return repeats


def _drop_sentence_echoes(groups: list[ScoredGroup]) -> list[ScoredGroup]:
    """Drop a group of sentences whose whole quotes already form another group together.

    When two outlets quote the same three sentences, the whole quotes cluster, and so do
    each pair of sentences; the sentence groups add nothing.
    """
    # A group whose quotes are all whole members of another holds any one of them, the first
    # by id, say: only those groups are looked at, not every group (that was quadratic:
    # 2.9 million set comparisons, 1.6 s, at 50,000 bench articles).
    holding: dict[str, list[set[str]]] = defaultdict(list)
    for g in groups:
        wholes = {m.quote for m in g.members if m.is_whole_quote}
        for quote in wholes:
            holding[quote].append(wholes)
    kept = []
    for group in groups:
        quotes = {m.quote for m in group.members}
        if not all(m.is_whole_quote for m in group.members) and any(quotes <= wholes for wholes in holding.get(min(quotes), ())):
            continue
        kept.append(group)
    return kept


def speaker_of_group(group: ScoredGroup, quotes_by_id: dict[str, Quote]) -> str | None:
    """The speaker most members attribute the statement to: the normalised name, title-cased.

    The vote is by normalised key, so "Kim", "Kim Jong-un" and "Kim Jong Un" count as one
    ("Kim Jong Un"); ties go to the alphabetically first, so the label never depends on order.
    """
    keys = Counter(quotes_by_id[m.quote].speaker_key for m in group.members if quotes_by_id[m.quote].speaker_key)
    if not keys:
        return None
    return min(keys, key=lambda k: (-keys[k], k)).title()

