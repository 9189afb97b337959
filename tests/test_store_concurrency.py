"""Two ``index add`` processes on one store at the same time: each article is stored once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys


def test_two_concurrent_runs_store_each_article_once(tmp_path, seeds_dir):
    db = tmp_path / "shared.db"
    command = [sys.executable, "-m", "quotediff", "index", "add", str(seeds_dir), "--db", str(db), "--batch", "1", "-q"]
    runs = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for run in runs:
        _, errors = run.communicate(timeout=600)
        assert run.returncode == 0, errors
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("SELECT count(*), count(DISTINCT content_hash) FROM articles").fetchone() == (5, 5)
        units, vectors = connection.execute("SELECT (SELECT count(*) FROM units), (SELECT count(*) FROM embeddings)").fetchone()
        assert units == vectors > 0
