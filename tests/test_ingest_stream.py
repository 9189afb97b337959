"""Ingest as a stream: partitions that join to what ``ingest`` returns, and JSONL read a record at a time."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import sys
from pathlib import Path

import numpy as np
import pytest

from quotediff.errors import InputError
from quotediff.ingest import (
    Ingested,
    IngestOptions,
    NoArticlesError,
    ingest,
    iter_ingest,
)
from quotediff.ingest.lines import CHUNK_BYTES, HEAD_BYTES
from quotediff.ingest.problems import SkippedInput
from quotediff.store import Store
from quotediff.store.indexer import add_articles, add_paths

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT / "fixtures" / "ingest_stream" / "archive.jsonl"


def joined(partitions: list[Ingested]) -> Ingested:
    return Ingested(
        articles=[a for p in partitions for a in p.articles],
        skipped=[s for p in partitions for s in p.skipped],
        duplicates=[d for p in partitions for d in p.duplicates],
    )


def records(path: Path) -> list[dict[str, str]]:
    """The fixture's records that parse, in file order."""
    parsed = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            parsed.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return parsed


@pytest.mark.parametrize("size", [1, 2, 3, 100])
def test_partitions_of_the_seeds_join_to_what_ingest_returns(seeds_dir, size):
    whole = ingest([str(seeds_dir)])
    partitions = list(iter_ingest([str(seeds_dir)], partition_articles=size))
    assert joined(partitions) == whole
    assert [len(p.articles) for p in partitions[:-1]] == [size] * (len(partitions) - 1)
    assert 1 <= len(partitions[-1].articles) <= size


def test_a_jsonl_archive_streams_with_its_duplicate_and_bad_lines_in_the_partition_where_met():
    whole = ingest([str(ARCHIVE)])
    partitions = list(iter_ingest([str(ARCHIVE)], partition_articles=2))
    streamed = joined(partitions)

    assert [a.id for a in streamed.articles] == [a.id for a in whole.articles]
    assert [a.text for a in streamed.articles] == [a.text for a in whole.articles]
    assert streamed.skipped == whole.skipped
    assert streamed.duplicates == whole.duplicates == [(f"{ARCHIVE}:9", "kursk-letter")]
    # the kept copy was handed over in the first partition, its duplicate met in the third
    assert [[a.id for a in p.articles] for p in partitions] == [
        ["jd-kim-letters", "kursk-letter"],
        ["motivated-troops", "desert-appeal"],
        ["diary", "diary-excerpt"],
    ]
    assert [s.path for s in partitions[1].skipped] == [f"{ARCHIVE}:4", f"{ARCHIVE}:5"]
    assert [s.kind for s in partitions[1].skipped] == ["malformed-json", "no-text"]
    assert partitions[2].duplicates == [(f"{ARCHIVE}:9", "kursk-letter")]


def test_a_late_duplicate_fills_metadata_in_ingest_but_not_in_a_partition_already_handed_over():
    """``ingest`` holds every article, so the resent copy's date reaches the kept one; a stream
    consumer has already stored the first partition, which keeps what the first copy said."""
    kept = next(a for a in ingest([str(ARCHIVE)]).articles if a.id == "kursk-letter")
    assert (kept.date, kept.metadata_source["date"]) == ("2025-02-20", "duplicate:json")

    first = next(iter_ingest([str(ARCHIVE)], partition_articles=2))
    streamed = next(a for a in first.articles if a.id == "kursk-letter")
    assert streamed.date is None and "date" not in streamed.metadata_source

    (one,) = iter_ingest([str(ARCHIVE)], partition_articles=100)  # same partition: filled as in ingest
    assert next(a for a in one.articles if a.id == "kursk-letter").date == "2025-02-20"


