"""Spot-check latency over a corpus store of synthetic articles (default 10,000).

    python bench/check_latency.py                       # 10,000 articles, 60 queries
    python bench/check_latency.py --articles 1000       # a quick run

Articles are built from the public benchmark sentences (MRPC and STS-B news, see
../shared/benchmarks) plus the five seeds: each synthetic article quotes four sentences
("...," Name said.) and reports four without quote marks, so every article gives the
store quote units and unquoted units alike. Prints:

Articles draw on a pool of ``--pool`` distinct sentences (4,000 by default), so the
embedding time is bounded while the store holds one unit per quote and sentence (about
nine per article): the search scans every unit, whatever the pool.

- index time: ``index add`` of the whole corpus into a new store (ingest, extract, embed, write);
- load time: reading the unit vectors once and building the search index;
- check latency p50/p95 of one query (embed the query, search, score, diff, read matches),
  against the baseline of embedding the query alone with the same model, in the same run;
- one end-to-end ``quotediff check --db`` command for reference (model and index loading included).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _data import read_tsv

from quotediff.cluster.features import load_calibration
from quotediff.embed import get_embedder
from quotediff.settings import Settings
from quotediff.store import CheckQuery, Corpus, Store, UnitIndex, add_paths, run_checks

ROOT = Path(__file__).resolve().parents[1]
SEED_QUERIES = [
    "My fate is always shared with the motherland",
    "I don't even know how I can find the words to properly encourage and express gratitude for your dedication and tireless efforts",
    "sent to the troops from Pyongyang or written by North Korean soldiers listening to their commanders read aloud messages from Kim",
    "In modern warfare, where real-time reconnaissance and drone strikes are conducted, failing to disperse combat teams could lead to casualties",
]
SPEAKERS = ["Maria Lopez", "John Carter", "the minister", "a spokesperson", "Chen Wei", "Amara Okafor", "the company", "Olaf Berg"]


def sentence_pool() -> list[str]:
    sentences = []
    for relative in ("mrpc/train.tsv", "mrpc/test.tsv"):
        sentences += [s for row in read_tsv(relative) for s in (row["sentence1"], row["sentence2"])]
    for relative in ("stsb/train.news.tsv", "stsb/dev.news.tsv", "stsb/test.news.tsv"):
        sentences += [s for row in read_tsv(relative) for s in (row["sentence1"], row["sentence2"])]
    clean = {s.strip().replace("\u201c", '"').replace("\u201d", '"').replace('"', "") for s in sentences}
    return sorted(s for s in clean if 8 <= len(s.split()) <= 45)


def synthetic_articles(count: int, pool: list[str], rng: random.Random) -> list[dict[str, str]]:
    articles = []
    for n in range(count):
        paragraphs = [f"Report {n} from the newsroom of outlet {n % 300}."]
        for k in range(8):
            sentence = rng.choice(pool).rstrip(" .")
            if k % 2 == 0:
                paragraphs.append(f"\u201c{sentence},\u201d {rng.choice(SPEAKERS)} said.")
            else:
                paragraphs.append(sentence + ".")
        day = 1 + n % 28
        articles.append({"id": f"syn{n:05d}", "outlet": f"Outlet {n % 300}", "date": f"2025-02-{day:02d}", "text": "\n\n".join(paragraphs)})
    return articles


def edited(sentence: str, rng: random.Random) -> str:
    """A query that renders a pool sentence with a change: one word dropped."""
    words = sentence.rstrip(" .").split()
    del words[rng.randrange(1, len(words) - 1)]
    return " ".join(words)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--pool", type=int, default=4000, help="distinct sentences the articles are drawn from (bounds embedding time)")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--store", help="measure the checks on this store (built by an earlier run) instead of building one")
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    settings = Settings()
    embedder = get_embedder(settings.model, settings.batch_size)

    started = time.perf_counter()
    embedder.encode(["warm-up: the model loads here"])
    model_seconds = time.perf_counter() - started

    summary = None
    if arguments.store:
        db = Path(arguments.store)
    else:
        workdir = Path(tempfile.mkdtemp(prefix="quotediff-check-bench-"))
        pool = rng.sample(sentence_pool(), arguments.pool)
        corpus_file = workdir / "articles.jsonl"
        with corpus_file.open("w", encoding="utf-8") as handle:
            for record in synthetic_articles(arguments.articles, pool, rng):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        db = workdir / "corpus.db"
        with Store(db, create=True) as store:
            summary = add_paths(store, [str(corpus_file), str(ROOT / "seeds")], embedder=embedder, batch_size=64)

    with Store(db) as store:
        figures = store.stats()
        started = time.perf_counter()
        index = UnitIndex.build(*store.unit_vectors(embedder.name))
        load_seconds = time.perf_counter() - started
        corpus = Corpus(store.quotes, store.articles)

        stored = sorted({m.text for m in index.members if m.quote.split(":")[-1].startswith("q") and len(m.text.split()) >= 6})
        queries = list(SEED_QUERIES)
        queries += [edited(text, rng) for text in rng.sample(stored, arguments.queries // 2)]
        unseen = [r["sentence1"] for r in read_tsv("paws_wiki/test.tsv")]
        queries += rng.sample(unseen, arguments.queries - len(queries))

        embed_alone, check_times, found = [], [], 0
        threshold, record = load_calibration().threshold, settings.as_dict()
        started = time.perf_counter()  # the first check also loads WordNet (opposite meanings)
        run_checks([CheckQuery(SEED_QUERIES[0] + " today")], index, corpus, embedder=embedder, threshold=threshold, settings_record=record)
        first_seconds = time.perf_counter() - started
        for query in queries:
            started = time.perf_counter()
            embedder.model.encode([query], normalize_embeddings=True, show_progress_bar=False)
            embed_alone.append(time.perf_counter() - started)
            started = time.perf_counter()
            result = run_checks([CheckQuery(query)], index, corpus, embedder=embedder, threshold=threshold, settings_record=record)[0]
            check_times.append(time.perf_counter() - started)
            found += result.verdict != "not_found"

    started = time.perf_counter()
    command = [sys.executable, "-m", "quotediff", "check", SEED_QUERIES[0], "--db", str(db), "-q", "--format", "json"]
    subprocess.run(command, check=False, capture_output=True)
    command_seconds = time.perf_counter() - started

    distinct = len({m.text for m in index.members})
    direct = figures.quotes.get("statement", 0) + figures.quotes.get("fragment", 0)
    print(f"corpus: {figures.articles} articles, {direct} quotes, {figures.quotes.get('unquoted', 0)} unquoted sentences, "
          f"{len(index.members)} units ({distinct} distinct texts embedded); store {figures.size_bytes / 1e6:.0f} MB")  # fmt: skip
    print(f"model load: {model_seconds:.1f} s")
    if summary is not None:
        print(f"index add: {summary.seconds:.1f} s ({summary.added / summary.seconds:.0f} articles/s)")
    print(f"index load (vectors read once, {index.neighbours.kind} search): {load_seconds:.2f} s")
    print(f"first check (loads WordNet too): {first_seconds:.2f} s")
    p50, p95 = percentile(check_times, 0.5), percentile(check_times, 0.95)
    e50, e95 = percentile(embed_alone, 0.5), percentile(embed_alone, 0.95)
    print(f"check latency over {len(queries)} queries ({found} found): p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {max(check_times) * 1000:.0f} ms")
    print(f"embedding the query alone: p50 {e50 * 1000:.0f} ms, p95 {e95 * 1000:.0f} ms  ->  check / embed p50 = {p50 / e50:.1f}x")
    print(f"mean check {statistics.mean(check_times) * 1000:.0f} ms; under 1 s: {sum(t < 1 for t in check_times)}/{len(check_times)}")
    print(f"end to end `quotediff check --db` (new process: imports, model, index load, one check): {command_seconds:.1f} s")
    print(f"store kept at {db} (measure again: --store {db}); load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
