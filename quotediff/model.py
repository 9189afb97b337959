"""The quotediff data model: plain records that every stage reads and writes.

The stages, in order, each a package named after what it does:

    ingest      paths, files, feeds      -> Article           quotediff.ingest
    extract     Article                  -> Quote             quotediff.extract
    cluster     Quote (+ embeddings)     -> Cluster           quotediff.cluster
    align       two texts                -> Comparison        quotediff.align
    provenance  Cluster + Article        -> Provenance        quotediff.provenance
    render      Report / CheckResult     -> text, json, ...   quotediff.render

Records hold no I/O and no behaviour beyond small derived properties. Offsets are
always character offsets into ``Article.text`` exactly as ingest produced it, so
``article.text[q.start:q.end] == q.text`` for every quote and every cluster member.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

QuoteKind = Literal["statement", "fragment", "unquoted"]
Verdict = Literal["identical", "variant", "partial", "altered"]
CheckVerdict = Literal["identical", "variant", "partial", "altered", "not_found"]
ChangeType = Literal[
    "typography",
    "spelling",
    "synonym",
    "paraphrase",
    "reorder",
    "omission",
    "addition",
    "number",
    "name",
    "negation",
    "antonym",
    "hedge",
]
AlignOp = Literal["equal", "replace", "delete", "insert", "move"]

VERDICT_ORDER: dict[str, int] = {"identical": 0, "variant": 1, "partial": 2, "altered": 3}


@dataclass(slots=True)
class Article:
    """One news article as read, with what is known of where it came from."""

    id: str
    text: str
    path: str | None = None
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    date: str | None = None  # ISO 8601 date when known
    author: str | None = None
    language: str | None = None
    # Where each metadata value came from ("sidecar", "html", "text:url-line", ...),
    # so a report can say why it names an outlet.
    metadata_source: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class EditorialMark:
    """An editor's mark inside a quote: an ellipsis, a [bracketed insertion], [sic]."""

    kind: Literal["ellipsis", "insertion", "sic"]
    start: int  # offsets into the article text
    end: int
    text: str


@dataclass(slots=True)
class Quote:
    """A direct quotation (or an unquoted report of one) found in an article."""

    id: str  # "<article id>:q<n>", n counting quotes in order of appearance
    article: str
    text: str  # article.text[start:end], marks excluded
    start: int
    end: int
    kind: QuoteKind = "statement"
    speaker: str | None = None  # as written in the article ("Kim", "the soldier")
    speaker_key: str | None = None  # normalised across articles ("kim jong un")
    cue: str | None = None  # "said", "wrote", "read", "according to", ":"
    credited_source: str | None = None  # nearest credited outlet or agency
    credit_chain: list[str] = field(default_factory=list)  # all credits, nearest first
    continues: str | None = None  # id of the quote this one continues, if any
    marks: list[EditorialMark] = field(default_factory=list)
    language: str | None = None


@dataclass(slots=True)
class Member:
    """A cluster member: a whole quote, or the span of one that renders the statement."""

    id: str  # the quote id, or "<quote id>/<start>-<end>" for a part of it
    quote: str
    article: str
    text: str
    start: int
    end: int

    @property
    def is_whole_quote(self) -> bool:
        return self.id == self.quote


@dataclass(slots=True)
class Change:
    """One typed difference between two renderings, with the words that earned it."""

    type: ChangeType
    a: str  # the words in rendering A ("" when added in B)
    b: str  # the words in rendering B ("" when omitted from A)
    evidence: str = ""  # why this type: "WordNet: share ~ divide antonym", "3,000 != 1,100"
    a_span: tuple[int, int] | None = None  # token offsets into A's token list
    b_span: tuple[int, int] | None = None


@dataclass(slots=True)
class AlignmentRun:
    """A run of the word alignment of two renderings."""

    op: AlignOp
    a: str
    b: str
    a_span: tuple[int, int]  # token offsets [i1, i2) into A
    b_span: tuple[int, int]


