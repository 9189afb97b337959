"""Plain-text articles (.txt, .md, standard input)."""

from __future__ import annotations

from quotediff.ingest.drafts import Draft, fill_metadata
from quotediff.model import Article


def read_plain(text: str, *, location: str, article_id: str, sidecar: dict[str, str], infer: bool) -> Draft:
    """One article from decoded, normalised text; the sidecar's values win over inference."""
    article = Article(id=article_id, text=text, path=location)
    fill_metadata(article, [(sidecar, "sidecar")], infer=infer)
    return Draft(location, article)
