"""Discover article addresses: RSS/Atom feeds, robots.txt, and the sitemaps it names.

A feed is recognised by its content, not its address (asiae serves RSS from ``.htm``). Where an
outlet has no feed that yields items, the ``Sitemap:`` lines of its robots.txt are followed.

Catch-up (``since``): the sitemaps robots.txt names are read even when feeds work, every
candidate dated before the day is dropped (undated ones are kept), and up to
``BACKFILL_MAX_SITEMAPS`` sitemaps are read; the pipeline lifts ``max_pages`` to
``BACKFILL_MAX_PAGES`` for such a run.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from urllib.parse import urlsplit, urlunsplit

import feedparser
from protego import Protego

from newsmon.entries import BadEntry, feed_candidate, rejected_page
from newsmon.fetch import ANY_TYPE, FEED_TYPES, Fetcher
from newsmon.records import Candidate, Outlet, Page
from newsmon.sitemap import SITEMAP_MAX_BYTES, SitemapReader, read_sitemap_bytes

# Sitemap indexes nest; two levels (index -> monthly sitemap) is what news sites use.
MAX_SITEMAP_DEPTH = 2
# Sitemaps fetched per run per outlet; a sitemap index of a big site lists hundreds.
MAX_SITEMAPS = 20
# A feed's ETag/Last-Modified is only a hint: CDNs serve stale validators and some servers answer
# 304 to anything. After this long since the last full read, a feed is fetched unconditionally.
FEED_FULL_READ_SECONDS = 3600.0
# A catch-up run (``since``) reads a big site's monthly sitemaps: this many at most.
BACKFILL_MAX_SITEMAPS = 200
# Pages a catch-up run may fetch per outlet, in place of the outlet's ``max_pages``.
BACKFILL_MAX_PAGES = 5000
# Skipped entries recorded as fetches rows per source; the rest are counted in the problem line
# (a broken 50,000-URL sitemap must not write 50,000 rows).
MAX_REJECTED_ROWS = 100
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@dataclass
class Discovery:
    """What discovery found for one outlet, and every fetch it made on the way."""

    candidates: list[Candidate] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)  # feeds, robots.txt and sitemaps fetched
    problems: list[str] = field(default_factory=list)  # human-readable, one per failed source
    not_modified: list[str] = field(default_factory=list)  # feeds that answered 304


class Robots:
    """robots.txt per host, fetched once per run and obeyed (RFC 9309 via protego)."""

    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher
        self._cache: dict[str, Protego | None] = {}
        self._errors: dict[str, str] = {}
        self.pages: list[Page] = []

    def _origin(self, url: str) -> str:
        p = urlsplit(url)
        return urlunsplit((p.scheme, p.netloc, "", "", ""))

    def rules(self, url: str) -> Protego | None:
        """Parsed rules for ``url``'s host; None means "allow all" (robots.txt absent)."""
        origin = self._origin(url)
        if origin not in self._cache:
            page = self.fetcher.fetch(origin + "/robots.txt", accept=("text/plain", *FEED_TYPES))
            self.pages.append(page)
            if page.ok:
                self._cache[origin] = Protego.parse(page.text)
            elif page.status is not None and 400 <= page.status < 500:
                self._cache[origin] = None  # RFC 9309: unavailable (4xx) means allow all
            else:
                # unreachable (5xx, network): RFC 9309 says assume complete disallow
                self._cache[origin] = Protego.parse("User-agent: *\nDisallow: /")
                self._errors[origin] = page.error or "unreachable"
            rules = self._cache[origin]
            if rules is not None and rules.crawl_delay(self.fetcher.crawl.user_agent):
                host = urlsplit(url).hostname or ""
                self.fetcher.set_host_delay(host, float(rules.crawl_delay(self.fetcher.crawl.user_agent)))
        return self._cache[origin]

    def allowed(self, url: str) -> bool:
        """True when robots.txt lets our user agent fetch ``url``."""
        if not self.fetcher.crawl.obey_robots:
            return True
        rules = self.rules(url)
        return rules is None or rules.can_fetch(url, self.fetcher.crawl.user_agent)

    def why_not(self, url: str) -> str:
        """Why ``url`` may not be fetched: robots.txt says so, or robots.txt was unreachable."""
        error = self._errors.get(self._origin(url))
        return f"robots.txt unreachable ({error})" if error else "disallowed by robots.txt"

    def sitemaps(self, url: str) -> list[str]:
        """The ``Sitemap:`` lines of ``url``'s robots.txt."""
        rules = self.rules(url)
        return list(rules.sitemaps) if rules is not None else []


