"""The spot check through the real command line, over the seeds as files and as a corpus store.

Every query runs twice: with the seed folder as paths, and with ``--db`` over a store
that holds the seeds. Both must tell the same story.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from quotediff.cli import app
from quotediff.schema import load_schema

runner = CliRunner()

SONG = "My fate is always shared with the motherland"
GRATITUDE = (
    "I don't even know how I can find the words to properly encourage and express gratitude "
    "for your dedication and tireless efforts"
)
# Seed 002 quotes this; seed 000 reports it without quote marks ("..., according to the Post").
PYONGYANG = (
    "sent to the troops from Pyongyang or written by North Korean soldiers listening to their "
    "commanders read aloud messages from Kim"
)
ELSEWHERE = "The central bank raised interest rates by half a percentage point on Thursday"
SEED_000, SEED_002 = "000_1d0b45f819c83f07", "002_6ad989208b08722e"


@pytest.fixture(params=["paths", "db"])
def corpus(request, seeds_dir, seeds_db) -> list[str]:
    """The arguments that name the corpus: the seed folder, or the store holding the seeds."""
    return [str(seeds_dir)] if request.param == "paths" else ["--db", seeds_db]


def check_json(query: str, corpus: list[str]) -> tuple[int, dict]:
    result = runner.invoke(app, ["check", query, *corpus, "--format", "json", "-q"])
    assert result.exit_code in (0, 1), result.output
    document = json.loads(result.stdout)
    jsonschema.validate(document, load_schema("check"))
    return result.exit_code, document


def match_in(document: dict, article: str) -> dict:
    found = [m for m in document["matches"] if m["article"]["id"] == article]
    assert len(found) == 1, f"{len(found)} matches in {article}"
    return found[0]


def test_the_song_line_is_found_identical_in_000_and_with_the_opposite_meaning_in_002(corpus):
    status, document = check_json(SONG, corpus)
    assert status == 0
    assert document["verdict"] == "identical"
    assert match_in(document, SEED_000)["verdict"] == "identical"
    altered = match_in(document, SEED_002)
    assert altered["verdict"] == "altered"
    assert any(c["type"] == "antonym" and c["b"] == "divided" for c in altered["changes"])
    assert [m["verdict"] for m in document["matches"]][:2] == ["identical", "altered"]  # best first


def test_a_sentence_of_a_longer_quote_is_found_as_a_variant(corpus):
    status, document = check_json(GRATITUDE, corpus)
    assert status == 0
    assert match_in(document, SEED_000)["verdict"] == "identical"
    part = match_in(document, SEED_002)
    assert part["verdict"] == "variant"
    # The member is the matching sentence, not the whole three-sentence quote.
    assert part["member"]["id"] != part["quote"]["id"]
    assert part["member"]["text"].startswith("I do not even know how to find the words")
    assert len(part["member"]["text"]) < len(part["quote"]["text"])


def test_a_statement_reported_without_quote_marks_is_found_as_unquoted(corpus):
    _, document = check_json(PYONGYANG, corpus)
    assert match_in(document, SEED_002)["verdict"] == "identical"
    reported = match_in(document, SEED_000)
    assert reported["quote"]["kind"] == "unquoted"
    assert "sent from Pyongyang or transcribed by North Korean soldiers" in reported["member"]["text"]
    text = reported["article"]["text"]
    assert text[reported["member"]["start"] : reported["member"]["end"]] == reported["member"]["text"]


def test_a_query_about_something_else_is_not_found_and_exits_1(corpus):
    status, document = check_json(ELSEWHERE, corpus)
    assert (status, document["verdict"], document["matches"]) == (1, "not_found", [])


def test_every_match_points_at_its_article_text(corpus):
    _, document = check_json(GRATITUDE, corpus)
    for match in document["matches"]:
        text = match["article"]["text"]
        for record in (match["quote"], match["member"]):
            assert text[record["start"] : record["end"]] == record["text"]


def test_the_store_gives_the_same_matches_as_the_files(seeds_dir, seeds_db):
    for query in (SONG, GRATITUDE, PYONGYANG):
        _, from_files = check_json(query, [str(seeds_dir)])
        _, from_store = check_json(query, ["--db", seeds_db])
        assert [(m["member"]["id"], m["verdict"]) for m in from_store["matches"]] == [
            (m["member"]["id"], m["verdict"]) for m in from_files["matches"]
        ]


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_every_format_shows_the_verdict(fmt, seeds_db):
    result = runner.invoke(app, ["check", SONG, "--db", seeds_db, "--format", fmt, "-q", "--no-color"])
    assert result.exit_code == 0, result.output
    assert "altered" in result.stdout and "divided" in result.stdout


def test_from_a_jsonl_file_gives_one_result_per_query_in_order(tmp_path: Path, seeds_db):
    queries = tmp_path / "queries.jsonl"
    lines = [{"id": "song", "text": SONG}, {"id": "letter", "text": GRATITUDE}, {"id": "rates", "text": ELSEWHERE}]
    queries.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--from", str(queries), "--db", seeds_db, "--format", "json", "-q"])
    assert result.exit_code == 1  # one query is not found
    documents = json.loads(result.stdout)
    assert [(d["query_id"], d["verdict"]) for d in documents] == [("song", "identical"), ("letter", "identical"), ("rates", "not_found")]
    for document in documents:
        jsonschema.validate(document, load_schema("check"))


def test_from_a_plain_file_exits_0_when_every_quote_is_found(tmp_path: Path, seeds_dir):
    queries = tmp_path / "queries.txt"
    queries.write_text(f"{SONG}\n\n{GRATITUDE}\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--from", str(queries), str(seeds_dir), "-q", "--no-color"])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("Spot check:") == 2


@pytest.mark.parametrize(
    "arguments, says",
    [
        (["check"], "quote to check"),
        (["check", SONG], "--db"),
        (["check", "--from", "/nonexistent/queries.txt", "--db", "x.db"], "cannot read"),
        (["check", SONG, "--db", "/nonexistent/corpus.db"], "no store"),
    ],
)
def test_usage_errors_exit_2_with_a_message(arguments, says):
    result = runner.invoke(app, arguments)
    assert result.exit_code == 2
    assert says in result.stderr


def test_a_malformed_query_line_is_named(tmp_path: Path, seeds_db):
    queries = tmp_path / "queries.jsonl"
    queries.write_text('{"id": 1, "text": "fine"}\n{"id": 2, "text": \n', encoding="utf-8")
    result = runner.invoke(app, ["check", "--from", str(queries), "--db", seeds_db])
    assert result.exit_code == 2
    assert "line 2" in result.stderr


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_every_format_says_when_a_match_was_reported_without_quote_marks(fmt, seeds_db):
    result = runner.invoke(app, ["check", PYONGYANG, "--db", seeds_db, "--format", fmt, "-q", "--no-color"])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("reported without quote marks") == 1
