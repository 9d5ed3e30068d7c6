"""Article identity: ids of stored articles never change, and every caller asks one module."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsmon.extract import extract
from newsmon.fetch import decode_html
from newsmon.identity import article_id, candidate_key, id_from_url, normalize_url, source_id_of

FIXTURES = Path(__file__).parent / "fixtures"
# ids made by the code before newsmon.identity existed (commit 023bcc5), over the fixture site
PINNED = json.loads((FIXTURES / "identity" / "ids-before-identity-module.json").read_text())


@pytest.mark.parametrize("url", sorted(PINNED["generic"]))
def test_normalised_url_and_hash_id_are_pinned(url):
    normalised, aid = PINNED["generic"][url]
    assert normalize_url(url) == normalised
    assert article_id("site", url, None, "en") == aid


@pytest.mark.parametrize("name", sorted(PINNED["pages"]))
def test_fixture_pages_keep_their_ids(name):
    outlet, rel = name.split(":", 1)
    text, _ = decode_html((FIXTURES / "site" / rel).read_bytes())
    url = "https://www.asiae.co.kr/" + rel.replace(".cp949", "")
    article = extract(text, url, outlet, "asiae" if outlet == "asiae" else "generic")
    assert article.article_id == PINNED["pages"][name]


def test_the_url_alone_tells_the_id_where_the_profile_reads_a_number():
    url = "https://view.asiae.co.kr/article/2025110108050019374?utm_source=feed"
    assert id_from_url("asiae", "asiae", url) == "asiae-ko-2025110108050019374"
    assert id_from_url("asiae", "asiae", "https://www.asiae.co.kr/en/article/2025110108050019374") == (
        "asiae-en-2025110108050019374"
    )
    assert id_from_url("site", "generic", "https://example.com/a") is None  # only the page can tell


def test_source_id_is_read_back_from_an_id_for_any_outlet_name():
    assert source_id_of("asiae", "asiae-en-2025110108050019374") == "2025110108050019374"
    assert source_id_of("my-site", "my-site-ko-A123") == "A123"
    assert source_id_of("my-site", article_id("my-site", "https://x.example/1", None, "en")) is None
    assert source_id_of("other", "asiae-en-2025110108050019374") is None


def test_candidate_key_folds_spellings_of_one_address():
    spellings = [
        "https://Example.com/a/b/?utm_source=x&b=2&a=1#top",
        "https://example.com:443/a/b?a=1&b=2",
        "https://example.com/a/b?b=2&a=1&fbclid=123",
    ]
    assert len({candidate_key(u) for u in spellings}) == 1
    assert candidate_key("https://example.com/a/b?a=2") != candidate_key("https://example.com/a/b?a=1")
