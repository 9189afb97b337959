"""The view every human format shares: variants, word marks on the article's own text, filters, order."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotediff.align.diff import align_tokens
from quotediff.align.tokens import tokenize
from quotediff.errors import InputError
from quotediff.model import AlignmentRun, Article, CheckResult, Cluster, Report
from quotediff.render._segments import merged_segments, side_segments
from quotediff.render._view import (
    cluster_views,
    context_around,
    filter_result,
    match_views,
    safe_url,
    sorted_clusters,
)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fixtures" / "render"))
import render_reports as fixtures  # noqa: E402  (hand-built results, see fixtures/render/)


def marked(segments):
    return [(s.text, s.kind) for s in segments if s.kind != "same"]


def test_fixture_members_point_at_the_seed_text():
    report = fixtures.seeds_report()
    articles = {a.id: a for a in report.articles}
    for cluster in report.clusters:
        for member in cluster.members:
            assert articles[member.article].text[member.start : member.end] == member.text


def test_segments_rebuild_the_members_own_text_with_the_aligners_punctuation_back():
    view = next(v for v in cluster_views(fixtures.seeds_report()) if v.cluster.id == "c1")
    reference, variant = view.variants
    assert "".join(s.text for s in reference.segments) == fixtures.SONG_A
    assert "".join(s.text for s in variant.segments) == fixtures.SONG_B
    assert marked(reference.segments) == [("shared", "replaced_old"), ("with the motherland", "moved")]
    assert marked(variant.segments) == [("With my homeland", "moved"), ("divided", "replaced_new")]


def test_a_comparison_stored_the_other_way_round_is_oriented_from_the_reference():
    view = next(v for v in cluster_views(fixtures.seeds_report()) if v.cluster.id == "c2")
    reference, variant = view.variants
    assert reference.text.startswith("I don’t")
    assert marked(reference.segments) == [("don’t", "replaced_old"), ("I can", "replaced_old")]
    assert marked(variant.segments) == [("do not", "replaced_new"), ("to", "replaced_new")]
    assert [(c.a, c.b) for c in variant.comparison.changes] == [("don’t", "do not"), ("I can", "to")]


def test_clusters_come_most_altered_first():
    verdicts = [v.cluster.verdict for v in cluster_views(fixtures.seeds_report())]
    assert verdicts == ["altered", "partial", "variant"]


def test_equal_verdicts_sort_by_drift_then_id():
    clusters = [Cluster(id=i, members=[], verdict="variant", drift=d) for i, d in (("b", 0.2), ("a", 0.2), ("c", 0.4))]
    assert [c.id for c in sorted_clusters(clusters)] == ["c", "a", "b"]


def test_merged_line_puts_deleted_words_where_the_other_side_lost_them():
    runs = [
        AlignmentRun("equal", "We will", "We will", (0, 2), (0, 2)),
        AlignmentRun("delete", "never", "", (2, 3), (2, 2)),
        AlignmentRun("equal", "give up", "give up", (3, 5), (2, 4)),
    ]
    merged = merged_segments(runs, "We will give up.")
    assert "".join(s.text for s in merged) == "We will never give up."
    assert marked(merged) == [("never", "deleted")]


def test_a_moved_run_is_shown_where_each_side_has_it():
    runs = [
        AlignmentRun("equal", "reconnaissance", "reconnaissance", (0, 1), (0, 1)),
        AlignmentRun("move", "real-time", "in real-time", (1, 2), (4, 6)),
        AlignmentRun("equal", "and drone strikes", "and drone strikes", (2, 5), (1, 4)),
    ]
    a_side = side_segments(runs, "a", "reconnaissance real-time and drone strikes")
    b_side = side_segments(runs, "b", "reconnaissance and drone strikes in real-time")
    assert [s.kind for s in a_side] == ["same", "moved", "same"]
    assert b_side[-1] == type(b_side[-1])("in real-time", "moved")


def test_runs_whose_words_are_not_in_the_text_are_shown_as_the_aligner_wrote_them():
    runs = [AlignmentRun("replace", "do n't", "do not", (0, 2), (0, 2))]
    segments = side_segments(runs, "a", "don’t")
    assert marked(segments) == [("do n't", "replaced_old")]


def test_without_an_alignment_the_text_is_shown_unmarked():
    assert marked(side_segments([], "a", "Plain words.")) == []
    report = fixtures.seeds_report()
    for cluster in report.clusters:
        cluster.pairs = []
        cluster.provenance = None
    for view in cluster_views(report):
        assert all(not marked(v.segments) for v in view.variants)
        assert all(v.comparison is None for v in view.variants)


def test_members_without_provenance_group_by_identical_text():
    report = fixtures.seeds_report()
    song = next(c for c in report.clusters if c.id == "c1")
    song.provenance = None
    copy = type(song.members[0])(
        id="copy",
        quote=song.members[0].quote,
        article=song.members[0].article,
        text=song.members[0].text,
        start=song.members[0].start,
        end=song.members[0].end,
    )
    song.members.append(copy)
    view = next(v for v in cluster_views(report) if v.cluster.id == "c1")
    assert [[m.member.id for m in v.members] for v in view.variants] == [
        [song.members[0].id, "copy"],
        [song.members[1].id],
    ]


def test_filter_keeps_clusters_by_verdict_outlet_and_speaker():
    report = fixtures.seeds_report()
    assert [c.id for c in filter_result(report, verdicts=["altered"]).clusters] == ["c1"]
    assert [c.id for c in filter_result(report, speakers=["kim"]).clusters] == ["c2"]
    assert len(filter_result(report, outlets=["joongang"]).clusters) == 3
    assert filter_result(report, outlets=["nobody"]).clusters == []
    assert filter_result(report).clusters == report.clusters
    assert len(filter_result(report, verdicts=["altered"]).articles) == len(report.articles)


def test_filter_applies_to_spot_check_matches():
    result = fixtures.check_result()
    kept = filter_result(result, verdicts=["altered"])
    assert isinstance(kept, CheckResult)
    assert [m.comparison.verdict for m in kept.matches] == ["altered"]


def test_filter_rejects_an_unknown_verdict():
    with pytest.raises(InputError, match="unknown verdict"):
        filter_result(fixtures.seeds_report(), verdicts=["changed"])


def test_spot_check_matches_come_best_first_and_oriented_from_the_query():
    views = match_views(fixtures.check_result())
    assert [v.comparison.verdict for v in views] == ["identical", "altered"]
    assert "".join(s.text for s in views[1].query_segments) == fixtures.SONG_A
    assert ("divided", "replaced_new") in marked(views[1].found_segments)


def test_context_is_the_paragraph_around_the_member():
    report = fixtures.seeds_report()
    article = next(a for a in report.articles if a.id == fixtures.JOONGANG)
    start = article.text.index(fixtures.SONG_A)
    before, quote, after = context_around(article, start, start + len(fixtures.SONG_A))
    assert quote == fixtures.SONG_A
    assert before.startswith("In addition to Kim’s messages")
    assert after == "”"


def test_context_of_a_very_long_paragraph_is_cut_at_words():
    article = Article(id="x", text="word " * 500 + "QUOTE" + " tail" * 500)
    before, quote, after = context_around(article, 2500, 2505, limit=50)
    assert quote == "QUOTE"
    assert before.startswith("… word") and len(before) < 60
    assert after.endswith("tail …") and len(after) < 60


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1&c=2", "https://example.org/a?b=1&c=2"),
        ("HTTP://EXAMPLE.ORG", "HTTP://EXAMPLE.ORG"),
        ("javascript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//example.org/protocol-relative", None),
        ('https://example.org/"onmouseover=alert(1)', None),
        (None, None),
    ],
)
def test_only_http_urls_are_links(url, expected):
    assert safe_url(url) == expected


def test_empty_report_gives_no_views():
    assert cluster_views(Report(articles=[], quotes=[], clusters=[])) == []


def test_the_rest_of_a_longer_quote_is_marked_outside_and_words_match_whole():
    # A partial match: only the end of B renders A. "I" must not be found inside "terrible".
    text_b = "You endured terrible sacrifices. I do not know how"
    runs = [
        AlignmentRun("equal", "I", "I", (0, 1), (4, 5)),
        AlignmentRun("replace", "don’t", "do not", (1, 2), (5, 7)),
        AlignmentRun("equal", "know how", "know how", (2, 4), (7, 9)),
    ]
    segments = side_segments(runs, "b", text_b)
    assert "".join(s.text for s in segments) == text_b
    assert marked(segments) == [("You endured terrible sacrifices.", "outside"), ("do not", "replaced_new")]
    # The same without usable token spans: the search must skip the "i" inside "terrible".
    unspanned = [AlignmentRun(r.op, r.a, r.b, (0, 0), (0, 0)) for r in runs]
    assert marked(side_segments(unspanned, "b", text_b)) == marked(segments)


WORDS = ["my", "fate", "is", "always", "shared", "divided", "with", "the", "motherland", "homeland", "don't", "3,000"]
SEPARATORS = [" ", ", ", " “", "” ", " — ", "; "]


def rendering(draw_words, draw_separators):
    return draw_words[0] + "".join(sep + word for sep, word in zip(draw_separators, draw_words[1:])) + "."


@settings(max_examples=30, deadline=None)
@given(
    a_words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=8),
    b_words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=8),
    separators=st.lists(st.sampled_from(SEPARATORS), min_size=8, max_size=8),
)
def test_both_sides_of_any_real_alignment_rebuild_their_text_exactly(a_words, b_words, separators):
    text_a = rendering(a_words, separators)
    text_b = rendering(b_words, list(reversed(separators)))
    runs = align_tokens(text_a, tokenize(text_a), text_b, tokenize(text_b))
    assert "".join(s.text for s in side_segments(runs, "a", text_a)) == text_a
    assert "".join(s.text for s in side_segments(runs, "b", text_b)) == text_b
    merged = merged_segments(runs, text_b)
    kept = "".join(s.text for s in merged if s.kind not in ("deleted", "replaced_old"))
    dropped = " ".join(s.text for s in merged if s.kind in ("deleted", "replaced_old"))
    assert [t.text for t in tokenize(kept)] == [t.text for t in tokenize(text_b)]
    assert sorted(t.key for t in tokenize(dropped)) == sorted(
        t.key for r in runs if r.op in ("delete", "replace") for t in tokenize(r.a)
    )
