"""What the human formats show, computed once from a result so text, Markdown and HTML agree.

The view is a thin layer over the model: it groups cluster members into variants, orients
each comparison against the reference variant and maps the word alignment back onto the
member's own text, so highlights keep the article's spelling, spacing and punctuation.
Fields filled by later stages (alignment, provenance) are optional: without them the view
still lists every variant, only without word highlights or stemma.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from quotediff.errors import InputError
from quotediff.model import (
    VERDICT_ORDER,
    AlignmentRun,
    Article,
    Change,
    CheckResult,
    Cluster,
    Comparison,
    DiffResult,
    Match,
    Member,
    Quote,
    Report,
)
from quotediff.render._segments import Segment, merged_segments, side_segments

# Symbols stand beside colour everywhere, so a verdict never depends on seeing colour.
VERDICT_SYMBOLS: dict[str, str] = {
    "identical": "=",
    "variant": "≈",
    "partial": "⊂",
    "altered": "≠",
    "not_found": "∅",
}

# How a change reads to a fact-checker, in a few words.
CHANGE_GLOSSES: dict[str, str] = {
    "typography": "typography only",
    "spelling": "spelling",
    "synonym": "synonym",
    "paraphrase": "paraphrase",
    "reorder": "word order changed",
    "omission": "left out",
    "addition": "added",
    "number": "different number",
    "name": "different name",
    "negation": "negation flipped",
    "antonym": "opposite meaning",
    "hedge": "hedging changed",
}

_SWAPPED_OPS = {"delete": "insert", "insert": "delete"}
_SWAPPED_CHANGES = {"omission": "addition", "addition": "omission"}


@dataclass(frozen=True, slots=True)
class MemberView:
    member: Member
    article: Article | None
    quote: Quote | None
    outlet: str
    credited_source: str | None
    speaker: str | None


@dataclass(frozen=True, slots=True)
class VariantView:
    """One rendering of the statement, with its words marked against the reference variant."""

    id: str
    text: str
    members: list[MemberView]
    segments: list[Segment]
    merged: list[Segment]  # one-line diff from the reference to this variant; empty for the reference
    comparison: Comparison | None  # oriented reference -> this variant; None for the reference
    compared_with: str | None  # the variant this one's highlights are relative to
    is_reference: bool

    @property
    def outlets(self) -> list[str]:
        return _unique(m.outlet for m in self.members)

    @property
    def credited_sources(self) -> list[str]:
        return _unique(m.credited_source for m in self.members if m.credited_source)


@dataclass(frozen=True, slots=True)
class ClusterView:
    cluster: Cluster
    anchor: str
    speaker: str
    statement: str
    outlets: list[str]
    variants: list[VariantView]

    @property
    def reference(self) -> VariantView:
        return self.variants[0]


UNQUOTED_NOTE = "reported without quote marks"


def quoting_note(match: Match) -> str | None:
    """Said of a match the article reports as indirect speech, not inside quote marks."""
    return UNQUOTED_NOTE if match.quote.kind == "unquoted" else None


@dataclass(frozen=True, slots=True)
class MatchView:
    match: Match
    comparison: Comparison  # oriented query -> found
    member_view: MemberView
    outlet: str
    speaker: str | None
    credited_source: str | None
    query_segments: list[Segment]
    found_segments: list[Segment]
    merged: list[Segment]


@dataclass(frozen=True, slots=True)
class DiffView:
    """Two renderings typed in by hand, each marked against the other."""

    comparison: Comparison
    a_segments: list[Segment]
    b_segments: list[Segment]
    merged: list[Segment]


# ---------------------------------------------------------------- selecting and ordering


def filter_result(
    result: Report | CheckResult,
    *,
    verdicts: Iterable[str] = (),
    outlets: Iterable[str] = (),
    speakers: Iterable[str] = (),
) -> Report | CheckResult:
    """Keep the clusters (or spot-check matches) that pass every given filter.

    ``verdicts`` are exact verdict names; ``outlets`` and ``speakers`` match
    case-insensitively as substrings of an outlet name or a speaker. An empty filter
    keeps everything. Articles and quotes are kept so the result stays self-consistent.
    """
    wanted_verdicts = set(verdicts)
    unknown = wanted_verdicts - set(VERDICT_SYMBOLS)
    if unknown:
        known = ", ".join(VERDICT_SYMBOLS)
        raise InputError(f"unknown verdict {', '.join(sorted(unknown))!r}; choose from: {known}")
    outlet_needles = [o.casefold() for o in outlets]
    speaker_needles = [s.casefold() for s in speakers]

    def passes(verdict: str, outlet_names: Iterable[str], speaker_names: Iterable[str | None]) -> bool:
        return (
            (not wanted_verdicts or verdict in wanted_verdicts)
            and _matches_any(outlet_names, outlet_needles)
            and _matches_any(speaker_names, speaker_needles)
        )

    if isinstance(result, CheckResult):
        kept_matches = [
            m
            for m in result.matches
            if passes(m.comparison.verdict, [outlet_label(m.article)], [m.quote.speaker, m.quote.speaker_key])
        ]
        return dataclasses.replace(result, matches=kept_matches)

    articles = {a.id: a for a in result.articles}
    quotes = {q.id: q for q in result.quotes}
    kept_clusters = [
        c
        for c in result.clusters
        if passes(
            c.verdict,
            [outlet_label(articles.get(m.article), m.article) for m in c.members],
            [c.speaker, *_quote_speakers(c, quotes)],
        )
    ]
    return dataclasses.replace(result, clusters=kept_clusters)


def sorted_clusters(clusters: Sequence[Cluster]) -> list[Cluster]:
    """Most altered first: by verdict, then drift, then id so the order is stable."""
    return sorted(clusters, key=lambda c: (-VERDICT_ORDER.get(c.verdict, 0), -c.drift, c.id))


def sorted_matches(matches: Sequence[Match]) -> list[Match]:
    """Best first: the most faithful verdict, then the least drift."""
    return sorted(
        matches,
        key=lambda m: (VERDICT_ORDER.get(m.comparison.verdict, 9), m.comparison.drift, m.member.id),
    )


# ---------------------------------------------------------------- building the view


def cluster_views(report: Report) -> list[ClusterView]:
    articles = {a.id: a for a in report.articles}
    quotes = {q.id: q for q in report.quotes}
    used_anchors: set[str] = set()
    views = []
    for cluster in sorted_clusters(report.clusters):
        anchor = _unique_anchor(cluster.id, used_anchors)
        views.append(_cluster_view(cluster, anchor, articles, quotes))
    return views


def match_views(result: CheckResult) -> list[MatchView]:
    views = []
    for match in sorted_matches(result.matches):
        comparison = _oriented(match.comparison, a_ids={"query", result.query_id or "query"})
        member_view = MemberView(
            member=match.member,
            article=match.article,
            quote=match.quote,
            outlet=outlet_label(match.article),
            credited_source=match.quote.credited_source,
            speaker=match.quote.speaker,
        )
        views.append(
            MatchView(
                match=match,
                comparison=comparison,
                member_view=member_view,
                outlet=member_view.outlet,
                speaker=member_view.speaker,
                credited_source=member_view.credited_source,
                query_segments=side_segments(comparison.alignment, "a", result.query),
                found_segments=side_segments(comparison.alignment, "b", match.member.text),
                merged=merged_segments(comparison.alignment, match.member.text),
            )
        )
    return views


def diff_view(result: DiffResult) -> DiffView:
    runs = result.comparison.alignment
    return DiffView(
        comparison=result.comparison,
        a_segments=side_segments(runs, "a", result.a),
        b_segments=side_segments(runs, "b", result.b),
        merged=merged_segments(runs, result.b),
    )


def outlet_label(article: Article | None, fallback: str = "unknown outlet") -> str:
    """The name a reader knows an article by: its outlet, else its title, file or id."""
    if article is None:
        return fallback
    if article.outlet:
        return article.outlet
    if article.title:
        return article.title
    if article.path:
        return article.path.replace("\\", "/").rsplit("/", 1)[-1]
    return article.id


def summarize_changes(comparison: Comparison) -> str:
    """One line: "shared with → divided: opposite meaning; the motherland left out".

    Renderings in two languages have no word changes: the line says how their meaning compared.
    """
    if comparison.cross_language:
        return comparison.reason
    return "; ".join(describe_change(c) for c in comparison.changes)


def counted(n: int, noun: str) -> str:
    """ "1 cluster", "3 clusters"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}es" if noun.endswith(("s", "ch")) else f"{n} {noun}s"


