"""A canonical link a page cannot hijack: on an allowed host, not the site root or a section."""

from __future__ import annotations

import pytest
from support import SITE_DIR, FixtureSite

from newsmon.canonical import trusted
from newsmon.config import parse_config
from newsmon.pipeline import run_outlet
from newsmon.tables import read_prefix

TEMPLATE = (SITE_DIR / "article" / "world" / "2025110309150027461.html").read_bytes()
CANONICAL = b"{{BASE}}/article/world/2025110309150027461"


def page(base: str, canonical: str, n: int) -> bytes:
    """The fixture article, a different headline per page, claiming ``canonical``."""
    body = TEMPLATE.replace(CANONICAL, canonical.encode()).replace(b"{{BASE}}", base.encode())
    return body.replace(b"<title>", f"<title>story {n} ".encode(), 1)


@pytest.mark.e2e
def test_a_canonical_naming_the_home_page_or_another_host_is_not_the_identity(store):
    with FixtureSite() as site:
        claims = [site.base + "/"] * 5 + ["https://evil.example/stolen"]
        links = []
        for n, claim in enumerate(claims):
            site.overrides[f"/news/item-{n}"] = page(site.base, claim, n)
            links.append(f"{site.base}/news/item-{n}")
        items = "".join(f"<item><title>t</title><link>{u}</link></item>" for u in links)
        rss = f'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>{items}</channel></rss>'
        site.overrides["/feed.htm"] = rss.encode()
        config = parse_config(
            {
                "storage": {"endpoint_url": store.cfg.endpoint_url, "bucket": store.bucket},
                "crawl": {"timeout_seconds": 5, "retries": 1, "obey_robots": False},
                "outlets": [
                    {
                        "name": "plain",
                        "profile": "generic",
                        "feeds": [site.base + "/feed.htm"],
                        "allowed_domains": ["127.0.0.1"],
                        "delay_seconds": 0,
                    }
                ],
            },
            env={"AWS_ACCESS_KEY_ID": store.cfg.access_key or "", "AWS_SECRET_ACCESS_KEY": store.cfg.secret_key or ""},
        )
        run_outlet(config.outlets[0], config, store, "canon-1")
    rows = read_prefix(store, "articles", "plain").to_pylist()
    assert len({r["article_id"] for r in rows}) == 6, sorted((r["article_id"], r["version"]) for r in rows)
    assert {r["version"] for r in rows} == {1}
    assert all(r["url"].startswith(site.base + "/news/") for r in rows), [r["url"] for r in rows]


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
