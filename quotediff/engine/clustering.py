"""The heavy part of the cluster stage, partitioned over an engine.

    embed      the distinct unit texts, in fixed batches                (engine, processes)
    search     each block of rows against one neighbour index           (engine, native)
    block      units sharing rare word n-grams                          (here)
    screen     lexical scores of every candidate pair, cheap bounds     (engine, processes)
    read       the pairs they leave uncertain, by the cross-encoder,    (engine, processes)
               in batches of pairs of one length in tokens
    excerpts   the windows that may still join a pair, embedded         (engine, processes)

What comes back is the set of links at or above the join threshold, every score computed,
and what the grouping (quotediff.engine.grouping) needs to score the pairs it asks about
later. Every partition is cut from the input alone (fixed chunk and block sizes), and a
pair's scores never depend on the pairs computed with it, so the result does not depend on
the engine or its number of workers. (A cross-encoder's logit differs in its last bits with
the size of the batch it is read in, so the batches are cut from the input too: see
``reading_tasks``.)

Embeddings of one text differ in their last bits with the batch they are computed in, so
texts are always embedded in the same batches: the sorted distinct texts, cut every
``batch_size * 8``, each chunk cut into batches as the model's ``encode`` would
(``quotediff.embed.batches_of``), which is also what ``Embedder.encode`` does on a fresh cache.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from itertools import groupby

import numpy as np

from quotediff.cluster import best_window, excerpt_view_applies, settle
from quotediff.cluster.ann import NeighbourIndex, build_index
from quotediff.cluster.blocking import shared_ngram_pairs
from quotediff.cluster.candidates import (
    Pair,
    merge_pairs,
    neighbours_of_rows,
    row_blocks,
)
from quotediff.cluster.cross_encoder import BATCH, pair_tokens, read_batch
from quotediff.cluster.features import (
    load_calibration,
    needs_reading,
    pair_scores,
    settled,
    use_model,
    with_reading,
)
from quotediff.cluster.units import excerpt_view_allowed
from quotediff.embed import Embedder, batches_of, get_embedder, runs_on_torch
from quotediff.engine import Engine, Progress
from quotediff.engine.local import LocalEngine
from quotediff.model import Member

Scores = dict[str, float]
Link = tuple[float, int, int]
# A pair for the cross-encoder: (i, j, the features' scores, its excerpt view's ceiling, its length in tokens).
Unread = tuple[int, int, Scores, float, int]
# Batches of pairs of one length: (i, j, text i, text j, the features' scores, the ceiling).
ReadingTask = list[list[tuple[int, int, str, str, Scores, float]]]

# Candidate pairs per screening task: ~0.3 s of work (the features, ~75 us a pair), against a
# few ms to hand a task to a process.
PAIRS_PER_TASK = 4_000
# Uncertain pairs per reading task, in whole batches: ~0.5 s of work at ~4 ms a pair.
READS_PER_TASK = 128
# Pairs per excerpt-scoring task (each scored again with its window's vector): ~0.3 s of work.
EXCERPT_PAIRS_PER_TASK = 2_000


@dataclass(slots=True)
class ScoredLinks:
    """The links worth grouping (p >= join threshold), the scores behind them, and what scores any other pair."""

    links: list[Link]
    scores: dict[tuple[int, int], Scores]  # every pair (i < j) scored so far, links among them
    vectors: np.ndarray  # the units', row by row
    allowed: list[bool]  # whether each unit may be matched as containing an excerpt
    windows: WindowVectors


def embed_texts(
    texts: Sequence[str], *, embedder: Embedder, engine: Engine, stage: str, on_progress: Progress | None = None
) -> np.ndarray:
    """L2-normalised float32 vectors of ``texts`` (rows in order), each distinct text embedded once.

    Vectors the embedder already holds (primed from a corpus store, say) are taken as they
    are; the other texts are embedded on the engine in the calls ``Embedder.encode`` would
    make (``batches_of``). The embedder's cache is read, never written: what one run embeds
    does not change what the next computes.

    A torch model's batches run in the engine's processes, one torch thread each (see
    quotediff.engine.local); the other backends use every core of one process.
    """
    known = _known_vectors(embedder)
    todo = sorted({text for text in texts if text not in known})
    calls = batches_of(embedder.name, todo, embedder.batch_size)
    on_torch = runs_on_torch(embedder.name)
    if on_torch and isinstance(engine, LocalEngine):
        embedder.load()  # here, so the processes forked for the stage find the model loaded
    embed = partial(embed_chunk, model=embedder.name, batch_size=embedder.batch_size)
    parts = engine.map(embed, calls, stage=stage, native=not on_torch, on_progress=on_progress)
    fresh = dict(zip((text for call in calls for text in call), (row for part in parts for row in part)))
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    return np.stack([known[text] if text in known else fresh[text] for text in texts])


def _known_vectors(embedder: Embedder) -> dict[str, np.ndarray]:
    # Embedder keeps what it computed or was primed with in ``_cache``; read-only here.
    return getattr(embedder, "_cache", {})


def embed_chunk(texts: list[str], *, model: str, batch_size: int) -> np.ndarray:
    """One call of the model on ``texts`` (a batch or chunk of ``batches_of``; loaded once per process)."""
    encoder = get_embedder(model, batch_size).model
    vectors = encoder.encode(
        texts, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
    )
    return vectors.astype(np.float32)


def score_candidate_links(
    units: list[Member],
    *,
    embedder: Embedder,
    neighbours: int,
    floor: float,
    join_threshold: float,
    engine: Engine,
    on_progress: Progress | None = None,
    exact_limit: int | None = None,
) -> ScoredLinks:
    """Embed the units, generate candidate pairs by blocking, score them: the links to group."""
    texts = [u.text for u in units]
    blocked = engine.run_beside(shared_ngram_pairs, texts, [u.article for u in units])  # reads the texts alone
    vectors = embed_texts(texts, embedder=embedder, engine=engine, stage="embedding", on_progress=on_progress)
    candidates = candidate_pairs(
        units,
        vectors,
        neighbours=neighbours,
        floor=floor,
        engine=engine,
        on_progress=on_progress,
        exact_limit=exact_limit,
        blocked=blocked.result(),
    )
    may_contain = excerpt_view_allowed(units)
    allowed = [may_contain(u) for u in units]
    # A pair's scores depend on its two texts alone (a text has one vector): the pairs that
    # verbatim copies in other articles repeat are scored once (19,091 -> 17,462 at 5k).
    first_pair_of: dict[tuple[str, str, bool], tuple[int, int]] = {}
    repeated = [
        (pair, first_pair_of.setdefault((texts[pair[0]], texts[pair[1]], allowed[pair[0]] and allowed[pair[1]]), pair))
        for pair in candidates
    ]
    distinct = list(first_pair_of.values())
    tasks = [
        _pairs_with_cosines(vectors, distinct[begin : begin + PAIRS_PER_TASK])
        for begin in range(0, len(distinct), PAIRS_PER_TASK)
    ]
    screened = engine.map(
        screen_pairs, tasks, stage="scoring", shared=(texts, allowed, join_threshold, embedder.name), on_progress=on_progress
    )

    read = engine.map(
        read_uncertain,
        reading_tasks([pair for _, _, part in screened for pair in part], texts),
        stage="reading pairs",
        shared=(embedder.name, join_threshold),
        on_progress=on_progress,
    )
    requests = [request for _, part, _ in screened for request in part]
    # A window that is all of one of its pair's texts has that text's vector (PairVectors).
    windows = sorted({window for i, j, _, window in requests if window not in (texts[i], texts[j])})
    window_table = WindowVectors(
        dict(zip(windows, embed_texts(windows, embedder=embedder, engine=engine, stage="excerpts"))),
        model=embedder.name,
        batch_size=embedder.batch_size,
    )

    scores: dict[tuple[int, int], Scores] = {(i, j): found for part in [*(final for final, _, _ in screened), *read] for i, j, found in part}
    excerpt_tasks = [
        [
            (i, j, texts[i], texts[j], whole, window_table.pair(texts[i], vectors[i], texts[j], vectors[j]).encode([min(texts[i], texts[j], key=len), window]))
            for i, j, whole, window in chunk
        ]
        for chunk in (requests[begin : begin + EXCERPT_PAIRS_PER_TASK] for begin in range(0, len(requests), EXCERPT_PAIRS_PER_TASK))
    ]
    finished = engine.map(
        score_excerpts, excerpt_tasks, stage="excerpt scoring", shared=(embedder.name, join_threshold), on_progress=on_progress
    )
    scores.update((key, found) for part in finished for key, found in part)
    scores.update((pair, dict(scores[first])) for pair, first in repeated if pair != first and first in scores)

    links = [(found["p"], i, j) for (i, j), found in sorted(scores.items()) if found["p"] >= join_threshold]
    engine.metrics["units"] = len(units)
    engine.metrics["pairs_compared"] = len(candidates)
    engine.metrics["excerpt_windows"] = len(windows)
    return ScoredLinks(links, scores, vectors, allowed, window_table)


def candidate_pairs(
    units: list[Member],
    vectors: np.ndarray,
    *,
    neighbours: int,
    floor: float,
    engine: Engine,
    on_progress: Progress | None = None,
    exact_limit: int | None = None,
    blocked: list[tuple[int, int]] | None = None,
) -> list[tuple[int, int]]:
    """Cross-article pairs (i < j) from nearest-neighbour search and shared rare n-grams (``blocked``, if found already), sorted."""
    index = build_index(vectors, exact_limit=exact_limit)
    blocks = [(start, vectors[start:stop]) for start, stop in row_blocks(len(vectors))]
    found = engine.map(
        search_block, blocks, stage="candidates", shared=(index, neighbours, floor), native=True, on_progress=on_progress
    )
    articles = [u.article for u in units]
    nearest = {(i, j) for i, j, _ in merge_pairs(found) if articles[i] != articles[j]}
    if blocked is None:
        blocked = shared_ngram_pairs([u.text for u in units], articles)
    return sorted(nearest.union(blocked))


def search_block(block: tuple[int, np.ndarray], *, shared: tuple[NeighbourIndex, int, int]) -> list[Pair]:
    start, queries = block
    index, k, floor = shared
    return neighbours_of_rows(index, queries, start, k=k, floor=floor)


def _pairs_with_cosines(vectors: np.ndarray, pairs: list[tuple[int, int]]) -> list[tuple[int, int, float]]:
    first = np.fromiter((i for i, _ in pairs), dtype=np.int64, count=len(pairs))
    second = np.fromiter((j for _, j in pairs), dtype=np.int64, count=len(pairs))
    cosines = np.einsum("ij,ij->i", vectors[first], vectors[second])
    return list(zip(first.tolist(), second.tolist(), cosines.tolist()))


def screen_pairs(
    pairs: list[tuple[int, int, float]], *, shared: tuple[list[str], list[bool], float, str]
) -> tuple[list[tuple[int, int, Scores]], list[tuple[int, int, Scores, str]], list[Unread]]:
    """Score pairs by the features; set apart the pairs an excerpt window may join, and those the cross-encoder is to read.

    Returns the pairs whose scores are final and worth keeping (at or above the threshold);
    the pairs whose excerpt view could reach the threshold, with their features' scores and
    their window: only an embedding of the window can tell, and windows are embedded
    together afterwards, not one pair at a time; and the pairs the features leave uncertain,
    with their length in tokens, to be read in batches (``read_uncertain``). Every pair ends
    with the scores ``score_texts`` gives it (see ``settle``), up to the last bits of a logit.
    """
    texts, allowed, threshold, model = shared
    calibration = load_calibration(model)  # named, not this process's default: workers run no pipeline
    final, requests, unread = [], [], []
    for i, j, cosine in pairs:
        whole = pair_scores(texts[i], texts[j], cosine, calibration)
        if settled(whole, calibration, threshold):
            final.append((i, j, whole))
            continue
        ceiling = 0.0  # the highest p the excerpt view could give
        if excerpt_view_applies(whole, allowed[i] and allowed[j]):
            short, long = sorted((texts[i], texts[j]), key=len)
            window = best_window(short, long)
            # The window's words as they are, with a perfect cosine.
            ceiling = calibration.probability({**calibration.text_scores(short, window), "cosine": 1.0})
            if ceiling >= threshold:
                requests.append((i, j, whole, window))
                continue
        # The excerpt view cannot join the pair: it is left out, and the whole texts decide.
        if needs_reading(whole, calibration):
            unread.append((i, j, whole, ceiling))
        elif whole["p"] >= threshold:
            final.append((i, j, whole))
    if not unread:
        return final, requests, []
    assert calibration.reading is not None  # needs_reading said so
    tokens = pair_tokens([(texts[i], texts[j]) for i, j, _, _ in unread], calibration.reading.adapter)
    return final, requests, [(*pair, length) for pair, length in zip(unread, tokens, strict=True)]


def reading_tasks(unread: list[Unread], texts: Sequence[str]) -> list[ReadingTask]:
    """The uncertain pairs in batches of one length in tokens, a few batches a task.

    The batches are cut from the sorted pairs, never from the tasks or the screening's
    partitions, so a pair is read with the same others whatever the engine and its workers.
    """
    ordered = sorted(unread, key=lambda pair: (pair[4], pair[0], pair[1]))
    tasks: list[ReadingTask] = []
    for _, group in groupby(ordered, key=lambda pair: pair[4]):
        same = [(i, j, texts[i], texts[j], whole, ceiling) for i, j, whole, ceiling, _ in group]
        for begin in range(0, len(same), BATCH):
            if not tasks or sum(map(len, tasks[-1])) >= READS_PER_TASK:
                tasks.append([])
            tasks[-1].append(same[begin : begin + BATCH])
    return tasks


def read_uncertain(task: ReadingTask, *, shared: tuple[str, float]) -> list[tuple[int, int, Scores]]:
    """Read each batch of uncertain pairs by the cross-encoder; the pairs worth keeping, with the reading model's scores."""
    model, threshold = shared
    calibration = load_calibration(model)
    assert calibration.reading is not None  # screening set the pairs apart for it
    kept = []
    for batch in task:
        logits = read_batch([(a, b) for _, _, a, b, _, _ in batch], calibration.reading.adapter)
        for (i, j, _, _, whole, ceiling), logit in zip(batch, logits, strict=True):
            scores = with_reading(whole, logit, calibration)
            # A read pair is kept below the threshold too (reading is the costly part), unless
            # its excerpt view, left out in screening, could still raise its p.
            if scores["p"] >= threshold or ceiling <= scores["p"]:
                kept.append((i, j, scores))
    return kept


