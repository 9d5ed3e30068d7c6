"""Discovery: feeds by content, robots.txt obeyed, sitemaps parsed safely."""

from __future__ import annotations

from datetime import UTC, datetime

from support import FixtureSite

from newsmon.config import CrawlConfig
from newsmon.discover import Robots, discover, parse_feed, parse_sitemap
from newsmon.fetch import Fetcher
from newsmon.records import Outlet

RSS = b"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>
<item><title>One</title><link>https://www.asiae.co.kr/article/2025110710302512345</link>
<pubDate>Fri, 07 Nov 2025 10:30:00 +0900</pubDate></item>
<item><title>No link</title></item></channel></rss>"""

BOMB = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol3;</loc></url></urlset>"""


def test_feed_items_with_korean_time_in_utc():
    items = parse_feed(RSS, "asiae", "https://www.asiae.co.kr/rss/all.htm")
    assert [c.url for c in items] == ["https://www.asiae.co.kr/article/2025110710302512345"]
    assert items[0].published_at == datetime(2025, 11, 7, 1, 30, tzinfo=UTC)
    assert parse_feed(b"<html><body>not a feed</body></html>", "x", "u") == []


def test_sitemap_parsing_refuses_entities():
    urls, children = parse_sitemap(BOMB)
    assert all("lol" not in u for u, _ in urls) and children == []
    assert parse_sitemap(b"not xml") == ([], [])
    index = (
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>https://a.example/s1.xml</loc></sitemap></sitemapindex>"
    )
    assert parse_sitemap(index) == ([], ["https://a.example/s1.xml"])


def _serve(text: str, ctype="text/plain"):
    def handler(req):
        body = text.replace("{{BASE}}", f"http://127.0.0.1:{req.server.server_address[1]}").encode()
        req.send_response(200)
        req.send_header("Content-Type", ctype)
        req.end_headers()
        req.wfile.write(body)

    return handler


def test_robots_sitemaps_followed_and_self_pointing_index_ends():
    routes = {
        "/robots.txt": _serve("User-agent: *\nDisallow: /private/\nSitemap: {{BASE}}/index.xml\n"),
        "/index.xml": _serve(
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            "<sitemap><loc>{{BASE}}/index.xml</loc></sitemap>"
            "<sitemap><loc>{{BASE}}/s1.xml</loc></sitemap></sitemapindex>",
            "application/xml",
        ),
        "/s1.xml": _serve(
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            "<url><loc>{{BASE}}/a/1</loc><lastmod>2025-11-01</lastmod></url>"
            "<url><loc>{{BASE}}/a/2</loc><lastmod>2025-11-02</lastmod></url></urlset>",
            "application/xml",
        ),
    }
    with FixtureSite(routes=routes) as site:
        outlet = Outlet(
            name="t",
            sitemaps=(),
            allowed_domains=("127.0.0.1",),
            delay_seconds=0,
            robots_sitemaps=True,
            feeds=(site.base + "/nofeed",),
        )
        fetcher = Fetcher(outlet, CrawlConfig(retries=1))
        robots = Robots(fetcher)
        found = discover(outlet, fetcher, robots)
        assert [c.url for c in found.candidates] == [site.base + "/a/2", site.base + "/a/1"]  # newest first
        assert site.requests.count("/index.xml") == 1
        assert any("nofeed" in p for p in found.problems)
        assert not robots.allowed(site.base + "/private/x") and robots.allowed(site.base + "/a/1")


SINCE_SITEMAP = (
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
    "<url><loc>{{BASE}}/a/old</loc><lastmod>2025-10-01T09:00:00+09:00</lastmod></url>"
    "<url><loc>{{BASE}}/a/undated</loc></url>"
    "<url><loc>{{BASE}}/a/new</loc><lastmod>2025-11-03</lastmod></url>"
    # the day before `since` in UTC, though 2025-11-02 in Korea: excluded
    "<url><loc>{{BASE}}/a/edge</loc><lastmod>2025-11-02T08:00:00+09:00</lastmod></url>"
    # a news entry: its publication date counts, not an older lastmod
    "<url><loc>{{BASE}}/a/news</loc><lastmod>2025-01-01</lastmod>"
    "<news:news><news:publication_date>2025-11-04T10:00:00Z</news:publication_date></news:news></url>"
    "<url><loc>{{BASE}}/a/newest</loc><lastmod>2025-11-05T00:00:00Z</lastmod></url>"
    "</urlset>"
)
SINCE_FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>feed new</title><link>{{BASE}}/f/new</link><pubDate>Sun, 02 Nov 2025 12:00:00 +0000</pubDate></item>
<item><title>feed old</title><link>{{BASE}}/f/old</link><pubDate>Sat, 01 Nov 2025 23:59:00 +0000</pubDate></item>
</channel></rss>"""


def _since_site() -> FixtureSite:
    return FixtureSite(
        routes={
            "/robots.txt": _serve("User-agent: *\nSitemap: {{BASE}}/news.xml\n"),
            "/news.xml": _serve(SINCE_SITEMAP, "application/xml"),
            "/rss": _serve(SINCE_FEED, "application/rss+xml"),
        }
    )


def _discover_since(site: FixtureSite, since):
    # a working feed and robots_sitemaps off: a normal run never reads the sitemap
    outlet = Outlet(name="t", feeds=(site.base + "/rss",), allowed_domains=("127.0.0.1",), delay_seconds=0)
    fetcher = Fetcher(outlet, CrawlConfig(retries=1))
    try:
        return discover(outlet, fetcher, Robots(fetcher), since=since)
    finally:
        fetcher.close()


def test_since_reads_sitemaps_keeps_new_and_undated_newest_first():
    from datetime import date

    with _since_site() as site:
        normal = _discover_since(site, None)
        assert [c.url.removeprefix(site.base) for c in normal.candidates] == ["/f/new", "/f/old"]
        assert "/news.xml" not in site.requests
        caught_up = _discover_since(site, date(2025, 11, 2))
    urls = [c.url.removeprefix(site.base) for c in caught_up.candidates]
    # old entries gone (also the feed's, and the one dated 2025-11-02 only in Korean time);
    # the undated one kept, last; the rest newest first
    assert urls == ["/a/newest", "/a/news", "/a/new", "/f/new", "/a/undated"]
