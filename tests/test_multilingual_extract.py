"""Quotes in Korean, Japanese, German, French, Russian and Ukrainian: their marks pair, their
common cue words attribute them, and a short whole sentence is a statement, not a fragment."""

from __future__ import annotations

import pytest

from quotediff.extract import extract_quotes
from quotediff.model import Article


def _only_quote(text: str):
    [quote] = extract_quotes(Article(id="a", text=text))
    assert text[quote.start : quote.end] == quote.text
    return quote


@pytest.mark.parametrize(
    ("text", "quoted", "speaker", "cue"),
    [
        ("박 장관은 “우리는 대화의 문을 언제나 열어 두고 있다”고 말했다.", "우리는 대화의 문을 언제나 열어 두고 있다", "박 장관", "말했다"),
        ("박지훈 통일부 장관은 2일 \"이산가족 상봉을 하루빨리 재개해야 한다\"고 강조했다.", "이산가족 상봉을 하루빨리 재개해야 한다", "박지훈 통일부 장관", "강조했다"),
        ("박 장관은 ‘대화의 문은 언제나 열려 있다’고 밝혔다.", "대화의 문은 언제나 열려 있다", "박 장관", "밝혔다"),
        ("박 장관은 「북한이 도발을 계속한다면 단호하게 대응할 것」이라고 밝혔다.", "북한이 도발을 계속한다면 단호하게 대응할 것", "박 장관", "밝혔다"),
        ("首相は「日本は平和国家としての歩みを続ける」と述べた。", "日本は平和国家としての歩みを続ける", "首相", "述べた"),
        ("„Sollte Nordkorea seine Provokationen fortsetzen, wird die Regierung entschlossen reagieren“, sagte der Minister.",
         "Sollte Nordkorea seine Provokationen fortsetzen, wird die Regierung entschlossen reagieren", "der Minister", "sagte"),
        ("Der Minister sagte: »Wir halten die Tür zum Dialog offen.« Dann ging er.", "Wir halten die Tür zum Dialog offen.", "Der Minister", "sagte"),
        ("Le président a déclaré : « Nous devons agir maintenant, pas dans dix ans. »", "Nous devons agir maintenant, pas dans dix ans.", "Le président", "a déclaré"),
        ("« La France fermera ses dernières centrales à charbon d'ici 2027 », a ajouté le chef de l'État.",
         "La France fermera ses dernières centrales à charbon d'ici 2027", "le chef de l'État", "a ajouté"),
        ("«Россия не намерена вести переговоры под давлением», — заявила Захарова.", "Россия не намерена вести переговоры под давлением", "Захарова", "заявила"),
        ("Она добавила: „Западные санкции только укрепили нашу экономику“.", "Западные санкции только укрепили нашу экономику", "Она", "добавила"),
        ("«Наші двері до діалогу завжди відчинені», — заявив Пак.", "Наші двері до діалогу завжди відчинені", "Пак", "заявив"),
    ],
)
def test_a_quote_in_another_language_is_found_and_attributed(text: str, quoted: str, speaker: str, cue: str) -> None:
    quote = _only_quote(text)
    assert (quote.text, quote.kind, quote.speaker, quote.cue) == (quoted, "statement", speaker, cue)


def test_a_short_phrase_is_still_a_fragment() -> None:
    assert _only_quote("Er nannte das „Unsinn“.").kind == "fragment"
    assert _only_quote("그는 이를 ‘거짓말’이라고 불렀다.").kind == "fragment"


def test_english_apostrophes_between_latin_letters_stay_apostrophes() -> None:
    quote = _only_quote("It’s Kim’s ‘fate’, he said.")
    assert quote.text == "fate"


@pytest.mark.parametrize(
    ("text", "credited"),
    [
        ("Міністр заявив, що Сеул відкритий до переговорів, повідомляє Korea Herald.\n\n«Наші двері до діалогу завжди відчинені», — заявив Пак.", "Korea Herald"),
        ("«Россия не намерена вести переговоры под давлением», — заявила Захарова, сообщает ТАСС.", "ТАСС"),
        ("„Wir halten die Tür zum Dialog offen“, sagte Park, berichtet der Spiegel.", "Der Spiegel"),
    ],
)
def test_a_report_credit_in_another_language_credits_the_outlet(text: str, credited: str) -> None:
    assert _only_quote(text).credited_source == credited
