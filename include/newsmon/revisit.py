"""Revisits: fetch recently published articles again, conditionally, to catch edits.

An article stored by a run is tracked for ``within_hours`` after it was published (or first
fetched, when it carries no date). It is due again at each of ``after_minutes`` past that moment
(``[0]``: at every run). A revisit is a conditional GET with the ``ETag`` / ``Last-Modified`` of
the first fetch: a 304 writes nothing but its ``fetches`` row, the same title and body only that
row too (the pipeline's fingerprint says so), a changed one becomes the next version with its
events, alerted as any new version is.

The tracking state is one small JSON object per outlet (``keys.revisits``), read and written
with :mod:`newsmon.state` (unreadable state is kept aside and starts empty).
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from newsmon import keys, state
from newsmon.records import Candidate, Page

if TYPE_CHECKING:
    from newsmon.config import Config, Revisit
    from newsmon.discover import Robots
    from newsmon.fetch import Fetcher
    from newsmon.raw import Note
    from newsmon.store import Store

log = logging.getLogger(__name__)

# How often a watcher asks whether an outlet has revisits due: the shortest default checkpoint is
# 15 minutes, so a minute keeps an edit within a minute of its checkpoint, at one small GET per outlet.
REVISIT_CHECK_SECONDS = 60.0
# After announcing an outlet's due revisits, this long before announcing them again: the crawl it
# starts fetches them (moving each to its next checkpoint) well within it.
REVISIT_REFIRE_SECONDS = 600.0


@dataclass
class Tracked:
    """One article under revisit: where it is, when it counts from, what the server said."""

    article_id: str
    url: str
    since: str  # ISO 8601 UTC: published, else first fetched
    checked_at: str  # ISO 8601 UTC: the last fetch of it
    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        """Conditional-GET headers from the validators of the first fetch."""
        out = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


def is_due(item: Tracked, policy: Revisit, now: datetime) -> bool:
    """True when a checkpoint of ``policy`` fell between the last fetch and ``now``, inside the window."""
    since = datetime.fromisoformat(item.since)
    if now - since > timedelta(hours=policy.within_hours):
        return False
    if 0 in policy.after_minutes:
        return True
    checked = datetime.fromisoformat(item.checked_at)
    points = (since + timedelta(minutes=m) for m in policy.after_minutes)
    return any(checked < point <= now for point in points)


class Tracker:
    """An outlet's tracked articles, loaded at the start of a run and saved at its end."""

    def __init__(self, items: dict[str, Tracked] | None = None) -> None:
        self.items = items or {}

    @classmethod
    def load(cls, store: Store, outlet: str, problems: list[str] | None = None) -> Tracker:
        """The state in the store; empty when absent or unreadable (newsmon.state's policy)."""
        items = state.load(store, keys.revisits(outlet), problems=problems, parse=_parse)
        return cls(items)

    def save(self, store: Store, outlet: str, policy: Revisit, now: datetime) -> None:
        """Write the state, without articles whose window has closed."""
        horizon = now - timedelta(hours=policy.within_hours)
        keep = {k: asdict(v) for k, v in self.items.items() if datetime.fromisoformat(v.since) >= horizon}
        state.save(store, keys.revisits(outlet), keep)

    def note(self, page: Page, note: Note | None) -> None:
        """Track (or refresh) the article a fetched page became; a page that became none is ignored.

        The validators are the latest full answer's, so an article edited once is not fetched in
        full at every later revisit.
        """
        if note is None or not page.ok:
            return
        old = self.items.get(note.article_id)
        lower = {k.lower(): v for k, v in page.headers.items()}
        since = old.since if old else (note.feed_published or page.fetched_at).astimezone(UTC).isoformat()
        self.items[note.article_id] = Tracked(
            article_id=note.article_id,
            url=old.url if old else page.url,
            since=since,
            checked_at=page.fetched_at.isoformat(),
            etag=lower.get("etag"),
            last_modified=lower.get("last-modified"),
        )

    def due(self, policy: Revisit, now: datetime, started: datetime) -> list[Tracked]:
        """The articles due for a revisit and not fetched since ``started``, oldest last fetch first."""
        fresh = (t for t in self.items.values() if datetime.fromisoformat(t.checked_at) < started)
        due = (t for t in fresh if is_due(t, policy, now))
        return sorted(due, key=lambda t: t.checked_at)


def revisits(
    tracker: Tracker, policy: Revisit, budget: int, fetcher: Fetcher, robots: Robots, started: datetime
) -> Iterator[tuple[Page, Candidate, Tracked]]:
    """Fetch up to ``budget`` due articles conditionally; yield each page, its candidate and item.

    The caller records ``checked_at`` and hands a full answer to the pipeline's processing.
    """
    if budget <= 0:
        return
    for item in tracker.due(policy, datetime.now(UTC), started)[:budget]:
        if fetcher.check_url(item.url) is not None or not robots.allowed(item.url):
            continue  # the outlet's rules changed since; the article is left as stored
        page = fetcher.fetch(item.url, headers=item.headers())
        yield page, Candidate(url=item.url, outlet=fetcher.outlet.name, source="revisit"), item


class RevisitClock:
    """Which outlets have revisits due now, so a watcher crawls them between feed news.

    Asked often, it reads each outlet's tracking state at most every ``REVISIT_CHECK_SECONDS`` and
    names an outlet at most once per ``REVISIT_REFIRE_SECONDS``.
    """

    def __init__(
        self,
        config: Config,
        store: Store,
        outlets: list[str] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config, self.store, self.outlets, self.monotonic = config, store, outlets, monotonic
        self._next_check = -math.inf
        self._named: dict[str, float] = {}

    def due_outlets(self, now: datetime | None = None) -> list[str]:
        """Outlets with an article due for a revisit (empty between checks)."""
        tick = self.monotonic()
        if tick < self._next_check:
            return []
        self._next_check = tick + REVISIT_CHECK_SECONDS
        now = now or datetime.now(UTC)
        due = []
        for outlet in self.config.outlets:
            if (self.outlets and outlet.name not in self.outlets) or tick < self._named.get(
                outlet.name, -math.inf
            ) + REVISIT_REFIRE_SECONDS:
                continue
            if Tracker.load(self.store, outlet.name).due(outlet.revisit, now, now):
                self._named[outlet.name] = tick
                due.append(outlet.name)
        return due


def _parse(value: dict) -> dict[str, Tracked]:
    """The stored JSON as records; a missing or unknown field is a TypeError (unreadable)."""
    return {k: Tracked(**v) for k, v in value.items()}
