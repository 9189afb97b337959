"""Lexical relations between two words, read from WordNet, each returned as evidence text.

Opposition (``opposition``) follows the structure WordNet gives antonymy. Antonymy links
lemmas (divided <-> united, unite <-> divide), and adjectives that have no antonym of their
own reach one through their cluster (Gross & Miller's indirect antonyms). The rule used here:

    words a and b are opposed when a lemma of a has an antonym x, and x's synset and one
    of b's synsets are the same or neighbours, where a synset's neighbours are its
    ``similar_to``, ``also_see`` and verb-group synsets -- in either direction (a, b swapped).

So "shared" vs "divided" is opposed twice over: shared has the antonym unshared, and
unshared and divided both "see also" separate; divided has the antonym united, and
united and shared both "see also" joint. Only each word's dominant senses take part
(the first ``DOMINANT_SENSES`` of each part of speech), so a rare sense of a common
word does not make every pair opposite. WordNet also lists "shared" and "divided" as
synonyms (divided.s.02, "distributed in portions"): that is the translation ambiguity,
and the caller is told of both relations so that a reader can judge which sense holds.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from quotediff.lexicon._setup import wordnet

DOMINANT_SENSES = 5  # per part of speech
KINSHIP_DISTANCE = 2  # hypernym/hyponym steps that still count as near-synonyms


@cache
def _senses(word: str) -> tuple[Any, ...]:
    """The dominant senses of ``word``: the first few of each part of speech, in WordNet's order."""
    per_pos: dict[str, int] = {}
    chosen = []
    for synset in wordnet().synsets(word.replace(" ", "_")):
        pos = "a" if synset.pos() == "s" else synset.pos()
        if per_pos.get(pos, 0) < DOMINANT_SENSES:
            per_pos[pos] = per_pos.get(pos, 0) + 1
            chosen.append(synset)
    return tuple(chosen)


@cache
def base_forms(word: str) -> frozenset[str]:
    """The word and its WordNet base forms in every part of speech ("shared" -> share, shared)."""
    forms = {word}
    for pos in ("n", "v", "a", "r"):
        # _morphy lists every base form; the public morphy() stops at the first, and
        # "feelings" is a lemma of its own, which would hide that it is also feeling + s.
        forms.update(wordnet()._morphy(word, pos))
    return frozenset(forms)


def _neighbours(synset: Any) -> set[Any]:
    return {synset, *synset.similar_tos(), *synset.also_sees(), *synset.verb_groups()}


# kinship asks only whether a related synset is one of the other word's senses, which its
# place in the database answers without reading (parsing) it: most related synsets are
# never otherwise needed. A place is (data file, byte offset); satellites live in the adjective file.
Place = tuple[str, int]


def _place_of(pos: str, offset: int) -> Place:
    return ("a" if pos == "s" else pos, offset)


def _place(synset: Any) -> Place:
    return _place_of(synset.pos(), synset.offset())


@cache
def _neighbour_places(synset: Any) -> tuple[Place, ...]:
    """Where ``_neighbours(synset)`` lie: the synset, its similar_to, also_see and verb-group pointers."""
    pointed = (_place_of(pos, offset) for symbol in ("&", "^", "$") for pos, offset in synset._pointers.get(symbol, ()))
    return tuple(dict.fromkeys((_place(synset), *pointed)))


@cache
def _derivation_places(synset: Any) -> tuple[Place, ...]:
    """Where the derivationally related forms of the synset's lemmas lie, lemma by lemma, in WordNet's order."""
    pointers = synset._lemma_pointers
    return tuple(_place_of(pos, offset) for lemma in synset.lemmas() for pos, offset, _ in pointers.get((lemma.name(), "+"), ()))


def _antonym_paths(a: str, b: str) -> list[str]:
    """Evidence for every way an antonym of a lemma of ``a`` lands on a sense of ``b``."""
    forms_a = base_forms(a)
    senses_b = _senses(b)
    neighbourhood_b = {n: sense for sense in senses_b for n in _neighbours(sense)}
    found: list[str] = []
    for sense in _senses(a):
        for lemma in sense.lemmas():
            if lemma.name().lower() not in forms_a:
                continue
            for antonym in lemma.antonyms():
                target = antonym.synset()
                if target in senses_b:
                    found.append(f"WordNet antonym: {lemma.name()} ({sense.name()}) <-> {antonym.name()} ({target.name()})")
                    continue
                shared = sorted((_neighbours(target) & neighbourhood_b.keys()), key=lambda s: s.name())
                if shared:
                    via = shared[0]
                    found.append(
                        f"WordNet indirect antonym: {lemma.name()} ({sense.name()}) <-> {antonym.name()} "
                        f"({target.name()}), and {antonym.name()} ~ {b} ({neighbourhood_b[via].name()}) "
                        f"through {via.name()}"
                    )
    return found


@cache
def opposition(a: str, b: str) -> str | None:
    """Why words ``a`` and ``b`` are opposed in WordNet, or None (see the module docstring)."""
    if a == b or base_forms(a) & base_forms(b):
        return None
    paths = _antonym_paths(a, b) or _antonym_paths(b, a)
    if not paths:
        return None
    evidence = paths[0]
    synonymy = _shared_synset(a, b, dominant_only=False)
    if synonymy:
        evidence += f"; note WordNet also lists them as synonyms in {synonymy} (an ambiguous rendering)"
    return evidence


