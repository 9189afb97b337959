"""kinship reads a related synset's place in WordNet instead of the synset itself: same answers.

"Similar" and "derivation" evidence come from pointers (similar_to, also_see, verb group,
derivationally related form). kinship compares where those pointers lead with the other
word's senses, without parsing the synsets they lead to; here each answer is checked
against the long way round, through nltk's own relation methods.
"""

from __future__ import annotations

import itertools
import re

import pytest

from quotediff.lexicon import base_forms, kinship
from quotediff.lexicon.relations import _reach, _sense_kinship, _senses

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


def test_words_whose_reaches_are_disjoint_are_never_kin(seeds_dir):
    """kinship skips comparing senses when two words' reaches are disjoint: that must never hide kin.

    Every pair of 100 words of a seed, plus the words above, compared the long way:
    whenever the senses make two words kin, their reaches meet.
    """
    seed = sorted(seeds_dir.iterdir())[0].read_text(encoding="utf-8")
    words = sorted({w.lower() for w in re.findall(r"[A-Za-z]+", seed) if len(w) > 3})[:100]
    pairs = [(a, b) for a, b in itertools.permutations(sorted(set(words) | set(WORDS)), 2) if not base_forms(a) & base_forms(b)]
    kin = [(a, b) for a, b in pairs if _sense_kinship(a, b)]
    assert len(kin) > 20  # the check has cases to bite on
    assert all(_reach(a) & _reach(b) for a, b in kin)
