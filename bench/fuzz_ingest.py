"""Fuzz ingest (and extraction, when it exists) with generated hostile inputs; count crashes.

    python bench/fuzz_ingest.py [--count 10000] [--seed 1]

Each input is one file written to a temporary folder and read with ``ingest([path])``.
An ``InputError`` (nothing usable) and ``Skipped`` entries are expected outcomes; any
other exception is a crash and is printed with the generator and seed that made it.
Throughput is compared with a baseline measured in the same run on the same files:
reading and UTF-8-decoding them with replacement, the least any reader must do.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotediff.ingest import NoArticlesError, ingest  # noqa: E402
from quotediff.ingest.decode import normalise_text  # noqa: E402
from quotediff.model import Article, Quote  # noqa: E402

Extractor = Callable[[Article], list[Quote]]
EXTRACT_QUOTES: Extractor | None
try:  # extraction is another stage; fuzz it too when it is there
    from quotediff.extract import extract_quotes as EXTRACT_QUOTES
except ImportError:
    EXTRACT_QUOTES = None

SEEDS = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
QUOTES = "“”\"'«»‘’„‚「」『』‹›"
LEGACY = ("cp1251", "koi8_r", "euc_kr", "cp949", "cp1252", "latin_1", "utf-16", "utf-16-le", "utf-8-sig")
MAGIC = (b"%PDF-1.4\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"PK\x03\x04", b"GIF89a", b"\x1f\x8b\x08")

Input = tuple[str, bytes]  # (file suffix, content)


def random_bytes(rng: random.Random) -> Input:
    return rng.choice((".txt", ".html", ".json", ".jsonl", ".md")), rng.randbytes(rng.randrange(0, 4000))


def random_unicode(rng: random.Random) -> Input:
    alphabet = [chr(rng.randrange(0x20, 0x2FFF)) for _ in range(64)] + list(QUOTES) + ["\n", "\r\n", " ", "\u0301"]
    text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 3000)))
    return ".txt", text.encode("utf-8", "surrogatepass")


def mutated_seed(rng: random.Random) -> Input:
    data = bytearray(rng.choice(SEEDS).encode("utf-8"))
    for _ in range(rng.randrange(1, 40)):
        action, at = rng.randrange(3), rng.randrange(len(data) + 1)
        if action == 0 and at < len(data):
            data[at] = rng.randrange(256)  # flip a byte: broken UTF-8 sequences
        elif action == 1:
            data[at:at] = rng.choice(QUOTES).encode("utf-8")
        else:
            del data[at : at + rng.randrange(1, 200)]  # cut: a truncated download
    return rng.choice((".txt", ".md")), bytes(data)


def legacy_encoded_seed(rng: random.Random) -> Input:
    encoding = rng.choice(LEGACY)
    return ".txt", rng.choice(SEEDS).encode(encoding, errors="replace")


def expected_text(name: str, data: bytes) -> str | None:
    """What a correct reader returns for inputs whose true text is known (legacy-encoded seeds)."""
    if name != "legacy-encoded-seed":
        return None
    for text in SEEDS:
        for encoding in LEGACY:
            if text.encode(encoding, errors="replace") == data:
                return normalise_text(text.encode(encoding, errors="replace").decode(encoding))
    return None


def quote_storm(rng: random.Random) -> Input:
    text = "".join(rng.choice(QUOTES + " a.,\n") for _ in range(rng.randrange(1000, 60000)))
    return ".txt", text.encode("utf-8")


def random_jsonl(rng: random.Random) -> Input:
    lines = []
    for _ in range(rng.randrange(1, 12)):
        kind = rng.randrange(5)
        if kind == 0:
            lines.append(
                json.dumps({"text": rng.choice(SEEDS)[: rng.randrange(0, 600)], "id": rng.choice(["a", "b", 7])})
            )
        elif kind == 1:
            lines.append(json.dumps({"title": "no text", "outlet": None}))
        elif kind == 2:
            lines.append(json.dumps(rng.choice([[1, 2], 3, "text", None, {"text": {"nested": 1}}])))
        elif kind == 3:
            lines.append(json.dumps({"text": "".join(chr(rng.randrange(0xD800, 0xE000)) for _ in range(5))}))
        else:
            lines.append(rng.choice(SEEDS)[: rng.randrange(0, 120)].replace("\n", " "))  # not JSON
    return rng.choice((".jsonl", ".json")), "\n".join(lines).encode("utf-8")


def broken_html(rng: random.Random) -> Input:
    body = "".join(f"<p>{line}" for line in rng.choice(SEEDS).split("\n") if rng.random() < 0.7)
    html = f"<html><head><meta charset='utf-8'><title>t</title></head><body><article>{body}</article></body></html>"
    cut = rng.randrange(len(html) + 1)
    tags = "".join(rng.choice(("<div>", "</span>", "<<", ">>", "<!--", "<script>", "&#x", "&amp")) for _ in range(20))
    return ".html", (html[:cut] + tags).encode("utf-8")


def disguised_binary(rng: random.Random) -> Input:
    return rng.choice((".txt", ".html", ".json")), rng.choice(MAGIC) + rng.randbytes(rng.randrange(0, 2000))


GENERATORS: dict[str, Callable[[random.Random], Input]] = {
    "random-bytes": random_bytes,
    "random-unicode": random_unicode,
    "mutated-seed": mutated_seed,
    "legacy-encoded-seed": legacy_encoded_seed,
    "quote-storm": quote_storm,
    "random-jsonl": random_jsonl,
    "broken-html": broken_html,
    "disguised-binary": disguised_binary,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-extract", action="store_true", help="fuzz ingest only, even if extraction exists")
    args = parser.parse_args()
    extract = None if args.no_extract else EXTRACT_QUOTES
    rng = random.Random(args.seed)
    names = list(GENERATORS)
    outcomes: Counter[str] = Counter()
    skipped_kinds: Counter[str] = Counter()
    per_generator: Counter[str] = Counter()
    ingest_time: defaultdict[str, float] = defaultdict(float)  # seconds per generator
    extract_time: defaultdict[str, float] = defaultdict(float)
    crashes: list[str] = []
    baseline_seconds = 0.0
    total_bytes = quotes_found = decoded_right = decoded_known = 0
    with tempfile.TemporaryDirectory(prefix="fuzz_ingest_") as folder:
        for n in range(args.count):
            name = names[n % len(names)]
            suffix, data = GENERATORS[name](rng)
            path = Path(folder) / f"input{suffix}"
            path.write_bytes(data)
            total_bytes += len(data)
            per_generator[name] += 1

            started = time.perf_counter()
            path.read_bytes().decode("utf-8", errors="replace")
            baseline_seconds += time.perf_counter() - started

            started = time.perf_counter()
            try:
                result = ingest([str(path)])
            except NoArticlesError as error:
                outcomes["nothing-usable"] += 1
                skipped_kinds.update(getattr(item, "kind", "other") for item in error.skipped)
                continue
            except Exception:  # a crash is what this script exists to find
                crashes.append(f"{name} #{n} (seed {args.seed}):\n{traceback.format_exc()}")
                continue
            finally:
                ingest_time[name] += time.perf_counter() - started
            outcomes["read"] += 1
            skipped_kinds.update(getattr(item, "kind", "other") for item in result.skipped)
            expected = expected_text(name, data)
            if expected is not None:
                decoded_right += len(result.articles) == 1 and result.articles[0].text == expected
                decoded_known += 1
            if extract is not None:
                started = time.perf_counter()
                try:
                    for article in result.articles:
                        quotes_found += len(extract(article))
                except Exception:
                    crashes.append(f"extract on {name} #{n} (seed {args.seed}):\n{traceback.format_exc()}")
                extract_time[name] += time.perf_counter() - started

    print(f"inputs: {args.count} ({total_bytes / 1e6:.1f} MB) from {len(names)} generators, seed {args.seed}")
    print("per generator: " + ", ".join(f"{name} {count}" for name, count in per_generator.items()))
    print(f"outcomes: {dict(outcomes)}")
    print(f"skipped by kind: {dict(sorted(skipped_kinds.items()))}")
    print(f"legacy-encoded seeds decoded exactly: {decoded_right}/{decoded_known}")
    print(f"crashes: {len(crashes)}")
    ingest_seconds, extract_seconds = sum(ingest_time.values()), sum(extract_time.values())
    rate = args.count / ingest_seconds if ingest_seconds else float("inf")
    print(
        f"ingest: {ingest_seconds:.2f} s, {rate:.0f} inputs/s, {total_bytes / 1e6 / ingest_seconds:.2f} MB/s; "
        f"baseline read+decode: {baseline_seconds:.3f} s; ingest/baseline = {ingest_seconds / baseline_seconds:.0f}x"
    )
    print("ingest seconds per generator: " + ", ".join(f"{name} {ingest_time[name]:.2f}" for name in names))
    if extract is None:
        print(
            "extraction: not fuzzed ("
            + ("--no-extract" if args.no_extract else "quotediff.extract.extract_quotes not available")
            + ")"
        )
    else:
        print(f"extraction: {extract_seconds:.2f} s, {quotes_found} quotes from the articles read")
        print("extract seconds per generator: " + ", ".join(f"{name} {extract_time[name]:.2f}" for name in names))
    for crash in crashes[:5]:
        print("\n" + crash)
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
