"""Pair features from three views, lexical (rapidfuzz), semantic (embedding cosine) and what
the wording leaves unshared (wording.py), and the calibrated model that turns them into a
same-statement probability.

The weights come from ``calibration.json``, written by ``bench/calibrate.py`` from the
MRPC training split; nothing here is tuned by hand.

Each embedding model has its own cosine scale, so each has its own calibration:
``calibration.json`` for the default all-MiniLM-L6-v2, ``calibrations/<model>.json`` for
the others (``bench/calibrate.py --model NAME``). A model without one falls back to the
default's, and the run's settings say so. A pair in two different languages is judged by
meaning alone (word overlap across languages says nothing): a cosine threshold fitted on
the cross-language fixtures (``bench/multilingual.py --fit``), mapped onto the same
probability scale, so one join threshold serves both kinds of pair.

A calibration names the features it was fitted on: the default model's uses all FEATURES,
the other models' the five BASE_FEATURES, and a pair is scored with what its calibration uses.

The default model's calibration also has a ``Reading``: where the features leave a pair
uncertain, a cross-encoder reads both texts at once (cross_encoder.py) and a second model,
over the features and its logit, decides. A pair's scores say which model gave its ``p``.
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

from quotediff.cluster.wording import WORDING_FEATURES, wording_scores
from quotediff.embed import canonical_model
from quotediff.language import different_languages
from quotediff.settings import DEFAULT_MODEL, default_model

_TYPOGRAPHY = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'", "–": "-", "—": "-", "…": "..."})
_NON_WORD = re.compile(r"[^\w']+")

BASE_FEATURES = ("cosine", "token_set", "token_sort", "partial", "length_ratio")
FEATURES = (*BASE_FEATURES, *WORDING_FEATURES)


def normalise(text: str) -> str:
    """Lower-case words without typography or punctuation, for lexical comparison."""
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).lower()
    return " ".join(_NON_WORD.sub(" ", text).split())


def lexical_scores(a: str, b: str, *, wording: bool = False) -> dict[str, float]:
    """rapidfuzz ratios on normalised text, each in 0..1; with ``wording``, also the WORDING_FEATURES."""
    na, nb = normalise(a), normalise(b)
    short, long = sorted((na, nb), key=len)
    words_a, words_b = na.split(), nb.split()
    scores = {
        "token_set": fuzz.token_set_ratio(na, nb) / 100,
        "token_sort": fuzz.token_sort_ratio(na, nb) / 100,
        "partial": fuzz.partial_ratio(short, long) / 100 if short else 0.0,
        "length_ratio": min(len(words_a), len(words_b)) / max(len(words_a), len(words_b), 1),
    }
    if wording:
        scores.update(wording_scores(a, b, words_a, words_b))
    return scores


# Cosine below which a nearest neighbour is not scored at all. On MRPC the calibrated default
# model accepts 6 of 1,725 test pairs below 0.5 (12 of 4,076 train), and pairs that share
# their wording still come through rare n-gram blocking; at 10k quotes the floor cuts the
# scored pairs 7x (12.8 -> 1.8 per unit) for planted-pair candidate recall 0.991 -> 0.986.
CANDIDATE_FLOOR = 0.5
# A model that joins across languages on the cosine alone scores neighbours from this far
# below its cross-language threshold.
CROSS_LANGUAGE_MARGIN = 0.1


@dataclass(frozen=True, slots=True)
class CrossLanguage:
    """Same statement across languages from the cosine alone: ``p`` reaches the join threshold at ``cosine_threshold``."""

    weight: float  # logistic slope over the cosine
    cosine_threshold: float
    source: str


@dataclass(frozen=True, slots=True)
class Reading:
    """Where the cross-encoder reads a pair, and the model over FEATURES + "cross_encoder" that then decides.

    A pair is read when the features' p falls in ``band`` (fitted on MRPC train: the
    narrowest band that keeps the F1 of reading every pair). Its ``p`` is then this model's,
    moved onto the features' scale: equal to the features' threshold where this model's
    own threshold is, so one join threshold serves every pair.
    """

    band: tuple[float, float]  # [low, high) on the features' p
    weights: dict[str, float]
    bias: float
    threshold: float
    source: str
    adapter: str

    def reads(self, p: float) -> bool:
        return self.band[0] <= p < self.band[1]


@dataclass(frozen=True, slots=True)
class Calibration:
    """A logistic model over some of FEATURES (its weights name them) and the probability threshold that maximised F1."""

    weights: dict[str, float]
    bias: float
    threshold: float
    source: str
    model: str = DEFAULT_MODEL  # the embedding model whose cosines it was fitted on
    cross_language: CrossLanguage | None = None
    reading: Reading | None = None

    @property
    def uses_wording(self) -> bool:
        """Whether the model weighs the WORDING_FEATURES (so pairs need them scored)."""
        return any(name in self.weights for name in WORDING_FEATURES)

    @property
    def candidate_floor(self) -> float:
        """The cosine below which candidate generation drops a neighbour, for this model."""
        if self.cross_language is None:
            return CANDIDATE_FLOOR
        return min(CANDIDATE_FLOOR, self.cross_language.cosine_threshold - CROSS_LANGUAGE_MARGIN)

    def text_scores(self, a: str, b: str) -> dict[str, float]:
        """The scores of two texts besides the cosine that this model weighs."""
        return lexical_scores(a, b, wording=self.uses_wording)

    def probability(self, scores: dict[str, float]) -> float:
        z = self.bias + sum(weight * scores[name] for name, weight in self.weights.items())
        return 1 / (1 + math.exp(-z))

    def read_probability(self, scores: dict[str, float]) -> float:
        """The reading model's p (scores include "cross_encoder"), on the scale of ``threshold``."""
        assert self.reading is not None
        reading = self.reading
        z = reading.bias + sum(weight * scores[name] for name, weight in reading.weights.items())
        z += _logit(self.threshold) - _logit(reading.threshold)
        return 1 / (1 + math.exp(-z))

    def cross_language_probability(self, cosine: float) -> float:
        assert self.cross_language is not None
        z = _logit(self.threshold) + self.cross_language.weight * (cosine - self.cross_language.cosine_threshold)
        return 1 / (1 + math.exp(-z))


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


