"""Attribution in Korean, Japanese, German, French, Russian and Ukrainian: the common cue words only.

Tried by the pipeline only when the English rules (attribution.py) find nothing, so English
text is never read by these patterns. Like attribution.py, they read the *masked* text and
return offsets into it. What they know, by language:

* Korean: the quote is followed by the quotative particle and the cue, the speaker leads the
  sentence with a topic or subject particle: "박 장관은 … “…”고 말했다" (말했다, 밝혔다,
  강조했다, 전했다, 덧붙였다 …); "그는 …" gives the pronoun as written;
* Japanese: "首相は「…」と述べた" (述べた, 語った, 話した, 強調した …);
* German, French, Russian, Ukrainian: the cue after the quote, its subject following
  ("„…“, sagte der Minister", "», a déclaré le président", "», — заявив Пак"), or a
  subject, a cue and a colon before it ("Der Minister sagte: „…“", "Il a ajouté : « … »",
  "Она добавила: «…»").

Report credits in German, French, Russian and Ukrainian ("berichtet der Spiegel", "selon
l'AFP", "сообщает ТАСС", "повідомляє Korea Herald") are found by ``report_credits`` and read
like "reports Washington Post" (credits.py).
"""

from __future__ import annotations

import re

from quotediff.extract.attribution import Attribution

_KOREAN_CUES = "말했다 밝혔다 강조했다 전했다 덧붙였다 설명했다 주장했다 경고했다 지적했다 말했습니다 밝혔습니다 강조했습니다"
_JAPANESE_CUES = "述べた 語った 話した 強調した 明らかにした 説明した 訴えた"
_GERMAN_CUES = "sagte sagt erklärte erklärt betonte betont warnte warnt schrieb schreibt meinte fügte ergänzte"
_FRENCH_CUES = "a déclaré|a dit|a affirmé|a ajouté|a souligné|a estimé|a assuré|a prévenu|a écrit|déclare|affirme|ajoute|souligne|estime"
_SLAVIC_CUES = (
    "заявил заявила заявили сказал сказала сказали отметил отметила добавил добавила подчеркнул подчеркнула написал написала"
    " заявив сказав зазначив зазначила додав додала наголосив наголосила написав"
)


def _alternatives(words: str, separator: str = " ") -> str:
    return "(?:" + "|".join(sorted(words.split(separator), key=len, reverse=True)) + ")"


_KOREAN_AFTER = re.compile(r"^(?:이라고|라고|고)\s+(?:[^\s.]+\s+){0,3}?(?P<cue>" + _alternatives(_KOREAN_CUES) + ")")
# The sentence's subject or topic: up to four words, the last carrying 은/는/이/가 (matched at the
# sentence start: `match(text, pos)`, so no `^`, which would only match at 0).
_KOREAN_SUBJECT = re.compile(r"\s*(?P<np>(?:[^\s,.]+\s+){0,3}?[^\s,.]+?)(?:은|는|이|가)(?=\s)")
_JAPANESE_AFTER = re.compile(r"^と(?P<cue>" + _alternatives(_JAPANESE_CUES) + ")")
_JAPANESE_SUBJECT = re.compile(r"\s*(?P<np>[^、。\s]{1,20}?)(?:は|が)")
# A subject after an inverted cue: a name or an article and noun, up to the next punctuation or preposition.
_NP = r"(?P<np>[^\W\d_][^,.;:!?()—–«»„“”]{0,60}?)"
_STOP = r"(?=\s*(?:[,.;:!?()—–]|$)|\s(?:am|im|in|auf|vor|nach|lors|devant|selon|à|в|у|на|під)\s)"
_AFTER = re.compile(
    r"^\s*,?\s*[—–-]?\s*(?P<cue>"
    + "|".join((_alternatives(_GERMAN_CUES), _alternatives(_FRENCH_CUES, "|"), _alternatives(_SLAVIC_CUES)))
    + r")\s+"
    + _NP
    + _STOP
)
_BEFORE_COLON = re.compile(
    r"(?P<np>[^\W\d_][^,.;:!?()«»„“”]{0,60}?)\s+(?P<cue>"
    + "|".join((_alternatives(_GERMAN_CUES), _alternatives(_FRENCH_CUES, "|"), _alternatives(_SLAVIC_CUES)))
    + r")\s*:\s*$"
)


def foreign_attribution(masked: str, sentence_start: int, open_mark: int, close_mark: int, sentence_end: int) -> Attribution | None:
    """The cue and speaker of a quote in one of the languages above, or ``None``."""
    tail = masked[close_mark:sentence_end]
    for after, subject in ((_KOREAN_AFTER, _KOREAN_SUBJECT), (_JAPANESE_AFTER, _JAPANESE_SUBJECT)):
        cue = after.match(tail)
        if cue:
            np = subject.match(masked, sentence_start, open_mark)
            if np:
                return Attribution(np.group("np"), cue.group("cue"), np.start("np"))
            return Attribution(None, cue.group("cue"))
    inverted = _AFTER.match(tail)
    if inverted:
        return Attribution(inverted.group("np").strip(), inverted.group("cue"), close_mark + inverted.start("np"))
    head = masked[sentence_start:open_mark]
    # The pattern ends in a colon: checking that first spares a scan of every English sentence.
    intro = _BEFORE_COLON.search(head) if head.rstrip().endswith(":") else None
    if intro:
        return Attribution(intro.group("np").strip(), intro.group("cue"), sentence_start + intro.start("np"))
    return None


_REPORT_WORDS = (
    "berichtet", "berichten", "meldet", "schreibt", "laut", "selon", "rapporte", "d'après", "сообщает", "сообщают",
    "пишет", "повідомляє", "повідомляють", "пише", "пишуть", "за даними", "по данным",
)  # fmt: skip
_REPORT_CREDIT = re.compile(
    r"(?<!\w)(?:" + "|".join(_REPORT_WORDS) + r")\s+(?P<name>[^\W\d_][^,.;:!?()«»„“”]{0,50}?)(?=\s*(?:[,.;:!?()]|$))"
)


# Substring tests are far cheaper than the scan, so it runs only on a text holding a report word.
# Fewer tests say as much: each Latin word holds one of these stems, and each Cyrillic word one
# of the letters о and и, which English text has not.
_LATIN_STEMS = ("bericht", "meldet", "schreibt", "laut", "selon", "rapporte", "d'après")
_CYRILLIC_WORDS = tuple(word for word in _REPORT_WORDS if not any(stem in word for stem in _LATIN_STEMS))


def _may_hold_report_word(masked: str) -> bool:
    if any(stem in masked for stem in _LATIN_STEMS):
        return True
    return ("о" in masked or "и" in masked) and any(word in masked for word in _CYRILLIC_WORDS)


def report_credits(masked: str) -> list[tuple[int, str]]:
    """(offset, credited phrase) of each report credit written in one of the languages above."""
    if not _may_hold_report_word(masked):
        return []
    return [(match.start("name"), match.group("name")) for match in _REPORT_CREDIT.finditer(masked)]
