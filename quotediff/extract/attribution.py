"""Who said a quote, and with which cue, read from the words around it.

All functions read the *masked* article text (quoted words hidden, see layout.py) and
return offsets into it, so they see the attribution and never the quote. Three places
are tried, in the order the pipeline calls them:

* after the quote, when the quote ends in , ? ! or a dash: "“…,” the letter said",
  "“…,” said the Ukrainian military", "“…,” Yevgen Yerin, spokesperson …, told AFP";
* before the quote, the first cue of the sentence, which is the main clause's:
  "Kyiv said the presence … had a ‘major impact’", "He urged the troops to “…”",
  "including one that read, “…”", "According to the Post, … are “…”";
* a closing clause of the sentence: "There would “undoubtedly be more” …, he added.";
* for a quote opening its own line, a colon intro ending the line before: "One of the poems noted:".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotediff.extract._vocab import alternation, any_word, word_branches, word_set
from quotediff.extract.layout import MASK

_CUE_VERBS = word_set("""say says said saying add adds added adding write writes wrote writing tell tells told telling
read reads note notes noted noting state states stated stating remark remarks remarked urge urges urged urging
suggest suggests suggested warn warns warned warning claim claims claimed claiming explain explains explained
recount recounts recounted declare declares declared announce announces announced insist insists insisted
argue argues argued report reports reported reveal reveals revealed promise promises promised
confirm confirms confirmed interpret interprets interpreted ask asks asked reply replies replied post posts
posted tweet tweets tweeted admit admits admitted vow vows vowed recall recalls recalled assert asserts asserted
conclude concludes concluded acknowledge acknowledges acknowledged call calls called calling blame blames blamed blaming agree agrees agreed disagree disagrees disagreed
respond responds responded counter counters countered retort retorts retorted protest protests protested
complain complains complained concede concedes conceded describe describes described
describing quote quotes quoted quoting""")
CUE = alternation(_CUE_VERBS)
_CUE_WORDS = frozenset(_CUE_VERBS)
# Also nouns ("a post on X", "news reports", "notes found on …"): cues only right after a quote or before a colon.
_NOUN_LIKE = word_set("post posts report reports note notes quote quotes claim claims state states remarks tweet tweets")
HEAD_CUE = any_word(_CUE_VERBS - _NOUN_LIKE)
_ADVERB = r"(?:reportedly|also|later|then|previously|once|allegedly|apparently|further|recently|earlier|simply|has|have|had|was|is|would|will|had\s+previously|once\s+again)"
_NP_STOP = word_set("and but or to that which who whom whose while as because if when until though although so then there")
_PRONOUNS = word_set("he she they it i we")

# After the quote: the cue first ("said the Ukrainian military"), up to a comma or the sentence end.
_TAIL_INVERTED = re.compile(
    r"\s*[,—–-]?\s*(?P<cue>" + CUE + r")\s+(?P<np>(?:[^\W\d_]|[’'])[^,.;:!?#()—–]{0,80}?)\s*(?=[,.;:!?()—–]|$|\s(?:according|as|in|on|at|who|which|citing|without|after|before|during|adding|Monday|Tuesday|Wednesday"
    r"|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|last|this|earlier|later)\b)",
)
# After the quote: the speaker first ("the letter said", "Yevgen Yerin, spokesperson for …, told AFP").
_TAIL_NORMAL = re.compile(
    r"\s*[,—–-]?\s*(?P<np>[^\s,.;:!?#()][^,.;:!?#()]{0,70}?)(?:,(?P<apposition>[^.;:!?#()]{1,120}),)?\s+(?:"
    + _ADVERB
    + r"\s+){0,2}(?P<cue>"
    + CUE
    + r")\b"
)
# After an inverted speaker: ", Maria Zakharova" naming the role just given.
_APPOSITION_AFTER = re.compile(r",\s*(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){1,3})\s*(?=[,.;:!?]|$)")
_TRAILING_NAME = re.compile(r"(?:^|(?<=\s))(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){1,3})$")
_LEADING_NAME = re.compile(
    r"(?P<name>(?:(?:Dr|Mr|Mrs|Ms|Prof)[.\u2024]?\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){1,3})"
    r"(?=\s+(?:of|from|at|with|who|in)\b)"
)
_ROLE_START = word_set("the a an its his her their our")
# After the quote: "“…,” according to the ministry."
_TAIL_ACCORDING = re.compile(r"\s*[,—–-]?\s*according\s+to\s+(?P<np>[^,.;:!?#()]{1,60}?)\s*(?=[,.;:!?()—–]|$)")
# A closing clause: "…, he added." at the end of the sentence (or a headline's "…: South says").
_CLOSING_CLAUSE = re.compile(
    r"[,:]\s*(?P<np>[^\s,.;:!?#()][^,.;:!?#()]{0,60}?)\s+(?:" + _ADVERB + r"\s+){0,2}(?P<cue>" + CUE + r")\b[^,.;:!?#]{0,40}[.!?]?\s*$"
)
# The cues of a sentence's head, "according to" and "it is noted" in one scan, every alternative
# opening with a letter so that re skips the offsets where none can start (see _vocab.word_branches).
_HEAD_CUE = re.compile(
    "|".join(
        [
            *word_branches(_CUE_VERBS - _NOUN_LIKE),
            *(rf"{a}(?<![\w-].)ccording to\b" for a in "Aa"),
            *(rf"{i}(?<![\w-].)t (?:is|was|has been) (?:noted|reported|said|claimed|stated|believed|understood)\b" for i in "Ii"),
        ]
    )
)
_AFTER_ACCORDING = re.compile(r"\s+(?P<np>[^,.;:!?#]{1,60}?)\s*(?=[,.;:!?#]|$)")
_PARTICIPLE = frozenset(w for w in _CUE_VERBS if w.endswith("ing"))
# Every alternative opens with a literal, so that re skips the offsets where none starts
# (the \b before a word is checked after its first letter).
_CLAUSE_WORDS = ("that", "and", "but", "while", "when", "as", "because", "which", "who", "whom", "whose")
_CLAUSE_BREAK = re.compile("|".join([",", ";", ":", "—", "–", r"\(", *(rf"{w[0]}(?<!\w.){w[1:]}\b" for w in _CLAUSE_WORDS)]))
# (\b checked after the q: a pattern opening with a letter is looked for in a fast loop)
_QUOTED_AS_SAYING = re.compile(r"q(?<!\w.)uoted\s+(?P<np>[^,.;:!?#]{1,60}?)\s+as\s+(?P<cue>saying|telling|writing|warning)\b")
_DIRECT_CUE = re.compile(rf"(?P<cue>{HEAD_CUE})\s*[:,]?\s*$")
_DATELINE = re.compile(r"\s*[A-Z][A-Z .,'’-]{2,40}(?:\([^)\n]{1,40}\))?\s*[-—–]+\s+")
# A sentence-initial noun phrase headed by a common noun: "A South Korean soldier".
_LEADING_ROLE = re.compile(r"\s*(?P<np>(?:[Tt]he|An?)\s+(?:[A-Z][\w'’-]*\s+){0,3}[a-z][\w-]*)\b")
_LEADING_SUBJECT = re.compile(
    r"\s*(?P<np>(?:(?:[A-Z][\w'’.-]*|the|a|an|of|for|leader|president|minister|spokesperson|official)\s+){0,7}[A-Z][\w'’.-]*)"
)
# A name standing alone before the comma of an appositive: "…, Nick Pollard, the head of …".
_NAME_BEFORE_APPOSITIVE = re.compile(r"(?:^|(?<=[,;:—(]\s)|(?<=[.!?]\s))(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){1,3}),$")
_NOT_A_NAME = re.compile(r"^(?:In|On|At|After|Before|For|From|With|By|As|When|While|During|Since|According|Last|This|The|A|An)\b")
_INTRO = re.compile(
    r"^(?:including|with|from|by|for|of|in|on|at|as|so|then|and|but|or|while|when|after|before|because|if|during|since"
    r"|according)\s+",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Attribution:
    """A cue and its subject as written; ``speaker`` None for an impersonal cue ("it is noted")."""

    speaker: str | None
    cue: str
    speaker_start: int = -1  # offset of the speaker phrase in the text, -1 when there is none
    impersonal: bool = False


def after_quote(masked: str, start: int, end: int) -> Attribution | None:
    """An attribution right after a quote's closing mark, in ``masked[start:end]``."""
    inverted = _TAIL_INVERTED.match(masked, start, end)
    if inverted and _plausible_np(inverted.group("np")):
        named = _APPOSITION_AFTER.match(masked, inverted.end(), end)
        speaker = _name_for_role(inverted.group("np"), inverted.start("np"), named.group("name") if named else None, named.start("name") if named else -1)
        return Attribution(speaker[0], inverted.group("cue"), speaker[1])
    normal = _TAIL_NORMAL.match(masked, start, end)
    if normal and _plausible_np(normal.group("np")):
        has_apposition = normal.group("apposition") is not None
        speaker = _name_for_role(
            normal.group("np"),
            normal.start("np"),
            normal.group("apposition") if has_apposition else None,
            normal.start("apposition") if has_apposition else -1,
        )
        return Attribution(speaker[0], normal.group("cue"), speaker[1])
    according = _TAIL_ACCORDING.match(masked, start, end)
    if according and _plausible_np(according.group("np")):
        return Attribution(according.group("np").strip(), "according to", according.start("np"))
    return None


