"""Readers for the public benchmark data under ../shared/benchmarks (see its README)."""

from __future__ import annotations

import csv
import os
from pathlib import Path

BENCHMARKS = Path(os.environ.get("QUOTEDIFF_BENCHMARKS", Path(__file__).resolve().parents[2] / "shared" / "benchmarks"))


def read_tsv(relative: str) -> list[dict[str, str]]:
    path = BENCHMARKS / relative
    if not path.exists():
        raise SystemExit(f"benchmark data not found: {path} (set QUOTEDIFF_BENCHMARKS to the shared/benchmarks folder)")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def mrpc(split: str) -> tuple[list[tuple[str, str]], list[int]]:
    rows = read_tsv(f"mrpc/{split}.tsv")
    return [(r["sentence1"], r["sentence2"]) for r in rows], [int(r["label"]) for r in rows]