def describe_change(change: Change) -> str:
    gloss = CHANGE_GLOSSES.get(change.type, change.type)
    if not change.b:
        return f"{change.a} left out" + ("" if change.type == "omission" else f" ({gloss})")
    if not change.a:
        return f"{change.b} added" + ("" if change.type == "addition" else f" ({gloss})")
    return f"{change.a} → {change.b}: {gloss}"


def context_around(article: Article, start: int, end: int, limit: int = 400) -> tuple[str, str, str]:
    """The paragraph holding ``text[start:end]``, split into (before, quote, after).

    Paragraphs end at line breaks; a very long one is cut at a word boundary ``limit``
    characters either side, with an ellipsis, so the context stays readable.
    """
    text = article.text
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    if para_end == -1:
        para_end = len(text)
    before = text[para_start:start]
    after = text[end:para_end]
    if len(before) > limit:
        cut = before.find(" ", len(before) - limit)
        before = "… " + before[cut + 1 if cut != -1 else len(before) - limit :]
    if len(after) > limit:
        cut = after.rfind(" ", 0, limit)
        after = after[: cut if cut > 0 else limit] + " …"
    return before.lstrip(), text[start:end], after.rstrip()


def safe_url(url: str | None) -> str | None:
    """The URL if it is an http(s) link, else None: nothing else may become a link."""
    if url and re.match(r"^https?://[^\s<>\"']+$", url.strip(), flags=re.IGNORECASE):
        return url.strip()
    return None


