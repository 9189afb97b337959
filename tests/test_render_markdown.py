"""Markdown: per cluster a table a fact-checker can paste, with ~~deleted~~ and **inserted** words."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from quotediff.render.markdown import escape, render

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fixtures" / "render"))
import render_reports as fixtures  # noqa: E402  (hand-built results, see fixtures/render/)


def table_rows(markdown: str) -> list[list[str]]:
    rows = []
    for line in markdown.splitlines():
        if line.startswith("| ") and not line.startswith("| ---"):
            rows.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]])
    return rows


def test_each_cluster_has_a_table_of_outlet_rendering_credited_source_and_verdict():
    out = render(fixtures.seeds_report())
    rows = table_rows(out)
    assert rows[0] == ["Outlet", "Rendering", "Credited source", "Verdict"]
    song = rows[1:3]
    assert song[0][0].startswith("[Korea JoongAng Daily](<https://koreajoongangdaily.joins.com/")
    assert song[0][1] == "r1: My fate is always ~~shared~~ _with the motherland_."
    assert song[0][2:] == ["Washington Post", "reference"]
    assert song[1] == [
        "002\\_6ad989208b08722e.txt",
        "r2: _With my homeland_, my fate is always **divided**.",
        "Washington Post",
        "≠ altered (0.82)",
    ]


def test_clusters_are_headed_most_altered_first_with_the_changes_listed():
    out = render(fixtures.seeds_report())
    assert re.findall(r"^## \d\. .+$", out, flags=re.MULTILINE) == [
        "## 1. unknown speaker: ≠ altered (drift 0.82)",
        "## 2. Washington Post: ⊂ partial (drift 0.35)",
        "## 3. Kim Jong-un: ≈ variant (drift 0.18)",
    ]
    assert "- **r2** vs r1: shared with → divided: opposite meaning;" in out


def test_markup_in_article_text_is_escaped_and_javascript_urls_are_not_links():
    out = render(fixtures.hostile_report())
    unescaped_tags = re.findall(r"(?<![\\(])<\w+", out)  # "(<https://" is a link destination
    assert unescaped_tags == []
    assert "\\<script\\>window.\\_\\_pwned" in out
    assert "javascript:" not in out  # the hostile article's URL is simply not shown as a link
    assert "[Plain News](<https://example.org/news?id=1&ref=feed>)" in out


def test_escape_keeps_table_cells_whole():
    assert escape("a | b\nc") == "a \\| b c"
    assert escape("# not a heading") == "\\# not a heading"
    assert escape("x*y*z_") == "x\\*y\\*z\\_"


def test_spot_check_has_one_row_per_match_best_first():
    out = render(fixtures.check_result())
    assert out.startswith(
        "# Spot check\n\n> My fate is always shared with the motherland.\n\n**Verdict:** = identical, 2 matches, best first."
    )
    header, first, second = table_rows(out)
    assert header == ["Outlet", "Date", "Speaker", "Credited source", "Diff against the query", "Changes", "Verdict"]
    assert first[-1] == "= identical (0.00)" and first[4] == "My fate is always shared with the motherland."
    assert second[4] == "_With my homeland_, my fate is always ~~shared~~ **divided**."
    assert second[5] == "antonym, reorder, synonym"


def test_running_twice_gives_identical_output():
    assert render(fixtures.seeds_report()) == render(fixtures.seeds_report())


def test_two_typed_renderings_show_each_side_and_the_diff_from_a_to_b():
    out = render(fixtures.diff_result())
    assert "- **A:** My fate is always ~~shared~~ _with the motherland_." in out
    assert "- **A → B:** _With my homeland_, my fate is always ~~shared~~ **divided**." in out
