"""JSON and JSONL articles: one article per object, ``text`` plus optional metadata fields.

Fields are ``text, title, outlet, url, date, author, language, id``; ``field_map``
renames a source's own fields to these (``{"body": "text", "source.name": "outlet"}``,
a dotted name reaching into a nested object). A ``.json`` file holds one object, a
list of them, or an object wrapping one such list (``{"articles": [...]}``); a JSONL line that is not an
object with text is skipped on its own, as ``file.jsonl:17``.

Every reader yields its articles and skipped records one by one, in the order of the
source, so that a JSONL file is never held whole in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping

from quotediff.ingest.decode import decode_bytes, normalise_text
from quotediff.ingest.drafts import Draft, Read, fill_metadata
from quotediff.ingest.lines import NumberedLine, numbered_lines
from quotediff.ingest.problems import SkippedInput, Unusable
from quotediff.model import Article

RECORD_FIELDS = frozenset({"text", "title", "outlet", "url", "date", "author", "language", "id"})


# (location shown to the user, default article id, how a message names it, the parsed value)
_Item = tuple[str, str, str, object]


def read_json(
    data: bytes, *, location: str, stem: str, field_map: Mapping[str, str], encoding: str | None, infer: bool
) -> Iterator[Read]:
    text = decode_bytes(data, encoding=encoding).text
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data" and looks_like_jsonl(text):
            return read_jsonl_text(text, location=location, stem=stem, field_map=field_map, infer=infer)
        raise Unusable(
            "malformed-json", f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from error
    listed = parsed if isinstance(parsed, list) else _wrapped_list(parsed, field_map)
    if listed is not None:
        items = ((f"{location}:{n}", f"{stem}:{n}", f"item {n}", item) for n, item in enumerate(listed, start=1))
        return _records(items, location, field_map, infer)
    return _records([(location, stem, "the file", parsed)], location, field_map, infer)


def _wrapped_list(parsed: object, field_map: Mapping[str, str]) -> list[object] | None:
    """The article list of an API response such as ``{"status": "ok", "articles": [...]}``.

    Taken only when the object is no article itself and exactly one of its values is a
    list of objects, so there is no choice to guess at.
    """
    if not isinstance(parsed, dict) or "text" in _renamed(parsed, field_map):
        return None
    lists = [value for value in parsed.values() if isinstance(value, list) and value]
    if len(lists) == 1 and all(isinstance(item, dict) for item in lists[0]):
        return lists[0]
    return None


def read_jsonl_stream(
    chunks: Iterable[bytes],
    *,
    location: str,
    stem: str,
    field_map: Mapping[str, str],
    encoding: str | None,
    infer: bool,
    max_record_bytes: int,
) -> Iterator[Read]:
    """JSONL from a byte stream, one record at a time: memory is bounded by the longest record, not the file."""
    lines = numbered_lines(chunks, encoding=encoding, max_line_bytes=max_record_bytes)
    return _jsonl_records(lines, location=location, stem=stem, field_map=field_map, infer=infer)


def read_jsonl_text(
    text: str, *, location: str, stem: str, field_map: Mapping[str, str], infer: bool
) -> Iterator[Read]:
    """JSONL already decoded as a whole (standard input, a file named without a telling suffix)."""
    return _jsonl_records(_numbered_lines(text), location=location, stem=stem, field_map=field_map, infer=infer)


def _jsonl_records(
    lines: Iterable[NumberedLine], *, location: str, stem: str, field_map: Mapping[str, str], infer: bool
) -> Iterator[Read]:
    for number, line in lines:
        where = f"{location}:{number}"
        if isinstance(line, Unusable):
            yield line.skipped(where)
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            problem = f"{error.msg.removesuffix(' at')} at column {error.colno}"
            reason = f"line {number} is not JSON ({problem}); fix or remove it"
            yield SkippedInput(where, reason, kind="malformed-json")
            continue
        yield from _records([(where, f"{stem}:{number}", f"line {number}", value)], location, field_map, infer)


def looks_like_jsonl(text: str) -> bool:
    """True when the first non-blank line is a JSON object on its own (JSONL, not prose)."""
    for _, line in _numbered_lines(text):
        if not line.startswith("{"):
            return False
        try:
            return isinstance(json.loads(line), dict)
        except json.JSONDecodeError:
            return False
    return False


def _records(items: Iterable[_Item], path: str, field_map: Mapping[str, str], infer: bool) -> Iterator[Read]:
    for location, default_id, label, value in items:
        try:
            article, metadata = _article(value, label, default_id, field_map)
        except Unusable as problem:
            yield problem.skipped(location)
            continue
        article.path = path
        fill_metadata(article, [(metadata, "json")], infer=infer)
        yield Draft(location, article)


def _article(
    value: object, label: str, default_id: str, field_map: Mapping[str, str]
) -> tuple[Article, dict[str, str]]:
    """The article a parsed JSON value holds, and its metadata fields."""
    if not isinstance(value, dict):
        kind = type(value).__name__
        raise Unusable("malformed-json", f"{label} is a JSON {kind}, not an object with a 'text' field")
    fields = _renamed(value, field_map)
    text = fields.get("text")
    if isinstance(text, str) and not normalise_text(text).strip():
        raise Unusable("no-text", f"{label} has an empty 'text'")
    if not isinstance(text, str):
        names = ", ".join(sorted(map(str, value))[:8]) or "none"
        raise Unusable(
            "no-text", f"{label} has no 'text' (fields: {names}); map another field to it, e.g. --field body=text"
        )
    article = Article(id=_scalar(fields.get("id")) or default_id, text=normalise_text(text))
    metadata = {key: _scalar(fields.get(key)) for key in RECORD_FIELDS - {"text", "id"}}
    return article, {key: item for key, item in metadata.items() if item}


def _renamed(value: dict[str, object], field_map: Mapping[str, str]) -> dict[str, object]:
    """Fields under our names; a dotted source name reaches into nested objects ("source.name")."""
    fields = {field_map.get(str(key), str(key)): item for key, item in value.items()}
    for source, ours in field_map.items():
        if "." in source and source not in value:
            nested = _dig(value, source.split("."))
            if nested is not None:
                fields[ours] = nested
    return fields


def _dig(value: object, keys: list[str]) -> object:
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _scalar(value: object) -> str:
    """A metadata value as text; nested objects, lists and booleans are not metadata."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return ""
    return normalise_text(str(value)).strip()


def _numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield number, line.strip()
