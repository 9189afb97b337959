"""Group a cluster's members into renderings: copies of one translation, typography aside."""

from __future__ import annotations

from collections import Counter

from quotediff.align import compare_texts
from quotediff.model import Article, Cluster, Comparison, Member, Quote, Rendering
from quotediff.provenance.credits import outlet_of, sources_of


def pair_comparison(known: dict[frozenset[str], Comparison], first: Member, second: Member) -> Comparison:
    """The cluster's comparison of two members (``known``, by their ids) if it has one, else a fresh one."""
    pair = known.get(frozenset((first.id, second.id)))
    if pair is not None and (pair.cross_language or (pair.changes is not None and pair.alignment)):
        return pair
    return compare_texts(first.text, second.text, a_id=first.id, b_id=second.id)


def same_translation(comparison: Comparison) -> bool:
    """Identical, or an excerpt whose shared part differs in typography only."""
    if comparison.verdict == "identical":
        return True
    return comparison.verdict == "partial" and all(change.type == "typography" for change in comparison.changes)


def _earliest_date(members: list[Member], articles: dict[str, Article]) -> str | None:
    dates = [date for m in members if m.article in articles and (date := articles[m.article].date)]
    return min(dates) if dates else None


def _language(members: list[Member], quotes: dict[str, Quote]) -> str | None:
    """The language most of the members' quotes are in (copies of one translation share it)."""
    languages = Counter(quote.language for m in members if (quote := quotes.get(m.quote)) and quote.language)
    return languages.most_common(1)[0][0] if languages else None


def group_renderings(cluster: Cluster, articles: dict[str, Article], quotes: dict[str, Quote]) -> list[Rendering]:
    """Renderings r1, r2, ... ordered by their earliest article date (undated last), then member id."""
    members = sorted(cluster.members, key=lambda m: m.id)
    parent = {m.id: m.id for m in members}

    def root(member_id: str) -> str:
        while parent[member_id] != member_id:
            member_id = parent[member_id]
        return member_id

    known = {frozenset((pair.a, pair.b)): pair for pair in cluster.pairs}
    for n, first in enumerate(members):
        for second in members[n + 1 :]:
            if root(first.id) != root(second.id) and same_translation(pair_comparison(known, first, second)):
                parent[max(root(first.id), root(second.id))] = min(root(first.id), root(second.id))
    groups: dict[str, list[Member]] = {}
    for member in members:
        groups.setdefault(root(member.id), []).append(member)
    ordered = sorted(groups.values(), key=lambda g: (_earliest_date(g, articles) is None, _earliest_date(g, articles) or "", g[0].id))
    return [
        Rendering(
            id=f"r{n}",
            members=[m.id for m in group],
            outlets=sorted({outlet_of(m, articles) for m in group}),
            credited_sources=sorted({source for m in group for source in sources_of(m, quotes)}),
            language=_language(group, quotes),
        )
        for n, group in enumerate(ordered, start=1)
    ]
