"""The public API: each function runs the stages in order over the data model.

    ingest -> extract -> cluster -> align -> provenance      (compare)
    ingest -> extract                                        (extract)
    ingest -> extract -> match the query -> align            (check)
    ingest -> extract -> embed -> store                      (quotediff.store; ``db=`` runs over a store)

The CLI is a thin layer over these functions; a notebook user calls them directly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from functools import partial
from itertools import combinations

from quotediff.align import alignment_table, compare_texts
from quotediff.cluster import ScoredGroup, group_quotes, score_texts, speaker_of_group
from quotediff.cluster.cross_encoder import load_cross_encoder
from quotediff.cluster.features import join_reason, load_calibration, use_model
from quotediff.embed import canonical_model, get_embedder
from quotediff.engine import Engine
from quotediff.engine.building import build_clusters_on
from quotediff.engine.extraction import extract_on
from quotediff.engine.local import LocalEngine
from quotediff.extract import extract_quotes
from quotediff.ingest import Ingested, IngestOptions, ingest
from quotediff.language import (
    compare_across_languages,
    preload_latin_models,
    tag_languages,
)
from quotediff.lexicon import WordNetMissingError, wordnet
from quotediff.model import (
    VERDICT_ORDER,
    Article,
    CheckResult,
    Cluster,
    Comparison,
    DiffResult,
    Duplicate,
    Member,
    Quote,
    Report,
    Skipped,
)
from quotediff.provenance import infer_provenance
from quotediff.settings import Settings
from quotediff.store import (
    CheckQuery,
    Corpus,
    UnitIndex,
    check_units,
    run_checks,
    store_for_run,
    unquoted_reports,
)

Progress = Callable[[str, int, int], None]


def extract(paths: Sequence[str], *, settings: Settings | None = None, ingest_options: IngestOptions | None = None) -> Report:
    """Read articles and extract their quotes (no clustering, no model)."""
    settings = settings or Settings()
    ingested = ingest(paths, options=ingest_options)
    quotes = extract_all(ingested.articles)
    tag_languages(ingested.articles, quotes)
    return Report(ingested.articles, quotes, [], ingested.skipped, _settings_record(settings), _duplicates(ingested))


def extract_all(articles: Sequence[Article]) -> list[Quote]:
    return [quote for article in articles for quote in extract_quotes(article)]


def compare(
    paths: Sequence[str],
    *,
    settings: Settings | None = None,
    ingest_options: IngestOptions | None = None,
    on_progress: Progress | None = None,
    db: str | None = None,
    engine: Engine | None = None,
) -> Report:
    """The main job: extract the quotes of all articles, cluster them across articles, diff each cluster.

    With ``db`` (a corpus store), ``paths`` are added to the store first and the job runs
    over every article it holds, reusing the stored quotes and embeddings.
    """
    settings = settings or Settings()
    engine = engine or LocalEngine()
    if on_progress:
        on_progress("models", 0, 1)
    engine.prepare(partial(load_models, settings.model))  # on Dask, while this process reads the input
    if on_progress:
        on_progress("models", 1, 1)
    if db is not None:
        embedder = get_embedder(settings.model, settings.batch_size)
        with store_for_run(db, paths, embedder=embedder, ingest_options=ingest_options) as (store, skipped):
            members, vectors = store.unit_vectors(embedder.name)
            embedder.prime([m.text for m in members], vectors)
            quotes = store.quotes(kinds=("statement", "fragment"))
            return compare_articles(store.articles(), settings=settings, skipped=skipped, on_progress=on_progress, quotes=quotes, engine=engine)
    ingested = ingest(paths, options=ingest_options, on_progress=_stage_progress(on_progress, "reading"))
    report = compare_articles(ingested.articles, settings=settings, skipped=ingested.skipped, on_progress=on_progress, engine=engine)
    report.duplicates = _duplicates(ingested)
    return report


def load_models(model: str) -> None:
    """Load in this process, in the order the stages need them, the models ``compare`` reads.

    The language models of the Latin-script languages (extraction), the embedding model and
    the cross-encoder if its calibration reads pairs (clustering), WordNet (aligning). What is
    missing is not reported here but by the stage that needs it.
    """
    preload_latin_models()
    get_embedder(model).load()
    reading = load_calibration(model).reading
    if reading is not None:
        load_cross_encoder(reading.adapter)
    with suppress(WordNetMissingError):
        wordnet()


def _duplicates(ingested: Ingested) -> list[Duplicate]:
    return [Duplicate(path, kept) for path, kept in ingested.duplicates]


def _stage_progress(on_progress: Progress | None, stage: str) -> Callable[[int, int | None], None] | None:
    """Adapt a stage's (done, total or None) callback to the run's (stage, done, total) one."""
    if on_progress is None:
        return None
    return lambda done, total: on_progress(stage, done, total if total is not None else done)


def compare_articles(
    articles: Sequence[Article],
    *,
    settings: Settings | None = None,
    skipped: Sequence[Skipped] = (),
    on_progress: Progress | None = None,
    quotes: Sequence[Quote] | None = None,
    engine: Engine | None = None,
) -> Report:
    """``compare`` over articles already in memory (and their quotes, when already extracted)."""
    settings = settings or Settings()
    use_model(settings.model)  # pairs are scored with this model's calibration
    engine = engine or LocalEngine()  # the heavy stages run on the engine (see quotediff.engine)
    if quotes is None:
        quotes = extract_on(engine, articles, on_progress=on_progress)  # tags languages as it goes
    else:
        quotes = list(quotes)
        tag_languages(articles, quotes)
    embedder = get_embedder(settings.model, settings.batch_size)
    groups = group_quotes(quotes, embedder=embedder, settings=settings, on_progress=on_progress, engine=engine)
    in_order = sorted(groups, key=lambda g: (g.members[0].article, g.members[0].start))
    clusters = build_clusters_on(engine, in_order, quotes, articles, model=settings.model, on_progress=on_progress)
    return Report(list(articles), quotes, clusters, list(skipped), _settings_record(settings))


def build_cluster(cluster_id: str, group: ScoredGroup, quotes: dict[str, Quote], articles: dict[str, Article]) -> Cluster:
    """Align every cross-article pair of a group, judge the drift and infer provenance."""
    members = sorted(group.members, key=lambda m: (m.article, m.start))
    pairs = [
        _compare_members(a, b, group.scores.get((a.id, b.id)) or group.scores[(b.id, a.id)], quotes)
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


def _compare_members(a: Member, b: Member, scores: dict[str, float], quotes: dict[str, Quote]) -> Comparison:
    """Same language: the word diff and its drift types. Two languages: meaning only (see quotediff.language)."""
    languages = (quotes[a.quote].language, quotes[b.quote].language)
    if languages[0] and languages[1] and languages[0] != languages[1]:
        return compare_across_languages(a.id, b.id, (languages[0], languages[1]), scores, load_calibration().threshold)
    comparison = compare_texts(a.text, b.text, a_id=a.id, b_id=b.id, scores=scores)
    joined = join_reason(scores, load_calibration().threshold)
    comparison.reason = f"{joined}; {comparison.reason}" if comparison.reason else joined
    return comparison


def check(
    query: str,
    paths: Sequence[str] = (),
    *,
    settings: Settings | None = None,
    ingest_options: IngestOptions | None = None,
    query_id: str | None = None,
    db: str | None = None,
) -> CheckResult:
    """The spot check: every rendering of ``query`` among the articles, best first.

    Renderings inside longer quotes, excerpts, and sentences reported without quote marks
    (kind "unquoted") count. With ``db``, ``paths`` are added to that store first and the
    check runs over everything it holds.
    """
    return check_many([CheckQuery(query, query_id)], paths, settings=settings, ingest_options=ingest_options, db=db)[0]


def check_many(
    queries: Sequence[CheckQuery],
    paths: Sequence[str] = (),
    *,
    settings: Settings | None = None,
    ingest_options: IngestOptions | None = None,
    db: str | None = None,
) -> list[CheckResult]:
    """``check`` for many queries at once, one result per query in order (the corpus is read once)."""
    settings = settings or Settings()
    use_model(settings.model)
    embedder = get_embedder(settings.model, settings.batch_size)
    if db is None:
        ingested = ingest(paths, options=ingest_options)
        quotes = [q for article in ingested.articles for q in _quotes_and_reports(article)]
        units = check_units(quotes)
        index = UnitIndex.build(units, embedder.encode([u.text for u in units]))
        return _run_checks(queries, index, Corpus.in_memory(quotes, ingested.articles), settings, ingested.skipped)
    with store_for_run(db, paths, embedder=embedder, ingest_options=ingest_options) as (store, skipped):
        index = UnitIndex.build(*store.unit_vectors(embedder.name))
        return _run_checks(queries, index, Corpus(store.quotes, store.articles), settings, skipped)


def _quotes_and_reports(article: Article) -> list[Quote]:
    """An article's quotes, and the sentences it reports without quote marks (for ``check`` only)."""
    quotes = extract_quotes(article)
    found = quotes + unquoted_reports(article, quotes)
    tag_languages([article], found)
    return found


