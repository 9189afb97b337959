"""Type each difference of an alignment (typography ... antonym) and say what earned the type.

Every non-equal run becomes a ``Change``; a move becomes a ``reorder`` plus the changes
inside the moved block. The checks run from the most to the least meaning-changing:

    typography  same words once case, quotes, dashes, hyphens, spacing are folded
                (a contraction written out, "don't" / "do not", is a spelling change)
    negation    a negation cue gained or lost (and the texts' negation counts differ)
    number      both sides state numbers or dates, and their values differ ("3,000" == "3000")
    antonym     WordNet opposes a word of A to a word of B (quotediff.lexicon.opposition)
    name        different names (capitalised, or names in WordNet) or units of measure
    spelling    the same name or word spelled another way (romanisation, -ise/-ize)
    hedge       only modality, likelihood or intensity words differ (could -> can,
                "has had" -> "may have had")
    synonym     the content words pair up through WordNet (synonyms, similar, near kin)
    omission / addition / paraphrase   what is left (an inflection is a light paraphrase)

Each meaning-changing check that holds (negation, number, and the first of antonym or
name) gives its own change, so one finding never hides another; otherwise the first
check that holds names the run's single change.

A swap -- words that exchange places around a pivot ("A beat B" / "B beat A") -- is an
extra ``reorder`` change that alters the meaning: who does what to whom changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from quotediff.align.cues import (
    AUXILIARIES,
    HEDGE_CUES,
    MONTHS,
    WEEKDAYS,
    expand_contractions,
    hedge_cues,
    is_function_word,
    negation_count,
)
from quotediff.align.diff import align_tokens, opcodes
from quotediff.align.numbers import quantities
from quotediff.align.tokens import Token, span_text
from quotediff.lexicon import is_proper_name, is_unit, kinship, opposition
from quotediff.model import AlignmentRun, Change, ChangeType

# One word spelled two ways (Zelensky/Zelenskyy, Kyiv/Kiev, organise/organize): at most this
# many edits, and this alike; a longer word that merely extends the other (Niels/Nielsen,
# Europe/European) is another word.
SPELLING_EDITS = 2
SPELLING_SIMILARITY = 75.0
MAX_WORD_PAIRS = 64  # WordNet look-ups per replacement; longer rewrites are paraphrases anyway
# Opposites are sought only between short replacements: in a rewrite of many words, some
# two of them are opposed by chance (husband/wife) without the claim being reversed.
MAX_OPPOSITION_WORDS = 4
SPLIT_WORDS = 3  # a rewrite with this many content words on a side is cut at its WordNet links

# How much each kind of change moves a rendering away from its source (0..1), before scaling.
WEIGHTS: dict[str, float] = {
    "typography": 0.0,
    "spelling": 0.02,
    "inflection": 0.02,
    "synonym": 0.04,
    "reorder": 0.04,
    "hedge": 0.10,
    "function": 0.01,
    "number": 0.60,
    "name": 0.60,
    "antonym": 0.65,
    "negation": 0.70,
    "swap": 0.60,
}


@dataclass(slots=True)
class Judged:
    """A typed change with how far it moves the meaning, and whether it alters it."""

    change: Change
    weight: float
    alters: bool


@dataclass(frozen=True, slots=True)
class PairFacts:
    """Whole-text facts a single run cannot see."""

    a_text: str
    b_text: str
    negations_differ: bool


def _content(tokens: list[Token]) -> list[str]:
    return [t.key for t in tokens if not is_function_word(t.key)]


def _is_name(token: Token) -> bool:
    if is_function_word(token.key) or not token.text[:1].isupper() or token.key in MONTHS or token.key in WEEKDAYS:
        return False
    return not token.sentence_start or is_proper_name(token.key)


def _without_hedges(keys: list[str]) -> list[str]:
    """The words around the hedges, without the auxiliaries a change of modality rearranges."""
    return [key for key in expand_contractions(keys) if key not in HEDGE_CUES and key not in AUXILIARIES]


def _without_possessive(word: str) -> str:
    return word[:-2] if word.endswith("'s") else word.rstrip("'")


def respelling(x: str, y: str) -> str | None:
    """Evidence that ``x`` and ``y`` are one word spelled two ways, or None."""
    x, y = x.casefold(), y.casefold()
    shorter, longer = sorted((x, y), key=len)
    if longer.startswith(shorter) and len(longer) - len(shorter) >= 2:
        return None
    edits = Levenshtein.distance(x, y)
    similarity = fuzz.ratio(x, y)
    if edits <= SPELLING_EDITS and similarity >= SPELLING_SIMILARITY:
        return f"{x} ~ {y} ({edits} letter{'s' if edits > 1 else ''} apart)"
    return None


def _change(kind: ChangeType, run: AlignmentRun, evidence: str) -> Change:
    return Change(kind, run.a, run.b, evidence, run.a_span, run.b_span)


def _amount(words: int, base: float, per_word: float, cap: float) -> float:
    return min(cap, base + per_word * words)


def judge_run(run: AlignmentRun, a: list[Token], b: list[Token], facts: PairFacts) -> list[Judged]:
    """Type one replace, delete or insert run (see the module docstring for the order of checks).

    Meaning-changing findings do not hide each other: a run where both a number and an
    opposite changed ("fell 5%" / "rose 3%") yields one change for each.
    """
    a_tokens, b_tokens = a[run.a_span[0] : run.a_span[1]], b[run.b_span[0] : run.b_span[1]]
    a_keys, b_keys = [t.key for t in a_tokens], [t.key for t in b_tokens]
    a_content, b_content = _content(a_tokens), _content(b_tokens)

    if a_keys and b_keys and "".join(a_keys).replace("'", "") == "".join(b_keys).replace("'", ""):
        return [Judged(_change("typography", run, "same words once typography is folded"), WEIGHTS["typography"], False)]
    if a_keys and b_keys and expand_contractions(a_keys) == expand_contractions(b_keys):
        return [Judged(_change("spelling", run, f"contraction: {run.a} ~ {run.b}"), WEIGHTS["spelling"], False)]

    altering: list[Judged] = []
    negations_a, negations_b = negation_count(a_keys), negation_count(b_keys)
    if negations_a != negations_b and facts.negations_differ:
        gained = "gained" if negations_b > negations_a else "lost"
        altering.append(Judged(_change("negation", run, f"negation {gained} in B ({negations_a} -> {negations_b} negation cues)"), WEIGHTS["negation"], True))

    # Both sides must state a number or date: a number facing other words is a rewrite.
    numbers_a, numbers_b = quantities(a_keys), quantities(b_keys)
    if numbers_a and numbers_b and sorted(numbers_a) != sorted(numbers_b):
        shown = f"{', '.join(numbers_a)} != {', '.join(numbers_b)}"
        altering.append(Judged(_change("number", run, shown), WEIGHTS["number"], True))

    if a_keys and b_keys:
        replacement = _judge_replacement(run, a_tokens, b_tokens, a_content, b_content)
        if replacement and (replacement.alters or not altering):
            altering.append(replacement)
    if altering:
        return altering

    hedges_a, hedges_b = hedge_cues(a_keys), hedge_cues(b_keys)
    if sorted(hedges_a) != sorted(hedges_b) and _without_hedges(a_keys) == _without_hedges(b_keys):
        shown = f"{' '.join(hedges_a) or '(none)'} -> {' '.join(hedges_b) or '(none)'}"
        return [Judged(_change("hedge", run, f"certainty or intensity changed: {shown}"), WEIGHTS["hedge"], False)]

    if not b_keys:
        words = len(a_content)
        weight = _amount(words, 0.05, 0.04, 0.35) if words else WEIGHTS["function"]
        return [Judged(_change("omission", run, f"not in B ({words} content words)"), weight, False)]
    if not a_keys:
        words = len(b_content)
        weight = _amount(words, 0.05, 0.04, 0.35) if words else WEIGHTS["function"]
        return [Judged(_change("addition", run, f"not in A ({words} content words)"), weight, False)]
    return _judge_wording(run, a, b, facts)


def _judge_replacement(run: AlignmentRun, a_tokens: list[Token], b_tokens: list[Token], a_content: list[str], b_content: list[str]) -> Judged | None:
    """Antonym, name, unit, spelling: the replacement checks that look at individual words.

    Only one is returned: the first that holds, in that order.
    """
    short = len(a_content) <= MAX_OPPOSITION_WORDS and len(b_content) <= MAX_OPPOSITION_WORDS
    pairs = [(x, y) for x in a_content for y in b_content][:MAX_WORD_PAIRS] if short else []
    for x, y in pairs:
        evidence = opposition(x, y)
        if evidence:
            return Judged(_change("antonym", run, evidence), WEIGHTS["antonym"], True)

    if len(a_content) == len(b_content) == 1:
        x, y = _without_possessive(a_content[0]), _without_possessive(b_content[0])
        if x == y:
            return Judged(_change("paraphrase", run, f"inflection: {a_content[0]} ~ {b_content[0]} (possessive)"), WEIGHTS["inflection"], False)
        relation = kinship(x, y)
        if relation and relation.startswith("inflection"):
            return _linked(run, relation)

    names_a = " ".join(_without_possessive(t.key) for t in a_tokens if _is_name(t))
    names_b = " ".join(_without_possessive(t.key) for t in b_tokens if _is_name(t))
    if names_a and names_b and names_a != names_b:
        respelled = respelling(names_a, names_b)
        if respelled:
            return Judged(_change("spelling", run, f"one name spelled two ways: {respelled}"), WEIGHTS["spelling"], False)
        related = kinship(names_a, names_b) if " " not in names_a + names_b else None
        if not related:
            return Judged(_change("name", run, f"different names: {names_a} != {names_b}"), WEIGHTS["name"], True)

    units_a = {k for k in a_content if is_unit(k)}
    units_b = {k for k in b_content if is_unit(k)}
    if units_a and units_b and units_a != units_b and not any(kinship(x, y) for x in units_a for y in units_b):
        return Judged(_change("name", run, f"different units: {', '.join(sorted(units_a))} != {', '.join(sorted(units_b))}"), WEIGHTS["name"], True)

    if len(a_content) == len(b_content) == 1 and not kinship(a_content[0], b_content[0]):
        respelled = respelling(a_content[0], b_content[0])
        if respelled:
            return Judged(_change("spelling", run, respelled), WEIGHTS["spelling"], False)
    return None


def _judge_wording(run: AlignmentRun, a: list[Token], b: list[Token], facts: PairFacts) -> list[Judged]:
    """Synonym or paraphrase: whether the content words pair up through WordNet.

    A longer rewrite is cut at the words that pair up, so that "failing to disperse
    combat teams" / "the inability to break combat groups" reads as synonyms where
    WordNet links the words and paraphrase, omission or addition in between.
    """
    a_tokens, b_tokens = a[run.a_span[0] : run.a_span[1]], b[run.b_span[0] : run.b_span[1]]
    a_content, b_content = _content(a_tokens), _content(b_tokens)
    if not a_content and not b_content:
        return [Judged(_change("paraphrase", run, "function words only"), WEIGHTS["function"], False)]
    if max(len(a_content), len(b_content)) >= SPLIT_WORDS:
        links = _kin_links(a, run.a_span, b, run.b_span)
        if links:
            return _split_at_links(run, links, a, b, facts)
    fewer, more = (a_content, b_content) if len(a_content) <= len(b_content) else (b_content, a_content)
    relations = []
    for word in fewer:
        relation = next((r for other in more if (r := (kinship(word, other) if word != other else f"{word} kept"))), None)
        if relation:
            relations.append(relation)
    if fewer and len(relations) * 2 >= len(fewer):
        unmatched = len(more) - len(relations)
        return [Judged(_change("synonym", run, "; ".join(relations)), _amount(unmatched, WEIGHTS["synonym"], 0.02, 0.2), False)]
    words = max(len(a_content), len(b_content))
    return [Judged(_change("paraphrase", run, f"reworded ({len(a_content)} -> {len(b_content)} content words)"), _amount(words, 0.06, 0.03, 0.35), False)]


def _kin_links(a: list[Token], a_span: tuple[int, int], b: list[Token], b_span: tuple[int, int]) -> list[tuple[int, int, str]]:
    """The most content words of A and B that pair up through WordNet, in order on both sides."""
    a_index = [i for i in range(*a_span) if not is_function_word(a[i].key)]
    b_index = [j for j in range(*b_span) if not is_function_word(b[j].key)]
    relation = {(i, j): r for i in a_index for j in b_index if (r := kinship(a[i].key, b[j].key))}
    # Longest common subsequence where "common" means linked.
    best = [[0] * (len(b_index) + 1) for _ in range(len(a_index) + 1)]
    for x in range(len(a_index) - 1, -1, -1):
        for y in range(len(b_index) - 1, -1, -1):
            linked = (a_index[x], b_index[y]) in relation
            best[x][y] = max(best[x + 1][y], best[x][y + 1], best[x + 1][y + 1] + 1 if linked else 0)
    links, x, y = [], 0, 0
    while x < len(a_index) and y < len(b_index):
        pair = (a_index[x], b_index[y])
        if pair in relation and best[x][y] == best[x + 1][y + 1] + 1:
            links.append((pair[0], pair[1], relation[pair]))
            x, y = x + 1, y + 1
        elif best[x + 1][y] >= best[x][y + 1]:
            x += 1
        else:
            y += 1
    return links


def _linked(run: AlignmentRun, relation: str) -> Judged:
    """One word for another that WordNet relates: an inflection is a light paraphrase, the rest synonyms."""
    if relation.startswith("inflection"):
        return Judged(_change("paraphrase", run, relation), WEIGHTS["inflection"], False)
    return Judged(_change("synonym", run, relation), WEIGHTS["synonym"], False)


def _sub_run(a: list[Token], a_span: tuple[int, int], b: list[Token], b_span: tuple[int, int], facts: PairFacts) -> AlignmentRun:
    op = "replace" if a_span[0] < a_span[1] and b_span[0] < b_span[1] else "delete" if a_span[0] < a_span[1] else "insert"
    return AlignmentRun(op, span_text(facts.a_text, a, *a_span), span_text(facts.b_text, b, *b_span), a_span, b_span)  # type: ignore[arg-type]


def _split_at_links(run: AlignmentRun, links: list[tuple[int, int, str]], a: list[Token], b: list[Token], facts: PairFacts) -> list[Judged]:
    judged: list[Judged] = []
    a_at, b_at = run.a_span[0], run.b_span[0]
    for i, j, relation in [*links, (run.a_span[1], run.b_span[1], "")]:
        if a_at < i or b_at < j:
            judged.extend(judge_run(_sub_run(a, (a_at, i), b, (b_at, j), facts), a, b, facts))
        if relation:
            judged.append(_linked(_sub_run(a, (i, i + 1), b, (j, j + 1), facts), relation))
        a_at, b_at = i + 1, j + 1
    return judged


def judge_move(run: AlignmentRun, a_text: str, a: list[Token], b_text: str, b: list[Token], facts: PairFacts) -> list[Judged]:
    """A move is a reorder, plus whatever changed inside the moved block."""
    reorder = Judged(_change("reorder", run, f"moved from word {run.a_span[0] + 1} of A to word {run.b_span[0] + 1} of B"), WEIGHTS["reorder"], False)
    a_block, b_block = a[run.a_span[0] : run.a_span[1]], b[run.b_span[0] : run.b_span[1]]
    inner = []
    for sub in align_tokens(a_text, a_block, b_text, b_block, detect_moves=False):
        if sub.op == "equal":
            continue
        shifted = AlignmentRun(
            sub.op,
            sub.a,
            sub.b,
            (sub.a_span[0] + run.a_span[0], sub.a_span[1] + run.a_span[0]),
            (sub.b_span[0] + run.b_span[0], sub.b_span[1] + run.b_span[0]),
        )
        inner.extend(judge_run(shifted, a, b, facts))
    return [reorder, *inner]


MAX_SWAP_WORDS = 150  # the swap search is cubic in the matched content words


def _matched_content(runs: list[AlignmentRun], a: list[Token], b: list[Token]) -> list[tuple[int, int]]:
    """(A index, B index) of every content word that is the same word on both sides, in A's order."""
    pairs: list[tuple[int, int]] = []
    for run in runs:
        if run.op not in ("equal", "move"):
            continue
        a_block, b_block = a[run.a_span[0] : run.a_span[1]], b[run.b_span[0] : run.b_span[1]]
        for tag, i1, i2, j1, _ in opcodes(a_block, b_block):
            if tag == "equal":
                pairs.extend(
                    (run.a_span[0] + i, run.b_span[0] + j1 + (i - i1))
                    for i in range(i1, i2)
                    if not is_function_word(a[run.a_span[0] + i].key)
                )
    return sorted(pairs)


