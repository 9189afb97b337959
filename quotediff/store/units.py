"""What a spot check can match in an article: its quotes, their sentences, and the
sentences it reports without quote marks (indirect speech).

Unquoted sentences are candidates for ``check`` only, never for ``compare`` clustering:
a paraphrase in the reporter's own words is worth finding when someone checks a quote,
but it is not a rendering to diff against the others.
"""

from __future__ import annotations

import re

from quotediff.cluster import best_window
from quotediff.cluster.units import part_member, quote_units, sentence_spans, word_count
from quotediff.extract.attribution import CUE
from quotediff.model import Article, Member, Quote

# A sentence this short outside quotes is a frame ("he said."), not a report of a statement.
UNQUOTED_MIN_WORDS = 6
# Sentences of an article are looked for within paragraphs (blank or single line breaks).
_PARAGRAPH = re.compile(r"[^\n]+")
# A short attribution closing a sentence (", according to the Post.", ", officials said.") frames
# the report; it is not part of the statement and is kept apart from the unit's text.
_TRAILING_ATTRIBUTION = re.compile(
    r",\s+(?:(?P<according>according to)\s+(?P<source>[^,;]{2,60}?)|(?P<speaker>[^,;]{2,60}?)\s+(?P<cue>" + CUE + r")\b[^,;]{0,40}?)"
    r"\s*[.!?]?\s*$"
)


def unquoted_reports(article: Article, quotes: list[Quote]) -> list[Quote]:
    """The article's sentences that overlap no quoted statement, as quotes of kind "unquoted".

    A sentence holding only a quoted fragment ("called it a “betrayal”") is kept whole:
    the sentence, not the fragment, carries the statement. Offsets are into ``article.text``.
    """
    statements = sorted((q.start, q.end) for q in quotes if q.kind == "statement")
    reports: list[Quote] = []
    for paragraph in _PARAGRAPH.finditer(article.text):
        for start, end in sentence_spans(paragraph.group()):
            start, end = paragraph.start() + start, paragraph.start() + end
            if _overlaps_any(start, end, statements):
                continue
            report = _report(article, start, end, f"{article.id}:u{len(reports) + 1}")
            if word_count(report.text) >= UNQUOTED_MIN_WORDS:
                reports.append(report)
    return reports


def _report(article: Article, start: int, end: int, quote_id: str) -> Quote:
    """The sentence at [start, end) as an unquoted report, its closing attribution read off and left out."""
    sentence = article.text[start:end]
    attribution = _TRAILING_ATTRIBUTION.search(sentence)
    participle = attribution is not None and (attribution.group("cue") or "").endswith("ing")  # "without stating"
    if attribution is None or participle or word_count(sentence[: attribution.start()]) < UNQUOTED_MIN_WORDS:
        return Quote(id=quote_id, article=article.id, text=sentence, start=start, end=end, kind="unquoted")
    end = start + attribution.start()
    report = Quote(id=quote_id, article=article.id, text=article.text[start:end], start=start, end=end, kind="unquoted")
    if attribution.group("according"):  # "according to the Post": the outlet the report is credited to
        report.cue, report.credited_source = "according to", attribution.group("source")
        report.credit_chain = [attribution.group("source")]
    else:
        report.cue, report.speaker = attribution.group("cue"), attribution.group("speaker")
    return report


def reported_span(query: str, quote: Quote, member: Member) -> Member:
    """The words of an unquoted report that carry the query, when the report says more than that.

    A reporter's sentence wraps the statement in its own frame ("While the origins remain
    unclear, they may have been ..."); the match is the part that renders the query.
    """
    if len(member.text) <= len(query):
        return member
    window = best_window(query, member.text)
    offset = member.text.find(window)
    if not window.strip() or offset < 0 or len(window) == len(member.text):
        return member
    start = member.start - quote.start + offset
    return part_member(quote, start, start + len(window))


def check_units(quotes: list[Quote]) -> list[Member]:
    """Every unit a check scores: each quote whole and, for quotes of several sentences, each sentence."""
    return [unit for quote in quotes for unit in quote_units(quote, min_words=1)]


def _overlaps_any(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    # Quote marks sit just outside a quote's offsets: widen by one character on each side.
    return any(s - 1 < end and start < e + 1 for s, e in spans)
