"""Which outlet, agency or account an article credits for its quotes.

Credits are read from the masked text (quoted words hidden) as *events* at an offset:

* report credits cover what follows them until another credit: "according to the
  Washington Post", "reports Washington Post", "Western media reports", "the
  publication notes", "As previously reported by UNIAN", "the account shared quotes";
* speaker credits name the channel of one speaker's words and carry only to quotes of
  that speaker: "told AFP", "as translated by The Wall Street Journal", "X account
  said", "in a post on X", "wrote on X";
* a direct credit says no outlet stood between speaker and article: "told reporters",
  "said in a statement", "wrote in its daily assessment", "at a news conference".

A generic noun ("a news report", "the publication", "the Post") is resolved to the
outlet the article names, the nearest one before it, else the first one after it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Literal

from quotediff.extract._vocab import any_word, word_set
from quotediff.extract.cues_i18n import report_credits
from quotediff.extract.names import (
    OUTLET_HEADS,
    OUTLET_NAMES,
    PLATFORMS,
    canonical_outlet,
    looks_like_outlet,
)

Scope = Literal["report", "speaker", "direct"]


@dataclass(frozen=True, slots=True)
class CreditEvent:
    position: int
    outlet: str | None  # None for a direct credit
    scope: Scope
    subject: str | None = None  # who "told" the outlet, when a name stands right before the verb
    subject_position: int = -1


_CAP = r"(?<![\w’'-])[A-Z][\w’'&-]*"
_NAME = rf"(?:(?<![\w’'-])[Tt]he[ \t]+)?{_CAP}(?:[ \t]+(?:of[ \t]+|for[ \t]+)?{_CAP}){{0,5}}"
_PLATFORM = "|".join(sorted(PLATFORMS, key=len, reverse=True))
_GENERIC = (
    r"(?:(?:[Tt]he|[Aa])\s+(?:news\s+|media\s+)?(?:report|publication|newspaper|paper|outlet|daily|article|magazine|broadcaster)"
    r"|state(?:-run)?\s+(?:media|television|TV|radio|news\s+agency|broadcaster))"
)
_AUDIENCE = (
    r"(?:the\s+|a\s+group\s+of\s+)?(?:reporters|journalists|the\s+press|lawmakers|parliament"
    r"|an?\s+(?:[a-z-]+\s+)?(?:briefing|conference|hearing|rally|meeting|audience|crowd))\b"
)

# One scan finds every word a credit hangs on; the credited name is then read next to it.
_VERBS = word_set("""reports reported notes noted states stated remarks remarked writes wrote says said suggests suggested
    interprets interpreted adds added""")
_SHARING = word_set("shared published posted released")
# Case-sensitive (a third faster); only "According" opens sentences often enough to list.
# Channels that need no outlet: "said in a statement", "wrote in its daily assessment", "at a news conference".
_OWN_CHANNELS = word_set("statement assessment update analysis briefing speech address conference interview")
_OWN_CHANNEL_BEFORE = re.compile(r"\b(?:in|at|during)\s+(?:a|an|its|his|her|their|the)\s+(?:[a-z-]+\s+){0,2}$")
_ANCHOR = re.compile(
    any_word(_VERBS | _SHARING | _OWN_CHANNELS | word_set("according According translated told account quoted speaking"))
)
# "on X", "via Telegram": found from the platform's name (capitalised, far rarer than "on"),
# then the word before it is read.
_PLATFORM_WORD = re.compile(rf"(?:{_PLATFORM})(?![\w-])")
_ON_BEFORE = re.compile(r"(?:on|via)[ \t]\Z")
_TO = re.compile(r"\s+to\b")
_BY = re.compile(r"\s+by\b")
_PLATFORM_BEFORE = re.compile(rf"(?:{_PLATFORM})[ \t]+$")
_SHARED_OBJECT = re.compile(r"\s+(?:the\s+)?(?:quotes|excerpts|extracts|entries|messages|passages|translations)\b")
# "the state news agency TASS": a description before the name.
_DESCRIPTION = r"the\s+(?:[a-z-]+\s+){0,3}(?:agency|newspaper|broadcaster|channel|website|outlet|daily|magazine|network|station)"
# "the Ukrainska Pravda news site": a description after the name.
_DESCRIBED_AS = r"(?:news\s+)?(?:site|website|agency|newspaper|daily|channel|broadcaster|portal|outlet|magazine|network)"
_DESCRIBED = re.compile(rf"(?P<name>.+?)\s+{_DESCRIBED_AS}")
_SRC_AFTER = re.compile(rf"\s+(?:{_DESCRIPTION}\s+(?=[A-Z]))?(?P<src>{_GENERIC}|{_NAME}(?:\s+{_DESCRIBED_AS}\b)?)")
_WITH = re.compile(r"\s+(?:with|on|to)\b")
_AUDIENCE_AFTER = re.compile(rf"\s+{_AUDIENCE}")
# Searched in a window: the lookahead turns away at once the offsets where no credit can start
# (each starts with a capital, "the", "a" or "state"), which the alternatives took long to.
_SRC_BEFORE = re.compile(rf"(?=[A-Zast])(?P<src>{_GENERIC}|{_NAME}|{_CAP}\s+media|{_CAP}\s+press|[Tt]he\s+account)\s+(?:also\s+)?$")
_ACCOUNT_OWNER = re.compile(rf"(?:(?:{_CAP}|of)[ \t]+){{0,6}}$")
# Verbs that credit their subject wherever they stand; the others ("said") only when ending a clause.
_CREDITING_VERBS = word_set("notes noted states stated remarks remarked suggests suggested interprets interpreted writes wrote")
_CLAUSE_END = re.compile(r"\s*(?:[,.;:]|that\b|$)")
_LOOK_BACK = 90
# Who gave their words to an outlet: "Chen told Bloomberg News", "Harris responded on X".
_SUBJECT = re.compile(  # (the boundary is checked after the capital: re then looks for capitals in a fast loop)
    r"(?P<name>[A-Z](?<![\w’'-].)[\w’'-]*(?:[ \t]+[A-Z][\w’'-]*){0,3})[ \t]+(?:later[ \t]+|also[ \t]+)?"
    r"(?:(?:[a-z]+ed|[a-z]+s|wrote|said|spoke|told)[ \t]+)?$"
)
# The last word of anything that can be credited: "Washington Post", "Reuters", "Western media",
# "the publication", "the account"; an acronym ("AFP", "UNIAN") too.
_CREDITOR_LAST_WORDS = (
    OUTLET_HEADS
    | PLATFORMS
    | {name.split()[-1] for name in OUTLET_NAMES}
    | word_set(
        """media press account report publication newspaper paper outlet daily article magazine broadcaster television
        radio agency"""
    )
)
# The word before a verb (possessive ++: giving letters back could not make it match, only cost).
_WORD_BEFORE = re.compile(r"([\w’'&-]++)(?:\s+also)?\s+$")
_OUTLET_WORD = re.compile(any_word(OUTLET_HEADS | OUTLET_NAMES))
_NAME_BEFORE = re.compile(rf"(?=[A-Z]|$)(?:{_CAP}[ \t]+(?:(?:of|for)[ \t]+)?){{0,4}}$")  # starts at a capital, or is empty


class OutletIndex:
    """Named outlets of one article by position, to resolve "the publication" and "the Post".

    Built on first use: most articles never need it.
    """

    def __init__(self, masked: str) -> None:
        self._masked = masked
        self._mentions: tuple[list[int], list[str]] | None = None

    def _scan(self) -> tuple[list[int], list[str]]:
        positions: list[int] = []
        names: list[str] = []
        for match in _OUTLET_WORD.finditer(self._masked):
            before = _NAME_BEFORE.search(self._masked, max(0, match.start() - 60), match.start())
            start = before.start() if before else match.start()
            written = self._masked[start : match.end()]
            name = _display(written)
            if (len(name.split()) >= 2 and looks_like_outlet(name)) or canonical_outlet(name):
                positions.append(start)
                names.append(canonical_outlet(name) or name)
            elif name in OUTLET_HEADS and written.startswith("The "):
                positions.append(start)  # "The Times", "The Telegraph"
                names.append(written)
        # "The Post" is short for a longer name when the article gives one ("Washington Post").
        longer = {name.split()[-1] for name in names if not name.startswith("The ")}
        kept = [i for i, name in enumerate(names) if not (name.startswith("The ") and name.split()[-1] in longer)]
        return [positions[i] for i in kept], [names[i] for i in kept]

    def nearest(self, position: int, *, head: str | None = None) -> str | None:
        """The named outlet nearest before ``position`` (else the first after), with ``head`` as last word if given."""
        if self._mentions is None:
            self._mentions = self._scan()
        positions, names = self._mentions
        candidates = [i for i, name in enumerate(names) if head is None or name.split()[-1] == head]
        if not candidates:
            return None
        cut = bisect.bisect_left([positions[i] for i in candidates], position)
        return names[candidates[cut - 1] if cut > 0 else candidates[0]]


def credit_events(masked: str, outlets: OutletIndex, until: int | None = None) -> list[CreditEvent]:
    """Every credit the article gives, in order of position; with ``until``, at least every one before it.

    The scans stop past ``until``: a credit stands at most _LOOK_BACK characters before the word it hangs on.
    """
    events: dict[int, CreditEvent] = {}
    reach = len(masked) if until is None else until + _LOOK_BACK
    for platform in _PLATFORM_WORD.finditer(masked):
        if platform.start() >= reach:
            break
        on = _ON_BEFORE.search(masked, max(0, platform.start() - 4), platform.start())
        if on is None or (on.start() > 0 and masked[on.start() - 1].isalnum()):
            continue  # no "on" or "via" of its own before the name
        if not masked.startswith(" account", platform.end()):
            _add_event(events, masked, outlets, (platform.start(), platform.group(), "speaker"), on.start())
    for anchor in _ANCHOR.finditer(masked):
        if anchor.start() >= reach:
            break
        found = _credit_at(masked, anchor.group().lower(), anchor.start(), anchor.end())
        if found is not None:
            _add_event(events, masked, outlets, found, anchor.start())
    for position, phrase in report_credits(masked):  # other languages' "reports X" (cues_i18n.py)
        _add_event(events, masked, outlets, (position, phrase, "report"), position)
    ordered = sorted(events.values(), key=lambda e: e.position)
    accounts = [e for e in ordered if e.outlet and e.outlet.endswith("account") and e.outlet != "the account"]
    return [_resolve_account(e, accounts) for e in ordered]


def _add_event(
    events: dict[int, CreditEvent], masked: str, outlets: OutletIndex, found: tuple[int, str, Scope], anchor: int
) -> None:
    """Record the credit ``found`` on the word at ``anchor``, unless it names no outlet."""
    position, phrase, scope = found
    if position in events:
        return
    if scope == "direct":
        events[position] = CreditEvent(position, None, "direct")
        return
    outlet = resolve_outlet(phrase, position, outlets)
    if outlet is None:
        return
    subject = _SUBJECT.search(masked, max(0, anchor - 50), anchor) if scope == "speaker" else None
    if subject:  # "Chen told Bloomberg News that …": Chen's later words came through Bloomberg News
        events[position] = CreditEvent(position, outlet, scope, subject.group("name"), subject.start("name"))
    else:
        events[position] = CreditEvent(position, outlet, scope)


def _credit_at(masked: str, word: str, start: int, end: int) -> tuple[int, str, Scope] | None:
    """(position, credited phrase, scope) of a credit hanging on ``word`` at ``start``, if it names one."""
    if word == "according":
        to = _TO.match(masked, end)
        return _named_after(masked, to.end(), "report") if to else None
    if word in ("reported", "translated"):
        by = _BY.match(masked, end)
        if by:
            return _named_after(masked, by.end(), "speaker" if word == "translated" else "report")
        if word == "translated":
            return None
    if word == "reports":
        found = _named_after(masked, end, "report")  # "…, reports Washington Post."
        if found:
            return found
    if word in _OWN_CHANNELS:
        with_ = _WITH.match(masked, end)  # "in an interview with CNN"
        found = _named_after(masked, with_.end(), "speaker") if with_ else None
        if found:
            return found
        own_channel = _OWN_CHANNEL_BEFORE.search(masked, max(0, start - 40), start)
        return (start, "", "direct") if own_channel else None
    if word == "told":
        found = _named_after(masked, end, "speaker")
        if found:
            return found
        return (end, "", "direct") if _AUDIENCE_AFTER.match(masked, end) else None
    if word == "account":
        if not _PLATFORM_BEFORE.search(masked, max(0, start - 12), start):
            return None
        owner = _ACCOUNT_OWNER.search(masked, max(0, start - _LOOK_BACK), start)
        begin = owner.start() if owner else start
        return begin, masked[begin:end], "speaker"
    if word == "speaking":
        to = _WITH.match(masked, end)  # "speaking on Sky Sports", "speaking to the BBC"
        return _named_after(masked, to.end(), "speaker") if to else None
    if word == "quoted":
        return _named_before(masked, start)  # "KCNA quoted Kim as saying"
    if word in _SHARING:
        return _named_before(masked, start) if _SHARED_OBJECT.match(masked, end) else None
    if word not in _CREDITING_VERBS and not _CLAUSE_END.match(masked, end):
        return None
    return _named_before(masked, start)


def _named_after(masked: str, end: int, scope: Scope) -> tuple[int, str, Scope] | None:
    after = _SRC_AFTER.match(masked, end)
    return (after.start("src"), after.group("src"), scope) if after else None


def _named_before(masked: str, start: int) -> tuple[int, str, Scope] | None:
    word = _WORD_BEFORE.search(masked, max(0, start - 24), start)
    if word is None or not (word.group(1) in _CREDITOR_LAST_WORDS or word.group(1).isupper()):
        return None  # the word before the verb ends no outlet's name: skip the costly look-back
    before = _SRC_BEFORE.search(masked, max(0, start - _LOOK_BACK), start)
    return (before.start("src"), before.group("src"), "report") if before else None


def _resolve_account(event: CreditEvent, accounts: list[CreditEvent]) -> CreditEvent:
    """"the account" is the account named last before it."""
    if event.outlet != "the account":
        return event
    earlier = [a for a in accounts if a.position < event.position]
    return CreditEvent(event.position, earlier[-1].outlet if earlier else None, event.scope, event.subject, event.subject_position)


_THE_ACCOUNT = re.compile(r"(?:the\s+)?account", re.IGNORECASE)
_GENERIC_PHRASE = re.compile(_GENERIC)


def resolve_outlet(phrase: str, position: int, outlets: OutletIndex) -> str | None:
    """The outlet a credit phrase names, or None when it names none."""
    name = _display(phrase)
    if not name:
        return None
    if _THE_ACCOUNT.fullmatch(name):
        return "the account"
    if name.endswith(" account") or name in PLATFORMS:
        return name
    if _GENERIC_PHRASE.fullmatch(phrase.strip()):
        return outlets.nearest(position)
    canonical = canonical_outlet(name)
    if canonical is not None:
        return canonical
    described = _DESCRIBED.fullmatch(name)
    if described and described.group("name")[:1].isupper():
        return canonical_outlet(described.group("name")) or described.group("name")
    words = name.split()
    if len(words) == 1 and words[0] in OUTLET_HEADS:
        # "the Post" -> "Washington Post" named before; else "The Times" is a name of its own.
        named = outlets.nearest(position, head=words[0])
        return named or (f"The {name}" if phrase.lstrip().startswith("The ") else None)
    if len(words) >= 2 and words[-1].lower() in ("media", "press"):
        return name
    if len(words) >= 2 and looks_like_outlet(name):
        return name
    if len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 6 and phrase[:1].isupper():
        return name  # an agency written as an acronym: "told AFP", "reported by UNIAN"
    return None


_LEADING_ARTICLE = re.compile(r"^(?:the|The|a|A)\s+")
_TRAILING_DATE = re.compile(r"\s+(?:on|in|at|last|this|earlier)\b.*$")


def _display(phrase: str) -> str:
    """A credit as shown: without "the", a trailing possessive or a date ("the Washington Post on Sunday")."""
    name = " ".join(phrase.split()).strip(" .,;:")
    name = _LEADING_ARTICLE.sub("", name)
    name = _TRAILING_DATE.sub("", name)
    return name
