"""Drift typing and verdicts on the seed renderings, and on seed sentences edited one way at a time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotediff.align import compare_texts
from quotediff.lexicon import opposition

ROOT = Path(__file__).resolve().parents[1]
SEED_PAIRS = json.loads((ROOT / "fixtures" / "align" / "seed_pairs.json").read_text(encoding="utf-8"))
CASUALTIES = SEED_PAIRS["casualty_sentence"]["a"]
INVOLVEMENT = SEED_PAIRS["involvement_sentence"]["a"]


def _types(comparison):
    return [change.type for change in comparison.changes]


def test_song_line_shared_with_versus_divided_is_altered_by_an_antonym():
    pair = SEED_PAIRS["song_line"]
    comparison = compare_texts(pair["a"], pair["b"])
    assert comparison.verdict == "altered"
    antonyms = [c for c in comparison.changes if c.type == "antonym"]
    assert len(antonyms) == 1
    assert "shared" in antonyms[0].a and antonyms[0].b == "divided"
    assert "WordNet" in antonyms[0].evidence and "antonym" in antonyms[0].evidence
    assert "reorder" in _types(comparison) and "synonym" in _types(comparison)
    assert comparison.drift >= 0.5


def test_drone_dispersal_retranslation_is_a_variant():
    pair = SEED_PAIRS["drone_dispersal"]
    comparison = compare_texts(pair["a"], pair["b"])
    assert comparison.verdict == "variant"
    assert {"reorder", "synonym", "hedge"} <= set(_types(comparison))
    hedge = next(c for c in comparison.changes if c.type == "hedge")
    assert (hedge.a, hedge.b) == ("could", "can")
    assert 0.05 <= comparison.drift < 0.5


def test_typography_only_is_identical():
    a = "North Korean leader Kim Jong-un said: “fight with courage” — until the end"
    b = 'north korean leader Kim Jong Un said "Fight with courage" - until the end.'
    comparison = compare_texts(a, b)
    assert comparison.verdict == "identical"
    assert set(_types(comparison)) <= {"typography"}
    assert comparison.drift < 0.05


def test_same_text_is_identical_with_zero_drift():
    comparison = compare_texts(CASUALTIES, CASUALTIES)
    assert (comparison.verdict, comparison.drift, comparison.changes) == ("identical", 0.0, [])


def test_changed_number_is_altered():
    edited = CASUALTIES.replace("1,100", "3,000")
    comparison = compare_texts(CASUALTIES, edited)
    assert comparison.verdict == "altered"
    assert [(c.type, c.a, c.b) for c in comparison.changes] == [("number", "1,100", "3,000")]
    assert "1100 != 3000" in comparison.changes[0].evidence


def test_number_written_another_way_is_not_a_number_change():
    comparison = compare_texts(CASUALTIES, CASUALTIES.replace("3,000", "3000").replace("at least 1,100", "at least 1100"))
    assert comparison.verdict == "identical"
    words = compare_texts("squads of two to three members", "squads of 2-3 members")
    assert "number" not in _types(words) and words.verdict == "variant"


def test_negation_gained_is_altered():
    positive = INVOLVEMENT.replace("has not had", "has had")
    comparison = compare_texts(positive, INVOLVEMENT)
    assert comparison.verdict == "altered"
    assert [(c.type, c.b) for c in comparison.changes] == [("negation", "not")]
    assert "gained" in comparison.changes[0].evidence


def test_hedge_alone_keeps_the_meaning():
    comparison = compare_texts(INVOLVEMENT, INVOLVEMENT.replace("has not had", "may not have had"))
    assert comparison.verdict == "variant"
    assert "hedge" in _types(comparison) and "negation" not in _types(comparison)


def test_different_name_is_altered_but_a_respelled_name_is_not():
    changed = compare_texts(INVOLVEMENT + ", said Yerin", INVOLVEMENT + ", said Zelensky")
    assert changed.verdict == "altered" and _types(changed) == ["name"]
    for first, second in (("Zelensky", "Zelenskyy"), ("Kyiv", "Kiev"), ("Choson", "Chosun")):
        respelled = compare_texts(f"{first} said on Sunday", f"{second} said on Sunday")
        assert respelled.verdict == "variant" and _types(respelled) == ["spelling"], first
    extended = compare_texts("Niels said on Sunday", "Nielsen said on Sunday")
    assert _types(extended) == ["name"]


def test_swapped_roles_are_altered():
    comparison = compare_texts("Ukraine warned Russia about the drones", "Russia warned Ukraine about the drones")
    assert comparison.verdict == "altered"
    assert set(_types(comparison)) == {"reorder"}
    assert "swap" in comparison.changes[0].evidence


def test_omission_and_addition_are_typed_by_side():
    comparison = compare_texts(INVOLVEMENT, INVOLVEMENT.replace("on the situation", "on the situation in Kursk"))
    assert [(c.type, c.b) for c in comparison.changes] == [("addition", "in Kursk")]
    comparison = compare_texts(INVOLVEMENT, INVOLVEMENT.replace(" significant", ""))
    assert [(c.type, c.a) for c in comparison.changes] == [("omission", "significant")]


@pytest.mark.parametrize(
    ("a", "b"),
    [("shared", "divided"), ("divided", "shared"), ("accepted", "rejected"), ("increase", "decrease")],
)
def test_wordnet_finds_opposites(a, b):
    assert opposition(a, b)


@pytest.mark.parametrize(("a", "b"), [("motherland", "homeland"), ("teams", "groups"), ("casualties", "losses"), ("big", "large")])
def test_wordnet_does_not_oppose_near_synonyms(a, b):
    assert opposition(a, b) is None


def test_drift_orders_pairs_from_faithful_to_altered():
    identical = compare_texts(CASUALTIES, CASUALTIES.replace("3,000", "3000"))
    variant = compare_texts(SEED_PAIRS["drone_dispersal"]["a"], SEED_PAIRS["drone_dispersal"]["b"])
    altered = compare_texts(SEED_PAIRS["song_line"]["a"], SEED_PAIRS["song_line"]["b"])
    assert identical.drift < variant.drift < altered.drift


def test_a_contraction_written_out_is_spelling_not_negation():
    pair = SEED_PAIRS["gratitude_letter"]  # "I don’t even know how I can ..." / "I do not even know how to ..."
    comparison = compare_texts(pair["a"], pair["b"])
    assert comparison.verdict == "variant"
    assert ("spelling", "don’t", "do not") in [(c.type, c.a, c.b) for c in comparison.changes]
    assert "negation" not in _types(comparison) and "hedge" not in _types(comparison)
