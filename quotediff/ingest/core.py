"""``ingest``: paths to articles, with every unusable input reported instead of lost."""

from __future__ import annotations

import hashlib
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path

from quotediff.errors import InputError
from quotediff.ingest.decode import decode_bytes
from quotediff.ingest.discover import Found, discover
from quotediff.ingest.drafts import Draft, Read
from quotediff.ingest.html import read_html
from quotediff.ingest.lines import CHUNK_BYTES, HEAD_BYTES, complete_lines
from quotediff.ingest.plain import read_plain
from quotediff.ingest.problems import SkippedInput, Unusable, size_text
from quotediff.ingest.records import looks_like_jsonl, read_json, read_jsonl_stream, read_jsonl_text
from quotediff.ingest.sidecar import Sidecar, find_sidecar, lookup, read_sidecar
from quotediff.model import Article, Skipped

DEFAULT_MAX_BYTES = 20_000_000  # of a file, or of one record of a JSONL file
DEFAULT_PARTITION_ARTICLES = 1000  # a few MB of typical news text per partition
STDIN_LOCATION = "<stdin>"
_TEXT_SUFFIXES = (".txt", ".text", ".md")
_HTML_SUFFIXES = (".html", ".htm")
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_JSON_SUFFIXES = (".json", *_JSONL_SUFFIXES)

ProgressCallback = Callable[[int, int | None], None]


class NoArticlesError(InputError):
    """Nothing usable was given; ``skipped`` says what each input was and why it was not used."""

    def __init__(self, message: str, skipped: list[Skipped]) -> None:
        super().__init__(message)
        self.skipped = skipped


@dataclass(kw_only=True, slots=True)
class IngestOptions:
    max_bytes: int = DEFAULT_MAX_BYTES  # larger files (JSONL: records) are skipped, not read
    field_map: dict[str, str] = field(default_factory=dict)  # JSON field name -> ours ("body" -> "text")
    encoding: str | None = None  # force one codec for every file instead of detecting it
    infer_metadata: bool = True  # read outlet, date, title... from what the text says
    deduplicate: bool = True  # drop articles whose normalised text was already read


@dataclass(slots=True)
class Ingested:
    """What :func:`ingest` read, or one partition of it from :func:`iter_ingest`."""

    articles: list[Article]
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (dropped location, kept article id)

    def skipped_counts(self) -> dict[str, int]:
        return skipped_counts(self.skipped)


def skipped_counts(skipped: Sequence[Skipped]) -> dict[str, int]:
    """How many inputs were skipped for each kind of problem ("missing", "binary", ...)."""
    return dict(Counter(getattr(item, "kind", "other") for item in skipped))


def ingest(
    paths: Sequence[str], *, options: IngestOptions | None = None, on_progress: ProgressCallback | None = None
) -> Ingested:
    """Read articles from files, folders (recursively) and ``-`` (standard input).

    Problems with single inputs become ``Skipped`` entries; :class:`InputError` is raised
    only when nothing usable was given at all. This is :func:`iter_ingest` gathered into
    one result; a later duplicate's metadata reaches its kept article wherever it was met.
    """
    result = Ingested(articles=[])
    for partition in _partitions(paths, options, on_progress, partition_articles=None):
        result.articles.extend(partition.articles)
        result.skipped.extend(partition.skipped)
        result.duplicates.extend(partition.duplicates)
    return result


def iter_ingest(
    paths: Sequence[str],
    *,
    options: IngestOptions | None = None,
    partition_articles: int = DEFAULT_PARTITION_ARTICLES,
    on_progress: ProgressCallback | None = None,
) -> Iterator[Ingested]:
    """:func:`ingest` as a stream of partitions of at most ``partition_articles`` articles.

    The partitions, joined, are what :func:`ingest` returns: the same articles under the same
    ids in the same order, each skipped input and each dropped duplicate in the partition
    where it was met (the last partition may hold no article). Memory is bounded by one
    partition plus, for every kept article, a text digest and its id (to drop duplicates
    and keep ids unique across partitions). Input is checked and folders are walked at the
    call; files are read as partitions are taken, and ``on_progress(files done, files found)``
    is called as each file is finished. :class:`NoArticlesError` comes once all input was
    read without a usable article.

    A duplicate's metadata fills what its kept article lacks only while that article's
    partition has not been handed over: a consumer that stores each partition as it comes
    (``quotediff index add``) keeps the first copy's metadata, and the later duplicate is
    still listed in ``duplicates``.
    """
    if partition_articles < 1:
        raise ValueError(f"partition_articles must be at least 1, not {partition_articles}")
    return _partitions(paths, options, on_progress, partition_articles=partition_articles)


