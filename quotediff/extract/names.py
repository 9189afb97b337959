"""Speaker and outlet names: normal forms, and the aliases one article makes clear.

``normalise_speaker`` is context-free, so the cluster stage can compare speakers across
articles: "Kim Jong-un", "Kim Jong Un" and "KIM JONG UN" share one key. Within one
article ``NameIndex`` goes further, resolving what the text makes clear: a surname to
the full name it stands for ("Kim" -> "kim jong un"), an acronym to the name whose
initials it spells ("NIS" -> "national intelligence service"), and a quoted title put
before a name ("“Supreme Commander” Kim") to that name.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from quotediff.extract._vocab import word_set
from quotediff.extract.marks import mark_offsets, matches_at_marks

# Honorifics and titles dropped from the front of a name: they vary between outlets.
_TITLES = word_set("""mr mrs ms miss dr prof professor comrade president minister
    secretary general gen lt lieutenant col colonel major capt captain sgt sergeant adm admiral marshal
    leader chairman chairwoman chair spokesperson spokesman spokeswoman official officer commander
    academic analyst expert researcher ambassador senator sen rep representative governor gov mayor king
    queen prince princess pope sir dame lord lady chancellor premier director
    adviser advisor envoy judge justice coach bishop rabbi imam sheikh chief executive director-general secretary-general""")
_DETERMINERS = word_set("the a an this that these those its his her their our")
_POSSESSIVE = re.compile(r"['’]s?$")
_AGE = re.compile(r"^\d+-year-old$")
# Ukrainian and Russian surnames romanised with -yy, -yi or -iy at the end (Zelenskyy, Zelenskyi).
_TRANSLIT_ENDING = re.compile(r"(?<=[a-z])(?:yy|yi|iy|ii)$")

# Well-known outlets: canonical name -> the other ways articles write it.
_OUTLETS: dict[str, tuple[str, ...]] = {
    "Washington Post": ("WaPo",),
    "Wall Street Journal": ("WSJ",),
    "New York Times": ("NYT",),
    "Financial Times": ("FT",),
    "AFP": ("Agence France-Presse", "Agence France Presse"),
    "Associated Press": ("AP",),
    "Reuters": (),
    "BBC": ("British Broadcasting Corporation",),
    "CNN": (),
    "Bloomberg": (),
    "The Guardian": ("Guardian",),
    "Yonhap": ("Yonhap News Agency",),
    "KCNA": ("Korean Central News Agency",),
    "Kyodo": ("Kyodo News",),
    "NHK": (),
    "UNIAN": (),
    "Ukrinform": (),
    "TASS": (),
    "RIA Novosti": (),
    "Interfax": (),
    "Radio Free Asia": ("RFA",),
    "Kyiv Post": (),
    "Kyiv Independent": (),
    "Al Jazeera": (),
    "Politico": (),
    "Axios": (),
    "Newsweek": (),
    "NK News": (),
    "Daily NK": (),
    "JoongAng Daily": ("Korea JoongAng Daily",),
    "Korea Herald": (),
    "Korea Times": (),
    "Chosun Ilbo": (),
    "Asahi Shimbun": ("Asahi",),
    "Nikkei": ("Nikkei Asia",),
    "Xinhua": ("Xinhua News Agency",),
    "Le Monde": (),
    "Le Figaro": (),
    "Libération": ("Liberation",),
    "Der Spiegel": ("Spiegel",),
    "Die Zeit": (),
    "Bild": (),
    "El País": ("El Pais",),
    "La Repubblica": (),
    "Corriere della Sera": (),
    "Haaretz": (),
    "Kommersant": (),
    "Izvestia": (),
    "Meduza": (),
    "Ukrainska Pravda": (),
}
_OUTLET_ALIASES: dict[str, str] = {}
for _canonical, _aliases in _OUTLETS.items():
    for _name in (_canonical, *_aliases):
        _OUTLET_ALIASES[_name.casefold().removeprefix("the ")] = _canonical
OUTLET_NAMES = frozenset(name for names in _OUTLETS.items() for name in (names[0], *names[1]))
# A capitalised name ending in one of these words is taken for an outlet ("the Daily Telegraph").
OUTLET_HEADS = word_set("""Post Times Journal News Herald Tribune Guardian Telegraph Gazette Daily Press Agency Radio Television
    TV Broadcasting Wire Observer Monitor Independent Ilbo Shimbun Insider Review Chronicle Magazine Media
    Network Channel Mail Express Standard Courier Examiner Record Bulletin Dispatch Today Sport Sports""")
PLATFORMS = word_set("X Twitter Telegram Facebook Instagram YouTube TikTok Weibo VK Threads Bluesky LinkedIn Mastodon Reddit WeChat")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=65536)
def normalise_speaker(name: str) -> str:
    """A speaker's key: lowercase, accents, hyphens, titles, determiners and romanisation variants folded.

    >>> normalise_speaker("North Korean leader Kim Jong-un")
    'kim jong un'
    >>> normalise_speaker("Mr Zelenskyy")
    'zelensky'
    """
    words = [_POSSESSIVE.sub("", w) if w.endswith(("'s", "'")) else w for w in _fold(name).split()]
    words = [w.strip(".,;:!?\"'()[]") for w in words]
    words = [w for w in words if w and not _AGE.match(w)]
    # Drop everything up to the last title: "ukrainian president volodymyr zelensky" -> "volodymyr zelensky".
    last_title = max((i for i, w in enumerate(words) if w.rstrip(".") in _TITLES), default=-1)
    if 0 <= last_title < len(words) - 1:
        words = words[last_title + 1 :]
    # Then determiners, and a title before a name ("comrade supreme commander"), not a role ("foreign minister").
    while len(words) > 1 and (words[0] in _DETERMINERS or (words[0] in _TITLES and words[1] not in _TITLES)):
        words = words[1:]
    key = " ".join(w.replace("-", " ") for w in words)
    key = _TRANSLIT_ENDING.sub("y", key)
    return " ".join(key.replace(".", "").split())


@lru_cache(maxsize=65536)
def canonical_outlet(name: str) -> str | None:
    """The canonical name of a well-known outlet written as ``name``, else None."""
    cleaned = " ".join(name.replace("’", "'").split()).strip(" .,;:")
    cleaned = re.sub(r"^(?:the|The)\s+", "", cleaned)
    cleaned = _POSSESSIVE.sub("", cleaned) if cleaned.endswith(("'s", "'")) else cleaned
    return _OUTLET_ALIASES.get(cleaned.casefold())


@lru_cache(maxsize=65536)  # pure, and asked for every credit of every quote
def normalise_outlet(name: str) -> str:
    """An outlet key for comparing credits: the canonical name when known, else the name folded."""
    canonical = canonical_outlet(name)
    if canonical is not None:
        return canonical.casefold().removeprefix("the ")
    return " ".join(_fold(name).replace("'s ", " ").replace("'", "").split()).removeprefix("the ")


@lru_cache(maxsize=65536)
def looks_like_outlet(name: str) -> bool:
    """Whether a capitalised name reads as a news outlet, agency or platform."""
    cleaned = re.sub(r"^(?:the|The)\s+", "", name.strip(" .,;:"))
    if not cleaned or canonical_outlet(cleaned) is not None or cleaned in PLATFORMS:
        return True
    words = cleaned.split()
    return len(words) <= 6 and words[0][:1].isupper() and words[-1] in OUTLET_HEADS


# Runs of two to five capitalised words (with inner hyphens and apostrophes): the full names.
# (No leading \b: scanning is left to right, so a run starts at its first capital anyway; the check costs.)
# The first word is possessive (*+): giving back its letters could not be followed by a space.
_NAME_RUN = re.compile(r"[A-Z][\w'’-]*+(?:[ \t]+(?:[A-Z][\w'’-]*|de|van|von|bin|al|da|del|la|le)){1,4}\b")
_TITLE_OPENERS = "“\"‘'"
_QUOTED_TITLE = re.compile(r"[“\"‘']([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})[”\"’']\s+([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})")
_SENTENCE_WORDS = word_set("the a an in on at as but and or if when while after before according")


class NameIndex:
    """The names one article uses, so that short forms resolve to the full name.

    Built on the first lookup that needs it: many quotes name their speaker in full.
    """

    def __init__(self, text: str, quote_marks: Sequence[int] | None = None) -> None:
        """``quote_marks``: the offsets of the text's quote marks (``marks.mark_offsets``), when already found."""
        self._text = text
        self._quote_marks = quote_marks
        self._built = False
        self._by_word: dict[str, str] = {}
        self._by_initials: dict[str, str] = {}
        self._titles: dict[str, str] = {}
        # (key of the title, name it is put before), read on the first lookup
        self._quoted_titles: list[tuple[str, str]] | None = None
        self._title_keys: frozenset[str] = frozenset()

    def _read_titles(self) -> None:
        marks = mark_offsets(self._text) if self._quote_marks is None else self._quote_marks
        titles = matches_at_marks(_QUOTED_TITLE, self._text, marks, _TITLE_OPENERS)  # a title opens with a mark
        self._quoted_titles = [(normalise_speaker(match.group(1)), match.group(2)) for match in titles]
        self._title_keys = frozenset(key for key, _ in self._quoted_titles)

    def _build(self) -> None:
        self._built = True
        counts = Counter(itertools.chain.from_iterable(map(_full_name_keys, _NAME_RUN.findall(self._text))))
        # Most frequent first, then first seen (a dict keeps insertion order, sorted() is stable).
        for key, _ in sorted(counts.items(), key=lambda item: -item[1]):
            words = key.split()
            self._by_word.setdefault(words[0], key)
            self._by_word.setdefault(words[-1], key)
            self._by_initials.setdefault("".join(w[0] for w in words), key)
        for key, name in self._quoted_titles or ():
            self._titles.setdefault(key, self.resolve(name))

    def resolve(self, name: str) -> str:
        """The article-wide key for a name as written."""
        if self._quoted_titles is None:
            self._read_titles()
        key = normalise_speaker(name)
        if " " in key and key not in self._title_keys:
            return key  # a full name stands for itself: the names of the article are not needed
        if not self._built:
            self._build()
        if key in self._titles:
            return self._titles[key]
        if " " not in key:
            if name.strip().isupper() and key in self._by_initials:
                return self._by_initials[key]
            if key in self._by_word:
                return self._by_word[key]
        return key


@lru_cache(maxsize=65536)
def _full_name_keys(run: str) -> tuple[str, ...]:
    """The keys of the full names (two words or more) in a capitalised run, owner and owned apart."""
    words = run.split()
    while words and words[0].casefold() in _SENTENCE_WORDS:
        words = words[1:]
    keys = (normalise_speaker(" ".join(part)) for part in _split_possessive(words))
    return tuple(key for key in keys if " " in key)


def _split_possessive(words: list[str]) -> list[list[str]]:
    """Split "South Korea’s National Intelligence Service" into its owner and its name."""
    runs: list[list[str]] = [[]]
    for word in words:
        if word.endswith(("'s", "’s")):
            runs[-1].append(word[:-2])
            runs.append([])
        else:
            runs[-1].append(word)
    return [run for run in runs if run]
