"""The bad-input corpus through the real entry point: good files used, each bad one named on one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _extract(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quotediff", "extract", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_extract_over_the_bad_corpus_reads_the_good_files_and_names_each_bad_one():
    run = _extract("fixtures/bad", "--format", "json", "--quiet")
    assert run.returncode == 3, run.stderr  # done, but some inputs were skipped
    assert [article["id"] for article in json.loads(run.stdout)["articles"]] == ["good", "ok-1", "quote_storm"]
    run = _extract("fixtures/bad", "--format", "json")
    lines = run.stderr.splitlines()
    for name, reason in [
        ("empty.txt", "empty file (0 bytes)"),
        ("photo.txt", "binary file (a PNG image)"),
        ("scan.html", "binary file (a PDF document)"),
        ("bundle.json", "zip archive"),
        ("undecodable.txt", "undecodable bytes"),
        ("broken.html", "no article text could be extracted"),
        ("lines.jsonl:2", "line 2 is not JSON"),
        ("lines.jsonl:3", "line 3 has no 'text'"),
    ]:
        assert any(f"fixtures/bad/{name}: " in line and reason in line for line in lines), (name, run.stderr)


def test_only_missing_paths_fail_with_one_line_naming_them():
    run = _extract("fixtures/no_such_folder", "--quiet")
    assert run.returncode == 2
    (line,) = [line for line in run.stderr.splitlines() if line.strip()]
    assert "fixtures/no_such_folder" in line and "does not exist" in line
