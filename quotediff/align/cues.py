"""Closed-class words that signal negation, hedging or grammar rather than content.

These are small, fixed word classes of English grammar (not seed lists of content words):
opposite meanings of content words come from WordNet (quotediff.lexicon).
"""

from __future__ import annotations

NEGATION_CUES = frozenset(
    "not n't no never neither nor none nobody nothing nowhere without cannot can't won't "
    "don't doesn't didn't isn't aren't wasn't weren't hasn't haven't hadn't shouldn't "
    "wouldn't couldn't mustn't needn't".split()
)

# Modality, likelihood, attribution and intensity: changing one changes how sure or how
# strong the claim is, not what it claims.
HEDGE_CUES = frozenset(
    "may might could can would should must shall will likely unlikely possibly possible "
    "probably perhaps maybe reportedly allegedly apparently seemingly supposedly presumably "
    "seem seems seemed appear appears appeared suggest suggests suggested certainly "
    "definitely surely clearly undoubtedly always often sometimes usually rarely almost "
    "nearly roughly approximately very extremely highly significantly "
    "quite rather somewhat really".split()
)

FUNCTION_WORDS = frozenset(
    "a an the this that these those my your his her its our their mine yours ours theirs "
    "i me you he him she it we us they them myself yourself himself herself itself "
    "ourselves themselves who whom whose which what where when why how whether if then "
    "than as and or but so yet for of in on at by to from with into onto upon about over "
    "under between among through during before after above below up down out off again "
    "further once here there all any both each few more most other some such only own same "
    "too many much several is am are was were be been being have has had having do does did doing 's 're 've "
    "'d 'll 'm also just even still while because since until unless although though".split()
)

# "one" is left out: far more often a pronoun ("one of the pioneers") than a count.
NUMBER_WORDS: dict[str, float] = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "half": 0.5,
}
NUMBER_MULTIPLIERS: dict[str, float] = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
# "may" is left out: as a word on its own it is the modal verb far more often than the month.
MONTHS = frozenset(
    "january february march april june july august september october november december".split()
)
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


def is_function_word(key: str) -> bool:
    return key in FUNCTION_WORDS or key in HEDGE_CUES or key in NEGATION_CUES


def negation_count(keys: list[str]) -> int:
    return sum(1 for key in keys if key in NEGATION_CUES or key.endswith("n't"))


def hedge_cues(keys: list[str]) -> list[str]:
    return [key for key in keys if key in HEDGE_CUES]


_IRREGULAR_NEGATIVES = {"can't": "can", "cannot": "can", "won't": "will", "shan't": "shall"}
_CONTRACTED = {"'m": "am", "'re": "are", "'ve": "have", "'ll": "will"}
# Forms of be, have and do: the glue a change of modality rearranges ("has had" / "may have had").
AUXILIARIES = frozenset("be is am are was were been being have has had having do does did".split())


def expand_contractions(keys: list[str]) -> list[str]:
    """Keys with contractions written out: "don't" -> do not, "can't" -> can not, "I'm" -> i am.

    "'s" and "'d" stay as they are: each stands for more than one word (is/has, had/would).
    """
    expanded: list[str] = []
    for key in keys:
        if key in _IRREGULAR_NEGATIVES:
            expanded += [_IRREGULAR_NEGATIVES[key], "not"]
        elif key.endswith("n't"):
            expanded += [key[:-3], "not"]
        elif any(key.endswith(suffix) for suffix in _CONTRACTED) and "'" in key:
            stem, _, suffix = key.rpartition("'")
            expanded += [stem, _CONTRACTED["'" + suffix]]
        else:
            expanded.append(key)
    return expanded
