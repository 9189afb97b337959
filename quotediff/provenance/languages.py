"""Provenance across languages: which rendering translates which, by meaning and by credits.

Within one language the word-based stemma (stemma.py) tells copies, edits and
re-translations apart. Across languages words cannot be compared; what can:

* closeness: the highest same-statement probability ``p`` between two renderings' members,
  as the cluster scored them (by meaning across languages, by meaning and wording within one);
* credits: an article that credits an outlet whose rendering is in another language
  translates it;
* outlets: an outlet that published the statement in two languages.

From these, edges of the stemma (``StemmaEdge``):

    translation     T translates S, in another language: T's article credits S's outlet, or S
                    is the original and T is closer to it than to any rendering of T's own
                    language (an independent translation; renderings that copy one
                    translation are closer to each other, sharing its wording);
    retranslation   T reaches its language through a third one: T's outlet also published the
                    statement in another language (M), and a rendering S in T's language is
                    where it came from (M credits S's outlet, or T credits it yet words it
                    differently): S -> M -> T, e.g. English -> Ukrainian -> English.

An outlet's home language is evidence too: the word-based stemma may find that an English
rendering rewords another throughout ("looks like a retranslation") without saying which came
first; when the rewording one comes from an outlet that publishes in another language
(UNIAN, a Ukrainian outlet, in English), it is directed as a likely re-translation through
that language (``OUTLET_LANGUAGES``, a short hand-kept table of wire services and outlets).

A rendering that copies or edits another of its own language (stemma.py) is not called an
independent translation, however close it comes to the original: the probabilities of
pairs across languages and within one come from two calibrations and only roughly compare.

The original is the rendering in a language other than the report's that renderings in
other languages credit; failing that, the one dated strictly earliest. Each rendering in
another language than the report's (English when there is any) is also linked to its
closest renderings in the report's language (``TranslationLink``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from quotediff.model import (
    Article,
    Cluster,
    Member,
    Quote,
    Rendering,
    StemmaEdge,
    TranslationLink,
)
from quotediff.provenance.credits import outlet_of, source_key, sources_of

REFERENCE_LANGUAGE = "en"
# The language an outlet writes in first (its other editions translate), by source_key.
OUTLET_LANGUAGES = {
    "unian": "uk", "ukrinform": "uk", "ukrainska pravda": "uk", "suspilne": "uk",
    "tass": "ru", "ria novosti": "ru", "interfax": "ru", "rbc": "ru", "kommersant": "ru",
    "yonhap": "ko", "chosun ilbo": "ko", "joongang ilbo": "ko", "dong a ilbo": "ko", "hankyoreh": "ko", "kcna": "ko",
    "kyodo": "ja", "nhk": "ja", "asahi shimbun": "ja", "yomiuri shimbun": "ja", "nikkei": "ja",
    "xinhua": "zh", "people s daily": "zh",
    "der spiegel": "de", "spiegel": "de", "dpa": "de", "die zeit": "de", "frankfurter allgemeine zeitung": "de",
    "le monde": "fr", "le figaro": "fr", "afp": "fr", "agence france presse": "fr",
}  # fmt: skip
CLOSEST_LINKS = 3  # reference renderings listed per foreign rendering


class Closeness:
    """The highest pair probability between the members of two renderings."""

    def __init__(self, cluster: Cluster, renderings: Sequence[Rendering]) -> None:
        rendering_of = {member: r.id for r in renderings for member in r.members}
        self._best: dict[frozenset[str], float] = {}
        for pair in cluster.pairs:
            a, b = rendering_of.get(pair.a), rendering_of.get(pair.b)
            if a and b and a != b and "p" in pair.scores:
                key = frozenset((a, b))
                self._best[key] = max(self._best.get(key, 0.0), pair.scores["p"])

    def __call__(self, a: str, b: str) -> float | None:
        return self._best.get(frozenset((a, b)))


def reference_language(renderings: Sequence[Rendering]) -> str | None:
    """English when any rendering is English, else the language most renderings use."""
    languages = Counter(r.language for r in renderings if r.language)
    if not languages:
        return None
    return REFERENCE_LANGUAGE if REFERENCE_LANGUAGE in languages else languages.most_common(1)[0][0]


def language_groups(renderings: Sequence[Rendering]) -> list[list[Rendering]]:
    """Renderings grouped by language (unknown languages join the reference group), in first-seen order."""
    reference = reference_language(renderings)
    groups: dict[str | None, list[Rendering]] = {}
    for rendering in renderings:
        groups.setdefault(rendering.language or reference, []).append(rendering)
    return list(groups.values())


def translation_links(renderings: Sequence[Rendering], closeness: Closeness) -> list[TranslationLink]:
    """Each rendering in another language than the report's, with the report-language renderings closest to it."""
    reference = reference_language(renderings)
    targets = [r for r in renderings if r.language == reference]
    links = []
    for rendering in renderings:
        if rendering.language in (None, reference):
            continue
        scored = sorted(((p, t.id) for t in targets if (p := closeness(rendering.id, t.id)) is not None), key=lambda x: (-x[0], x[1]))
        if scored:
            best = scored[:CLOSEST_LINKS]
            links.append(TranslationLink(rendering.id, rendering.language, [r for _, r in best], [round(p, 4) for p, _ in best], reference or ""))
    return links


