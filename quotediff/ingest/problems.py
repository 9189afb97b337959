"""Why an input could not be used: a typed reason that becomes a ``Skipped`` entry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from quotediff.model import Skipped

SkipKind = Literal[
    "missing",
    "unreadable",
    "empty-folder",
    "empty",
    "binary",
    "too-large",
    "undecodable",
    "malformed-html",
    "malformed-json",
    "no-text",
    "bad-sidecar",
]


@dataclass(slots=True)
class SkippedInput(Skipped):
    """A ``Skipped`` that also says which kind of problem it was, so summaries can count them."""

    kind: SkipKind = "unreadable"


class Unusable(Exception):
    """Raised inside ingest when one input cannot be used; the run goes on without it."""

    def __init__(self, kind: SkipKind, reason: str) -> None:
        super().__init__(reason)
        self.kind: SkipKind = kind
        self.reason = reason

    def skipped(self, path: str) -> SkippedInput:
        return SkippedInput(path=path, reason=self.reason, kind=self.kind)


def size_text(size: int) -> str:
    """A byte count as a message shows it: exact when small, in MB when large."""
    return f"{size:,} bytes" if size < 1_000_000 else f"{size / 1_000_000:.1f} MB"
