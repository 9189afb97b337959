"""JSON: the contract other tools and our tests read (schema: quotediff/schema/*.schema.json).

Output is deterministic: the same input gives byte-identical JSON.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from quotediff.model import CheckResult, DiffResult, Match, Report

SCHEMA_VERSION = 1


def to_data(value: Any) -> Any:
    """Turn model records into plain JSON-ready data (dicts, lists, scalars)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    if isinstance(value, float):
        return round(value, 4)
    return value


def _match_data(match: Match) -> dict[str, Any]:
    comparison = to_data(match.comparison)
    return {
        "quote": to_data(match.quote),
        "article": _article_data(match.article),
        "member": to_data(match.member),
        "verdict": comparison["verdict"],
        "drift": comparison["drift"],
        "changes": comparison["changes"],
        "scores": comparison["scores"],
        "comparison": comparison,
    }


def _article_data(article: Any, *, with_text: bool = True) -> dict[str, Any]:
    data = to_data(article)
    if not with_text:
        data.pop("text")
    return data


def report_data(result: Report | CheckResult | DiffResult) -> dict[str, Any]:
    """The JSON document for a result, as plain data."""
    if isinstance(result, DiffResult):
        return {"schema_version": SCHEMA_VERSION, "kind": "diff", "a": result.a, "b": result.b, "comparison": to_data(result.comparison)}
    if isinstance(result, CheckResult):
        return {
            "schema_version": SCHEMA_VERSION,
            "kind": "check",
            "query": result.query,
            "query_id": result.query_id,
            "verdict": result.verdict,
            "matches": [_match_data(m) for m in result.matches],
            "skipped": to_data(result.skipped),
            "settings": to_data(result.settings),
        }
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "report",
        "settings": to_data(result.settings),
        "articles": [_article_data(a) for a in result.articles],
        "quotes": to_data(result.quotes),
        "clusters": to_data(result.clusters),
        "skipped": to_data(result.skipped),
        "duplicates": to_data(result.duplicates),
    }


def render(result: Report | CheckResult | DiffResult, **_: object) -> str:
    return json.dumps(report_data(result), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
