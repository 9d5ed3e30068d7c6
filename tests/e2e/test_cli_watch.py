"""``newsmon watch`` as a user runs it: a child process, its own SeaweedFS, a live site, a webhook.

The store is stopped under the running watch and started again: the watch waits instead of
dying, and what the feed published meanwhile is stored and alerted once the store is back.
SIGTERM ends it with exit code 0.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from e2e_helpers import REPO
from live_site import LiveFeed
from support import FixtureSite, WebhookReceiver, write_config

from newsmon import embedded
from newsmon.config import StorageConfig
from newsmon.store import Store
from newsmon.tables import read_prefix

pytestmark = pytest.mark.e2e

ART = "/article/economic-general/2025110710300048213"
ART2 = "/article/world/2025110309150027461"
# A new item is seen at the feed's next poll: at most FAST_SECONDS (60) after the first one.
WAIT_SECONDS = 180


def _titles(store: Store) -> set[str]:
    try:
        return {a["title"] for a in read_prefix(store, "articles").to_pylist()}
    except Exception:  # the store is down right now
        return set()


def _until(what, proc, timeout: float = WAIT_SECONDS) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if what():
            return True
        time.sleep(0.5)
    return False


def test_watch_crawls_new_items_survives_a_store_outage_and_stops_on_sigterm(tmp_path):
    data = tmp_path / "store"
    ports = dict(zip(("s3", "master", "volume", "filer"), embedded.free_ports(4), strict=True))
    info = embedded.start(data, ports=ports)
    store = Store(StorageConfig("newsmon", info.endpoint_url, access_key=info.access_key, secret_key=info.secret_key))
    feed = LiveFeed()
    with FixtureSite(routes={"/rss/live.xml": feed}) as site, WebhookReceiver() as hook:
        feed.base = site.base
        feed.add(ART, "first")
        cfg = write_config(tmp_path / "c.yaml", site.base, hook.url, info.endpoint_url, robots_sitemaps=False)
        text = cfg.read_text().replace("/rss/all.htm", "/rss/live.xml")
        cfg.write_text(text)
        env = {**os.environ, **{k: v for k, v in info.env().items() if k != "NEWSMON_S3_ENDPOINT"}}
        env["NEWSMON_LOG_LEVEL"] = "INFO"
        log = open(tmp_path / "watch.log", "w")  # noqa: SIM115 - the child writes it
        proc = subprocess.Popen(
            [sys.executable, "-m", "newsmon", "watch", "--config", str(cfg)], stdout=log, stderr=subprocess.STDOUT,
            env=env, cwd=REPO,
        )
        try:
            assert _until(lambda: len(_titles(store)) == 1, proc), (tmp_path / "watch.log").read_text()[-3000:]
            assert _until(lambda: len(hook.received) > 0, proc, 60)  # alerting follows the crawl
            sent = len(hook.received)
            embedded.stop(data)  # the store goes away under the running watch
            feed.add(ART2, "second")
            outage = lambda: "cannot check the store" in (tmp_path / "watch.log").read_text()  # noqa: E731
            assert _until(outage, proc), (tmp_path / "watch.log").read_text()[-3000:]  # it saw the news, no store
            time.sleep(2)
            assert proc.poll() is None, (tmp_path / "watch.log").read_text()[-3000:]
            embedded.start(data, ports=ports)
            assert _until(lambda: len(_titles(store)) == 2, proc), (tmp_path / "watch.log").read_text()[-3000:]
            assert _until(lambda: len(hook.received) > sent, proc, 60)
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=60) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
            embedded.stop(data)
    out = (tmp_path / "watch.log").read_text()
    assert "watch: stopped after" in out
    keys = [(m["article_id"], m["topic"], m["kind"]) for m in hook.received]
    assert len(keys) == len(set(keys))  # every event alerted once