@dataclass(slots=True)
class Comparison:
    """Two renderings compared: similarity scores, word alignment, typed changes, verdict."""

    a: str  # member ids (or "query" for a spot check)
    b: str
    verdict: Verdict
    drift: float  # 0 faithful .. 1 altered
    scores: dict[str, float] = field(default_factory=dict)
    reason: str = ""  # which view joined or judged them, in words
    changes: list[Change] = field(default_factory=list)
    alignment: list[AlignmentRun] = field(default_factory=list)
    context: dict[str, str] = field(default_factory=dict)  # unmatched text around a contained quote
    cross_language: bool = False
    languages: tuple[str, str] | None = None  # the languages of A and B when they differ


@dataclass(slots=True)
class AlignmentTable:
    """A multi-witness alignment (as in CollateX): one row per member, one column per position."""

    witnesses: list[str]  # member ids, one per row
    rows: list[list[str | None]]  # rows[w][c]: the words of witness w at column c, None for a gap
    variant_columns: list[bool]  # True where the witnesses disagree


@dataclass(slots=True)
class Rendering:
    """Members that carry one translation: verbatim or typography-only copies of each other."""

    id: str  # "r1", "r2", ... within the cluster
    members: list[str]
    outlets: list[str]
    credited_sources: list[str]
    language: str | None = None


@dataclass(slots=True)
class TranslationLink:
    """A rendering in another language and the renderings in the report's language closest to it in meaning."""

    rendering: str
    language: str
    closest: list[str]  # rendering ids in the reference language, closest first
    scores: list[float]  # their same-statement probability with the rendering, in the same order
    reference_language: str = "en"


@dataclass(slots=True)
class StemmaEdge:
    """Rendering ``source`` most likely gave rise to rendering ``target``."""

    source: str
    target: str
    relation: Literal["copy", "edit", "retranslation", "independent", "undecided", "translation"]
    confidence: float
    evidence: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Credit:
    """An article credits a source for a quote (or its translation)."""

    outlet: str
    source: str
    quote: str


@dataclass(slots=True)
class Provenance:
    renderings: list[Rendering] = field(default_factory=list)
    stemma: list[StemmaEdge] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    summary: str = ""
    translations: list[TranslationLink] = field(default_factory=list)


@dataclass(slots=True)
class Cluster:
    """Members that render one statement, with every pair that was scored between them."""

    id: str
    members: list[Member]
    pairs: list[Comparison] = field(default_factory=list)
    verdict: Verdict = "identical"  # the worst pair verdict
    drift: float = 0.0  # the highest pair drift
    speaker: str | None = None
    cohesion: float = 0.0  # mean pair score over all member pairs
    reason: str = ""
    repeats: list[str] = field(default_factory=list)  # members repeating another of the same article
    table: AlignmentTable | None = None
    provenance: Provenance | None = None

    @property
    def articles(self) -> list[str]:
        return sorted({m.article for m in self.members})


@dataclass(slots=True)
class Skipped:
    """An input that was not used, and why, so that nothing is lost silently."""

    path: str
    reason: str


@dataclass(slots=True)
class Duplicate:
    """An input left out because its text is identical to an article already read."""

    path: str
    kept: str  # the id of the article kept in its place


@dataclass(slots=True)
class Report:
    """The result of ``compare``: everything every renderer needs."""

    articles: list[Article]
    quotes: list[Quote]
    clusters: list[Cluster]
    skipped: list[Skipped] = field(default_factory=list)
    settings: dict[str, object] = field(default_factory=dict)
    duplicates: list[Duplicate] = field(default_factory=list)


@dataclass(slots=True)
class Match:
    """A rendering of a spot-checked quote found in the corpus."""

    quote: Quote
    article: Article
    member: Member
    comparison: Comparison


@dataclass(slots=True)
class CheckResult:
    query: str
    verdict: CheckVerdict
    matches: list[Match] = field(default_factory=list)
    query_id: str | None = None
    skipped: list[Skipped] = field(default_factory=list)
    settings: dict[str, object] = field(default_factory=dict)


@dataclass(slots=True)
class DiffResult:
    """Two renderings typed in by hand (``quotediff diff``), and their comparison."""

    a: str
    b: str
    comparison: Comparison