def parse_feed(content: bytes, outlet: str, source_url: str) -> list[Candidate]:
    """Candidates from RSS/Atom bytes; an empty list when it is not a feed."""
    return read_feed(content, outlet, source_url)[0]


def read_feed(content: bytes, outlet: str, source_url: str) -> tuple[list[Candidate], list[Page]]:
    """(candidates, rejected entries as ``fetches`` rows) from RSS/Atom bytes, one entry at a time."""
    parsed = feedparser.parse(content, sanitize_html=False, resolve_relative_uris=False)
    out: list[Candidate] = []
    rejected: list[Page] = []
    for i, entry in enumerate(parsed.entries):
        try:
            out.append(feed_candidate(entry, outlet, source_url))
        except BadEntry as bad:
            rejected.append(rejected_page(bad, source_url, i))
    return out, rejected


def parse_sitemap(content: bytes) -> tuple[list[tuple[str, datetime | None]], list[str]]:
    """(page URLs with their date, child sitemap URLs) from sitemap bytes (XML or gzip).

    The date is ``news:publication_date`` in a Google News sitemap, else ``lastmod``; bad entries
    are left out (see :mod:`newsmon.sitemap`, which streams and never resolves entities).
    """
    reader = read_sitemap_bytes(content)
    return reader.urls, reader.children


def discover(
    outlet: Outlet,
    fetcher: Fetcher,
    robots: Robots,
    validators: dict[str, dict] | None = None,
    since: date | None = None,
) -> Discovery:
    """All candidates of one outlet: its feeds, then its sitemaps (configured or from robots.txt).

    ``validators`` (feed URL -> ``{"etag", "last_modified", "full_at"}``, kept by the caller between
    runs and updated in place) turn feed fetches into conditional GETs; see ``feed_headers``.
    With ``since`` (a UTC day), robots.txt sitemaps are read even when feeds work, candidates
    dated before that day are dropped (undated ones kept) and the rest come newest first.
    """
    found = Discovery()
    for url in outlet.feeds:
        found.candidates.extend(_from_feed(url, outlet, fetcher, robots, found, validators))
    sitemap_urls = list(outlet.sitemaps)
    if outlet.robots_sitemaps or since or not (found.candidates or found.not_modified):
        # no working feed (or a catch-up): also the sitemaps robots.txt advertises
        for seed in _origins(outlet):
            sitemap_urls.extend(u for u in robots.sitemaps(seed) if u not in sitemap_urls)
    if sitemap_urls:
        limit = BACKFILL_MAX_SITEMAPS if since else MAX_SITEMAPS
        from_maps = _from_sitemaps(sitemap_urls, outlet, fetcher, robots, found, limit)
        # newest first, so a long archive sitemap spends max_pages on today's articles
        found.candidates.extend(_newest_first(from_maps))
    found.pages.extend(robots.pages)
    robots.pages.clear()
    found.candidates = _unique(found.candidates)
    if since:
        found.candidates = _newest_first(_dated_since(found.candidates, since))
    return found


def _newest_first(candidates: list[Candidate]) -> list[Candidate]:
    """Sorted by date, newest first; undated ones last, in their order."""
    return sorted(candidates, key=lambda c: c.published_at or _EPOCH, reverse=True)


def _dated_since(candidates: list[Candidate], since: date) -> list[Candidate]:
    """Candidates dated on or after the UTC day ``since``, and those without a date."""
    start = datetime(since.year, since.month, since.day, tzinfo=UTC)
    return [c for c in candidates if c.published_at is None or c.published_at >= start]


def _origins(outlet: Outlet) -> list[str]:
    """Origins whose robots.txt may name sitemaps: those of the configured feeds and sitemaps."""
    seen: list[str] = []
    for url in (*outlet.feeds, *outlet.sitemaps):
        p = urlsplit(url)
        origin = urlunsplit((p.scheme, p.netloc, "/", "", ""))
        if origin not in seen:
            seen.append(origin)
    return seen