def _shared_synset(a: str, b: str, *, dominant_only: bool) -> str | None:
    wn = wordnet()
    senses_a = _senses(a) if dominant_only else tuple(wn.synsets(a))
    senses_b = set(_senses(b) if dominant_only else wn.synsets(b))
    for sense in senses_a:
        if sense in senses_b:
            return sense.name()
    return None


@cache
def kinship(a: str, b: str) -> str | None:
    """Why ``a`` and ``b`` mean nearly the same in WordNet (synonyms, neighbours, near kin), or None."""
    if a == b:
        return None
    if base_forms(a) & base_forms(b):
        lemma = sorted(base_forms(a) & base_forms(b))[0]
        return f"inflection: {a} ~ {b} (same lemma {lemma})"
    if not _reach(a) & _reach(b):  # most word pairs: no sense of one comes near a sense of the other
        return None
    return _sense_kinship(a, b)


def _sense_kinship(a: str, b: str) -> str | None:
    """kinship's answer from comparing the senses of two words of different lemmas."""
    synset = _shared_synset(a, b, dominant_only=True)
    if synset:
        return f"WordNet synonyms: {a} ~ {b} ({synset})"
    senses_b = _senses(b)
    place_b = {_place(sense): sense for sense in senses_b}
    for sense in _senses(a):
        close = [place_b[place] for place in _neighbour_places(sense) if place in place_b]
        if close:
            return f"WordNet similar: {a} ({sense.name()}) ~ {b} ({sorted(s.name() for s in close)[0]})"
        for target in _derivation_places(sense):
            if target in place_b:
                return f"WordNet derivation: {a} ({sense.name()}) ~ {b} ({place_b[target].name()})"
    best: tuple[int, str, str] | None = None
    for sense_a in _senses(a):
        for sense_b in senses_b:
            if sense_a.pos() != sense_b.pos() or sense_a.pos() not in "nv":
                continue
            distance = _near_distance(sense_a, sense_b)
            if distance is not None and (best is None or distance < best[0]):
                best = (distance, sense_a.name(), sense_b.name())
    if best:
        return f"WordNet near kin: {a} ({best[1]}) ~ {b} ({best[2]}), {best[0]} hypernym steps apart"
    return None


@cache
def _reach(word: str) -> frozenset[Place]:
    """Every place where kinship could find ``word`` related to another word's sense.

    Its dominant senses, their neighbours and derivations, and the near ancestors of its
    noun and verb senses: each rule of ``_sense_kinship`` meets the other word at one of
    these places, so words whose reaches are disjoint are not kin. One set per word answers
    most pairs without comparing their senses pair by pair (aligning the 5,000-article bench
    corpus in a cold process: 6.89 -> 6.23 s).
    """
    places: set[Place] = set()
    for sense in _senses(word):
        places.update(_neighbour_places(sense))
        places.update(_derivation_places(sense))
        if sense.pos() in "nv":
            places.update(_place(ancestor) for ancestor in _ancestors(sense))
    return frozenset(places)


@cache
def _ancestors(synset: Any) -> dict[Any, int]:
    """The synset and its (instance) hypernyms up to KINSHIP_DISTANCE steps up, with their distance."""
    found = {synset: 0}
    level = [synset]
    for steps in range(1, KINSHIP_DISTANCE + 1):
        level = [h for s in level for h in (*s.hypernyms(), *s.instance_hypernyms()) if h not in found]
        found.update((h, steps) for h in level)
    return found


def _near_distance(a: Any, b: Any) -> int | None:
    """WordNet's shortest hypernym-path distance between two synsets, when it is at most KINSHIP_DISTANCE.

    nltk's ``shortest_path_distance`` walks every hypernym path to the root on each call;
    only short distances count here, so two cached ancestor sets of depth 2 answer it.
    """
    up_a, up_b = _ancestors(a), _ancestors(b)
    distances = [up_a[s] + up_b[s] for s in up_a.keys() & up_b.keys()]
    shortest = min(distances, default=None)
    return shortest if shortest is not None and shortest <= KINSHIP_DISTANCE else None


@cache
def is_proper_name(word: str) -> bool:
    """Whether ``word`` reads as a name: WordNet knows it only capitalised, or not at all.

    A capitalised word at the start of a sentence is a name if it is not a common word;
    WordNet lists common words (with their base forms) but few surnames ("Stipsits").
    """
    if not word.isalpha():
        return False
    synsets = wordnet().synsets(word)
    if not synsets:
        return True
    names = [lemma.name() for synset in synsets for lemma in synset.lemmas() if lemma.name().lower() == word.lower()]
    return bool(names) and all(name[:1].isupper() for name in names)


@cache
def is_unit(word: str) -> bool:
    """Whether the dominant noun sense of ``word`` is a unit of measure (lexicographer file noun.quantity)."""
    nouns = [s for s in _senses(word) if s.pos() == "n"]
    if not nouns or nouns[0].lexname() != "noun.quantity":
        return False
    return any(h.name() == "unit_of_measurement.n.01" for h in nouns[0].closure(lambda s: s.hypernyms()))


@cache
def usage_count(word: str) -> int:
    """How often ``word`` (any of its base forms) is tagged in WordNet's sense-tagged corpus (SemCor counts)."""
    forms = base_forms(word)
    return sum(
        lemma.count()
        for synset in wordnet().synsets(word)
        for lemma in synset.lemmas()
        if lemma.name().lower() in forms
    )
