"""Extraction on the saved asiae-shaped pages: must-contain and must-not-contain text, ids, dates."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from newsmon.extract import ExtractionError, extract
from newsmon.fetch import decode_html
from newsmon.identity import normalize_url
from newsmon.profiles import asiae_date_from_id, asiae_source_id

SITE = Path(__file__).parent / "fixtures" / "site"
MANIFEST = json.loads((SITE / "MANIFEST.json").read_text())
BASE = "https://www.asiae.co.kr"


def _page(entry: dict) -> str:
    raw = (SITE / entry["file"]).read_bytes().replace(b"{{BASE}}", BASE.encode())
    return decode_html(raw, "utf-8")[0]  # the header lies for the CP949 page, as the server does


@pytest.mark.parametrize("entry", MANIFEST, ids=[m["url_path"] for m in MANIFEST])
def test_fixture_pages(entry):
    art = extract(_page(entry), BASE + entry["url_path"], "asiae", "asiae")
    assert art.extraction_method == "profile"
    assert art.title == entry["title"]
    assert art.article_id == f"asiae-{entry['lang']}-{entry['article_id19']}"
    assert art.lang == entry["lang"]
    for text in entry["must_contain"]:
        assert text in art.body
    for text in entry["must_not_contain"]:
        assert text not in art.body, text
    assert list(art.summary) == entry.get("summary", [])
    assert art.author == entry.get("byline")
    published = datetime.fromisoformat(entry["published_kst"])
    assert art.published_at is not None
    assert abs((art.published_at - published).total_seconds()) < 60


def test_seed_page_matches_expected_json():
    seed = json.loads((Path(__file__).parent / "fixtures" / "seed" / "expected.json").read_text())
    entry = next(m for m in MANIFEST if m["article_id19"] == "2023111607172845478")
    art = extract(_page(entry), BASE + entry["url_path"], "asiae", "asiae")
    assert art.title == seed["title"]
    assert list(art.summary) == seed["summary"]
    lines = art.body.split("\n")
    assert lines[0].startswith(seed["body_first_sentence"])
    assert lines[-1].endswith(seed["body_last_sentence"])
    for chrome in seed["chrome"]:
        assert chrome not in art.body.split("\n") and chrome not in art.title
    assert "© The Asia Business Daily" not in art.body


def test_profile_that_finds_nothing_falls_back_and_says_so():
    html = (
        "<html lang='en'><head><title>Plain page</title></head><body><main><h1>Plain page</h1>"
        + "".join(
            f"<p>Paragraph {i} of an article on a redesigned site, with enough words to be text.</p>" for i in range(8)
        )
        + "</main></body></html>"
    )
    art = extract(html, "https://www.asiae.co.kr/en/article/2025010112000012345", "asiae", "asiae")
    assert art.extraction_method == "fallback"
    assert "Paragraph 3 of an article" in art.body
    assert art.article_id == "asiae-en-2025010112000012345"  # identity survives the redesign
    assert art.published_at == asiae_date_from_id("2025010112000012345")


@pytest.mark.parametrize(
    "url",
    [
        "https://view.asiae.co.kr/article/2017061813385889015",
        "https://www.asiae.co.kr/article/economic-general/2017061813385889015",
        "https://www.asiae.co.kr/en/print.htm?idxno=2017061813385889015",
        "https://view.asiae.co.kr/news/view.htm?idxno=2017061813385889015",
        "https://cm.asiae.co.kr/ampview.htm?no=2017061813385889015",
    ],
)
def test_asiae_id_from_every_url_shape(url):
    assert asiae_source_id(url) == "2017061813385889015"
    assert asiae_date_from_id("2017061813385889015").isoformat() == "2017-06-18T04:38:58+00:00"


def test_empty_and_garbage_input_raise_extraction_error():
    for html in ("", "   ", "<html></html>", "\x00\x01binary"):
        with pytest.raises(ExtractionError):
            extract(html, "https://x.example/a", "x")


def test_control_characters_are_dropped_before_parsing():
    body = "<p>" + "The two sides met in Geneva and agreed to keep talking about trade next month. " * 3 + "</p>"
    clean = f"<html><head><title>Trade talks</title></head><body><article>{body}</article></body></html>"
    dirty = clean.replace("Trade talks", "Trade\x7f talks").replace("Geneva", "Gen\x01eva\x1f", 1)
    a, b = (extract(html, "https://x.example/a", "x") for html in (clean, dirty))
    assert (b.title, b.body) == (a.title, a.body)
    assert "\x7f" not in b.title and "Geneva" in b.body


def test_url_normalisation_drops_tracking_and_fragments():
    assert normalize_url("HTTPS://WWW.Example.com:443/a?utm_source=x&id=1#top") == "https://www.example.com/a?id=1"
