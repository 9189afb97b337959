"""A byte stream's lines, one at a time: how a JSONL archive of any size is read in bounded memory.

The encoding is detected once, on the stream's first block (the whole stream when it is
shorter), exactly as :func:`~quotediff.ingest.decode.decode_bytes` decides it for a whole
file. Every line is then decoded on its own with that codec, so only one line is held at a
time, and a line longer than the limit is passed over without being kept.

Lines are numbered as in the decoded, normalised text (``\\r``, U+2028 and the other breaks
that :func:`~quotediff.ingest.decode.normalise_text` turns into ``\\n`` start a new line
there too), so ``file.jsonl:17`` names the same line whether the file was read whole or
streamed.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from quotediff.ingest.decode import STRAY_BYTES_REPLACED, decode_bytes, normalise_text
from quotediff.ingest.problems import Unusable, size_text

CHUNK_BYTES = 1 << 16
HEAD_BYTES = 1 << 20  # what encoding detection reads; a file up to this size is detected as a whole

# A numbered non-blank line (stripped), or why that line cannot be used.
NumberedLine = tuple[int, str | Unusable]

_BOM_ENDIANS: dict[str, tuple[tuple[bytes, str], ...]] = {
    "utf-16": ((codecs.BOM_UTF16_LE, "le"), (codecs.BOM_UTF16_BE, "be")),
    "utf-32": ((codecs.BOM_UTF32_LE, "le"), (codecs.BOM_UTF32_BE, "be")),
}


@dataclass(frozen=True, slots=True)
class LineCodec:
    """How each line's bytes become text."""

    name: str  # a Python codec that needs no byte-order mark (utf-16-le, not utf-16)
    errors: str  # "replace" when detection found UTF-8 with a few stray bytes
    newline: bytes  # "\n" in this codec
    carriage_return: bytes  # "\r" in this codec: the first half of a "\r\n" line break
    skip: int  # bytes of byte-order mark before the first line


def numbered_lines(chunks: Iterable[bytes], *, encoding: str | None, max_line_bytes: int) -> Iterator[NumberedLine]:
    """The stream's non-blank lines, stripped and normalised, each with its line number.

    Raises :class:`Unusable` when the stream as a whole is no text (empty, binary, undecodable
    first block); a single line that is too long or undecodable is yielded as an ``Unusable``
    under its number, and reading goes on.
    """
    stream = iter(chunks)
    head = _head(stream)
    codec = _line_codec(head, encoding)
    number = 0
    for raw in _byte_lines(_rejoined(head[codec.skip :], stream), codec, max_line_bytes):
        if isinstance(raw, int):
            number += 1
            yield number, Unusable(
                "too-large",
                f"line {number} is {size_text(raw)}, over the {size_text(max_line_bytes)} limit for one record "
                "(raise it with --max-bytes)",
            )
            continue
        try:
            text = _decode_line(raw, codec, encoding)
        except Unusable as problem:
            number += 1
            yield number, Unusable(problem.kind, f"line {number}: {problem.reason}")
            continue
        for piece in text.split("\n"):
            number += 1
            if piece.strip():
                yield number, piece.strip()


def _head(stream: Iterator[bytes]) -> bytes:
    parts: list[bytes] = []
    size = 0
    for chunk in stream:
        parts.append(chunk)
        size += len(chunk)
        if size >= HEAD_BYTES:
            break
    return b"".join(parts)


def _rejoined(head: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield head
    yield from rest


def _line_codec(head: bytes, encoding: str | None) -> LineCodec:
    """The codec :func:`decode_bytes` chooses for the first block, as one that can decode any line alone."""
    used = decode_bytes(complete_lines(head), encoding=encoding).encoding
    errors = "strict"
    if used == STRAY_BYTES_REPLACED:
        used, errors = "utf-8", "replace"
    name, skip = codecs.lookup(used).name, 0
    if name == "utf-8-sig":
        name, skip = "utf-8", len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
    if name in _BOM_ENDIANS:  # a line in the middle has no byte-order mark to tell its byte order
        bom, endian = next(((b, e) for b, e in _BOM_ENDIANS[name] if head.startswith(b)), (b"", "le"))
        name, skip = f"{name}-{endian}", len(bom)
    return LineCodec(name, errors, "\n".encode(name), "\r".encode(name), skip)


def complete_lines(head: bytes) -> bytes:
    """The head cut after its last line break, so that detection never sees half a character.

    The zero bytes after ``\\n`` belong to it in UTF-16LE and UTF-32LE. A head without any
    line break (a first record longer than the head) is used as it is.
    """
    if len(head) < HEAD_BYTES:
        return head
    newline = head.rfind(b"\n")
    if newline < 0:
        return head
    cut = newline + 1
    while cut < min(len(head), newline + 4) and head[cut] == 0:
        cut += 1
    return head[:cut]


def _byte_lines(chunks: Iterable[bytes], codec: LineCodec, max_line_bytes: int) -> Iterator[bytes | int]:
    """Each line's bytes without its line break; for a line over ``max_line_bytes``, its size instead.

    A newline sequence found off the code-unit grid (UTF-16/32) is inside a character, not a break.
    """
    width = len(codec.newline)
    pending = bytearray()  # the current line's bytes so far, from its first byte
    searched = 0  # pending holds no line break before this (so a long line is not searched again and again)
    overflow = 0  # bytes of an over-long line passed over so far
    for chunk in chunks:
        pending += chunk
        start = 0
        while (end := _find_newline(pending, codec.newline, start, max(start, searched))) >= 0:
            if overflow:
                yield overflow + end - start
                overflow = 0
            elif end - start > max_line_bytes:
                yield end - start
            else:
                yield bytes(pending[start:end])
            start = end + width
        del pending[:start]
        if overflow or len(pending) > max_line_bytes:  # keep the line's size, not its bytes
            dropped = len(pending) - len(pending) % width  # whole code units, so the grid stays
            overflow += dropped
            del pending[:dropped]
        searched = max(0, len(pending) - width + 1)  # a break may begin in the last bytes
    if overflow:
        yield overflow + len(pending)
    elif len(pending) > max_line_bytes:
        yield len(pending)
    elif pending:
        yield bytes(pending)


def _find_newline(data: bytearray, newline: bytes, line_start: int, search_from: int) -> int:
    """The next line break at or after ``search_from`` that lies on the code-unit grid of the line."""
    width = len(newline)
    found = data.find(newline, search_from)
    while found >= 0 and (found - line_start) % width:
        found = data.find(newline, found + 1)
    return found


def _decode_line(raw: bytes, codec: LineCodec, forced: str | None) -> str:
    """One line's normalised text; a line the file's codec cannot read is detected on its own.

    Archives are often files of several sources appended together, so one record in another
    encoding costs that record, not the file. A forced encoding is not second-guessed.
    """
    raw = raw.removesuffix(codec.carriage_return)
    try:
        text = raw.decode(codec.name, errors=codec.errors)
    except UnicodeDecodeError as error:
        if forced:
            raise Unusable(
                "undecodable", f"not valid {forced} at byte {error.start}; drop the forced encoding to detect it"
            ) from error
        return decode_bytes(raw).text
    return normalise_text(text)