ExcerptTask = list[tuple[int, int, str, str, Scores, np.ndarray]]


def score_excerpts(task: ExcerptTask, *, shared: tuple[str, float]) -> list[tuple[tuple[int, int], Scores]]:
    """``settle`` the pairs whose excerpt view needs the window's vector, shipped with the task."""
    calibration_model, threshold = shared
    use_model(calibration_model)  # the excerpt view scores with this process's model, as the pipeline's does
    calibration = load_calibration(calibration_model)
    return [
        ((i, j), settle(a, b, whole, _Shipped(short_and_window), calibration=calibration, threshold=threshold))
        for i, j, a, b, whole, short_and_window in task
    ]


class _Shipped:
    """The two vectors the excerpt view asks for when the cosine is known: the shorter text's and its window's."""

    def __init__(self, vectors: np.ndarray) -> None:
        self._vectors = vectors

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self._vectors


class WindowVectors:
    """The vectors of excerpt windows: as embedded together in the excerpts stage, else each alone.

    A window first met when the grouping scores a pair late is embedded alone: a text embedded
    alone has one vector whatever else is being embedded, so every engine and partition gives
    it the same. The table travels to the grouping's processes; what a process embeds alone
    stays in its copy.
    """

    def __init__(self, windows: dict[str, np.ndarray], *, model: str, batch_size: int) -> None:
        self._vectors = windows
        self._model = model
        self._batch_size = batch_size

    def vector(self, window: str) -> np.ndarray:
        if window not in self._vectors:
            self._vectors[window] = embed_chunk([window], model=self._model, batch_size=self._batch_size)[0]
        return self._vectors[window]

    def pair(self, a: str, vector_a: np.ndarray, b: str, vector_b: np.ndarray) -> PairVectors:
        """What ``settle`` reads vectors from when scoring the pair (a, b)."""
        return PairVectors({a: vector_a, b: vector_b}, self)


class PairVectors:
    """Vectors for the excerpt view of one pair: a text of the pair has its own, a window the table's."""

    def __init__(self, own: dict[str, np.ndarray], windows: WindowVectors) -> None:
        self._own = own
        self._windows = windows

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self._own[text] if text in self._own else self._windows.vector(text) for text in texts])