def closing_clause(masked: str, start: int, end: int) -> Attribution | None:
    """A "…, he added." clause closing the sentence, searched in ``masked[start:end]``."""
    comma = max(masked.rfind(",", start, end), masked.rfind(":", start, end))
    if comma < 0:
        return None
    match = _CLOSING_CLAUSE.match(masked, comma, end)
    if match and _plausible_np(match.group("np")):
        return Attribution(match.group("np").strip(), match.group("cue"), match.start("np"))
    return None


def before_quote(masked: str, start: int, end: int) -> Attribution | None:
    """The cue in ``masked[start:end]`` (sentence start to the opening mark) and its subject.

    A cue right before the mark introduces the quote ("…, but warned: '…'"); else the
    main clause's cue, the first of the sentence. A cue without a subject of its own
    ("but warned") takes the main clause's.
    """
    start = _after_dateline(masked, start, end)
    quoted = _QUOTED_AS_SAYING.search(masked, start, end)
    if quoted and _plausible_np(quoted.group("np")):  # "KCNA quoted Kim as saying …": Kim said it
        return Attribution(quoted.group("np").strip(), quoted.group("cue"), quoted.start("np"))
    main = _main_clause_cue(masked, start, end)
    direct = _DIRECT_CUE.search(masked, max(start, end - 40), end)
    if direct is None or (main is not None and main.cue == direct.group("cue")):
        return main
    found = _subject_before(masked, start, direct.start())
    if found is not None:
        return Attribution(found[0], direct.group("cue"), found[1])
    if main is not None and main.speaker is not None:
        return Attribution(main.speaker, direct.group("cue"), main.speaker_start)
    return main


