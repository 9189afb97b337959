"""Many spot checks at once (``check --from FILE``): queries in, one result per query out."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from quotediff.errors import InputError
from quotediff.model import CheckResult
from quotediff.store.search import CheckQuery

# The field of a JSONL query object that holds the quote, by preference.
_TEXT_FIELDS = ("text", "quote", "query")


def read_queries(path: Path) -> list[CheckQuery]:
    """Quotes to check: one per line, or one JSON object per line with "text" (or "quote") and "id".

    Blank lines are ignored. A file whose first line is a JSON object is read as JSONL.
    """
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read queries from {path}: {getattr(error, 'strerror', None) or error}") from None
    numbered = [(n, line.strip()) for n, line in enumerate(lines, 1) if line.strip()]
    if not numbered:
        raise InputError(f"{path} holds no quote to check")
    if not numbered[0][1].startswith("{"):
        return [CheckQuery(line) for _, line in numbered]
    return [_json_query(path, n, line) for n, line in numbered]


def _json_query(path: Path, number: int, line: str) -> CheckQuery:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"{path}, line {number}: not JSON ({error.msg})") from None
    if not isinstance(record, dict):
        raise InputError(f"{path}, line {number}: expected a JSON object with \"text\" and \"id\"")
    text = next((record[f] for f in _TEXT_FIELDS if isinstance(record.get(f), str) and record[f].strip()), None)
    if text is None:
        raise InputError(f"{path}, line {number}: no \"text\" to check")
    query_id = record.get("id")
    return CheckQuery(text, None if query_id is None else str(query_id))


def all_faithful(results: Sequence[CheckResult]) -> bool:
    """Whether every query found a faithful rendering (identical, variant or partial): exit status 0."""
    return all(r.verdict in ("identical", "variant", "partial") for r in results)
