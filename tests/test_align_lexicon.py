"""WordNet set-up: the system database is made readable by nltk in a cache folder, or a clear error says what to install."""

from __future__ import annotations

import pytest

from quotediff.errors import QuotediffError
from quotediff.lexicon import WordNetMissingError, wordnet
from quotediff.lexicon import _setup


def test_missing_wordnet_raises_an_error_that_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTEDIFF_WORDNET_DIR", str(tmp_path / "nowhere"))
    monkeypatch.setenv("QUOTEDIFF_CACHE", str(tmp_path / "cache"))
    with pytest.raises(WordNetMissingError, match="apt-get install wordnet-base") as raised:
        _setup.wordnet.__wrapped__()
    assert isinstance(raised.value, QuotediffError)


def test_setup_writes_the_45_lexicographer_files_and_reads_antonyms(tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTEDIFF_CACHE", str(tmp_path / "cache"))
    reader = _setup.wordnet.__wrapped__()
    lexnames = (tmp_path / "cache" / "nltk_data" / "corpora" / "wordnet" / "lexnames").read_text().splitlines()
    assert len(lexnames) == 45
    assert lexnames[0] == "00\tadj.all\t3" and lexnames[-1] == "44\tadj.ppl\t3"
    divided = reader.synset("divided.a.01")
    assert [a.name() for lemma in divided.lemmas() for a in lemma.antonyms()] == ["united"]
    assert divided.lexname() == "adj.all"


def test_the_shared_reader_is_loaded_once():
    assert wordnet() is wordnet()
