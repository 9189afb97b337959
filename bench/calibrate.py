"""Fit the same-statement model on MRPC train and write quotediff/cluster/calibration.json.

    python bench/calibrate.py                         # the default model -> calibration.json
    python bench/calibrate.py --model multilingual    # -> calibrations/multilingual-use.json
    python bench/calibrate.py --cross-encoder /tmp/ce/final_lora_e2_lr0.001/epoch2 \
        --out-of-fold '/tmp/ce/oof_lora_e2_lr0.001_fold*.npz' --epoch 2
                                                      # -> the default model's "reading" and
                                                      #    quotediff/cluster/cross_encoder.safetensors

Features are those of quotediff.cluster.features: for the default model all FEATURES
(cosine, rapidfuzz ratios, what the wording leaves unshared), for the others the five
BASE_FEATURES. The logistic regression is fitted on standardised features, its
regularisation C chosen by 5-fold cross-validated F1, and the weights are stored on the
raw scale. The threshold is the one that maximises F1 in 5-fold cross-validation on the
training split; the test split is never read here (bench/same_statement.py reports on it).

``--cross-encoder`` ships a cross-encoder fine-tuned by bench/pair_model.py (its LoRA adapter,
trained on all of MRPC train) and fits where and how it decides, from that script's
out-of-fold logits on the same folds: the model over FEATURES + its logit, and the band of
the features' p where pairs are read, the narrowest (fewest MRPC train pairs inside) whose
nested-CV F1 is within BAND_TOLERANCE of reading every pair. Run it again after refitting
the features: the band is on their p.
"""

from __future__ import annotations

import argparse
import glob
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

from quotediff.cluster.features import (  # noqa: E402
    BASE_FEATURES,
    FEATURES,
    calibration_path,
    lexical_scores,
)
from quotediff.embed import canonical_model, get_embedder  # noqa: E402
from quotediff.settings import DEFAULT_MODEL  # noqa: E402

# Regularisation strengths tried (on standardised features); the best cross-validated F1 wins.
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
FOLDS = StratifiedKFold(5, shuffle=True, random_state=0)
# Bands tried for the cross-encoder: [low, high) on the features' p, in steps of 0.025.
BAND_LOWS = tuple(round(0.2 + 0.025 * n, 3) for n in range(11))  # 0.2 .. 0.45
BAND_HIGHS = tuple(round(0.5 + 0.025 * n, 3) for n in range(13))  # 0.5 .. 0.8
# F1 a band may give up against reading every pair (nested CV on train).
BAND_TOLERANCE = 0.003


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


Folds = list[tuple[np.ndarray, np.ndarray, np.ndarray]]  # per fold: held-out rows, p, decision


def held_out_fits(x: np.ndarray, y: np.ndarray) -> Folds:
    """Per fold of FOLDS: (held-out rows, p, decision) of a ``fit`` on the other four (nested CV)."""
    names = tuple(f"f{i}" for i in range(x.shape[1]))
    folds = []
    for train_rows, held_rows in FOLDS.split(x, y):
        model = fit(x[train_rows], y[train_rows], names)
        p = probabilities(model, x[held_rows])
        folds.append((held_rows, p, p >= model["threshold"]))
    return folds


def probabilities(model: dict, x: np.ndarray) -> np.ndarray:
    """p of a ``fit`` result on rows of its features, in their order."""
    weights = np.array(list(model["weights"].values()))
    return 1 / (1 + np.exp(-(x @ weights + model["bias"])))


def f1_score(predicted: np.ndarray, labels: np.ndarray) -> float:
    tp = int((predicted & (labels == 1)).sum())
    return 2 * tp / max(int(predicted.sum()) + int((labels == 1).sum()), 1)


def cascade_f1(unread: Folds, read: Folds, y: np.ndarray, low: float, high: float) -> tuple[float, float]:
    """Share of pairs in [low, high) of the unread p, and the mean held-out F1 when the read model decides those."""
    scores, inside = [], 0
    for (held, p, features_decide), (_, _, reading_decides) in zip(unread, read):
        band = (p >= low) & (p < high)
        inside += int(band.sum())
        scores.append(f1_score(np.where(band, reading_decides, features_decide), y[held]))
    return inside / len(y), float(np.mean(scores))


