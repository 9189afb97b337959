"""The spot check over any corpus of units: nearest units by cosine, then the full judgement.

    units + vectors        -> UnitIndex        (in memory, or loaded once from a store)
    query vector           -> nearest units    (one matrix product, top k)
    nearest units          -> scored           (the calibrated same-statement model, excerpt view)
    best unit per quote    -> Match            (word diff, typed changes, verdict)

Only the nearest units are scored in full, so a check costs one dot product per unit
plus a fixed amount of work, whatever the size of the corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from quotediff.align import compare_texts
from quotediff.cluster import score_texts
from quotediff.embed import Embedder
from quotediff.model import (
    VERDICT_ORDER,
    Article,
    CheckResult,
    Match,
    Member,
    Quote,
    Skipped,
)

# How many nearest units a check scores in full at least...
NEAREST = 50
# ...and every unit at least this close as well (a statement syndicated by many outlets),
_SURE_COSINE = 0.8
# up to this many.
_MOST_CANDIDATES = 2000


@dataclass(frozen=True, slots=True)
class CheckQuery:
    """One quote to check, with the caller's id for it (``--from`` JSONL)."""

    text: str
    id: str | None = None


@dataclass(slots=True)
class UnitIndex:
    """Check units and their unit vectors, row i of ``vectors`` belonging to ``members[i]``."""

    members: list[Member]
    vectors: np.ndarray
    split_quotes: frozenset[str]  # quotes whose sentences are units of their own

    @classmethod
    def build(cls, members: list[Member], vectors: np.ndarray) -> UnitIndex:
        return cls(members, vectors, frozenset(m.quote for m in members if not m.is_whole_quote))

    def nearest(self, query_vectors: np.ndarray, *, k: int = NEAREST) -> list[list[tuple[int, float]]]:
        """For each query row, (unit row, cosine) of the units worth scoring, nearest first."""
        if not self.members:
            return [[] for _ in query_vectors]
        found = []
        for cosines in query_vectors @ self.vectors.T:
            count = min(len(cosines), max(k, min(int((cosines >= _SURE_COSINE).sum()), _MOST_CANDIDATES)))
            rows = np.argpartition(-cosines, count - 1)[:count] if count < len(cosines) else np.arange(len(cosines))
            rows = rows[np.argsort(-cosines[rows], kind="stable")]
            found.append([(int(r), float(cosines[r])) for r in rows])
        return found

    def may_contain(self, member: Member) -> bool:
        """Whether a unit may be matched as holding an excerpt of the query.

        Not a whole quote split into sentences: its sentences are the excerpts.
        """
        return not (member.is_whole_quote and member.quote in self.split_quotes)


class Corpus:
    """Where the quotes and articles of matched units come from: memory or a store."""

    def __init__(self, quotes: Callable[[list[str]], list[Quote]], articles: Callable[[list[str]], list[Article]]) -> None:
        self._quotes = quotes
        self._articles = articles

    @classmethod
    def in_memory(cls, quotes: Sequence[Quote], articles: Sequence[Article]) -> Corpus:
        quotes_by_id = {q.id: q for q in quotes}
        articles_by_id = {a.id: a for a in articles}
        return cls(lambda ids: [quotes_by_id[i] for i in ids], lambda ids: [articles_by_id[i] for i in ids])

    def resolve(self, members: Sequence[Member]) -> tuple[dict[str, Quote], dict[str, Article]]:
        quotes = {q.id: q for q in self._quotes(sorted({m.quote for m in members}))}
        articles = {a.id: a for a in self._articles(sorted({m.article for m in members}))}
        return quotes, articles


def run_checks(
    queries: Sequence[CheckQuery],
    index: UnitIndex,
    corpus: Corpus,
    *,
    embedder: Embedder,
    threshold: float,
    settings_record: dict[str, object],
    skipped: Sequence[Skipped] = (),
) -> list[CheckResult]:
    """Check each query against the indexed units: every rendering found, best first."""
    texts = [q.text for q in queries]
    asked = [i for i, text in enumerate(texts) if text.strip()]
    nearest: dict[int, list[tuple[int, float]]] = {}
    if asked and index.members:
        query_vectors = embedder.encode([texts[i] for i in asked])
        nearest = dict(zip(asked, index.nearest(query_vectors)))
    results = []
    for position, query in enumerate(queries):
        found = _renderings(query.text, nearest.get(position, []), index, embedder=embedder, threshold=threshold)
        matches = _matches(query.text, found, corpus)
        verdict = matches[0].comparison.verdict if matches else "not_found"
        results.append(CheckResult(query.text, verdict, matches, query.id, list(skipped), dict(settings_record)))
    return results


def _renderings(
    query: str, candidates: list[tuple[int, float]], index: UnitIndex, *, embedder: Embedder, threshold: float
) -> list[tuple[Member, dict[str, float]]]:
    """The best-scoring unit of each quote that renders the query (probability >= threshold)."""
    # The excerpt view encodes a candidate's text again: hand the embedder the stored vectors.
    embedder.prime([index.members[row].text for row, _ in candidates], index.vectors[[row for row, _ in candidates]])
    best: dict[str, tuple[Member, dict[str, float]]] = {}
    for row, cosine in candidates:
        member = index.members[row]
        scores = score_texts(query, member.text, embedder, cosine=cosine, excerpt=index.may_contain(member))
        if scores["p"] >= threshold and scores["p"] > best.get(member.quote, (member, {"p": -1.0}))[1]["p"]:
            best[member.quote] = (member, scores)
    return list(best.values())


def _matches(query: str, found: list[tuple[Member, dict[str, float]]], corpus: Corpus) -> list[Match]:
    quotes, articles = corpus.resolve([member for member, _ in found])
    matches = []
    for member, scores in found:
        comparison = compare_texts(query, member.text, a_id="query", b_id=member.id, scores=scores)
        quote = quotes[member.quote]
        matches.append(Match(quote, articles[quote.article], member, comparison))
    # Best first; a quoted rendering before an unquoted report of the same standing.
    matches.sort(key=lambda m: (VERDICT_ORDER[m.comparison.verdict], m.quote.kind == "unquoted", -m.comparison.scores["p"], m.member.id))
    return matches
