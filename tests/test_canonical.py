"""A canonical link a page cannot hijack: on an allowed host, not the site root or a section."""

from __future__ import annotations

import pytest
from pipeline_faults import colliding_canonical, hijacking_canonical

from newsmon.canonical import trusted


@pytest.mark.e2e
def test_a_canonical_naming_the_home_page_or_another_host_is_not_the_identity(store):
    """Once: five articles merged as versions 1-5 of one id, one stored under evil.example."""
    assert hijacking_canonical(store) == {"ids": 6, "max_version": 1, "off_host": 0}


@pytest.mark.e2e
def test_a_canonical_claiming_another_stored_body_does_not_merge_articles(store):
    """Six pages naming the first one as canonical: six articles, five collisions recorded, and a
    second run stores nothing again (each page is known under its own address)."""
    got = colliding_canonical(store)
    assert got == {"ids": 6, "max_version": 1, "collisions": 5, "second_run_stored": 0}


@pytest.mark.parametrize(
    ("canonical", "fetched", "ok"),
    [
        ("https://www.a.kr/article/2025/11/03/slug", "https://m.a.kr/article/2025/11/03/slug", True),
        ("https://www.a.kr/", "https://www.a.kr/news/123", False),
        ("https://www.a.kr", "https://www.a.kr/news/123", False),
        ("https://www.a.kr/world", "https://www.a.kr/world/2025/11/story", False),
        ("https://evil.example/x/123", "https://www.a.kr/news/123", False),
        ("https://www.a.kr/story-of-the-day", "https://www.a.kr/story-of-the-day?utm_source=x", True),
        ("https://www.a.kr/news/tariff-truce-extended", "https://www.a.kr/p/9981", True),
    ],
)
def test_trusted_canonical(canonical, fetched, ok):
    assert trusted(canonical, fetched, ("a.kr",)) is ok
