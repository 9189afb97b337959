"""Language identification: every article and quote gets a language, from its own text when it says enough."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotediff.language import different_languages, identify, tag_languages
from quotediff.model import Article, Quote
from quotediff.pipeline import extract

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "multilingual" / "articles"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("우리는 대화의 문을 언제나 열어 두고 있다", "ko"),
        ("Wir halten die Tür zum Dialog jederzeit offen", "de"),
        ("Наші двері до діалогу завжди відчинені", "uk"),
        ("Мы будем сражаться до конца за честь нашей родины.", "ru"),
        ("Nous devons agir maintenant, pas dans dix ans.", "fr"),
        ("日本は平和国家としての歩みを続ける", "ja"),
        ("Our door to dialogue is always open", "en"),
    ],
)
def test_a_sentence_is_identified(text: str, language: str) -> None:
    assert identify(text) == language


def test_too_short_a_text_is_not_guessed() -> None:
    assert identify("pure fiction") is None  # reads as French to a model; two words say too little
    assert not different_languages("pure fiction", "Wir halten die Tür zum Dialog jederzeit offen")


def test_articles_and_quotes_of_the_fixtures_carry_their_language() -> None:
    report = extract([str(ARTICLES)])
    by_id = {a.id: a for a in report.articles}
    assert {a.id: a.language for a in report.articles} == {
        "herald_en": "en", "spiegel_de": "de", "times_en": "en", "unian_en": "en",
        "unian_uk": "uk", "wire_en": "en", "yonhap_ko": "ko",
    }  # fmt: skip
    assert by_id["spiegel_de"].metadata_source["language"] == "text:lingua"  # ingest's script guess left German open
    assert by_id["unian_uk"].metadata_source["language"] == "sidecar"  # what a person wrote is kept
    assert all(q.language == by_id[q.article].language for q in report.quotes)


def test_a_short_quote_takes_its_articles_language_and_a_foreign_one_its_own() -> None:
    text = "Der Minister sagte „Ja“ und fügte auf Englisch hinzu: “We will keep talking to them.”"
    article = Article(id="a", text=text, metadata_source={"language": "text:script"})
    short = Quote(id="a:q1", article="a", text="Ja", start=text.index("Ja"), end=text.index("Ja") + 2)
    start = text.index("We will")
    english = Quote(id="a:q2", article="a", text="We will keep talking to them.", start=start, end=start + 29)
    tag_languages([article], [short, english])
    assert (article.language, short.language, english.language) == ("de", "de", "en")


def test_the_english_seeds_stay_english(seeds_report) -> None:
    assert {a.language for a in seeds_report.articles} == {"en"}
    assert {q.language for q in seeds_report.quotes} == {"en"}