def _run_checks(
    queries: Sequence[CheckQuery], index: UnitIndex, corpus: Corpus, settings: Settings, skipped: Sequence[Skipped]
) -> list[CheckResult]:
    threshold = settings.join_threshold if settings.join_threshold is not None else load_calibration().threshold
    embedder = get_embedder(settings.model, settings.batch_size)
    record = _settings_record(settings)
    return run_checks(queries, index, corpus, embedder=embedder, threshold=threshold, settings_record=record, skipped=skipped)


def diff(a: str, b: str, *, settings: Settings | None = None) -> DiffResult:
    """Compare two renderings typed in by hand: scores, alignment, typed changes, verdict."""
    settings = settings or Settings()
    use_model(settings.model)
    scores = score_texts(a, b, get_embedder(settings.model, settings.batch_size), threshold=settings.join_threshold)
    return DiffResult(a, b, compare_texts(a, b, a_id="a", b_id="b", scores=scores))


def _settings_record(settings: Settings) -> dict[str, object]:
    record = settings.as_dict()
    calibration = load_calibration(settings.model)
    record["join_threshold"] = settings.join_threshold if settings.join_threshold is not None else calibration.threshold
    record["calibration"] = calibration.source
    record["calibration_model"] = calibration.model
    record["embedding_model"] = canonical_model(settings.model)  # the name the store records vectors under
    reading = calibration.reading
    record["cross_encoder"] = (
        f"{reading.adapter}: reads the pairs whose features' p is in [{reading.band[0]}, {reading.band[1]}); {reading.source}"
        if reading
        else "none"
    )
    record["cross_language_calibration"] = (
        calibration.cross_language.source if calibration.cross_language else "none: a pair in two languages is scored as if in one"
    )
    return record
