"""Word alignment: word-atomic runs, moves, excerpts, and the multi-witness table."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from quotediff.align import alignment_table, compare_texts, tokenize

ROOT = Path(__file__).resolve().parents[1]
SEED_PAIRS = json.loads((ROOT / "fixtures" / "align" / "seed_pairs.json").read_text(encoding="utf-8"))


def test_fixture_quotes_are_verbatim_seed_text():
    seeds = {path.name[:3]: path.read_text(encoding="utf-8") for path in (ROOT / "seeds").glob("*.txt")}
    for pair in SEED_PAIRS.values():
        for side in ("a", "b"):
            if side in pair:
                assert pair[side] in seeds[pair[f"{side}_seed"]]


def test_tokens_are_whole_words_with_typography_folded():
    tokens = tokenize("“Kim Jong-un’s” real-time 3,000 troops — Dec. 31")
    assert [t.text for t in tokens] == ["Kim", "Jong-un’s", "real-time", "3,000", "troops", "Dec", "31"]
    assert [t.key for t in tokens] == ["kim", "jongun's", "realtime", "3000", "troops", "december", "31"]


def test_moved_phrase_is_one_move_not_a_deletion_and_an_insertion():
    pair = SEED_PAIRS["drone_dispersal"]
    comparison = compare_texts(pair["a"], pair["b"])
    moves = [run for run in comparison.alignment if run.op == "move"]
    assert [(run.a, run.b) for run in moves] == [("real-time", "in real-time")]
    assert not [run for run in comparison.alignment if run.op in ("delete", "insert") and "real" in run.a + run.b]


def test_moved_block_may_carry_synonyms_inside():
    pair = SEED_PAIRS["song_line"]
    comparison = compare_texts(pair["a"], pair["b"])
    moves = [run for run in comparison.alignment if run.op == "move"]
    assert [(run.a, run.b) for run in moves] == [("with the motherland", "With my homeland")]
    synonyms = [c for c in comparison.changes if c.type == "synonym"]
    assert any("motherland" in c.a and "homeland" in c.b for c in synonyms)


def _tiles(spans: list[tuple[int, int]], length: int) -> bool:
    position = 0
    for start, end in sorted(spans):
        if start != position:
            return False
        position = end
    return position == length


def test_runs_tile_both_texts_on_the_seed_pairs():
    for name in ("song_line", "drone_dispersal", "kim_letter"):
        pair = SEED_PAIRS[name]
        comparison = compare_texts(pair["a"], pair["b"])
        a_spans = [r.a_span for r in comparison.alignment if r.op != "insert"]
        b_spans = [r.b_span for r in comparison.alignment if r.op != "delete"]
        assert _tiles(a_spans, len(tokenize(pair["a"]))), name
        assert _tiles(b_spans, len(tokenize(pair["b"]))), name


WORDS = st.sampled_from(
    "the troops fight courageously until day mission is concluded not never 3,000 three Kim Jong-un "
    "real-time homeland motherland shared divided could can may likely “said” — of with".split()
)
TEXTS = st.lists(WORDS, min_size=0, max_size=14).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(TEXTS, TEXTS)
def test_alignment_is_word_atomic(a, b):
    """Concatenating the A sides of the runs (in A order) gives back A's words, and B's likewise."""
    comparison = compare_texts(a, b)
    if comparison.context:
        return  # an excerpt: the alignment covers the matched window only (see test_excerpt_*)
    a_words = [t.text for t in tokenize(a)]
    b_words = [t.text for t in tokenize(b)]
    a_runs = sorted((r for r in comparison.alignment if r.op != "insert"), key=lambda r: r.a_span)
    b_runs = sorted((r for r in comparison.alignment if r.op != "delete"), key=lambda r: r.b_span)
    assert [w for r in a_runs for w in (t.text for t in tokenize(r.a))] == a_words
    assert [w for r in b_runs for w in (t.text for t in tokenize(r.b))] == b_words
    for run in comparison.alignment:
        assert [t.text for t in tokenize(run.a)] == a_words[run.a_span[0] : run.a_span[1]]
        assert [t.text for t in tokenize(run.b)] == b_words[run.b_span[0] : run.b_span[1]]


def test_excerpt_is_partial_with_the_rest_as_context():
    pair = SEED_PAIRS["mission_excerpt"]
    comparison = compare_texts(pair["a"], pair["b"], a_id="excerpt", b_id="whole")
    assert comparison.verdict == "partial"
    assert comparison.context == {"b_before": "He urged the troops to"}
    assert not [c for c in comparison.changes if c.type in ("omission", "addition")]
    assert all(run.op == "equal" for run in comparison.alignment)
    # Spans index the full token list of the longer text.
    assert comparison.alignment[0].b_span == (5, len(tokenize(pair["b"])))


def test_excerpt_with_a_changed_word_is_judged_on_the_shared_part():
    whole = SEED_PAIRS["casualty_sentence"]["a"]
    excerpt = "more than 1,100 North Korean soldiers had been killed or wounded in the Russian region"
    comparison = compare_texts(whole, excerpt)
    assert comparison.verdict == "altered"
    assert set(comparison.context) == {"a_before", "a_after"}
    assert [(c.type, c.a, c.b) for c in comparison.changes] == [("number", "3,000", "1,100")]


def test_caller_scores_are_kept_and_own_scores_added():
    pair = SEED_PAIRS["drone_dispersal"]
    comparison = compare_texts(pair["a"], pair["b"], a_id="000:q9", b_id="002:q7", scores={"cosine": 0.91})
    assert (comparison.a, comparison.b) == ("000:q9", "002:q7")
    assert comparison.scores["cosine"] == 0.91
    assert 0.5 < comparison.scores["token_ratio"] < 1.0
    assert comparison.scores["drift"] == comparison.drift


SONG_WITNESSES = [
    ("000:q7", SEED_PAIRS["song_line"]["a"]),
    ("002:q5", SEED_PAIRS["song_line"]["b"]),
    ("x:q1", "My fate is always shared with the homeland."),
    ("y:q1", "“My fate is always shared with the Motherland”"),
]


def test_table_has_one_row_per_witness_and_marks_variant_columns():
    table = alignment_table(SONG_WITNESSES)
    assert table.witnesses == sorted(w for w, _ in SONG_WITNESSES)
    assert len({len(row) for row in table.rows}) == 1
    by_id = dict(zip(table.witnesses, table.rows))
    for witness_id, text in SONG_WITNESSES:
        assert [cell for cell in by_id[witness_id] if cell is not None] == [t.text for t in tokenize(text)]
    fate = by_id["000:q7"].index("fate")
    assert by_id["002:q5"][fate] == "fate" and not table.variant_columns[fate]
    land = by_id["000:q7"].index("motherland")
    assert by_id["x:q1"][land] == "homeland" and by_id["y:q1"][land] == "Motherland"
    assert table.variant_columns[land]


def test_table_does_not_depend_on_witness_order():
    tables = {repr(alignment_table(list(order))) for order in itertools.permutations(SONG_WITNESSES)}
    assert len(tables) == 1