# ---------------------------------------------------------------- clusters


def _cluster_view(cluster: Cluster, anchor: str, articles: dict[str, Article], quotes: dict[str, Quote]) -> ClusterView:
    groups = _variant_groups(cluster)
    members_by_id = {m.id: m for m in cluster.members}
    reference_ids = set(groups[0])

    comparisons: list[Comparison | None] = [None]
    for group in groups[1:]:
        comparisons.append(_find_comparison(cluster.pairs, reference_ids, set(group)))

    # The reference column is marked against the variant that drifted furthest from it.
    worst = max(
        range(1, len(groups)),
        key=lambda i: (_drift_of(comparisons[i]), -i),
        default=None,
    )

    variants = []
    for index, group in enumerate(groups):
        members = [members_by_id[mid] for mid in group]
        member_views = [_member_view(m, articles, quotes) for m in members]
        text = members[0].text
        comparison = comparisons[index]
        if index == 0:
            against = comparisons[worst] if worst is not None else None
            segments = side_segments(against.alignment if against else [], "a", text)
            variants.append(
                VariantView(
                    id=_variant_id(cluster, group, index),
                    text=text,
                    members=member_views,
                    segments=segments,
                    merged=[],
                    comparison=None,
                    compared_with=None,
                    is_reference=True,
                )
            )
            continue
        runs = comparison.alignment if comparison else []
        variants.append(
            VariantView(
                id=_variant_id(cluster, group, index),
                text=text,
                members=member_views,
                segments=side_segments(runs, "b", text),
                merged=merged_segments(runs, text),
                comparison=comparison,
                compared_with=None,
                is_reference=False,
            )
        )
    if worst is not None:
        variants[0] = dataclasses.replace(variants[0], compared_with=variants[worst].id)
    for index in range(1, len(variants)):
        variants[index] = dataclasses.replace(variants[index], compared_with=variants[0].id)

    all_member_views = [mv for v in variants for mv in v.members]
    speaker = cluster.speaker or _most_common([mv.speaker for mv in all_member_views]) or "unknown speaker"
    return ClusterView(
        cluster=cluster,
        anchor=anchor,
        speaker=speaker,
        statement=variants[0].text,
        outlets=_unique(mv.outlet for mv in all_member_views),
        variants=variants,
    )


