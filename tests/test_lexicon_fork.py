"""WordNet answers stay right in processes forked after this one has read WordNet.

nltk keeps each data file open and seeks in it for every synset; forked children share
the parent's open files (and their read positions), so two children reading at once
would read each other's lines."""

import multiprocessing

from quotediff.lexicon._setup import wordnet

WORDS = ["share", "divide", "fate", "motherland", "soldier", "letter", "drone", "battle", "war", "peace",
         "say", "write", "read", "country", "leader", "troops", "experience", "conflict", "homeland", "sacrifice"]


def definitions(words: list[str]) -> list[tuple[str, ...]]:
    reader = wordnet()
    reader._synset_offset_cache.clear()  # read every synset from the data files, not from nltk's cache
    return [tuple(s.definition() for s in reader.synsets(word)) for word in words]


def test_forked_workers_read_wordnet_through_their_own_files():
    expected = definitions(WORDS)  # this process has now opened WordNet's data files
    with multiprocessing.get_context("fork").Pool(2) as pool:
        answers = pool.map(definitions, [WORDS] * 40, chunksize=1)
    assert all(answer == expected for answer in answers)
