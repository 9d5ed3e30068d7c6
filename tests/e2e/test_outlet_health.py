"""Monitoring the monitor, end to end: an outlet that goes quiet raises one ops alert and one recovery.

Real pipeline passes against the fixture site and the embedded SeaweedFS store; ops notices are
POSTed to local webhook receivers. The feed is switched between empty (the site "changed") and
full (it recovered).
"""

from __future__ import annotations

import json

import pytest
from support import FixtureSite, WebhookReceiver

from newsmon import keys
from newsmon.config import load_config
from newsmon.pipeline import run_outlet
from newsmon.tables import read_prefix

pytestmark = pytest.mark.e2e

EMPTY_RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>asiae</title></channel></rss>'


def _switchable_site(state: dict) -> FixtureSite:
    def feed(handler):
        body = EMPTY_RSS if state["empty"] else site.resolve("/rss/all.htm")[0]
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def robots(handler):  # no Sitemap: lines, so an empty feed really leaves nothing to crawl
        body = b"User-agent: *\nAllow: /\n"
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    site = FixtureSite(routes={"/rss/switch.xml": feed, "/robots.txt": robots})
    return site


def _config(tmp_path, site, ops_hook, quiet_hook, seaweed, bucket, s3_env):
    cfg = {
        "storage": {"endpoint_url": seaweed.endpoint_url, "bucket": bucket},
        "crawl": {"timeout_seconds": 10, "retries": 1, "backoff_seconds": 0.05},
        "outlets": [
            {
                "name": "asiae",
                "profile": "asiae",
                "feeds": [f"{site.base}/rss/switch.xml"],
                "robots_sitemaps": False,
                "allowed_domains": ["127.0.0.1"],
                "delay_seconds": 0,
                "quiet_runs": 2,
            }
        ],
        "alerts": [
            {"type": "webhook", "name": "ops-hook", "url": ops_hook.url},
            {"type": "webhook", "name": "analysts-only", "url": quiet_hook.url, "ops": False},
        ],
        "health": {"quiet_runs": 9},  # the outlet's own quiet_runs wins
    }
    path = tmp_path / "c.yaml"
    path.write_text(json.dumps(cfg))
    return load_config(path, env=s3_env)


def test_quiet_outlet_alerts_once_and_recovers_once(tmp_path, seaweed, store, s3_env):
    feed = {"empty": True}
    with _switchable_site(feed) as site, WebhookReceiver() as ops, WebhookReceiver() as analysts:
        config = _config(tmp_path, site, ops, analysts, seaweed, store.bucket, s3_env)
        outlet = config.outlets[0]
        ops.fail_next = 1  # the ops channel is down when the alert first fires
        results = []
        for i, empty in enumerate([True, True, True, True, False, False]):
            feed["empty"] = empty
            results.append(run_outlet(outlet, config, store, f"run-{i}"))
            if i == 0:  # an Airflow retry of run-0 (same run id) must not count it twice
                results.append(run_outlet(outlet, config, store, "run-0"))

    notices = [m for m in ops.received if m.get("kind") == "ops"]
    assert [m["condition"] for m in notices] == ["silent", "recovered"], notices
    assert notices[0]["outlet"] == "asiae" and "2 consecutive runs" in notices[0]["subject"]
    assert notices[0]["run_id"] == "run-1"  # fired at run-1, refused there, delivered after run-2
    assert notices[1]["run_id"] == "run-4"
    assert ops.attempts == 3  # one refused, two delivered: no repeats while the outlet stays quiet
    assert analysts.received == []  # `ops: false` channels never get ops notices

    assert [r.health for r in results] == [[], [], ["silent"], ["silent"], ["silent"], [], []]
    assert results[5].stored > 0 and results[6].stored == 0  # recovered, then quiet again (not yet N runs)
    runs = {r["run_id"]: r for r in read_prefix(store, "runs", "asiae").to_pylist()}
    assert runs["run-1"]["health"] == ["silent"] and runs["run-4"]["health"] == []
    assert runs["run-4"]["fallback"] == 0  # the asiae profile matched every stored page
    state = json.loads(store.get(keys.health("asiae")))
    assert state["unsent"] == [] and state["active"] == [] and state["last_run"] == "run-5"
