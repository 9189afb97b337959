"""An ``index add`` killed midway leaves a sound store, and the next run completes it exactly.

A real ``quotediff index add`` process is stopped (SIGKILL, or SIGINT as Ctrl-C sends)
once some articles are in; the store must pass SQLite's integrity check, hold only whole
articles, and a rerun must add the rest with nothing lost and nothing doubled.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotediff.cli import app
from quotediff.extract import extract_quotes
from quotediff.store import Store, check_units, unquoted_reports

ARTICLES = 120
_SECONDS_TO_START = 120


def write_articles(seeds_dir: Path, folder: Path) -> None:
    """Many small distinct articles: three paragraphs of the seeds each, and a line of their own."""
    paragraphs = [
        p.strip()
        for seed in sorted(seeds_dir.glob("*.txt"))
        for p in seed.read_text(encoding="utf-8").split("\n")
        if len(p.split()) > 12
    ]
    folder.mkdir()
    for n in range(ARTICLES):
        chosen = [paragraphs[(n * 7 + k * 13) % len(paragraphs)] for k in range(3)]
        (folder / f"article_{n:03d}.txt").write_text(f"Dispatch number {n}.\n\n" + "\n\n".join(chosen) + "\n", encoding="utf-8")


def stored_articles(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as connection:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def assert_whole_articles_only(db: Path) -> None:
    """Integrity check passes, and each stored article has all its quotes, units and vectors."""
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        quote_counts = dict(connection.execute("SELECT article, count(*) FROM quotes GROUP BY article"))
        unit_counts = dict(connection.execute("SELECT article, count(*) FROM units GROUP BY article"))
        vector_counts = dict(connection.execute("SELECT u.article, count(*) FROM units u JOIN embeddings e ON e.unit = u.id GROUP BY u.article"))
    with Store(db) as store:
        for article in store.articles():
            quotes = extract_quotes(article)
            quotes += unquoted_reports(article, quotes)
            units = check_units(quotes)
            assert quote_counts.get(article.id, 0) == len(quotes), article.id
            assert unit_counts.get(article.id, 0) == vector_counts.get(article.id, 0) == len(units), article.id


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGINT], ids=["kill", "ctrl-c"])
def test_an_interrupted_run_leaves_whole_articles_and_the_rerun_completes_it(stop, tmp_path, seeds_dir):
    folder, db = tmp_path / "articles", tmp_path / "corpus.db"
    write_articles(seeds_dir, folder)
    command = [sys.executable, "-m", "quotediff", "index", "add", str(folder), "--db", str(db), "--batch", "2", "-q"]
    # A shell that starts a job in the background ignores SIGINT for it, and the child would
    # inherit that; a user's Ctrl-C meets the default disposition, so the child gets it back.
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)
    )
    deadline = time.monotonic() + _SECONDS_TO_START
    while stored_articles(db) < 6 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(stop)
    process.wait(timeout=60)
    assert process.returncode != 0, "the run ended before it could be interrupted"
    stopped_at = stored_articles(db)
    assert 6 <= stopped_at < ARTICLES

    assert_whole_articles_only(db)
    rerun = CliRunner().invoke(app, ["index", "add", str(folder), "--db", str(db)])
    assert rerun.exit_code == 0, rerun.output
    assert f"added {ARTICLES - stopped_at} article(s)" in rerun.stderr
    assert f"{stopped_at} already stored" in rerun.stderr
    assert stored_articles(db) == ARTICLES
    assert_whole_articles_only(db)
