"""A synthetic news corpus of any size, with planted cross-article renderings to find again.

Quotes are sentences of the public benchmarks (MRPC, PAWS-Wiki, STS-B news; see _data.py).
Each article quotes a few of them, with an attribution the extractor reads
(``Name said: "..."`` or ``"...," Name said.``) among filler lines that quote nothing.

A planted fraction of the quotes are *statements* rendered in several articles:

    verbatim     the same words
    typography   straight/curly quotes and apostrophes, dashes, spacing
    paraphrase   the other sentence of an MRPC pair labelled as a paraphrase
    excerpt      a run of at least six words of the statement

Every other quote is used once. When the benchmark sentences run out (past ~25k articles),
further one-off quotes keep a benchmark sentence's shape and function words but draw every
other word at random from the benchmarks' vocabulary: as a larger archive brings new
statements with their own words. (A word-trigram chain over the sentences, used before,
made sentences that share trigrams with the benchmark ones far more than news text does, so
rare-n-gram blocking found 17.9 pairs per quote at 100k quotes against 0.78 at 10k.)

The gold standard is the planted pairs: two renderings of one statement in two articles.
"""

from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from _data import read_tsv

SPEAKERS = [
    "Maria Jensen", "Tomas Okafor", "Li Wei", "Ana Sousa", "Peter Lindqvist", "Grace Mbeki", "Omar Haddad",
    "Hanna Kowalski", "Daniel Reyes", "Yuki Tanaka", "Sofia Rossi", "Ahmed Karim", "Elena Petrova", "James Walker",
]  # fmt: skip
OUTLETS = ["Daily Ledger", "Harbor Times", "Northern Post", "Civic Wire", "Evening Herald", "Metro Dispatch", "Valley Courier"]
FILLER = [
    "The statement came after a week of talks.",
    "Officials did not respond to a request for comment.",
    "The meeting was held behind closed doors.",
    "Further details are expected later this month.",
    "The figures were released on Monday.",
]
_WORDS = re.compile(r"\S+")
_NAME_OR_NUMBER = re.compile(r"\W*(?:[A-Z\d][\w'’.,-]*)\W*")


@dataclass(slots=True)
class Rendering:
    article: str
    text: str
    statement: int  # the planted statement it renders, -1 for a one-off quote
    kind: str  # original, verbatim, typography, paraphrase, excerpt, single


