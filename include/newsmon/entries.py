"""One feed or sitemap entry at a time: its URL, date and title parsed, or a reason it is refused.

A single malformed item (a year-0 date, an overflowing offset, a link that is not a URL) once
raised out of the whole feed and cost the outlet its pass. Here each entry is parsed on its own:
a bad one becomes a :class:`BadEntry` with a short reason, which discovery records as a skipped
candidate (a ``fetches`` row with ``error="bad_entry:<reason>"``), and the others go on.
"""

from __future__ import annotations

import calendar
import re
import time
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from newsmon.records import Candidate, Page

# Dates before this are typos or placeholders (0000-00-00, 1900-01-01), not news: the web of
# news feeds starts in the late 1990s.
EARLIEST_PLAUSIBLE = datetime(1990, 1, 1, tzinfo=UTC)
# A date further ahead than this is a bad clock or a typo; two days covers every time zone and
# embargoed items published "tomorrow" local time.
FUTURE_SLACK = timedelta(days=2)
# Longest URL taken from a feed; browsers and CDNs refuse beyond ~8 KB, sitemaps.org says 2,048.
MAX_URL_CHARS = 2048
# Longest title kept from a feed item; longer is a broken feed pasting the body into <title>.
MAX_TITLE_CHARS = 1000
_BAD_URL_CHARS = re.compile(r"[\s\x00-\x1f\x7f]")  # whitespace (any script) and control characters


class BadEntry(ValueError):
    """A feed or sitemap entry that cannot become a candidate; ``reason`` says which field."""

    def __init__(self, reason: str, url: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.url = url


def entry_url(value: object) -> str:
    """An absolute http(s) URL from an entry field, or BadEntry("url")."""
    if not isinstance(value, str):
        raise BadEntry("url")
    url = value.strip()
    if not url.lower().startswith(("http://", "https://")) or len(url) > MAX_URL_CHARS:
        raise BadEntry("url", url[:MAX_URL_CHARS] or None)
    if _BAD_URL_CHARS.search(url):
        raise BadEntry("url", url)
    return url


def plausible(when: datetime, now: datetime | None = None) -> datetime:
    """``when`` in UTC when it could be a news date, else BadEntry("date")."""
    try:
        when = when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)
    except (OverflowError, ValueError) as exc:  # year 1 at +09:00, year 9999 at -12:00
        raise BadEntry("date") from exc
    now = now or datetime.now(UTC)
    if when < EARLIEST_PLAUSIBLE or when > now + FUTURE_SLACK:
        raise BadEntry("date")
    return when


def struct_date(value: time.struct_time | tuple | None) -> datetime | None:
    """A feedparser ``*_parsed`` date (UTC struct_time) as a datetime; BadEntry("date") if broken."""
    if value is None:
        return None
    try:
        when = datetime.fromtimestamp(calendar.timegm(tuple(value)), UTC)
    except (OverflowError, ValueError, TypeError, OSError) as exc:
        raise BadEntry("date") from exc
    return plausible(when)


def w3c_date(value: str | None) -> datetime | None:
    """A sitemap date (W3C datetime, or RFC 2822 as some CMSs write); BadEntry("date") if broken."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError) as exc:
            raise BadEntry("date") from exc
    return plausible(when)


def feed_candidate(entry: dict, outlet: str, source_url: str) -> Candidate:
    """The candidate of one feedparser entry; BadEntry when its link, date or title is broken."""
    url = entry_url(entry.get("link") or entry.get("id"))
    try:
        published = struct_date(entry.get("published_parsed") or entry.get("updated_parsed"))
    except BadEntry as exc:
        raise BadEntry(exc.reason, url) from exc
    title = entry.get("title")
    if title is not None and not isinstance(title, str):
        raise BadEntry("title", url)
    title = (title or "").strip()[:MAX_TITLE_CHARS] or None
    return Candidate(url=url, outlet=outlet, source=f"feed:{source_url}", title=title, published_at=published)


def rejected_page(bad: BadEntry, source_url: str, index: int) -> Page:
    """The ``fetches`` row of a skipped entry: its URL (or the source's, with the entry number)."""
    url = bad.url or f"{source_url}#entry-{index}"
    now = datetime.now(UTC)
    return Page(url=url, final_url=url, status=None, fetched_at=now, elapsed_ms=0, error=f"bad_entry:{bad.reason}")
