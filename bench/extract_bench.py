"""Score the extract stage against hand-made gold, and time it against reading the files.

    python bench/extract_bench.py [--repeat 100] [--rounds 5] [--quiet]

For the five seeds (fixtures/extract/gold) and for the held-out articles (fixtures/extract/
heldout_gold, written and annotated before the extractor first ran on them; each gold file's
notes give that first run's figures), prints precision and recall of statements and of
fragments (a match overlaps at least 80% of the gold quote's characters) and speaker, cue and
credited-source accuracy over the matched gold quotes, listing the misses. Then throughput in
articles/s and MB/s on one core (best CPU time of several rounds: the machine is shared) next
to the time merely to read the same files, and a linearity check on unmatched quote marks.

A speaker is right when its key equals the gold key, or, where the gold gives none, when the
speaker as written contains the gold's (or the reverse), determiners aside.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from quotediff.extract import extract_quotes, normalise_outlet, normalise_speaker
from quotediff.model import Article, Quote

ROOT = pathlib.Path(__file__).resolve().parents[1]
GOLD_SETS = {
    "the five seeds (the extractor was tuned on them)": ROOT / "fixtures" / "extract" / "gold",
    "held-out articles (written and annotated before the extractor first ran on them)": ROOT
    / "fixtures"
    / "extract"
    / "heldout_gold",
}
SEEDS = ROOT / "seeds"
MATCH_OVERLAP = 0.8
GoldQuote = dict[str, Any]  # one quote of a gold file, as read from JSON


@dataclass
class Tally:
    """Counts for one kind of quote, or for one attribute over matched quotes."""

    gold: int = 0
    found: int = 0
    matched: int = 0
    misses: list[str] = field(default_factory=list)

    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0


def overlap(gold: GoldQuote, quote: Quote) -> float:
    start, end = int(gold["start"]), int(gold["end"])
    return max(0, min(end, quote.end) - max(start, quote.start)) / max(1, end - start)


def match(gold_quotes: list[GoldQuote], quotes: list[Quote]) -> list[tuple[GoldQuote, Quote | None]]:
    """Each gold quote with the extracted quote covering most of it (each used once), or None."""
    used: set[str] = set()
    pairs: list[tuple[GoldQuote, Quote | None]] = []
    for gold in gold_quotes:
        candidates = [(overlap(gold, q), q) for q in quotes if q.id not in used]
        best = max(candidates, key=lambda c: c[0], default=(0.0, None))
        if best[1] is not None and best[0] >= MATCH_OVERLAP:
            used.add(best[1].id)
            pairs.append((gold, best[1]))
        else:
            pairs.append((gold, None))
    return pairs


def _words(speaker: str) -> str:
    return " ".join(w for w in normalise_speaker(speaker).split() if w not in ("one", "of", "the"))


def speaker_right(gold: GoldQuote, quote: Quote) -> bool:
    """The key when the gold gives one; else the speaker as written (one containing the other)."""
    if gold.get("speaker_key"):
        return bool(quote.speaker_key == gold["speaker_key"])
    if gold.get("speaker") is None:
        return quote.speaker is None
    if quote.speaker is None:
        return False
    a, b = _words(str(gold["speaker"])), _words(quote.speaker)
    return a == b or (bool(a) and bool(b) and (a in b or b in a))


def source_right(gold: GoldQuote, quote: Quote) -> bool:
    expected = gold.get("credited_source")
    if expected is None or quote.credited_source is None:
        return expected is None and quote.credited_source is None
    return normalise_outlet(str(expected)) == normalise_outlet(quote.credited_source)


def load(gold_dir: pathlib.Path) -> list[tuple[Article, GoldQuote]]:
    cases = []
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (ROOT / gold.get("path", f"seeds/{gold['article']}.txt")).read_text(encoding="utf-8")
        cases.append((Article(id=str(gold["article"]), text=text), gold))
    return cases


def score(cases: list[tuple[Article, GoldQuote]]) -> dict[str, Tally]:
    kinds = ("statement", "fragment", "speaker", "cue", "source", "speaker_all", "source_all", "continues_all", "marks_all")
    tallies = {name: Tally() for name in kinds}
    for article, gold in cases:
        quotes = extract_quotes(article)
        gold_quotes: list[GoldQuote] = gold["quotes"]
        for kind in ("statement", "fragment"):
            kind_gold = [g for g in gold_quotes if g["kind"] == kind]
            kind_found = [q for q in quotes if q.kind == kind]
            tally = tallies[kind]
            tally.gold += len(kind_gold)
            tally.found += len(kind_found)
            pairs = match(kind_gold, kind_found)
            tally.matched += sum(1 for _, q in pairs if q is not None)
            tally.misses += [f"missed {article.id}: {g['text'][:60]!r}" for g, q in pairs if q is None]
            matched_ids = {q.id for _, q in pairs if q is not None}
            tally.misses += [f"extra  {q.id}: {q.text[:60]!r}" for q in kind_found if q.id not in matched_ids]
        pairs = match(gold_quotes, quotes)
        for g, q in pairs:
            if q is None:
                continue
            # "continues" in a gold file is the 1-based number of the gold quote continued.
            continued = pairs[g["continues"] - 1][1] if g.get("continues") else None
            expected_continues = continued.id if continued is not None else None
            marks = [m.text for m in q.marks]
            checks: list[tuple[str, bool, str]] = [
                ("speaker", speaker_right(g, q), f"{g.get('speaker')!r}/{g.get('speaker_key')!r} got {q.speaker!r}/{q.speaker_key!r}"),
                ("source", source_right(g, q), f"{g.get('credited_source')!r} got {q.credited_source!r}"),
                ("cue", g.get("cue") == q.cue, f"{g.get('cue')!r} got {q.cue!r}"),
                ("continues", q.continues == expected_continues, f"{expected_continues!r} got {q.continues!r}"),
                ("marks", g.get("marks", []) == marks, f"{g.get('marks')} got {marks}"),
            ]
            for name, right, detail in checks:
                tally_names = [name] if g["kind"] == "statement" and name in ("speaker", "source", "cue") else []
                if name != "cue":
                    tally_names.append(f"{name}_all")
                for tally_name in tally_names:
                    tally = tallies[tally_name]
                    tally.gold += 1
                    tally.found += 1
                    if right:
                        tally.matched += 1
                    else:
                        tally.misses.append(f"{tally_name:13} {q.id}: {detail}")
    return tallies


def throughput(cases: list[tuple[Article, GoldQuote]], repeat: int, rounds: int) -> None:
    """Best of ``rounds`` rounds of CPU time (the machine is shared): reading alone, then reading and extracting."""
    paths = [SEEDS / f"{gold['article']}.txt" for _, gold in cases]
    size = sum(path.stat().st_size for path in paths) * repeat
    articles = repeat * len(paths)

    def read_only() -> None:
        for _ in range(repeat):
            for path in paths:
                Article(id=path.stem, text=path.read_text(encoding="utf-8"))

    def read_and_extract() -> None:
        for _ in range(repeat):
            for path in paths:
                extract_quotes(Article(id=path.stem, text=path.read_text(encoding="utf-8")))

    read_seconds = _best(read_only, rounds)
    total_seconds = _best(read_and_extract, rounds)
    extract_seconds = total_seconds - read_seconds
    print(f"\nthroughput, {articles} seed articles ({size / 1e6:.1f} MB) per round, best CPU time of {rounds} rounds, one core:")
    for label, seconds in (("read only", read_seconds), ("read + extract", total_seconds), ("extract alone", extract_seconds)):
        print(f"  {label:15} {articles / seconds:9.0f} articles/s  {size / 1e6 / seconds:8.2f} MB/s")
    print(f"  extracting costs {extract_seconds / read_seconds:.0f}x the time to read the files")


def _best(run: Callable[[], object], rounds: int) -> float:
    timings = []
    for _ in range(rounds):
        started = time.process_time()
        run()
        timings.append(time.process_time() - started)
    return min(timings)


def linearity() -> None:
    """Unmatched marks in one paragraph: time must grow with the mark count, not its square."""
    timings = []
    for count in (1_000, 10_000):
        text = "He said “" + " word “".join("x" for _ in range(count)) + " and more ”words."
        timings.append(_best(partial(extract_quotes, Article(id="stress", text=text)), 3))
    print(f"\nunmatched marks: 1,000 in {timings[0] * 1e3:.1f} ms, 10,000 in {timings[1] * 1e3:.1f} ms "
          f"(x{timings[1] / timings[0]:.1f} for 10x the marks; quadratic would be x100)")


def report(title: str, cases: list[tuple[Article, GoldQuote]], *, quiet: bool) -> None:
    tallies = score(cases)
    print(f"\n{title}: {len(cases)} articles (match = overlap >= {MATCH_OVERLAP:.0%} of gold chars)")
    for kind in ("statement", "fragment"):
        t = tallies[kind]
        print(
            f"  {kind + 's':11} gold {t.gold:3}  found {t.found:3}  matched {t.matched:3}  "
            f"precision {t.precision():.3f}  recall {t.recall():.3f}"
        )
    labels = {
        "speaker": "speaker, statements",
        "source": "credited source, statements",
        "cue": "cue, statements",
        "speaker_all": "speaker, all quotes",
        "source_all": "credited source, all quotes",
        "continues_all": "continues, all quotes",
        "marks_all": "editorial marks, all quotes",
    }
    for name, label in labels.items():
        t = tallies[name]
        print(f"  {label:29} {t.matched:3}/{t.gold:3} = {t.recall():.3f}")
    misses = [m for t in tallies.values() for m in t.misses]
    if misses and not quiet:
        print("  misses:")
        print("\n".join(f"    {m}" for m in misses))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=100, help="passes over the seeds in one timing round")
    parser.add_argument("--rounds", type=int, default=5, help="timing rounds; the best is kept")
    parser.add_argument("--quiet", action="store_true", help="do not list the misses")
    args = parser.parse_args()
    for title, gold_dir in GOLD_SETS.items():
        report(title, load(gold_dir), quiet=args.quiet)
    throughput(load(next(iter(GOLD_SETS.values()))), args.repeat, args.rounds)
    linearity()


if __name__ == "__main__":
    main()