@dataclass(slots=True)
class Corpus:
    articles: list[dict[str, str]]  # JSONL records: id, outlet, title, date, text
    renderings: list[Rendering] = field(default_factory=list)

    @property
    def quotes(self) -> int:
        return len(self.renderings)

    def planted_pairs(self) -> set[tuple[tuple[str, str], tuple[str, str]]]:
        """Every cross-article pair of renderings of one statement, as ((article, text), (article, text))."""
        by_statement: dict[int, list[Rendering]] = defaultdict(list)
        for rendering in self.renderings:
            if rendering.statement >= 0:
                by_statement[rendering.statement].append(rendering)
        pairs = set()
        for renderings in by_statement.values():
            for x, a in enumerate(renderings):
                for b in renderings[x + 1 :]:
                    if a.article != b.article:
                        pairs.add(tuple(sorted([(a.article, a.text), (b.article, b.text)])))
        return pairs  # type: ignore[return-value]

    def write_jsonl(self, folder: Path, files: int = 8) -> list[Path]:
        """The articles as ``files`` JSONL files (a partitioned archive), returned in order."""
        folder.mkdir(parents=True, exist_ok=True)
        paths = [folder / f"part-{n:03d}.jsonl" for n in range(files)]
        per_file = -(-len(self.articles) // files)
        for n, path in enumerate(paths):
            with path.open("w", encoding="utf-8") as handle:
                for record in self.articles[n * per_file : (n + 1) * per_file]:
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        return [p for p in paths if p.stat().st_size]


def generate(articles: int, *, quotes_per_article: int = 2, planted: float = 0.3, seed: int = 7) -> Corpus:
    """``articles`` articles of about ``quotes_per_article`` quotes, ``planted`` of them renderings of shared statements."""
    rng = random.Random(seed)
    paraphrases, singles = _sentences()
    rng.shuffle(paraphrases)
    rng.shuffle(singles)
    one_offs = _one_offs(singles, rng)
    ids = [f"a{n:06d}" for n in range(articles)]
    quotes: dict[str, list[Rendering]] = {article: [] for article in ids}
    slots = articles * quotes_per_article
    statement = 0
    planted_slots = 0
    while planted_slots < planted * slots and articles >= 2:
        copies = min(rng.choice((2, 3, 3, 4)), articles)
        if statement < len(paraphrases):
            text, partner = paraphrases[statement]
        else:
            text, partner = next(one_offs), None
        chosen = rng.sample(ids, copies)
        quotes[chosen[0]].append(Rendering(chosen[0], text, statement, "original"))
        for article in chosen[1:]:
            kind = rng.choice(("verbatim", "typography", "paraphrase", "excerpt"))
            quotes[article].append(_render(text, partner, kind, article, statement, rng))
        statement += 1
        planted_slots += copies
    for article in ids:
        while len(quotes[article]) < quotes_per_article:
            quotes[article].append(Rendering(article, next(one_offs), -1, "single"))
        rng.shuffle(quotes[article])
    corpus = Corpus([])
    for n, article in enumerate(ids):
        speaker = SPEAKERS[n % len(SPEAKERS)]
        lines = [f"Report {n} on the week's news"]
        for k, rendering in enumerate(quotes[article]):
            lines.append(FILLER[(n + k) % len(FILLER)])
            lines.append(_attributed(rendering.text, speaker, k))
            corpus.renderings.append(rendering)
        text = "\n\n".join(lines) + "\n"
        corpus.articles.append(
            {
                "id": article,
                "outlet": OUTLETS[n % len(OUTLETS)],
                "title": f"Report {n}",
                "date": f"2025-0{1 + n % 9}-1{n % 10}",
                "text": text,
            }
        )
    return corpus


def _attributed(quote: str, speaker: str, k: int) -> str:
    if k % 2 == 0:
        return f"{speaker} said: “{quote}”"
    inner = quote[:-1] + "," if quote.endswith(".") else quote
    return f"“{inner}” {speaker} said."


def _render(text: str, partner: str | None, kind: str, article: str, statement: int, rng: random.Random) -> Rendering:
    if kind == "paraphrase" and partner is None:
        kind = "typography"
    if kind == "paraphrase":
        assert partner is not None
        return Rendering(article, partner, statement, kind)
    if kind == "typography":
        changed = text.replace("'", "’").replace(" -- ", " — ").replace(" - ", " – ").replace(" percent", "%")
        return Rendering(article, changed, statement, kind if changed != text else "verbatim")
    if kind == "excerpt":
        return Rendering(article, _excerpt(text), statement, kind)
    return Rendering(article, text, statement, "verbatim")


_DETOKENISE = [
    (" .", "."),
    (" ,", ","),
    (" :", ":"),
    (" ;", ";"),
    ("( ", "("),
    (" )", ")"),
    (" 's", "'s"),
    (" n't", "n't"),
    (" %", "%"),
]


def _excerpt(text: str) -> str:
    """What an outlet quotes of a longer statement: its longest clause, or its second half."""
    clauses = [c.strip() for c in re.split(r"(?<=[,;:])\s+", text)]
    longest = max(clauses, key=len)
    words = _WORDS.findall(text)
    if len(_WORDS.findall(longest)) >= 6 and longest != text:
        excerpt = longest
    else:
        excerpt = " ".join(words[len(words) // 2 - 1 :]) if len(words) >= 14 else text
    excerpt = excerpt.rstrip(",;:")
    return excerpt[0].upper() + excerpt[1:]


def _clean(sentence: str) -> str | None:
    sentence = " ".join(sentence.replace('"', "").replace("“", "").replace("”", "").replace("``", "").replace("''", "").split())
    for spaced, joined in _DETOKENISE:  # the benchmarks are tokenised; news text is not
        sentence = sentence.replace(spaced, joined)
    words = len(sentence.split())
    if not 8 <= words <= 40:
        return None
    return sentence if sentence.endswith((".", "!", "?")) else sentence + "."


def _sentences() -> tuple[list[tuple[str, str]], list[str]]:
    """(MRPC paraphrase pairs, every other distinct benchmark sentence), without near-repeats."""
    seen: set[str] = set()

    def fresh(sentence: str) -> str | None:
        cleaned = _clean(sentence)
        if cleaned is None:
            return None
        # The datasets pair near-identical sentences (PAWS swaps words, STS-B rewords, MRPC and
        # STS-B share news), and PAWS-Wiki repeats templates ("The X River is a tributary of the
        # Y River in Romania"). quotediff rightly joins two texts that differ only in word order
        # or in names and numbers (as an altered rendering), so such a sentence cannot stand for
        # a different statement: one whose first or last five words, bag of words, or wording
        # with names and numbers masked was seen before is left out.
        words = re.sub(r"[^\w ]", "", cleaned.lower()).split()
        template = re.sub(r"(?:N )*N", "N", " ".join("N" if _NAME_OR_NUMBER.fullmatch(w) else w.lower() for w in cleaned.split()[1:]))
        keys = {"^" + " ".join(words[:5]), "$" + " ".join(words[-5:]), "bag:" + " ".join(sorted(set(words))), "mask:" + template}
        if keys & seen:
            return None
        seen.update(keys)
        return cleaned

    paraphrases, singles = [], []
    for split in ("train", "test"):
        for row in read_tsv(f"mrpc/{split}.tsv"):
            a = fresh(row["sentence1"])
            if row["label"] == "1" and a:
                b = fresh(row["sentence2"])
                if b:
                    paraphrases.append((a, b))
            elif a:
                singles.append(a)
    for relative in ("stsb/train.news.tsv", "stsb/dev.news.tsv", "stsb/test.news.tsv", "paws_wiki/dev.tsv", "paws_wiki/test.tsv"):
        for row in read_tsv(relative):
            sentence = fresh(row["sentence1"])  # the second is a rewording of the first
            if sentence:
                singles.append(sentence)
    return paraphrases, singles


def _one_offs(singles: list[str], rng: random.Random) -> Iterator[str]:
    """The benchmark sentences once each, then sentences of their shapes with fresh content words."""
    yield from singles
    vocabulary = sorted({word.lower() for sentence in singles for word in _CONTENT_WORD.findall(sentence)} - FUNCTION_WORDS)
    made: set[str] = set(singles)
    while True:
        for shape in rng.sample(singles, len(singles)):
            sentence = _CONTENT_WORD.sub(lambda word: _fresh_word(word.group(), vocabulary, rng), shape)
            if sentence not in made:
                made.add(sentence)
                yield sentence


FUNCTION_WORDS = set(
    """a about after against all also an and any are as at be been before between but by can could did do does
    for from had has have he her his i if in into is it its may more most my no not of on one only or other our
    out over she should so some such than that the their them then there these they this those through to under
    up was we were what when where which while who will with would you""".split()
)
_CONTENT_WORD = re.compile(r"[A-Za-z][a-z]+")


def _fresh_word(word: str, vocabulary: list[str], rng: random.Random) -> str:
    """A random vocabulary word for a content word, capitalised as it was; function words stay."""
    if word.lower() in FUNCTION_WORDS:
        return word
    fresh = rng.choice(vocabulary)
    return fresh.capitalize() if word[0].isupper() else fresh
