"""Which outlet, agency or account an article credits for its quotes.

Credits are read from the masked text (quoted words hidden) as *events* at an offset:

* report credits cover what follows them until another credit: "according to the
  Washington Post", "reports Washington Post", "Western media reports", "the
  publication notes", "As previously reported by UNIAN", "the account shared quotes";
* speaker credits name the channel of one speaker's words and carry only to quotes of
  that speaker: "told AFP", "as translated by The Wall Street Journal", "X account
  said", "in a post on X", "wrote on X";
* a direct credit says no outlet stood between speaker and article: "told reporters".

A generic noun ("a news report", "the publication", "the Post") is resolved to the
outlet the article names, the nearest one before it, else the first one after it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Literal

from quotediff.extract.names import OUTLET_HEADS, PLATFORMS, canonical_outlet, looks_like_outlet

Scope = Literal["report", "speaker", "direct"]


@dataclass(frozen=True, slots=True)
class CreditEvent:
    position: int
    outlet: str | None  # None for a direct credit
    scope: Scope


_CAP = r"(?<![\w’'-])[A-Z][\w’'&-]*"
_NAME = rf"(?:(?<![\w’'-])[Tt]he[ \t]+)?{_CAP}(?:[ \t]+(?:of[ \t]+|for[ \t]+)?{_CAP}){{0,5}}"
_PLATFORM = "|".join(sorted(PLATFORMS, key=len, reverse=True))
_GENERIC = r"(?:[Tt]he|[Aa])\s+(?:news\s+|media\s+)?(?:report|publication|newspaper|paper|outlet|daily|article|magazine|broadcaster)"
_ACCOUNT_OWNER = rf"(?:(?:{_CAP}|of)[ \t]+){{0,6}}$"
_AUDIENCE = r"(?:the\s+|a\s+group\s+of\s+)?(?:reporters|journalists|the\s+press|a\s+press\s+conference|a\s+news\s+conference|lawmakers|parliament)\b"

# One scan finds every word a credit hangs on; the credited name is then read next to it.
_ANCHOR = re.compile(
    r"\b(?:(?P<according>[Aa]ccording\s+to)"
    r"|(?P<reported_by>(?:[Aa]s\s+)?(?:previously\s+)?reported\s+by|translated\s+by)"
    r"|(?P<told>told)"
    rf"|(?P<account>(?:{_PLATFORM})[ \t]+account)"
    rf"|(?P<platform>(?:on|via)[ \t]+(?:{_PLATFORM})(?![\w-]))"
    r"|(?P<shared>(?:shared|published|posted|released)\s+(?:the\s+)?(?:quotes|excerpts|extracts|entries|messages|passages|translations))"
    r"|(?P<verb>reports|reported|notes|noted|states|stated|remarks|remarked|writes|wrote|says|said|suggests|suggested"
    r"|interprets|interpreted|adds|added))\b"
)
_SRC_AFTER = re.compile(rf"\s+(?P<src>{_GENERIC}|{_NAME})")
_AUDIENCE_AFTER = re.compile(rf"\s+{_AUDIENCE}")
_SRC_BEFORE = re.compile(rf"(?P<src>{_GENERIC}|{_NAME}|{_CAP}\s+media|{_CAP}\s+press|[Tt]he\s+account)\s+(?:also\s+)?$")
_ACCOUNT_BEFORE = re.compile(_ACCOUNT_OWNER)
# Verbs that credit their subject wherever they stand; the others ("said") only when ending a clause.
_CREDITING_VERBS = frozenset("notes noted states stated remarks remarked suggests suggested interprets interpreted writes wrote".split())
_CLAUSE_END = re.compile(r"\s*(?:[,.;:]|that\b|$)")
_LOOK_BACK = 90
_OUTLET_MENTION = re.compile(_NAME)
class OutletIndex:
    """Named outlets of one article by position, to resolve "the publication" and "the Post"."""

    def __init__(self, masked: str) -> None:
        self.positions: list[int] = []
        self.names: list[str] = []
        for match in _OUTLET_MENTION.finditer(masked):
            name = _display(match.group())
            if len(name.split()) >= 2 and looks_like_outlet(name) or canonical_outlet(name):
                self.positions.append(match.start())
                self.names.append(canonical_outlet(name) or name)

    def nearest(self, position: int, *, head: str | None = None) -> str | None:
        """The named outlet nearest before ``position`` (else the first after), with ``head`` as last word if given."""
        candidates = [i for i, name in enumerate(self.names) if head is None or name.split()[-1] == head]
        if not candidates:
            return None
        cut = bisect.bisect_left([self.positions[i] for i in candidates], position)
        return self.names[candidates[cut - 1] if cut > 0 else candidates[0]]


def credit_events(masked: str, outlets: OutletIndex) -> list[CreditEvent]:
    """Every credit the article gives, in order of position."""
    events: dict[int, CreditEvent] = {}
    for anchor in _ANCHOR.finditer(masked):
        kind = anchor.lastgroup
        found = _credit_at(masked, anchor, kind)
        if found is None:
            continue
        position, phrase, scope = found
        if position in events:
            continue
        if scope == "direct":
            events[position] = CreditEvent(position, None, "direct")
            continue
        outlet = resolve_outlet(phrase, position, outlets)
        if outlet is not None:
            events[position] = CreditEvent(position, outlet, scope)
    ordered = sorted(events.values(), key=lambda e: e.position)
    accounts = [e for e in ordered if e.outlet and e.outlet.endswith("account") and e.outlet != "the account"]
    return [_resolve_account(e, accounts) for e in ordered]


def _credit_at(masked: str, anchor: re.Match[str], kind: str | None) -> tuple[int, str, Scope] | None:
    """(position, credited phrase, scope) of the credit hanging on ``anchor``, if it names one."""
    start, end = anchor.start(), anchor.end()
    if kind in ("according", "reported_by") or (kind == "verb" and anchor.group() == "reports"):
        after = _SRC_AFTER.match(masked, end)
        if after:
            scope: Scope = "speaker" if anchor.group().startswith("translated") else "report"
            return after.start("src"), after.group("src"), scope
        if kind != "verb":
            return None
    if kind == "told":
        after = _SRC_AFTER.match(masked, end)
        if after:
            return after.start("src"), after.group("src"), "speaker"
        audience = _AUDIENCE_AFTER.match(masked, end)
        return (end, "", "direct") if audience else None
    if kind == "account":
        owner = _ACCOUNT_BEFORE.search(masked, max(0, start - _LOOK_BACK), start)
        begin = owner.start() if owner else start
        return begin, masked[begin:end], "speaker"
    if kind == "platform":
        return end - len(anchor.group().split()[-1]), anchor.group().split()[-1], "speaker"
    before = _SRC_BEFORE.search(masked, max(0, start - _LOOK_BACK), start)
    if before is None:
        return None
    if kind == "verb" and anchor.group() not in _CREDITING_VERBS and not _CLAUSE_END.match(masked, end):
        return None
    return before.start("src"), before.group("src"), "report"


def _resolve_account(event: CreditEvent, accounts: list[CreditEvent]) -> CreditEvent:
    """"the account" is the account named last before it."""
    if event.outlet != "the account":
        return event
    earlier = [a for a in accounts if a.position < event.position]
    return CreditEvent(event.position, earlier[-1].outlet if earlier else None, event.scope)


def resolve_outlet(phrase: str, position: int, outlets: OutletIndex) -> str | None:
    """The outlet a credit phrase names, or None when it names none."""
    name = _display(phrase)
    if not name:
        return None
    if re.fullmatch(r"(?:the\s+)?account", name, re.IGNORECASE):
        return "the account"
    if name.endswith(" account") or name in PLATFORMS:
        return name
    if re.fullmatch(_GENERIC, phrase.strip()):
        return outlets.nearest(position)
    canonical = canonical_outlet(name)
    if canonical is not None:
        return canonical
    words = name.split()
    if len(words) == 1 and words[0] in OUTLET_HEADS:
        return outlets.nearest(position, head=words[0])  # "the Post" -> "Washington Post"
    if len(words) >= 2 and words[-1].lower() in ("media", "press"):
        return name
    if len(words) >= 2 and looks_like_outlet(name):
        return name
    if len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 6 and phrase[:1].isupper():
        return name  # an agency written as an acronym: "told AFP", "reported by UNIAN"
    return None


def _display(phrase: str) -> str:
    """A credit as shown: without "the", a trailing possessive or a date ("the Washington Post on Sunday")."""
    name = " ".join(phrase.split()).strip(" .,;:")
    name = re.sub(r"^(?:the|The|a|A)\s+", "", name)
    name = re.sub(r"\s+(?:on|in|at|last|this|earlier)\b.*$", "", name)
    return name
