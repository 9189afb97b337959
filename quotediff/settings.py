"""Run settings: one keyword-only object built once (by the CLI or a notebook user)."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field

DEFAULT_MODEL = "all-MiniLM-L6-v2"
MODEL_ENV = "QUOTEDIFF_MODEL"


def default_model() -> str:
    return os.environ.get(MODEL_ENV) or DEFAULT_MODEL


@dataclass(frozen=True, kw_only=True, slots=True)
class Settings:
    """Every tunable of a run. Thresholds default to values calibrated by bench/calibrate.py."""

    model: str = field(default_factory=default_model)
    batch_size: int = 64
    # Units (quotes or their sentences) shorter than this many words never join a cluster alone.
    min_words: int = 4
    # Candidate generation: each unit is compared with its nearest neighbours only.
    neighbours: int = 20
    # Cosine below which a neighbour is not even scored (None: the model calibration's floor,
    # quotediff.cluster.features.CANDIDATE_FLOOR, lower for models that join across languages).
    candidate_floor: float | None = None
    # Probability (from the calibrated same-statement model) at which two units are joined.
    join_threshold: float | None = None  # None: the calibrated value
    # A merged cluster's mean pair probability must stay above this (no chaining).
    cohesion_threshold: float | None = None  # None: same as the join threshold
    include_single_article: bool = False

    def as_dict(self) -> dict[str, object]:
        return asdict(self)
