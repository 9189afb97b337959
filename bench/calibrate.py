"""Fit the same-statement model on MRPC train and write quotediff/cluster/calibration.json.

    python bench/calibrate.py

Features are those of quotediff.cluster.features (cosine + rapidfuzz ratios). The
threshold is the one that maximises F1 in 5-fold cross-validation on the training split;
the test split is never read here (bench/same_statement.py reports on it).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_predict

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import mrpc  # noqa: E402

from quotediff.cluster.features import FEATURES, lexical_scores  # noqa: E402
from quotediff.embed import get_embedder  # noqa: E402
from quotediff.settings import DEFAULT_MODEL  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "quotediff" / "cluster" / "calibration.json"


def feature_matrix(pairs: list[tuple[str, str]], model: str = DEFAULT_MODEL) -> np.ndarray:
    embedder = get_embedder(model)
    a = embedder.encode([p[0] for p in pairs])
    b = embedder.encode([p[1] for p in pairs])
    cosines = (a * b).sum(axis=1)
    rows = []
    for (s1, s2), cosine in zip(pairs, cosines):
        scores = {"cosine": float(cosine), **lexical_scores(s1, s2)}
        rows.append([scores[name] for name in FEATURES])
    return np.array(rows)


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
    pairs, labels = mrpc("train")
    x, y = feature_matrix(pairs), np.array(labels)
    model = LogisticRegression(C=1.0, max_iter=1000)
    held_out = cross_val_predict(model, x, y, cv=5, method="predict_proba")[:, 1]
    threshold, f1 = best_f1_threshold(held_out, y)
    model.fit(x, y)
    calibration = {
        "source": f"MRPC train ({len(y)} pairs), logistic regression, threshold = best F1 in 5-fold CV",
        "model": DEFAULT_MODEL,
        "features": list(FEATURES),
        "weights": {name: round(float(w), 4) for name, w in zip(FEATURES, model.coef_[0])},
        "bias": round(float(model.intercept_[0]), 4),
        "threshold": threshold,
        "cv_f1": round(f1, 4),
    }
    OUT.write_text(json.dumps(calibration, indent=2) + "\n")
    print(json.dumps(calibration, indent=2))


if __name__ == "__main__":
    main()
