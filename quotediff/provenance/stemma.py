"""Which rendering most likely derives from which: a stemma over a cluster's renderings.

Renderings are joined by a maximum spanning tree over their *affinity*: the share of
content words they have in common where they align (an excerpt's context aside), each word weighted by how unusual it is (rare words
in WordNet's sense-tagged counts weigh more, so two texts both choosing "disperse" or
"reconnaissance" say more than both saying "said"). With three or more renderings, a
reading two renderings share against the others (a variant column of the alignment table
where both have the same word) adds to their affinity, as shared readings do in textual
criticism.

Each tree edge is then typed from the word diff of the two renderings:

    copy           only cuts or additions: one is the other shortened or extended
    edit           a few substitutions in otherwise shared wording
    retranslation  reworded throughout yet sharing unusual words, or crediting a common
                   source: a translation of the other's text, or of that source, made
                   again (often through another language)
    independent    little wording in common and no common credited source
    undecided      the kind is clear but nothing says which came first (or the signals
                   disagree): the evidence says what it looks like

Direction comes from credits (a rendering whose article credits the other's outlet
derives from it), dates (the earlier is the source) and, for copies, length (the cut
version derives from the fuller one).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from quotediff.align import alignment_table, compare_texts, tokenize
from quotediff.align.cues import is_function_word
from quotediff.lexicon import usage_count
from quotediff.model import Article, Comparison, Member, Quote, Rendering, StemmaEdge
from quotediff.provenance.credits import outlet_of, source_key, sources_of

EDIT_AFFINITY = 0.75  # at or above: shared wording with a few substitutions is an edit
MAX_EDIT_SUBSTITUTIONS = 3
INDEPENDENT_AFFINITY = 0.2  # below, and crediting no common source: independent translations
SHARED_READING_BONUS = 0.05  # affinity per variant reading two renderings share against the rest
SUBSTITUTIONS = {"synonym", "paraphrase", "hedge", "spelling", "number", "name", "negation", "antonym"}


@dataclass(frozen=True, slots=True)
class RenderingFacts:
    rendering: Rendering
    text: str  # its fullest member's text
    outlets: dict[str, str]  # source key -> name as written
    sources: dict[str, str]  # source key -> name as written
    date: str | None


def _rarity(word: str) -> float:
    return 1.0 / (1.0 + math.log1p(usage_count(word)))


def _aligned_words(text: str, spans: list[tuple[int, int]]) -> set[str]:
    """Content words of the part of ``text`` the alignment covers (an excerpt's context is left out)."""
    tokens = tokenize(text)
    start, end = (min(s for s, _ in spans), max(e for _, e in spans)) if spans else (0, len(tokens))
    return {t.key for t in tokens[start:end] if not is_function_word(t.key) and not t.key.isdigit()}


def affinity(comparison: Comparison, a: str, b: str) -> tuple[float, list[str]]:
    """Rarity-weighted Jaccard overlap of the aligned content words of two texts, and the rarest shared words."""
    words_a = _aligned_words(a, [r.a_span for r in comparison.alignment if r.op != "insert"])
    words_b = _aligned_words(b, [r.b_span for r in comparison.alignment if r.op != "delete"])
    union = words_a | words_b
    if not union:
        return 0.0, []
    shared = words_a & words_b
    # fsum is exactly rounded, so the score does not depend on set order (the hash seed).
    score = math.fsum(_rarity(w) for w in shared) / math.fsum(_rarity(w) for w in union)
    rarest = sorted(shared, key=lambda w: (-_rarity(w), w))[:5]
    return score, rarest


def rendering_facts(rendering: Rendering, members: dict[str, Member], articles: dict[str, Article], quotes: dict[str, Quote]) -> RenderingFacts:
    own = [members[m] for m in rendering.members]
    fullest = max(own, key=lambda m: (len(m.text), [-ord(c) for c in m.id]))
    dates = [date for m in own if m.article in articles and (date := articles[m.article].date)]
    return RenderingFacts(
        rendering=rendering,
        text=fullest.text,
        outlets={source_key(outlet_of(m, articles)): outlet_of(m, articles) for m in own},
        sources={source_key(s): s for m in own for s in sources_of(m, quotes)},
        date=min(dates) if dates else None,
    )


def _shared_readings(facts: list[RenderingFacts]) -> dict[tuple[str, str], list[str]]:
    """Variant readings each pair of renderings shares against the others (three or more renderings)."""
    if len(facts) < 3:
        return {}
    table = alignment_table([(f.rendering.id, f.text) for f in facts])
    readings: dict[tuple[str, str], list[str]] = {}
    for column, is_variant in enumerate(table.variant_columns):
        if not is_variant:
            continue
        cells: dict[str, str] = {w: cell for w, row in zip(table.witnesses, table.rows) if (cell := row[column]) is not None}
        keys = {w: tokenize(cell)[0].key for w, cell in cells.items() if tokenize(cell)}
        for n, first in enumerate(table.witnesses):
            for second in table.witnesses[n + 1 :]:
                if first in keys and keys.get(first) == keys.get(second) and not is_function_word(keys[first]):
                    readings.setdefault((first, second), []).append(cells[first])
    return readings


def _spanning_tree(ids: list[str], weight: dict[tuple[str, str], float]) -> list[tuple[str, str]]:
    """Kruskal's maximum spanning tree, ties broken by rendering ids so the result is stable."""
    parent = {i: i for i in ids}

    def root(i: str) -> str:
        while parent[i] != i:
            i = parent[i]
        return i

    edges = []
    for (a, b), value in sorted(weight.items(), key=lambda item: (-item[1], item[0])):
        if root(a) != root(b):
            parent[root(b)] = root(a)
            edges.append((a, b))
    return edges


def _kind(comparison: Comparison, score: float, common_source: bool) -> str:
    types = Counter(c.type for c in comparison.changes if c.type != "typography")
    if not types or set(types) <= {"omission", "addition"}:
        return "copy"
    substitutions = sum(n for kind, n in types.items() if kind in SUBSTITUTIONS)
    if score >= EDIT_AFFINITY and substitutions <= MAX_EDIT_SUBSTITUTIONS:
        return "edit"
    if score < INDEPENDENT_AFFINITY and not common_source:
        return "independent"
    return "retranslation"


def _direction_signals(first: RenderingFacts, second: RenderingFacts, kind: str) -> list[tuple[str, str]]:
    """(source rendering id, why) for every signal that orders the two renderings."""
    signals = []
    for earlier, later in ((first, second), (second, first)):
        credited = sorted(later.sources.keys() & earlier.outlets.keys())
        if credited:
            name = earlier.outlets[credited[0]]
            signals.append((earlier.rendering.id, f"{later.rendering.id}'s article credits {name}, the outlet of {earlier.rendering.id}"))
    if first.date and second.date and first.date != second.date:
        earlier, later = (first, second) if first.date < second.date else (second, first)
        signals.append((earlier.rendering.id, f"{earlier.rendering.id} is dated {earlier.date}, before {later.rendering.id} ({later.date})"))
    if kind == "copy" and len(first.text) != len(second.text):
        fuller, cut = (first, second) if len(first.text) > len(second.text) else (second, first)
        signals.append((fuller.rendering.id, f"{cut.rendering.id} is {fuller.rendering.id} with words cut"))
    return signals


def _edge(first: RenderingFacts, second: RenderingFacts, comparison: Comparison, readings: list[str]) -> StemmaEdge:
    score, rarest = affinity(comparison, first.text, second.text)
    common = sorted(first.sources.keys() & second.sources.keys())
    kind = _kind(comparison, score, bool(common))
    types = Counter(c.type for c in comparison.changes if c.type != "typography")
    evidence = [f"wording in common (rarity-weighted): {score:.2f}"]
    if rarest:
        evidence.append("unusual words both use: " + ", ".join(rarest))
    if readings:
        evidence.append("readings both share against the other renderings: " + ", ".join(readings))
    if types:
        evidence.append("differences: " + ", ".join(f"{n} {t}" for t, n in sorted(types.items())))
    if common:
        evidence.append(f"both credit {first.sources[common[0]]}")
    if kind == "independent":
        evidence.append("little shared wording: independent translations")
        return StemmaEdge(first.rendering.id, second.rendering.id, "independent", round(1.0 - score / INDEPENDENT_AFFINITY * 0.5, 2), evidence)

    signals = _direction_signals(first, second, kind)
    sources = {source for source, _ in signals}
    evidence.extend(reason for _, reason in signals)
    if len(sources) != 1:
        why = "the credits, dates and lengths disagree" if signals else "neither credits nor dates say which came first"
        evidence.append(f"looks like {'a ' if kind != 'edit' else 'an '}{kind}, but {why}")
        return StemmaEdge(first.rendering.id, second.rendering.id, "undecided", 0.3, evidence)
    source = sources.pop()
    target = second.rendering.id if source == first.rendering.id else first.rendering.id
    base = {"copy": 0.8, "edit": 0.7, "retranslation": 0.6}[kind]
    confidence = min(0.95, base + 0.1 * (len(signals) - 1))
    return StemmaEdge(source, target, kind, round(confidence, 2), evidence)  # type: ignore[arg-type]


def build_stemma(renderings: list[Rendering], members: dict[str, Member], articles: dict[str, Article], quotes: dict[str, Quote]) -> list[StemmaEdge]:
    """Stemma edges over the renderings (none when there is only one)."""
    facts = [rendering_facts(r, members, articles, quotes) for r in renderings]
    if len(facts) < 2:
        return []
    by_id = {f.rendering.id: f for f in facts}
    readings = _shared_readings(facts)
    comparisons = {
        (first.rendering.id, second.rendering.id): compare_texts(first.text, second.text, a_id=first.rendering.id, b_id=second.rendering.id)
        for n, first in enumerate(facts)
        for second in facts[n + 1 :]
    }
    weight = {
        (a, b): affinity(comparison, by_id[a].text, by_id[b].text)[0] + SHARED_READING_BONUS * len(readings.get((a, b), []))
        for (a, b), comparison in comparisons.items()
    }
    return [
        _edge(by_id[a], by_id[b], comparisons[(a, b)], readings.get((a, b), []))
        for a, b in _spanning_tree([f.rendering.id for f in facts], weight)
    ]
