"""Plain-text articles (.txt, .md, standard input)."""

from __future__ import annotations

from quotediff.ingest.decode import decode_bytes
from quotediff.ingest.drafts import Draft, fill_metadata
from quotediff.model import Article


def read_plain(
    data: bytes, *, location: str, article_id: str, sidecar: dict[str, str], encoding: str | None, infer: bool
) -> Draft:
    """One article from a text file; raises ``Unusable`` when the bytes are no usable text."""
    text = decode_bytes(data, encoding=encoding).text
    article = Article(id=article_id, text=text, path=location)
    fill_metadata(article, [(sidecar, "sidecar")], infer=infer)
    return Draft(location, article)
