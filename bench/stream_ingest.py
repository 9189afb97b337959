"""Peak memory of reading and extracting a JSONL archive: everything at once against a stream of partitions.

    nice -n 19 python bench/stream_ingest.py [--sizes 5000 50000] [--files 8] [--partition 1000]

For each size, a synthetic corpus (bench/_corpus.py) is written as ``--files`` JSONL files,
then read and its quotes extracted (no embedding), each way in a fresh child process whose
peak resident memory (``VmHWM``) is reported:

    whole      today's way: ``ingest()`` every article, then ``extract_quotes`` each one
    stream     ``iter_ingest()`` partition by partition, keeping only the quotes
    store-like the stream, keeping only counts (what ``index add`` keeps once a partition is written)

and, as the floor every way pays, a child that only imports quotediff and extracts one article.
The figures are peak MB, the ratio of ``whole`` to each stream (higher is better), and CPU
seconds of reading and extracting (the machine is shared, so wall time says little). All
three must read the same number of articles and quotes, or the script stops.

Measured on the shared 2-core machine (Python 3.11), 8 files, partitions of 1,000 articles
(``nice -n 19 python bench/stream_ingest.py --sizes 5000 50000``):

     articles  corpus  floor  whole  stream  store-like  whole/stream  whole/store  CPU s whole/stream/store-like
        5,000  2.5 MB  57 MB  70 MB   68 MB       62 MB         1.04x        1.14x  1.2 / 1.2 / 1.2
       50,000   25 MB  57 MB 196 MB  140 MB       76 MB         1.40x        2.58x  12.5 / 12.5 / 12.1
      200,000  101 MB  57 MB 615 MB  368 MB      109 MB         1.67x        5.66x  49.8 / 50.4 / 47.0

(the last row: ``--sizes 200000``, 11 minutes of wall time on the shared machine).

Above the floor (the interpreter, quotediff and the extractor's tables), reading everything
grows by 139 MB for 50,000 articles and 558 MB for 200,000; the stream that keeps nothing but
counts grows by 19 and 52 MB: one partition, plus a 16-byte digest and the id of every article
kept (about 220 bytes an article), to drop duplicates and keep ids unique across partitions.
Streaming costs no CPU.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

WAYS = ("floor", "whole", "stream", "store-like")


def measure(way: str, paths: list[str], partition: int) -> dict[str, float]:
    """In the child: read and extract one way; its peak memory, time and counts."""
    from quotediff.extract import extract_quotes
    from quotediff.ingest import ingest, iter_ingest
    from quotediff.model import Article

    extract_quotes(Article(id="warm", text='Ana Sousa said: "We are ready."'))  # load what extraction loads
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = usage.ru_utime + usage.ru_stime  # CPU, not wall: the machine is shared and may pause us
    articles = quotes = 0
    if way == "whole":
        everything = ingest(paths).articles
        kept = [quote for article in everything for quote in extract_quotes(article)]
        articles, quotes = len(everything), len(kept)
    elif way in ("stream", "store-like"):
        kept = []
        for part in iter_ingest(paths, partition_articles=partition):
            articles += len(part.articles)
            for article in part.articles:
                found = extract_quotes(article)
                quotes += len(found)
                if way == "stream":
                    kept.extend(found)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - cpu_before
    return {"peak_mb": _peak_rss_mb(), "cpu_seconds": cpu, "articles": articles, "quotes": quotes}


def _peak_rss_mb() -> float:
    """This process's high-water resident memory since it started running this program.

    ``VmHWM`` belongs to the process's own address space; ``ru_maxrss`` would also count the
    parent's memory at fork time, which Linux carries across exec.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux: kilobytes on most systems


def write_corpus(size: int, folder: Path, files: int) -> list[str]:
    """In the child: the corpus as JSONL files; generated there so that the parent stays small."""
    from _corpus import generate

    return [str(p) for p in generate(size).write_jsonl(folder, files=files)]


def run_child(*arguments: str) -> object:
    done = subprocess.run([sys.executable, __file__, *arguments], check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--partition", type=int, default=1000)
    parser.add_argument("--child", choices=[*WAYS, "write"])
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args()
    if args.child == "write":
        print(json.dumps(write_corpus(args.sizes[0], Path(args.paths[0]), args.files)))
        return
    if args.child:
        print(json.dumps(measure(args.child, args.paths, args.partition)))
        return

    print(f"{args.files} JSONL files, partitions of {args.partition:,} articles; peak RSS of a child per way")
    print(
        f"{'articles':>9} {'corpus':>8} {'floor':>7} {'whole':>7} {'stream':>7} {'store-like':>10}"
        f" {'whole/stream':>12} {'whole/store':>11}  CPU s whole/stream/store-like"
    )
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            paths = run_child("--child", "write", "--sizes", str(size), "--files", str(args.files), folder)
            assert isinstance(paths, list)
            corpus_mb = sum(Path(p).stat().st_size for p in paths) / 1e6
            figures = {way: run_child("--child", way, "--partition", str(args.partition), *paths) for way in WAYS}
        counts = {(figures[w]["articles"], figures[w]["quotes"]) for w in WAYS if w != "floor"}
        assert len(counts) == 1, f"the ways disagree on what they read: {figures}"
        peak = {way: figures[way]["peak_mb"] for way in WAYS}
        print(
            f"{size:>9,} {corpus_mb:>6.1f}MB {peak['floor']:>5.0f}MB {peak['whole']:>5.0f}MB {peak['stream']:>5.0f}MB"
            f" {peak['store-like']:>8.0f}MB {peak['whole'] / peak['stream']:>11.2f}x"
            f" {peak['whole'] / peak['store-like']:>10.2f}x  "
            + " / ".join(f"{figures[w]['cpu_seconds']:.1f}" for w in WAYS[1:])
        )


if __name__ == "__main__":
    main()