def test_texts_seen_in_an_earlier_partition_are_still_dropped_and_ids_kept_unique(tmp_path):
    """A folder of a file and a JSONL repeating its text and its id: the stream remembers both across partitions."""
    (tmp_path / "a").mkdir()
    letter = next(r for r in records(ARCHIVE) if r["id"] == "desert-appeal")
    (tmp_path / "a" / "desert-appeal.txt").write_text(letter["text"], encoding="utf-8")
    feed = [{"id": "desert-appeal", "text": r["text"]} for r in records(ARCHIVE) if "text" in r]
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps(r) for r in feed), encoding="utf-8")

    partitions = list(iter_ingest([str(tmp_path)], partition_articles=1))
    streamed = joined(partitions)
    assert streamed == ingest([str(tmp_path)])
    assert [a.id for a in streamed.articles][:3] == ["desert-appeal", "desert-appeal~2", "desert-appeal~3"]
    assert len({a.id for a in streamed.articles}) == len(streamed.articles) == 6
    feed_path = tmp_path / "b.jsonl"
    # line 4 repeats the .txt handed over in the first partition; line 6 repeats line 2
    assert streamed.duplicates == [(f"{feed_path}:4", "desert-appeal"), (f"{feed_path}:6", "desert-appeal~3")]


def test_a_jsonl_file_larger_than_max_bytes_is_read_record_by_record(tmp_path):
    """The limit is on each record: one over-long line is skipped, by its number, and the rest read."""
    lines = ARCHIVE.read_text(encoding="utf-8").splitlines()
    longest = max(len(line.encode("utf-8")) for line in lines)
    limit = sorted(len(line.encode("utf-8")) for line in lines)[-2]  # every record fits but the longest
    assert ARCHIVE.stat().st_size > limit

    result = ingest([str(ARCHIVE)], options=IngestOptions(max_bytes=limit))
    number = 1 + next(n for n, line in enumerate(lines) if len(line.encode("utf-8")) == longest)
    too_large = [s for s in result.skipped if s.kind == "too-large"]
    assert too_large == [
        SkippedInput(
            f"{ARCHIVE}:{number}",
            f"line {number} is {longest:,} bytes, over the {limit:,} bytes limit for one record (raise it with --max-bytes)",
            kind="too-large",
        )
    ]
    everything = ingest([str(ARCHIVE)])
    assert len(result.articles) == len(everything.articles) - 1


def test_other_files_over_max_bytes_are_still_skipped_whole(seeds_dir, tmp_path):
    seed = sorted(seeds_dir.glob("*.txt"))[0]
    limit = seed.stat().st_size - 1
    result = ingest([str(seed), str(ARCHIVE)], options=IngestOptions(max_bytes=limit))
    whole = [s for s in result.skipped if s.path == str(seed)]
    assert [s.kind for s in whole] == ["too-large"] and "raise it with --max-bytes" in whole[0].reason
    assert result.articles and all(len(a.text.encode("utf-8")) < limit for a in result.articles)


