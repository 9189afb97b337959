"""HTML: a self-contained report that opens from disk and fetches nothing.

``render`` gives one page (index, then every cluster); ``render_pages`` gives an index
page plus one page per cluster, for ``-o DIR``. CSS and the small filter script are
inline; a Content-Security-Policy allows exactly those two (by hash) and nothing else, so
even text that slipped past escaping could neither run script nor load anything.
Every piece of article text goes through jinja2's autoescape, and only http(s) URLs
become links.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from quotediff.model import VERDICT_ORDER, CheckResult, DiffResult, Report
from quotediff.render._graph import Graph, provenance_graph
from quotediff.render._view import (
    VERDICT_SYMBOLS,
    ClusterView,
    cluster_views,
    context_around,
    counted,
    describe_change,
    diff_view,
    match_views,
    safe_url,
)

INDEX_PAGE = "index.html"


@dataclass(frozen=True, slots=True)
class ClusterEntry:
    """A cluster as a page shows it: its view, provenance drawing, and where it lives."""

    view: ClusterView
    graph: Graph
    witness_labels: dict[str, str]
    href: str  # "#anchor" on the one-page report, "<anchor>.html" across pages


def render(result: Report | CheckResult | DiffResult, *, title: str | None = None, **_: object) -> str:
    """The whole result as one self-contained HTML page."""
    if isinstance(result, CheckResult):
        return _check_page(result, title)
    if isinstance(result, DiffResult):
        return _page("diff.html.j2", page_title=title or "Two renderings compared", view=diff_view(result))
    return _report_page(result, title, entries=_entries(result, paged=False), with_sections=True)


def render_pages(result: Report | CheckResult | DiffResult, *, title: str | None = None, **_: object) -> dict[str, str]:
    """An index page and one page per cluster, keyed by file name relative to the output folder."""
    if not isinstance(result, Report):
        return {INDEX_PAGE: render(result, title=title)}
    entries = _entries(result, paged=True)
    pages = {INDEX_PAGE: _report_page(result, title, entries=entries, with_sections=False)}
    for number, entry in enumerate(entries, 1):
        pages[entry.href] = _page(
            "cluster.html.j2",
            page_title=f"{number}. {entry.view.speaker}: {entry.view.cluster.verdict}",
            entry=entry,
            number=number,
            previous=entries[number - 2] if number > 1 else None,
            next=entries[number] if number < len(entries) else None,
        )
    return pages


def _report_page(report: Report, title: str | None, *, entries: list[ClusterEntry], with_sections: bool) -> str:
    views = [e.view for e in entries]
    verdicts = sorted({v.cluster.verdict for v in views}, key=lambda v: -VERDICT_ORDER.get(v, 0))
    return _page(
        "report.html.j2",
        page_title=title or "Quote comparison",
        script=_asset("report.js"),
        entries=entries,
        with_sections=with_sections,
        article_count=len(report.articles),
        quote_count=len(report.quotes),
        verdict_counts=[(v, sum(1 for c in views if c.cluster.verdict == v)) for v in verdicts],
        filter_verdicts=verdicts,
        filter_outlets=sorted({o for v in views for o in v.outlets}, key=str.casefold),
        filter_speakers=sorted({v.speaker for v in views}, key=str.casefold),
        filtered=False,
        skipped=report.skipped,
    )


def _check_page(result: CheckResult, title: str | None) -> str:
    return _page(
        "check.html.j2",
        page_title=title or "Spot check",
        query=result.query,
        verdict=result.verdict,
        matches=match_views(result),
    )


def _entries(report: Report, *, paged: bool) -> list[ClusterEntry]:
    entries = []
    for view in cluster_views(report):
        labels = {mv.member.id: f"{variant.id} · {mv.outlet}" for variant in view.variants for mv in variant.members}
        href = f"{view.anchor}.html" if paged else f"#{view.anchor}"
        entries.append(ClusterEntry(view=view, graph=provenance_graph(view), witness_labels=labels, href=href))
    return entries


def _page(template: str, *, script: str = "", **context: object) -> str:
    css = _asset("report.css")
    policy = "; ".join(
        [
            "default-src 'none'",
            f"style-src '{_sha256(css)}'",
            f"script-src '{_sha256(script)}'" if script else "script-src 'none'",
            "img-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    page = _environment().get_template(template).render(css=Markup(css), script=Markup(script), csp=policy, **context)
    return page


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("quotediff.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.globals.update(
        symbols=VERDICT_SYMBOLS,
        safe_url=safe_url,
        context_around=context_around,
        counted=counted,
        describe_change=describe_change,
    )
    return environment


@cache
def _asset(name: str) -> str:
    """An inline asset's text, exactly as the page will hold it (its hash must match)."""
    loader = _environment().loader
    assert loader is not None
    source, _, _ = loader.get_source(_environment(), name)
    return source.strip("\n")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
