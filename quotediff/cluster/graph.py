"""From scored pairs to clusters, without chaining.

Links are taken strongest first (a union-find over units). Two groups merge only if the
merged group stays cohesive: the mean same-statement probability over all their cross
pairs reaches the cohesion threshold and no cross pair falls below half of it. So A~B and
B~C cannot glue an unrelated A and C together. Two units that overlap in one article (a
quote and one of its own sentences) never share a cluster.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from quotediff.cluster.units import overlaps
from quotediff.model import Member

Scorer = Callable[[int, int], dict[str, float]]
Units = Sequence[Member] | Mapping[int, Member]  # by index: all the units, or those of some components


@dataclass(slots=True)
class Group:
    units: list[int]
    joins: list[tuple[int, int]] = field(default_factory=list)  # the links that merged it


def group_units(
    units: Units,
    links: list[tuple[float, int, int]],
    score: Scorer,
    *,
    join_threshold: float,
    cohesion_threshold: float,
) -> list[Group]:
    """Greedy cohesive agglomeration of ``units`` along ``links`` (p, i, j)."""
    group_of: dict[int, Group] = {}
    for p, i, j in sorted(links, key=lambda link: (-link[0], link[1], link[2])):
        if p < join_threshold:
            break
        left = group_of.get(i) or Group([i])
        right = group_of.get(j) or Group([j])
        if left is right or not _may_merge(units, left, right, score, cohesion_threshold):
            continue
        merged = Group(sorted(left.units + right.units), left.joins + right.joins + [(i, j)])
        for unit in merged.units:
            group_of[unit] = merged
    unique = {id(g): g for g in group_of.values()}
    return sorted(unique.values(), key=lambda g: g.units[0])


def _may_merge(units: Units, left: Group, right: Group, score: Scorer, cohesion_threshold: float) -> bool:
    cross = [(u, v) for u in left.units for v in right.units]
    if any(overlaps(units[u], units[v]) for u, v in cross):
        return False
    # Scoring a cross pair is the cost, so stop at the first pair that settles the answer:
    # one below half the threshold, or a sum the remaining pairs (p <= 1) cannot lift enough.
    needed = cohesion_threshold * len(cross)
    total = 0.0
    for done, (u, v) in enumerate(cross, 1):
        p = score(u, v)["p"]
        if p < cohesion_threshold / 2 or total + p + (len(cross) - done) < needed:
            return False
        total += p
    return total >= needed