def fit_band(features: np.ndarray, read: np.ndarray, y: np.ndarray) -> dict[str, object]:
    """The narrowest band of the features' p where reading keeps the F1 of reading every pair (nested CV)."""
    unread, reading = held_out_fits(features, y), held_out_fits(read, y)  # the same folds, in order
    every = cascade_f1(unread, reading, y, 0.0, 1.01)[1]
    bands = {(low, high): cascade_f1(unread, reading, y, low, high) for low in BAND_LOWS for high in BAND_HIGHS}
    kept = [band for band, (_, f1) in bands.items() if f1 >= every - BAND_TOLERANCE]
    low, high = min(kept, key=lambda band: (bands[band][0], -bands[band][1]))
    share, f1 = bands[(low, high)]
    return {"band": [low, high], "share_of_train": round(share, 3), "nested_f1": round(f1, 4), "nested_f1_every_pair": round(every, 4)}


def ship_cross_encoder(folder: Path, out_of_fold: str, epoch: int, x: np.ndarray, y: np.ndarray) -> dict[str, object]:
    """Write the adapter of ``folder`` where quotediff loads it; return the calibration's "reading"."""
    from safetensors.numpy import load_file, save_file

    from quotediff.cluster.cross_encoder import ADAPTER

    logits = np.full(len(y), np.nan)
    for path in sorted(glob.glob(out_of_fold)):
        saved = np.load(path)
        logits[saved["rows"]] = saved["logits"][epoch - 1]
    if np.isnan(logits).any():
        raise SystemExit(f"{out_of_fold} does not cover every train pair: run all five folds of bench/pair_model.py")
    read = np.hstack([x, logits[:, None]])
    names = (*FEATURES, "cross_encoder")
    model = fit(read, y, names)
    band = fit_band(x, read, y)

    config = json.loads((folder / "adapter_config.json").read_text())
    tensors = {
        name.removeprefix("base_model.model.").removesuffix(".weight") if ".lora_" in name else name.removeprefix("base_model.model."): value
        for name, value in load_file(str(folder / "adapter_model.safetensors")).items()
    }
    layers = 1 + max(int(name.split(".layer.")[1].split(".")[0]) for name in tensors if ".layer." in name)
    meta = {"base": DEFAULT_MODEL, "rank": str(config["r"]), "alpha": str(config["lora_alpha"]), "layers": str(layers), "max_tokens": "128"}
    target = Path(__file__).resolve().parent.parent / "quotediff" / "cluster" / ADAPTER
    save_file(tensors, str(target), metadata=meta)
    print(f"wrote {target} ({target.stat().st_size / 1e6:.2f} MB, {layers} layers)")
    return {
        "source": (
            f"MRPC train ({len(y)} pairs): logistic regression over the features and the logit of a cross-encoder "
            f"(bench/pair_model.py; out-of-fold logits of epoch {epoch}), C and threshold = best F1 in 5-fold CV; "
            f"band = the narrowest whose nested-CV F1 is within {BAND_TOLERANCE} of reading every pair"
        ),
        "adapter": ADAPTER,
        **band,
        **model,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=DEFAULT_MODEL, help="embedding model to calibrate (default: %(default)s)")
    parser.add_argument("--cross-encoder", type=Path, help="a bench/pair_model.py adapter folder to ship (default model only)")
    parser.add_argument("--out-of-fold", help="with --cross-encoder: glob of pair_model.py's fold files (oof_*_fold*.npz)")
    parser.add_argument("--epoch", type=int, default=2, help="with --cross-encoder: the epoch of the out-of-fold logits")
    args = parser.parse_args()
    model_name = canonical_model(args.model)
    out = Path(str(calibration_path(model_name)))
    pairs, labels = mrpc("train")
    names = features_of(model_name)
    x, y = columns(feature_matrix(pairs, model_name), names), np.array(labels)
    kept = json.loads(out.read_text()) if out.is_file() else {}
    if args.cross_encoder:
        if names != FEATURES or not args.out_of_fold:
            raise SystemExit("--cross-encoder is for the default model, with --out-of-fold")
        calibration = {**kept, "reading": ship_cross_encoder(args.cross_encoder, args.out_of_fold, args.epoch, x, y)}
    else:
        calibration = {
            "source": f"MRPC train ({len(y)} pairs), logistic regression, C and threshold = best F1 in 5-fold CV",
            "model": model_name,
            **fit(x, y, names),
        }
        for section in ("cross_language", "reading"):  # fitted by bench/multilingual.py --fit, by --cross-encoder
            if section in kept:
                calibration[section] = kept[section]
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(calibration, indent=2) + "\n")
    print(json.dumps(calibration, indent=2))


if __name__ == "__main__":
    main()
