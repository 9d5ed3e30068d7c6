"""Sitemaps as served in the wild: gzip by magic bytes, the protocol's own limits, streamed."""

from __future__ import annotations

import gzip

import pytest
from support import FixtureSite

from newsmon.config import CrawlConfig
from newsmon.discover import Robots, discover
from newsmon.fetch import Fetcher
from newsmon.records import Outlet
from newsmon.sitemap import SitemapReader, read_sitemap_bytes


def urlset(base: str, n: int, start: int = 0) -> bytes:
    """A sitemap of ``n`` article URLs, each ~120 bytes like a news CMS writes them."""
    rows = "".join(
        f"<url><loc>{base}/article/economic-general/2025110710{i:09d}</loc>"
        f"<lastmod>2025-11-07T10:30:00+09:00</lastmod></url>"
        for i in range(start, start + n)
    )
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>'.encode()


def _serve(body_of, ctype: str):
    def handler(req):
        body = body_of(f"http://127.0.0.1:{req.server.server_address[1]}")
        req.send_response(200)
        req.send_header("Content-Type", ctype)
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body)

    return handler


def _discover_sitemap(site: FixtureSite, path: str, max_bytes: int = 5_000_000):
    outlet = Outlet(name="t", sitemaps=(site.base + path,), allowed_domains=("127.0.0.1",), delay_seconds=0)
    fetcher = Fetcher(outlet, CrawlConfig(retries=1, obey_robots=False, max_bytes=max_bytes))
    found = discover(outlet, fetcher, Robots(fetcher))
    ours = [c for c in found.candidates if c.source == f"sitemap:{site.base}{path}"]
    page = next(p for p in found.pages if p.url == site.base + path)
    return ours, page


@pytest.mark.parametrize("ctype", ["application/x-gzip", "application/xml", "application/octet-stream"])
def test_gzipped_sitemap_read_by_its_magic_bytes(ctype):
    with FixtureSite() as site:
        site.routes["/sitemap.xml.gz"] = _serve(lambda base: gzip.compress(urlset(base, 3)), ctype)
        found, page = _discover_sitemap(site, "/sitemap.xml.gz")
    assert page.error is None
    assert len(found) == 3


def test_sitemap_within_protocol_limits_is_not_held_to_the_page_cap():
    """20,000 URLs (2.5 MB) against crawl.max_bytes of 1 MB: a page cap, not a sitemap's."""
    with FixtureSite() as site:
        site.routes["/big.xml"] = _serve(lambda base: urlset(base, 20_000), "application/xml")
        found, page = _discover_sitemap(site, "/big.xml", max_bytes=1_000_000)
    assert page.error is None
    assert len(found) == 20_000


def test_sitemap_url_limit_keeps_the_first_and_says_so():
    reader = SitemapReader("s", max_urls=100)
    reader.feed(urlset("http://a.test", 150))
    reader.finish()
    assert len(reader.urls) == 100 and reader.dropped == 50


def test_gzip_bomb_stops_at_the_uncompressed_limit():
    head = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    bomb = gzip.compress(head + b"<!--" + b" " * 5_000_000 + b"-->" + b"</urlset>")
    reader = SitemapReader("s", max_bytes=1_000_000)
    with pytest.raises(Exception, match="sitemap_too_large"):
        reader.feed(bomb)
    assert reader.size <= 1_000_000 + 256 * 1024


def test_streamed_in_small_chunks_equals_read_whole():
    body = gzip.compress(urlset("http://a.test", 500))
    reader = SitemapReader("s")
    for i in range(0, len(body), 7):
        reader.feed(body[i : i + 7])
    reader.finish()
    assert reader.urls == read_sitemap_bytes(body).urls
    assert len(reader.urls) == 500


def test_truncated_sitemap_keeps_the_entries_before_the_break():
    body = urlset("http://a.test", 10)[:-400]
    reader = read_sitemap_bytes(body)
    assert 5 <= len(reader.urls) < 10 and reader.broken