def _partitions(
    paths: Sequence[str],
    options: IngestOptions | None,
    on_progress: ProgressCallback | None,
    *,
    partition_articles: int | None,
) -> Iterator[Ingested]:
    """The one code path of both forms; ``partition_articles=None`` is a single partition of everything."""
    options = options or IngestOptions()
    if not paths:
        raise InputError("no input given: pass article files, folders, or - to read standard input")
    found = discover(list(paths))
    reads = _reads(found, options, on_progress)
    dedup = _Deduplicator(deduplicate=options.deduplicate)
    return _partitioned(reads, dedup, list(found.skipped), list(paths), partition_articles)


def _partitioned(
    reads: Iterator[Read],
    dedup: _Deduplicator,
    skipped: list[Skipped],
    paths: list[str],
    partition_articles: int | None,
) -> Iterator[Ingested]:
    partition = Ingested(articles=[], skipped=skipped)
    for read in reads:
        if isinstance(read, SkippedInput):
            partition.skipped.append(read)
        else:
            dedup.take(read, partition)
        if partition_articles is not None and len(partition.articles) >= partition_articles:
            yield partition
            dedup.handed_over()
            partition = Ingested(articles=[])
    if not dedup.kept_any:  # nothing was handed over yet: every problem is in this partition
        raise NoArticlesError(_nothing_usable(paths, partition.skipped), partition.skipped)
    if partition.articles or partition.skipped or partition.duplicates:
        yield partition


def _reads(found: Found, options: IngestOptions, on_progress: ProgressCallback | None) -> Iterator[Read]:
    """Every input's articles and problems, in path order, standard input last."""
    total = len(found.files) + int(found.stdin)
    sidecars = _SidecarCache()
    for done, path in enumerate(found.files, start=1):
        yield from _guarded(str(path), _read_file(path, options, sidecars))
        if on_progress:
            on_progress(done, total)
    if found.stdin:
        yield from _guarded(STDIN_LOCATION, _read_stdin(options))
        if on_progress:
            on_progress(total, total)


def _guarded(location: str, reads: Iterator[Read]) -> Iterator[Read]:
    """A reader's output, ended by a ``Skipped`` entry for the input when it fails midway."""
    try:
        yield from reads
    except Unusable as problem:
        yield problem.skipped(location)
    except OSError as error:
        yield SkippedInput(location, f"cannot read: {error.strerror or error}", kind="unreadable")


def _read_file(path: Path, options: IngestOptions, sidecars: _SidecarCache) -> Iterator[Read]:
    location, suffix, infer = str(path), path.suffix.lower(), options.infer_metadata
    if suffix in _JSONL_SUFFIXES:  # read a record at a time, so the limit is on each record
        with path.open("rb") as stream:
            yield from read_jsonl_stream(
                iter(partial(stream.read, CHUNK_BYTES), b""),
                location=location,
                stem=path.stem,
                field_map=options.field_map,
                encoding=options.encoding,
                infer=infer,
                max_record_bytes=options.max_bytes,
            )
        return
    size = path.stat().st_size
    if size > options.max_bytes:
        raise Unusable(
            "too-large",
            f"file is {size_text(size)}, over the {size_text(options.max_bytes)} limit (raise it with --max-bytes)",
        )
    data = path.read_bytes()
    if suffix in _JSON_SUFFIXES:
        yield from read_json(
            data, location=location, stem=path.stem, field_map=options.field_map, encoding=options.encoding, infer=infer
        )
        return
    sidecar, problems = sidecars.get(path.parent)
    yield from problems
    if suffix in _HTML_SUFFIXES or (suffix not in _TEXT_SUFFIXES and _looks_like_html(data)):
        sidecar_values = lookup(sidecar, path)
        yield read_html(
            data, location=location, article_id=path.stem, sidecar=sidecar_values, encoding=options.encoding, infer=infer
        )
        return
    text = decode_bytes(data, encoding=options.encoding).text
    if suffix not in _TEXT_SUFFIXES and looks_like_jsonl(text):  # a named file without a telling suffix
        yield from read_jsonl_text(text, location=location, stem=path.stem, field_map=options.field_map, infer=infer)
        return
    yield read_plain(text, location=location, article_id=path.stem, sidecar=lookup(sidecar, path), infer=infer)