# The model whose calibration scoring uses in this process (see use_model).
_active_model: list[str] = []


def use_model(model: str) -> None:
    """Score pairs with ``model``'s calibration from now on in this process (the pipeline sets it per run)."""
    _active_model[:] = [model]


def _read_calibration(text: str, source_note: str = "") -> Calibration:
    data = json.loads(text)
    cross = data.get("cross_language")
    reading = data.get("reading")
    return Calibration(
        weights=data["weights"],
        bias=data["bias"],
        threshold=data["threshold"],
        source=data["source"] + source_note,
        model=data.get("model", DEFAULT_MODEL),
        cross_language=CrossLanguage(cross["weight"], cross["cosine_threshold"], cross["source"]) if cross else None,
        reading=Reading(
            tuple(reading["band"]), reading["weights"], reading["bias"], reading["threshold"], reading["source"], reading["adapter"]
        )
        if reading
        else None,
    )


def calibration_path(model: str):
    """Where ``model``'s own calibration lives (the default model's is ``calibration.json``)."""
    folder = resources.files("quotediff.cluster")
    model = canonical_model(model)
    if model in _DEFAULT_ALIASES:
        return folder.joinpath("calibration.json")
    return folder.joinpath("calibrations").joinpath(model.replace("/", "__") + ".json")


_DEFAULT_ALIASES = {DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}", "minilm"}


def load_calibration(model: str | None = None) -> Calibration:
    """``model``'s calibration (default: the model of this run), or the default model's, saying so."""
    return _calibration(canonical_model(model or (_active_model[0] if _active_model else default_model())))


