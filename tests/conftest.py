"""Shared fixtures: the seed articles and one run of the main job over them.

The embedding model loads once per test session (get_embedder caches it per model name),
and the seeds report is computed once and shared by every test that reads it.
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
def seeds_report():
    """``quotediff.compare`` over the five seed articles (real extraction, real embeddings)."""
    from quotediff import compare

    return compare([str(SEEDS)])