def _drift_of(comparison: Comparison | None) -> float:
    return comparison.drift if comparison is not None else -1.0


def _variant_groups(cluster: Cluster) -> list[list[str]]:
    """Member ids grouped by rendering: provenance's renderings, else identical texts."""
    known = {m.id for m in cluster.members}
    groups: list[list[str]] = []
    if cluster.provenance and cluster.provenance.renderings:
        for rendering in cluster.provenance.renderings:
            group = [mid for mid in rendering.members if mid in known]
            if group:
                groups.append(group)
    placed = {mid for g in groups for mid in g}
    by_text: dict[str, list[str]] = {}
    for member in cluster.members:
        if member.id not in placed:
            by_text.setdefault(member.text, []).append(member.id)
    groups.extend(by_text.values())
    return groups


def _variant_id(cluster: Cluster, group: list[str], index: int) -> str:
    if cluster.provenance:
        for rendering in cluster.provenance.renderings:
            if rendering.members and rendering.members[0] == group[0]:
                return rendering.id
    return f"r{index + 1}"


def _find_comparison(pairs: Sequence[Comparison], a_ids: set[str], b_ids: set[str]) -> Comparison | None:
    """The scored pair between the two groups, oriented A (reference) -> B; prefer one with an alignment."""
    found = [p for p in pairs if (p.a in a_ids and p.b in b_ids) or (p.b in a_ids and p.a in b_ids)]
    if not found:
        return None
    best = max(found, key=lambda p: (bool(p.alignment), -found.index(p)))
    return _oriented(best, a_ids)


def _oriented(comparison: Comparison, a_ids: set[str]) -> Comparison:
    """The comparison with side A in ``a_ids``: deletions and insertions swap with the sides."""
    if comparison.a in a_ids:
        return comparison
    return dataclasses.replace(
        comparison,
        a=comparison.b,
        b=comparison.a,
        changes=[
            dataclasses.replace(
                c,
                type=_SWAPPED_CHANGES.get(c.type, c.type),  # type: ignore[arg-type]
                a=c.b,
                b=c.a,
                a_span=c.b_span,
                b_span=c.a_span,
            )
            for c in comparison.changes
        ],
        alignment=[
            AlignmentRun(
                op=_SWAPPED_OPS.get(r.op, r.op),  # type: ignore[arg-type]
                a=r.b,
                b=r.a,
                a_span=r.b_span,
                b_span=r.a_span,
            )
            for r in comparison.alignment
        ],
    )


def _member_view(member: Member, articles: dict[str, Article], quotes: dict[str, Quote]) -> MemberView:
    article = articles.get(member.article)
    quote = quotes.get(member.quote)
    return MemberView(
        member=member,
        article=article,
        quote=quote,
        outlet=outlet_label(article, member.article),
        credited_source=quote.credited_source if quote else None,
        speaker=quote.speaker if quote else None,
    )


# ---------------------------------------------------------------- small helpers

T = TypeVar("T")


def _unique(values: Iterable[T]) -> list[T]:
    return list(dict.fromkeys(values))


def _most_common(values: Sequence[str | None]) -> str | None:
    present = [v for v in values if v]
    if not present:
        return None
    return max(_unique(present), key=present.count)


def _matches_any(names: Iterable[str | None], needles: list[str]) -> bool:
    if not needles:
        return True
    folded = [n.casefold() for n in names if n]
    return any(needle in name for needle in needles for name in folded)


def _quote_speakers(cluster: Cluster, quotes: dict[str, Quote]) -> list[str | None]:
    speakers: list[str | None] = []
    for member in cluster.members:
        quote = quotes.get(member.quote)
        if quote:
            speakers += [quote.speaker, quote.speaker_key]
    return speakers


def _unique_anchor(cluster_id: str, used: set[str]) -> str:
    base = "cluster-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", cluster_id).strip("-") or "x")
    anchor, n = base, 2
    while anchor in used:
        anchor, n = f"{base}-{n}", n + 1
    used.add(anchor)
    return anchor
