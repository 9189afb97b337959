"""Provenance on a small hand-made cluster built from the seed song line: copies, a re-translation, an edit, credits."""

from __future__ import annotations

from quotediff.model import Article, Cluster, Member, Quote
from quotediff.provenance import infer_provenance

SHARED = "My fate is always shared with the motherland"  # seed 000, crediting the Washington Post
DIVIDED = "With my homeland, my fate is always divided."  # seed 002, crediting the Washington Post


def _case(*rows: tuple[str, str, str | None, str, list[str]]) -> tuple[Cluster, dict[str, Article], dict[str, Quote]]:
    """rows: (article id, outlet, date, quote text, credit chain)."""
    articles, quotes, members = {}, {}, []
    for article_id, outlet, date, text, chain in rows:
        body = f"A booklet held a song that read, “{text}”"
        start = body.index(text)
        articles[article_id] = Article(id=article_id, text=body, outlet=outlet, date=date)
        quote_id = f"{article_id}:q1"
        quotes[quote_id] = Quote(
            id=quote_id, article=article_id, text=text, start=start, end=start + len(text),
            credited_source=chain[0] if chain else None, credit_chain=chain,
        )
        members.append(Member(id=quote_id, quote=quote_id, article=article_id, text=text, start=start, end=start + len(text)))
    return Cluster(id="c1", members=members), articles, quotes


def test_copies_form_one_rendering_and_credits_form_a_graph():
    cluster, articles, quotes = _case(
        ("joongang", "Korea JoongAng Daily", "2025-01-13", SHARED, ["The Washington Post"]),
        ("aggregator", "News Aggregator", "2025-01-14", SHARED.upper().replace("MY", "My", 1), ["Korea JoongAng Daily", "The Washington Post"]),
        ("unian", "UNIAN", "2025-01-13", DIVIDED, ["Washington Post"]),
    )
    provenance = infer_provenance(cluster, articles, quotes)
    assert [(r.id, r.members) for r in provenance.renderings] == [
        ("r1", ["aggregator:q1", "joongang:q1"]),
        ("r2", ["unian:q1"]),
    ]
    assert provenance.renderings[0].outlets == ["Korea JoongAng Daily", "News Aggregator"]
    assert {(c.outlet, c.source) for c in provenance.credits} == {
        ("Korea JoongAng Daily", "The Washington Post"),
        ("News Aggregator", "Korea JoongAng Daily"),
        ("UNIAN", "Washington Post"),
    }
    # Same day, no credit between them: the re-translation's direction is not decided.
    [edge] = provenance.stemma
    assert (edge.source, edge.target, edge.relation) == ("r1", "r2", "undecided")
    assert any("both credit" in line for line in edge.evidence)
    assert any("retranslation" in line for line in edge.evidence)
    assert "r1 and r2: undecided" in provenance.summary


def test_a_dated_re_translation_is_directed_from_the_earlier_rendering():
    cluster, articles, quotes = _case(
        ("joongang", "Korea JoongAng Daily", "2025-01-13", SHARED, ["The Washington Post"]),
        ("unian", "UNIAN", "2025-01-15", DIVIDED, ["Washington Post"]),
    )
    [edge] = infer_provenance(cluster, articles, quotes).stemma
    assert (edge.source, edge.target, edge.relation) == ("r1", "r2", "retranslation")
    assert any("dated 2025-01-13" in line for line in edge.evidence)


def test_an_edit_that_credits_its_source_derives_from_it():
    cluster, articles, quotes = _case(
        ("joongang", "Korea JoongAng Daily", None, SHARED, ["The Washington Post"]),
        ("blog", "A Blog", None, SHARED.replace("always", "forever"), ["Korea JoongAng Daily"]),
        ("unian", "UNIAN", None, DIVIDED, []),
    )
    provenance = infer_provenance(cluster, articles, quotes)
    by_outlet = {r.outlets[0]: r.id for r in provenance.renderings}
    edges = {(e.source, e.target): e for e in provenance.stemma}
    edit = edges[(by_outlet["Korea JoongAng Daily"], by_outlet["A Blog"])]
    assert edit.relation == "edit"
    assert any("credits Korea JoongAng Daily" in line for line in edit.evidence)
    # With three renderings, words two of them share against the third count as shared readings.
    shared_readings = next(line for line in edit.evidence if line.startswith("readings both share"))
    assert "shared" in shared_readings and "motherland" in shared_readings
    # UNIAN shares little wording and credits nothing in common: an independent rendering.
    independent = [e for e in provenance.stemma if by_outlet["UNIAN"] in (e.source, e.target)]
    assert [e.relation for e in independent] == ["independent"]


def test_an_excerpt_copy_joins_the_rendering_it_was_cut_from():
    cluster, articles, quotes = _case(
        ("joongang", "Korea JoongAng Daily", "2025-01-13", SHARED + ", we sang, and we meant it", []),
        ("short", "Short News", "2025-01-14", SHARED, []),
    )
    provenance = infer_provenance(cluster, articles, quotes)
    assert [r.members for r in provenance.renderings] == [["joongang:q1", "short:q1"]]
    assert provenance.stemma == []
