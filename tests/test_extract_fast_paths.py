"""The shortcuts the extractor takes for speed read exactly what the plain way would.

Each test sets a fast path next to the straightforward version it replaced (written out
here as the reference), on the seeds, the held-out articles and hypothesis's texts.
"""

from __future__ import annotations

import bisect
import pathlib
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from quotediff.extract import attribution, credits, cues_i18n, layout, names, speakers
from quotediff.extract._vocab import alternation, any_word
from quotediff.extract.credits import OutletIndex, credit_events
from quotediff.extract.layout import Sentences, mask_quotes, paragraphs
from quotediff.extract.marks import mark_offsets, matches_at_marks
from quotediff.extract.names import NameIndex
from quotediff.extract.pipeline import _find
from quotediff.model import Article

ROOT = pathlib.Path(__file__).resolve().parents[1]
ARTICLES = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("seeds/*.txt"))] + [
    p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "extract" / "heldout").glob("*.txt"))
]
# Words at the edges the patterns check: text start, after an apostrophe or hyphen, inside longer words.
EDGES = "said unsaid re-said ’said 'said said-so saids Said (said “said” —said\nsaid Washington Post Postal The Daily NK News"
PIECES = list("“”\"„«»‘’'‚…\n ,.:;—-#") + [
    "said", " said", " told AFP", " told reporters", " on X", " via Telegram", " account", "The Washington Post",
    " according to the Post", " reported by UNIAN", " the publication notes", "Kim", "Kim Jong Un", " Mr. ", " U.S. ",
    "Chen", " in a statement", " letters from their leader Kim Jong Un", " Kim’s messages", "Yes.", " She", "\n\n",
]  # fmt: skip
texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=120).map("".join),
    st.tuples(st.sampled_from(ARTICLES), st.integers(0, 6000), st.integers(0, 6000)).map(lambda t: t[0][min(t[1], t[2]) : max(t[1], t[2])]),
)


def plain_any_word(words: frozenset[str]) -> str:
    """The word pattern as first written: the boundary check first, then the words, longest first."""
    return rf"(?<![\w’'-])(?:{'|'.join(re.escape(w) for w in sorted(words, key=len, reverse=True))})(?![\w-])"


def spans(pattern: str | re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(pattern, text)]


def test_word_lists_match_where_the_plain_pattern_matches() -> None:
    word_lists = {
        "credit anchors": credits._VERBS | credits._SHARING | credits._OWN_CHANNELS | {"according", "According", "told", "account"},
        "outlet names": names.OUTLET_HEADS | names.OUTLET_NAMES,
        "documents": frozenset(speakers._GROUP_OF),
        "platforms": names.PLATFORMS,
    }
    for words in word_lists.values():
        found = [spans(any_word(words), text) for text in ARTICLES + [EDGES]]
        assert found == [spans(plain_any_word(words), text) for text in ARTICLES + [EDGES]]
    said = spans(any_word({"said"}), EDGES)
    assert said[0] == (0, 4) and [EDGES[start - 1 : end] for start, end in said[1:]] == ["(said", "“said", "—said", "\nsaid"]


def test_the_head_cue_scan_finds_what_the_plain_one_did() -> None:
    plain = (
        r"(?<![\w-])(?:[Aa]ccording to\b|[Ii]t (?:is|was|has been) (?:noted|reported|said|claimed|stated|believed|understood)\b)"
        rf"|{plain_any_word(attribution._CUE_VERBS - attribution._NOUN_LIKE)}"
    )
    for text in ARTICLES + ["It is noted that, according to him, it was said", "Transit is said to be"]:
        assert spans(attribution._HEAD_CUE, text) == spans(plain, text)


def test_cue_verbs_grouped_by_letter_match_as_the_plain_alternation() -> None:
    plain = "(?:" + "|".join(sorted(attribution._CUE_VERBS, key=len, reverse=True)) + ")"
    assert attribution.CUE == alternation(attribution._CUE_VERBS) != plain
    for text in ARTICLES:
        assert spans(rf"\b{attribution.CUE}\b", text) == spans(rf"\b{plain}\b", text)
        assert spans(attribution._CLOSING_CLAUSE, text) == spans(attribution._CLOSING_CLAUSE.pattern.replace(attribution.CUE, plain), text)


