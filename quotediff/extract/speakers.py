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

import re

from quotediff.extract.credits import OutletIndex, resolve_outlet
from quotediff.extract.names import NameIndex, looks_like_outlet, normalise_outlet, normalise_speaker

# Documents that speak for their author, in groups of words used for one another.
_DOCUMENT_GROUPS = (
    r"(?:letters?|messages?|notes?)",
    r"(?:documents?|records?|diary|diaries|memos?|entries|entry|notebooks?)",
    r"(?:poems?|songs?|lyrics)",
)
# Demonyms end a capitalised run without naming anyone: "a fallen North Korean soldier".
_DEMONYM = re.compile(r"(?:ians?|eans?|ese|ish|cans?)$")
_CAPITALISED_TAIL = re.compile(r"(?:[A-Z][\w'’-]*\s+)*[A-Z][\w'’-]*$")
_PUBLICATION = re.compile(r"^(?:the\s+)?(?:publication|newspaper|paper|outlet|daily|article|magazine|broadcaster|report)$", re.IGNORECASE)


class SpeakerKeys:
    def __init__(self, text: str, names: NameIndex, outlets: OutletIndex) -> None:
        self._text = text
        self._names = names
        self._outlets = outlets
        self._heads = [re.compile(rf"\b{group}\b", re.IGNORECASE) for group in _DOCUMENT_GROUPS]
        self._authored = [
            (
                re.compile(
                    rf"\b{group}\s+(?:from|by|of|attributed\s+to|authored\s+by|written\s+by|signed\s+by)\s+"
                    r"(?:(?:their|his|her|the|a)\s+)?(?:[a-z-]+\s+){0,3}(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})"
                ),
                # "Kim’s messages": one capitalised word, not the end of a longer name ("New Year’s messages").
                re.compile(rf"(?<![\w’'-])(?<![A-Z][a-z]\s)(?<![A-Z][a-z]{{2}}\s)(?P<name>[A-Z][\w-]*)[’']s\s+(?:[a-z-]+\s+){{0,2}}{group}\b"),
            )
            for group in _DOCUMENT_GROUPS
        ]

    def key(self, speaker: str, position: int) -> str:
        """The key of ``speaker`` as written at ``position`` of the article."""
        phrase = " ".join(speaker.split())
        if _PUBLICATION.match(phrase):
            outlet = self._outlets.nearest(position)
            if outlet:
                return normalise_outlet(outlet)
        tail = _CAPITALISED_TAIL.search(phrase)
        if tail:
            name = _after_possessive(tail.group())
            if looks_like_outlet(name) or len(name.split()) == 1 and name in ("Post", "Times", "Journal"):
                outlet = resolve_outlet(name, position, self._outlets)
                if outlet:
                    return normalise_outlet(outlet)
            return self._names.resolve(name)
        for head, authored in zip(self._heads, self._authored, strict=True):
            if head.search(phrase):
                author = self._author_before(authored, position)
                if author:
                    return author
        return normalise_speaker(phrase)

    def _author_before(self, patterns: tuple[re.Pattern[str], ...], position: int) -> str | None:
        """The nearest person the article names as the author of such a document, before ``position``."""
        nearest = -1
        author = None
        for pattern in patterns:
            for match in pattern.finditer(self._text, 0, position):
                key = self._names.resolve(match.group("name"))
                # A full name, not an adjective ("documents seized by Ukrainian troops").
                if match.start() > nearest and len(key.split()) >= 2 and not _DEMONYM.search(key):
                    nearest, author = match.start(), key
        return author


def _after_possessive(name: str) -> str:
    parts = re.split(r"['’]s\s+", name)
    return parts[-1]
