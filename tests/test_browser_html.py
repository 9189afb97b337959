"""The HTML report in a real browser (Debian's chromium through playwright): what a person sees.

Skipped, with the reason, when /usr/bin/chromium or playwright is missing. Pages are opened
from disk; every request other than the page itself is recorded and aborted, so a test
fails if the report tries to fetch anything.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from quotediff.render.html import render, render_pages

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fixtures" / "render"))
import render_reports as fixtures  # noqa: E402  (hand-built results, see fixtures/render/)

from browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (fixtures/render/browser.py)

if not CHROMIUM.exists():
    pytest.skip(
        "browser tests need Debian's chromium: apt-get install -y --no-install-recommends chromium chromium-driver",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright: pip install -e '.[test]'")


@dataclass
class Visit:
    """A page opened from disk, with everything it said or tried to fetch."""

    page: object
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def visit(browser, tmp_path):
    contexts = []

    def open_page(files: dict[str, str], name: str = "index.html", *, javascript: bool = True) -> Visit:
        for file_name, content in files.items():
            (tmp_path / file_name).write_text(content, encoding="utf-8")
        context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1200, "height": 900})
        contexts.append(context)
        page = context.new_page()
        visit = Visit(page)
        own_files = {(tmp_path / f).as_uri() for f in files}

        def guard(route):
            if route.request.url.split("#")[0] in own_files:
                route.continue_()
            else:
                visit.foreign_requests.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        page.on("console", lambda message: message.type == "error" and visit.console_errors.append(message.text))
        page.on("pageerror", lambda error: visit.console_errors.append(str(error)))
        page.on("dialog", lambda dialog: (visit.dialogs.append(dialog.message), dialog.dismiss()))
        page.goto((tmp_path / name).as_uri())
        page.wait_for_load_state("load")
        return visit

    yield open_page
    for context in contexts:
        context.close()


def visible_rows(page) -> list[str]:
    return page.eval_on_selector_all(
        "table.index tbody tr:not([hidden])", "rows => rows.map(r => r.getAttribute('data-target'))"
    )


def test_the_song_line_shows_both_renderings_with_the_changed_words_highlighted(visit):
    seen = visit({"index.html": render(fixtures.seeds_report())})
    page = seen.page
    cluster = page.locator("#cluster-c1")
    reference = cluster.locator("article.variant").nth(0)
    variant = cluster.locator("article.variant").nth(1)
    assert reference.locator(".quote-text").inner_text() == fixtures.SONG_A
    assert variant.locator(".quote-text").inner_text() == fixtures.SONG_B

    shared = reference.locator(".quote-text del", has_text="shared")
    divided = variant.locator(".quote-text ins", has_text="divided")
    moved_with = reference.locator(".quote-text .moved", has_text="with the motherland")
    for highlighted in (shared, divided, moved_with):
        assert highlighted.is_visible()
    # Not colour alone: struck through, underlined, and a visible marker for moves.
    assert "line-through" in shared.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "underline" in divided.evaluate("e => getComputedStyle(e).textDecorationLine")
    plain_colour = reference.locator(".quote-text").evaluate("e => getComputedStyle(e).backgroundColor")
    assert shared.evaluate("e => getComputedStyle(e).backgroundColor") != plain_colour
    assert moved_with.evaluate("e => getComputedStyle(e, '::before').content") == '"⇄\u00a0"'
    assert "shared with → divided: opposite meaning" in variant.inner_text()
    assert seen.console_errors == [] and seen.foreign_requests == []


def test_filters_change_what_is_visible_and_sort_reorders_by_drift(visit):
    seen = visit({"index.html": render(fixtures.seeds_report())})
    page = seen.page
    assert page.locator("#filters").is_visible()
    assert visible_rows(page) == ["cluster-c1", "cluster-c3", "cluster-c2"]
    assert page.locator("#filter-status").inner_text() == "Showing 3 of 3 clusters"

    page.select_option("#filters select[name=verdict]", "altered")
    assert visible_rows(page) == ["cluster-c1"]
    assert page.locator("#cluster-c1").is_visible()
    assert not page.locator("#cluster-c2").is_visible() and not page.locator("#cluster-c3").is_visible()
    assert page.locator("#filter-status").inner_text() == "Showing 1 of 3 clusters"

    page.select_option("#filters select[name=verdict]", "")
    page.select_option("#filters select[name=speaker]", "Kim Jong-un")
    assert visible_rows(page) == ["cluster-c2"]

    page.select_option("#filters select[name=speaker]", "")
    page.select_option("#filters select[name=outlet]", "Korea JoongAng Daily")
    assert visible_rows(page) == ["cluster-c1", "cluster-c3", "cluster-c2"]

    page.select_option("#filters select[name=sort]", "drift-asc")
    assert visible_rows(page) == ["cluster-c2", "cluster-c3", "cluster-c1"]
    section_order = page.eval_on_selector_all("#clusters > section", "s => s.map(e => e.id)")
    assert section_order == ["cluster-c2", "cluster-c3", "cluster-c1"]

    page.click("#filters button[type=reset]")
    # The status already read "3 of 3" before the reset, so wait for the order the reset restores
    # (expect polls from Playwright's own script: the page's CSP forbids evaluating a string).
    sync_api.expect(page.locator("table.index tbody tr").first).to_have_attribute("data-target", "cluster-c1")
    assert page.locator("#filter-status").inner_text() == "Showing 3 of 3 clusters"
    assert visible_rows(page) == ["cluster-c1", "cluster-c3", "cluster-c2"]
    assert seen.console_errors == [] and seen.foreign_requests == []


def test_without_javascript_every_cluster_is_shown_and_the_filters_are_hidden(visit):
    seen = visit({"index.html": render(fixtures.seeds_report())}, javascript=False)
    page = seen.page
    assert not page.locator("#filters").is_visible()
    assert all(page.locator(f"#cluster-{c}").is_visible() for c in ("c1", "c2", "c3"))


def test_a_hostile_article_runs_no_script_and_shows_its_markup_as_text(visit):
    seen = visit({"index.html": render(fixtures.hostile_report())})
    page = seen.page
    page.hover("section.cluster .quote-text")
    page.locator("blockquote.context").first.click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert seen.dialogs == []
    assert page.locator("section.cluster img, section.cluster b, section.cluster svg[onload]").count() == 0
    quote = page.locator("section.cluster article.variant").first.locator(".quote-text").inner_text()
    assert "<script>window.__pwned = 'script in quote'</script>" in quote
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    assert not [h for h in hrefs if not h.startswith(("http://", "https://", "file://"))]
    assert seen.console_errors == [] and seen.foreign_requests == []


def test_multi_page_output_links_the_index_to_each_cluster_page(visit):
    seen = visit(render_pages(fixtures.seeds_report()))
    page = seen.page
    page.click("table.index tbody tr:first-child td.statement a")
    page.wait_for_load_state("load")
    assert page.url.endswith("/cluster-c1.html")
    assert page.locator("#cluster-c1 .quote-text del", has_text="shared").is_visible()
    page.click("nav.back a >> nth=0")
    page.wait_for_load_state("load")
    assert page.url.endswith("/index.html")
    assert seen.console_errors == [] and seen.foreign_requests == []


def test_the_print_stylesheet_hides_the_controls_and_keeps_the_marks(visit):
    seen = visit({"index.html": render(fixtures.seeds_report())})
    page = seen.page
    page.emulate_media(media="print")
    assert not page.locator("#filters").is_visible()
    shared = page.locator("#cluster-c1 .quote-text del", has_text="shared")
    assert "line-through" in shared.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert shared.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"


def test_the_spot_check_page_shows_the_query_diff_for_each_match(visit):
    seen = visit({"index.html": render(fixtures.check_result())})
    page = seen.page
    second = page.locator("section.cluster").nth(1)
    assert second.locator("h2").inner_text() == "2. 002_6ad989208b08722e.txt"
    assert second.locator(".quote-text ins", has_text="divided").is_visible()
    assert second.locator(".quote-text del", has_text="shared").is_visible()
    assert seen.console_errors == [] and seen.foreign_requests == []
