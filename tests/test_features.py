"""Pair features: what the wording of two renderings leaves unshared, and which model weighs it."""

from __future__ import annotations

import json

import pytest

from quotediff.cluster.features import (
    BASE_FEATURES,
    FEATURES,
    calibration_path,
    join_reason,
    lexical_scores,
    load_calibration,
    pair_scores,
)
from quotediff.cluster.wording import WORDING_FEATURES

KIM = "My fate is always shared with the motherland."
SOLDIERS = "We have a number of around 12,000 of them. There are already killed and injured."


def test_identical_renderings_leave_nothing_unshared():
    scores = lexical_scores(KIM, "“My fate is always shared with the motherland”", wording=True)
    assert {name: scores[name] for name in WORDING_FEATURES} == dict.fromkeys(WORDING_FEATURES, 0.0)


def test_an_added_clause_is_the_longest_unmatched_run():
    longer = "My fate is always shared with the motherland, far from the front and my family."
    assert lexical_scores(KIM, longer, wording=True)["longest_gap"] == len(["far", "from", "the", "front", "and", "my", "family"])


def test_a_changed_figure_counts_once_on_each_side():
    scores = lexical_scores(SOLDIERS, SOLDIERS.replace("12,000", "11,000"), wording=True)
    assert scores["numbers_differ"] == 2
    assert scores["longest_gap"] == 1  # "12 000" -> "11 000": one word replaced


def test_a_negated_rendering_differs_in_negation():
    scores = lexical_scores("The drone will stop.", "The drone won't stop.", wording=True)
    assert scores["negation_differs"] == 1
    assert lexical_scores("The drone won't stop.", "The drone will not stop.", wording=True)["negation_differs"] == 0


def test_what_the_wording_leaves_unshared_can_only_lower_the_probability():
    calibration = load_calibration("all-MiniLM-L6-v2")
    assert all(calibration.weights[name] < 0 for name in WORDING_FEATURES)


def test_the_default_model_weighs_every_feature():
    calibration = load_calibration("all-MiniLM-L6-v2")
    assert tuple(calibration.weights) == FEATURES
    assert set(pair_scores(KIM, "My fate is always divided with the motherland.", 0.9, calibration)) == {*FEATURES, "p"}


@pytest.mark.parametrize("model", ["multilingual-use", "multilingual-e5"])
def test_other_models_keep_the_five_features_they_were_calibrated_on(model):
    calibration = load_calibration(model)
    stored = json.loads(calibration_path(model).read_text())
    assert tuple(calibration.weights) == BASE_FEATURES == tuple(stored["features"])
    scores = pair_scores(KIM, "My fate is always divided with the motherland.", 0.9, calibration)
    assert set(scores) == {*BASE_FEATURES, "p"}


def test_the_reason_names_what_differs_when_the_model_weighed_it():
    calibration = load_calibration("all-MiniLM-L6-v2")
    scores = pair_scores(SOLDIERS, SOLDIERS.replace("12,000", "11,000"), 0.97, calibration)
    reason = join_reason(scores, calibration.threshold)
    assert reason.endswith("; longest unmatched run 1 word(s), differing in 2 number(s)")


def test_a_sentence_that_adds_a_clause_around_the_statement_is_judged_as_an_excerpt():
    """Seed 000 reports a letter's origin inside a longer sentence: the whole view counts the
    added clause against the pair, the excerpt view compares the statement with its window."""
    from quotediff.cluster import score_texts
    from quotediff.embed import get_embedder

    statement = "sent to the troops from Pyongyang or written by North Korean soldiers listening to their commanders read aloud messages from Kim"
    report = (
        "While the exact origins of the messages remain unclear, they may have been sent from Pyongyang "
        "or transcribed by North Korean soldiers after commanders read them aloud"
    )
    scores = score_texts(statement, report, get_embedder("all-MiniLM-L6-v2"))
    assert scores["length_ratio"] > 0.75  # not much longer: the added clause alone calls for the excerpt view
    assert scores["longest_gap"] >= 4
    assert scores["p_excerpt"] > scores["p_whole"]
