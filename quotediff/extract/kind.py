"""Statement or fragment: does a quote render someone's clause, or only a phrase?

The rule (documented in the package docstring):

* a statement renders at least a clause's worth of someone's words: seven words or
  more ("gain practical battlefield experience for potential future conflicts with
  the West"), or a complete sentence of three words or more (starts with a capital,
  ends with . ! ? or …, as in "I want to live in Ukraine.");
* anything shorter is a fragment: a scare quote ("bait"), a few words of a phrase
  ("fight with courage", "the best for the guest"), a title ("Supreme Commander");
* a title-case run with no sentence end ("The Art of War") is a fragment whatever its length;
* a quote nested in another quote is always a fragment: it is someone quoted by the speaker.
"""

from __future__ import annotations

import re

from quotediff.model import QuoteKind

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
STATEMENT_MIN_WORDS = 7
SENTENCE_MIN_WORDS = 3
_SMALL_WORDS = frozenset("a an the of and or in on at to for with from by de la le".split())


def quote_kind(text: str, *, nested: bool) -> QuoteKind:
    if nested:
        return "fragment"
    words = _WORD.findall(text)
    stripped = text.rstrip(" ,;:”\"’'»)")
    is_sentence = bool(stripped) and stripped[-1] in ".!?…" and text.lstrip("(“\"‘'«")[:1].isupper()
    if not is_sentence and _is_title(words):
        return "fragment"
    if len(words) >= STATEMENT_MIN_WORDS or (is_sentence and len(words) >= SENTENCE_MIN_WORDS):
        return "statement"
    return "fragment"


def _is_title(words: list[str]) -> bool:
    content = [w for w in words if w.casefold() not in _SMALL_WORDS]
    return bool(content) and all(w[0].isupper() or w[0].isdigit() for w in content)
