"""extract_quotes: find an article's quotations, then attribute and credit each one."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from quotediff.extract import attribution
from quotediff.extract.attribution import Attribution
from quotediff.extract.credits import CreditEvent, OutletIndex, credit_events
from quotediff.extract.cues_i18n import foreign_attribution
from quotediff.extract.editorial import editorial_marks
from quotediff.extract.kind import quote_kind
from quotediff.extract.layout import (
    ABBREVIATION_MARK,
    Paragraph,
    Sentences,
    mask_quotes,
    paragraphs,
)
from quotediff.extract.marks import MarkSpan, mark_offsets, scan_paragraph
from quotediff.extract.names import NameIndex, normalise_outlet
from quotediff.extract.speakers import SpeakerKeys
from quotediff.model import Article, Quote

_OPENERS = frozenset("“\"„«»‘'‚‹›「『”")
# How far from its marks a quote's attribution is looked for: bounds the work per quote,
# so that a paragraph of thousands of quotes costs linear time.
_HEAD_REACH = 400
_TAIL_REACH = 300
_REPORT_LOOK_BACK = 32  # report credits looked through for one not bound to another speaker
_PRONOUN_REACH = 2000  # how far back "he" or "she" looks for a name when nobody was quoted before


@dataclass(slots=True)
class _Found:
    """A quote being built: its span and what has been read around it so far."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark
    after_close: int  # offset just after the closing mark (the paragraph end for a running part)
    paragraph: int
    depth: int
    runs_on: bool  # the quote goes on in the next paragraph
    quote: Quote
    attribution: Attribution | None = None
    previous_sentence: Attribution | None = None  # the attribution closing the sentence before, a last resort
    parent: int | None = None  # index of the enclosing quote, for a nested one
    standalone: bool = False  # nothing but the quote opens its sentence
    credit_sentences: list[tuple[int, int]] = field(default_factory=list)


def extract_quotes(article: Article) -> list[Quote]:
    """The direct quotations of ``article``, in order of appearance, attributed and credited."""
    text = article.text
    paragraph_list = paragraphs(text)
    quote_marks = mark_offsets(text)
    found = _find(article, paragraph_list, quote_marks)
    if not found:
        return []
    masked = mask_quotes(text, [(f.start, f.end) for f in found if f.depth == 0])
    sentences = Sentences(masked, paragraph_list)
    outlets = OutletIndex(masked)
    keys = SpeakerKeys(text, NameIndex(text, quote_marks), outlets, quote_marks)
    for item in found:
        _read_attribution(item, masked, sentences, paragraph_list)
    _link_running(found)
    _resolve(found, keys, masked)
    # Credits past the last sentence a quote's credit is read in are never read.
    last_read = max((end for item in found for _, end in item.credit_sentences), default=len(masked))
    _credit(found, credit_events(masked, outlets, until=last_read), keys)
    return [item.quote for item in found]


def _find(article: Article, paragraph_list: list[Paragraph], offsets: list[int]) -> list[_Found]:
    """The quotes of the article, from the offsets of its quote marks (``mark_offsets``)."""
    text = article.text
    spans: list[tuple[MarkSpan, int]] = []
    for index, paragraph in enumerate(paragraph_list):
        first = bisect.bisect_left(offsets, paragraph.start)
        last = bisect.bisect_left(offsets, paragraph.end, first)
        if first == last:
            continue  # no mark in the paragraph
        following = paragraph_list[index + 1] if index + 1 < len(paragraph_list) else None
        runs_on = following is not None and _first_visible(text, following) in _OPENERS
        marks = offsets[first:last]
        spans.extend((span, index) for span in scan_paragraph(text, paragraph.start, paragraph.end, marks, runs_on=runs_on))
    found: list[_Found] = []
    for span, index in sorted(spans, key=lambda s: (s[0].open, -s[0].close)):
        start, end = span.open + 1, span.close
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        quote_text = text[start:end]
        quote = Quote(
            id=f"{article.id}:q{len(found) + 1}",
            article=article.id,
            text=quote_text,
            start=start,
            end=end,
            kind=quote_kind(quote_text, nested=span.depth > 0, comma_after=_punctuated_after(text, span.close)),
            marks=editorial_marks(text, start, end),
        )
        after_close = span.close + 1 if span.closed else span.close
        found.append(_Found(start, end, span.open, after_close, index, span.depth, not span.closed, quote))
    _link_nested(found)
    return found


def _first_visible(text: str, paragraph: Paragraph) -> str:
    """The paragraph's first character that is not white space ("" if none)."""
    first = text[paragraph.start]
    return text[paragraph.start : paragraph.end].lstrip()[:1] if first.isspace() else first


