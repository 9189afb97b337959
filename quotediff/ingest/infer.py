"""Metadata that a plain-text article states about itself: URL, byline, dateline, title, outlet.

Each finder reads only what the text says and returns the value with the name of the
clue it came from (``text:url-line``, ``text:byline-email``, ...), so a report can tell
the reader why it names an outlet. Nothing here guesses from outside knowledge: an
e-mail domain stays a domain.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from urllib.parse import urlsplit

_HEAD_LINES = 8  # datelines, titles and bylines sit at the very top or bottom of a page
_TAIL_LINES = 8
_MAX_CLUE_LINE = 300  # longer lines are body paragraphs, not metadata

_URL_LINE = re.compile(
    r"(?:original\s+url|source\s+url|canonical\s+url|url|source|link|read\s+more\s+at)\s*:\s*(https?://\S+)",
    re.I,
)
_BYLINE = re.compile(
    r"(?:by|BY|By)\s+(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})"
    r"\s*(?:[\[(<]\s*(?P<email>[\w.+-]+@(?P<domain>[\w-]+(?:\.[\w-]+)+))\s*[\])>])?"
)

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)\.?,?\s+"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = r"(?:\s*,?\s*(?:at\s+)?\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
_DATE_PREFIX = r"(?:(?:published|updated|posted|last\s+updated)(?:\s+on)?\s*:?\s*)?"
_DATELINES = tuple(
    re.compile(r"^" + _DATE_PREFIX + r"(?:" + _WEEKDAY + r")?" + body + _TIME + r"\s*$", re.I)
    for body in (
        _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR,
        _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR,
        r"(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)",
    )
)

# An outlet's name as it writes it: capitalised words, or one acronym ("UNIAN", "RFA").
_NAME = r"(?P<name>(?:The[ \t]+)?[A-Z][\w&'’.-]*(?:[ \t]+[A-Z][\w&'’.-]*){0,4})"
# Phrases a newsroom uses only about itself. Strong cues are near-unambiguous; the weak one
# ("as previously reported by X") can also credit another outlet, so it only counts
# when X is not credited elsewhere in the same text.
_STRONG_SELF_CUES = re.compile(
    _NAME + r"\s+(?:has\s+not\s+been\s+able\s+to|had\s+not\s+been\s+able\s+to|was\s+not\s+able\s+to|"
    r"could\s+not|cannot|can\s*not|was\s+unable\s+to|has\s+been\s+unable\s+to|is\s+unable\s+to)"
    r"\s+independently\s+(?:verify|confirm)\b"  # "could not confirm" alone is as often an official's
    r"|" + _NAME.replace("name", "name2") + r"\s+checks\s+(?:confirmed|showed|found|established)\b"
)
_WEAK_SELF_CUES = re.compile(r"\b[Aa]s\s+(?:previously|earlier)\s+reported\s+by\s+" + _NAME)
_CREDIT_TEMPLATES = (r"according\s+to\s+(?:the\s+)?{}", r"reports?\s+(?:the\s+)?{}\b", r"{}\s+reported\b")
_CLOSING_QUOTES = "\"'”’»」』"
_NOT_NAMES = frozenset({"The", "We", "It", "They", "He", "She", "This", "That", "Officials", "Police"})


@dataclass(slots=True)
class Inferred:
    values: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

    def offer(self, key: str, value: str | None, source: str) -> None:
        """Keep the first value offered for a key: finders are called strongest first."""
        if value and key not in self.values:
            self.values[key] = value
            self.sources[key] = source


FIELDS = ("outlet", "title", "url", "date", "author", "language")


def infer_metadata(text: str, wanted: Collection[str] = FIELDS) -> Inferred:
    """Everything the text states about its own title, outlet, URL, author and date (the ``wanted`` fields of them).

    A record that names its outlet and date has its text read only for the rest: the
    outlet's self-reference is a search of the whole text.
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    head = [line for line in lines[:_HEAD_LINES] if len(line) <= _MAX_CLUE_LINE]
    tail = [line for line in lines[-_TAIL_LINES:] if len(line) <= _MAX_CLUE_LINE]
    inferred = Inferred()

    url = _find_url(head + tail) if {"url", "outlet"} & set(wanted) else None
    if "url" in wanted:
        inferred.offer("url", url, "text:url-line")
    if "outlet" in wanted:
        inferred.offer("outlet", _self_reference(text), "text:self-reference")
        inferred.offer("outlet", domain_of(url) if url else None, "text:url-line")
    if {"author", "outlet"} & set(wanted):
        author, email_domain = _find_byline(head + tail)
        if "author" in wanted:
            inferred.offer("author", author, "text:byline")
        if "outlet" in wanted:
            inferred.offer("outlet", email_domain, "text:byline-email")
    if "date" in wanted:
        inferred.offer("date", _find_date(head) or _find_date(tail), "text:dateline")
    if "title" in wanted:
        inferred.offer("title", _find_title(head), "text:first-line")
    if "language" in wanted:
        inferred.offer("language", guess_language(text), "text:script")
    return inferred


