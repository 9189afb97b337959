"""The cluster stage: which quotes render one statement, and why."""

from __future__ import annotations

import numpy as np
import pytest

from quotediff import Article, Settings, compare_articles
from quotediff.cluster.candidates import all_pairs, nearest_neighbour_pairs
from quotediff.cluster.graph import group_units
from quotediff.cluster.units import quote_units, sentence_spans
from quotediff.model import Member, Quote

# The cross-outlet groups a reader of the seeds finds by hand (issue 4): words unique to each.
SEED_GROUPS = {
    "song line": ("fate is always shared", "fate is always divided"),
    "drone dispersal": ("failing to disperse combat teams", "inability to break combat groups"),
    "sacrifices": ("heartbreaking sacrifices", "endured terrible sacrifices"),
    "find the words": ("how I can find the words", "how to find the words"),
    "ideologically motivated": ("large salaries", "higher salaries"),
    "battlefield experience": ("practical battlefield experience", "practical combat experience"),
}


def _clusters_holding(report, words: str):
    return [c for c in report.clusters if any(words in m.text for m in c.members)]


@pytest.mark.parametrize("group", sorted(SEED_GROUPS))
def test_each_seed_statement_is_one_cluster_of_its_renderings(seeds_report, group):
    first, second = SEED_GROUPS[group]
    [cluster] = _clusters_holding(seeds_report, first)
    assert any(second in m.text for m in cluster.members)
    other_groups = [words for name, pair in SEED_GROUPS.items() if name != group for words in pair]
    assert not any(words in m.text for m in cluster.members for words in other_groups)


def test_the_seeds_hold_no_other_cross_outlet_cluster(seeds_report):
    assert len(seeds_report.clusters) == len(SEED_GROUPS)


def test_one_long_quote_renders_two_separate_quotes_through_its_sentences(seeds_report):
    """Seed 002 quotes Kim's two sentences as one quotation; seed 000 quotes them apart."""
    sacrifices = _clusters_holding(seeds_report, "endured terrible sacrifices")[0]
    words = _clusters_holding(seeds_report, "how to find the words")[0]
    part_a = next(m for m in sacrifices.members if m.article.startswith("002"))
    part_b = next(m for m in words.members if m.article.startswith("002"))
    assert part_a.quote == part_b.quote
    assert not part_a.is_whole_quote and not part_b.is_whole_quote
    assert part_a.end <= part_b.start


def test_an_excerpt_clusters_with_the_quote_that_contains_it(seeds_report):
    [cluster] = _clusters_holding(seeds_report, "practical battlefield experience")
    [pair] = cluster.pairs
    assert pair.verdict == "partial"
    assert pair.scores["p_excerpt"] > pair.scores["p_whole"]


def test_fragments_never_join_a_cluster(seeds_report):
    fragments = {q.id for q in seeds_report.quotes if q.kind == "fragment"}
    assert fragments, "the seeds have scare quotes such as “bait”"
    assert not any(m.quote in fragments for c in seeds_report.clusters for m in c.members)


def test_sentences_are_split_but_not_at_abbreviations():
    text = "They were dated Dec. 31 and Jan. 1. Mr. Kim signed them! Was it real?"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "They were dated Dec. 31 and Jan. 1.",
        "Mr. Kim signed them!",
        "Was it real?",
    ]


def _member(article: str, start: int, end: int, text: str = "x") -> Member:
    return Member(id=f"{article}:{start}", quote=f"{article}:{start}", article=article, text=text, start=start, end=end)


def test_a_chain_does_not_glue_unrelated_ends_together():
    """A~B and B~C are strong, A~C is not: B joins one of them, never both."""
    units = [_member("a", 0, 5), _member("b", 0, 5), _member("c", 0, 5)]
    p = {(0, 1): 0.9, (1, 2): 0.85, (0, 2): 0.05}
    groups = group_units(
        units,
        [(score, i, j) for (i, j), score in p.items()],
        lambda i, j: {"p": p[(min(i, j), max(i, j))]},
        join_threshold=0.46,
        cohesion_threshold=0.46,
    )
    assert [g.units for g in groups] == [[0, 1]]


def test_a_quote_and_its_own_sentence_never_share_a_cluster():
    units = [_member("a", 0, 50), _member("a", 0, 20), _member("b", 0, 20)]
    groups = group_units(units, [(0.9, 1, 2), (0.8, 0, 2)], lambda i, j: {"p": 0.9}, join_threshold=0.46, cohesion_threshold=0.46)
    assert [1, 2] in [g.units for g in groups]
    assert not any({0, 1} <= set(g.units) for g in groups)


def test_nearest_neighbour_candidates_are_all_pairs_when_k_covers_everything():
    vectors = np.random.default_rng(7).normal(size=(40, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    exact = {(i, j) for i, j, _ in all_pairs(vectors, floor=-1.0)}
    assert {(i, j) for i, j, _ in nearest_neighbour_pairs(vectors, k=39, floor=-1.0)} == exact
    few = {(i, j) for i, j, _ in nearest_neighbour_pairs(vectors, k=3, floor=-1.0)}
    assert few < exact and len(few) <= 40 * 3


def test_a_quote_repeated_in_one_article_is_kept_and_marked():
    line = "We will not just receive you, we will help you start a new life here."
    articles = [
        Article(id="first", text=f"“{line}” the soldier said. Later he repeated: “{line}”"),
        Article(id="second", text=f"“{line}” the soldier told reporters."),
    ]
    report = compare_articles(articles, settings=Settings())
    [cluster] = report.clusters
    assert len(cluster.members) == 3
    assert len(cluster.repeats) == 1 and cluster.repeats[0].startswith("first")
    assert cluster.verdict == "identical"


def test_units_leave_out_quotes_too_short_to_be_a_statement():
    quote = Quote(id="a:q1", article="a", text="fight with courage", start=0, end=18)
    assert quote_units(quote, min_words=4) == []


def _rendering(quote: str, article: str, part: str | None = None) -> Member:
    return Member(id=f"{quote}/{part}" if part else quote, quote=quote, article=article, text="...", start=0, end=3)


def test_sentence_groups_whose_whole_quotes_already_cluster_are_dropped():
    """Two outlets quoting the same two sentences: the whole quotes cluster, and so would each sentence."""
    from quotediff.cluster import ScoredGroup, _drop_sentence_echoes

    def group(*members: Member) -> ScoredGroup:
        return ScoredGroup(list(members), {}, 1.0, "test", [])

    wholes = group(_rendering("q1", "a"), _rendering("q2", "b"))
    echo = group(_rendering("q1", "a", "0-40"), _rendering("q2", "b", "0-38"))
    with_a_third = group(_rendering("q1", "a", "41-90"), _rendering("q3", "c", "0-50"))  # q3 is in no group with q1
    mixed = group(_rendering("q2", "b", "39-70"), _rendering("q4", "d"))
    kept = _drop_sentence_echoes([wholes, echo, with_a_third, mixed])
    assert kept == [wholes, with_a_third, mixed]
