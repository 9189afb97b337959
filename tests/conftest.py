"""Shared fixtures: the seed articles and one run of the main job over them.

The embedding model loads once per test session (get_embedder caches it per model name),
and the seeds report and a corpus store of the seeds are built once and shared by every
test that reads them (none writes to them).
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory, seeds_dir) -> str:
    """A corpus store holding the five seeds, made through the CLI as a user would."""
    from typer.testing import CliRunner

    from quotediff.cli import app

    db = str(tmp_path_factory.mktemp("store") / "seeds.db")
    result = CliRunner().invoke(app, ["index", "add", str(seeds_dir), "--db", db, "-q"])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="session")
def seeds_report():
    """``quotediff.compare`` over the five seed articles (real extraction, real embeddings)."""
    from quotediff import compare

    return compare([str(SEEDS)])
