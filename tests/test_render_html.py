"""HTML: one self-contained page (or an index plus a page per cluster) that escapes every article text."""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from pathlib import Path

import lxml.html
import pytest

from quotediff.render.html import render, render_pages

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fixtures" / "render"))
import render_reports as fixtures  # noqa: E402  (hand-built results, see fixtures/render/)


def parse(page: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(page)


def text_of(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


@pytest.fixture(scope="module")
def seeds_page() -> lxml.html.HtmlElement:
    return parse(render(fixtures.seeds_report()))


def test_the_index_lists_clusters_most_altered_first(seeds_page):
    rows = seeds_page.cssselect("table.index tbody tr")
    assert [text_of(r.cssselect("td")[4]) for r in rows] == ["≠ altered", "⊂ partial", "≈ variant"]
    assert [r.get("data-drift") for r in rows] == ["0.8200", "0.3500", "0.1800"]
    first = rows[0]
    assert text_of(first.cssselect("td.statement")[0]) == fixtures.SONG_A
    assert first.cssselect("td.statement a")[0].get("href") == "#cluster-c1"
    assert first.get("data-outlets") == '["Korea JoongAng Daily", "002_6ad989208b08722e.txt"]'


def test_the_song_line_shows_both_renderings_with_changed_words_marked(seeds_page):
    section = seeds_page.get_element_by_id("cluster-c1")
    reference, variant = section.cssselect("article.variant")
    assert text_of(reference.cssselect(".quote-text")[0]) == fixtures.SONG_A
    assert text_of(variant.cssselect(".quote-text")[0]) == fixtures.SONG_B
    assert [text_of(d) for d in reference.cssselect(".quote-text del")] == ["shared"]
    assert [text_of(i) for i in variant.cssselect(".quote-text ins")] == ["divided"]
    assert [text_of(m) for m in variant.cssselect(".quote-text .moved")] == ["With my homeland"]
    changes = [text_of(li) for li in variant.cssselect("ul.changes li")]
    assert changes[0].startswith("antonym: shared with → divided: opposite meaning")


def test_each_variant_shows_its_article_and_the_paragraph_around_the_quote(seeds_page):
    reference = seeds_page.get_element_by_id("cluster-c1").cssselect("article.variant")[0]
    source = reference.cssselect(".source")[0]
    assert text_of(source.cssselect("h4")[0]).startswith("Ukraine releases New Year’s messages")
    assert "2025-02-25" in text_of(source)
    link = source.cssselect("a.url")[0]
    assert link.get("href").startswith("https://koreajoongangdaily.joins.com/")
    assert link.get("rel") == "noopener noreferrer nofollow"
    context = source.cssselect("blockquote.context")[0]
    assert text_of(context.cssselect("mark")[0]) == fixtures.SONG_A
    assert text_of(context).startswith("In addition to Kim’s messages, a small booklet")


def test_the_alignment_table_and_provenance_graph_are_drawn_from_the_data(seeds_page):
    section = seeds_page.get_element_by_id("cluster-c1")
    table_rows = section.cssselect(".alignment tbody tr")
    assert [text_of(r.cssselect("th")[0]) for r in table_rows] == [
        "r1 · Korea JoongAng Daily",
        "r2 · 002_6ad989208b08722e.txt",
    ]
    assert len(section.cssselect(".alignment thead th.variant-col")) == 3
    svg = section.cssselect("figure.graph svg")[0]
    assert sorted(text_of(t) for t in svg.cssselect("g.node > text:first-of-type")) == ["Washington Post", "r1", "r2"]
    assert [text_of(li) for li in section.cssselect("figure.graph figcaption li")] == [
        "r1 credits Washington Post",
        "r2 credits Washington Post",
        "r1 → r2: retranslation (confidence 0.60): word order differs; opposite verb",
    ]


def test_clusters_without_provenance_are_still_drawn_from_their_quotes_credits(seeds_page):
    section = seeds_page.get_element_by_id("cluster-c2")
    assert [text_of(li) for li in section.cssselect("figure.graph figcaption li")] == [
        "r1 credits Washington Post",
        "r2 credits Washington Post",
    ]
    assert section.cssselect(".alignment") == []


def test_the_page_is_self_contained_and_allows_only_its_own_style_and_script():
    page = render(fixtures.seeds_report())
    document = parse(page)
    assert document.cssselect("link, img, iframe, object, embed, [src]") == []
    style = document.cssselect("style")[0].text
    script = document.cssselect("script")[0].text
    policy = document.cssselect('meta[http-equiv="Content-Security-Policy"]')[0].get("content")
    assert f"style-src '{sha256(style)}'" in policy
    assert f"script-src '{sha256(script)}'" in policy
    assert "default-src 'none'" in policy
    assert not re.search(r"url\((?!#)", page), "only in-page SVG markers may use url()"
    assert "@import" not in page


def test_hostile_article_text_is_escaped_everywhere():
    page = render(fixtures.hostile_report())
    document = parse(page)
    scripts = document.cssselect("script")
    assert len(scripts) == 1 and "__pwned" not in scripts[0].text
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        assert not [name for name in element.attrib if name.lower().startswith("on")], element.tag
        for name in ("href", "src", "cite", "action", "xlink:href"):
            value = element.get(name, "")
            assert not value.lower().lstrip().startswith(("javascript:", "data:")), (element.tag, value)
    assert document.cssselect("b, img, svg [onload], a[href^=javascript]") == []
    links = [a.get("href") for a in document.cssselect("a[href]")]
    assert all(h.startswith(("#", "https://", "http://")) for h in links)
    assert "https://example.org/news?id=1&ref=feed" in links
    assert "<script>window.__pwned" in document.text_content()  # shown, as text


def test_render_pages_gives_an_index_and_one_self_contained_page_per_cluster():
    pages = render_pages(fixtures.seeds_report())
    assert list(pages) == ["index.html", "cluster-c1.html", "cluster-c3.html", "cluster-c2.html"]
    index = parse(pages["index.html"])
    assert [a.get("href") for a in index.cssselect("td.statement a")] == [
        "cluster-c1.html",
        "cluster-c3.html",
        "cluster-c2.html",
    ]
    assert index.cssselect("section.cluster") == []
    page = parse(pages["cluster-c1.html"])
    assert [a.get("href") for a in page.cssselect("nav.back a")] == ["index.html", "cluster-c3.html"]
    middle = parse(pages["cluster-c3.html"])
    assert [a.get("href") for a in middle.cssselect("nav.back a")] == ["index.html", "cluster-c1.html", "cluster-c2.html"]
    assert page.cssselect("style") and not page.cssselect("script")
    assert [text_of(d) for d in page.cssselect("#cluster-c1 .quote-text del")] == ["shared"]


def test_spot_check_page_lists_matches_best_first():
    document = parse(render(fixtures.check_result()))
    assert text_of(document.cssselect("header blockquote")[0]) == fixtures.SONG_A
    headings = [text_of(h) for h in document.cssselect("section.cluster h2")]
    assert headings == ["1. Korea JoongAng Daily", "2. 002_6ad989208b08722e.txt"]
    altered = document.cssselect("section.cluster")[1]
    assert [text_of(i) for i in altered.cssselect(".quote-text ins")] == ["divided"]
    assert "credited: Washington Post" in text_of(altered.cssselect("p.meta")[0])
    assert [text_of(s) for s in altered.cssselect(".change-type")] == ["antonym", "reorder", "synonym"]
    assert render_pages(fixtures.check_result()) == {"index.html": render(fixtures.check_result())}


def test_missing_stage_output_degrades_to_plain_text_and_notes():
    report = fixtures.seeds_report()
    for cluster in report.clusters:
        cluster.pairs, cluster.provenance, cluster.table = [], None, None
    for quote in report.quotes:
        quote.credited_source = None
    report.articles = [a for a in report.articles if a.id != fixtures.UKRAINIAN]
    document = parse(render(report))
    section = document.get_element_by_id("cluster-c1")
    assert section.cssselect("del, ins, .moved, .alignment, figure.graph") == []
    assert "No provenance was computed for this cluster." in text_of(section)
    assert f"Article {fixtures.UKRAINIAN} is not in this report." in text_of(section)


def test_running_twice_gives_identical_pages():
    assert render(fixtures.seeds_report()) == render(fixtures.seeds_report())
    assert render_pages(fixtures.seeds_report()) == render_pages(fixtures.seeds_report())


def test_two_typed_renderings_get_one_page_with_both_marked():
    page = render(fixtures.diff_result())
    document = parse(page)
    reference, variant = document.cssselect("article.variant")
    assert [text_of(d) for d in reference.cssselect(".quote-text del")] == ["shared"]
    assert [text_of(i) for i in variant.cssselect(".quote-text ins")] == ["divided"]
    assert render_pages(fixtures.diff_result()) == {"index.html": page}