def test_patterns_that_no_longer_backtrack_match_as_before() -> None:
    rewritten = {
        names._NAME_RUN: names._NAME_RUN.pattern.replace("*+", "*", 1),
        credits._SRC_AFTER: credits._SRC_AFTER.pattern,  # shares _CAP with the patterns below
        credits._ACCOUNT_OWNER: credits._ACCOUNT_OWNER.pattern,
        attribution._CLAUSE_BREAK: r"[,;:—–(]|\b(?:that|and|but|while|when|as|because|which|who|whom|whose)\b",
        attribution._QUOTED_AS_SAYING: attribution._QUOTED_AS_SAYING.pattern.replace(r"q(?<!\w.)uoted", r"\bquoted"),
    }
    for fast, plain in rewritten.items():
        for text in ARTICLES + [EDGES, "Kim’ Jong, O'Brien- Smith of the Post quoted Kim as saying"]:
            assert spans(fast, text) == spans(plain, text)
    # Searched in a window that ends where the match must: a lookahead or a first capital now
    # turns away the offsets where no match can start.
    windowed = {
        credits._WORD_BEFORE: r"([\w’'&-]+)(?:\s+also)?\s+$",
        credits._SRC_BEFORE: credits._SRC_BEFORE.pattern.removeprefix("(?=[A-Zast])"),
        credits._NAME_BEFORE: credits._NAME_BEFORE.pattern.removeprefix("(?=[A-Z]|$)"),
        credits._SUBJECT: credits._SUBJECT.pattern.replace("(?P<name>[A-Z](?<![\\w’'-].)", "(?<![\\w’'-])(?P<name>[A-Z]"),
        speakers._CAPITALISED_TAIL: speakers._CAPITALISED_TAIL.pattern.removeprefix("(?=[A-Z])"),
    }
    for fast, plain_pattern in windowed.items():
        plain = re.compile(plain_pattern)
        assert fast.pattern != plain.pattern
        for text in ARTICLES[:3] + ["Reuters and The Washington Post also ", "as a news report ", "state media ", "Chen later told "]:
            for end in range(0, len(text) + 1, 11):
                found, expected = fast.search(text, max(0, end - 90), end), plain.search(text, max(0, end - 90), end)
                assert (found and found.span()) == (expected and expected.span())


@settings(max_examples=200, deadline=None)
@given(texts)
def test_patterns_opening_with_a_mark_tried_at_the_marks_find_what_a_scan_finds(text: str) -> None:
    text = "“Supreme Commander” Kim and Kim’s messages, 'Dear Leader' Kim's notes. " + text
    for pattern, first in ((names._QUOTED_TITLE, names._TITLE_OPENERS), (speakers._OWNED, "’'")):
        at_marks = matches_at_marks(pattern, text, mark_offsets(text), first)
        assert [m.span() for m in at_marks] == spans(pattern, text) != []


def test_a_document_word_found_in_lowercase_is_the_one_a_case_insensitive_search_finds() -> None:
    phrases = ["one of the Messages attributed to Kim", "the LETTER", "E-Mails", "notebooks'", "Report-writer", "the ſtatement", "Kim"]
    for phrase in phrases + [line for text in ARTICLES[:5] for line in text.splitlines()]:
        found = speakers._DOCUMENT_WORD.search(phrase)
        assert speakers._document_word(phrase) == (found.group().lower() if found else None)
    assert speakers._document_word("one of the Messages attributed to Kim") == "messages"


def test_every_foreign_report_word_passes_the_gate_and_english_news_does_not() -> None:
    assert all(cues_i18n._may_hold_report_word(f"… {word} TASS.") for word in cues_i18n._REPORT_WORDS)
    assert not any(cues_i18n._may_hold_report_word(text) for text in ARTICLES[:5])


def reference_bounds(masked: str, paragraph_list: list[layout.Paragraph]) -> Sentences:
    """Sentence bounds as first computed: every paragraph's sentence ends read up front."""
    starts = {p.start for p in paragraph_list}
    for paragraph in paragraph_list:
        for match in layout._SENTENCE_END.finditer(masked, paragraph.start, paragraph.end):
            if not layout._ABBREVIATION.search(masked, max(paragraph.start, match.start() - 12), match.start()):
                starts.add(match.end())
    ordered, ends = sorted(starts), sorted(p.end for p in paragraph_list)

    class Reference(Sentences):
        def bounds(self, offset: int) -> tuple[int, int]:
            index = bisect.bisect_right(ordered, offset) - 1
            start = ordered[index] if index >= 0 else 0
            end = min(
                ordered[index + 1] if index + 1 < len(ordered) else len(masked),
                ends[bisect.bisect_left(ends, offset)] if ends and offset <= ends[-1] else len(masked),
            )
            while end > start and masked[end - 1].isspace():
                end -= 1
            return start, end

    return Reference(masked, paragraph_list)


