"""Ingest of HTML, JSON, JSONL, standard input and legacy encodings."""

from __future__ import annotations

import io
import json
import sys
import unicodedata
from pathlib import Path

import pytest

from quotediff.ingest import IngestOptions, ingest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"
FEED_FIELDS = {"headline": "title", "body": "text", "source": "outlet", "published": "date"}


def test_html_gives_the_main_text_without_page_furniture_and_the_page_metadata():
    (article,) = ingest([str(FIXTURES / "kim_letter.html")]).articles
    assert article.id == "kim_letter"
    assert "“Comrades! I miss you dearly." in article.text  # entities decoded
    assert "Most read" not in article.text and "All rights reserved" not in article.text
    assert article.text.count("\n") >= 3  # one paragraph a line
    assert (article.outlet, article.author, article.date) == ("Example Daily", "Jane Doe", "2025-02-25")
    assert article.url == "https://www.example-daily.test/world/kim-letters"
    assert article.metadata_source["outlet"] == "html"


def test_jsonl_gives_one_article_per_line_with_its_own_id_and_skips_bad_lines_alone():
    result = ingest([str(FIXTURES / "wire.jsonl")])
    assert [a.id for a in result.articles] == ["wire-1", "wire-2", "wire:7"]
    first = result.articles[0]
    assert (first.outlet, first.date, first.metadata_source["date"]) == ("Example Wire", "2025-01-13", "json")
    where = FIXTURES / "wire.jsonl"
    assert [(s.path, s.kind) for s in result.skipped] == [
        (f"{where}:3", "malformed-json"),
        (f"{where}:4", "no-text"),
        (f"{where}:6", "malformed-json"),
    ]
    assert "line 3 is not JSON" in result.skipped[0].reason


def test_a_record_url_names_the_outlet_when_none_is_given():
    articles = {a.id: a for a in ingest([str(FIXTURES / "wire.jsonl")]).articles}
    assert (articles["wire-2"].outlet, articles["wire-2"].metadata_source["outlet"]) == (
        "other-news.test",
        "json:domain",
    )


def test_record_text_is_normalised_to_nfc_and_unix_newlines():
    articles = {a.id: a for a in ingest([str(FIXTURES / "wire.jsonl")]).articles}
    text = articles["wire:7"].text
    assert text == unicodedata.normalize("NFC", text) and "Café" in text
    assert "\r" not in text


def test_field_map_reads_a_json_list_with_other_field_names():
    result = ingest([str(FIXTURES / "feed.json")], options=IngestOptions(field_map=FEED_FIELDS))
    (article,) = result.articles
    assert (article.id, article.title, article.outlet, article.date) == (
        "feed:1",
        "Letters found on the battlefield",
        "Example Gazette",
        "2025-02-25",
    )
    (skipped,) = result.skipped
    assert skipped.path.endswith("feed.json:2") and "item 2 has no 'text'" in skipped.reason


def test_without_field_map_the_reason_names_the_fields_found():
    with pytest.raises(Exception, match="fields: body, headline, published, source"):
        ingest([str(FIXTURES / "feed.json")])


def test_a_json_file_with_one_object_is_one_article(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"text": "A single story.", "outlet": "Solo"}), encoding="utf-8")
    (article,) = ingest([str(tmp_path / "one.json")]).articles
    assert (article.id, article.outlet, article.text) == ("one", "Solo", "A single story.")


def _stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_jsonl(monkeypatch):
    _stdin(monkeypatch, (FIXTURES / "wire.jsonl").read_bytes())
    result = ingest(["-"])
    assert [a.id for a in result.articles] == ["wire-1", "wire-2", "stdin:7"]
    assert result.skipped[0].path == "<stdin>:3"


def test_stdin_plain_text(monkeypatch):
    _stdin(monkeypatch, "“We will hold the line,” the commander said.\r\n".encode())
    (article,) = ingest(["-"]).articles
    assert (article.id, article.path, article.text) == (
        "stdin",
        "<stdin>",
        "“We will hold the line,” the commander said.\n",
    )


