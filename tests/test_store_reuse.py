"""Over a store, compare and check reuse what it holds: no article is extracted again, no stored unit embedded again."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from quotediff import pipeline
from quotediff.cli import app
from quotediff.embed import get_embedder
from quotediff.settings import Settings
from quotediff.store import Store

runner = CliRunner()
SONG = "My fate is always shared with the motherland"


@pytest.fixture
def watched(monkeypatch):
    """Forbid extraction, and record every text the embedding model is asked to encode."""

    def no_extraction(*_: object, **__: object) -> None:
        raise AssertionError("an article was extracted again")

    for module in ("quotediff.pipeline", "quotediff.store.indexer", "quotediff.engine.extraction"):
        monkeypatch.setattr(f"{module}.extract_quotes", no_extraction)
    embedder = get_embedder(Settings().model, Settings().batch_size)
    model = embedder.model
    encoded: list[str] = []

    class Recording:
        def __getattr__(self, name: str) -> object:
            return getattr(model, name)

        def encode(self, texts, **options):
            encoded.extend(texts)
            return model.encode(texts, **options)

    monkeypatch.setattr(embedder, "_model", Recording())
    monkeypatch.setattr(embedder, "_cache", {})  # forget what earlier tests encoded
    return encoded


def stored_unit_texts(db: str) -> set[str]:
    with Store(db) as store:
        members, _ = store.unit_vectors(Settings().model)
    return {m.text for m in members}


def test_check_over_a_store_embeds_the_query_and_no_stored_unit(seeds_db, watched):
    result = pipeline.check(SONG, db=seeds_db)
    assert result.verdict == "identical"
    assert SONG in watched
    assert not set(watched) & (stored_unit_texts(seeds_db) - {SONG})


def test_compare_over_a_store_embeds_no_stored_unit(seeds_db, watched):
    report = pipeline.compare([], db=seeds_db)
    assert report.clusters
    assert not set(watched) & stored_unit_texts(seeds_db)


def test_check_with_paths_and_a_new_store_indexes_them_first(tmp_path, seeds_dir):
    db = tmp_path / "fresh.db"
    result = runner.invoke(app, ["check", SONG, str(seeds_dir), "--db", str(db), "--format", "json", "-q"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["verdict"] == "identical"
    with Store(db) as store:
        assert store.stats().articles == 5


def test_a_store_serves_a_second_model_after_embedding_its_units_once(tmp_path, seeds_dir):
    # "minilm" names the same weights under another name: a second model as far as the store knows.
    db = str(tmp_path / "two-models.db")
    runner.invoke(app, ["index", "add", str(seeds_dir), "--db", db, "-q"])
    result = runner.invoke(app, ["check", SONG, "--db", db, "--model", "minilm", "--format", "json", "-q"])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        embeddings = store.stats().embeddings
    assert set(embeddings) == {"all-MiniLM-L6-v2", "minilm"}
    assert embeddings["minilm"] == embeddings["all-MiniLM-L6-v2"]
