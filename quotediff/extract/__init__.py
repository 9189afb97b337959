"""The extract stage: an Article's direct quotations, with speaker, cue and credited source.

    from quotediff.extract import extract_quotes
    quotes = extract_quotes(article)  # list[Quote], ids "<article id>:q1", "…:q2", …

A pure, deterministic function of one article (no I/O, no model), linear in its length.

How it reads an article (one module each):

* marks.py      pairs quote marks paragraph by paragraph (every common style; reversed,
                stray and unbalanced marks recovered at the next paragraph; quotes that
                run over several paragraphs come out as parts linked by ``continues``);
* layout.py     paragraphs and sentences, with quoted words masked out of attribution;
* attribution.py the cue and its subject after the quote, before it, in a closing clause
                or in a colon intro on the line before;
* speakers.py   speaker keys the article makes clear (surname -> full name, acronym,
                quoted title, document -> its named author, "the publication" -> outlet);
                pronouns go to the previous speaker, a quote with no cue of its own that
                opens its sentence continues the previous quote;
* credits.py    the outlet, agency or account credited (own sentence first, else the nearest
                earlier report credit or a credit given to the same speaker);
* editorial.py  ellipses, [insertions] and [sic] inside quotes;
* kind.py       statement or fragment: seven words or more, or a complete sentence of three
                or more, is a statement; shorter phrases, titles and nested quotes are fragments.
"""

from quotediff.extract.names import normalise_outlet, normalise_speaker
from quotediff.extract.pipeline import extract_quotes

__all__ = ["extract_quotes", "normalise_outlet", "normalise_speaker"]
