"""Terminal output: a header per cluster, variants side by side when there is room, changes marked."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from quotediff.render.text import render

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fixtures" / "render"))
import render_reports as fixtures  # noqa: E402  (hand-built results, see fixtures/render/)

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_plain_output_marks_changes_with_symbols_instead_of_colour():
    out = render(fixtures.seeds_report(), width=120)
    assert not ANSI.search(out)
    assert "My fate is always [-shared-] {~with the motherland~}." in out
    assert "{~With my homeland~}, my fate is always {+divided+}." in out
    assert "Legend: [-deleted or replaced-]" in out


def test_each_cluster_has_a_header_with_speaker_verdict_and_drift_most_altered_first():
    out = render(fixtures.seeds_report(), width=120)
    headers = re.findall(r"^(\d)\. (.+?) · . (\w+) · drift (\d\.\d\d)", out, flags=re.MULTILINE)
    assert headers == [
        ("1", "unknown speaker", "altered", "0.82"),
        ("2", "Washington Post", "partial", "0.35"),
        ("3", "Kim Jong-un", "variant", "0.18"),
    ]
    assert out.startswith("5 articles, 6 quotes, 3 clusters (1 altered, 1 partial, 1 variant)")


def test_the_change_summary_reads_as_one_line_per_variant():
    out = render(fixtures.seeds_report(), width=200)
    assert (
        "r2: shared with → divided: opposite meaning; with the motherland → With my homeland: word order changed" in out
    )


def test_each_variant_names_its_outlet_and_credited_source():
    out = render(fixtures.seeds_report(), width=200)
    assert "Korea JoongAng Daily, 2025-02-25 · credited: Washington Post" in out
    assert "002_6ad989208b08722e.txt · credited: Washington Post" in out


def test_wide_terminals_put_variants_side_by_side_and_narrow_ones_stack_them():
    wide = render(fixtures.seeds_report(), width=140)
    narrow = render(fixtures.seeds_report(), width=60)
    side_by_side = re.compile(r"r1 · reference\s+r2 · ")
    assert side_by_side.search(wide)
    assert not side_by_side.search(narrow)
    assert re.search(r"^r1 · reference\n", narrow, flags=re.MULTILINE)
    assert max(len(line) for line in narrow.splitlines()) <= 60
    assert max(len(line) for line in wide.splitlines()) <= 140


def test_colour_output_styles_the_changed_words_without_markers():
    out = render(fixtures.seeds_report(), width=120, color=True)
    assert ANSI.search(out)
    assert "[-shared-]" not in out
    plain = ANSI.sub("", out)
    assert "My fate is always shared with the motherland." in plain
    # struck through (SGR 9) and underlined (SGR 4), so colour is not the only signal
    assert re.search(r"\x1b\[[0-9;]*\b9;[0-9;]*mshared\x1b", out)
    assert re.search(r"\x1b\[[0-9;]*\b4;[0-9;]*mdivided\x1b", out)


def test_running_twice_gives_identical_output():
    assert render(fixtures.seeds_report(), width=90) == render(fixtures.seeds_report(), width=90)


def test_spot_check_lists_matches_best_first_with_the_diff_against_the_query():
    out = render(fixtures.check_result(), width=120)
    assert out.startswith(
        "Spot check: “My fate is always shared with the motherland.”\nVerdict: = identical (2 matches)"
    )
    first, second = re.findall(r"^\d\. (.+?) · . (\w+)", out, flags=re.MULTILINE)
    assert first == ("Korea JoongAng Daily", "identical")
    assert second == ("002_6ad989208b08722e.txt", "altered")
    assert "found: {~With my homeland~}, my fate is always {+divided+}." in out
    assert "changes: antonym, reorder, synonym: shared with → divided: opposite meaning" in out
    assert "date: 2025-02-25 · speaker: unknown · credited: Washington Post" in out


def test_a_report_without_clusters_still_says_what_was_read():
    report = fixtures.seeds_report()
    report.clusters = []
    assert render(report) == "5 articles, 6 quotes, 0 clusters\n"


def test_two_typed_renderings_are_shown_one_above_the_other_with_their_changes():
    out = render(fixtures.diff_result(), width=120)
    assert out.splitlines()[:3] == [
        "Verdict: ≠ altered · drift 0.82",
        "A: My fate is always [-shared-] {~with the motherland~}.",
        "B: {~With my homeland~}, my fate is always {+divided+}.",
    ]
    assert "changes: antonym, reorder, synonym: shared with → divided: opposite meaning" in out