def _punctuated_after(text: str, close: int) -> bool:
    """What ends a quoted sentence after its closing mark: a comma, a full stop after «…» or „…“
    (German, French, Slavic typography), or Korean's quotative particle (“…”고 말했다)."""
    after = text[close + 1 : close + 5]
    return after.startswith(",") or (after.startswith(".") and text[close : close + 1] in ("»", "“")) or bool(_QUOTATIVE.match(after))


_QUOTATIVE = re.compile(r"(?:이라고|라고|고)\s")


def _link_nested(found: list[_Found]) -> None:
    """Point each nested quote at the top-level quote holding it (both sorted by start)."""
    outer: _Found | None = None
    outer_index = -1
    for index, item in enumerate(found):
        if item.depth == 0:
            outer, outer_index = item, index
        elif outer is not None and outer.start <= item.start and item.end <= outer.end:
            item.parent = outer_index


def _read_attribution(item: _Found, masked: str, sentences: Sentences, paragraph_list: list[Paragraph]) -> None:
    """The attribution written around one quote: after it, before it, closing its sentence, or a colon intro."""
    if item.parent is not None:
        return
    open_mark, close_mark = item.open_mark, item.after_close
    full_start, sentence_end = sentences.bounds(open_mark)
    sentence_start = max(full_start, open_mark - _HEAD_REACH)
    if sentence_end <= close_mark and item.quote.text.rstrip()[-1:] in ("?", "!"):
        # “Are you afraid?” I asked. — the quote's own ? ended the sentence, its attribution follows.
        sentence_end = sentences.bounds(min(close_mark + 1, len(masked) - 1))[1]
    sentence_end = min(max(sentence_end, min(close_mark, paragraph_list[item.paragraph].end)), close_mark + _TAIL_REACH)
    item.credit_sentences.append((sentence_start, sentence_end))
    head = masked[sentence_start:open_mark]
    item.standalone = head.strip() == ""
    last_char = item.quote.text.rstrip("”’\"' ")[-1:]
    tail_allowed = last_char in ",?!—–-…" or masked[close_mark : close_mark + 2].lstrip()[:1] in (",", "—")
    found_here = None
    if tail_allowed:
        found_here = attribution.after_quote(masked, close_mark, sentence_end)
    if (found_here is None or found_here.cue == "according to") and not item.standalone:
        # "X said “…,” according to Y": X said it, Y is the credit.
        found_here = attribution.before_quote(masked, sentence_start, open_mark) or found_here
    if found_here is None:
        found_here = attribution.closing_clause(masked, close_mark, sentence_end)
    if found_here is None:  # the common cue words of other languages (cues_i18n.py)
        found_here = foreign_attribution(masked, sentence_start, open_mark, close_mark, sentence_end)
    paragraph = paragraph_list[item.paragraph]
    if found_here is None and item.standalone and sentence_start == paragraph.start and item.paragraph > 0:
        before = paragraph_list[item.paragraph - 1]
        if masked[max(before.start, before.end - 8) : before.end].rstrip().endswith(":"):
            intro_start, intro_end = sentences.bounds(before.end - 1)
            intro_start = max(intro_start, intro_end - _HEAD_REACH)
            found_here = attribution.colon_intro(masked, intro_start, intro_end)
            if found_here is not None:
                item.credit_sentences.append((intro_start, intro_end))
    item.attribution = found_here
    if found_here is None and not item.standalone and full_start > paragraph.start:
        previous_start, previous_end = sentences.bounds(full_start - 1)
        previous_start = max(previous_start, previous_end - _HEAD_REACH)
        item.previous_sentence = attribution.closing_clause(masked, previous_start, previous_end)
        if item.previous_sentence is not None:
            item.credit_sentences.append((previous_start, previous_end))


def _link_running(found: list[_Found]) -> None:
    """Link the parts of a quote running over paragraphs, and share the attribution one of them has.

    A part left open at a paragraph end goes on in the first quote of the next paragraph,
    unless both carry an attribution of their own: then the first one lost its closer.
    """
    top = [item for item in found if item.parent is None]
    groups: list[list[_Found]] = []
    for previous, item in itertools.pairwise(top):
        if previous.runs_on and item.paragraph == previous.paragraph + 1 and not (previous.attribution and item.attribution):
            item.quote.continues = previous.quote.id
            if groups and groups[-1][-1] is previous:
                groups[-1].append(item)
            else:
                groups.append([previous, item])
    for group in groups:
        shared = next((part.attribution for part in group if part.attribution is not None), None)
        for part in group:
            part.attribution = part.attribution or shared