def big_archive(tmp_path: Path, copies: int, *, newline: str = "\n") -> tuple[Path, int]:
    """The fixture's records again and again under new ids (texts made distinct), past the detection head."""
    path = tmp_path / "big.jsonl"
    base = [r for r in records(ARCHIVE) if "text" in r and r["id"] != "kursk-letter-resent"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        for n in range(copies):
            for record in base:
                handle.write(json.dumps({**record, "id": f"{record['id']}-{n}", "text": f"{record['text']}\n[{n}]"}))
                handle.write(newline)
    return path, copies * len(base)


def test_an_archive_past_the_detection_head_and_over_many_chunks_reads_every_record(tmp_path):
    path, count = big_archive(tmp_path, 60)
    assert path.stat().st_size > HEAD_BYTES + 2 * CHUNK_BYTES
    partitions = list(iter_ingest([str(path)], partition_articles=64))
    streamed = joined(partitions)
    assert len(streamed.articles) == count and not streamed.skipped and not streamed.duplicates
    assert streamed == ingest([str(path)])
    assert streamed.articles[-1].id == "diary-excerpt-59" and streamed.articles[-1].text.endswith("\n[59]")


def test_an_over_long_record_spanning_chunks_is_passed_over_and_counted(tmp_path):
    path = tmp_path / "long.jsonl"
    long_text = " ".join(r["text"] for r in records(ARCHIVE) if "text" in r) * 12  # several chunks long
    lines = [json.dumps({"id": "before", "text": "First record."}), json.dumps({"id": "long", "text": long_text})]
    lines.append(json.dumps({"id": "after", "text": "Last record."}))
    path.write_text("\n".join(lines), encoding="utf-8")
    size = len(lines[1].encode("utf-8"))
    assert size > 3 * CHUNK_BYTES

    result = ingest([str(path)], options=IngestOptions(max_bytes=CHUNK_BYTES))
    assert [a.id for a in result.articles] == ["before", "after"]
    (skipped,) = result.skipped
    assert (skipped.path, skipped.kind) == (f"{path}:2", "too-large")
    assert skipped.reason.startswith(f"line 2 is {size:,} bytes, over the 65,536 bytes limit")


@pytest.mark.parametrize(("encoding", "newline"), [("utf-8", "\r\n"), ("utf-16", "\n"), ("utf-8-sig", "\r\n")])
def test_line_endings_and_unicode_encodings_read_as_the_plain_utf8_file(tmp_path, encoding, newline):
    text = ARCHIVE.read_text(encoding="utf-8")
    path = tmp_path / "archive.jsonl"
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    result, reference = ingest([str(path)]), ingest([str(ARCHIVE)])
    assert [(a.id, a.text, a.outlet) for a in result.articles] == [(a.id, a.text, a.outlet) for a in reference.articles]
    assert [(s.path.rsplit(":", 1)[1], s.reason) for s in result.skipped] == [
        (s.path.rsplit(":", 1)[1], s.reason) for s in reference.skipped
    ]


def test_a_large_utf16_archive_splits_lines_on_whole_characters(tmp_path):
    """Past the head each line is decoded alone: the byte order comes from the file's byte-order mark."""
    path, count = big_archive(tmp_path, 25)
    utf16 = tmp_path / "utf16.jsonl"
    utf16.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    assert utf16.stat().st_size > HEAD_BYTES
    result = ingest([str(utf16)])
    assert [a.text for a in result.articles] == [a.text for a in ingest([str(path)]).articles]
    assert len(result.articles) == count


def test_a_record_in_another_encoding_past_the_head_is_read_on_its_own(tmp_path):
    """Archives are appended from several sources: one Windows-1252 record costs nothing."""
    path, count = big_archive(tmp_path, 40)
    legacy = json.dumps({"id": "legacy", "text": "“We will not leave,” the mayor said — again."}, ensure_ascii=False)
    with path.open("ab") as handle:
        handle.write(legacy.encode("cp1252") + b"\n")
    result = ingest([str(path)])
    assert result.articles[-1].text == "“We will not leave,” the mayor said — again."
    assert len(result.articles) == count + 1 and not result.skipped


def test_undecodable_and_binary_archives_are_skipped_whole_as_before(tmp_path):
    empty, binary = tmp_path / "empty.jsonl", tmp_path / "photo.jsonl"
    empty.write_bytes(b"")
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    with pytest.raises(NoArticlesError) as raised:
        ingest([str(empty), str(binary)])
    assert [(s.path, s.kind) for s in raised.value.skipped] == [(str(empty), "empty"), (str(binary), "binary")]


def test_nothing_usable_in_a_stream_is_raised_once_all_input_was_read(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\nnot json\n', encoding="utf-8")
    stream = iter_ingest([str(bad)], partition_articles=1)
    with pytest.raises(NoArticlesError) as raised:
        next(stream)
    assert [s.path for s in raised.value.skipped] == [f"{bad}:1", f"{bad}:2"]
    with pytest.raises(InputError):
        iter_ingest([])


def test_progress_counts_files_as_the_stream_finishes_them(seeds_dir):
    seen: list[tuple[int, int | None]] = []
    stream = iter_ingest([str(seeds_dir)], partition_articles=2, on_progress=lambda *a: seen.append(a))
    first = next(stream)  # handed over as its second article is read: the second file is not finished
    assert len(first.articles) == 2 and seen == [(1, 5)]
    list(stream)
    assert seen == [(n, 5) for n in range(1, 6)]


def test_standard_input_jsonl_is_streamed_with_the_limit_on_each_record(monkeypatch):
    data = ARCHIVE.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    lines = data.decode("utf-8").splitlines()
    limit = sorted(len(line.encode("utf-8")) for line in lines)[-2]
    result = ingest(["-"], options=IngestOptions(max_bytes=limit))
    assert len(result.articles) == len(ingest([str(ARCHIVE)]).articles) - 1
    assert [s.kind for s in result.skipped] == ["malformed-json", "no-text", "too-large"]
    assert all(s.path.startswith("<stdin>:") for s in result.skipped)


class HashEmbedder:
    """A stand-in for the model: what the store writes does not depend on what the vectors mean."""

    name = "text-hash-8"

    def encode(self, texts):
        rows = [np.frombuffer(hashlib.sha256(t.encode("utf-8")).digest()[:8], dtype=np.uint8) for t in texts]
        vectors = np.array(rows, dtype=np.float32).reshape(len(texts), 8) + 1.0
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def stored_rows(db: Path) -> dict[str, list[tuple]]:
    """Every row the index writes, but the time it was written."""
    with sqlite3.connect(db) as connection:
        connection.row_factory = sqlite3.Row
        rows = {}
        for table in ("articles", "quotes", "units", "embeddings"):
            found = [dict(row) for row in connection.execute(f"SELECT * FROM {table}")]
            rows[table] = sorted((tuple((k, v) for k, v in row.items() if k != "added_at") for row in found), key=repr)
        return rows


def test_index_add_streams_partitions_into_the_store_as_one_batch_of_everything_did(seeds_dir, tmp_path):
    """``add_paths`` in partitions of two stores what ingesting everything first stored, article for article."""
    halves = (seeds_dir / "002_6ad989208b08722e.txt").read_text(encoding="utf-8").split("\n")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "first-half.txt").write_text("\n".join(halves[: len(halves) // 2]), encoding="utf-8")
    (tmp_path / "in" / "second-half.txt").write_text("\n".join(halves[len(halves) // 2 :]), encoding="utf-8")
    paths = [str(tmp_path / "in"), str(ARCHIVE)]
    with Store(str(tmp_path / "before.db"), create=True) as store:
        everything = ingest(paths)
        before = add_articles(store, everything.articles, embedder=HashEmbedder(), batch_size=3)
    progress: list[tuple[str, int, int]] = []
    with Store(str(tmp_path / "streamed.db"), create=True) as store:
        streamed = add_paths(
            store, paths, embedder=HashEmbedder(), batch_size=3, partition_articles=2, on_progress=lambda *a: progress.append(a)
        )
    assert (streamed.added, streamed.quotes, streamed.unquoted, streamed.units) == (
        before.added, before.quotes, before.unquoted, before.units
    )  # fmt: skip
    assert streamed.skipped == everything.skipped and streamed.added == 8
    assert [step for step in progress if step[0] == "reading"] == [("reading", n, 3) for n in range(1, 4)]
    added = [done for stage, done, _ in progress if stage == "added"]  # after each partition of at most two
    assert added == sorted(added) and added[-1] == 8 and len(added) >= 4

    old, new = stored_rows(tmp_path / "before.db"), stored_rows(tmp_path / "streamed.db")
    for table in ("quotes", "units", "embeddings"):
        assert new[table] == old[table], table
    # the one difference: the resent copy's date came after "kursk-letter" was written
    changed = [(dict(a), dict(b)) for a, b in zip(old["articles"], new["articles"]) if a != b]
    assert [(a["id"], a["date"], b["date"]) for a, b in changed] == [("kursk-letter", "2025-02-20", None)]

    with Store(str(tmp_path / "streamed.db")) as store:  # run again: everything is already there
        again = add_paths(store, paths, embedder=HashEmbedder(), partition_articles=2)
    assert (again.added, again.already_stored) == (0, 8)