def find_swaps(runs: list[AlignmentRun], a_text: str, a: list[Token], b_text: str, b: list[Token]) -> list[Judged]:
    """Words that exchange places around a pivot that stays between them: "X warned Y" / "Y warned X".

    A phrase that merely moves ("real-time", "with my homeland") never has a word coming
    the other way across the same pivot, so only true exchanges of roles are found.
    """
    matched = _matched_content(runs, a, b)
    if len(matched) > MAX_SWAP_WORDS:
        return []
    swaps: list[Judged] = []
    used: set[int] = set()
    for n, (x, bx) in enumerate(matched):
        for y, by in matched[n + 1 :]:
            if by > bx or x in used or y in used:
                continue
            pivot = next(((p, bp) for p, bp in matched if x < p < y and by < bp < bx), None)
            if pivot is None:
                continue
            used.update((x, y))
            a_span, b_span = (x, y + 1), (by, bx + 1)
            change = Change(
                "reorder",
                span_text(a_text, a, *a_span),
                span_text(b_text, b, *b_span),
                f"swap: '{a[x].text}' and '{a[y].text}' exchange places around '{a[pivot[0]].text}', so who does what to whom changed",
                a_span,
                b_span,
            )
            swaps.append(Judged(change, WEIGHTS["swap"], True))
    return swaps


def judge_alignment(runs: list[AlignmentRun], a_text: str, a: list[Token], b_text: str, b: list[Token]) -> list[Judged]:
    """Every typed change of an alignment, in A's order."""
    facts = PairFacts(a_text, b_text, negations_differ=negation_count([t.key for t in a]) != negation_count([t.key for t in b]))
    judged: list[Judged] = []
    for run in runs:
        if run.op == "equal":
            continue
        if run.op == "move":
            judged.extend(judge_move(run, a_text, a, b_text, b, facts))
        else:
            judged.extend(judge_run(run, a, b, facts))
    judged.extend(find_swaps(runs, a_text, a, b_text, b))
    return sorted(judged, key=lambda j: j.change.a_span or (0, 0))
