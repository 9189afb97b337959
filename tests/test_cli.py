"""The command line, through its real entry point (typer's CliRunner on quotediff.cli.app)."""

from __future__ import annotations

import json

import jsonschema
import pytest
from typer.testing import CliRunner

from quotediff.cli import app
from quotediff.schema import load_schema

runner = CliRunner()

SONG_000 = "My fate is always shared with the motherland"
SONG_002 = "With my homeland, my fate is always divided"
DRONES = "In modern warfare, where"


@pytest.fixture(scope="module")
def compare_json(seeds_dir) -> dict:
    result = runner.invoke(app, ["compare", str(seeds_dir), "--format", "json", "-q"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _cluster_with(document: dict, words: str) -> dict:
    found = [c for c in document["clusters"] if any(words in m["text"] for m in c["members"])]
    assert len(found) == 1, f"{words!r} is in {len(found)} clusters"
    return found[0]


def test_compare_json_follows_the_schema(compare_json):
    jsonschema.validate(compare_json, load_schema("report"))


def test_every_quote_and_member_points_at_its_article_text(compare_json):
    texts = {a["id"]: a["text"] for a in compare_json["articles"]}
    for quote in compare_json["quotes"]:
        assert texts[quote["article"]][quote["start"] : quote["end"]] == quote["text"]
    for cluster in compare_json["clusters"]:
        for member in cluster["members"]:
            assert texts[member["article"]][member["start"] : member["end"]] == member["text"]


def test_the_song_line_renderings_form_one_altered_cluster(compare_json):
    cluster = _cluster_with(compare_json, SONG_000)
    assert any(SONG_002 in m["text"] for m in cluster["members"])
    assert cluster["verdict"] == "altered"
    [pair] = cluster["pairs"]
    assert any(c["type"] == "antonym" and "shared" in c["a"] and "divided" in c["b"] for c in pair["changes"])


def test_the_drone_dispersal_renderings_form_one_variant_cluster(compare_json):
    cluster = _cluster_with(compare_json, DRONES)
    assert {m["article"][:3] for m in cluster["members"]} == {"000", "002"}
    assert cluster["verdict"] == "variant"


def test_each_pair_says_why_it_was_joined(compare_json):
    for cluster in compare_json["clusters"]:
        for pair in cluster["pairs"]:
            assert {"cosine", "token_set", "p"} <= set(pair["scores"])
            assert pair["reason"].startswith("p=")


def test_output_file_is_written_and_runs_are_byte_identical(seeds_dir, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for path in (first, second):
        result = runner.invoke(app, ["compare", str(seeds_dir), "-f", "json", "-o", str(path), "-q"])
        assert result.exit_code == 0, result.output
    assert first.read_bytes() == second.read_bytes()


def test_extract_lists_quotes_with_offsets(seeds_dir):
    result = runner.invoke(app, ["extract", str(seeds_dir / "004_586b7b742659d96d.txt"), "-f", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.validate(document, load_schema("report"))
    bait = [q for q in document["quotes"] if q["text"].startswith("When the bait stands still")]
    assert bait and bait[0]["credited_source"] == "Wall Street Journal"


def test_check_finds_the_faithful_and_the_altered_rendering(seeds_dir):
    result = runner.invoke(app, ["check", SONG_000, str(seeds_dir), "-f", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.validate(document, load_schema("check"))
    verdicts = {m["article"]["id"][:3]: m["verdict"] for m in document["matches"]}
    assert verdicts == {"000": "identical", "002": "altered"}
    assert document["verdict"] == "identical"


def test_check_of_something_never_said_exits_1(seeds_dir):
    result = runner.invoke(app, ["check", "The harvest festival will be held in the capital next spring", str(seeds_dir), "-f", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["verdict"] == "not_found"


def test_diff_types_the_opposite_meaning():
    result = runner.invoke(app, ["diff", SONG_000, SONG_002, "-f", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.validate(document, load_schema("diff"))
    assert document["comparison"]["verdict"] == "altered"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["compare", "no/such/folder"], "no/such/folder"),
        (["extract", "no/such/file.txt"], "no/such/file.txt"),
    ],
)
def test_a_missing_path_is_one_clear_line_not_a_traceback(arguments, message):
    result = runner.invoke(app, arguments)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert message in result.output


def test_an_empty_folder_is_one_clear_line(tmp_path):
    result = runner.invoke(app, ["compare", str(tmp_path)])
    assert result.exit_code == 2
    assert str(tmp_path) in result.output
    assert "Traceback" not in result.output


def test_a_model_that_cannot_load_is_one_clear_line_with_its_brackets_kept(seeds_dir, tmp_path):
    result = runner.invoke(app, ["compare", str(seeds_dir), "--model", str(tmp_path / "no-model")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    # Printed as text, not as terminal markup, which took "[multilingual]" for a style tag.
    assert "pip install 'quotediff[multilingual]'" in result.output


def test_unknown_format_is_a_usage_error(seeds_dir):
    result = runner.invoke(app, ["extract", str(seeds_dir), "-f", "pdf"])
    assert result.exit_code == 2
    assert "unknown format" in result.output


def test_help_teaches_by_example():
    for command in ("compare", "extract", "check", "diff"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "quotediff " + command in result.output


def test_only_altered_keeps_just_the_song_line(seeds_dir):
    result = runner.invoke(app, ["compare", str(seeds_dir), "-f", "json", "--only", "altered", "-q"])
    assert result.exit_code == 0, result.output
    clusters = json.loads(result.stdout)["clusters"]
    assert [c["verdict"] for c in clusters] == ["altered"]
    assert any(SONG_000 in m["text"] for m in clusters[0]["members"])


def test_html_to_a_folder_writes_an_index_and_a_page_per_cluster(seeds_dir, tmp_path):
    folder = tmp_path / "report"
    result = runner.invoke(app, ["compare", str(seeds_dir), "-f", "html", "-o", str(folder), "-q"])
    assert result.exit_code == 0, result.output
    pages = sorted(p.name for p in folder.iterdir())
    assert "index.html" in pages and len(pages) == 7
    assert not [p for p in pages if p.endswith(".tmp")]


def test_an_unwritable_output_is_one_clear_line(seeds_dir, tmp_path):
    target = tmp_path / "missing" / "report.json"
    result = runner.invoke(app, ["extract", str(seeds_dir), "-f", "json", "-o", str(target)])
    assert result.exit_code == 2
    assert f"cannot write {target}" in result.output
    assert "Traceback" not in result.output


def test_skipped_and_duplicate_inputs_are_reported_and_the_rest_still_runs(seeds_dir, tmp_path):
    song_source = seeds_dir / "000_1d0b45f819c83f07.txt"
    (tmp_path / "000.txt").write_text(song_source.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "copy.txt").write_text(song_source.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "002.txt").write_text((seeds_dir / "002_6ad989208b08722e.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = runner.invoke(app, ["compare", str(tmp_path), "-f", "json"])
    assert result.exit_code == 3
    document = json.loads(result.stdout)
    jsonschema.validate(document, load_schema("report"))
    assert [s["path"] for s in document["skipped"]] == [str(tmp_path / "photo.txt")]
    assert len(document["duplicates"]) == 1
    assert any(SONG_002 in m["text"] for c in document["clusters"] for m in c["members"])
    assert "skipped 1 input(s)" in result.stderr
