"""Comparing the same two texts twice: the second answer is the first one's equal, never the same objects.

A cluster compares two texts as members, again when grouping renderings, and again as
renderings in the stemma; compare_texts keeps what it found for two texts, so callers
that edit a Comparison (the pipeline prefixes the reason, excerpts shift spans) must not
reach the kept one.
"""

from __future__ import annotations

import json
from pathlib import Path

from quotediff.align import compare_texts, tokenize

ROOT = Path(__file__).resolve().parents[1]
SEED_PAIRS = json.loads((ROOT / "fixtures" / "align" / "seed_pairs.json").read_text(encoding="utf-8"))


def test_a_repeated_comparison_equals_the_first_under_its_own_ids_and_scores():
    pair = SEED_PAIRS["drone_dispersal"]
    first = compare_texts(pair["a"], pair["b"], a_id="m1", b_id="m2", scores={"p": 0.9})
    again = compare_texts(pair["a"], pair["b"], a_id="r1", b_id="r2")
    assert (again.a, again.b) == ("r1", "r2")
    assert "p" not in again.scores and first.scores["p"] == 0.9
    assert (again.verdict, again.drift, again.reason, again.context) == (first.verdict, first.drift, first.reason, first.context)
    assert again.changes == first.changes and again.alignment == first.alignment


def test_editing_a_comparison_leaves_the_next_one_untouched():
    pair = SEED_PAIRS["drone_dispersal"]
    edited = compare_texts(pair["a"], pair["b"])
    expected = compare_texts(pair["a"], pair["b"])
    edited.reason = "edited"
    edited.changes[0].a_span = (99, 100)
    edited.alignment[0].a_span = (99, 100)
    edited.context["a_before"] = "edited"
    edited.scores["drift"] = 1.0
    fresh = compare_texts(pair["a"], pair["b"])
    assert fresh == expected
    assert fresh.changes[0] is not edited.changes[0]


def test_tokenize_hands_each_caller_a_list_of_its_own():
    text = SEED_PAIRS["drone_dispersal"]["a"]
    tokens = tokenize(text)
    tokens.clear()
    assert tokenize(text) and tokenize(text) is not tokenize(text)
