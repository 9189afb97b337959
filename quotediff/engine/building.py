"""Cluster building partitioned over an engine: word alignment, drift and provenance per group.

Each group is built from its own members, their articles and those articles' quotes, so a
task carries just that slice of the corpus and the result does not depend on the partition.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from quotediff.cluster import ScoredGroup
from quotediff.cluster.features import use_model
from quotediff.engine import Engine, Progress
from quotediff.model import Article, Cluster, Quote

# Groups per task: ~0.1 s of alignment each, so that the processes finish together (64 made
# 5 tasks of 285 groups at 1,000 articles, one process left working alone at the end).
GROUPS_PER_TASK = 16

Task = tuple[str, list[str], list[ScoredGroup], dict[str, Article], dict[str, Quote]]


def build_clusters_on(
    engine: Engine,
    groups: Sequence[ScoredGroup],
    quotes: Sequence[Quote],
    articles: Sequence[Article],
    *,
    model: str,
    on_progress: Progress | None = None,
) -> list[Cluster]:
    """Clusters c1, c2, ... built from ``groups`` in their order."""
    quotes_of: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        quotes_of[quote.article].append(quote)
    article_of = {article.id: article for article in articles}
    tasks: list[Task] = []
    for begin in range(0, len(groups), GROUPS_PER_TASK):
        chunk = list(groups[begin : begin + GROUPS_PER_TASK])
        needed = sorted({member.article for group in chunk for member in group.members})
        tasks.append(
            (
                model,
                [f"c{n}" for n in range(begin + 1, begin + len(chunk) + 1)],
                chunk,
                {article: article_of[article] for article in needed},
                {quote.id: quote for article in needed for quote in quotes_of[article]},
            )
        )
    parts = engine.map(build_clusters, tasks, stage="aligning", on_progress=on_progress)
    return [cluster for part in parts for cluster in part]


def build_clusters(task: Task) -> list[Cluster]:
    # Imported here: the pipeline imports this module.
    from quotediff.pipeline import build_cluster

    model, ids, groups, articles, quotes = task
    use_model(model)  # this process scores with the run's calibration, as the pipeline's does
    return [build_cluster(cluster_id, group, quotes, articles) for cluster_id, group in zip(ids, groups)]