@cache
def _calibration(model: str) -> Calibration:
    path = calibration_path(model)
    if path.is_file():
        return _read_calibration(path.read_text())
    note = f" [fitted for {DEFAULT_MODEL}; no calibration for {model}, whose cosine scale differs]"
    return _read_calibration(calibration_path(DEFAULT_MODEL).read_text(), note)


def pair_scores(a: str, b: str, cosine: float, calibration: Calibration | None = None) -> dict[str, float]:
    """All feature scores of a pair, plus the calibrated probability ``p`` (by default, this run's calibration).

    When the model is calibrated across languages, a pair in two languages gets
    ``cross_language`` = 1 and its ``p`` comes from the cosine alone. Other models score
    every pair alike, so no language is identified for them (it dominated scoring time).
    These are the features' scores: whether the cross-encoder reads the pair too is for
    ``quotediff.cluster.settle`` to decide.
    """
    calibration = calibration or load_calibration()
    scores = {"cosine": float(cosine), **calibration.text_scores(a, b)}
    if calibration.cross_language is not None and different_languages(a, b):
        scores["cross_language"] = 1.0
        scores["p"] = calibration.cross_language_probability(float(cosine))
        return scores
    scores["p"] = calibration.probability(scores)
    return scores


def settled(scores: dict[str, float], calibration: Calibration, threshold: float) -> bool:
    """Whether the features alone join the pair: p at or above ``threshold``, outside the band that is read."""
    return scores["p"] >= threshold and not needs_reading(scores, calibration)


def needs_reading(scores: dict[str, float], calibration: Calibration) -> bool:
    """Whether the cross-encoder reads a pair with these (unread) scores."""
    reading = calibration.reading
    return reading is not None and "cross_language" not in scores and "cross_encoder" not in scores and reading.reads(scores["p"])


def with_reading(scores: dict[str, float], logit: float, calibration: Calibration) -> dict[str, float]:
    """The scores of a read pair: the logit, the features' p kept as ``p_features``, the reading model's ``p``."""
    read = {**scores, "cross_encoder": logit, "p_features": scores["p"]}
    read["p"] = calibration.read_probability(read)
    return read


def join_reason(scores: dict[str, float], threshold: float) -> str:
    """Which view carried the decision, in words a reader can check against the scores."""
    cross = load_calibration().cross_language
    if scores.get("cross_language") and cross is not None:
        cut = cross.cosine_threshold
        return f"p={scores['p']:.2f} >= {threshold:.2f}: meaning across languages (cosine {scores['cosine']:.2f}, joins from {cut:.2f}; wording not compared)"
    views = []
    if scores["cosine"] >= 0.75:
        views.append(f"meaning (cosine {scores['cosine']:.2f})")
    if scores["token_set"] >= 0.75:
        views.append(f"wording (token set {scores['token_set']:.2f})")
    if scores["partial"] >= 0.8 and scores["length_ratio"] < 0.6:
        views.append(f"containment (partial {scores['partial']:.2f})")
    if not views:
        views.append(f"meaning and wording together (cosine {scores['cosine']:.2f}, token set {scores['token_set']:.2f})")
    return f"p={scores['p']:.2f} >= {threshold:.2f}: " + ", ".join(views) + _unshared_note(scores) + _reading_note(scores)


def _reading_note(scores: dict[str, float]) -> str:
    """What the cross-encoder made of a pair it read (nothing for a pair it did not)."""
    if "cross_encoder" not in scores:
        return ""
    return f"; read together by the cross-encoder (logit {scores['cross_encoder']:+.2f}; features alone p={scores['p_features']:.2f})"


def _unshared_note(scores: dict[str, float]) -> str:
    """What the wording leaves unshared, when the model weighed it (nothing for models that do not)."""
    if "longest_gap" not in scores:
        return ""
    differing = [f"{scores['numbers_differ']:.0f} number(s)"] if scores["numbers_differ"] else []
    if scores["negation_differs"]:
        differing.append("negation")
    note = f"; longest unmatched run {scores['longest_gap']:.0f} word(s)"
    return note + (", differing in " + " and ".join(differing) if differing else "")
