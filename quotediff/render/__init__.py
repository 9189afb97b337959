"""Renderers: pure functions from a result (Report, CheckResult or DiffResult) to text.

Every format is computed from the same result object; JSON is the source of truth and
every other format shows the same facts. Adding a format touches one module and this
registry.
"""

from __future__ import annotations

import json as stdlib_json  # not "json": that name is the submodule quotediff.render.json
from collections.abc import Callable, Sequence

from quotediff.model import CheckResult, DiffResult, Report
from quotediff.render import html as html_renderer
from quotediff.render import json as json_renderer
from quotediff.render import markdown as markdown_renderer
from quotediff.render import text as text_renderer
from quotediff.render._view import filter_result

__all__ = ["RENDERERS", "filter_result", "render", "render_many", "render_pages"]

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


def render_many(results: Sequence[CheckResult], fmt: str, **options: object) -> str:
    """Several spot checks in one output: a JSON list, or the documents one after another (text, md)."""
    if fmt == "json":
        return stdlib_json.dumps([json_renderer.report_data(r) for r in results], ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        from quotediff.errors import InputError

        raise InputError("several checks write text, md or json; for HTML, check one quote at a time")
    return "\n".join(render(r, fmt, **options) for r in results)