def _after_dateline(masked: str, start: int, end: int) -> int:
    """Past a dateline opening the sentence: "WASHINGTON (Reuters) - "."""
    dateline = _DATELINE.match(masked, start, end)
    return dateline.end() if dateline else start


def _main_clause_cue(masked: str, start: int, end: int) -> Attribution | None:
    """The first cue of the sentence with a subject, which is the main clause's."""
    according: Attribution | None = None  # "According to the Post, …": unless a cue with a subject follows
    for match in _HEAD_CUE.finditer(masked, start, end):
        cue = match.group()  # a cue verb, else "according to" or "it is noted" (cue verbs are single words)
        if cue.startswith(("It ", "it ")):
            return Attribution(None, cue.split()[-1], impersonal=True)
        if cue.startswith(("According ", "according ")):
            after = _AFTER_ACCORDING.match(masked, match.end(), end)
            if according is None and after and _plausible_np(after.group("np")):
                according = Attribution(after.group("np").strip(), "according to", after.start("np"))
            continue
        before = masked[max(start, match.start() - 6) : match.start()].rstrip()
        if (cue.lower() in _PARTICIPLE and before.endswith(",")) or before.endswith(" and"):
            # "…, urging them to", "… and promised": the verb's subject opens the sentence.
            subject = _LEADING_SUBJECT.match(masked, start, match.start()) or _LEADING_ROLE.match(masked, start, match.start())
            if subject:
                return Attribution(subject.group("np").strip(), cue, subject.start("np"))
            continue
        found = _subject_before(masked, start, match.start())
        if found is not None:
            return Attribution(found[0], cue, found[1])
    return according


