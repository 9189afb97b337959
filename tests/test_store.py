"""The corpus store: what ``index add`` writes, that it writes it once, and that SQL users can read it."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import numpy as np
from typer.testing import CliRunner

from quotediff.cli import app
from quotediff.store import SCHEMA_DOC, Store

runner = CliRunner()


def index_add(*arguments: str) -> str:
    result = runner.invoke(app, ["index", "add", *arguments])
    assert result.exit_code == 0, result.output
    return result.stderr


def table_rows(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table, for comparing a store before and after."""
    with sqlite3.connect(db) as connection:
        tables = [t for (t,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(connection.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}


def test_the_store_holds_each_seed_with_its_quotes_units_and_vectors(seeds_db):
    with sqlite3.connect(seeds_db) as connection:
        assert connection.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        per_article = connection.execute(
            "SELECT a.id, count(q.id) FROM articles a JOIN quotes q ON q.article = a.id AND q.kind = 'statement' GROUP BY a.id"
        ).fetchall()
        assert len(per_article) == 5 and all(n > 0 for _, n in per_article)
        unembedded = connection.execute("SELECT count(*) FROM units u LEFT JOIN embeddings e ON e.unit = u.id WHERE e.unit IS NULL")
        assert unembedded.fetchone()[0] == 0
        assert connection.execute("SELECT DISTINCT model FROM embeddings").fetchall() == [("all-MiniLM-L6-v2",)]


def test_stored_offsets_point_at_the_stored_text(seeds_db):
    with sqlite3.connect(seeds_db) as connection:
        for table in ("quotes", "units"):
            mismatches = connection.execute(
                f"SELECT count(*) FROM {table} t JOIN articles a ON a.id = t.article"
                " WHERE substr(a.text, t.start_char + 1, t.end_char - t.start_char) != t.text"
            ).fetchone()[0]
            assert mismatches == 0, table


def test_stored_vectors_are_unit_vectors_that_numpy_reads(seeds_db):
    with sqlite3.connect(seeds_db) as connection:
        rows = connection.execute("SELECT dim, vector FROM embeddings").fetchall()
    vectors = np.stack([np.frombuffer(blob, dtype="<f4") for _, blob in rows])
    assert vectors.shape == (len(rows), rows[0][0])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_adding_the_same_articles_again_changes_nothing(tmp_path, seeds_dir):
    db = tmp_path / "twice.db"
    index_add(str(seeds_dir), "--db", str(db), "-q")
    before = table_rows(db)
    said = index_add(str(seeds_dir), "--db", str(db))
    assert table_rows(db) == before
    assert "added 0 article(s)" in said and "5 already stored" in said


def test_adding_a_new_article_computes_only_what_is_new(tmp_path, seeds_dir):
    db = tmp_path / "grow.db"
    seed_files = sorted(seeds_dir.glob("*.txt"))
    index_add(*map(str, seed_files[:4]), "--db", str(db), "-q")
    before = table_rows(db)
    index_add(str(seeds_dir), "--db", str(db), "-q")
    after = table_rows(db)
    assert len(after["articles"]) == 5
    for table, rows in before.items():
        assert set(rows) <= set(after[table]), f"{table}: stored rows changed"
    new_units = {row for row in after["units"] if row[2] == seed_files[4].stem}
    assert len(after["units"]) == len(before["units"]) + len(new_units) > len(before["units"])


def test_an_other_article_under_a_taken_id_is_stored_apart(tmp_path, seeds_dir):
    db = tmp_path / "ids.db"
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    (first / "story.txt").write_text((seeds_dir / "000_1d0b45f819c83f07.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (second / "story.txt").write_text((seeds_dir / "002_6ad989208b08722e.txt").read_text(encoding="utf-8"), encoding="utf-8")
    index_add(str(first), "--db", str(db), "-q")
    said = index_add(str(second), "--db", str(db))
    with Store(db) as store:
        ids = [a.id for a in store.articles()]
    assert len(ids) == 2 and "story" in ids
    assert re.search(r"story is stored as story-[0-9a-f]{8}", said)


def test_the_schema_doc_names_every_table_and_column(seeds_db):
    with sqlite3.connect(seeds_db) as connection:
        tables = [t for (t,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            assert f"`{table}`" in SCHEMA_DOC
            for column in connection.execute(f"PRAGMA table_info({table})"):
                assert f"`{column[1]}`" in SCHEMA_DOC, f"{table}.{column[1]} is not documented"


def test_the_schema_doc_example_runs_as_written(seeds_db):
    example = SCHEMA_DOC.split("    SELECT", 1)[1].split(";", 1)[0]
    with sqlite3.connect(seeds_db) as connection:
        rows = connection.execute("SELECT" + example).fetchall()
    assert rows and all(text for _, _, text in rows)


def test_stats_and_list_show_what_is_inside(seeds_db):
    stats = runner.invoke(app, ["index", "stats", "--db", str(seeds_db), "--format", "json"])
    assert stats.exit_code == 0, stats.output
    figures = json.loads(stats.stdout)
    assert figures["articles"] == 5 and figures["quotes"]["statement"] > 0 and figures["units"] == figures["embeddings"]["all-MiniLM-L6-v2"]
    listing = runner.invoke(app, ["index", "list", "--db", str(seeds_db)])
    assert listing.exit_code == 0
    assert "UNIAN" in listing.stdout and "Korea JoongAng Daily" in listing.stdout


def test_a_file_that_is_not_a_store_is_refused(tmp_path):
    not_a_store = tmp_path / "notes.db"
    not_a_store.write_text("just text\n")
    result = runner.invoke(app, ["index", "stats", "--db", str(not_a_store)])
    assert result.exit_code == 2
    assert "not" in result.stderr and "store" in result.stderr


def test_compare_over_the_store_finds_the_clusters_of_the_files(seeds_db, seeds_report):
    result = runner.invoke(app, ["compare", "--db", str(seeds_db), "--format", "json", "-q"])
    assert result.exit_code == 0, result.output
    from_store = json.loads(result.stdout)
    from_files = sorted(sorted(m.id for m in c.members) for c in seeds_report.clusters)
    assert sorted(sorted(m["id"] for m in c["members"]) for c in from_store["clusters"]) == from_files
    assert all(q["kind"] != "unquoted" for q in from_store["quotes"])


def test_index_add_takes_the_input_flags_compare_takes(tmp_path):
    db = tmp_path / "feed.db"
    feed = Path(__file__).parent.parent / "fixtures" / "ingest" / "feed.json"
    fields = ["--field", "headline=title", "--field", "body=text", "--field", "source=outlet"]
    result = runner.invoke(app, ["index", "add", str(feed), "--db", str(db), *fields])
    assert result.exit_code == 3, result.output  # the record without a body is skipped, and said
    assert "feed.json:2: item 2 has no 'text'" in result.stderr
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT title, outlet FROM articles").fetchall()
    assert rows == [("Letters found on the battlefield", "Example Gazette")]
