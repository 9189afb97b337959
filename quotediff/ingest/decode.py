"""Bytes to the text every later stage sees: detected encoding, NFC, ``\\n`` newlines.

Offsets in quotediff refer to the string returned by :func:`normalise_text`, so every
transformation of the text happens here, once, before anything reads it.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

import charset_normalizer

from quotediff.ingest.problems import Unusable

# Leading bytes of formats that are certainly not text, with the name a user recognises.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a zip archive, or an Office or EPUB document"),
    (b"PK\x05\x06", "an empty zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg media file"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)

# UTF-32 first: its little-endian BOM begins with the UTF-16 one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Legacy encodings that news text in this domain arrives in; charset-normalizer chooses
# among these (plus UTF-16/32 without BOM) rather than among every codec Python knows,
# which keeps short Cyrillic or Korean texts from being read as, say, mac_greek.
LEGACY_ENCODINGS: tuple[str, ...] = (
    "cp1251",
    "koi8_r",
    "koi8_u",
    "euc_kr",
    "cp949",
    "cp1252",
    "latin_1",
    "iso8859_5",
    "shift_jis",
    "gb18030",
    "big5",
    "utf_16",
    "utf_32",
)

_DOMAIN_ORDER = {encoding: rank for rank, encoding in enumerate(LEGACY_ENCODINGS)}
_CHAOS_TIE = 0.01
_COHERENCE_TIE = 0.1
# cp1252 (and cp1251) bytes for … ‘ ’ “ ” • – — ™ and the no-break space
_WINDOWS_PUNCTUATION = frozenset({0x85, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x99, 0xA0})
_MAX_CONTROL_RATIO = 0.05
_MIN_BINARY_CONTROLS = 4
_MIN_UTF16_BYTES = 16  # below this a zero byte is no evidence of UTF-16
_MAX_STRAY_BYTES_RATIO = 0.01
STRAY_BYTES_REPLACED = "utf-8 (stray bytes replaced)"  # the encoding named for UTF-8 with a few bad bytes
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_LONE_SURROGATES = re.compile(r"[\ud800-\udfff]")  # only JSON escapes can produce them
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0c\x85\u2028\u2029]")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str  # normalised: NFC, "\n" newlines, no control characters
    encoding: str


def binary_kind(data: bytes) -> str | None:
    """Name the binary format ``data`` starts with, or ``None`` when it may be text."""
    for signature, name in _SIGNATURES:
        if data.startswith(signature):
            return name
    if data[4:8] == b"ftyp":
        return "an MP4/MOV/HEIC media file"
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "a RIFF media file (WebP/WAV/AVI)"
    return None


def decode_bytes(data: bytes, *, encoding: str | None = None, html: bool = False) -> Decoded:
    """Decode file content to normalised text, or raise :class:`Unusable` saying why not.

    ``encoding`` forces a codec; ``html`` lets a ``<meta charset>`` declaration decide
    before detection does.
    """
    if not data:
        raise Unusable("empty", "empty file (0 bytes)")
    if not data.strip():
        raise Unusable("empty", "empty file (only whitespace)")
    kind = binary_kind(data)
    if kind:
        raise Unusable("binary", f"binary file ({kind}), not text")
    if encoding:
        return _decode_forced(data, encoding)
    text, used = _decode_detected(data, html=html)
    if _looks_binary(text):
        raise Unusable("binary", "binary data (control bytes throughout), not text")
    normalised = normalise_text(text)
    if not normalised.strip():
        raise Unusable("empty", "empty file (only whitespace or control characters)")
    return Decoded(normalised, used)


def normalise_text(text: str) -> str:
    """The canonical form of article text: ``\\n`` line breaks, NFC, no stray control characters.

    Lone surrogates (from JSON escapes) become U+FFFD so that the text can always be written as UTF-8.
    """
    text = text.lstrip("\ufeff")
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROL_CHARS.sub("", text)
    text = _LONE_SURROGATES.sub("\ufffd", text)
    return unicodedata.normalize("NFC", text)


def _decode_forced(data: bytes, encoding: str) -> Decoded:
    try:
        text = data.decode(encoding)
    except LookupError as error:
        raise Unusable(
            "undecodable", f"unknown encoding {encoding!r} (use a Python codec name such as cp1251)"
        ) from error
    except UnicodeDecodeError as error:
        raise Unusable(
            "undecodable", f"not valid {encoding} at byte {error.start}; drop the forced encoding to detect it"
        ) from error
    return Decoded(normalise_text(text), encoding)


def _decode_detected(data: bytes, *, html: bool) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as error:
                raise Unusable(
                    "undecodable", f"starts with a {codec} byte-order mark but is not valid {codec}"
                ) from error
    bomless = _bomless_utf16(data)
    if bomless:
        return bomless
    if b"\x00" in data:
        raise Unusable("binary", "binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        first_bad = error.start
    if html:
        declared = _declared_charset(data)
        if declared:
            return declared
    if _only_windows_punctuation(data):
        return data.decode("cp1252"), "cp1252"
    matches = list(charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)))
    if matches:
        best = _domain_choice(matches)
        return str(best), best.encoding
    return _mostly_utf8(data, first_bad)


def _only_windows_punctuation(data: bytes) -> bool:
    """ASCII text whose only other bytes are Windows smart quotes, dashes, ellipses or no-break spaces.

    Those bytes mean the same in cp1252 and cp1251, and a multi-byte encoding would need
    lead and trail bytes in pairs; detectors guess wildly on so little evidence.
    """
    return all(byte < 0x80 or byte in _WINDOWS_PUNCTUATION for byte in data)


def _domain_choice(matches: list[charset_normalizer.CharsetMatch]) -> charset_normalizer.CharsetMatch:
    """Among readings about as clean as the best, prefer this domain's encodings (Cyrillic, Korean, Western).

    English text with a few EUC-KR quote marks reads as cleanly in Big5; a Korean source is likelier here.
    """
    best = matches[0]
    close = [
        match
        for match in matches
        if match.chaos <= best.chaos + _CHAOS_TIE and match.coherence >= best.coherence - _COHERENCE_TIE
    ]
    return min(close, key=lambda match: _DOMAIN_ORDER.get(match.encoding, len(_DOMAIN_ORDER)))


def _mostly_utf8(data: bytes, first_bad: int) -> tuple[str, str]:
    """UTF-8 with a few stray bytes (a pasted fragment, a cut file) keeps its text; the strays become U+FFFD."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    if replaced <= _MAX_STRAY_BYTES_RATIO * len(data):
        return text, STRAY_BYTES_REPLACED
    raise Unusable(
        "undecodable",
        f"undecodable bytes (the first at byte {first_bad}): neither UTF-8 nor a known legacy encoding; "
        "re-save it as UTF-8 or force one with --encoding",
    )


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a byte-order mark: its zero bytes (spaces, Latin letters) sit on one side.

    Accepted only when the zeros keep to one byte parity and the decoded text is printable,
    which random binary data almost never is.
    """
    sample = data[:4096]
    if len(sample) < _MIN_UTF16_BYTES or len(data) % 2:
        return None
    half = len(sample) // 2
    even_zeros, odd_zeros = sample[0::2].count(0), sample[1::2].count(0)
    for codec, zeros, other in (("utf-16-le", odd_zeros, even_zeros), ("utf-16-be", even_zeros, odd_zeros)):
        if zeros >= 0.1 * half and other <= 0.1 * zeros:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text[:2000])
            return (text, codec) if printable >= 0.97 * len(text[:2000]) else None
    return None


def _declared_charset(data: bytes) -> tuple[str, str] | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    codec = match.group(1).decode("ascii").lower()
    try:
        return data.decode(codec), codec
    except (LookupError, UnicodeDecodeError):
        return None


def _looks_binary(text: str) -> bool:
    """Control characters throughout: a few in a short text are noise, not a binary format."""
    sample = text[:20000]
    controls = len(_CONTROL_CHARS.findall(sample))
    return controls >= _MIN_BINARY_CONTROLS and controls > _MAX_CONTROL_RATIO * len(sample)
