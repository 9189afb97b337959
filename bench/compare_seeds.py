"""Wall time and peak memory of `compare` on the seeds, against merely loading the model.

    python bench/compare_seeds.py [--repeat 3]

Each measurement runs in a fresh Python process (so imports, model load and memory are
counted as a user meets them); the figures are the median over the repeats.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

LOAD_MODEL = """
from quotediff.embed import get_embedder
from quotediff.settings import Settings
get_embedder(Settings().model).encode(["warm up"])
"""

COMPARE_SEEDS = f"""
from quotediff import compare
from quotediff.render import render
report = compare([{str(ROOT / 'seeds')!r}])
render(report, "json")
print(len(report.clusters), file=__import__("sys").stderr)
"""

MEASURE = """
import resource, sys, time
start = time.perf_counter()
exec(compile(sys.argv[1], "<bench>", "exec"))
wall = time.perf_counter() - start
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(__import__("json").dumps({"wall": wall, "peak_mb": peak_mb}))
"""


def measure(code: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", MEASURE, code], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    runs = {"load the model (baseline)": LOAD_MODEL, "compare seeds/ (5 articles)": COMPARE_SEEDS}
    results = {name: [measure(code) for _ in range(repeat)] for name, code in runs.items()}
    print(f"{'run':<32}{'wall s':>10}{'peak MB':>10}   (median of {repeat}, fresh process each)")
    medians = {}
    for name, samples in results.items():
        medians[name] = (statistics.median(s["wall"] for s in samples), statistics.median(s["peak_mb"] for s in samples))
        print(f"{name:<32}{medians[name][0]:>10.2f}{medians[name][1]:>10.0f}")
    (base_wall, base_mb), (run_wall, run_mb) = medians.values()
    print(f"compare / model load: time x{run_wall / base_wall:.2f}, memory x{run_mb / base_mb:.2f}")


if __name__ == "__main__":
    main()
