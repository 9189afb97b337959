"""Property-based tests: whatever bytes or text a file holds, ingest reads it or says why not."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotediff.errors import InputError
from quotediff.ingest import ingest
from quotediff.ingest.decode import normalise_text

SUFFIXES = (".txt", ".md", ".html", ".json", ".jsonl")
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _ingest_one(path: Path):
    """The result, or None when ingest refused the file with a one-line InputError."""
    try:
        return ingest([str(path)])
    except InputError as error:
        assert str(error).startswith(f"no usable articles: {path}") and "\n" not in str(error)
        return None


def _check_invariants(result) -> None:
    ids = [a.id for a in result.articles]
    assert len(ids) == len(set(ids))
    for article in result.articles:
        assert "\r" not in article.text
        assert unicodedata.is_normalized("NFC", article.text)
        assert article.text.strip()
        article.text.encode("utf-8")  # no lone surrogates: every text can be written out
    for skipped in result.skipped:
        assert skipped.reason and "\n" not in skipped.reason


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_never_crash(workdir, data, suffix):
    path = workdir / f"random{suffix}"
    path.write_bytes(data)
    result = _ingest_one(path)
    if result is not None:
        _check_invariants(result)


@FUZZ
@given(text=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=2000))
def test_random_unicode_text_is_kept_as_normalised(workdir, text):
    """Any UTF-8 text without NUL (which marks binary or UTF-16 data) reads back as its normal form."""
    path = workdir / "unicode.txt"
    path.write_bytes(text.encode("utf-8"))
    result = _ingest_one(path)
    expected = normalise_text(text)
    if result is None:
        controls = sum(ch < " " and ch not in "\t\n\r" or ch == "\x7f" for ch in text)
        assert not expected.strip() or controls >= 4
        return
    _check_invariants(result)
    (article,) = result.articles
    assert article.text == expected


@FUZZ
@given(
    records=st.lists(
        st.one_of(
            st.dictionaries(
                st.sampled_from(["text", "title", "outlet", "url", "date", "id", "x"]),
                st.text(st.characters(), max_size=80),  # lone surrogates included: JSON can escape them
            ),
            st.integers(),
            st.lists(st.text(max_size=5), max_size=3),
        ),
        min_size=1,
        max_size=8,
    ),
    junk=st.lists(st.text(max_size=40).filter(lambda s: "\n" not in s and "\r" not in s), max_size=3),
)
def test_random_jsonl_accounts_for_every_line(workdir, records, junk):
    lines = [json.dumps(record) for record in records] + junk
    path = workdir / "records.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = _ingest_one(path)
    if result is None:
        return
    _check_invariants(result)
    used_lines = len(result.articles) + len(result.skipped) + len(result.duplicates)
    assert used_lines == sum(1 for line in normalise_text("\n".join(lines)).split("\n") if line.strip())
