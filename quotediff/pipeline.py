"""The public API: each function runs the stages in order over the data model.

    ingest -> extract -> cluster -> align -> provenance      (compare)
    ingest -> extract                                        (extract)
    ingest -> extract -> match the query -> align            (check)

The CLI is a thin layer over these functions; a notebook user calls them directly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import combinations

import numpy as np

from quotediff.align import alignment_table, compare_texts
from quotediff.cluster import ScoredGroup, group_quotes, score_texts, speaker_of_group
from quotediff.cluster.features import join_reason, load_calibration
from quotediff.cluster.units import excerpt_view_allowed, quote_units
from quotediff.embed import get_embedder
from quotediff.extract import extract_quotes
from quotediff.ingest import IngestOptions, ingest
from quotediff.model import (
    VERDICT_ORDER,
    Article,
    CheckResult,
    Cluster,
    Comparison,
    DiffResult,
    Match,
    Member,
    Quote,
    Report,
    Skipped,
)
from quotediff.provenance import infer_provenance
from quotediff.settings import Settings

Progress = Callable[[str, int, int], None]

# How many nearest units a spot check scores in full.
_CHECK_CANDIDATES = 50


def extract(paths: Sequence[str], *, settings: Settings | None = None, ingest_options: IngestOptions | None = None) -> Report:
    """Read articles and extract their quotes (no clustering, no model)."""
    settings = settings or Settings()
    ingested = ingest(paths, options=ingest_options)
    quotes = extract_all(ingested.articles)
    return Report(ingested.articles, quotes, [], ingested.skipped, _settings_record(settings))


def extract_all(articles: Sequence[Article]) -> list[Quote]:
    return [quote for article in articles for quote in extract_quotes(article)]


def compare(
    paths: Sequence[str],
    *,
    settings: Settings | None = None,
    ingest_options: IngestOptions | None = None,
    on_progress: Progress | None = None,
) -> Report:
    """The main job: extract the quotes of all articles, cluster them across articles, diff each cluster."""
    settings = settings or Settings()
    ingested = ingest(paths, options=ingest_options)
    return compare_articles(ingested.articles, settings=settings, skipped=ingested.skipped, on_progress=on_progress)


def compare_articles(
    articles: Sequence[Article],
    *,
    settings: Settings | None = None,
    skipped: Sequence[Skipped] = (),
    on_progress: Progress | None = None,
) -> Report:
    """``compare`` over articles already in memory."""
    settings = settings or Settings()
    quotes = extract_all(articles)
    embedder = get_embedder(settings.model, settings.batch_size)
    groups = group_quotes(quotes, embedder=embedder, settings=settings, on_progress=on_progress)
    quotes_by_id = {q.id: q for q in quotes}
    articles_by_id = {a.id: a for a in articles}
    clusters = [
        build_cluster(f"c{n}", group, quotes_by_id, articles_by_id)
        for n, group in enumerate(sorted(groups, key=lambda g: (g.members[0].article, g.members[0].start)), 1)
    ]
    return Report(list(articles), quotes, clusters, list(skipped), _settings_record(settings))


def build_cluster(cluster_id: str, group: ScoredGroup, quotes: dict[str, Quote], articles: dict[str, Article]) -> Cluster:
    """Align every cross-article pair of a group, judge the drift and infer provenance."""
    members = sorted(group.members, key=lambda m: (m.article, m.start))
    pairs = [
        _compare_members(a, b, group.scores.get((a.id, b.id)) or group.scores[(b.id, a.id)])
        for a, b in combinations(members, 2)
        if a.article != b.article
    ]
    worst = max(pairs, key=lambda p: (VERDICT_ORDER[p.verdict], p.drift))
    cluster = Cluster(
        id=cluster_id,
        members=members,
        pairs=pairs,
        verdict=worst.verdict,
        drift=max(p.drift for p in pairs),
        speaker=speaker_of_group(group, quotes),
        cohesion=group.cohesion,
        reason=group.reason,
        repeats=group.repeats,
    )
    if len(members) >= 3:
        cluster.table = alignment_table([(m.id, m.text) for m in members])
    cluster.provenance = infer_provenance(cluster, articles, quotes)
    return cluster


def _compare_members(a: Member, b: Member, scores: dict[str, float]) -> Comparison:
    comparison = compare_texts(a.text, b.text, a_id=a.id, b_id=b.id, scores=scores)
    joined = join_reason(scores, load_calibration().threshold)
    comparison.reason = f"{joined}; {comparison.reason}" if comparison.reason else joined
    return comparison


def check(
    query: str,
    paths: Sequence[str],
    *,
    settings: Settings | None = None,
    ingest_options: IngestOptions | None = None,
    query_id: str | None = None,
) -> CheckResult:
    """The spot check: every rendering of ``query`` among the articles, best first."""
    settings = settings or Settings()
    ingested = ingest(paths, options=ingest_options)
    return check_quotes(query, ingested.articles, extract_all(ingested.articles), settings=settings, query_id=query_id, skipped=ingested.skipped)


def check_quotes(
    query: str,
    articles: Sequence[Article],
    quotes: Sequence[Quote],
    *,
    settings: Settings,
    query_id: str | None = None,
    skipped: Sequence[Skipped] = (),
) -> CheckResult:
    """``check`` over quotes already extracted."""
    embedder = get_embedder(settings.model, settings.batch_size)
    threshold = settings.join_threshold if settings.join_threshold is not None else load_calibration().threshold
    units = [u for q in quotes for u in quote_units(q, min_words=1)]
    matches: list[Match] = []
    if units and query.strip():
        query_vector = embedder.encode([query])[0]
        cosines = embedder.encode([u.text for u in units]) @ query_vector
        nearest = np.argsort(-cosines, kind="stable")[:_CHECK_CANDIDATES]
        may_contain = excerpt_view_allowed(units)
        best_per_quote: dict[str, tuple[float, Member, dict[str, float]]] = {}
        for index in nearest:
            unit = units[int(index)]
            scores = score_texts(query, unit.text, embedder, cosine=float(cosines[index]), excerpt=may_contain(unit))
            if scores["p"] >= threshold and scores["p"] > best_per_quote.get(unit.quote, (-1.0,))[0]:
                best_per_quote[unit.quote] = (scores["p"], unit, scores)
        quotes_by_id = {q.id: q for q in quotes}
        articles_by_id = {a.id: a for a in articles}
        for _, member, scores in best_per_quote.values():
            comparison = compare_texts(query, member.text, a_id="query", b_id=member.id, scores=scores)
            quote = quotes_by_id[member.quote]
            matches.append(Match(quote, articles_by_id[quote.article], member, comparison))
    matches.sort(key=lambda m: (VERDICT_ORDER[m.comparison.verdict], -m.comparison.scores["p"], m.member.id))
    verdict = matches[0].comparison.verdict if matches else "not_found"
    return CheckResult(query, verdict, matches, query_id, list(skipped), _settings_record(settings))


def diff(a: str, b: str, *, settings: Settings | None = None) -> DiffResult:
    """Compare two renderings typed in by hand: scores, alignment, typed changes, verdict."""
    settings = settings or Settings()
    scores = score_texts(a, b, get_embedder(settings.model, settings.batch_size))
    return DiffResult(a, b, compare_texts(a, b, a_id="a", b_id="b", scores=scores))


def _settings_record(settings: Settings) -> dict[str, object]:
    record = settings.as_dict()
    calibration = load_calibration()
    record["join_threshold"] = settings.join_threshold if settings.join_threshold is not None else calibration.threshold
    record["calibration"] = calibration.source
    return record
