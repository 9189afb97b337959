"""HTML articles: the main text and page metadata, extracted with trafilatura.

The extracted text (one paragraph a line) becomes ``Article.text``, so quote offsets
refer to what a reader sees in the report, not to the markup.
"""

from __future__ import annotations

import re

import trafilatura
from lxml.etree import LxmlError  # type: ignore[import-untyped]  # lxml ships no stubs
from trafilatura.settings import Document

from quotediff.ingest.decode import decode_bytes, normalise_text
from quotediff.ingest.drafts import Draft, fill_metadata
from quotediff.ingest.problems import Unusable
from quotediff.model import Article

_PAGE_FIELDS = {  # our metadata key -> trafilatura's
    "title": "title",
    "author": "author",
    "date": "date",
    "outlet": "sitename",
    "url": "url",
    "language": "language",
}
_MARKUP = re.compile(r"<\s*(?:html|body|head|p|div|article|main|section|h[1-6]|span|title|meta|!doctype)\b", re.I)


def read_html(
    data: bytes, *, location: str, article_id: str, sidecar: dict[str, str], encoding: str | None, infer: bool
) -> Draft:
    markup = decode_bytes(data, encoding=encoding, html=True).text
    if not _MARKUP.search(markup):
        raise Unusable("malformed-html", "no HTML markup found; if it is plain text, name it .txt")
    try:
        document = trafilatura.bare_extraction(
            markup, with_metadata=True, include_comments=False, include_tables=False, include_images=False
        )
    except (LxmlError, ValueError) as error:
        raise Unusable("malformed-html", f"HTML could not be parsed ({error})") from error
    found = document.as_dict() if isinstance(document, Document) else {}
    text = normalise_text(found.get("text") or "")
    if not any(ch.isalnum() for ch in text):  # nothing, or only markup debris such as "<<<>>>"
        raise Unusable(
            "malformed-html", "no article text could be extracted from the HTML (broken markup, or not an article page)"
        )
    page = {ours: found.get(theirs) for ours, theirs in _PAGE_FIELDS.items()}
    article = Article(id=article_id, text=text, path=location)
    page_values = {key: normalise_text(value).strip() for key, value in page.items() if isinstance(value, str)}
    fill_metadata(article, [(sidecar, "sidecar"), (page_values, "html")], infer=infer)
    return Draft(location, article)
