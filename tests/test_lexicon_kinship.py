"""kinship reads a related synset's place in WordNet instead of the synset itself: same answers.

"Similar" and "derivation" evidence come from pointers (similar_to, also_see, verb group,
derivationally related form). kinship compares where those pointers lead with the other
word's senses, without parsing the synsets they lead to; here each answer is checked
against the long way round, through nltk's own relation methods.
"""

from __future__ import annotations

import itertools

import pytest

from quotediff.lexicon import kinship
from quotediff.lexicon.relations import _senses

WORDS = ["decide", "decision", "wet", "damp", "moist", "divided", "shared", "split", "homeland", "motherland",
         "disperse", "scatter", "dispersal", "attack", "assault", "strike", "reconnaissance", "scout", "big", "large",
         "huge", "warn", "warning", "fail", "failure", "united", "joint"]  # fmt: skip


def _pointer_evidence(a: str, b: str) -> str | None:
    """The similar/derivation answer of kinship, computed by parsing every related synset."""
    senses_b = _senses(b)
    for sense in _senses(a):
        close = {sense, *sense.similar_tos(), *sense.also_sees(), *sense.verb_groups()} & set(senses_b)
        if close:
            return f"WordNet similar: {a} ({sense.name()}) ~ {b} ({sorted(s.name() for s in close)[0]})"
        for lemma in sense.lemmas():
            for related in lemma.derivationally_related_forms():
                if related.synset() in senses_b:
                    return f"WordNet derivation: {a} ({sense.name()}) ~ {b} ({related.synset().name()})"
    return None


def test_the_pairs_cover_both_kinds_of_pointer_evidence():
    found = {kinship(a, b) or "" for a, b in itertools.permutations(WORDS, 2)}
    assert any(e.startswith("WordNet similar") for e in found)
    assert any(e.startswith("WordNet derivation") for e in found)


@pytest.mark.parametrize("a", WORDS)
def test_pointer_evidence_matches_reading_every_related_synset(a: str):
    for b in (word for word in WORDS if word != a):  # a word is no kin of itself
        answer = kinship(a, b)
        if answer and answer.startswith(("WordNet similar", "WordNet derivation")):
            assert answer == _pointer_evidence(a, b)
        elif answer is None:
            assert _pointer_evidence(a, b) is None
