"""Make the system WordNet (Debian's wordnet-base) readable by nltk, once, lazily.

nltk 3.10 reads corpora only from its data directories, and Debian ships no ``lexnames``
file, so the database is copied into a user cache directory laid out as nltk expects.
"""

from __future__ import annotations

import os
import shutil
import warnings
from collections.abc import Iterator
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


# nltk reads every line of the four index files into its lemma map when a reader is made (1 s,
# in every process that aligns: each forked worker pays it again), while a run looks up a few
# thousand lemmas. The map nltk built is kept in the cache as text, one line per lemma, and a
# lemma's line is decoded only when asked for.
LEMMA_INDEX = "wordnet-lemma-index.tsv"
# What the map is built from: a change to any of these files or to nltk builds it again.
_LEMMA_INDEX_SOURCES = ("index.adj", "index.adv", "index.noun", "index.verb", "data.adj")


class LemmaIndex(dict):  # type: ignore[type-arg]
    """nltk's lemma -> {part of speech: synset offsets} map, each lemma decoded from its line on first use.

    It answers as the ``defaultdict(dict)`` nltk builds does for what nltk asks of it (look-up,
    ``in``, iteration): a lemma WordNet lacks reads as ``{}`` and is kept from then on.
    """

    def __init__(self, lines: dict[str, str]) -> None:
        super().__init__()
        self._lines = lines

    def __missing__(self, lemma: str) -> dict[str, list[int]]:
        line = self._lines.get(lemma)
        entry = {} if line is None else _decode_entry(line)
        self[lemma] = entry
        return entry

    def __contains__(self, lemma: object) -> bool:
        return dict.__contains__(self, lemma) or lemma in self._lines

    def __iter__(self) -> Iterator[str]:
        yield from self._lines
        yield from (lemma for lemma in dict.__iter__(self) if lemma not in self._lines)

    def __len__(self) -> int:
        return len(self._lines) + sum(1 for lemma in dict.__iter__(self) if lemma not in self._lines)


def _encode_entry(entry: dict[str, list[int]]) -> str:
    return "\t".join(" ".join([pos, *map(str, offsets)]) for pos, offsets in entry.items())


def _decode_entry(line: str) -> dict[str, list[int]]:
    entry = {}
    for field in line.split("\t"):
        pos, *offsets = field.split(" ")
        entry[pos] = [int(offset) for offset in offsets]
    return entry


def _lemma_index_stamp(database: Path) -> str:
    import nltk

    files = "; ".join(f"{name} {(st := (database / name).stat()).st_size} {st.st_mtime_ns}" for name in _LEMMA_INDEX_SOURCES)
    return f"quotediff lemma index 1; nltk {nltk.__version__}; {files}"


def _read_lemma_index(path: Path, stamp: str) -> dict[str, str] | None:
    """The cached lines by lemma, or None when there are none for this database and nltk."""
    try:
        head, _, body = path.read_text(encoding="utf-8").partition("\n")
        return dict(line.split("\t", 1) for line in body.splitlines()) if head == stamp else None
    except (OSError, ValueError):  # unreadable or not written by us: build the map again
        return None


def _write_lemma_index(path: Path, stamp: str, index: dict[str, dict[str, list[int]]]) -> None:
    staging = path.with_name(f"{path.name}.tmp{os.getpid()}")
    try:
        staging.write_text("".join([stamp, "\n", *(f"{lemma}\t{_encode_entry(entry)}\n" for lemma, entry in index.items())]), encoding="utf-8")
        staging.replace(path)  # a rename: a concurrent reader sees the old file or the whole new one
    except OSError:
        staging.unlink(missing_ok=True)  # no cache: the next process builds the map again


def _reader_class() -> type:
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    class EnglishWordNetReader(WordNetCorpusReader):  # type: ignore[misc]
        """nltk's reader without the WordNet-version mapping that only the multilingual data needs.

        On load nltk maps "the default WordNet" onto the one being read by parsing
        index.sense twice (5 s here); the system database is that default, WordNet 3.0.
        Its lemma map comes from the cache once nltk has built it (see ``LemmaIndex``).
        """

        _counts_by_key: dict[str, int] | None = None

        def map_wn(self, version: str = "wordnet") -> None:
            return None

        def _load_lemma_pos_offset_map(self) -> None:
            database = Path(self.abspath("index.noun").path).parent
            path, stamp = cache_dir() / LEMMA_INDEX, _lemma_index_stamp(database)
            lines = _read_lemma_index(path, stamp)
            if lines is not None:
                self._lemma_pos_offset_map = LemmaIndex(lines)
                return
            super()._load_lemma_pos_offset_map()
            _write_lemma_index(path, stamp, self._lemma_pos_offset_map)

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
        reader = _reader_class()(nltk.data.find("corpora/wordnet"), None)
    # nltk keeps each data file open and seeks in it per synset. A forked child shares the
    # parent's open files and their read positions, so children reading at once would get
    # each other's lines: each child opens its own files instead.
    os.register_at_fork(after_in_child=reader._data_file_map.clear)
    return reader
