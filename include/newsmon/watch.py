"""Feed watching: poll each outlet's feeds on an adaptive interval and say which outlets have news.

One :class:`FeedState` per feed keeps that feed's interval and validators. A poll is a
conditional GET (``If-None-Match`` / ``If-Modified-Since``, seeded from the validators the pipeline
keeps under ``_state/feeds/``); a full answer is parsed and its items are checked against the
outlet's index in the store. Items the store does not hold make :class:`News` for the outlet and
shorten the feed's interval to ``FAST_SECONDS``; a 304, a feed with nothing new or a failure
doubles it up to ``SLOW_SECONDS``. No interval is ever shorter than the outlet's politeness: its
``delay_seconds`` and the robots.txt ``Crawl-delay`` for our user agent.

No Airflow here: the triggerer's ``FeedWatchTrigger`` (plugins/) and ``newsmon watch``
(:mod:`newsmon.watchloop`) both drive :class:`FeedWatcher`.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsmon.config import Config
from newsmon.discover import Robots, feed_headers, parse_feed
from newsmon.fetch import FEED_TYPES, Fetcher
from newsmon.records import Candidate, Outlet, Page

if TYPE_CHECKING:
    from newsmon.store import Store

log = logging.getLogger(__name__)

# After new items a feed is polled again this soon: stories come in bursts (a deal, its reactions).
FAST_SECONDS = 60.0
# An unchanged feed backs off to this: one request per 15 minutes, what the old cron sent.
SLOW_SECONDS = 900.0
# Each unchanged poll multiplies the interval by this: 60, 120, 240, 480, 900 s.
BACKOFF = 2.0
# An announced item the store still lacks after this long is announced again (its crawl failed).
REANNOUNCE_SECONDS = 900.0
# robots.txt (and its Crawl-delay) is read again after this long: a day is what RFC 9309 allows to cache.
ROBOTS_REFRESH_SECONDS = 86400.0
# After a store failure the feed is polled again this soon, without advancing its validators.
STORE_RETRY_SECONDS = 60.0

# outlet -> "is this candidate stored?"; raises a storage error when the store is down.
KnownLoader = Callable[[Outlet], Callable[[Candidate], bool]]


@dataclass
class FeedState:
    """One feed's polling state: when next, how often, and what the server last said."""

    outlet: str
    url: str
    interval: float = 0.0  # none yet: the first unchanged poll sets FAST_SECONDS
    next_at: float = 0.0
    validator: dict = field(default_factory=dict)  # etag / last_modified / full_at, as discover keeps them
    announced: dict[str, float] = field(default_factory=dict)  # item URL -> when it was announced
    requests: int = 0  # HTTP requests made for this feed (robots.txt included)


@dataclass(frozen=True)
class News:
    """A feed lists items the store does not hold: the outlet should be crawled."""

    outlet: str
    feed: str
    urls: tuple[str, ...]

    def payload(self) -> dict:
        """Plain dict for an asset event's ``extra`` (JSON only)."""
        return {"outlet": self.outlet, "feed": self.feed, "new": len(self.urls), "urls": list(self.urls[:20])}


def next_interval(current: float, changed: bool, floor: float) -> float:
    """The feed's next interval: fast after news, else backed off; never below ``floor``."""
    wanted = FAST_SECONDS if changed else min(max(current * BACKOFF, FAST_SECONDS), SLOW_SECONDS)
    return max(wanted, floor)


