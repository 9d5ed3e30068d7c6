"""``newsmon watch``: the embedded path, continuously — watch the feeds, crawl what has news, alert.

The same :class:`~newsmon.watch.FeedWatcher` as the Airflow triggerer decides which outlets to
crawl; the same :func:`~newsmon.pipeline.run_all` crawls and alerts. An outlet with revisits due
(:class:`~newsmon.revisit.RevisitClock`) is crawled too, so an edit is caught at its checkpoint, not
at the next news. Every outlet is also crawled at start and every ``SAFETY_NET_SECONDS`` (the
hourly cron of the Airflow path).

A stop request (SIGINT/SIGTERM, or ``stop`` set) is honoured between pages: the page being
fetched is finished and written, then the pass ends as a crash would (data, then index), and the
loop returns. A store outage never ends the loop: it waits ``STORE_RETRY_SECONDS`` and tries again.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from newsmon.config import Config
from newsmon.revisit import RevisitClock
from newsmon.store import STORAGE_ERRORS, Store
from newsmon.watch import FeedWatcher, seed_from_store, store_known

log = logging.getLogger(__name__)

# Every outlet is crawled this often even when no feed announced news: feeds miss things.
SAFETY_NET_SECONDS = 3600.0
# After a store failure, wait this long before the next attempt: long enough not to hammer a
# restarting store, short enough that a blip costs about a minute of latency.
STORE_RETRY_SECONDS = 30.0
# Longest single sleep, so a stop request or a due feed is never noticed late.
MAX_SLEEP_SECONDS = 5.0


class Stopped(BaseException):
    """Raised between pages when a stop was requested (BaseException: no outlet handler eats it)."""


@dataclass
class WatchStats:
    """What a watch did, for its last line and the tests."""

    passes: int = 0
    crawled: int = 0  # outlet passes
    stored: int = 0
    alerts_sent: int = 0
    store_failures: int = 0


def install_signals(stop: threading.Event) -> None:
    """SIGINT and SIGTERM set ``stop`` (the loop then ends between pages)."""

    def handler(signum, frame) -> None:
        log.warning("watch: %s received, stopping after the current page", signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)


def run_watch(
    config: Config,
    store: Store,
    stop: threading.Event,
    outlets: list[str] | None = None,
    on_pass: Callable[[list, object], None] | None = None,
) -> WatchStats:
    """Watch and crawl ``outlets`` (None: all) until ``stop`` is set; ``on_pass`` hears each pass."""
    stats = WatchStats()
    watcher = FeedWatcher(config, store_known(store), outlets=outlets)
    revisits = RevisitClock(config, store, outlets)  # edits are caught between feed news too
    next_full = 0.0
    _with_store(stop, stats, lambda: seed_from_store(watcher, store))
    try:
        while not stop.is_set():
            now = time.monotonic()
            full = now >= next_full
            names = outlets if full else sorted({*_news(watcher), *_due(revisits, stop, stats)})
            if full or names:
                if _crawl(config, store, names, stop, stats, on_pass) and full:
                    next_full = now + SAFETY_NET_SECONDS
                if full:  # a full pass reads every feed: the watcher's validators start from it
                    _with_store(stop, stats, lambda: seed_from_store(watcher, store))
            stop.wait(min(max(watcher.wait_seconds(), 0.2), MAX_SLEEP_SECONDS))
    finally:
        watcher.close()
    return stats


def _news(watcher: FeedWatcher) -> list[str]:
    """Outlets whose feeds list unstored items now."""
    return sorted({news.outlet for news in watcher.poll_due()})


def _due(revisits: RevisitClock, stop: threading.Event, stats: WatchStats) -> list[str]:
    """Outlets with revisits due; none while the store is out (the next check tries again)."""
    try:
        return revisits.due_outlets()
    except STORAGE_ERRORS as exc:
        stats.store_failures += 1
        log.error("watch: store failed reading revisit state (%s)", exc)
        return []


def _crawl(config, store, names, stop, stats, on_pass) -> bool:
    """One pass over ``names`` (None: all) with alerting; False when it did not complete."""
    from newsmon.pipeline import new_run_id, run_all

    def between_pages(outlet: str, done: int, total: int) -> None:
        if stop.is_set():
            raise Stopped()

    try:
        results, delivery = run_all(config, store, run_id=new_run_id("watch"), outlets=names, progress=between_pages)
    except Stopped:
        log.warning("watch: stopped between pages")
        return False
    except STORAGE_ERRORS as exc:
        stats.store_failures += 1
        log.error("watch: store failed (%s); waiting %.0f s", exc, STORE_RETRY_SECONDS)
        stop.wait(STORE_RETRY_SECONDS)
        return False
    stats.passes += 1
    stats.crawled += len(results)
    stats.stored += sum(r.stored for r in results)
    stats.alerts_sent += delivery.sent
    if on_pass:
        on_pass(results, delivery)
    return True


def _with_store(stop: threading.Event, stats: WatchStats, action: Callable[[], None]) -> None:
    """Run ``action``, retrying through a store outage until it works or a stop is requested."""
    while not stop.is_set():
        try:
            action()
            return
        except STORAGE_ERRORS as exc:
            stats.store_failures += 1
            log.error("watch: store failed (%s); waiting %.0f s", exc, STORE_RETRY_SECONDS)
            stop.wait(STORE_RETRY_SECONDS)
