"""Quotes across languages: which model clusters the renderings of one statement, and at what cost.

    python bench/multilingual.py          # print the figures
    python bench/multilingual.py --fit    # also write each multilingual model's cross-language
                                          # threshold into quotediff/cluster/calibrations/<model>.json

Data: fixtures/multilingual/statements.json, statements rendered in four languages each
(Korean, German, English and Russian, Ukrainian or French); the other statements of the same
story are the hard negatives. The cross-language cosine threshold is fitted on the dev
stories (best F1), every figure below it is measured on the test stories.

Printed, for the English-only default model (the baseline) and the two multilingual models,
all measured in this run:

* pairs: precision / recall / F1 of "same statement" over cross-language pairs of the test
  stories at the dev threshold, and how many hard negatives (same story) pass it;
* clusters: pairwise precision / recall of quotediff's own grouping (quotediff.cluster.graph)
  over all test renderings, scored as the pipeline scores them (cross-language pairs by
  the fitted threshold, same-language pairs by the model's MRPC calibration);
* speed: sentences per second on 400 MRPC sentences, after loading the model;
* language identification: lingua against langid on every rendering, and on the seeds' short
  English fragments (where a wrong answer would make an English pair cross-language).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from dataclasses import replace
from itertools import combinations
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import mrpc

from quotediff.cluster.features import (
    Calibration,
    CrossLanguage,
    calibration_path,
    load_calibration,
    pair_scores,
)
from quotediff.cluster.graph import group_units
from quotediff.embed import get_embedder
from quotediff.language import LANGUAGES, identify
from quotediff.model import Member

STATEMENTS = ROOT / "fixtures" / "multilingual" / "statements.json"
MODELS = ("all-MiniLM-L6-v2", "multilingual-use", "multilingual-e5")
SPEED_SENTENCES = 400


def renderings() -> tuple[list[dict[str, str]], dict[str, list[str]]]:
    """One row per rendering (statement, story, language, text), and the dev / test stories."""
    data = json.loads(STATEMENTS.read_text(encoding="utf-8"))
    rows = [
        {"statement": s["id"], "story": s["story"], "language": language, "text": text}
        for s in data["statements"]
        for language, text in s["renderings"].items()
    ]
    return rows, data["split"]


def cross_pairs(rows: list[dict[str, str]], indices: list[int]) -> list[tuple[int, int, bool, bool]]:
    """(i, j, same statement, same story) for every pair of renderings in two languages."""
    return [
        (i, j, rows[i]["statement"] == rows[j]["statement"], rows[i]["story"] == rows[j]["story"])
        for i, j in combinations(indices, 2)
        if rows[i]["language"] != rows[j]["language"]
    ]


def prf(predicted: list[bool], gold: list[bool]) -> tuple[float, float, float]:
    tp = sum(p and g for p, g in zip(predicted, gold))
    precision = tp / max(sum(predicted), 1)
    recall = tp / max(sum(gold), 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-9)


def fit_cross_language(cosines: np.ndarray, gold: np.ndarray, source: str) -> CrossLanguage:
    """The best-F1 cosine threshold on the dev pairs, and the logistic slope over the cosine."""
    thresholds = np.round(np.arange(0.05, 0.96, 0.01), 2)
    best = max(thresholds, key=lambda t: (prf(list(cosines >= t), list(gold))[2], -t))
    slope = LogisticRegression(C=10.0, max_iter=1000).fit(cosines.reshape(-1, 1), gold).coef_[0][0]
    return CrossLanguage(weight=round(float(slope), 3), cosine_threshold=float(best), source=source)


def cluster_pairs(rows: list[dict[str, str]], indices: list[int], vectors: np.ndarray, calibration: Calibration) -> set[tuple[int, int]]:
    """Pairs of renderings that quotediff's grouping puts in one cluster (each rendering its own article)."""
    units = [Member(id=str(i), quote=str(i), article=str(i), text=rows[i]["text"], start=0, end=len(rows[i]["text"])) for i in indices]
    cache: dict[tuple[int, int], dict[str, float]] = {}

    def score(a: int, b: int) -> dict[str, float]:
        key = (min(a, b), max(a, b))
        if key not in cache:
            i, j = indices[key[0]], indices[key[1]]
            cache[key] = pair_scores(rows[i]["text"], rows[j]["text"], float(vectors[i] @ vectors[j]), calibration)
        return cache[key]

    links = [(score(a, b)["p"], a, b) for a, b in combinations(range(len(indices)), 2)]
    groups = group_units(units, links, score, join_threshold=calibration.threshold, cohesion_threshold=calibration.threshold)
    return {(indices[a], indices[b]) for g in groups for a, b in combinations(g.units, 2)}