def masked_of(text: str) -> tuple[str, list[layout.Paragraph]]:
    paragraph_list = paragraphs(text)
    found = _find(Article(id="a", text=text), paragraph_list, mark_offsets(text))
    return mask_quotes(text, [(f.start, f.end) for f in found if f.depth == 0]), paragraph_list


@settings(max_examples=150, deadline=None)
@given(texts)
def test_sentences_read_on_demand_have_the_bounds_of_reading_them_all(text: str) -> None:
    masked, paragraph_list = masked_of(text)
    reference, lazy = reference_bounds(masked, paragraph_list), Sentences(masked, paragraph_list)
    for offset in range(-1, len(masked) + 2, max(1, len(masked) // 200)):
        assert lazy.bounds(offset) == reference.bounds(offset)


def assert_same_credits_before(masked: str, until: int) -> None:
    full = credit_events(masked, OutletIndex(masked))
    early = credit_events(masked, OutletIndex(masked), until=until)
    assert [e for e in early if e.position < until] == [e for e in full if e.position < until]


@settings(max_examples=200, deadline=None)
@given(texts, st.floats(0, 1))
def test_credit_scans_stopped_early_keep_every_credit_before_the_stop(text: str, fraction: float) -> None:
    masked, _ = masked_of(text)
    assert_same_credits_before(masked, int(len(masked) * fraction))


def test_a_credit_written_before_the_stop_is_kept_though_its_verb_is_past_it() -> None:
    masked = "Officials met on Monday. The Washington Post noted that talks had stalled."
    until = masked.index("noted")  # the outlet stands before the stop, the verb it hangs on after
    assert [e.outlet for e in credit_events(masked, OutletIndex(masked), until=until)] == ["Washington Post"]
    for text in ARTICLES:
        masked, _ = masked_of(text)
        for until in range(0, len(masked), 97):
            assert_same_credits_before(masked, until)


@settings(max_examples=150, deadline=None)
@given(texts, st.lists(st.tuples(st.integers(0, 2), st.integers(-5, 6000)), max_size=6))
def test_document_authors_read_as_far_as_needed_answer_as_if_all_were_read(text: str, lookups: list[tuple[int, int]]) -> None:
    names_index = NameIndex(text)
    everything = speakers._Authors(text, names_index)
    everything.before(0, len(text) + 1)  # reads the whole article first
    as_needed = speakers._Authors(text, names_index)
    for group, position in lookups:
        assert as_needed.before(group, position) == everything.before(group, position)


def test_an_owner_named_just_before_a_lookup_is_found_though_the_possessive_is_past_it() -> None:
    text = "Kim Jong Un visited the front. The archive holds Kim’s letters to the troops. One letter said more."
    owner = text.index("Kim’s")
    for position in range(owner + 1, text.index("’s") + 1):
        assert speakers._Authors(text, NameIndex(text)).before(0, position) == "kim jong un"


@settings(max_examples=150, deadline=None)
@given(texts, st.lists(st.sampled_from(["Kim", "Kim Jong Un", "Supreme Commander", "NIS", "Chen", "Mr. Chen", "the Post"]), max_size=5))
def test_full_names_resolved_without_the_name_index_resolve_as_with_it(text: str, lookups: list[str]) -> None:
    text = "“Supreme Commander” Kim told the National Intelligence Service (NIS). " + text
    built = NameIndex(text)  # the quote marks found by a scan of its own
    built.resolve("Kim")  # a single word: reads the article's names first
    for name in lookups:
        assert NameIndex(text, mark_offsets(text)).resolve(name) == built.resolve(name)
    # A title stands for the name it is put before, though two words long.
    assert NameIndex(text, mark_offsets(text)).resolve("Supreme Commander") == built.resolve("Kim") != "supreme commander"
