"""A run's budget spends on new work; a pass that crashes is a failed pass for health.

The real pipeline against a loopback outlet and the embedded store.
"""

from __future__ import annotations

import pytest
from support import SITE_DIR, FixtureSite, WebhookReceiver

from newsmon.budget import plan
from newsmon.config import parse_config
from newsmon.fetch import Fetcher
from newsmon.pipeline import run_outlet
from newsmon.records import Candidate
from newsmon.tables import read_prefix

pytestmark = pytest.mark.e2e

TEMPLATE_ID = "2025110309150027461"
TEMPLATE = (SITE_DIR / "article" / "world" / f"{TEMPLATE_ID}.html").read_bytes()


def article_id(n: int) -> str:
    """A 19-digit asiae number per generated article."""
    return f"2025110309{n:09d}"


def outlet_site(count: int, feed_items) -> FixtureSite:
    """``count`` distinct asiae-shaped articles and a feed listing ``feed_items(base)`` links."""
    site = FixtureSite()
    for n in range(count):
        sid = article_id(n)
        body = TEMPLATE.replace(b"{{BASE}}", site.base.encode()).replace(TEMPLATE_ID.encode(), sid.encode())
        site.overrides[f"/article/world/{sid}"] = body
    links = feed_items(site.base)
    items = "".join(f"<item><title>t</title><link>{u}</link></item>" for u in links)
    rss = f'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>{items}</channel></rss>'.encode()
    site.routes["/feed.xml"] = lambda r: _send(r, rss)
    site.routes["/robots.txt"] = lambda r: _send(r, b"User-agent: *\nAllow: /\n", "text/plain")
    return site


def _send(req, body: bytes, ctype: str = "application/rss+xml") -> None:
    req.send_response(200)
    req.send_header("Content-Type", ctype)
    req.send_header("Content-Length", str(len(body)))
    req.end_headers()
    req.wfile.write(body)


def config_for(store, site: FixtureSite, max_pages: int, alerts: list | None = None):
    return parse_config(
        {
            "storage": {"endpoint_url": store.cfg.endpoint_url, "bucket": store.bucket},
            "crawl": {"timeout_seconds": 5, "retries": 1},
            "alerts": alerts or [],
            "outlets": [
                {
                    "name": "budget",
                    "profile": "asiae",
                    "feeds": [site.base + "/feed.xml"],
                    "allowed_domains": ["127.0.0.1"],
                    "delay_seconds": 0,
                    "max_pages": max_pages,
                    "quiet_runs": 100,
                }
            ],
        },
        env={"AWS_ACCESS_KEY_ID": store.cfg.access_key or "", "AWS_SECRET_ACCESS_KEY": store.cfg.secret_key or ""},
    )


def stored_ids(store) -> set[str]:
    return {a["article_id"] for a in read_prefix(store, "articles", "budget").to_pylist()}


def test_one_article_linked_a_thousand_ways_is_fetched_once(store):
    def links(base: str) -> list[str]:
        page = f"{base}/article/world/{article_id(0)}"
        spellings = [page, page + "/", page + "#top", page + "?utm_source=x", page + "?utm_medium=y&utm_source=z"]
        repeated = [
            spellings[i % len(spellings)]
            + ("" if i < 5 else f"{'&' if '?' in spellings[i % 5] else '?'}utm_campaign={i}")
            for i in range(1000)
        ]
        return repeated + [f"{base}/article/world/{article_id(n)}" for n in range(1, 6)]

    with outlet_site(6, links) as site:
        config = config_for(store, site, max_pages=10)
        result = run_outlet(config.outlets[0], config, store, "b-1")
        hits = [p for p in site.requests if p.startswith(f"/article/world/{article_id(0)}")]
    assert len(stored_ids(store)) == 6, result.failures
    assert len(hits) == 1


def test_a_backlog_larger_than_the_budget_drains_over_runs(store):
    with outlet_site(25, lambda base: [f"{base}/article/world/{article_id(n)}" for n in range(25)]) as site:
        config = config_for(store, site, max_pages=10)
        stored = [run_outlet(config.outlets[0], config, store, f"b-{i}").stored for i in range(3)]
    assert stored == [10, 10, 5]
    assert len(stored_ids(store)) == 25


def test_a_pass_that_crashes_is_told_to_ops_once_and_its_recovery_once(store):
    with (
        outlet_site(2, lambda base: [f"{base}/article/world/{article_id(n)}" for n in range(2)]) as site,
        WebhookReceiver() as ops,
    ):
        config = config_for(store, site, max_pages=10, alerts=[{"type": "webhook", "url": ops.url, "name": "ops"}])
        outlet = config.outlets[0]

        def broken(host: str) -> list[str]:
            raise RuntimeError("resolver bug")  # not an OSError: nothing in the fetcher expects it

        for i in range(4):
            with pytest.raises(RuntimeError):
                run_outlet(outlet, config, store, f"c-{i}", fetcher=Fetcher(outlet, config.crawl, resolve=broken))
        run_outlet(outlet, config, store, "c-ok")
    notices = [m["condition"] for m in ops.received if m.get("kind") == "ops"]
    assert notices == ["crashed", "recovered"]
    health = [r["health"] for r in sorted(read_prefix(store, "runs", "budget").to_pylist(), key=lambda r: r["run_id"])]
    assert health[0] == ["crashed"] and health[-1] == []


def test_plan_dedupes_and_skips_known_before_the_budget():
    cands = [Candidate(url=f"https://a.test/{i % 4}?utm_source={i}", outlet="o", source="feed:x") for i in range(40)]
    cands += [Candidate(url=f"https://a.test/new/{i}", outlet="o", source="feed:x") for i in range(5)]
    got = plan(cands, budget=3, is_known=lambda c: c.url.startswith("https://a.test/0"))
    assert [c.url for c in got.todo] == [
        "https://a.test/1?utm_source=1",
        "https://a.test/2?utm_source=2",
        "https://a.test/3?utm_source=3",
    ]
    assert (got.known, got.duplicates, got.deferred) == (1, 36, 5)