class _Facts:
    """What the cross-language rules read of each rendering: outlets, credited sources, date."""

    def __init__(self, rendering: Rendering, members: dict[str, Member], articles: dict[str, Article], quotes: dict[str, Quote]) -> None:
        own = [members[m] for m in rendering.members]
        self.rendering = rendering
        self.outlets = {source_key(outlet_of(m, articles)): outlet_of(m, articles) for m in own}
        self.credits = {source_key(s): s for m in own for s in sources_of(m, quotes)}
        dates = [d for m in own if m.article in articles and (d := articles[m.article].date)]
        self.date = min(dates) if dates else None


def _credited(target: _Facts, source: _Facts) -> str | None:
    """The name under which ``target``'s article credits ``source``'s outlet, if it does."""
    shared = sorted(target.credits.keys() & source.outlets.keys())
    return target.credits[shared[0]] if shared else None


def find_original(facts: Sequence[_Facts], reference: str | None) -> _Facts | None:
    """The rendering other languages credit (in a language other than the report's), else the strictly earliest one."""
    foreign = [f for f in facts if f.rendering.language not in (None, reference)]
    credited = [f for f in foreign if any(o.rendering.language != f.rendering.language and _credited(o, f) for o in facts)]
    if credited:
        return credited[0]
    dated = sorted((f for f in foreign if f.date), key=lambda f: f.date or "")
    if dated and all(f.date and f.date > (dated[0].date or "") for f in facts if f is not dated[0]):
        return dated[0]
    return None


def _best_in_language(target: _Facts, facts: Sequence[_Facts], closeness: Closeness) -> tuple[float, str | None]:
    """The closest other rendering of ``target``'s own language, and its probability (0 when none)."""
    same = [(p, f.rendering.id) for f in facts if f is not target and f.rendering.language == target.rendering.language
            if (p := closeness(target.rendering.id, f.rendering.id)) is not None]  # fmt: skip
    return max(same, default=(0.0, None))


def cross_language_edges(
    renderings: Sequence[Rendering],
    cluster: Cluster,
    articles: dict[str, Article],
    quotes: dict[str, Quote],
    closeness: Closeness,
    in_language: Sequence[StemmaEdge] = (),
) -> list[StemmaEdge]:
    """Translation and re-translation edges between renderings of different languages (see the module doc).

    ``in_language``: the word-based stemma edges within each language.
    """
    members = {m.id: m for m in cluster.members}
    facts = [_Facts(r, members, articles, quotes) for r in renderings]
    if len({f.rendering.language for f in facts if f.rendering.language}) < 2:
        return []
    original = find_original(facts, reference_language(renderings))
    derived = {e.target for e in in_language if e.relation in ("copy", "edit")}
    derived |= {e.source for e in in_language if e.relation in ("copy", "edit") and e.source != e.target}
    edges = []
    for target in facts:
        language = target.rendering.language
        if language is None or target is original:
            continue
        edge = _retranslation(target, facts, closeness) or _translation(
            target, facts, original if target.rendering.id not in derived else None, closeness
        )
        if edge:
            edges.append(edge)
    return edges


