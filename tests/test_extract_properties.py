"""Properties of extract_quotes that hold for any text, checked with hypothesis."""

from __future__ import annotations

import itertools
import pathlib

from hypothesis import given, settings
from hypothesis import strategies as st

from quotediff.extract import extract_quotes
from quotediff.model import Article

SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted((pathlib.Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))]

# Quote marks of every style, the punctuation and words attribution reads, and plain letters.
MARKS = list("“”\"„«»‹›「」『』‘’'‚[]…")
PIECES = MARKS + [" ", "\n", "\n\n", ",", ".", ":", "—", "a", "Kim", " said", " told AFP", " he added", "according to the Post", "the publication notes", "[sic]", "..."]

texts = st.one_of(
    st.text(),
    st.lists(st.sampled_from(PIECES), max_size=200).map("".join),
    # Real articles cut and spliced at random places: stray halves of real quotes and attributions.
    st.tuples(st.sampled_from(SEED_TEXTS), st.integers(0, 6000), st.integers(0, 6000), st.sampled_from(PIECES)).map(
        lambda t: t[0][min(t[1], t[2]) : max(t[1], t[2])] + t[3] + t[0][: min(t[1], t[2]) // 3]
    ),
)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_any_text_gives_well_formed_quotes(text: str) -> None:
    article = Article(id="a", text=text)
    quotes = extract_quotes(article)
    assert [q.id for q in quotes] == [f"a:q{n}" for n in range(1, len(quotes) + 1)]
    for quote in quotes:
        assert 0 <= quote.start < quote.end <= len(text)
        assert text[quote.start : quote.end] == quote.text
        assert quote.kind in ("statement", "fragment")
        assert quote.credited_source == (quote.credit_chain[0] if quote.credit_chain else None)
        for mark in quote.marks:
            assert quote.start <= mark.start < mark.end <= quote.end
            assert text[mark.start : mark.end] == mark.text
    ids = {q.id for q in quotes}
    assert all(q.continues in ids for q in quotes if q.continues is not None)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_statements_never_overlap(text: str) -> None:
    statements = sorted((q for q in extract_quotes(Article(id="a", text=text)) if q.kind == "statement"), key=lambda q: q.start)
    for before, after in itertools.pairwise(statements):
        assert before.end <= after.start


@settings(max_examples=100, deadline=None)
@given(texts)
def test_extraction_is_deterministic(text: str) -> None:
    assert extract_quotes(Article(id="a", text=text)) == extract_quotes(Article(id="a", text=text))
