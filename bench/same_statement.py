"""Same statement? Precision, recall and F1 on the MRPC test split, against the baseline.

    python bench/same_statement.py

quotediff's decision: the calibrated lexical + semantic model (bench/calibrate.py, MRPC
train only). Baseline: the same embedding model's cosine alone, with the threshold that
maximises F1 on MRPC train, measured in the same run.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import mrpc  # noqa: E402
from calibrate import best_f1_threshold, feature_matrix  # noqa: E402

from quotediff.cluster.features import FEATURES, load_calibration  # noqa: E402


def prf(predicted: np.ndarray, labels: np.ndarray) -> tuple[float, float, float]:
    tp = int((predicted & (labels == 1)).sum())
    precision = tp / max(int(predicted.sum()), 1)
    recall = tp / max(int((labels == 1).sum()), 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-9)


def main() -> None:
    calibration = load_calibration()
    train_pairs, train_labels = mrpc("train")
    test_pairs, test_labels = mrpc("test")
    train_x, test_x = feature_matrix(train_pairs), feature_matrix(test_pairs)
    y_train, y_test = np.array(train_labels), np.array(test_labels)
    cosine = FEATURES.index("cosine")

    baseline_threshold, _ = best_f1_threshold(train_x[:, cosine], y_train)
    baseline = prf(test_x[:, cosine] >= baseline_threshold, y_test)
    probabilities = np.array([calibration.probability(dict(zip(FEATURES, row))) for row in test_x])
    ours = prf(probabilities >= calibration.threshold, y_test)

    print(f"MRPC test: {len(y_test)} pairs, {int(y_test.sum())} paraphrases")
    print(f"{'decision':<44}{'threshold':>10}{'P':>8}{'R':>8}{'F1':>8}")
    print(f"{'baseline: cosine only (best F1 on train)':<44}{baseline_threshold:>10.2f}" + "".join(f"{v:>8.3f}" for v in baseline))
    print(f"{'quotediff: calibrated lexical+semantic':<44}{calibration.threshold:>10.2f}" + "".join(f"{v:>8.3f}" for v in ours))
    print(f"F1 gain over baseline: {100 * (ours[2] - baseline[2]):+.1f} points (target: +3.0)")


if __name__ == "__main__":
    main()
