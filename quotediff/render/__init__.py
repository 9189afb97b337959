"""Renderers: pure functions from a result (Report, CheckResult or DiffResult) to text.

Every format is computed from the same result object; JSON is the source of truth and
every other format shows the same facts. Adding a format touches one module and this
registry.
"""

from __future__ import annotations

from collections.abc import Callable

from quotediff.model import CheckResult, DiffResult, Report
from quotediff.render import html as html_renderer
from quotediff.render import json as json_renderer
from quotediff.render import markdown as markdown_renderer
from quotediff.render import text as text_renderer
from quotediff.render._view import filter_result

__all__ = ["RENDERERS", "filter_result", "render", "render_pages"]

Result = Report | CheckResult | DiffResult
Renderer = Callable[..., str]

RENDERERS: dict[str, Renderer] = {
    "text": text_renderer.render,
    "json": json_renderer.render,
    "md": markdown_renderer.render,
    "html": html_renderer.render,
}


def render(result: Result, fmt: str, **options: object) -> str:
    """Render ``result`` in format ``fmt`` (a key of RENDERERS)."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        from quotediff.errors import InputError

        raise InputError(f"unknown format {fmt!r}; choose one of: {', '.join(sorted(RENDERERS))}") from None
    return renderer(result, **options)


def render_pages(result: Result, **options: object) -> dict[str, str]:
    """HTML as a folder: ``index.html`` plus one page per cluster (file name -> content)."""
    return html_renderer.render_pages(result, **options)