def _resolve(found: list[_Found], keys: SpeakerKeys, masked: str) -> None:
    """Speakers and keys in order: borrowed attributions, continuations, pronouns.

    "he" and "she" stand for the person named last before them as the subject of a cue,
    quoted or not ("Chen told Bloomberg …. “…,” she said"); "it" for the organisation,
    outlet, account or document quoted last; "they", "we" and "I" for whoever was quoted
    last; "the agency" for the organisation quoted last.
    """
    attributed = [item for item in found if item.parent is None and item.attribution is not None]
    starts = [item.start for item in attributed]
    previous_top: _Found | None = None
    # "person", "thing", "any", "organisation" -> (offset, key) of the speaker of that kind quoted last
    last: dict[str, tuple[int, str]] = {}
    for item in found:
        quote = item.quote
        if item.parent is not None:
            parent = found[item.parent].quote
            quote.speaker, quote.speaker_key = parent.speaker, parent.speaker_key
            continue
        if item.attribution is None and item.quote.continues is None:
            _borrow(item, attributed, starts, previous_top)
        read = item.attribution
        if read is not None:
            quote.cue = read.cue
            if read.speaker is not None:
                quote.speaker = _as_written(read, masked, keys.text)
                quote.speaker_key = _speaker_key(read, last, keys, masked)
        elif quote.continues is not None and previous_top is not None:
            quote.speaker, quote.speaker_key = previous_top.quote.speaker, previous_top.quote.speaker_key
        key = quote.speaker_key
        if key is None:
            previous_top = item
            continue
        position = read.speaker_start if read is not None and read.speaker_start >= 0 else item.start
        if quote.speaker is not None and attribution.pronoun(quote.speaker) is None:
            last["person" if keys.is_person(quote.speaker, key) else "thing"] = (position, key)
            if keys.is_organisation(key):
                last["organisation"] = (position, key)
        last["any"] = (position, key)
        previous_top = item


def _as_written(read: Attribution, masked: str, text: str) -> str:
    """The speaker as the article writes it (the masked text marks abbreviation dots)."""
    speaker = str(read.speaker)
    start = read.speaker_start
    if start >= 0 and masked.startswith(speaker, start):
        return text[start : start + len(speaker)]
    return speaker.replace(ABBREVIATION_MARK, ".")


_PRONOUN_REFERENT = {"he": "person", "she": "person", "it": "thing"}


def _speaker_key(read: Attribution, last: dict[str, tuple[int, str]], keys: SpeakerKeys, masked: str) -> str | None:
    speaker = str(read.speaker)
    pronoun = attribution.pronoun(speaker)
    if pronoun is not None:
        kind = _PRONOUN_REFERENT.get(pronoun, "any")
        quoted = last.get(kind)
        if kind == "person":
            # Someone named since the last quoted person, quoted or not ("Chen told …. “…,” she said").
            since = quoted[0] + 1 if quoted else max(0, read.speaker_start - _PRONOUN_REACH)
            # A name merely mentioned counts only when nobody was quoted before.
            named = _person_named_between(masked, keys, since, read.speaker_start, mentions=quoted is None)
            if named is not None:
                return named[1]
        return quoted[1] if quoted else None
    if attribution.is_organisation_reference(speaker) and "organisation" in last:
        return last["organisation"][1]
    return keys.key(speaker, read.speaker_start)


def _person_named_between(
    masked: str, keys: SpeakerKeys, start: int, end: int, *, mentions: bool
) -> tuple[int, str] | None:
    """The last person named in ``masked[start:end]``, with the offset of the name.

    A name as the subject of a cue ("Chen told"); with ``mentions``, else any name
    mentioned inside a sentence, not after a preposition ("I found Olena Kovalenko sweeping").
    """
    finders = (attribution.named_subjects, attribution.mentioned_names) if mentions else (attribution.named_subjects,)
    for finder in finders:
        for offset, name in reversed(finder(masked, start, end)):
            key = keys.key(name, offset)
            if attribution.pronoun(name) is None and keys.is_person(name, key):
                return offset, key
    return None


def _borrow(item: _Found, attributed: list[_Found], starts: list[int], previous_top: _Found | None) -> None:
    """A quote with no attribution of its own: a sibling's in the same sentence, the sentence before's, or a continuation.

    ``attributed`` are the quotes with an attribution of their own, ``starts`` their starts.
    """
    sentence_start, sentence_end = item.credit_sentences[0]
    sibling = bisect.bisect_left(starts, sentence_start)
    if sibling < len(starts) and starts[sibling] < sentence_end:
        item.attribution = attributed[sibling].attribution
        return
    if item.previous_sentence is not None:
        item.attribution = item.previous_sentence
        return
    if (
        item.standalone
        and previous_top is not None
        and previous_top.paragraph >= item.paragraph - 1
        and (previous_top.quote.kind == "statement" or previous_top.attribution is not None)
    ):
        item.quote.continues = previous_top.quote.id


