"""Who credits whom: the outlet of each member and the sources its quote credits."""

from __future__ import annotations

import re

from quotediff.model import Article, Cluster, Credit, Member, Quote

_LEADING_ARTICLE = re.compile(r"^the\s+")
_NON_WORD = re.compile(r"[^\w]+")


def source_key(name: str) -> str:
    """A name folded for matching: "The Washington Post" ~ "Washington Post" ~ "washington-post"."""
    folded = _LEADING_ARTICLE.sub("", name.casefold().strip())
    return _NON_WORD.sub(" ", folded).strip()


def outlet_of(member: Member, articles: dict[str, Article]) -> str:
    """The member's outlet as ingest named it, or its article id when the outlet is unknown."""
    article = articles.get(member.article)
    return article.outlet if article and article.outlet else member.article


def sources_of(member: Member, quotes: dict[str, Quote]) -> list[str]:
    """The sources the member's quote credits, nearest first."""
    quote = quotes.get(member.quote)
    if quote is None:
        return []
    if quote.credit_chain:
        return list(quote.credit_chain)
    return [quote.credited_source] if quote.credited_source else []


def credit_graph(cluster: Cluster, articles: dict[str, Article], quotes: dict[str, Quote]) -> list[Credit]:
    """Each link of each member's credit chain: outlet -> nearest source -> the source it cites ..."""
    credits: list[Credit] = []
    seen: set[tuple[str, str, str]] = set()
    for member in sorted(cluster.members, key=lambda m: m.id):
        chain = [outlet_of(member, articles), *sources_of(member, quotes)]
        for giver, source in zip(chain, chain[1:]):
            link = (giver, source, member.quote)
            if source_key(giver) != source_key(source) and link not in seen:
                seen.add(link)
                credits.append(Credit(outlet=giver, source=source, quote=member.quote))
    return credits
