"""Numbers and dates written in words or digits, read as values so "3,000" == "3000" == "three thousand"."""

from __future__ import annotations

import re

from quotediff.align.cues import MONTHS, NUMBER_MULTIPLIERS, NUMBER_WORDS, WEEKDAYS

_NUMERAL = re.compile(r"^\d+(?:\.\d+)?$")
_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")


def _word_value(key: str) -> float | None:
    if _NUMERAL.match(key):
        return float(key)
    ordinal = _ORDINAL.match(key)
    if ordinal:
        return float(ordinal.group(1))
    return NUMBER_WORDS.get(key)


def quantities(keys: list[str]) -> list[str]:
    """The numbers and date words of a run of token keys, as canonical strings.

    Adjacent number words combine ("three thousand" -> 3000, "3.5 million" -> 3500000,
    "twenty five" -> 25); month and weekday names count as quantities so a changed date
    is a number change.
    """
    values: list[str] = []
    current: float | None = None
    current_in_words = False
    for key in keys:
        value = _word_value(key)
        multiplier = NUMBER_MULTIPLIERS.get(key)
        in_words = key in NUMBER_WORDS
        if value is not None:
            if current is not None and in_words and current_in_words and _continues(current, value):
                current += value
            else:
                if current is not None:
                    values.append(_canonical(current))
                current = value
            current_in_words = in_words
            continue
        if multiplier is not None:
            current = (current if current is not None else 1) * multiplier
            current_in_words = True
            continue
        if current is not None:
            values.append(_canonical(current))
            current = None
        if key in MONTHS or key in WEEKDAYS:
            values.append(key)
    if current is not None:
        values.append(_canonical(current))
    return values


def _continues(current: float, value: float) -> bool:
    """Whether number word ``value`` adds to ``current``: "twenty five", "three hundred twelve"."""
    if current >= 100:
        return value < 100
    return current >= 20 and current % 10 == 0 and value < 10


def _canonical(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)