_COLON_CUE = re.compile(r"(?P<cue>" + CUE + r")\s*:\s*$")


def colon_intro(masked: str, start: int, end: int) -> Attribution | None:
    """A sentence introducing the quote that follows it with a colon: "One of the poems noted:"."""
    match = _COLON_CUE.search(masked, start, end)
    if match is None:
        return None
    found = _subject_before(masked, start, match.start())
    if found is None:
        return None
    return Attribution(found[0], match.group("cue"), found[1])


def _subject_before(masked: str, start: int, cue_start: int) -> tuple[str, int] | None:
    """The noun phrase ending right before a cue, back to the nearest clause break.

    An inserted clause is skipped ("31-year-old Vlad, who presented the gear, stated"),
    and a relative pronoun points at its antecedent ("including one that read" -> "one").
    """
    end = cue_start
    apposition: tuple[str, int] | None = None  # an inserted clause skipped on the way
    for _ in range(3):
        stretch = masked[start:end].rstrip()
        if stretch.endswith(","):
            comma = start + len(stretch) - 1
            inserted = _inserted_clause_start(masked, start, comma)
            if inserted is None:
                return None
            apposition = (masked[inserted + 1 : comma], inserted + 1)
            end = inserted
            continue
        breaks = list(_CLAUSE_BREAK.finditer(masked, start, end))
        segment_start = breaks[-1].end() if breaks else start
        words = _strip_adverbs(masked[segment_start:end].split())
        if not words:
            if breaks and breaks[-1].group().lower() in ("that", "which", "who"):
                end = breaks[-1].start()
                continue
            return None
        phrase = _INTRO.sub("", " ".join(words))
        if not _plausible_np(phrase):
            return None
        named = _NAME_BEFORE_APPOSITIVE.search(masked, max(start, segment_start - 60), segment_start)
        if named and phrase.split()[0].lower() in ("the", "a", "an") and not _NOT_A_NAME.match(named.group("name")):
            # "Nick Pollard, the head of Sky News said": the name, not the role.
            return named.group("name"), named.start("name")
        position = masked.find(phrase.split()[0], segment_start, end)
        return _name_for_role(phrase, position, *apposition) if apposition else (phrase, position)
    return None


def _name_for_role(phrase: str, position: int, apposition: str | None, apposition_start: int) -> tuple[str, int]:
    """The speaker of "the health secretary, Maria Holt, told": the name, when a role is followed by one."""
    phrase = phrase.strip()
    if apposition is not None:
        name = apposition.strip()
        # "the health secretary", "Portugal's central bank governor": a role, headed by a common noun
        is_role = phrase.split()[0].lower() in _ROLE_START or phrase[:1].islower() or phrase.split()[-1].islower()
        # "photographer Ana Ruiz" -> "Ana Ruiz"; "Dr. Priya Natarajan of the University …" -> "Dr. Priya Natarajan"
        named = _TRAILING_NAME.search(name) or _LEADING_NAME.match(name)
        if is_role and named and not _NOT_A_NAME.match(named.group("name")):
            return named.group("name"), apposition_start + apposition.index(name) + named.start("name")
    return phrase, position


