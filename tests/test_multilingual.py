"""Quotes across languages with ``--model multilingual``: one statement's renderings in Korean, German,
Ukrainian and English cluster together, other statements of the same briefing stay apart, pairs in two
languages are compared by meaning, and provenance names translations and a re-translation."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from quotediff import Settings, compare
from quotediff.cluster.features import load_calibration
from quotediff.embed import canonical_model, get_embedder
from quotediff.model import Cluster, Report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "multilingual"
ARTICLES = FIXTURES / "articles"


@pytest.fixture(scope="module")
def report() -> Report:
    return compare([str(ARTICLES)], settings=Settings(model="multilingual"))


def _cluster_with(report: Report, member_id: str) -> Cluster:
    return next(c for c in report.clusters if any(m.id == member_id for m in c.members))


def _rendering_of(cluster: Cluster, outlet: str, language: str) -> str:
    assert cluster.provenance is not None
    return next(r.id for r in cluster.provenance.renderings if outlet in r.outlets and r.language == language)


def test_multilingual_names_the_use_backend_and_the_default_stays_minilm() -> None:
    assert canonical_model("multilingual") == "multilingual-use"
    assert Settings().model == "all-MiniLM-L6-v2"
    vectors = get_embedder("multilingual").encode(["Wir halten die Tür offen.", "문은 열려 있다."])
    assert vectors.shape == (2, 512) and np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_each_model_has_its_calibration_or_says_it_has_none() -> None:
    assert load_calibration("multilingual").model == "multilingual-use"
    assert load_calibration("multilingual").cross_language is not None
    assert load_calibration("all-MiniLM-L6-v2").cross_language is None
    assert "no calibration for some/other-model" in load_calibration("some/other-model").source


def test_the_nearest_rendering_in_another_language_is_the_same_statement() -> None:
    """Hard negatives: the other statements of the same story, in every language."""
    data = json.loads((FIXTURES / "statements.json").read_text(encoding="utf-8"))
    rows = [(s["id"], s["story"], language, text) for s in data["statements"] for language, text in s["renderings"].items()]
    vectors = get_embedder("multilingual").encode([text for *_, text in rows])
    similarity = vectors @ vectors.T
    for i, (statement, story, language, text) in enumerate(rows):
        others = [j for j, row in enumerate(rows) if row[1] == story and row[2] != language]
        nearest = max(others, key=lambda j: similarity[i, j])
        assert rows[nearest][0] == statement, f"{text!r} is nearest to {rows[nearest][3]!r}"


def test_one_statement_clusters_across_five_outlets_and_four_languages(report: Report) -> None:
    door = _cluster_with(report, "yonhap_ko:q2")  # 우리는 대화의 문을 언제나 열어 두고 있다
    assert {m.id for m in door.members} == {
        "yonhap_ko:q1", "yonhap_ko:q2",  # the headline quotes it too: a repeat within the article
        "spiegel_de:q1", "herald_en:q1", "wire_en:q1", "times_en:q1", "unian_en:q1", "unian_uk:q1",
    }  # fmt: skip
    assert door.repeats == ["yonhap_ko:q2"]
    warning = _cluster_with(report, "yonhap_ko:q3")  # 북한이 도발을 계속한다면 ...
    assert {m.article for m in warning.members} >= {"yonhap_ko", "spiegel_de", "herald_en", "times_en"}
    assert not {m.id for m in door.members} & {m.id for m in warning.members}


def test_pairs_in_two_languages_are_compared_by_meaning_only(report: Report) -> None:
    door = _cluster_with(report, "yonhap_ko:q2")
    quotes = {q.id: q for q in report.quotes}
    for pair in door.pairs:
        a, b = (quotes[m.split("/")[0]].language for m in (pair.a, pair.b))
        if a != b:
            assert pair.cross_language and pair.languages == (a, b)
            assert pair.changes == [] and pair.alignment == []
            assert pair.verdict != "identical" and "compared by meaning only" in pair.reason
        else:
            assert not pair.cross_language and pair.alignment  # the word diff, as before
    herald_wire = next(p for p in door.pairs if {p.a, p.b} == {"herald_en:q1", "wire_en:q1"})
    assert herald_wire.verdict == "identical"


def test_foreign_renderings_link_to_their_closest_english_renderings(report: Report) -> None:
    door = _cluster_with(report, "yonhap_ko:q2")
    assert door.provenance is not None
    links = {link.language: link for link in door.provenance.translations}
    assert set(links) == {"ko", "de", "uk"}
    english = {r.id for r in door.provenance.renderings if r.language == "en"}
    assert all(set(link.closest) <= english and link.scores == sorted(link.scores, reverse=True) for link in links.values())


def test_provenance_across_languages(report: Report) -> None:
    door = _cluster_with(report, "yonhap_ko:q2")
    assert door.provenance is not None
    edges = {(e.source, e.target): e for e in door.provenance.stemma}
    yonhap, herald = _rendering_of(door, "Yonhap", "ko"), _rendering_of(door, "Korea Herald", "en")
    times, unian_en, unian_uk = (_rendering_of(door, "Seoul Times", "en"), _rendering_of(door, "UNIAN", "en"), _rendering_of(door, "UNIAN", "uk"))
    # The Herald credits Yonhap: its English translates the Korean (and the wire copies the Herald).
    assert edges[(yonhap, herald)].relation == "translation"
    # The Seoul Times credits nobody and is closer to the Korean than to the other English: its own translation.
    assert edges[(yonhap, times)].relation == "translation"
    assert "independent translation" in edges[(yonhap, times)].evidence[0]
    # UNIAN's Ukrainian credits the Herald; its English credits the Herald too but words it differently.
    assert edges[(herald, unian_uk)].relation == "translation"
    retranslation = edges[(unian_uk, unian_en)]
    assert retranslation.relation == "retranslation"
    assert any("en -> uk -> en" in line for line in retranslation.evidence)


def test_the_english_only_model_keeps_languages_apart() -> None:
    english_only = compare([str(ARTICLES)])
    quotes = {q.id: q for q in english_only.quotes}
    for cluster in english_only.clusters:
        assert len({quotes[m.quote].language for m in cluster.members}) == 1


def test_seed_002_reworded_by_a_ukrainian_outlet_is_a_likely_retranslation(seeds_report: Report) -> None:
    """UNIAN writes in Ukrainian first; where its English rewords the JoongAng's copy of the Post's translation."""
    song = _cluster_with(seeds_report, next(m.id for c in seeds_report.clusters for m in c.members if "fate is always" in m.text))
    assert song.provenance is not None
    [edge] = song.provenance.stemma
    unian = _rendering_of(song, "UNIAN", "en")
    assert (edge.target, edge.relation) == (unian, "retranslation")
    assert "en -> uk -> en" in edge.evidence[-1] and any("both credit Washington Post" in line for line in edge.evidence)
    # Nearly verbatim renderings stay what the word-based stemma said: no detour through Ukrainian is claimed.
    assert any(e.relation == "undecided" for c in seeds_report.clusters if c.provenance for e in c.provenance.stemma)


def test_a_spot_check_finds_the_renderings_in_every_language() -> None:
    from quotediff import check

    result = check("Our door to dialogue is always open", [str(ARTICLES)], settings=Settings(model="multilingual"))
    found = {(m.article.outlet, m.quote.language) for m in result.matches}
    assert {("Yonhap", "ko"), ("Der Spiegel", "de"), ("UNIAN", "uk"), ("Korea Herald", "en")} <= found
    assert "reunions" not in " ".join(m.quote.text for m in result.matches)  # another statement of the briefing


def test_a_spot_check_compares_renderings_in_other_languages_by_meaning_only() -> None:
    from quotediff import check

    result = check("We always keep the door to dialogue open", [str(ARTICLES)], settings=Settings(model="multilingual"))
    by_language = {}
    for match in result.matches:
        by_language.setdefault(match.quote.language, []).append(match.comparison)
    assert {"ko", "de", "en"} <= set(by_language)
    for language, comparisons in by_language.items():
        for comparison in comparisons:
            if language == "en":
                assert not comparison.cross_language
            else:
                assert comparison.cross_language and comparison.changes == [] and comparison.verdict != "identical"


def test_the_text_report_says_a_foreign_rendering_was_compared_by_meaning() -> None:
    from quotediff import check
    from quotediff.render import render

    result = check("We always keep the door to dialogue open", [str(ARTICLES)], settings=Settings(model="multilingual"))
    text = render(result, "text", width=120)
    assert "en and ko compared by meaning only" in text
    assert "en and de compared by meaning only" in text
