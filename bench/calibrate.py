"""Fit the same-statement model on MRPC train and write quotediff/cluster/calibration.json.

    python bench/calibrate.py                         # the default model -> calibration.json
    python bench/calibrate.py --model multilingual    # -> calibrations/multilingual-use.json

Features are those of quotediff.cluster.features: for the default model all FEATURES
(cosine, rapidfuzz ratios, what the wording leaves unshared), for the others the five
BASE_FEATURES. The logistic regression is fitted on standardised features, its
regularisation C chosen by 5-fold cross-validated F1, and the weights are stored on the
raw scale. The threshold is the one that maximises F1 in 5-fold cross-validation on the
training split; the test split is never read here (bench/same_statement.py reports on it).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import mrpc  # noqa: E402

from quotediff.cluster.features import BASE_FEATURES, FEATURES, calibration_path, lexical_scores  # noqa: E402
from quotediff.embed import canonical_model, get_embedder  # noqa: E402
from quotediff.settings import DEFAULT_MODEL  # noqa: E402

# Regularisation strengths tried (on standardised features); the best cross-validated F1 wins.
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
FOLDS = StratifiedKFold(5, shuffle=True, random_state=0)


def features_of(model: str) -> tuple[str, ...]:
    """The default model weighs every feature; the others keep the five they were calibrated on."""
    return FEATURES if canonical_model(model) == DEFAULT_MODEL else BASE_FEATURES


def feature_matrix(pairs: list[tuple[str, str]], model: str = DEFAULT_MODEL) -> np.ndarray:
    """One row of FEATURES per pair (all of them, whatever the model weighs)."""
    embedder = get_embedder(model)
    a = embedder.encode([p[0] for p in pairs])
    b = embedder.encode([p[1] for p in pairs])
    cosines = (a * b).sum(axis=1)
    rows = []
    for (s1, s2), cosine in zip(pairs, cosines):
        scores = {"cosine": float(cosine), **lexical_scores(s1, s2, wording=True)}
        rows.append([scores[name] for name in FEATURES])
    return np.array(rows)


def columns(x: np.ndarray, names: tuple[str, ...]) -> np.ndarray:
    return x[:, [FEATURES.index(name) for name in names]]


def logistic(c: float) -> Pipeline:
    return Pipeline([("scale", StandardScaler()), ("fit", LogisticRegression(C=c, max_iter=5000))])


def cross_validated(x: np.ndarray, y: np.ndarray, c: float) -> tuple[float, float]:
    """The best-F1 threshold of held-out probabilities in 5-fold CV, and that F1."""
    held_out = cross_val_predict(logistic(c), x, y, cv=FOLDS, method="predict_proba")[:, 1]
    return best_f1_threshold(held_out, y)


def fit(x: np.ndarray, y: np.ndarray, names: tuple[str, ...]) -> dict[str, object]:
    """Choose C and the threshold by CV, fit on all of ``x``; the weights apply to unscaled features."""
    folds = {c: cross_validated(x, y, c) for c in C_GRID}
    c = max(C_GRID, key=lambda c: (folds[c][1], -c))  # ties go to the stronger regularisation
    threshold, f1 = folds[c]
    model = logistic(c).fit(x, y)
    scale, fitted = model.named_steps["scale"], model.named_steps["fit"]
    weights = fitted.coef_[0] / scale.scale_
    bias = fitted.intercept_[0] - float(weights @ scale.mean_)
    return {
        "features": list(names),
        "weights": {name: round(float(w), 4) for name, w in zip(names, weights)},
        "bias": round(float(bias), 4),
        "threshold": threshold,
        "C": c,
        "cv_f1": round(f1, 4),
    }


def best_f1_threshold(probabilities: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    best = (0.5, -1.0)
    for threshold in np.arange(0.05, 0.96, 0.01):
        predicted = probabilities >= threshold
        tp = int((predicted & (labels == 1)).sum())
        precision = tp / max(int(predicted.sum()), 1)
        recall = tp / max(int((labels == 1).sum()), 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        if f1 > best[1]:
            best = (round(float(threshold), 2), f1)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=DEFAULT_MODEL, help="embedding model to calibrate (default: %(default)s)")
    model_name = canonical_model(parser.parse_args().model)
    out = Path(str(calibration_path(model_name)))
    pairs, labels = mrpc("train")
    names = features_of(model_name)
    x, y = columns(feature_matrix(pairs, model_name), names), np.array(labels)
    calibration = {
        "source": f"MRPC train ({len(y)} pairs), logistic regression, C and threshold = best F1 in 5-fold CV",
        "model": model_name,
        **fit(x, y, names),
    }
    if out.is_file() and "cross_language" in (kept := json.loads(out.read_text())):
        calibration["cross_language"] = kept["cross_language"]  # fitted by bench/multilingual.py --fit
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(calibration, indent=2) + "\n")
    print(json.dumps(calibration, indent=2))


if __name__ == "__main__":
    main()
