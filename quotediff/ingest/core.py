"""``ingest``: paths to articles, with every unusable input reported instead of lost."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from quotediff.errors import InputError
from quotediff.ingest.decode import decode_bytes
from quotediff.ingest.discover import discover
from quotediff.ingest.drafts import Batch
from quotediff.ingest.html import read_html
from quotediff.ingest.plain import read_plain
from quotediff.ingest.problems import SkippedInput, Unusable
from quotediff.ingest.records import looks_like_jsonl, read_json, read_jsonl, read_jsonl_text
from quotediff.ingest.sidecar import Sidecar, find_sidecar, lookup, read_sidecar
from quotediff.model import Article, Skipped

DEFAULT_MAX_BYTES = 20_000_000
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
    max_bytes: int = DEFAULT_MAX_BYTES  # larger files are skipped, not read
    field_map: dict[str, str] = field(default_factory=dict)  # JSON field name -> ours ("body" -> "text")
    encoding: str | None = None  # force one codec for every file instead of detecting it
    infer_metadata: bool = True  # read outlet, date, title... from what the text says
    deduplicate: bool = True  # drop articles whose normalised text was already read


@dataclass(slots=True)
class Ingested:
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
    only when nothing usable was given at all.
    """
    options = options or IngestOptions()
    if not paths:
        raise InputError("no input given: pass article files, folders, or - to read standard input")
    found = discover(list(paths))
    total = len(found.files) + int(found.stdin)
    batch = Batch(skipped=list(found.skipped))
    sidecars = _SidecarCache(batch.skipped)
    for done, path in enumerate(found.files, start=1):
        _absorb(batch, str(path), partial(_read_file, path, options, sidecars))
        if on_progress:
            on_progress(done, total)
    if found.stdin:
        _absorb(batch, STDIN_LOCATION, partial(_read_stdin, options))
        if on_progress:
            on_progress(total, total)
    result = _finish(batch, deduplicate=options.deduplicate)
    if not result.articles:
        raise NoArticlesError(_nothing_usable(list(paths), result.skipped), result.skipped)
    return result


def _absorb(batch: Batch, location: str, read: Callable[[], Batch]) -> None:
    try:
        got = read()
    except Unusable as problem:
        batch.skipped.append(problem.skipped(location))
        return
    except OSError as error:
        batch.skipped.append(SkippedInput(location, f"cannot read: {error.strerror or error}", kind="unreadable"))
        return
    batch.drafts.extend(got.drafts)
    batch.skipped.extend(got.skipped)


def _read_file(path: Path, options: IngestOptions, sidecars: _SidecarCache) -> Batch:
    size = path.stat().st_size
    if size > options.max_bytes:
        raise Unusable(
            "too-large",
            f"file is {_size(size)}, over the {_size(options.max_bytes)} limit (raise it with --max-bytes)",
        )
    data = path.read_bytes()
    location, suffix, infer = str(path), path.suffix.lower(), options.infer_metadata
    if suffix in _JSON_SUFFIXES:
        read = read_jsonl if suffix in _JSONL_SUFFIXES else read_json
        return read(
            data, location=location, stem=path.stem, field_map=options.field_map, encoding=options.encoding, infer=infer
        )
    sidecar = lookup(sidecars.get(path.parent), path)
    if suffix in _HTML_SUFFIXES or (suffix not in _TEXT_SUFFIXES and _looks_like_html(data)):
        draft = read_html(
            data, location=location, article_id=path.stem, sidecar=sidecar, encoding=options.encoding, infer=infer
        )
        return Batch([draft])
    text = decode_bytes(data, encoding=options.encoding).text
    if suffix not in _TEXT_SUFFIXES and looks_like_jsonl(text):  # a named file without a telling suffix
        return read_jsonl_text(text, location=location, stem=path.stem, field_map=options.field_map, infer=infer)
    return Batch([read_plain(text, location=location, article_id=path.stem, sidecar=sidecar, infer=infer)])


def _looks_like_html(data: bytes) -> bool:
    head = data[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _read_stdin(options: IngestOptions) -> Batch:
    """Standard input is JSONL when its first line is a JSON object, else one plain-text article."""
    data = sys.stdin.buffer.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        raise Unusable("too-large", f"standard input is over the {_size(options.max_bytes)} limit")
    text = decode_bytes(data, encoding=options.encoding).text
    if looks_like_jsonl(text):
        return read_jsonl_text(
            text, location=STDIN_LOCATION, stem="stdin", field_map=options.field_map, infer=options.infer_metadata
        )
    return Batch(
        [read_plain(text, location=STDIN_LOCATION, article_id="stdin", sidecar={}, infer=options.infer_metadata)]
    )


class _SidecarCache:
    """Each folder's sidecar, loaded once; a broken one is reported once and then ignored."""

    def __init__(self, skipped: list[SkippedInput]) -> None:
        self._loaded: dict[Path, Sidecar] = {}
        self._skipped = skipped

    def get(self, folder: Path) -> Sidecar:
        if folder not in self._loaded:
            self._loaded[folder] = {}
            path = find_sidecar(folder)
            try:
                self._loaded[folder] = read_sidecar(path) if path else {}
            except Unusable as problem:
                self._skipped.append(problem.skipped(str(path)))
            except OSError as error:
                self._skipped.append(
                    SkippedInput(str(path), f"cannot read: {error.strerror or error}", kind="unreadable")
                )
        return self._loaded[folder]


def _finish(batch: Batch, *, deduplicate: bool) -> Ingested:
    """Drop repeated texts (the first in path order is kept) and make every id unique.

    What a dropped copy knows and the kept one does not (say, the outlet a JSONL record
    names for a bare .txt) is carried over, marked ``duplicate:<source>``.
    """
    result = Ingested(articles=[], skipped=list(batch.skipped))
    kept_by_text: dict[str, Article] = {}
    used_ids: set[str] = set()
    for draft in batch.drafts:
        article = draft.article
        key = article.text.strip()
        kept = kept_by_text.get(key)
        if deduplicate and kept is not None:
            result.duplicates.append((draft.location, kept.id))
            _take_missing_metadata(kept, article)
            continue
        article.id = _unique(article.id, used_ids)
        kept_by_text.setdefault(key, article)
        result.articles.append(article)
    return result


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


def _size(size: int) -> str:
    return f"{size:,} bytes" if size < 1_000_000 else f"{size / 1_000_000:.1f} MB"
