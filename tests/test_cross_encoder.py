"""The cross-encoder reads the pairs the features leave uncertain, and only those."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from quotediff.cluster import score_texts
from quotediff.cluster.cross_encoder import pair_tokens, read_batch, read_pair
from quotediff.cluster.features import join_reason, load_calibration, pair_scores
from quotediff.embed import get_embedder
from quotediff.engine.clustering import (
    read_uncertain,
    reading_tasks,
    score_excerpts,
    screen_pairs,
)

MINILM = "all-MiniLM-L6-v2"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cross_encoder"


@pytest.fixture(scope="module")
def recorded() -> list[dict]:
    return json.loads((FIXTURES / "peft_logits.json").read_text())["pairs"]


def test_the_shipped_adapter_merged_into_the_base_reads_as_it_did_when_trained(recorded):
    # The logits were recorded from the training library's own model, adapters unmerged, in
    # float32; quotediff reads in bfloat16 (a wrong merge or scale moves them by whole units).
    for pair in recorded:
        assert read_pair(pair["first"], pair["second"]) == pytest.approx(pair["logit"], abs=0.05)


def test_a_pair_reads_the_same_in_either_order(recorded):
    pair = recorded[0]
    assert read_pair(pair["second"], pair["first"]) == read_pair(pair["first"], pair["second"])


# MRPC test pairs (../shared/benchmarks/mrpc/test.tsv), both labelled "not a paraphrase",
# that the features join with p in the uncertain band.
FIRES = ("By Sunday night, the fires had blackened 277,000 acres, hundreds of miles apart.", "Major fires had burned 264,000 acres by early last night.")
BUREAU = ("Russ Britt is the Los Angeles Bureau Chief for CBS.MarketWatch.com.", "Emily Church is London bureau chief of CBS.MarketWatch.com.")


def test_pairs_of_one_length_read_together_give_what_each_gives_alone():
    first, second = FIRES
    pairs = [
        (first, second),
        (second, first.replace("hundreds", "thousands")),  # either order: read as read_pair reads them
        (first.replace("Sunday", "Monday"), second.replace("264,000", "12,000")),
    ]
    assert len(set(pair_tokens(pairs))) == 1
    together = read_batch(pairs)
    assert together == pytest.approx([read_pair(a, b) for a, b in pairs], abs=1e-4)  # up to the last bits
    assert len(set(together)) == 3  # three readings, not one


def test_pairs_of_different_lengths_are_not_read_together():
    song = ("My fate is always shared with the motherland.", "With my homeland, my fate is always divided.")
    first, second = pair_tokens([FIRES, song])
    assert first != second
    with pytest.raises(ValueError, match="one length in tokens"):
        read_batch([FIRES, song])


def test_only_pairs_in_the_uncertain_band_are_read():
    calibration = load_calibration(MINILM)
    low, high = calibration.reading.band
    embedder = get_embedder(MINILM)
    song = "My fate is always shared with the motherland."
    pairs = {"the same words": (song, song), "another topic": (song, BUREAU[0]), "fires": FIRES, "bureau": BUREAU}
    read = {}
    for name, (a, b) in pairs.items():
        unread = pair_scores(a, b, float(np.prod(embedder.encode([a, b]), axis=0).sum()), calibration)
        scores = score_texts(a, b, embedder)
        read[name] = "cross_encoder" in scores
        assert read[name] == (low <= unread["p"] < high)
    assert read == {"the same words": False, "another topic": False, "fires": True, "bureau": True}


def test_reading_overturns_the_features_where_they_join_two_different_statements():
    calibration = load_calibration(MINILM)
    for a, b in (FIRES, BUREAU):
        scores = score_texts(a, b, get_embedder(MINILM))
        assert scores["p_features"] >= calibration.threshold > scores["p"]
        assert scores["cross_encoder"] < 0


def test_a_read_pair_keeps_its_features_p_and_says_it_was_read():
    calibration = load_calibration(MINILM)
    a, b = FIRES
    scores = score_texts(a, b, get_embedder(MINILM))
    assert scores["p_features"] == pair_scores(a, b, scores["cosine"], calibration)["p"]
    assert scores["cross_encoder"] == read_pair(a, b)
    assert f"logit {scores['cross_encoder']:+.2f}" in join_reason(scores, calibration.threshold)


def test_the_reading_model_joins_where_its_own_threshold_is():
    calibration = load_calibration(MINILM)
    reading = calibration.reading
    # A pair whose reading-model z sits exactly at that model's threshold gets the features' threshold.
    at_threshold = {name: 0.0 for name in reading.weights}
    at_threshold["cross_encoder"] = (np.log(reading.threshold / (1 - reading.threshold)) - reading.bias) / reading.weights["cross_encoder"]
    assert calibration.read_probability(at_threshold) == pytest.approx(calibration.threshold)


def test_screening_settles_pairs_as_scoring_them_alone_does():
    # Partitioned screening and the grouping's one-pair scoring give a pair the same scores.
    embedder = get_embedder(MINILM)
    texts = [
        *FIRES,
        *BUREAU,
        "Ukraine has warned that Pyongyang is using this opportunity as a chance to gain practical combat experience for potential future conflicts with the West",
        "gain practical battlefield experience for potential future conflicts with the West",
    ]
    vectors = embedder.encode(texts)
    pairs = [(i, j, float(vectors[i] @ vectors[j])) for i in range(len(texts)) for j in range(i + 1, len(texts))]
    threshold = load_calibration(MINILM).threshold
    final, requests, unread = screen_pairs(pairs, shared=(texts, [True] * len(texts), threshold, MINILM))
    read = [scored for task in reading_tasks(unread, texts) for scored in read_uncertain(task, shared=(MINILM, threshold))]
    windows = [(i, j, texts[i], texts[j], scores, embedder.encode([min(texts[i], texts[j], key=len), window])) for i, j, scores, window in requests]
    scored = {(i, j): scores for i, j, scores in final + read} | dict(score_excerpts(windows, shared=(MINILM, threshold)))
    assert len(read) >= 2  # the uncertain pairs were read in screening's batches
    assert any("p_excerpt" in scores for scores in scored.values())
    for (i, j), scores in scored.items():
        # The same scores, up to the last bits of a logit read in a batch (and the p it moves).
        assert scores == pytest.approx(score_texts(texts[i], texts[j], embedder, cosine=float(vectors[i] @ vectors[j])), abs=1e-5)
