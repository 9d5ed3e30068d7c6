"""Conditional GET for feeds: ETag/Last-Modified are sent as a hint, never the only trigger."""

from __future__ import annotations

from dataclasses import replace

import pytest
from support import FixtureSite, write_config

from newsmon import discover as disc
from newsmon.config import load_config
from newsmon.pipeline import run_outlet
from newsmon.tables import read_prefix


def test_feed_headers_expire_into_a_full_read():
    v = {"etag": '"abc"', "last_modified": "Sat, 28 Nov 2026 01:00:00 GMT", "full_at": 1000.0}
    assert disc.feed_headers(v, 1000.0 + 60) == {
        "If-None-Match": '"abc"',
        "If-Modified-Since": "Sat, 28 Nov 2026 01:00:00 GMT",
    }
    assert disc.feed_headers(v, 1000.0 + disc.FEED_FULL_READ_SECONDS) == {}  # the hint expired
    assert disc.feed_headers(None, 5.0) == {}
    assert disc.feed_headers({"etag": None, "last_modified": None, "full_at": 1000.0}, 1001.0) == {}


class _Feed:
    """The fixture feed behind an ETag; records the conditional headers each request carried."""

    ETAG = '"feed-v1"'

    def __init__(self) -> None:
        self.seen: list[str | None] = []
        self.site: FixtureSite | None = None

    def __call__(self, handler) -> None:
        asked = handler.headers.get("If-None-Match")
        self.seen.append(asked)
        if asked == self.ETAG:
            handler.send_response(304)
            handler.send_header("ETag", self.ETAG)
            handler.end_headers()
            return
        body = self.site.resolve("/rss/all.htm")[0]
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("ETag", self.ETAG)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)


@pytest.mark.e2e
def test_unchanged_feed_is_not_reread_until_the_hint_expires(tmp_path, seaweed, store, s3_env, monkeypatch):
    feed = _Feed()
    with FixtureSite(routes={"/rss/etag.xml": feed}) as site:
        feed.site = site
        cfg = write_config(tmp_path / "c.yaml", site.base, None, seaweed.endpoint_url, bucket=store.bucket)
        config = load_config(cfg, env=s3_env)
        outlet = replace(config.outlets[0], feeds=(f"{site.base}/rss/etag.xml",), robots_sitemaps=False)
        first = run_outlet(outlet, config, store, "r1")
        sitemap_hits = site.requests.count("/sitemap-en.xml")
        second = run_outlet(outlet, config, store, "r2")
        assert feed.seen == [None, _Feed.ETAG]  # the second run asked conditionally and got 304
        assert first.stored > 0 and second.found == 0 and second.problems == []
        assert site.requests.count("/sitemap-en.xml") == sitemap_hits  # a 304 is not a broken feed
        monkeypatch.setattr(disc, "FEED_FULL_READ_SECONDS", 0.0)
        third = run_outlet(outlet, config, store, "r3")
        assert feed.seen[-1] is None and third.found == first.found  # read in full again
    errors = [f["error"] for f in read_prefix(store, "fetches").to_pylist() if f["url"].endswith("/rss/etag.xml")]
    assert sorted(e or "ok" for e in errors) == ["not_modified", "ok", "ok"]
