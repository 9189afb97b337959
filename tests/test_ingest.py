"""Ingest on the seeds: ids, text kept as read, and metadata with where it came from."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from quotediff.errors import InputError
from quotediff.ingest import IngestOptions, ingest
from quotediff.ingest.infer import infer_metadata

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seeds():
    return {article.id: article for article in ingest([str(SEEDS)]).articles}


def test_a_folder_gives_one_article_per_file_in_path_order(seeds):
    assert list(seeds) == sorted(path.stem for path in SEEDS.glob("*.txt"))


def test_article_text_is_the_file_text(seeds):
    for article_id, article in seeds.items():
        assert article.text == (SEEDS / f"{article_id}.txt").read_text(encoding="utf-8")
        assert article.path == str(SEEDS / f"{article_id}.txt")


def test_every_seed_names_its_outlet_and_says_why(seeds):
    outlets = {article_id[:3]: (a.outlet, a.metadata_source["outlet"]) for article_id, a in seeds.items()}
    assert outlets == {
        "000": ("Korea JoongAng Daily", "sidecar"),
        "001": ("Radio Free Asia", "text:self-reference"),
        "002": ("UNIAN", "text:self-reference"),
        "003": ("Kyiv Post", "text:self-reference"),
        "004": ("news.com.au", "text:url-line"),
    }


def test_dateline_byline_title_and_url_are_read_from_the_text(seeds):
    joongang = seeds["000_1d0b45f819c83f07"]
    assert joongang.date == "2025-02-25"
    assert joongang.author == "Seo Ji-Eun"
    assert joongang.title.startswith("Ukraine releases New Year’s messages")  # past "54 F" and "Los Angeles"
    news_com_au = seeds["004_586b7b742659d96d"]
    assert news_com_au.title == "North Korean soldier’s diary reveals grim role in Ukraine"  # past "NewsBite"
    assert news_com_au.url.startswith("https://www.news.com.au/world/europe/")


def test_a_first_line_of_body_text_is_not_taken_for_a_title(seeds):
    assert seeds["002_6ad989208b08722e"].title is None
    assert seeds["003_7e7427695f9610eb"].title is None


def test_without_the_sidecar_the_byline_email_domain_names_the_outlet(tmp_path):
    shutil.copy(SEEDS / "000_1d0b45f819c83f07.txt", tmp_path)
    (article,) = ingest([str(tmp_path)]).articles
    assert (article.outlet, article.metadata_source["outlet"]) == ("joongang.co.kr", "text:byline-email")


def test_a_credit_to_another_outlet_is_not_a_self_reference(tmp_path):
    (tmp_path / "a.txt").write_text(
        "The talks failed, reports Washington Post.\n"
        "As previously reported by Washington Post, the letters were dated Dec. 31.\n",
        encoding="utf-8",
    )
    (article,) = ingest([str(tmp_path / "a.txt")]).articles
    assert article.outlet is None


def test_sidecar_csv_wins_over_inference(tmp_path):
    shutil.copy(SEEDS / "004_586b7b742659d96d.txt", tmp_path)
    (tmp_path / "articles.csv").write_text(
        "file,outlet,date\n004_586b7b742659d96d.txt,News Corp Australia,2025-01-05\n", encoding="utf-8"
    )
    (article,) = ingest([str(tmp_path)]).articles
    assert (article.outlet, article.date) == ("News Corp Australia", "2025-01-05")
    assert article.metadata_source["outlet"] == "sidecar"
    assert article.metadata_source["url"] == "text:url-line"  # inference still fills what the sidecar lacks


def test_inference_can_be_switched_off(tmp_path):
    shutil.copy(SEEDS / "001_c7b290b31871910e.txt", tmp_path)
    (article,) = ingest([str(tmp_path)], options=IngestOptions(infer_metadata=False)).articles
    assert article.outlet is None and article.metadata_source == {}


def test_the_same_text_twice_is_kept_once_and_reported(tmp_path):
    for name in ("a.txt", "b.txt"):
        shutil.copy(SEEDS / "001_c7b290b31871910e.txt", tmp_path / name)
    result = ingest([str(tmp_path)])
    assert [a.id for a in result.articles] == ["a"]
    assert result.duplicates == [(str(tmp_path / "b.txt"), "a")]


def test_same_stem_in_two_folders_gets_distinct_ids(tmp_path):
    for folder, text in (("x", "First article text."), ("y", "Second article text.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(text, encoding="utf-8")
    assert [a.id for a in ingest([str(tmp_path)]).articles] == ["story", "story~2"]


def test_progress_is_reported_per_file(tmp_path):
    calls = []
    ingest([str(SEEDS)], on_progress=lambda done, total: calls.append((done, total)))
    assert calls == [(n, 5) for n in range(1, 6)]


def test_nothing_usable_raises_one_actionable_line(tmp_path):
    with pytest.raises(InputError) as error:
        ingest([str(tmp_path / "nope.txt")])
    message = str(error.value)
    assert "nope.txt" in message and "does not exist" in message and "\n" not in message


def test_sidecar_json_may_list_entries_with_a_file_key(tmp_path):
    shutil.copy(SEEDS / "002_6ad989208b08722e.txt", tmp_path)
    (tmp_path / "articles.json").write_text(
        '[{"file": "002_6ad989208b08722e", "title": "North Korean soldiers better equipped", "note": "by hand"}]',
        encoding="utf-8",
    )
    (article,) = ingest([str(tmp_path)]).articles
    assert (article.title, article.metadata_source["title"]) == ("North Korean soldiers better equipped", "sidecar")
    assert article.outlet == "UNIAN"  # inference still names the outlet


def test_an_articles_json_holding_texts_is_read_as_articles_not_as_a_sidecar(tmp_path):
    (tmp_path / "articles.json").write_text('[{"text": "A real article.", "outlet": "Feed"}]', encoding="utf-8")
    (article,) = ingest([str(tmp_path)]).articles
    assert (article.id, article.outlet) == ("articles:1", "Feed")


def test_hidden_files_and_unknown_suffixes_in_a_folder_are_not_read(tmp_path):
    (tmp_path / ".draft.txt").write_text("A hidden draft.", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text("ref: refs/heads/main", encoding="utf-8")
    (tmp_path / "story.md").write_text("The story.", encoding="utf-8")
    result = ingest([str(tmp_path)])
    assert [a.id for a in result.articles] == ["story"] and result.skipped == []


def test_a_file_named_twice_is_read_once(tmp_path):
    (tmp_path / "story.txt").write_text("The story.", encoding="utf-8")
    result = ingest([str(tmp_path), str(tmp_path / "story.txt")])
    assert [a.id for a in result.articles] == ["story"] and result.duplicates == []


def test_a_dropped_duplicate_lends_the_kept_article_what_it_alone_knew(tmp_path):
    (tmp_path / "a.txt").write_text("The same story, twice.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "The same story, twice.", "outlet": "Wire"}\n', encoding="utf-8")
    result = ingest([str(tmp_path)])
    (article,) = result.articles
    assert (article.id, article.outlet, article.metadata_source["outlet"]) == ("a", "Wire", "duplicate:json")
    assert result.duplicates == [(f"{tmp_path / 'b.jsonl'}:1", "a")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Pentagon could not confirm the number of casualties.",  # an official, not the newsroom
        "Officials could not independently verify the footage.",  # a sentence start, not a name
        "Reuters reported that, as previously reported by Reuters, talks stalled.",  # a credit
    ],
)
def test_sentences_that_are_not_a_newsroom_speaking_of_itself(tmp_path, sentence):
    (tmp_path / "a.txt").write_text(f"Talks stalled on Monday.\n{sentence}\n", encoding="utf-8")
    (article,) = ingest([str(tmp_path / "a.txt")]).articles
    assert article.outlet is None


def test_a_record_is_read_for_the_metadata_it_lacks_and_keeps_what_it_names(tmp_path):
    text = "By Ann Lee\nKyiv Independent could not independently verify the footage.\nTalks stalled.\n"
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": text, "outlet": "Wire", "date": "2025-01-10"}) + "\n", encoding="utf-8")
    (article,) = ingest([str(tmp_path / "a.jsonl")]).articles
    assert (article.outlet, article.metadata_source["outlet"]) == ("Wire", "json")  # not the text's self-reference
    assert (article.author, article.metadata_source["author"]) == ("Ann Lee", "text:byline")
    assert (article.date, article.metadata_source["date"]) == ("2025-01-10", "json")


def test_inference_reads_only_the_fields_asked_for():
    text = "By Ann Lee\nKyiv Independent could not independently verify the footage.\nJanuary 10, 2025\n"
    assert infer_metadata(text).values["outlet"] == "Kyiv Independent"
    assert infer_metadata(text, ["author", "date"]).values == {"author": "Ann Lee", "date": "2025-01-10"}