def speed(model: str) -> float:
    sentences = [s for pair in mrpc("test")[0][: SPEED_SENTENCES // 2] for s in pair]
    embedder = get_embedder(model)
    embedder.encode(["warm up"])
    start = time.perf_counter()
    embedder.model.encode(sentences, batch_size=64, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
    return len(sentences) / (time.perf_counter() - start)


def language_identification(rows: list[dict[str, str]]) -> None:
    """lingua (quotediff.language) against langid over the same candidate languages, loading included."""
    import langid

    start = time.perf_counter()
    lingua_answers = [identify.__wrapped__(r["text"]) for r in rows]  # uncached: every text identified here
    lingua_time = time.perf_counter() - start
    start = time.perf_counter()
    identifier = langid.langid.LanguageIdentifier.from_modelstring(langid.langid.model, norm_probs=True)
    identifier.set_languages([code for code in LANGUAGES if code != "nb"] + ["no"])
    langid_answers = [identifier.classify(r["text"])[0] for r in rows]
    langid_time = time.perf_counter() - start
    print(f"language identification, {len(rows)} renderings (loading included)")
    for name, answers, seconds in (("lingua", lingua_answers, lingua_time), ("langid", langid_answers, langid_time)):
        right = sum(a == r["language"] for a, r in zip(answers, rows))
        unsure = sum(a is None for a in answers)
        wrong = [f"{r['statement']}/{r['language']}->{a}" for a, r in zip(answers, rows) if a not in (r["language"], None)]
        print(f"  {name:7} {right}/{len(rows)} right, {unsure} unsure, {seconds * 1000:.0f} ms; wrong: {', '.join(wrong) or 'none'}")
    # Short English phrases (the seeds' scare quotes and fragments): a wrong language here would
    # turn an English pair into a cross-language one. lingua may abstain; langid always answers.
    from quotediff.pipeline import extract

    fragments = [q.text for q in extract([str(ROOT / "seeds")]).quotes if q.kind == "fragment"]
    lingua_wrong = [t for t in fragments if identify.__wrapped__(t) not in ("en", None)]
    langid_wrong = [t for t in fragments if identifier.classify(t)[0] != "en"]
    print(f"  short English fragments of the seeds ({len(fragments)}): lingua wrong on {len(lingua_wrong)}"
          f" (abstains on {sum(identify.__wrapped__(t) is None for t in fragments)}), langid wrong on {len(langid_wrong)}"
          f" ({', '.join(repr(t) for t in langid_wrong[:4])}{', ...' if len(langid_wrong) > 4 else ''})")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", action="store_true", help="write the fitted cross-language thresholds of the multilingual models")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed measurement")
    args = parser.parse_args()

    rows, split = renderings()
    language_identification(rows)  # first, so that both identifiers load their models in the timing
    dev = [n for n, r in enumerate(rows) if r["story"] in split["dev"]]
    test = [n for n, r in enumerate(rows) if r["story"] in split["test"]]
    gold_clusters = {(i, j) for i, j in combinations(test, 2) if rows[i]["statement"] == rows[j]["statement"]}
    print(f"{len({r['statement'] for r in rows})} statements, {len(rows)} renderings in {len({r['language'] for r in rows})} languages;"
          f" dev stories {','.join(split['dev'])}, test stories {','.join(split['test'])}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (speeds are comparable within one run only)")
    print(f"{'model':18} {'cos thr':>7} {'pair P':>6} {'R':>5} {'F1':>5} {'hard FP':>8} {'clus P':>6} {'R':>5} {'sent/s':>7}  calibration")
    for model in MODELS:
        vectors = get_embedder(model).encode([r["text"] for r in rows])
        dev_pairs, test_pairs = cross_pairs(rows, dev), cross_pairs(rows, test)
        dev_cosines = np.array([float(vectors[i] @ vectors[j]) for i, j, _, _ in dev_pairs])
        source = f"fixtures/multilingual dev stories {','.join(split['dev'])} ({len(dev_pairs)} cross-language pairs), best-F1 cosine threshold"
        cross = fit_cross_language(dev_cosines, np.array([same for _, _, same, _ in dev_pairs]), source)
        test_predicted = [float(vectors[i] @ vectors[j]) >= cross.cosine_threshold for i, j, _, _ in test_pairs]
        precision, recall, f1 = prf(test_predicted, [same for _, _, same, _ in test_pairs])
        hard = [p for p, (_, _, same, story) in zip(test_predicted, test_pairs) if story and not same]
        calibration = replace(load_calibration(model), cross_language=cross)
        found = cluster_pairs(rows, test, vectors, calibration)
        cluster_precision = len(found & gold_clusters) / max(len(found), 1)
        cluster_recall = len(found & gold_clusters) / max(len(gold_clusters), 1)
        rate = speed(model) if not args.no_speed else math.nan
        own = "own" if calibration_path(model).is_file() else "MiniLM's (none of its own)"
        print(f"{model:18} {cross.cosine_threshold:7.2f} {precision:6.2f} {recall:5.2f} {f1:5.2f} {sum(hard):3}/{len(hard):<4} "
              f"{cluster_precision:6.2f} {cluster_recall:5.2f} {rate:7.0f}  {own}")
        if args.fit and model != MODELS[0]:
            write_cross_language(model, cross)


def write_cross_language(model: str, cross: CrossLanguage) -> None:
    path = Path(str(calibration_path(model)))
    if not path.is_file():
        print(f"  not written: {path.relative_to(ROOT)} is missing; run bench/calibrate.py --model {model} first")
        return
    data = json.loads(path.read_text())
    data["cross_language"] = {"weight": cross.weight, "cosine_threshold": cross.cosine_threshold, "source": cross.source}
    path.write_text(json.dumps(data, indent=2) + "\n")
    print(f"  wrote the cross-language threshold into {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
