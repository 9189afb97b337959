"""Make the system WordNet (Debian's wordnet-base) readable by nltk, once, lazily.

nltk 3.10 reads corpora only from its data directories, and Debian ships no ``lexnames``
file, so the database is copied into a user cache directory laid out as nltk expects.
"""

from __future__ import annotations

import os
import shutil
import warnings
from functools import cache
from pathlib import Path
from typing import Any

from quotediff.errors import QuotediffError
from quotediff.lexicon._lexnames import lexnames_file_text

SYSTEM_WORDNET = Path("/usr/share/wordnet")
# The database files nltk's WordNetCorpusReader opens.
REQUIRED_FILES = ("data.noun", "data.verb", "data.adj", "data.adv", "index.noun", "index.verb", "index.adj", "index.adv")


class WordNetMissingError(QuotediffError):
    """WordNet is not installed where quotediff looks for it."""


def cache_dir() -> Path:
    """Where quotediff keeps its nltk data: $QUOTEDIFF_CACHE, else $XDG_CACHE_HOME/quotediff."""
    explicit = os.environ.get("QUOTEDIFF_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "quotediff"


def _complete(target: Path) -> bool:
    return all((target / name).exists() for name in (*REQUIRED_FILES, "lexnames"))


def _install_into(nltk_data: Path, source: Path) -> None:
    target = nltk_data / "corpora" / "wordnet"
    if _complete(target):
        return
    staging = target.with_name(f"wordnet.tmp{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(source, staging, ignore=shutil.ignore_patterns("pixmaps", "bin"))
    (staging / "lexnames").write_text(lexnames_file_text(), encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    try:
        # A rename, so that a concurrent reader never sees half a database.
        staging.rename(target)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        if not _complete(target):  # another process did not win the race either
            raise


def _reader_class() -> type:
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    class EnglishWordNetReader(WordNetCorpusReader):  # type: ignore[misc]
        """nltk's reader without the WordNet-version mapping that only the multilingual data needs.

        On load nltk maps "the default WordNet" onto the one being read by parsing
        index.sense twice (5 s here); the system database is that default, WordNet 3.0.
        """

        _counts_by_key: dict[str, int] | None = None

        def map_wn(self, version: str = "wordnet") -> None:
            return None

        def lemma_count(self, lemma: Any) -> int:
            # nltk binary-searches cntlist.rev on disk for every lemma; provenance asks for
            # thousands, so the file (1.4 MB) is read once into a dict on first use.
            if self._counts_by_key is None:
                with self.abspath("cntlist.rev").open() as counts:  # bytes: nltk's text reader is slow line by line
                    rows = (line.decode("utf-8").split() for line in counts if line.strip())
                    self._counts_by_key = {key: int(count) for key, _, count in rows}
            return self._counts_by_key.get(lemma._key, 0) if lemma._lang == "eng" else 0

    return EnglishWordNetReader


@cache
def wordnet() -> Any:
    """The nltk WordNet reader over the system database, set up on first use."""
    source = Path(os.environ.get("QUOTEDIFF_WORDNET_DIR", SYSTEM_WORDNET))
    if not all((source / name).exists() for name in REQUIRED_FILES):
        raise WordNetMissingError(
            f"WordNet is not installed (looked in {source}). Install it with "
            "`apt-get install wordnet-base` (Debian/Ubuntu), or set QUOTEDIFF_WORDNET_DIR "
            "to a directory holding the WordNet 3.0 database files."
        )
    import nltk

    nltk_data = cache_dir() / "nltk_data"
    try:
        _install_into(nltk_data, source)
    except OSError as error:
        raise WordNetMissingError(f"Cannot prepare WordNet in {nltk_data}: {error}") from error
    if str(nltk_data) not in nltk.data.path:
        nltk.data.path.insert(0, str(nltk_data))
    with warnings.catch_warnings():
        # Without the Open Multilingual Wordnet nltk warns on every load; quotediff uses English only.
        warnings.filterwarnings("ignore", message="The multilingual functions")
        return _reader_class()(nltk.data.find("corpora/wordnet"), None)
