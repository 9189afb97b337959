"""Statement or fragment: does a quote render someone's clause, or only a phrase?

The rule (documented in the package docstring):

* a statement renders at least a clause's worth of someone's words: seven words or
  more ("gain practical battlefield experience for potential future conflicts with
  the West"), or a complete sentence of three words or more (starts with a capital,
  ends with . ! ? … or with the comma that leads to its attribution: "I want to live
  in Ukraine.", "We don’t play for the table," the captain said);
* anything shorter is a fragment: a scare quote ("bait"), a few words of a phrase
  ("fight with courage", "the best for the guest"), a title ("Supreme Commander");
* a title-case run with no sentence end ("The Art of War") is a fragment whatever its length;
* a quote nested in another quote is always a fragment: it is someone quoted by the speaker;
* in Chinese and Japanese, written without spaces, two characters count as a word;
* in scripts without capitals (Korean, Japanese, ...) any letter may start a sentence, and a
  Korean quote ending in a sentence-final verb ending (…한다, …해요, …까) ends a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from quotediff.extract._vocab import word_set
from quotediff.model import QuoteKind

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# Scripts written without spaces (Chinese, Japanese): about two characters make a word.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Korean sentence-final endings: the quote is a whole sentence even without a full stop ("…한다"고).
_KOREAN_FINAL = re.compile(r"[\uac00-\ud7a3]*[다요까죠]$")
STATEMENT_MIN_WORDS = 7
SENTENCE_MIN_WORDS = 3
# Characters whose words are read first: most quotes hold seven words in fewer, and then the
# rules need no more (reading all of a long quote's words took a fifth of classifying it).
_READ_AHEAD = 48
_SMALL_WORDS = word_set("a an the of and or in on at to for with from by de la le")


def quote_kind(text: str, *, nested: bool, comma_after: bool = False) -> QuoteKind:
    """``comma_after``: a comma follows the closing mark (“…”, he said), standing for the sentence's end."""
    if nested:
        return "fragment"
    unspaced = 0 if text.isascii() else len(_UNSPACED.findall(text))
    if unspaced:
        words, complete = [w for w in _WORD.findall(text) if not _UNSPACED.search(w)] + ["·"] * (unspaced // 2), True
    else:
        words, complete = _leading_words(text)
    stripped = text.rstrip(" ;:”\"’'»)")
    ends = stripped[-1:].replace("。", ".").replace("！", "!").replace("？", "?")
    # The ending can only be the last character (or the one before a final newline, which $ allows).
    if _KOREAN_FINAL.search(stripped, max(0, len(stripped) - 2)):
        ends = "."
    # A quoted sentence keeps its capital (if its script has capitals) and ends in . ! ? … or,
    # before its attribution, in a comma.
    first = text.lstrip("(“\"‘'«„「")[:1]
    is_sentence = (comma_after or ends in (".", "!", "?", "…", ",")) and first.isalpha() and not first.islower()
    if ends not in (".", "!", "?", "…") and _is_title(words if complete else (m.group() for m in _WORD.finditer(text))):
        return "fragment"
    if len(words) >= STATEMENT_MIN_WORDS or (is_sentence and len(words) >= SENTENCE_MIN_WORDS):
        return "statement"
    return "fragment"


def _leading_words(text: str) -> tuple[list[str], bool]:
    """The words of ``text`` and True; or, from a long quote, enough of its first words to count as a statement, and False."""
    words = _WORD.findall(text, 0, _READ_AHEAD)
    if len(text) <= _READ_AHEAD:
        return words, True
    del words[-1:]  # it may be cut short
    if len(words) < STATEMENT_MIN_WORDS:
        return _WORD.findall(text), True
    return words, False


def _is_title(words: Iterable[str]) -> bool:
    """Every word but the small ones capitalised (or a number), and at least one such word."""
    content = False
    for word in words:  # most quotes fail at their first lowercase content word
        if word.casefold() in _SMALL_WORDS:
            continue
        if not (word[0].isupper() or word[0].isdigit()):
            return False
        content = True
    return content
