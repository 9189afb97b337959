"""Provenance of a cluster: its renderings, the credits its articles give, and a stemma."""

from __future__ import annotations

from quotediff.model import Article, Cluster, Provenance, Quote
from quotediff.provenance.credits import credit_graph
from quotediff.provenance.languages import (
    Closeness,
    cross_language_edges,
    language_groups,
    through_home_language,
    translation_links,
)
from quotediff.provenance.renderings import group_renderings
from quotediff.provenance.stemma import build_stemma


def _summary(provenance: Provenance) -> str:
    parts = []
    for rendering in provenance.renderings:
        credits = f", credits {', '.join(rendering.credited_sources)}" if rendering.credited_sources else ""
        parts.append(f"{rendering.id} ({', '.join(rendering.outlets)}{credits})")
    text = f"{len(provenance.renderings)} rendering{'s' if len(provenance.renderings) != 1 else ''}: " + "; ".join(parts)
    for edge in provenance.stemma:
        if edge.relation == "undecided":
            text += f". {edge.source} and {edge.target}: undecided"
        elif edge.relation == "independent":
            text += f". {edge.source} and {edge.target}: independent"
        else:
            text += f". {edge.target} is a {edge.relation} of {edge.source}"
    return text + "."


def infer_provenance(cluster: Cluster, articles: dict[str, Article], quotes: dict[str, Quote]) -> Provenance:
    """Renderings of the cluster, the credit graph of its articles, and the stemma of its renderings."""
    renderings = group_renderings(cluster, articles, quotes)
    members = {m.id: m for m in cluster.members}
    closeness = Closeness(cluster, renderings)
    # Words are compared within one language only; across languages, meaning and credits decide.
    stemma = [edge for group in language_groups(renderings) for edge in build_stemma(group, members, articles, quotes)]
    stemma = through_home_language(stemma, renderings)
    provenance = Provenance(
        renderings=renderings,
        stemma=stemma + cross_language_edges(renderings, cluster, articles, quotes, closeness, stemma),
        credits=credit_graph(cluster, articles, quotes),
        translations=translation_links(renderings, closeness),
    )
    provenance.summary = _summary(provenance)
    return provenance


__all__ = ["infer_provenance"]
