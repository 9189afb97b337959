"""The extract stage on small hand-written articles, one per hard case (fixtures/extract/hard)."""

from __future__ import annotations

import pathlib

from quotediff.extract import extract_quotes
from quotediff.model import Article, Quote

HARD = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "extract" / "hard"


def quotes_of(name: str) -> list[Quote]:
    article = Article(id=name, text=(HARD / f"{name}.txt").read_text(encoding="utf-8"))
    return extract_quotes(article)


def by_text(quotes: list[Quote], start: str) -> Quote:
    return next(q for q in quotes if q.text.startswith(start))


def test_every_common_quote_style_is_read() -> None:
    texts = [q.text for q in quotes_of("quote_styles")]
    assert texts == [
        "we will win",  # straight double
        "premature",  # straight single
        "We don’t play for the table,",  # curly double, with an apostrophe inside
        "armchair experts",  # curly single as a quote
        "He told me ‘never give up’ and I listened,",
        "never give up",  # single nested in double
        "Nous ne céderons pas sur la réforme des retraites",  # « » with French spacing trimmed
        "Wir werden die Ukraine weiter unterstützen, solange es nötig ist",  # „ “
        "unverantwortlich",  # ‚ ‘
        "vi står sammen med Ukraine i lang tid",  # » « (Danish)
        "patience",  # ‹ ›
        "日本は平和国家としての歩みを続ける",  # 「 」
        "長い戦いになる",  # 『 』
    ]


def test_apostrophes_are_not_quote_marks() -> None:
    quotes = quotes_of("quote_styles")
    assert not any("90s" in q.text or "spokesman" in q.text for q in quotes)
    assert by_text(quotes, "premature").text == "premature"  # "the players' union" did not open a quote


def test_a_nested_quote_is_a_fragment_of_its_speaker() -> None:
    quotes = quotes_of("quote_styles")
    outer, inner = by_text(quotes, "He told me"), by_text(quotes, "never give up")
    assert (outer.kind, inner.kind) == ("statement", "fragment")
    assert outer.start < inner.start < inner.end < outer.end
    assert inner.speaker == outer.speaker == "the striker"


def test_a_quote_over_several_paragraphs_comes_out_as_linked_parts() -> None:
    parts = quotes_of("multi_paragraph")
    assert [q.text.split()[0] for q in parts] == ["We", "But", "I"]
    assert [q.continues for q in parts] == [None, parts[0].id, parts[1].id]
    assert {(q.speaker, q.cue) for q in parts} == {("the minister", "said")}
    assert not any("“" in q.text for q in parts)


def test_unbalanced_marks_are_recovered_at_the_next_paragraph() -> None:
    quotes = quotes_of("unbalanced")
    texts = [q.text for q in quotes]
    assert texts[0] == "alleging they were born in the Tuva Republic"  # opened by a reversed ”
    # an opener that lost its closer runs to its paragraph end, and no further
    assert texts[1].startswith("the talks collapsed") and texts[1].endswith("refused to return.")
    assert quotes[2].continues is None and quotes[2].speaker == "the foreign minister"
    # a stray closer shifts nothing
    assert texts[3] == "a proper quote of several words follows here,"
    assert (quotes[4].speaker, quotes[4].credited_source) == ("a volunteer", "Reuters")


def test_a_colon_on_the_line_or_paragraph_before_introduces_the_quote() -> None:
    poem, remark, post = quotes_of("colon_intro")
    assert (poem.speaker, poem.cue) == ("One of the poems", "noted")
    assert (remark.speaker, remark.cue) == ("The article", "remarks")
    assert (post.speaker, post.cue, post.credited_source) == ("the president", "said", "X")


def test_a_quotation_split_by_its_attribution_and_a_partial_quote() -> None:
    quotes = quotes_of("split_quote")
    courage = by_text(quotes, "fight with courage")
    assert (courage.kind, courage.speaker_key, courage.cue) == ("fragment", "kim jong un", "urging")
    first, second, alone = by_text(quotes, "I miss you"), by_text(quotes, "Please return"), by_text(quotes, "Victory")
    assert (first.speaker, first.cue) == ("the letter", "said")
    assert (second.speaker, second.cue, second.continues) == ("the letter", None, first.id)
    assert alone.continues == second.id
    gain = by_text(quotes, "gain practical")
    assert (gain.kind, gain.speaker_key, gain.credited_source) == ("statement", "washington post", "Washington Post")


