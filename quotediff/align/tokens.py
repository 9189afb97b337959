"""Words of a quote, each with a key that ignores typography.

A token is a whole word: letters and digits with the apostrophes and hyphens inside it
("don't", "Jong-un", "real-time") and the separators inside a number ("3,000", "3.5").
Punctuation between words is not a token, so an alignment never splits a word and never
reports a comma as a change. The key folds what a reader does not see as a different word:
case, curly vs straight apostrophes, accents, hyphens ("real-time" == "realtime"), digit
grouping ("3,000" == "3000") and abbreviated month names ("Dec." == "December").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# A word: runs of word characters joined by an apostrophe or hyphen, or by a separator
# between digits.
# A hyphen between two digits separates numbers ("2-3"), so it joins only where a letter is beside it.
_WORD = re.compile(
    r"\w+(?:(?:['\u2019\u2018\u02bc]|(?<!\d)[\-\u2010\u2011]|[\-\u2010\u2011](?!\d)|(?<=\d)[.,:](?=\d))\w+)*"
)
_HYPHENS = re.compile(r"[\-\u2010\u2011]")
_APOSTROPHES = re.compile(r"[\u2019\u2018\u02bc]")
_DIGIT_GROUPING = re.compile(r"(?<=\d),(?=\d{3})")
# A sentence ends at . ! ? possibly followed by closing quotes or brackets; a text opens one too.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+[\"'\u201c\u2018(\[]*$")

# "may" is left out on purpose: it is far more often the modal verb than the month.
_MONTH_ABBREVIATIONS = {
    "jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june",
    "jul": "july", "aug": "august", "sep": "september", "sept": "september", "oct": "october",
    "nov": "november", "dec": "december",
}


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a text: as written, its comparison key, and where it stands."""

    text: str
    key: str
    start: int  # character offsets into the tokenized text
    end: int
    sentence_start: bool  # first word of the text or of a sentence: its capital says nothing


@lru_cache(maxsize=1 << 16)  # words repeat across the pairs of a corpus; folding is the cost of tokenizing
def word_key(word: str) -> str:
    """The comparison key of one word (see the module docstring for what it folds)."""
    decomposed = unicodedata.normalize("NFKD", word)
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    folded = _APOSTROPHES.sub("'", folded)
    folded = _HYPHENS.sub("", folded)
    folded = _DIGIT_GROUPING.sub("", folded)
    return _MONTH_ABBREVIATIONS.get(folded, folded)


def tokenize(text: str) -> list[Token]:
    """The words of ``text`` in order (see the module docstring for what a word is)."""
    return list(_tokens(text))  # a list of its own: the cached tuple is shared


@lru_cache(maxsize=1 << 14)  # a cluster's texts are tokenized once per pair, per table and per stemma edge
def _tokens(text: str) -> tuple[Token, ...]:
    tokens: list[Token] = []
    previous_end = 0
    for match in _WORD.finditer(text):
        between = text[previous_end : match.start()]
        starts_sentence = not tokens or bool(_SENTENCE_END.search(between))
        tokens.append(Token(match.group(), word_key(match.group()), match.start(), match.end(), starts_sentence))
        previous_end = match.end()
    return tuple(tokens)


def span_text(text: str, tokens: list[Token], start: int, end: int) -> str:
    """The original text of tokens [start, end), punctuation between them included."""
    if start >= end:
        return ""
    return text[tokens[start].start : tokens[end - 1].end]
