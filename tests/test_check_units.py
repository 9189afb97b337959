"""Unquoted reports: the sentences a spot check also searches, outside quote marks (fixtures/check/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotediff.extract import extract_quotes
from quotediff.ingest import ingest
from quotediff.store import check_units, unquoted_reports

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "check"


@pytest.fixture(scope="module")
def article_and_reports():
    article = ingest([str(FIXTURES / "indirect_speech.txt")]).articles[0]
    quotes = extract_quotes(article)
    return article, quotes, unquoted_reports(article, quotes)


def report_with(reports, words: str):
    found = [r for r in reports if words in r.text]
    assert len(found) == 1, f"{words!r} is in {len(found)} reports"
    return found[0]


def test_every_report_points_at_the_article_text(article_and_reports):
    article, _, reports = article_and_reports
    assert reports
    for report in reports:
        assert report.kind == "unquoted"
        assert article.text[report.start : report.end] == report.text


def test_a_closing_attribution_is_read_off_the_report(article_and_reports):
    article, _, reports = article_and_reports
    strike = report_with(reports, "end a nine-day strike")
    assert strike.text.endswith("at the port")
    assert (strike.cue, strike.credited_source, strike.speaker) == ("according to", "the regional labour office", None)
    wages = report_with(reports, "raises wages by 6 percent")
    assert (wages.cue, wages.speaker) == ("said", "the port authority")
    assert article.text[wages.end :].startswith(", the port authority said.")


def test_a_participle_is_no_attribution(article_and_reports):
    _, _, reports = article_and_reports
    assert report_with(reports, "delay deliveries").text.endswith("how many ships were waiting.")


def test_sentences_of_quoted_statements_are_left_to_the_quotes(article_and_reports):
    _, quotes, reports = article_and_reports
    assert any("fair deal" in q.text for q in quotes)
    assert not any("fair deal" in r.text or "Ana Ribeiro said" in r.text for r in reports)


def test_a_sentence_with_only_a_quoted_fragment_is_a_report(article_and_reports):
    _, _, reports = article_and_reports
    assert "“an insult”" in report_with(reports, "called the first offer").text


def test_short_frames_are_not_reports(article_and_reports):
    _, _, reports = article_and_reports
    assert not any(r.text.startswith("He said so") for r in reports)


def test_units_are_ids_the_store_can_key_on(article_and_reports):
    _, quotes, reports = article_and_reports
    units = check_units(quotes + reports)
    assert len({u.id for u in units}) == len(units)
    assert {u.quote for u in units} >= {r.id for r in reports}
