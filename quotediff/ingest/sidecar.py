"""Sidecar metadata: ``articles.csv`` or ``articles.json`` beside plain-text articles.

A sidecar maps a file name (``000_x.txt``, or its stem ``000_x``) to any of
``outlet, url, date, title, author, language``. Its values win over what
:mod:`quotediff.ingest.infer` reads from the text, because a person wrote them.

``articles.json`` is either ``{"000_x.txt": {"outlet": ...}, ...}`` or a list of
objects with a ``file`` key. ``articles.csv`` has a header with a ``file`` column.
Keys starting with ``_`` and a ``note`` key are comments for the reader and ignored.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from quotediff.ingest.decode import decode_bytes, normalise_text
from quotediff.ingest.problems import Unusable

SIDECAR_NAMES = ("articles.json", "articles.csv")
METADATA_KEYS = frozenset({"outlet", "url", "date", "title", "author", "language"})
_FILE_KEYS = ("file", "filename", "name", "path")

Sidecar = dict[str, dict[str, str]]  # file name -> metadata key -> value


def is_sidecar_name(path: Path) -> bool:
    return path.name.lower() in SIDECAR_NAMES


def looks_like_sidecar(path: Path) -> bool:
    """True for ``articles.csv``, and for an ``articles.json`` whose records carry no text.

    A user may well call a JSON file of real articles ``articles.json``; that one is read
    as articles, not as metadata.
    """
    if not is_sidecar_name(path):
        return False
    if path.suffix.lower() == ".csv":
        return True
    try:
        parsed = json.loads(decode_bytes(path.read_bytes()).text)
    except (OSError, Unusable, json.JSONDecodeError):
        return True  # a broken sidecar is reported by load_sidecar
    entries = parsed.values() if isinstance(parsed, dict) else parsed if isinstance(parsed, list) else []
    return not any(isinstance(entry, dict) and "text" in entry for entry in [parsed, *entries])


def find_sidecar(folder: Path) -> Path | None:
    """The sidecar file of ``folder``, if it has one."""
    for name in SIDECAR_NAMES:
        path = folder / name
        if path.is_file() and looks_like_sidecar(path):
            return path
    return None


def read_sidecar(path: Path) -> Sidecar:
    """Raises :class:`Unusable` for a sidecar that cannot be read."""
    data = path.read_bytes()
    records = _json_records(data) if path.suffix.lower() == ".json" else _csv_records(data)
    return {key: _metadata(values) for key, values in records.items()}


def lookup(sidecar: Sidecar, file: Path) -> dict[str, str]:
    return sidecar.get(file.name) or sidecar.get(file.stem) or {}


def _json_records(data: bytes) -> dict[str, dict[str, object]]:
    try:
        parsed = json.loads(decode_bytes(data).text)
    except json.JSONDecodeError as error:
        raise Unusable("bad-sidecar", f"sidecar is not valid JSON (line {error.lineno}: {error.msg})") from error
    if isinstance(parsed, dict) and all(isinstance(value, dict) for value in parsed.values()):
        return {str(key): value for key, value in parsed.items()}
    if isinstance(parsed, list) and all(isinstance(item, dict) for item in parsed):
        return {_file_key(item): item for item in parsed}
    raise Unusable(
        "bad-sidecar", 'sidecar must map file names to objects ({"a.txt": {"outlet": ...}}) or list objects with "file"'
    )


def _csv_records(data: bytes) -> dict[str, dict[str, object]]:
    reader = csv.DictReader(io.StringIO(decode_bytes(data).text))
    if not reader.fieldnames or not any(key in reader.fieldnames for key in _FILE_KEYS):
        raise Unusable("bad-sidecar", "sidecar CSV needs a header row with a 'file' column")
    return {_file_key(row): dict(row) for row in reader}


def _file_key(record: dict[str, object]) -> str:
    for key in _FILE_KEYS:
        value = record.get(key)
        if isinstance(value, str) and value:
            return Path(value).name
    raise Unusable("bad-sidecar", "a sidecar entry has no 'file' naming the article it describes")


def _metadata(record: dict[str, object]) -> dict[str, str]:
    return {
        key: normalise_text(str(value)).strip()
        for key, value in record.items()
        if key in METADATA_KEYS and value is not None and str(value).strip()
    }
