"""JSON Schemas of quotediff's JSON output: report (compare, extract), check and diff."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def load_schema(kind: str) -> dict[str, Any]:
    """The schema for a JSON document of ``kind``: "report", "check" or "diff"."""
    return json.loads(resources.files("quotediff.schema").joinpath(f"{kind}.schema.json").read_text(encoding="utf-8"))
