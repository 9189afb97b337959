"""write_atomic: a reader sees the old file or the new one, never a half-written one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quotediff._atomic import write_atomic


def test_writes_utf8_text_as_given(tmp_path):
    target = tmp_path / "report.md"
    write_atomic(target, "“Comrades!”\nline two\r\n")
    assert target.read_bytes() == "“Comrades!”\nline two\r\n".encode()


def test_replaces_an_existing_file_and_keeps_its_permissions(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)
    write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "report.txt"
    target.write_text("old", encoding="utf-8")

    def disk_full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [path.name for path in Path(tmp_path).iterdir()] == ["report.txt"]


def test_lone_surrogates_are_refused_before_touching_the_file(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "bad \ud800")
    assert target.read_text(encoding="utf-8") == "old"