def _credit(found: list[_Found], events: list[CreditEvent], keys: SpeakerKeys) -> None:
    """Credited source and chain: the quote's own sentence first, else the nearest credit that carries to it."""
    positions = [e.position for e in events]
    reports = [e for e in events if e.scope == "report"]
    report_positions = [e.position for e in reports]
    # Outlets a named speaker "told", in order, so that their later words carry the credit.
    told: dict[str, list[tuple[int, str]]] = {}
    for event in events:
        if event.subject is not None and event.outlet is not None:
            told.setdefault(keys.key(event.subject, event.subject_position), []).append((event.position, event.outlet))
    # (start, credit) of the last credited quote of each speaker, and of each credited quote;
    # a credit of None is a speaker's own channel ("told reporters").
    by_speaker: dict[str, tuple[int, str | None]] = {}
    by_id: dict[str, tuple[int, str]] = {}
    # Report credits given in the sentence of another speaker's quote ("Kim said, according to
    # KCNA"): they credit that speaker's words, not the article's from there on.
    bound: set[int] = set()
    for item in found:
        quote = item.quote
        if item.parent is not None:
            parent = found[item.parent].quote
            quote.credited_source, quote.credit_chain = parent.credited_source, list(parent.credit_chain)
            continue
        own: list[CreditEvent] = []
        for start, end in item.credit_sentences:
            own.extend(events[bisect.bisect_left(positions, start) : bisect.bisect_left(positions, end)])
        if quote.speaker_key is not None:
            bound.update(
                e.position for e in own if e.scope == "report" and e.outlet and normalise_outlet(e.outlet) != quote.speaker_key
            )
        if any(e.scope == "direct" for e in own) and not any(e.outlet for e in own):
            # "told reporters": nobody stood between the speaker and the article, nor does for
            # this speaker's next words unless credited again.
            if quote.speaker_key is not None:
                by_speaker[quote.speaker_key] = (item.start, None)
            continue
        own.sort(key=lambda e: max(item.start - e.position, e.position - item.end, 0))  # nearest to the quote first
        chain = _unique(e.outlet for e in own if e.outlet)
        if not chain:
            carried = _carried_credit(item, reports, report_positions, bound, by_speaker, by_id, told)
            chain = [carried] if carried else []
        quote.credit_chain = chain
        quote.credited_source = chain[0] if chain else None
        if quote.credited_source is None:
            continue
        if item.attribution is not None and item.attribution.impersonal:
            # "It is noted that …": the publication credited is the one noting.
            quote.speaker = quote.credited_source
            quote.speaker_key = normalise_outlet(quote.credited_source)
        by_id[quote.id] = (item.start, quote.credited_source)
        if quote.speaker_key is not None:
            by_speaker[quote.speaker_key] = by_id[quote.id]


def _carried_credit(
    item: _Found,
    reports: list[CreditEvent],
    report_positions: list[int],
    bound: set[int],
    by_speaker: dict[str, tuple[int, str | None]],
    by_id: dict[str, tuple[int, str]],
    told: dict[str, list[tuple[int, str]]],
) -> str | None:
    """The nearest earlier credit covering this quote: a report credit, or one given to the same speaker or quote."""
    candidates: list[tuple[int, str | None]] = []
    key = item.quote.speaker_key
    if key in told:
        earlier = bisect.bisect_left(told[key], (item.start, ""))
        if earlier:
            candidates.append(told[key][earlier - 1])
    cut = bisect.bisect_left(report_positions, item.start)
    for report in reversed(reports[max(0, cut - _REPORT_LOOK_BACK) : cut]):  # the nearest not bound to a speaker
        if report.position not in bound and report.outlet:
            candidates.append((report.position, report.outlet))
            break
    if item.quote.speaker_key in by_speaker:
        candidates.append(by_speaker[item.quote.speaker_key])
    if item.quote.continues in by_id:
        candidates.append(by_id[item.quote.continues])
    return max(candidates, key=lambda c: c[0])[1] if candidates else None


def _unique(names: Iterable[str]) -> list[str]:
    """Names in order, each outlet once however written."""
    seen: list[str] = []
    keys: set[str] = set()
    for name in names:
        key = normalise_outlet(name)
        if key not in keys:
            keys.add(key)
            seen.append(name)
    return seen