def test_editorial_marks_are_reported_with_their_offsets() -> None:
    article = Article(id="editorial", text=(HARD / "editorial.txt").read_text(encoding="utf-8"))
    zelensky, senator = extract_quotes(article)
    assert [(m.kind, m.text) for m in zelensky.marks] == [
        ("ellipsis", "…"),
        ("insertion", "[Russian President Vladimir]"),
        ("insertion", "[Russian]"),
    ]
    assert [(m.kind, m.text) for m in senator.marks] == [("sic", "[sic]"), ("ellipsis", "...")]
    for mark in zelensky.marks + senator.marks:
        assert article.text[mark.start : mark.end] == mark.text
        assert zelensky.start <= mark.start or senator.start <= mark.start


def test_statements_and_fragments() -> None:
    kinds = {q.text: q.kind for q in quotes_of("kinds")}
    assert kinds == {
        "burden": "fragment",
        "bait": "fragment",
        "new lives": "fragment",
        "to be happy, protected and not to be afraid of tomorrow.": "statement",
        "The Art of Modern War,": "fragment",  # a title
        "I want to live here.": "statement",  # a short complete sentence
    }


def test_speakers_cues_and_credits() -> None:
    quotes = quotes_of("attribution")
    expected = [
        ("Yevgen Yerin", "yevgen yerin", "told", "AFP"),
        ("he", "yevgen yerin", "added", "AFP"),
        ("South Korea’s National Intelligence Service", "national intelligence service", "said", None),
        ("the NIS", "national intelligence service", "told", "Yonhap"),
        ("Ukraine’s Special Operations Forces X account", None, "said", "Ukraine’s Special Operations Forces X account"),
        ("it", None, "wrote", "Ukraine’s Special Operations Forces X account"),
        ("the publication", "washington post", "notes", "Washington Post"),
        ("the soldier", "soldier", "wrote", "Wall Street Journal"),
        ("Lee Seong-kweun", "lee seong kweun", "told", None),  # told reporters: no outlet between
    ]
    got = [(q.speaker, q.speaker_key if e[1] else None, q.cue, q.credited_source) for q, e in zip(quotes, expected)]
    assert got == expected
    assert quotes[5].speaker_key == quotes[4].speaker_key  # "it" is the account


def test_several_credits_make_a_chain_nearest_first() -> None:
    afp, translated = quotes_of("attribution")[-2:]
    assert (afp.speaker, afp.credit_chain) == ("Yerin", ["AFP", "Kyiv Independent"])
    # a cue with its subject wins over "According to …", which stays in the chain
    assert (translated.speaker, translated.cue) == ("the soldier", "wrote")
    assert translated.credit_chain == ["Wall Street Journal", "Yonhap"]


def test_common_news_attribution_patterns() -> None:
    quotes = quotes_of("common_patterns")
    got = [(q.speaker, q.speaker_key, q.cue, q.credited_source, q.kind) for q in quotes]
    assert got[:6] == [
        ("John Smith", "john smith", "according to", None, "statement"),  # cue after the quote
        ("he", "john smith", "said", None, "statement"),  # a short sentence before its attribution
        ("Jane Doe", "jane doe", "said", None, "statement"),  # inverted, with an inserted clause
        ("Ms Doe", "jane doe", "asked", None, "statement"),  # honorific and surname: one key
        ("Doe", "jane doe", "said", "Telegram", "statement"),  # the platform carried the words
        ("Reuters", "reuters", "reported", "Reuters", "statement"),  # an outlet as speaker credits itself
    ]
    assert got[8] == ("the minister", "minister", "told", "BBC", "statement")  # British comma outside the marks
    pollard, kyiv, monday = quotes[9:]
    # a quote after a colon that lost its closer runs to the paragraph end; the name, not the role
    assert (pollard.text, pollard.speaker) == ("This is a shocking blow for the family.", "Nick Pollard")
    assert kyiv.speaker == "the minister"  # "In Kyiv," is no name
    assert monday.speaker == "the minister"  # "said the minister Monday": the day is no part of the name


def test_a_hard_wrapped_line_does_not_end_its_paragraph() -> None:
    first, second = quotes_of("hard_wrapped")
    assert first.text == "We will keep fighting\nuntil the last of our villages is free again,"
    assert (first.speaker, first.cue, first.credited_source) == ("she", "said", "Washington Post")
    assert (second.cue, second.credited_source) == ("added", "Washington Post")
