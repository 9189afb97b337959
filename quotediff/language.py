"""Which language an article or a quote is written in (ISO 639-1 codes: "en", "ko", "de", ...).

Identification runs through lingua (``lingua-language-detector``), which ships its own
n-gram models and is the most accurate of the offline identifiers on short texts
(bench/multilingual.py measures it against langid on the fixtures' quotes). It is
restricted to the languages the multilingual embedding models cover, plus Ukrainian:
fewer candidates make short quotes less ambiguous.

``identify`` answers ``None`` rather than guess: too few letters, or two candidate
languages too close to call. Callers then keep what they knew (the article's language for
a quote, ingest's script-based guess for an article).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache

from quotediff.model import Article, Quote

# The languages of Google's multilingual USE v3 (which multilingual-e5 also covers), and Ukrainian.
LANGUAGES = ("ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "uk", "zh")
MIN_LETTERS = 8  # below this a text says too little about its language
# lingua's minimum relative distance between the best two candidates: below it, no answer.
MIN_DISTANCE = 0.05
SOURCE = "text:lingua"  # what Article.metadata_source["language"] says when the identifier set it
# Metadata sources the identifier may overrule: none, or ingest's coarse guess from the script.
_REFINABLE = {None, "text:script"}


@cache
def _detector():  # loaded on first use: building it reads no model yet, identifying loads one per script
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in LANGUAGES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_minimum_relative_distance(MIN_DISTANCE).build()


@lru_cache(maxsize=65536)
def identify(text: str) -> str | None:
    """The language of ``text``, or ``None`` when it is too short or too close to call."""
    if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
        return None
    language = _detector().detect_language_of(text)
    return language.iso_code_639_1.name.lower() if language is not None else None


def different_languages(a: str, b: str) -> bool:
    """Whether two texts are both identified, in two different languages."""
    first, second = identify(a), identify(b)
    return first is not None and second is not None and first != second


def tag_article(article: Article) -> None:
    """Set ``article.language`` from its text, unless its metadata named the language."""
    if article.metadata_source.get("language") not in _REFINABLE:
        return
    language = identify(article.text[:5000])
    if language is not None:
        article.language = language
        article.metadata_source["language"] = SOURCE


def tag_languages(articles: Sequence[Article], quotes: Sequence[Quote]) -> None:
    """Language of every article (refining ingest's guess) and of every quote (its own text, else its article's)."""
    for article in articles:
        tag_article(article)
    language_of = {article.id: article.language for article in articles}
    for quote in quotes:
        quote.language = identify(quote.text) or language_of.get(quote.article)