def domain_of(url: str) -> str | None:
    """``https://www.news.com.au/world/...`` -> ``news.com.au``."""
    host = (urlsplit(url).hostname or "").lower()
    for prefix in ("www.", "m.", "amp.", "mobile."):
        if host.startswith(prefix):
            host = host[len(prefix) :]
    return host or None


def _find_url(lines: list[str]) -> str | None:
    for line in lines:
        match = _URL_LINE.fullmatch(line)
        if match:
            return match.group(1).rstrip(".,;)")
    return None


def _find_byline(lines: list[str]) -> tuple[str | None, str | None]:
    for line in lines:
        match = _BYLINE.fullmatch(line)
        if match:
            name = match.group("name")
            if name.isupper():
                name = name.title()
            return name, match.group("domain")
    return None, None


def _find_date(lines: list[str]) -> str | None:
    for line in lines:
        for pattern in _DATELINES:
            match = pattern.fullmatch(line)
            if not match:
                continue
            parts = match.groupdict()
            month = int(parts["mnum"]) if parts.get("mnum") else _MONTHS[parts["month"].lower()]
            day, year = int(parts["day"]), int(parts["year"])
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _find_title(head: list[str]) -> str | None:
    """The first line that reads like a headline, past weather, place and section labels."""
    for line in head[:4]:
        words = line.split()
        if len(words) < 4 or _find_date([line]) or "advertisement" in line.lower():
            continue  # "54 F", "Los Angeles", "NewsBite", a dateline: page furniture
        if len(words) <= 30 and not line.rstrip(_CLOSING_QUOTES).endswith((".", ",", ";")):
            return line
        return None  # the first real line is body text: there is no headline
    return None


def _self_reference(text: str) -> str | None:
    votes: dict[str, int] = {}
    for match in _STRONG_SELF_CUES.finditer(text):
        name = _clean_name(match.group("name") or match.group("name2"))
        if name:
            votes[name] = votes.get(name, 0) + 2
    for match in _WEAK_SELF_CUES.finditer(text):
        name = _clean_name(match.group("name"))
        if name and not _credited_elsewhere(text, name):
            votes[name] = votes.get(name, 0) + 1
    if not votes:
        return None
    return max(sorted(votes), key=lambda name: votes[name])


def _clean_name(raw: str) -> str | None:
    name = raw.rstrip(".’'")
    words = name.split()
    if words and words[0] == "The" and len(words) == 2 and words[1] in _NOT_NAMES:
        return None
    if len(words) == 1 and (name in _NOT_NAMES or not (name.isupper() and len(name) >= 2)):
        return None  # one capitalised word is usually a sentence start, not an outlet
    return name


def _credited_elsewhere(text: str, name: str) -> bool:
    escaped = re.escape(name)
    return any(re.search(template.format(escaped), text) for template in _CREDIT_TEMPLATES)


_HANGUL = re.compile("[\uac00-\ud7a3]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_ENGLISH_FUNCTION_WORDS = frozenset({"the", "and", "of", "to", "in", "is", "that", "said"})


def guess_language(text: str) -> str | None:
    """A coarse language from the script and a few function words; ``None`` when unsure."""
    sample = text[:5000]
    # Counted by C loops (filter, regex, encode, map): a Python loop per character took as long
    # as the rest of reading a JSONL article.
    letters = "".join(filter(str.isalpha, sample))
    if len(letters) < 40:
        return None
    hangul = len(_HANGUL.findall(letters))
    cyrillic = len(_CYRILLIC.findall(letters))
    latin = len(letters.encode("ascii", "ignore"))
    if hangul > 0.5 * len(letters):
        return "ko"
    if cyrillic > 0.5 * len(letters):
        ukrainian_only = sum(ch in "іїєґІЇЄҐ" for ch in letters)
        russian_only = sum(ch in "ыэъёЫЭЪЁ" for ch in letters)
        return "uk" if ukrainian_only > russian_only else "ru"
    if latin > 0.8 * len(letters):
        words = re.findall(r"[a-z]+", sample.lower())
        english = sum(map(_ENGLISH_FUNCTION_WORDS.__contains__, words))
        return "en" if words and english / len(words) > 0.08 else None
    return None


_ISO_DATE = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?")


def normalise_date(value: str) -> str:
    """An ISO date (``2025-02-25``) from a timestamp or a written date; the value as is when neither."""
    value = value.strip()
    iso = _ISO_DATE.fullmatch(value)
    if iso:
        return "-".join(iso.groups())
    return _find_date([value]) or value