def _inserted_clause_start(masked: str, start: int, comma: int) -> int | None:
    """Where the clause closed by the comma at ``comma`` opens: at ", who" or ", which", else the previous comma."""
    relative = max(masked.rfind(", who", start, comma), masked.rfind(", which", start, comma))
    if relative > start:
        return relative
    previous = masked.rfind(",", start, comma)
    return previous if previous > start else None


_ADVERB_WORD = re.compile(_ADVERB)
# Adverbs of manner between a subject and its cue; a list, since "family" and "daily" end in -ly too.
_MANNER_ADVERBS = word_set(
    """privately publicly quietly repeatedly separately initially openly firmly angrily flatly bluntly briefly clearly
    strongly immediately subsequently officially formally finally directly personally jokingly tearfully confidently
    cautiously calmly sharply emphatically categorically simply only swiftly"""
)


def _strip_adverbs(words: list[str]) -> list[str]:
    """Drop the adverbs between a subject and its verb: "officials privately", "The records also"."""
    while words and (_ADVERB_WORD.fullmatch(words[-1]) or words[-1] in _MANNER_ADVERBS):
        words = words[:-1]
    return words


def _plausible_np(phrase: str) -> bool:
    words = phrase.split()
    if not words or len(words) > 12 or MASK in phrase:
        return False
    # A cue verb inside would mean the phrase runs over a clause; nouns like "claim" may stay.
    starts_clause = words[0].lower() in _NP_STOP and not words[0].isupper()  # "WHO" is an organisation
    if starts_clause or any(w in _CUE_WORDS and w not in _NOUN_LIKE for w in words):
        return False
    return any(ch.isalpha() for ch in phrase)


_NAMED_SUBJECT = re.compile(
    rf"(?<![\w’'-])(?P<name>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){{0,3}})(?:,[^,.;:!?#]{{1,60}},|,)?[ \t]+"
    rf"(?:{_ADVERB}[ \t]+){{0,2}}{HEAD_CUE}"
)


def named_subjects(masked: str, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, name) of every name right before a cue in ``masked[start:end]`` ("Chen told", "Kirby said")."""
    return [(m.start("name"), m.group("name")) for m in _NAMED_SUBJECT.finditer(masked, start, end)]


# A name inside a sentence: after a lowercase word or a comma, not after a preposition (places).
_MENTIONED_NAME = re.compile(
    r"(?<=[a-z,] )(?<!\b(?:in|at|to|of|on|by) )(?<!\b(?:the|for) )(?<!\b(?:from|into|near|with|over) )(?<!\bacross )"
    r"(?P<name>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2})(?![\w'’-])"
)


def mentioned_names(masked: str, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, name) of the names mentioned inside sentences of ``masked[start:end]``."""
    return [(m.start("name"), m.group("name")) for m in _MENTIONED_NAME.finditer(masked, start, end)]


def pronoun(speaker: str) -> str | None:
    """The pronoun ``speaker`` is, lowercased, or None."""
    word = speaker.strip().lower()
    return word if word in _PRONOUNS else None


# Definite nouns that stand for the organisation named last.
_ORGANISATION_REFERENCE = re.compile(
    r"^the\s+(?:[a-z-]+\s+)?(?:agency|service|ministry|directorate|department|office|bureau|think\s+tank|institute|foundation)$"
)


def is_organisation_reference(speaker: str) -> bool:
    """ "the agency", "the spy agency": a stand-in for the organisation named last."""
    return bool(_ORGANISATION_REFERENCE.match(" ".join(speaker.lower().split())))

