"""The feed watcher (newsmon.watch) and revisits (newsmon.revisit), against a live fixture site.

Real HTTP on loopback, a real SeaweedFS store, the real pipeline; no clock is faked except the
watcher's, so a test never waits for an interval to pass.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from live_site import EditablePage, LiveFeed
from support import FixtureSite, WebhookReceiver, write_config

from newsmon import watch
from newsmon.config import ConfigError, Revisit, load_config, parse_config
from newsmon.pipeline import run_alerts, run_outlet
from newsmon.revisit import Tracked, is_due
from newsmon.tables import read_prefix

ART = "/article/economic-general/2025110710300048213"  # China vows to answer US chip export controls
ART2 = "/article/world/2025110309150027461"


def test_interval_backs_off_to_fifteen_minutes_and_never_below_politeness():
    seq, cur = [], watch.FAST_SECONDS
    for _ in range(6):
        cur = watch.next_interval(cur, False, 0.0)
        seq.append(cur)
    assert seq == [120.0, 240.0, 480.0, 900.0, 900.0, 900.0]
    assert watch.next_interval(900.0, True, 0.0) == watch.FAST_SECONDS
    assert watch.next_interval(900.0, True, 300.0) == 300.0  # Crawl-delay 300 beats "fast"


def test_revisit_checkpoints():
    pub = datetime(2026, 1, 1, tzinfo=UTC)
    item = Tracked("a", "http://x/a", pub.isoformat(), (pub + timedelta(minutes=1)).isoformat())
    policy = Revisit()
    assert not is_due(item, policy, pub + timedelta(minutes=10))
    assert is_due(item, policy, pub + timedelta(minutes=16))
    item.checked_at = (pub + timedelta(minutes=16)).isoformat()
    assert not is_due(item, policy, pub + timedelta(minutes=50))
    assert is_due(item, policy, pub + timedelta(minutes=61))
    assert not is_due(item, policy, pub + timedelta(hours=49))  # outside the window
    assert is_due(item, Revisit(after_minutes=(0,)), pub + timedelta(minutes=17))


class _Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def _live(site_routes):
    feed = LiveFeed()
    site = FixtureSite(routes={"/rss/live.xml": feed, **site_routes})
    feed.base = site.base
    return feed, site


@pytest.mark.e2e
def test_watcher_fires_on_a_new_item_and_not_on_an_unchanged_feed(tmp_path, seaweed, store, s3_env, monkeypatch):
    monkeypatch.setattr(watch, "FAST_SECONDS", 1.0)  # so a 2 s Crawl-delay shows, without waiting minutes
    robots = lambda h: _robots(h, "User-agent: *\nCrawl-delay: 2\n")  # noqa: E731
    feed, site = _live({"/robots.txt": robots})
    with site:
        cfg = write_config(tmp_path / "c.yaml", site.base, None, seaweed.endpoint_url, bucket=store.bucket)
        config = load_config(cfg, env=s3_env)
        outlet = replace(config.outlets[0], feeds=(f"{site.base}/rss/live.xml",), robots_sitemaps=False)
        config = replace(config, outlets=(outlet,))
        feed.add(ART, "China vows countermeasures")
        assert run_outlet(outlet, config, store, "r1").stored == 1

        clock = _Clock()
        watcher = watch.FeedWatcher(config, watch.store_known(store), clock=clock)
        watch.seed_from_store(watcher, store)
        assert watcher.poll_due() == []  # 304: the validators of the run
        hits = feed.hits
        watcher.feeds[0].validator = {}  # a full read: every item is stored already
        clock.now += 10_000
        assert watcher.poll_due() == [] and feed.hits == hits + 1
        assert watcher.feeds[0].interval == 4.0  # backed off: 2 (the Crawl-delay floor) -> 4

        feed.add(ART2, "Another one")
        clock.now += 10_000
        news = watcher.poll_due()
        assert [(n.outlet, n.urls) for n in news] == [("asiae", (f"{site.base}{ART2}",))]
        assert watcher.feeds[0].interval == 2.0  # fast, but not faster than Crawl-delay
        clock.now += 100
        assert watcher.poll_due() == []  # unchanged since: 304, no second announcement
        assert watcher.wait_seconds() > 0
        watcher.close()


def _robots(handler, text: str) -> None:
    body = text.encode()
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


@pytest.mark.e2e
def test_edited_article_becomes_version_2_without_refetch_known(tmp_path, seaweed, store, s3_env):
    page = EditablePage(None, ART)
    feed, site = _live({ART: page})
    page.site = site
    with site, WebhookReceiver() as hook:
        cfg = write_config(tmp_path / "c.yaml", site.base, hook.url, seaweed.endpoint_url, bucket=store.bucket)
        config = load_config(cfg, env=s3_env)
        outlet = replace(
            config.outlets[0],
            feeds=(f"{site.base}/rss/live.xml",),
            robots_sitemaps=False,
            revisit=Revisit(after_minutes=(0,)),
        )
        feed.add(ART, "China vows countermeasures")
        first = run_outlet(outlet, config, store, "r1")
        run_alerts(config, store)
        alerts = len(hook.received)
        assert first.stored == 1 and first.events > 0 and alerts > 0

        second = run_outlet(outlet, config, store, "r2")  # unchanged: a 304, nothing but a fetch row
        assert (second.revisited, second.stored, second.unchanged) == (1, 0, 0)

        original = site.resolve(ART)[0]
        anchor = "<p data-alda-marking>중국 상무부는"
        edit = "<p data-alda-marking>미국 상무부는 추가 조치를 검토 중이라고 밝혔다.</p>\n" + anchor
        page.body = original.replace(anchor.encode(), edit.encode(), 1)
        assert page.body != original
        third = run_outlet(outlet, config, store, "r3")
        assert (third.revisited, third.stored) == (1, 1)
        versions = sorted(a["version"] for a in read_prefix(store, "articles").to_pylist())
        assert versions == [1, 2]
        assert "추가 조치를 검토" in max(read_prefix(store, "articles").to_pylist(), key=lambda a: a["version"])["body"]
        assert {e["version"] for e in read_prefix(store, "events").to_pylist()} == {1, 2}
        run_alerts(config, store)
        assert len(hook.received) == alerts  # its events are unchanged: no alert again

    fetches = [f for f in read_prefix(store, "fetches").to_pylist() if f["url"].endswith(ART)]
    assert sorted(f["error"] or "ok" for f in fetches) == ["not_modified", "ok", "ok"]


def test_revisit_config_defaults_and_a_bad_key_named():
    outlet = {"name": "asiae", "allowed_domains": ["asiae.co.kr"], "feeds": ["https://x.kr/f"]}
    base = {"storage": {"bucket": "newsmon"}, "outlets": [outlet]}
    assert parse_config(base).outlets[0].revisit == Revisit(within_hours=48.0, after_minutes=(15, 60, 240, 1440))
    every = {**base, "outlets": [{**outlet, "revisit": {"after_minutes": [0]}}]}
    assert parse_config(every).outlets[0].revisit.after_minutes == (0,)
    for bad, key in (({"after_minutes": ["soon"]}, "after_minutes"), ({"within_hour": 3}, "within_hour")):
        raw = {**base, "outlets": [{**outlet, "revisit": bad}]}
        with pytest.raises(ConfigError, match=rf"outlets\[0\]\.revisit\.{key}"):
            parse_config(raw)


def test_revisit_clock_names_an_outlet_with_revisits_due_once_per_refire_window(store):
    """Watchers crawl an outlet when a revisit checkpoint passes, not only on feed news."""
    from newsmon.revisit import REVISIT_CHECK_SECONDS, REVISIT_REFIRE_SECONDS, RevisitClock, Tracker

    raw = {
        "storage": {"bucket": store.bucket},
        "outlets": [
            {"name": "due", "feeds": ["https://a.example/rss"], "allowed_domains": ["a.example"]},
            {"name": "idle", "feeds": ["https://b.example/rss"], "allowed_domains": ["b.example"]},
        ],
    }
    config = parse_config(raw, env={"AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s"})
    now = datetime.now(UTC)
    published = (now - timedelta(minutes=20)).isoformat()  # the 15-minute checkpoint has passed
    fresh = (now - timedelta(minutes=2)).isoformat()
    Tracker({"a": Tracked("a", "https://a.example/1", published, published)}).save(
        store, "due", config.outlets[0].revisit, now
    )
    idle = Tracker({"b": Tracked("b", "https://b.example/1", fresh, fresh)})
    idle.save(store, "idle", config.outlets[1].revisit, now)
    tick = [0.0]
    clock = RevisitClock(config, store, monotonic=lambda: tick[0])
    assert clock.due_outlets(now) == ["due"]
    tick[0] += REVISIT_CHECK_SECONDS / 2
    assert clock.due_outlets(now) == []  # between checks: no store read at all
    tick[0] += REVISIT_CHECK_SECONDS
    assert clock.due_outlets(now) == []  # named already; its crawl is under way
    tick[0] += REVISIT_REFIRE_SECONDS
    assert clock.due_outlets(now) == ["due"]  # still due (the crawl never came): named again
