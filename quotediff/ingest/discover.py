"""Which files the given paths name: files as given, folders walked, problems reported."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from quotediff.ingest.problems import SkippedInput
from quotediff.ingest.sidecar import looks_like_sidecar

STDIN = "-"
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".json", ".jsonl", ".ndjson")


@dataclass(slots=True)
class Found:
    files: list[Path] = field(default_factory=list)  # sorted by path, each once
    stdin: bool = False
    skipped: list[SkippedInput] = field(default_factory=list)


def discover(paths: list[str]) -> Found:
    found = Found()
    files: dict[str, Path] = {}
    for raw in paths:
        if raw == STDIN:
            found.stdin = True
            continue
        path = Path(raw)
        if path.is_dir():
            in_folder, ignored = _walk(path)
            if not in_folder:
                found.skipped.append(_empty_folder(raw, ignored))
            files.update((str(file), file) for file in in_folder)
        elif path.is_file():
            files[str(path)] = path
        elif path.exists():
            found.skipped.append(
                SkippedInput(raw, "not a regular file or folder (a device or socket?)", kind="unreadable")
            )
        else:
            found.skipped.append(
                SkippedInput(raw, "does not exist; check the spelling and the current folder", kind="missing")
            )
    by_real_path: dict[str, Path] = {}
    for key in sorted(files):
        by_real_path.setdefault(os.path.realpath(files[key]), files[key])  # a file named twice is read once
    found.files = sorted(by_real_path.values(), key=str)
    return found


def _walk(folder: Path) -> tuple[list[Path], int]:
    """Article files under ``folder`` (hidden files and folders and sidecars left out), and how many others."""
    articles: list[Path] = []
    ignored = 0
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(names):
            path = Path(root, name)
            if name.startswith(".") or looks_like_sidecar(path):
                continue
            if path.suffix.lower() in ARTICLE_SUFFIXES:
                articles.append(path)
            else:
                ignored += 1
    return articles, ignored


def _empty_folder(raw: str, ignored: int) -> SkippedInput:
    others = f"; {ignored} other file{'s' if ignored != 1 else ''} ignored" if ignored else ""
    kinds = " ".join(ARTICLE_SUFFIXES)
    return SkippedInput(raw, f"folder has no article files ({kinds}){others}", kind="empty-folder")
