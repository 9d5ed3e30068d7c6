"""One bad feed or sitemap item costs that item, never the outlet's pass."""

from __future__ import annotations

import pytest
from support import FixtureSite

from newsmon.config import CrawlConfig
from newsmon.discover import Robots, discover
from newsmon.entries import BadEntry, w3c_date
from newsmon.fetch import Fetcher
from newsmon.records import Outlet

GOOD_IDS = [f"20251107103025{n:05d}" for n in range(1, 6)]
# (date as the RSS/Atom/sitemap writes it) that once raised out of the whole feed
BAD_DATES = {
    "rss": "0000-00-00T00:00:00Z",  # feedparser: year -1 -> ValueError: year -1 is out of range
    "atom": "0000-00-00T00:00:00Z",
    "sitemap": "0001-01-01T00:00:00+09:00",  # OverflowError converting to UTC
}


def _rss(base: str, bad: str) -> bytes:
    items = "".join(
        f"<item><title>t{i}</title><link>{base}/article/{i}</link>"
        f"<pubDate>Fri, 07 Nov 2025 10:30:00 +0900</pubDate></item>"
        for i in GOOD_IDS
    )
    items += f"<item><title>bad</title><link>{base}/article/bad</link><pubDate>{bad}</pubDate></item>"
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>{items}</channel></rss>'.encode()


def _atom(base: str, bad: str) -> bytes:
    entries = "".join(
        f'<entry><title>t{i}</title><link href="{base}/article/{i}"/><id>{i}</id>'
        f"<updated>2025-11-07T10:30:00+09:00</updated></entry>"
        for i in GOOD_IDS
    )
    entries += f'<entry><title>bad</title><link href="{base}/article/bad"/><id>b</id><updated>{bad}</updated></entry>'
    return f'<feed xmlns="http://www.w3.org/2005/Atom"><title>f</title>{entries}</feed>'.encode()


def _sitemap(base: str, bad: str) -> bytes:
    urls = "".join(f"<url><loc>{base}/article/{i}</loc><lastmod>2025-11-07</lastmod></url>" for i in GOOD_IDS)
    urls += f"<url><loc>{base}/article/bad</loc><lastmod>{bad}</lastmod></url>"
    urls += "<url><loc>javascript:alert(1)</loc></url>"
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode()


def _serve(body_of, ctype: str):
    def handler(req):
        base = f"http://127.0.0.1:{req.server.server_address[1]}"
        body = body_of(base)
        req.send_response(200)
        req.send_header("Content-Type", ctype)
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body)

    return handler


@pytest.mark.parametrize("kind", ["rss", "atom", "sitemap"])
def test_one_malformed_date_costs_one_item(kind):
    build = {"rss": _rss, "atom": _atom, "sitemap": _sitemap}[kind]
    with FixtureSite() as site:
        site.routes["/src"] = _serve(lambda base: build(base, BAD_DATES[kind]), "application/xml")
        src = site.base + "/src"
        feeds, maps = ((src,), ()) if kind != "sitemap" else ((), (src,))
        outlet = Outlet(name="t", feeds=feeds, sitemaps=maps, allowed_domains=("127.0.0.1",), delay_seconds=0)
        fetcher = Fetcher(outlet, CrawlConfig(retries=1, obey_robots=False))
        found = discover(outlet, fetcher, Robots(fetcher))
    ours = [c for c in found.candidates if c.source.endswith(src)]  # not those of robots.txt sitemaps
    assert sorted(c.url.rsplit("/", 1)[1] for c in ours) == GOOD_IDS
    skipped = {p.url.rsplit("/", 1)[-1]: p.error for p in found.pages if (p.error or "").startswith("bad_entry")}
    assert skipped["bad"] == "bad_entry:date"
    if kind == "sitemap":
        assert "bad_entry:url" in skipped.values()
    assert any("skipped" in p for p in found.problems)


@pytest.mark.parametrize(
    "value", ["0000-00-00", "0001-01-01T00:00:00+09:00", "9999-12-31T23:59:59-12:00", "yesterday", "1900-01-01"]
)
def test_broken_or_implausible_sitemap_dates_are_bad_entries(value):
    with pytest.raises(BadEntry):
        w3c_date(value)


def test_sitemap_dates_in_the_shapes_cms_write_them():
    assert w3c_date("2025-11-07").year == 2025
    assert w3c_date("2025-11-07T10:30:00+09:00").hour == 1
    assert w3c_date("Fri, 07 Nov 2025 10:30:00 +0900").hour == 1
    assert w3c_date(" ") is None
