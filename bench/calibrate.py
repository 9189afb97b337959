"""Fit the same-statement model on MRPC train and write quotediff/cluster/calibration.json.

    python bench/calibrate.py                         # the default model -> calibration.json
    python bench/calibrate.py --model multilingual    # -> calibrations/multilingual-use.json

Features are those of quotediff.cluster.features (cosine + rapidfuzz ratios). The
threshold is the one that maximises F1 in 5-fold cross-validation on the training split;
the test split is never read here (bench/same_statement.py reports on it).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_predict

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import mrpc  # noqa: E402

from quotediff.cluster.features import FEATURES, calibration_path, lexical_scores  # noqa: E402
from quotediff.embed import canonical_model, get_embedder  # noqa: E402
from quotediff.settings import DEFAULT_MODEL  # noqa: E402

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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=DEFAULT_MODEL, help="embedding model to calibrate (default: %(default)s)")
    model_name = canonical_model(parser.parse_args().model)
    out = Path(str(calibration_path(model_name)))
    pairs, labels = mrpc("train")
    x, y = feature_matrix(pairs, model_name), np.array(labels)
    model = LogisticRegression(C=1.0, max_iter=1000)
    held_out = cross_val_predict(model, x, y, cv=5, method="predict_proba")[:, 1]
    threshold, f1 = best_f1_threshold(held_out, y)
    model.fit(x, y)
    calibration = {
        "source": f"MRPC train ({len(y)} pairs), logistic regression, threshold = best F1 in 5-fold CV",
        "model": model_name,
        "features": list(FEATURES),
        "weights": {name: round(float(w), 4) for name, w in zip(FEATURES, model.coef_[0])},
        "bias": round(float(model.intercept_[0]), 4),
        "threshold": threshold,
        "cv_f1": round(f1, 4),
    }
    if out.is_file() and "cross_language" in (kept := json.loads(out.read_text())):
        calibration["cross_language"] = kept["cross_language"]  # fitted by bench/multilingual.py --fit
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(calibration, indent=2) + "\n")
    print(json.dumps(calibration, indent=2))


if __name__ == "__main__":
    main()
