"""Speaker keys within one article: a phrase as written -> the key the article makes clear.

* a name resolves through the article's names: "Kim" -> "kim jong un", "NIS" ->
  "national intelligence service", "Comrade Supreme Commander" -> "kim jong un" when the
  article writes "“Supreme Commander” Kim";
* a phrase headed by a name takes that name: "one of the messages attributed to Kim",
  "North Korean leader Kim Jong-un", "the South’s National Intelligence Service";
* a document with an author the article names takes the author: "one of the messages"
  after "messages from their leader Kim Jong-un";
* "the publication", "the article", "the Post" take the outlet the article named;
* anything else keeps its own folded key ("the Ukrainian military" -> "ukrainian military").

Pronouns are resolved by the pipeline (to the previous speaker), not here.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

from quotediff.extract._vocab import any_word, word_set
from quotediff.extract.credits import OutletIndex, resolve_outlet
from quotediff.extract.marks import mark_offsets, matches_at_marks
from quotediff.extract.names import (
    NameIndex,
    looks_like_outlet,
    normalise_outlet,
    normalise_speaker,
)

# Documents that speak for their author, in groups of words used for one another.
_DOCUMENT_GROUPS = (
    ("letter", "letters", "message", "messages", "note", "notes"),
    ("document", "documents", "record", "records", "diary", "diaries", "memo", "memos", "entry", "entries", "notebook", "notebooks",
     "email", "emails", "e-mail", "e-mails", "ruling", "rulings", "filing", "filings", "report", "reports", "statement", "statements"),
    ("poem", "poems", "song", "songs", "lyrics"),
)
_GROUP_OF = {word: index for index, group in enumerate(_DOCUMENT_GROUPS) for word in group}
_DOCUMENT = any_word(_GROUP_OF)
_DOCUMENT_WORD = re.compile(any_word(_GROUP_OF, ignore_case=True), re.IGNORECASE)
_DOCUMENT_WORD_LOWER = re.compile(any_word(_GROUP_OF))  # the words are written in lowercase


def _document_word(phrase: str) -> str | None:
    """The document word of ``phrase``, lowercased ("the Letters" -> "letters"), if it has one.

    An ASCII phrase is lowercased and searched case-sensitively, which lets re skip the offsets
    where no document word starts (a case-insensitive search tries them all).
    """
    found = _DOCUMENT_WORD_LOWER.search(phrase.lower()) if phrase.isascii() else _DOCUMENT_WORD.search(phrase)
    return found.group().lower() if found else None

# "messages from their leader Kim Jong-un", "letters attributed to Kim"
_AUTHORED = re.compile(
    rf"(?P<doc>{_DOCUMENT})\s+(?:from|by|of|attributed\s+to|authored\s+by|written\s+by|signed\s+by)\s+"
    r"(?:(?:their|his|her|the|a)\s+)?(?:[a-z-]+\s+){0,3}(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})"
)
# "Kim’s messages": found from the possessive (a fast literal scan), then the name before it.
_OWNED = re.compile(rf"[’']s\s+(?:[a-z-]+\s+){{0,2}}(?P<doc>{_DOCUMENT})")
# The owner is one capitalised word, not the end of a longer name ("New Year’s messages").
_OWNER_REACH = 40
_OWNER = re.compile(r"(?<![\w’'-])(?<![A-Z][\w-]\s)(?<![A-Z][\w-]{2}\s)(?<![A-Z][\w-]{3}\s)[A-Z][\w-]*$")
# Words naming organisations ("National Intelligence Service", "Institute for the Study of War").
_ORGANISATION_WORDS = word_set(
    """agency service ministry directorate department office forces command council committee bureau institute
    foundation university centre center commission"""
)
# Demonyms end a capitalised run without naming anyone: "a fallen North Korean soldier".
_DEMONYM = re.compile(r"(?:ians?|eans?|ese|ish|cans?)$")
# The name ending a phrase, small words inside it included ("the Institute for the Study of War").
_CAPITALISED_TAIL = re.compile(r"(?=[A-Z])(?:[A-Z][\w'’-]*\s+(?:(?:of|for|the|and|on|de|la|al)\s+)*)*[A-Z][\w'’-]*$")
_POSSESSIVE = re.compile(r"['’]s\s+")
_PUBLICATION = re.compile(r"^(?:the\s+)?(?:publication|newspaper|paper|outlet|daily|article|magazine|broadcaster|report)$", re.IGNORECASE)


class SpeakerKeys:
    def __init__(self, text: str, names: NameIndex, outlets: OutletIndex, quote_marks: Sequence[int] | None = None) -> None:
        """``quote_marks``: the offsets of the text's quote marks (``marks.mark_offsets``), when already found."""
        self.text = text
        self._names = names
        self._outlets = outlets
        self._authors = _Authors(text, names, quote_marks)
        self._outlet_keys: set[str] = set()
        self._named: dict[str, str] = {}  # phrases headed by a person's name: their key wherever they stand

    def key(self, speaker: str, position: int) -> str:
        """The key of ``speaker`` as written at ``position`` of the article."""
        phrase = " ".join(speaker.split())
        if phrase in self._named:
            return self._named[phrase]
        if _PUBLICATION.match(phrase):
            outlet = self._outlets.nearest(position)
            if outlet:
                return self._outlet_key(outlet)
        tail = _CAPITALISED_TAIL.search(phrase)
        if tail:
            name = _POSSESSIVE.split(tail.group())[-1]
            if looks_like_outlet(name):
                outlet = resolve_outlet(name, position, self._outlets)
                if outlet:
                    return self._outlet_key(outlet)
            self._named[phrase] = self._names.resolve(name)
            return self._named[phrase]
        document = _document_word(phrase)
        if document:
            author = self._authors.before(_GROUP_OF[document], position)
            if author:
                return author
        return normalise_speaker(phrase)

    def is_person(self, speaker: str, key: str) -> bool:
        """Whether "he" or "she" can stand for this speaker: not an outlet, organisation, account or document."""
        if key in self._outlet_keys or key.endswith(" account") or _document_word(speaker) is not None:
            return False
        return not self.is_organisation(key)

    @staticmethod
    def is_organisation(key: str) -> bool:
        """ "national intelligence service", "institute for the study of war"."""
        return not _ORGANISATION_WORDS.isdisjoint(key.split())

    def _outlet_key(self, outlet: str) -> str:
        key = normalise_outlet(outlet)
        self._outlet_keys.add(key)
        return key