def _looks_like_html(data: bytes) -> bool:
    head = data[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _read_stdin(options: IngestOptions) -> Iterator[Read]:
    """Standard input is JSONL when its first line is a JSON object, else one plain-text article.

    JSONL is streamed a record at a time (``cat archive.jsonl | quotediff ...``); plain text
    is read whole, up to the size limit.
    """
    stdin = sys.stdin.buffer
    head = stdin.read(HEAD_BYTES)
    if _starts_jsonl(head, options.encoding):
        yield from read_jsonl_stream(
            chain([head], iter(partial(stdin.read, CHUNK_BYTES), b"")),
            location=STDIN_LOCATION,
            stem="stdin",
            field_map=options.field_map,
            encoding=options.encoding,
            infer=options.infer_metadata,
            max_record_bytes=options.max_bytes,
        )
        return
    data = head + stdin.read(max(options.max_bytes + 1 - len(head), 0))
    if len(data) > options.max_bytes:
        raise Unusable("too-large", f"standard input is over the {size_text(options.max_bytes)} limit")
    text = decode_bytes(data, encoding=options.encoding).text
    yield read_plain(text, location=STDIN_LOCATION, article_id="stdin", sidecar={}, infer=options.infer_metadata)


def _starts_jsonl(head: bytes, encoding: str | None) -> bool:
    """Whether the first line of the head is a JSON object (problems with the text are reported later)."""
    try:
        return looks_like_jsonl(decode_bytes(complete_lines(head), encoding=encoding).text)
    except Unusable:
        return False


class _SidecarCache:
    """Each folder's sidecar, loaded once; a broken one is reported once and then ignored."""

    def __init__(self) -> None:
        self._loaded: dict[Path, Sidecar] = {}

    def get(self, folder: Path) -> tuple[Sidecar, list[SkippedInput]]:
        """The folder's sidecar, and the problem with it the first time it is asked for."""
        if folder in self._loaded:
            return self._loaded[folder], []
        self._loaded[folder] = {}
        path = find_sidecar(folder)
        try:
            self._loaded[folder] = read_sidecar(path) if path else {}
        except Unusable as problem:
            return {}, [problem.skipped(str(path))]
        except OSError as error:
            return {}, [SkippedInput(str(path), f"cannot read: {error.strerror or error}", kind="unreadable")]
        return self._loaded[folder], []


class _Deduplicator:
    """Drops repeated texts (the first in path order is kept) and makes every id unique.

    Texts are remembered by digest, so that a stream keeps only a few dozen bytes per kept
    article. What a dropped copy knows and the kept one does not (say, the outlet a JSONL
    record names for a bare .txt) is carried over, marked ``duplicate:<source>``, while the
    kept article is at hand: in the partition not yet handed over (``ingest`` has only one).
    """

    def __init__(self, *, deduplicate: bool) -> None:
        self._deduplicate = deduplicate
        self._at_hand: dict[bytes, Article] = {}  # digest -> kept article of the current partition
        self._handed_over: dict[bytes, str] = {}  # digest -> kept id
        self._used_ids: set[str] = set()
        self.kept_any = False

    def take(self, draft: Draft, partition: Ingested) -> None:
        article = draft.article
        digest = _digest(article.text)
        kept = self._at_hand.get(digest)
        kept_id = kept.id if kept is not None else self._handed_over.get(digest)
        if self._deduplicate and kept_id is not None:
            partition.duplicates.append((draft.location, kept_id))
            if kept is not None:
                _take_missing_metadata(kept, article)
            return
        article.id = _unique(article.id, self._used_ids)
        if kept_id is None:
            self._at_hand[digest] = article
        partition.articles.append(article)
        self.kept_any = True

    def handed_over(self) -> None:
        """The current partition went to the consumer: forget its articles, keep their digests and ids."""
        self._handed_over.update((digest, article.id) for digest, article in self._at_hand.items())
        self._at_hand.clear()


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.strip().encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _take_missing_metadata(kept: Article, dropped: Article) -> None:
    for key, source in dropped.metadata_source.items():
        if getattr(kept, key) is None and getattr(dropped, key) is not None:
            setattr(kept, key, getattr(dropped, key))
            kept.metadata_source[key] = f"duplicate:{source}"


def _unique(article_id: str, used: set[str]) -> str:
    candidate, n = article_id, 1
    while candidate in used:
        n += 1
        candidate = f"{article_id}~{n}"
    used.add(candidate)
    return candidate


def _nothing_usable(paths: list[str], skipped: list[Skipped]) -> str:
    if not skipped:
        return f"no articles in {', '.join(paths)}"
    first = skipped[0]
    more = f" (and {len(skipped) - 1} more skipped)" if len(skipped) > 1 else ""
    return f"no usable articles: {first.path}: {first.reason}{more}"

