"""The extract stage: an Article's direct quotations, with speaker, cue and credited source.

    from quotediff.extract import extract_quotes, normalise_speaker, normalise_outlet
    quotes = extract_quotes(article)  # list[Quote], ids "<article id>:q1", "…:q2", …
    normalise_speaker("Kim Jong-un") == normalise_speaker("Kim Jong Un") == "kim jong un"
    normalise_outlet("The Wall Street Journal") == normalise_outlet("WSJ") == "wall street journal"

``extract_quotes`` is a pure, deterministic function of one article (no I/O, no model),
linear in the article's length and in its number of quote marks. ``Quote.text`` is always
``article.text[start:end]``, the words inside the marks.

How it reads an article (one module each, in the order the pipeline calls them):

* marks.py       pairs quote marks paragraph by paragraph: straight and curly, « » and ‹ ›
                 either way, „ “ and ‚ ‘, 「 」 and 『 』; an apostrophe is never a mark; a
                 reversed mark still pairs; a stray mark is ignored and the stack is emptied
                 at every paragraph end, so nothing shifts later quotes; a quote running over
                 several paragraphs comes out as parts linked by ``continues``;
* layout.py      paragraphs and sentences, with quoted words masked out of attribution;
* attribution.py the cue and its subject: after the quote ("…,” the letter said", "…,” said
                 the Ukrainian military"), before it (the main clause's first cue, or a cue
                 right before the mark), in a closing clause ("…, he added."), or in a colon
                 intro ending the line before; a name in apposition beats a role;
* speakers.py    the key the article makes clear: surname -> full name, acronym -> the name
                 it spells, a quoted title put before a name, a document -> its named author,
                 "the publication" / "the Post" -> the outlet named; "he"/"she" -> the person
                 named last as a cue's subject, "it" -> the organisation or document quoted
                 last; a quote with no cue that opens its sentence continues the previous one;
* credits.py     the outlet, agency, account or platform credited: in the quote's own sentence
                 (nearest first, all in ``credit_chain``), else carried: a report credit
                 ("according to the Washington Post", "reports Washington Post", "the
                 publication notes") covers later quotes, unless it sits in another speaker's
                 quote sentence; a speaker's channel ("told AFP", "as translated by …", "X
                 account said", "on X") carries only to that speaker; "told reporters", "said
                 in a statement" mean no outlet;
* editorial.py   ellipses, [insertions] and [sic] inside quotes, with offsets;
* kind.py        statement or fragment: seven words or more, or a complete sentence of three
                 or more, is a statement; shorter phrases, titles and nested quotes are
                 fragments (details and examples in kind.py).

Measured by bench/extract_bench.py against the hand-made gold in fixtures/extract/.
"""

from quotediff.extract.names import normalise_outlet, normalise_speaker
from quotediff.extract.pipeline import extract_quotes

__all__ = ["extract_quotes", "normalise_outlet", "normalise_speaker"]
