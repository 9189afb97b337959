"""Which language an article or a quote is written in (ISO 639-1 codes: "en", "ko", "de", ...).

Identification runs through lingua (``lingua-language-detector``), which ships its own
n-gram models. bench/multilingual.py measures it against langid: both name the language of
all 72 fixture renderings, but on the seeds' short English fragments langid answers wrong
on 4 of 15 ("burden", "bait") where lingua abstains, and a wrong answer there would turn an
English pair into a cross-language one; langid is smaller (5 MB against 96) and loads
faster (0.9 s against 2.6 s for the fixtures). It is
restricted to the languages the multilingual embedding models cover, plus Ukrainian:
fewer candidates make short quotes less ambiguous.

``identify`` answers ``None`` rather than guess: too few letters, or two candidate
languages too close to call. Callers then keep what they knew (the article's language for
a quote, ingest's script-based guess for an article).

Two renderings in two languages are compared by meaning only (``compare_across_languages``):
a word diff between Korean and English says nothing, so the comparison keeps no changes
and no alignment, and its verdict comes from the same-statement probability alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

from quotediff.model import Article, Comparison, Quote, Verdict

# The languages of Google's multilingual USE v3 (which multilingual-e5 also covers), Ukrainian,
# and the other languages of Europe's larger newsrooms: a Danish quote left out of the list
# would be forced onto its nearest neighbour (Dutch).
LANGUAGES = (
    "ar", "cs", "da", "de", "el", "en", "es", "fi", "fr", "he", "hi", "it", "ja", "ko", "nb", "nl",
    "pl", "pt", "ro", "ru", "sv", "th", "tr", "uk", "vi", "zh",
)  # fmt: skip
# Below this many letters a text says too little ("pure fiction" reads as French).
MIN_LETTERS = 12
# lingua's minimum relative distance between the best two candidates: below it, no answer.
MIN_DISTANCE = 0.05
# From this many characters on, lingua's low-accuracy mode (trigrams only, about 5x faster)
# names the language as well as the full models do (lingua's documentation); shorter texts,
# most quotes, get every n-gram model.
LONG_TEXT = 120
SOURCE = "text:lingua"  # what Article.metadata_source["language"] says when the identifier set it
# Metadata sources the identifier may overrule: none, or ingest's coarse guess from the script.
_REFINABLE = {None, "text:script"}


@cache
def _detector(low_accuracy: bool):  # loaded on first use: building it reads no model yet, identifying loads one per script
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in LANGUAGES]  # lingua names Bokmål "NB"
    builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_minimum_relative_distance(MIN_DISTANCE)
    return (builder.with_low_accuracy_mode() if low_accuracy else builder).build()


# A Latin letter (ASCII, Latin-1 and Latin Extended-A/B): a text that holds one makes lingua
# load the models of every Latin-script language among LANGUAGES.
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")


def preload_models(texts: Iterable[str]) -> None:
    """Load now, on all cores, the models that identifying ``texts`` needs (Latin-script languages).

    lingua loads a script's models on first use, one language after another (2 s for the
    Latin-script ones), in every process that identifies a text; loaded here, they are
    shared with every process forked from this one afterwards. Other scripts still load
    on first use. Answers do not change: the same models are read either way.
    """
    if any(_LATIN_LETTER.search(text) for text in texts):
        preload_latin_models()


def preload_latin_models() -> None:
    """Load the models of the Latin-script languages now (most news is in one of them)."""
    _preload(frozenset(code for code in LANGUAGES if code.upper() in _latin_script_codes()))


def _latin_script_codes() -> set[str]:
    from lingua import Language

    return {language.iso_code_639_1.name for language in Language.all_with_latin_script()}


@cache
def _preload(codes: frozenset[str]) -> None:
    # lingua keeps loaded models for the whole process, whichever detector loaded them.
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    languages = [getattr(IsoCode639_1, code.upper()) for code in sorted(codes)]
    LanguageDetectorBuilder.from_iso_codes_639_1(*languages).with_preloaded_language_models().build()


def _letter_weight(text: str) -> int:
    # A Hangul syllable or a kanji carries about as much as three Latin letters.
    return sum((3 if ord(ch) >= 0x2E80 else 1) for ch in text if ch.isalpha())


@lru_cache(maxsize=65536)
def identify(text: str) -> str | None:
    """The language of ``text``, or ``None`` when it is too short or too close to call."""
    if _letter_weight(text) < MIN_LETTERS:
        return None
    language = _detector(len(text) >= LONG_TEXT).detect_language_of(text)
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


def compare_across_languages(a_id: str, b_id: str, languages: tuple[str, str], scores: dict[str, float], threshold: float) -> Comparison:
    """A pair in two languages judged by meaning: "variant" while the meaning holds, never "identical".

    The meaning holds at the join threshold, and loosely down to half of it, the least a
    cluster accepts of any pair (quotediff.cluster.graph); below that it did not carry over.
    """
    p = scores["p"]
    verdict: Verdict = "variant" if p >= threshold / 2 else "altered"
    cosine = f"cosine {scores['cosine']:.2f}, p {p:.2f}"
    if p >= threshold:
        judged = "the meaning holds across the translation"
    elif verdict == "variant":
        judged = f"the meaning holds loosely (p under the join threshold {threshold:.2f}, above half of it)"
    else:
        judged = f"the meaning does not carry over (p under half the join threshold {threshold:.2f})"
    reason = f"{languages[0]} and {languages[1]} compared by meaning only ({cosine}): {judged}"
    return Comparison(
        a=a_id, b=b_id, verdict=verdict, drift=round(1.0 - scores["p"], 4), scores=scores, reason=reason,
        cross_language=True, languages=languages,
    )
