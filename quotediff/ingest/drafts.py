"""Articles as each reader produces them, before duplicates are dropped and ids made unique."""

from __future__ import annotations

from dataclasses import dataclass

from quotediff.ingest.infer import (
    FIELDS,
    Inferred,
    domain_of,
    infer_metadata,
    normalise_date,
)
from quotediff.ingest.problems import SkippedInput
from quotediff.model import Article


@dataclass(slots=True)
class Draft:
    location: str  # the path, or "path:line" for a record, as the user can find it
    article: Article


Read = Draft | SkippedInput  # what a reader yields, in the order of its source


def fill_metadata(article: Article, layers: list[tuple[dict[str, str], str]], *, infer: bool) -> None:
    """Set each metadata field from the first layer that has it, recording which layer that was.

    ``layers`` run strongest first (``sidecar``, then the file's own fields); what the text
    states about itself comes last, and an outlet can finally be named by the URL's domain.
    """
    missing = [key for key in FIELDS if not any(values.get(key) for values, _ in layers)]
    inferred = infer_metadata(article.text, missing) if infer and missing else Inferred()
    for key in FIELDS:
        for values, source in [*layers, (inferred.values, "")]:
            value = values.get(key)
            if value:
                setattr(article, key, normalise_date(value) if key == "date" else value)
                article.metadata_source[key] = source or inferred.sources[key]
                break
    if article.outlet is None and article.url and domain_of(article.url):
        article.outlet = domain_of(article.url)
        article.metadata_source["outlet"] = article.metadata_source.get("url", "") + ":domain"
