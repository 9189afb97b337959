"""Terminal output: clusters most altered first, variants side by side, changed words marked.

Built from rich renderables and recorded into a string, so the renderer stays a pure
function. With ``color=False`` the output is plain text and changed words carry markers
instead of styles: ``[-deleted-]``, ``{+inserted+}``, ``{~moved~}``.
"""

from __future__ import annotations

from io import StringIO

from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from quotediff.model import VERDICT_ORDER, CheckResult, Comparison, DiffResult, Report
from quotediff.render._segments import Segment
from quotediff.render._view import (
    quoting_note,
    VERDICT_SYMBOLS,
    ClusterView,
    MatchView,
    VariantView,
    cluster_views,
    counted,
    diff_view,
    match_views,
    summarize_changes,
)

DEFAULT_WIDTH = 100
MIN_COLUMN_WIDTH = 34  # narrower than this, variants are stacked instead of side by side

VERDICT_STYLES = {
    "identical": "green",
    "variant": "cyan",
    "partial": "yellow",
    "altered": "bold red",
    "not_found": "dim",
}
SEGMENT_STYLES = {
    "same": "",
    "deleted": "red strike",
    "inserted": "green underline",
    "replaced_old": "yellow strike",
    "replaced_new": "yellow underline",
    "moved": "blue italic underline",
    "outside": "dim",
}
SEGMENT_MARKERS = {
    "same": ("", ""),
    "deleted": ("[-", "-]"),
    "inserted": ("{+", "+}"),
    "replaced_old": ("[-", "-]"),
    "replaced_new": ("{+", "+}"),
    "moved": ("{~", "~}"),
    "outside": ("⟪", "⟫"),
}


def render(
    result: Report | CheckResult | DiffResult, *, width: int | None = None, color: bool = False, **_: object
) -> str:
    """The result as terminal text, ``width`` columns wide, with ANSI styles when ``color``."""
    console = Console(
        file=StringIO(),
        width=width or DEFAULT_WIDTH,
        color_system="standard" if color else None,
        force_terminal=color,
        force_interactive=False,
        no_color=not color,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
        soft_wrap=False,
    )
    if isinstance(result, CheckResult):
        blocks = _check_blocks(result, color)
    elif isinstance(result, DiffResult):
        blocks = _diff_blocks(result, color)
    else:
        blocks = _report_blocks(result, color, console.width)
    for block in blocks:
        console.print(block)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in output.splitlines()) + "\n"


# ---------------------------------------------------------------- reports


def _report_blocks(report: Report, color: bool, width: int) -> list[RenderableType]:
    views = cluster_views(report)
    blocks: list[RenderableType] = [_report_summary(report, views)]
    for number, view in enumerate(views, 1):
        blocks.append(_cluster_block(number, view, color, width))
    if report.skipped:
        blocks.append(Rule("skipped inputs", align="left", characters="-"))
        for skipped in report.skipped:
            blocks.append(Text(f"{skipped.path}: {skipped.reason}"))
    if any(_has_marks(v) for view in views for v in view.variants):
        blocks.append(_legend(color))
    return blocks


def _report_summary(report: Report, views: list[ClusterView]) -> Text:
    counts = {
        v: sum(1 for c in views if c.cluster.verdict == v)
        for v in sorted(VERDICT_ORDER, key=VERDICT_ORDER.__getitem__, reverse=True)
    }
    by_verdict = ", ".join(f"{n} {verdict}" for verdict, n in counts.items() if n)
    line = f"{counted(len(report.articles), 'article')}, {counted(len(report.quotes), 'quote')}, {counted(len(views), 'cluster')}"
    return Text(line + (f" ({by_verdict})" if by_verdict else ""), style="bold")


def _cluster_block(number: int, view: ClusterView, color: bool, width: int) -> Group:
    cluster = view.cluster
    title = Text.assemble(
        (f"{number}. {view.speaker} · ", "bold"),
        _verdict_text(cluster.verdict),
        f" · drift {cluster.drift:.2f}",
    )
    parts: list[RenderableType] = [
        Rule(title, align="left", characters="─" if color else "-"),
        Text("Outlets: " + ", ".join(view.outlets), style="dim"),
    ]
    variant_blocks = [_variant_block(v, color) for v in view.variants]
    if len(variant_blocks) * MIN_COLUMN_WIDTH <= width:
        grid = Table.grid(padding=(0, 2), expand=True)
        for _ in variant_blocks:
            grid.add_column(ratio=1)
        grid.add_row(*variant_blocks)
        parts.append(grid)
    else:
        for block in variant_blocks:
            parts += [block, Text("")]
    for variant in view.variants[1:]:
        if variant.comparison and (summary := summarize_changes(variant.comparison)):
            parts.append(Text.assemble((f"{variant.id}: ", "bold"), summary))
    parts.append(Text(""))
    return Group(*parts)


