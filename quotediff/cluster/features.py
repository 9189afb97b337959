"""Pair features from two views, lexical (rapidfuzz) and semantic (embedding cosine),
and the calibrated model that turns them into a same-statement probability.

The weights come from ``calibration.json``, written by ``bench/calibrate.py`` from the
MRPC training split; nothing here is tuned by hand.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rapidfuzz import fuzz

_TYPOGRAPHY = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'", "–": "-", "—": "-", "…": "..."})
_NON_WORD = re.compile(r"[^\w']+")

FEATURES = ("cosine", "token_set", "token_sort", "partial", "length_ratio")


def normalise(text: str) -> str:
    """Lower-case words without typography or punctuation, for lexical comparison."""
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).lower()
    return " ".join(_NON_WORD.sub(" ", text).split())


def lexical_scores(a: str, b: str) -> dict[str, float]:
    """rapidfuzz ratios on normalised text, each in 0..1."""
    na, nb = normalise(a), normalise(b)
    short, long = sorted((na, nb), key=len)
    words_a, words_b = len(na.split()), len(nb.split())
    return {
        "token_set": fuzz.token_set_ratio(na, nb) / 100,
        "token_sort": fuzz.token_sort_ratio(na, nb) / 100,
        "partial": fuzz.partial_ratio(short, long) / 100 if short else 0.0,
        "length_ratio": min(words_a, words_b) / max(words_a, words_b, 1),
    }


@dataclass(frozen=True, slots=True)
class Calibration:
    """A logistic model over FEATURES and the probability threshold that maximised F1."""

    weights: dict[str, float]
    bias: float
    threshold: float
    source: str

    def probability(self, scores: dict[str, float]) -> float:
        z = self.bias + sum(self.weights[name] * scores[name] for name in FEATURES)
        return 1 / (1 + math.exp(-z))


@cache
def load_calibration() -> Calibration:
    data = json.loads(resources.files("quotediff.cluster").joinpath("calibration.json").read_text())
    return Calibration(weights=data["weights"], bias=data["bias"], threshold=data["threshold"], source=data["source"])


def pair_scores(a: str, b: str, cosine: float) -> dict[str, float]:
    """All feature scores of a pair, plus the calibrated probability ``p``."""
    scores = {"cosine": float(cosine), **lexical_scores(a, b)}
    scores["p"] = load_calibration().probability(scores)
    return scores


def join_reason(scores: dict[str, float], threshold: float) -> str:
    """Which view carried the decision, in words a reader can check against the scores."""
    views = []
    if scores["cosine"] >= 0.75:
        views.append(f"meaning (cosine {scores['cosine']:.2f})")
    if scores["token_set"] >= 0.75:
        views.append(f"wording (token set {scores['token_set']:.2f})")
    if scores["partial"] >= 0.8 and scores["length_ratio"] < 0.6:
        views.append(f"containment (partial {scores['partial']:.2f})")
    if not views:
        views.append(f"meaning and wording together (cosine {scores['cosine']:.2f}, token set {scores['token_set']:.2f})")
    return f"p={scores['p']:.2f} >= {threshold:.2f}: " + ", ".join(views)
