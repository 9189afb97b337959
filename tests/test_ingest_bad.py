"""Hostile and broken inputs: each is skipped with a one-line reason naming it, and the run goes on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quotediff.errors import InputError
from quotediff.ingest import IngestOptions, ingest

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "fixtures" / "bad"


@pytest.fixture(scope="module")
def bad_run():
    return ingest([str(BAD)])


def _reasons(result) -> dict[str, tuple[str, str]]:
    return {Path(s.path).name: (s.kind, s.reason) for s in result.skipped}


def test_the_good_files_among_the_bad_are_read(bad_run):
    assert [a.id for a in bad_run.articles] == ["good", "ok-1", "quote_storm"]


def test_each_bad_file_is_skipped_for_its_own_reason(bad_run):
    reasons = _reasons(bad_run)
    assert {name: kind for name, (kind, _) in reasons.items()} == {
        "blank.md": "empty",
        "broken.html": "malformed-html",
        "bundle.json": "binary",
        "empty.txt": "empty",
        "lines.jsonl:2": "malformed-json",
        "lines.jsonl:3": "no-text",
        "lines.jsonl:4": "no-text",
        "lines.jsonl:5": "malformed-json",
        "photo.txt": "binary",
        "scan.html": "binary",
        "undecodable.txt": "undecodable",
    }
    assert "PNG image" in reasons["photo.txt"][1]
    assert "PDF document" in reasons["scan.html"][1]
    assert "zip archive" in reasons["bundle.json"][1]
    assert "re-save it as UTF-8" in reasons["undecodable.txt"][1]


def test_every_reason_is_one_line(bad_run):
    assert all(s.reason and "\n" not in s.reason for s in bad_run.skipped)


def test_the_summary_counts_what_was_skipped_and_why(bad_run):
    assert bad_run.skipped_counts() == {
        "empty": 2,
        "malformed-html": 1,
        "binary": 3,
        "malformed-json": 2,
        "no-text": 2,
        "undecodable": 1,
    }


def test_good_results_do_not_depend_on_the_bad_company(bad_run):
    alone = ingest([str(BAD / "good.txt"), str(BAD / "lines.jsonl"), str(BAD / "quote_storm.txt")])
    assert [(a.id, a.text, a.outlet) for a in alone.articles] == [(a.id, a.text, a.outlet) for a in bad_run.articles]


def test_seed_results_are_unchanged_next_to_bad_input(tmp_path):
    seeds = ingest([str(ROOT / "seeds")]).articles
    mixed = ingest([str(ROOT / "seeds"), str(BAD), str(tmp_path / "missing.txt")])
    assert [
        (a.id, a.text, a.outlet, a.title, a.date) for a in mixed.articles if a.path.startswith(str(ROOT / "seeds"))
    ] == [(a.id, a.text, a.outlet, a.title, a.date) for a in seeds]


def test_a_missing_path_is_named_and_the_run_goes_on(tmp_path):
    result = ingest([str(tmp_path / "nowhere.txt"), str(BAD / "good.txt")])
    (skipped,) = result.skipped
    assert (skipped.path, skipped.kind) == (str(tmp_path / "nowhere.txt"), "missing")
    assert "does not exist" in skipped.reason
    assert [a.id for a in result.articles] == ["good"]


def test_a_folder_without_articles_says_what_it_holds(tmp_path):
    folder = tmp_path / "pictures"
    folder.mkdir()
    (folder / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / ".hidden.txt").write_text("hidden articles are not read", encoding="utf-8")
    result = ingest([str(folder), str(BAD / "good.txt")])
    (skipped,) = result.skipped
    assert skipped.kind == "empty-folder" and "1 other file ignored" in skipped.reason


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG image"),
        ("paper.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        ("data.bin", bytes(range(256)) * 4, "binary data"),
    ],
)
def test_binary_files_named_directly_are_recognised(tmp_path, name, content, expected):
    (tmp_path / name).write_bytes(content)
    result = ingest([str(tmp_path / name), str(BAD / "good.txt")])
    assert expected in result.skipped[0].reason


def test_the_size_limit_is_settable(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("A long article. " * 200, encoding="utf-8")
    result = ingest([str(big), str(BAD / "good.txt")], options=IngestOptions(max_bytes=1000))
    (skipped,) = result.skipped
    assert skipped.kind == "too-large"
    assert skipped.reason == "file is 3,200 bytes, over the 1,000 bytes limit (raise it with --max-bytes)"
    assert [a.id for a in ingest([str(big)]).articles] == ["big"]


def test_a_broken_sidecar_is_reported_and_the_articles_still_read(tmp_path):
    shutil.copy(BAD / "good.txt", tmp_path)
    (tmp_path / "articles.json").write_text('{"good.txt": {"outlet": ', encoding="utf-8")
    result = ingest([str(tmp_path)])
    assert [a.id for a in result.articles] == ["good"]
    assert [(s.path, s.kind) for s in result.skipped] == [(str(tmp_path / "articles.json"), "bad-sidecar")]
    assert "not valid JSON" in result.skipped[0].reason


def test_a_quote_mark_storm_is_read_whole(tmp_path):
    """Ingest leaves quote marks to the extractor; its speed on storms is in bench/fuzz_ingest.py."""
    storm = tmp_path / "storm.txt"
    storm.write_text("Storm\n" + "“”\"'«»‘’「」" * 200_000 + "\n", encoding="utf-8")  # 2 million quote marks
    (article,) = ingest([str(storm)]).articles
    assert len(article.text) > 2_000_000


def test_only_bad_input_raises_one_line_input_error():
    with pytest.raises(InputError) as error:
        ingest([str(BAD / "empty.txt"), str(BAD / "photo.txt")])
    assert str(error.value).startswith(f"no usable articles: {BAD / 'empty.txt'}: empty file")
    assert "\n" not in str(error.value)


def test_no_paths_at_all_raises():
    with pytest.raises(InputError, match="no input given"):
        ingest([])
