"""Markdown: a report a fact-checker pastes into an article draft or an issue tracker.

Per cluster a table of outlet, rendering, credited source and verdict. The reference
rendering shows what others dropped or replaced as ~~struck~~ words; every other
rendering shows what it added or substituted in **bold** and moved words in _italics_.
Article text is escaped, so markup inside a quote shows as text.
"""

from __future__ import annotations

import re

from quotediff.model import CheckResult, DiffResult, Report
from quotediff.render._segments import Segment
from quotediff.render._view import (
    quoting_note,
    VERDICT_SYMBOLS,
    ClusterView,
    MatchView,
    cluster_views,
    counted,
    diff_view,
    match_views,
    safe_url,
    summarize_changes,
)

_MARKUP = {
    "same": ("", ""),
    "deleted": ("~~", "~~"),
    "replaced_old": ("~~", "~~"),
    "inserted": ("**", "**"),
    "replaced_new": ("**", "**"),
    "moved": ("_", "_"),
    "outside": ("⟪", "⟫"),
}
_SPECIAL = re.compile(r"([\\`*_\[\]|~<>])")


def render(result: Report | CheckResult | DiffResult, **_: object) -> str:
    if isinstance(result, CheckResult):
        lines = _check_lines(result)
    elif isinstance(result, DiffResult):
        lines = _diff_lines(result)
    else:
        lines = _report_lines(result)
    return "\n".join(lines).rstrip("\n") + "\n"


def _report_lines(report: Report) -> list[str]:
    views = cluster_views(report)
    lines = [
        "# Quote comparison",
        "",
        f"{counted(len(report.articles), 'article')}, {counted(len(report.quotes), 'quote')}, {counted(len(views), 'cluster')}, most altered first.",
        "",
    ]
    for number, view in enumerate(views, 1):
        lines += _cluster_lines(number, view)
    if views:
        lines += [_LEGEND, ""]
    if report.skipped:
        lines += ["## Skipped inputs", ""]
        lines += [f"- `{s.path}`: {escape(s.reason)}" for s in report.skipped]
    return lines


_LEGEND = "Legend: ~~struck~~ words are missing or replaced in another rendering, **bold** words are added or replacements, _italic_ words moved, ⟪bracketed⟫ words are the rest of a longer quote."


def _cluster_lines(number: int, view: ClusterView) -> list[str]:
    cluster = view.cluster
    symbol = VERDICT_SYMBOLS.get(cluster.verdict, "?")
    lines = [
        f"## {number}. {escape(view.speaker)}: {symbol} {cluster.verdict} (drift {cluster.drift:.2f})",
        "",
        f"> {escape(view.statement)}",
        "",
        "| Outlet | Rendering | Credited source | Verdict |",
        "| --- | --- | --- | --- |",
    ]
    for variant in view.variants:
        if variant.is_reference:
            verdict = "reference"
        elif variant.comparison:
            verdict = f"{VERDICT_SYMBOLS.get(variant.comparison.verdict, '?')} {variant.comparison.verdict} ({variant.comparison.drift:.2f})"
        else:
            verdict = "not compared"
        rendering = f"{variant.id}: {segments_markdown(variant.segments)}"
        for member in variant.members:
            outlet = _linked(member.outlet, member.article.url if member.article else None)
            credit = escape(member.credited_source) if member.credited_source else "none stated"
            lines.append(f"| {outlet} | {rendering} | {credit} | {verdict} |")
    lines.append("")
    for variant in view.variants[1:]:
        if variant.comparison and (summary := summarize_changes(variant.comparison)):
            lines.append(f"- **{variant.id}** vs {variant.compared_with}: {escape(summary)}")
    if cluster.provenance and cluster.provenance.summary:
        lines.append(f"- Provenance: {escape(cluster.provenance.summary)}")
    lines.append("")
    return lines


def _check_lines(result: CheckResult) -> list[str]:
    views = match_views(result)
    lines = [
        "# Spot check",
        "",
        f"> {escape(result.query)}",
        "",
        f"**Verdict:** {VERDICT_SYMBOLS.get(result.verdict, '?')} {result.verdict}, {counted(len(views), 'match')}, best first.",
        "",
    ]
    if views:
        lines += [
            "| Outlet | Date | Speaker | Credited source | Diff against the query | Changes | Verdict |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        lines += [_match_row(v) for v in views]
        lines += ["", _LEGEND]
    return lines


def _diff_lines(result: DiffResult) -> list[str]:
    view = diff_view(result)
    comparison = view.comparison
    lines = [
        "# Two renderings compared",
        "",
        f"**Verdict:** {VERDICT_SYMBOLS.get(comparison.verdict, '?')} {comparison.verdict} (drift {comparison.drift:.2f})",
        "",
        f"- **A:** {segments_markdown(view.a_segments)}",
        f"- **B:** {segments_markdown(view.b_segments)}",
        f"- **A → B:** {segments_markdown(view.merged)}",
    ]
    if summary := summarize_changes(comparison):
        lines.append(f"- **Changes:** {escape(summary)}")
    return [*lines, "", _LEGEND]


def _match_row(view: MatchView) -> str:
    comparison = view.comparison
    article = view.match.article
    changes = ", ".join(dict.fromkeys(c.type for c in comparison.changes)) or "none"
    cells = [
        _linked(view.outlet, article.url),
        escape(article.date or "unknown"),
        escape(view.speaker or "unknown"),
        escape(view.credited_source or "none stated"),
        segments_markdown(view.merged) + (f" _({quoting_note(view.match)})_" if quoting_note(view.match) else ""),
        changes,
        f"{VERDICT_SYMBOLS.get(comparison.verdict, '?')} {comparison.verdict} ({comparison.drift:.2f})",
    ]
    return "| " + " | ".join(cells) + " |"


def segments_markdown(segments: list[Segment]) -> str:
    """Segments as Markdown: emphasis hugs the words, spaces stay outside it."""
    out = []
    for segment in segments:
        opening, closing = _MARKUP[segment.kind]
        words = escape(segment.text)
        if opening and words.strip():
            lead, core, trail = _split_spaces(words)
            out.append(f"{lead}{opening}{core}{closing}{trail}")
        else:
            out.append(words)
    return "".join(out)


def escape(text: str) -> str:
    """Text safe inside a Markdown table cell or quote line: markup characters escaped, lines joined."""
    flat = _SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text).replace("&", "&amp;"))
    return "\\" + flat if flat[:1] in ("#", "+", "-") else flat


def _linked(label: str, url: str | None) -> str:
    link = safe_url(url)
    if link is None:
        return escape(label)
    return f"[{escape(label)}](<{link.replace('>', '%3E').replace(' ', '%20')}>)"


def _split_spaces(words: str) -> tuple[str, str, str]:
    core = words.strip()
    start = words.index(core)
    return words[:start], core, words[start + len(core) :]
