"""The grouping, partitioned over an engine by the connected components of the links.

Two units merge only along a link, and a merge asks only about pairs of the two groups it
joins (quotediff.cluster.graph), so each component of the link graph is grouped alone, and
taking its links in the order the whole graph would gives the groups the whole graph
would. A task carries a few components: their units, links and the scores already computed
among them. The pairs the grouping asks about late, and the pairs of each final group, are
scored in the task; at 50,000 bench articles that is ~7,000 pairs, 1,250 of them read by
the cross-encoder and ~530 windows embedded alone, 14 s of one core when it ran here.

Components are packed into tasks in the order of their first unit, and every late score
depends on its pair alone, so the groups do not depend on the engine or its workers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from quotediff.cluster import score_texts
from quotediff.cluster.features import use_model
from quotediff.cluster.graph import group_units
from quotediff.engine import Engine, Progress
from quotediff.engine.clustering import Link, ScoredLinks, Scores, WindowVectors
from quotediff.model import Member

# Units per task: most components are a pair or a few units; ~80 tasks at 50,000 bench articles.
UNITS_PER_TASK = 400


@dataclass(slots=True)
class ScoredUnits:
    """A group of units (indices, ascending), the links that merged it, and the scores of every pair (i < j)."""

    units: list[int]
    joins: list[tuple[int, int]]
    scores: dict[tuple[int, int], Scores]


@dataclass(slots=True)
class ComponentsTask:
    """Some components of the link graph, with what their units' pairs are scored from."""

    members: dict[int, Member]
    vectors: dict[int, np.ndarray]
    allowed: dict[int, bool]
    links: list[Link]
    scores: dict[tuple[int, int], Scores]


def group_on(
    engine: Engine,
    units: Sequence[Member],
    scored: ScoredLinks,
    *,
    join_threshold: float,
    cohesion_threshold: float,
    model: str,
    on_progress: Progress | None = None,
) -> list[ScoredUnits]:
    """The cohesive groups of ``units`` along ``scored.links``, ordered by their first unit."""
    component = _components(len(units), scored.links)
    tasks: list[ComponentsTask] = []
    task_of: dict[int, ComponentsTask] = {}  # component label -> its task
    for unit in sorted(component):  # a component joins a task at its first unit
        label = component[unit]
        if label not in task_of:
            if not tasks or len(tasks[-1].members) >= UNITS_PER_TASK:
                tasks.append(ComponentsTask({}, {}, {}, [], {}))
            task_of[label] = tasks[-1]
        task = task_of[label]
        task.members[unit] = units[unit]
        task.vectors[unit] = scored.vectors[unit]
        task.allowed[unit] = scored.allowed[unit]
    for link in scored.links:
        task_of[component[link[1]]].links.append(link)
    for (i, j), found in scored.scores.items():
        if i in component and component[i] == component.get(j):
            task_of[component[i]].scores[(i, j)] = found
    engine.metrics["grouping_tasks"] = len(tasks)
    shared = (scored.windows, join_threshold, cohesion_threshold, model)
    parts = engine.map(group_components, tasks, stage="grouping", shared=shared, on_progress=on_progress)
    return sorted((group for part in parts for group in part), key=lambda group: group.units[0])


def _components(count: int, links: list[Link]) -> dict[int, int]:
    """Each linked unit's component label (scipy's connected components of the link graph)."""
    first = np.fromiter((i for _, i, _ in links), dtype=np.int64, count=len(links))
    second = np.fromiter((j for _, _, j in links), dtype=np.int64, count=len(links))
    graph = coo_matrix((np.ones(len(links), dtype=np.int8), (first, second)), shape=(count, count))
    _, labels = connected_components(graph, directed=False)
    return {unit: int(labels[unit]) for unit in np.union1d(first, second).tolist()}


def group_components(task: ComponentsTask, *, shared: tuple[WindowVectors, float, float, str]) -> list[ScoredUnits]:
    """Group the task's components and score every pair of each group."""
    windows, join_threshold, cohesion_threshold, model = shared
    use_model(model)  # late pairs are scored with the run's calibration, as the pipeline's are
    scores = task.scores

    def score(i: int, j: int) -> Scores:
        key = (min(i, j), max(i, j))
        if key not in scores:
            a, b = task.members[key[0]].text, task.members[key[1]].text
            va, vb = task.vectors[key[0]], task.vectors[key[1]]
            scores[key] = score_texts(
                a,
                b,
                windows.pair(a, va, b, vb),
                cosine=float(va @ vb),
                excerpt=task.allowed[key[0]] and task.allowed[key[1]],
                threshold=join_threshold,
            )
        return scores[key]

    groups = group_units(task.members, task.links, score, join_threshold=join_threshold, cohesion_threshold=cohesion_threshold)
    return [
        ScoredUnits(group.units, group.joins, {(i, j): score(i, j) for x, i in enumerate(group.units) for j in group.units[x + 1 :]})
        for group in groups
    ]