RUSSIAN = "Северокорейские солдаты, воюющие на стороне России, хорошо мотивированы. «Лучшее — гостю», — сказал военный."
UKRAINIAN = (
    "Північнокорейські військові, які воюють на боці Росії, ймовірно, добре вмотивовані, заявив військовий у Києві."
)
KOREAN = (
    "북한 김정은 국무위원장이 러시아에 파병된 북한군 병사들에게 "
    "신년 메시지를 보내 “끝까지 용감하게 싸우라”고 독려한 것으로 알려졌다."
)
FRENCH = (
    "Le dirigeant a envoyé des messages aux soldats déployés, "
    "les exhortant à « se battre avec courage » jusqu’à la fin."
)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (RUSSIAN, "utf-8"),
        (RUSSIAN, "utf-8-sig"),
        (RUSSIAN, "utf-16"),
        (KOREAN, "utf-16-le"),  # no byte-order mark
        (RUSSIAN, "cp1251"),
        (RUSSIAN.replace("«", '"').replace("»", '"').replace("—", "-"), "koi8_r"),
        (UKRAINIAN, "cp1251"),
        (KOREAN, "euc_kr"),
        (KOREAN, "cp949"),
        (FRENCH, "cp1252"),
        (FRENCH.replace("’", "'"), "latin_1"),
    ],
)
def test_encodings_are_detected_and_decoded(tmp_path, text, encoding):
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding))
    (article,) = ingest([str(path)]).articles
    assert article.text == text


def test_a_forced_encoding_overrides_detection(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(FRENCH.encode("cp1252"))
    (article,) = ingest([str(path)], options=IngestOptions(encoding="latin_1")).articles
    assert "\x92" in article.text and "’" not in article.text  # cp1252's right quote read as latin-1


def test_decomposed_accents_are_composed(tmp_path):
    path = tmp_path / "nfd.txt"
    path.write_text(unicodedata.normalize("NFD", FRENCH), encoding="utf-8")
    (article,) = ingest([str(path)]).articles
    assert article.text == unicodedata.normalize("NFC", FRENCH)


def test_legacy_html_declares_its_charset(tmp_path):
    head = '<head><meta charset="windows-1251"><title>Новости</title></head>'
    html = f"<html>{head}<body><article><p>{RUSSIAN}</p></article></body></html>"
    (tmp_path / "ru.html").write_bytes(html.encode("cp1251"))
    (article,) = ingest([str(tmp_path / "ru.html")]).articles
    assert RUSSIAN in article.text and article.language == "ru"


SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_1d0b45f819c83f07.txt"


@pytest.mark.parametrize("encoding", ["cp1252", "cp1251", "euc_kr", "utf-16"])
def test_an_english_seed_saved_in_a_legacy_encoding_reads_back_exactly(tmp_path, encoding):
    """Few non-ASCII bytes (curly quotes only) are the hardest case for detection."""
    text = SEED.read_text(encoding="utf-8")
    if encoding == "euc_kr":
        text = text.replace("\xa0", " ")  # EUC-KR has no no-break space; its curly quotes are two bytes each
    (tmp_path / "seed.txt").write_bytes(text.encode(encoding))
    (article,) = ingest([str(tmp_path / "seed.txt")]).articles
    assert article.text == text


def test_a_named_file_without_a_telling_suffix_is_read_by_its_content(tmp_path):
    page = tmp_path / "download"
    page.write_bytes((FIXTURES / "kim_letter.html").read_bytes())
    feed = tmp_path / "export.log"
    feed.write_bytes((FIXTURES / "wire.jsonl").read_bytes())
    result = ingest([str(page), str(feed)])
    assert [a.id for a in result.articles] == ["download", "wire-1", "wire-2", "export:7"]
    assert result.articles[0].outlet == "Example Daily"


def test_an_api_response_wrapping_its_article_list_with_nested_fields():
    fields = {"content": "text", "source.name": "outlet", "publishedAt": "date"}
    result = ingest([str(FIXTURES / "api_response.json")], options=IngestOptions(field_map=fields))
    (article,) = result.articles
    assert (article.id, article.outlet, article.author, article.date) == (
        "api_response:1",
        "Example Herald",
        "Kim Min-ji",
        "2025-02-24",
    )
    (skipped,) = result.skipped
    assert skipped.path.endswith("api_response.json:2") and skipped.kind == "no-text"