def _variant_block(variant: VariantView, color: bool) -> Group:
    if variant.is_reference:
        heading = Text(f"{variant.id} · reference", style="bold")
    elif variant.comparison:
        heading = Text.assemble(
            (f"{variant.id} · ", "bold"),
            _verdict_text(variant.comparison.verdict),
            f" vs {variant.compared_with} · drift {variant.comparison.drift:.2f}",
        )
    else:
        heading = Text(f"{variant.id} · not compared with {variant.compared_with}", style="bold")
    lines: list[RenderableType] = [heading, _segments_text(variant.segments, color)]
    for member in variant.members:
        dated = f"{member.outlet}, {member.article.date}" if member.article and member.article.date else member.outlet
        credit = member.credited_source or "no source credited"
        lines.append(Text(f"{dated} · credited: {credit}", style="dim"))
    return Group(*lines)


# ---------------------------------------------------------------- spot checks


def _check_blocks(result: CheckResult, color: bool) -> list[RenderableType]:
    views = match_views(result)
    blocks: list[RenderableType] = [
        Text.assemble(("Spot check: ", "bold"), f"“{result.query}”"),
        Text.assemble(("Verdict: ", "bold"), _verdict_text(result.verdict), f" ({counted(len(views), 'match')})"),
        Text(""),
    ]
    for number, view in enumerate(views, 1):
        blocks.append(_match_block(number, view, color))
    if any(s.kind != "same" for v in views for s in v.found_segments + v.query_segments):
        blocks.append(_legend(color))
    return blocks


def _match_block(number: int, view: MatchView, color: bool) -> Group:
    comparison = view.comparison
    article = view.match.article
    title = Text.assemble(
        (f"{number}. {view.outlet} · ", "bold"), _verdict_text(comparison.verdict), f" · drift {comparison.drift:.2f}"
    )
    facts = [
        f"date: {article.date or 'unknown'}",
        f"speaker: {view.speaker or 'unknown'}",
        f"credited: {view.credited_source or 'no source credited'}",
    ]
    if note := quoting_note(view.match):
        facts.append(note)
    lines: list[RenderableType] = [
        Rule(title, align="left", characters="─" if color else "-"),
        Text(" · ".join(facts), style="dim"),
        Text.assemble(("query: ", "bold"), _segments_text(view.query_segments, color)),
        Text.assemble(("found: ", "bold"), _segments_text(view.found_segments, color)),
    ]
    lines += [*_changes_line(comparison), Text("")]
    return Group(*lines)


# ---------------------------------------------------------------- two texts typed in


def _diff_blocks(result: DiffResult, color: bool) -> list[RenderableType]:
    view = diff_view(result)
    comparison = view.comparison
    blocks: list[RenderableType] = [
        Text.assemble(("Verdict: ", "bold"), _verdict_text(comparison.verdict), f" · drift {comparison.drift:.2f}"),
        Text.assemble(("A: ", "bold"), _segments_text(view.a_segments, color)),
        Text.assemble(("B: ", "bold"), _segments_text(view.b_segments, color)),
        *_changes_line(comparison),
    ]
    if comparison.reason:
        blocks.append(Text(comparison.reason, style="dim"))
    if any(s.kind != "same" for s in view.a_segments + view.b_segments):
        blocks.append(_legend(color))
    return blocks


def _changes_line(comparison: Comparison) -> list[Text]:
    if comparison.cross_language:
        return [Text.assemble(("meaning: ", "bold"), summarize_changes(comparison))]
    if not comparison.changes:
        return []
    types = ", ".join(dict.fromkeys(c.type for c in comparison.changes))
    return [Text.assemble(("changes: ", "bold"), f"{types}: {summarize_changes(comparison)}")]


# ---------------------------------------------------------------- pieces


def _verdict_text(verdict: str) -> Text:
    return Text(f"{VERDICT_SYMBOLS.get(verdict, '?')} {verdict}", style=VERDICT_STYLES.get(verdict, ""))


def _segments_text(segments: list[Segment], color: bool) -> Text:
    text = Text()
    for segment in segments:
        if color and segment.kind == "outside":
            text.append(f"⟪{segment.text}⟫", style=SEGMENT_STYLES[segment.kind])
        elif color or segment.kind == "same":
            text.append(segment.text, style=SEGMENT_STYLES[segment.kind] if color else "")
        else:
            opening, closing = SEGMENT_MARKERS[segment.kind]
            text.append(f"{opening}{segment.text}{closing}")
    return text


def _has_marks(variant: VariantView) -> bool:
    return any(s.kind != "same" for s in variant.segments)


def _legend(color: bool) -> Text:
    if not color:
        return Text(
            "Legend: [-deleted or replaced-] {+inserted or replacement+} {~moved~} ⟪rest of a longer quote⟫",
            style="dim",
        )
    legend = Text("Legend: ", style="dim")
    for label, kind in (
        ("deleted", "deleted"),
        ("inserted", "inserted"),
        ("replaced", "replaced_old"),
        ("replacement", "replaced_new"),
        ("moved", "moved"),
    ):
        legend.append(label, style=SEGMENT_STYLES[kind])
        legend.append(" ")
    legend.append("⟪rest of a longer quote⟫", style=SEGMENT_STYLES["outside"])
    return legend
