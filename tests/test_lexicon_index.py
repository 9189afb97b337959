"""WordNet's lemma map comes from the cache after the first load, and answers as nltk's own map does.

nltk reads all four index files into its lemma map whenever a reader is made; quotediff keeps
the map nltk built as text in its cache, so that later readers (every forked aligning worker)
decode only the lemmas they look up.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import quotediff.lexicon._setup as setup
from quotediff.lexicon import wordnet

pytestmark = pytest.mark.filterwarnings("ignore:The multilingual functions")


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("quotediff-cache")


@pytest.fixture(scope="module")
def new_reader(cache: Path) -> Callable[[], Any]:
    """Make readers over the installed database whose lemma-map cache lives in ``cache``."""
    root = wordnet().root  # the installed database, already on nltk's data path
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(setup, "cache_dir", lambda: cache)
        yield lambda: setup._reader_class()(root, None)


@pytest.fixture(scope="module")
def built_and_cached(new_reader: Callable[[], Any]) -> tuple[Any, Any]:
    return new_reader(), new_reader()


def test_the_first_reader_builds_nltk_map_and_the_next_reads_the_same_map_from_the_cache(built_and_cached):
    built, cached = (reader._lemma_pos_offset_map for reader in built_and_cached)
    assert not isinstance(built, setup.LemmaIndex) and isinstance(cached, setup.LemmaIndex)
    assert list(cached) == list(built)
    assert all(cached[lemma] == entry for lemma, entry in built.items())


def test_cached_and_built_readers_give_the_same_synsets_and_names(built_and_cached):
    built, cached = built_and_cached
    for word in ("shared", "divided", "feelings", "ran", "better", "reconnaissance", "stipsits"):
        assert [s.name() for s in cached.synsets(word)] == [s.name() for s in built.synsets(word)]


def test_a_lemma_wordnet_lacks_reads_as_empty_and_is_kept_as_nltk_map_keeps_it(new_reader):
    cached = new_reader()._lemma_pos_offset_map
    assert "qxzzy" not in cached
    assert cached["qxzzy"] == {}
    assert "qxzzy" in cached and list(cached)[-1] == "qxzzy"


def test_a_cache_written_for_another_database_or_nltk_is_built_again(new_reader, cache: Path):
    index = cache / setup.LEMMA_INDEX
    stamp, rest = index.read_text(encoding="utf-8").split("\n", 1)
    index.write_text(stamp.replace("nltk", "nltk 0.0") + "\n" + rest, encoding="utf-8")
    assert not isinstance(new_reader()._lemma_pos_offset_map, setup.LemmaIndex)
    assert index.read_text(encoding="utf-8").split("\n", 1)[0] == stamp  # written again for this database


def test_a_cache_that_is_not_a_lemma_index_is_built_again(new_reader, cache: Path):
    index = cache / setup.LEMMA_INDEX
    stamp = index.read_text(encoding="utf-8").split("\n", 1)[0]
    index.write_text(stamp + "\nnot a line of the index\n", encoding="utf-8")
    assert not isinstance(new_reader()._lemma_pos_offset_map, setup.LemmaIndex)
    assert isinstance(new_reader()._lemma_pos_offset_map, setup.LemmaIndex)