class FeedWatcher:
    """Every feed of the configured outlets, polled when due; one HTTP client per outlet."""

    def __init__(
        self,
        config: Config,
        is_known: KnownLoader,
        outlets: list[str] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.config = config
        self.is_known = is_known
        self.clock = clock
        chosen = [o for o in config.outlets if not outlets or o.name in outlets]
        self.feeds = [FeedState(o.name, url) for o in chosen for url in o.feeds]
        self._clients: dict[str, tuple[Fetcher, Robots, float]] = {}

    def seed(self, outlet: str, validators: dict[str, dict]) -> None:
        """Start from the validators the pipeline kept (feed URL -> etag / last_modified / full_at)."""
        for feed in self.feeds:
            if feed.outlet == outlet and isinstance(validators.get(feed.url), dict):
                feed.validator = dict(validators[feed.url])

    def wait_seconds(self) -> float:
        """Seconds until the next feed is due (0 when one is due now)."""
        if not self.feeds:
            return SLOW_SECONDS
        return max(0.0, min(f.next_at for f in self.feeds) - self.clock())

    def poll_due(self) -> list[News]:
        """Poll every feed that is due; the news found, at most one per feed."""
        found = []
        for feed in self.feeds:
            now = self.clock()
            if feed.next_at > now:
                continue
            news = self.poll(feed, now)
            if news is not None:
                found.append(news)
        return found

    @property
    def requests(self) -> int:
        """HTTP requests made so far, over all feeds."""
        return sum(f.requests for f in self.feeds)

    def poll(self, feed: FeedState, now: float) -> News | None:
        """One conditional GET of ``feed``; News when it lists items the store lacks."""
        outlet = self.config.outlet(feed.outlet)
        fetcher, robots = self._client(outlet, now)
        floor = self._floor(outlet, robots, feed)
        if not robots.allowed(feed.url):
            log.warning("feed %s: %s; not polled", feed.url, robots.why_not(feed.url))
            feed.requests += _drain(robots)
            feed.interval, feed.next_at = SLOW_SECONDS, now + max(SLOW_SECONDS, floor)
            return None
        feed.requests += _drain(robots)
        page = fetcher.fetch(feed.url, accept=FEED_TYPES, headers=feed_headers(feed.validator, now))
        feed.requests += 1
        try:
            fresh = self._fresh(outlet, feed, page, now) if page.ok else []
        except Exception as exc:  # the store is down: the answer cannot be judged, so ask again soon
            log.warning("feed %s: cannot check the store (%s); asking again soon", feed.url, exc)
            feed.next_at = now + max(STORE_RETRY_SECONDS, floor)
            return None
        if page.ok:
            feed.validator = _validator(page, now)
        feed.interval = next_interval(feed.interval, bool(fresh), floor)
        feed.next_at = now + feed.interval
        return News(outlet.name, feed.url, tuple(fresh)) if fresh else None

    def close(self) -> None:
        """Release every HTTP client."""
        for fetcher, _, _ in self._clients.values():
            fetcher.close()
        self._clients.clear()

    def _client(self, outlet: Outlet, now: float) -> tuple[Fetcher, Robots]:
        """The outlet's fetcher and robots.txt cache, robots.txt read again once a day."""
        held = self._clients.get(outlet.name)
        if held is None or now - held[2] >= ROBOTS_REFRESH_SECONDS:
            fetcher = held[0] if held else Fetcher(outlet, self.config.crawl)
            held = (fetcher, Robots(fetcher), now)
            self._clients[outlet.name] = held
        return held[0], held[1]

    def _floor(self, outlet: Outlet, robots: Robots, feed: FeedState) -> float:
        """The shortest interval politeness allows: ``delay_seconds`` or robots ``Crawl-delay``."""
        floor = outlet.delay_seconds
        if robots.fetcher.crawl.obey_robots:
            rules = robots.rules(feed.url)
            delay = rules.crawl_delay(robots.fetcher.crawl.user_agent) if rules is not None else None
            floor = max(floor, float(delay or 0))
        return floor

    def _fresh(self, outlet: Outlet, feed: FeedState, page: Page, now: float) -> list[str]:
        """Addresses in the feed the store lacks and that were not announced lately."""
        items = parse_feed(page.content, outlet.name, feed.url)
        known = self.is_known(outlet) if items else None
        unstored = [c.url for c in items if known is not None and not known(c)]
        fresh = [u for u in unstored if now - feed.announced.get(u, -math.inf) >= REANNOUNCE_SECONDS]
        keep = set(unstored)
        feed.announced = {u: t for u, t in feed.announced.items() if u in keep}
        feed.announced.update((u, now) for u in fresh)
        return fresh


def _validator(page: Page, now: float) -> dict:
    """What the server said about a full answer, in the shape discover keeps."""
    lower = {k.lower(): v for k, v in page.headers.items()}
    return {"etag": lower.get("etag"), "last_modified": lower.get("last-modified"), "full_at": now}


def _drain(robots: Robots) -> int:
    """Count and forget the robots.txt fetches made since the last call."""
    count = len(robots.pages)
    robots.pages.clear()
    return count


def store_known(store: Store) -> KnownLoader:
    """A ``KnownLoader`` over the outlet's index in ``store`` (read afresh at every full answer).

    "Stored" is the pipeline's rule: the normalised address, or the outlet's own id in it.
    """
    from newsmon.identity import id_from_url, normalize_url
    from newsmon.index import known_urls, load_index

    def load(outlet: Outlet) -> Callable[[Candidate], bool]:
        index = load_index(store, outlet.name)
        urls = known_urls(index)

        def known(cand: Candidate) -> bool:
            if normalize_url(cand.url) in urls:
                return True
            aid = id_from_url(outlet.name, outlet.profile, cand.url)
            return aid is not None and aid in index

        return known

    return load


def seed_from_store(watcher: FeedWatcher, store: Store) -> None:
    """Seed every outlet's feeds with the validators of the pipeline's last completed pass."""
    from newsmon import keys, state

    for name in {f.outlet for f in watcher.feeds}:
        watcher.seed(name, state.load(store, keys.feed_validators(name)))
