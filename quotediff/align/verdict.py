"""A pair's verdict and drift score from its typed changes.

Verdicts, from faithful to altered:

    identical  nothing but typography differs
    variant    the wording differs, the meaning holds (synonyms, reorders, omissions,
               paraphrase, and hedges: a changed "could"/"can" shifts certainty, not the claim)
    partial    one text is an excerpt of the other, and the shared part holds
    altered    a change alters the meaning: negation, antonym, number, name, swapped roles

The drift score orders pairs the same way: each verdict owns a band of 0..1 (identical
below 0.05, variant and partial below 0.5, altered from 0.5), and within a band the
changes' weights combine as independent chances of misleading a reader, 1 - prod(1 - w).
"""

from __future__ import annotations

from collections import Counter

from quotediff.align.classify import Judged
from quotediff.model import Verdict

BANDS: dict[str, tuple[float, float]] = {
    "identical": (0.0, 0.05),
    "variant": (0.05, 0.5),
    "partial": (0.05, 0.5),
    "altered": (0.5, 1.0),
}


def _combined(weights: list[float]) -> float:
    remaining = 1.0
    for weight in weights:
        remaining *= 1.0 - weight
    return 1.0 - remaining


def judge_pair(judged: list[Judged], *, excerpt: bool) -> tuple[Verdict, float, str]:
    """The verdict, drift score and a one-line reason for a pair's changes."""
    altering = [j for j in judged if j.alters]
    meaningful = [j for j in judged if j.change.type != "typography"]
    verdict: Verdict
    if altering:
        verdict = "altered"
    elif excerpt:
        verdict = "partial"
    elif meaningful:
        verdict = "variant"
    else:
        verdict = "identical"
    low, high = BANDS[verdict]
    drift = low + (high - low) * _combined([j.weight for j in judged])
    if verdict == "variant" and not meaningful:
        drift = low
    return verdict, round(min(drift, high - 1e-6) if verdict != "altered" else drift, 4), _reason(verdict, judged, altering)


def _reason(verdict: Verdict, judged: list[Judged], altering: list[Judged]) -> str:
    if altering:
        shown = "; ".join(f"{j.change.type}: '{j.change.a}' -> '{j.change.b}'" for j in altering)
        return f"{verdict}: {shown}"
    counts = Counter(j.change.type for j in judged)
    if not counts:
        return f"{verdict}: same words"
    return f"{verdict}: " + ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
