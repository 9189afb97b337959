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
from dataclasses import dataclass, replace

import numpy as np

from quotediff.align import compare_texts
from quotediff.language import compare_across_languages, identify
from quotediff.cluster import score_texts
from quotediff.cluster.ann import NeighbourIndex, build_index
from quotediff.embed import Embedder
from quotediff.model import (
    VERDICT_ORDER,
    Article,
    CheckResult,
    Comparison,
    Match,
    Member,
    Quote,
    Skipped,
)
from quotediff.store.units import reported_span

# How many nearest units a check scores in full at least...
NEAREST = 50
# ...and every unit at least this close as well (a statement syndicated by many outlets),
_SURE_COSINE = 0.8
# up to this many.
_MOST_CANDIDATES = 2000
# Exact search (one matrix product) answers in milliseconds up to about a million units;
# above that the approximate index of quotediff.cluster.ann takes over (when faiss is installed).
EXACT_UNITS = 1_000_000
# Queries searched together: bounds the similarity matrix to this many rows.
_QUERY_BLOCK = 64


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
    neighbours: NeighbourIndex

    @classmethod
    def build(cls, members: list[Member], vectors: np.ndarray) -> UnitIndex:
        split = frozenset(m.quote for m in members if not m.is_whole_quote)
        return cls(members, vectors, split, build_index(vectors, exact_limit=EXACT_UNITS))

    def nearest(self, query_vectors: np.ndarray, *, k: int = NEAREST) -> list[list[tuple[int, float]]]:
        """For each query row, (unit row, cosine) of the units worth scoring, nearest first:
        the ``k`` nearest, and beyond them every unit with a cosine of at least 0.8."""
        if not self.members:
            return [[] for _ in query_vectors]
        found = []
        for begin in range(0, len(query_vectors), _QUERY_BLOCK):
            block = query_vectors[begin : begin + _QUERY_BLOCK]
            similarities, rows = self.neighbours.search(block, min(_MOST_CANDIDATES, len(self.members)))
            for cosines, ids in zip(similarities, rows):
                keep = max(k, int(((cosines >= _SURE_COSINE) & (ids >= 0)).sum()))
                found.append([(int(r), float(c)) for r, c in zip(ids[:keep], cosines[:keep]) if r >= 0])
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
        matches = _matches(query.text, found, corpus, threshold=threshold)
        verdict = matches[0].comparison.verdict if matches else "not_found"
        results.append(CheckResult(query.text, verdict, matches, query.id, list(skipped), dict(settings_record)))
    return results


def _renderings(
    query: str, candidates: list[tuple[int, float]], index: UnitIndex, *, embedder: Embedder, threshold: float
) -> list[tuple[Member, dict[str, float]]]:
    """The best-scoring unit of each quote that renders the query (probability >= threshold)."""
    # The excerpt view encodes a candidate's text again: hand the embedder the stored vectors.
    embedder.prime([index.members[row].text for row, _ in candidates], index.vectors[[row for row, _ in candidates]])
    pairs = {(index.members[row].text, index.may_contain(index.members[row])): cosine for row, cosine in candidates}
    _encode_windows_at_once(query, pairs, embedder, dimension=index.vectors.shape[1], threshold=threshold)
    # A text syndicated by many outlets is scored once.
    scored = {
        key: score_texts(query, key[0], embedder, cosine=cosine, excerpt=key[1], threshold=threshold) for key, cosine in pairs.items()
    }
    best: dict[str, tuple[Member, dict[str, float]]] = {}
    for row, _ in candidates:
        member = index.members[row]
        scores = scored[(member.text, index.may_contain(member))]
        if scores["p"] >= threshold and scores["p"] > best.get(member.quote, (member, {"p": -1.0}))[1]["p"]:
            best[member.quote] = (member, scores)
    return list(best.values())


class _WindowRecorder:
    """Stands in for the embedder in a dry run of ``score_texts``: notes the texts it would encode."""

    def __init__(self, dimension: int) -> None:
        self.asked: list[str] = []
        self._dimension = dimension

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.asked.extend(texts)
        return np.zeros((len(texts), self._dimension), dtype=np.float32)


def _encode_windows_at_once(
    query: str, pairs: dict[tuple[str, bool], float], embedder: Embedder, *, dimension: int, threshold: float
) -> None:
    """Encode every excerpt window the scoring will ask for in one model call, not one call per candidate.

    A dry run of the (cheap, lexical) scoring finds which candidates take the excerpt view.
    """
    recorder = _WindowRecorder(dimension)
    for (text, excerpt), cosine in pairs.items():
        score_texts(query, text, recorder, cosine=cosine, excerpt=excerpt, read=False, threshold=threshold)
    if recorder.asked:
        embedder.encode(recorder.asked)


def _matches(query: str, found: list[tuple[Member, dict[str, float]]], corpus: Corpus, *, threshold: float) -> list[Match]:
    quotes, articles = corpus.resolve([member for member, _ in found])
    query_language = identify(query)
    matches = []
    compared: dict[tuple[str, float], Comparison] = {}  # copies of one wire story are diffed once
    for member, scores in found:
        quote = quotes[member.quote]
        if quote.kind == "unquoted" and "p_excerpt" in scores:
            member = reported_span(query, quote, member)
        key = (member.text, scores["p"])
        if key not in compared and query_language and quote.language and quote.language != query_language:
            # Another language: judged by meaning; a word diff across languages says nothing.
            compared[key] = compare_across_languages("query", member.id, (query_language, quote.language), scores, threshold)
        elif key not in compared:
            compared[key] = compare_texts(query, member.text, a_id="query", b_id=member.id, scores=scores)
        comparison = replace(compared[key], b=member.id)
        matches.append(Match(quote, articles[quote.article], member, comparison))
    # Best first; a quoted rendering before an unquoted report of the same standing.
    matches.sort(key=lambda m: (VERDICT_ORDER[m.comparison.verdict], m.quote.kind == "unquoted", -m.comparison.scores["p"], m.member.id))
    return matches
