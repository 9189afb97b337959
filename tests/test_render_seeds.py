"""The human formats on the real seeds report (the whole pipeline runs once for this module)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
import pytest

from quotediff.model import Report
from quotediff.pipeline import compare
from quotediff.render import RENDERERS, html, markdown, text
from quotediff.render.json import report_data

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SONG_A = "My fate is always shared with the motherland."
SONG_B = "With my homeland, my fate is always divided."


@pytest.fixture(scope="session")
def seeds_report() -> Report:
    return compare([str(SEEDS)])


def test_every_format_is_registered_and_renders_the_seeds(seeds_report):
    assert {"text", "json", "md", "html"} <= set(RENDERERS)
    for fmt, renderer in RENDERERS.items():
        assert renderer(seeds_report) == renderer(seeds_report), f"{fmt} is not deterministic"


def test_the_song_line_comes_first_in_the_terminal_with_its_opposite_meaning(seeds_report):
    out = text.render(seeds_report, width=160)
    first_cluster = out.split("\n2. ")[0]
    assert "≠ altered" in first_cluster
    assert (
        "shared → divided: opposite meaning" in first_cluster
        or "shared with → divided: opposite meaning" in first_cluster
    )
    assert re.search(r"My fate is always \[-shared", first_cluster)
    assert re.search(r"my fate is always \{\+divided\+\}", first_cluster)


def test_the_html_song_line_shows_both_renderings_and_their_articles(seeds_report):
    document = lxml.html.document_fromstring(html.render(seeds_report))
    song = next(
        section
        for section in document.cssselect("section.cluster")
        if SONG_A in [" ".join(p.text_content().split()) for p in section.cssselect(".quote-text")]
    )
    quotes = [" ".join(p.text_content().split()) for p in song.cssselect("article.variant .quote-text")]
    assert quotes == [SONG_A, SONG_B]
    assert "shared" in [d.text_content() for d in song.cssselect(".quote-text del")]
    assert "divided" in [i.text_content() for i in song.cssselect(".quote-text ins")]
    contexts = [" ".join(b.text_content().split()) for b in song.cssselect("blockquote.context")]
    assert any("small booklet found on a North Korean soldier" in c for c in contexts)


def test_markdown_and_json_tell_the_same_clusters(seeds_report):
    data = report_data(seeds_report)
    from_json = sorted((c["verdict"], f"{c['drift']:.2f}") for c in data["clusters"])
    out = markdown.render(seeds_report)
    from_markdown = sorted(re.findall(r"^## \d+\. .+: . (\w+) \(drift (\d\.\d\d)\)$", out, flags=re.MULTILINE))
    assert from_markdown == from_json
    json.dumps(data)  # the source of truth stays plain data