def feed_headers(validator: dict | None, now: float) -> dict[str, str]:
    """Conditional-GET headers for a feed, or none when a full read is due (the hint has expired)."""
    if not validator or now - float(validator.get("full_at", 0)) >= FEED_FULL_READ_SECONDS:
        return {}
    headers = {}
    if validator.get("etag"):
        headers["If-None-Match"] = validator["etag"]
    if validator.get("last_modified"):
        headers["If-Modified-Since"] = validator["last_modified"]
    return headers


def _from_feed(
    url: str,
    outlet: Outlet,
    fetcher: Fetcher,
    robots: Robots,
    found: Discovery,
    validators: dict[str, dict] | None = None,
) -> list[Candidate]:
    if not robots.allowed(url):
        found.problems.append(f"feed {url}: {robots.why_not(url)}")
        return []
    now = time.time()
    page = fetcher.fetch(url, accept=FEED_TYPES, headers=feed_headers((validators or {}).get(url), now))
    found.pages.append(page)
    if page.error == "not_modified":
        found.not_modified.append(url)
        return []
    if validators is not None and page.ok:  # a full read: remember what the server said about it
        lower = {k.lower(): v for k, v in page.headers.items()}
        validators[url] = {"etag": lower.get("etag"), "last_modified": lower.get("last-modified"), "full_at": now}
    if not page.ok:
        found.problems.append(f"feed {url}: {page.error}")
        return []
    items, rejected = read_feed(page.content, outlet.name, url)
    _record_rejected(found, f"feed {url}", rejected)
    if not items:
        page.error = "not_a_feed"
        found.problems.append(f"feed {url}: not an RSS/Atom feed or no items")
    return items


def _from_sitemaps(
    urls: Iterable[str],
    outlet: Outlet,
    fetcher: Fetcher,
    robots: Robots,
    found: Discovery,
    limit: int = MAX_SITEMAPS,
) -> list[Candidate]:
    out: list[Candidate] = []
    queue = [(u, 0) for u in urls]
    visited: set[str] = set()
    while queue and len(visited) < limit:
        url, depth = queue.pop(0)
        if url in visited:
            continue
        visited.add(url)
        if not robots.allowed(url):
            found.problems.append(f"sitemap {url}: {robots.why_not(url)}")
            continue
        reader = _read_sitemap(url, fetcher, found)
        entries, children = reader.urls, reader.children
        for href, lastmod in entries:
            out.append(Candidate(url=href, outlet=outlet.name, source=f"sitemap:{url}", published_at=lastmod))
        if depth < MAX_SITEMAP_DEPTH:
            queue.extend((c, depth + 1) for c in children if c not in visited)
    return out


def _read_sitemap(url: str, fetcher: Fetcher, found: Discovery) -> SitemapReader:
    """Fetch one sitemap streaming into a reader; what it read counts even when it stopped early."""
    reader = SitemapReader(url)
    page = fetcher.fetch(url, accept=ANY_TYPE, sink=reader, max_bytes=SITEMAP_MAX_BYTES)
    reader.finish()
    found.pages.append(page)
    _record_rejected(found, f"sitemap {url}", reader.rejected)
    if page.error:
        found.problems.append(f"sitemap {url}: {page.error}")
    elif not reader.is_sitemap:
        page.error = "not_a_sitemap"
        found.problems.append(f"sitemap {url}: not sitemap XML")
    if reader.dropped:
        found.problems.append(f"sitemap {url}: {reader.dropped} URLs past the {reader.max_urls:,} limit dropped")
    return reader


def _record_rejected(found: Discovery, source: str, rejected: list[Page]) -> None:
    """Skipped entries: a ``fetches`` row each (up to a cap) and one problem line per source."""
    if not rejected:
        return
    found.pages.extend(rejected[:MAX_REJECTED_ROWS])
    reasons = sorted({p.error or "" for p in rejected})
    found.problems.append(f"{source}: {len(rejected)} bad entries skipped ({', '.join(reasons)})")


def _unique(candidates: list[Candidate]) -> list[Candidate]:
    seen: set[str] = set()
    out = []
    for c in candidates:
        if c.url not in seen:
            seen.add(c.url)
            out.append(c)
    return out