def _retranslation(target: _Facts, facts: Sequence[_Facts], closeness: Closeness) -> StemmaEdge | None:
    language = target.rendering.language
    best, best_id = _best_in_language(target, facts, closeness)
    for middle in facts:
        if middle.rendering.language in (None, language) or not (middle.outlets.keys() & target.outlets.keys()):
            continue
        outlet = target.outlets[min(middle.outlets.keys() & target.outlets.keys())]
        evidence = [f"{outlet} also published the statement in {middle.rendering.language} ({middle.rendering.id})"]
        sources = [f for f in facts if f.rendering.language == language and f is not target and _credited(middle, f)]
        reworded = [f for f in facts if f.rendering.language == language and f is not target and _credited(target, f)]
        if sources:
            evidence.append(f"{middle.rendering.id} credits {_credited(middle, sources[0])}, whose rendering {sources[0].rendering.id} is {language}")
        elif reworded:
            source = reworded[0]
            evidence.append(
                f"{target.rendering.id} credits {_credited(target, source)}, whose {language} rendering {source.rendering.id} it words differently"
            )
        else:
            continue  # one outlet in two languages, but nothing says which way it went
        p = closeness(target.rendering.id, middle.rendering.id)
        if p is not None and p > best:
            evidence.append(f"{target.rendering.id} is closer to it (p {p:.2f}) than to any other {language} rendering ({best_id or 'none'}, p {best:.2f})")
        evidence.append(f"likely a re-translation: {language} -> {middle.rendering.language} -> {language}")
        confidence = 0.5 + 0.1 * (len(evidence) - 3)
        return StemmaEdge(middle.rendering.id, target.rendering.id, "retranslation", round(min(confidence, 0.8), 2), evidence)
    return None


def _translation(target: _Facts, facts: Sequence[_Facts], original: _Facts | None, closeness: Closeness) -> StemmaEdge | None:
    language = target.rendering.language
    for source in facts:
        name = _credited(target, source) if source.rendering.language not in (None, language) else None
        if name:
            evidence = [f"{target.rendering.id}'s article credits {name}, whose rendering {source.rendering.id} is {source.rendering.language}"]
            return StemmaEdge(source.rendering.id, target.rendering.id, "translation", 0.8, evidence)
    if original is None or original.rendering.language == language:
        return None
    if any(_credited(target, f) for f in facts if f.rendering.language == language and f is not target):
        return None  # it names its source in its own language: derived from that, not translated afresh
    p = closeness(target.rendering.id, original.rendering.id)
    best, best_id = _best_in_language(target, facts, closeness)
    if p is None or p <= best:
        return None
    nearest = f"any other {language} rendering ({best_id}, p {best:.2f})" if best_id else f"any other {language} rendering (there is none)"
    evidence = [f"closer to the {original.rendering.language} original {original.rendering.id} (p {p:.2f}) than to {nearest}: an independent translation"]
    return StemmaEdge(original.rendering.id, target.rendering.id, "translation", 0.6, evidence)


def through_home_language(stemma: Sequence[StemmaEdge], renderings: Sequence[Rendering]) -> list[StemmaEdge]:
    """``stemma`` with each undirected "looks like a retranslation" edge directed when one side's outlet
    writes first in another language than the rendering's (see the module doc)."""
    by_id = {r.id: r for r in renderings}
    refined = []
    for edge in stemma:
        reworded = edge.relation == "retranslation" or (edge.relation == "undecided" and any("looks like a retranslation" in e for e in edge.evidence))
        through = [rid for rid in (edge.source, edge.target) if reworded and _home_language_differs(by_id[rid])]
        if len(through) != 1:
            refined.append(edge)
            continue
        target = by_id[through[0]]
        source = edge.source if target.id == edge.target else edge.target
        outlet, home = next((o, OUTLET_LANGUAGES[source_key(o)]) for o in target.outlets if source_key(o) in OUTLET_LANGUAGES)
        detour = (
            f"{outlet} writes in {home} first, and {target.id} is its {target.language} rendering, reworded throughout: "
            f"likely a re-translation, {target.language} -> {home} -> {target.language}"
        )
        evidence = [e for e in edge.evidence if not e.startswith("looks like")] + [detour]
        confidence = max(edge.confidence, 0.55) if edge.relation == "retranslation" else 0.55
        refined.append(StemmaEdge(source, target.id, "retranslation", confidence, evidence))
    return refined


def _home_language_differs(rendering: Rendering) -> bool:
    homes = {OUTLET_LANGUAGES[key] for outlet in rendering.outlets if (key := source_key(outlet)) in OUTLET_LANGUAGES}
    return rendering.language is not None and bool(homes) and rendering.language not in homes