class _Authors:
    """The people an article names as authors of documents, read only as far into the text as lookups need."""

    def __init__(self, text: str, names: NameIndex, quote_marks: Sequence[int] | None = None) -> None:
        self._text = text
        self._names = names
        self._quote_marks = quote_marks
        self._by_group: list[list[tuple[int, str]]] = [[] for _ in _DOCUMENT_GROUPS]  # (position, key), sorted
        self._authored: Iterator[re.Match[str]] | None = None  # started on the first lookup
        self._owned: Iterator[re.Match[str]] | None = None
        self._next_authored: re.Match[str] | None = None
        self._next_owned: re.Match[str] | None = None

    def before(self, group: int, position: int) -> str | None:
        """The nearest person named as the author of a document of ``group`` before ``position``."""
        if self._authored is None or self._owned is None:
            marks = mark_offsets(self._text) if self._quote_marks is None else self._quote_marks
            # "Kim’s messages" opens with the apostrophe, one of the marks
            self._authored, self._owned = _AUTHORED.finditer(self._text), matches_at_marks(_OWNED, self._text, marks, "’'")
            self._next_authored, self._next_owned = next(self._authored, None), next(self._owned, None)
        while self._next_authored is not None and self._next_authored.start() < position:
            match = self._next_authored
            self._add(match.start(), match.group("name"), match.group("doc"))
            self._next_authored = next(self._authored, None)
        # The owner of "Kim’s messages" stands at most _OWNER_REACH characters before the possessive.
        while self._next_owned is not None and self._next_owned.start() - _OWNER_REACH < position:
            match = self._next_owned
            owner = _OWNER.search(self._text, max(0, match.start() - _OWNER_REACH), match.start())
            if owner:
                self._add(owner.start(), owner.group(), match.group("doc"))
            self._next_owned = next(self._owned, None)
        authors = self._by_group[group]
        cut = bisect.bisect_left(authors, (position, ""))
        return authors[cut - 1][1] if cut else None

    def _add(self, start: int, name: str, document: str) -> None:
        key = self._names.resolve(name)
        # A full name, not an adjective ("documents seized by Ukrainian troops").
        if " " in key and not _DEMONYM.search(key):
            bisect.insort(self._by_group[_GROUP_OF[document.lower()]], (start, key))
