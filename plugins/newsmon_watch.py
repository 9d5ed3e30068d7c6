"""The feed watcher in Airflow's triggerer: thin glue around :class:`newsmon.watch.FeedWatcher`.

``FeedWatchTrigger`` is the trigger of the ``newsmon_feeds`` asset's watcher. Its triggers share
one poll (``shared_stream_key``: one per config file), in which every feed has its own adaptive
interval; each trigger fires an asset event whose ``extra.payload.outlet`` names an outlet whose
feed lists articles the store lacks. ``news_monitor`` runs on that asset (or its hourly cron) and
crawls only the outlets named (all of them on a cron run).

The DAG file imports this module at parse time; the library is imported only in the triggerer.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Hashable
from typing import Any

from airflow.triggers.base import BaseEventTrigger, TriggerEvent

log = logging.getLogger(__name__)

# The shared poll sleeps at most this long between looks at its feeds, so a config or robots.txt
# change is picked up within a minute even when every feed is backed off to 15 minutes.
MAX_SLEEP_SECONDS = 60.0
# After an unexpected error in a poll (not a bad site: those are pages with errors) the poll waits
# this long instead of ending the trigger, which would stop watching until a DAG re-parse.
ERROR_SLEEP_SECONDS = 60.0
CLASSPATH = "newsmon_watch.FeedWatchTrigger"


class FeedWatchTrigger(BaseEventTrigger):
    """Fires when a feed of one of ``outlets`` (None: every configured outlet) has unstored items.

    ``config`` is the YAML file (default: ``NEWSMON_CONFIG`` in the triggerer's environment).
    """

    def __init__(self, outlets: list[str] | None = None, config: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.outlets = list(outlets) if outlets else None
        self.config = config

    def serialize(self) -> tuple[str, dict[str, Any]]:
        """Classpath and keyword arguments to rebuild this trigger in the triggerer."""
        return CLASSPATH, {"outlets": self.outlets, "config": self.config}

    def shared_stream_key(self) -> Hashable | None:
        """One poll per config file, whatever the outlets each trigger cares about."""
        return ("newsmon-feed-watch", self.config or "")

    @classmethod
    async def open_shared_stream(cls, kwargs: dict[str, Any]) -> AsyncIterator[Any]:
        """Poll every due feed, yield one payload per feed with news, sleep until the next is due."""
        watcher, revisits = await asyncio.to_thread(_watcher, kwargs.get("config"))
        try:
            while True:
                try:
                    found = await asyncio.to_thread(watcher.poll_due)
                    due = await asyncio.to_thread(revisits.due_outlets)
                except Exception:  # never end the watch: the hourly cron is only a safety net
                    log.exception("feed watch: poll failed; trying again in %.0f s", ERROR_SLEEP_SECONDS)
                    await asyncio.sleep(ERROR_SLEEP_SECONDS)
                    continue
                for news in found:
                    log.info("feed watch: %s has %d new item(s) in %s", news.outlet, len(news.urls), news.feed)
                    yield news.payload()
                for outlet in due:  # an edit is caught at its revisit checkpoint, not at the next news
                    log.info("feed watch: %s has revisits due", outlet)
                    yield {"outlet": outlet, "feed": None, "new": 0, "urls": [], "revisit": True}
                await asyncio.sleep(min(max(watcher.wait_seconds(), 1.0), MAX_SLEEP_SECONDS))
        finally:
            watcher.close()

    async def filter_shared_stream(self, shared_stream: AsyncIterator[Any]) -> AsyncIterator[TriggerEvent]:
        """This trigger's events: the payloads of its outlets."""
        async for payload in shared_stream:
            if self.outlets and payload["outlet"] not in self.outlets:
                continue
            yield TriggerEvent(payload)

    async def run(self) -> AsyncIterator[TriggerEvent]:
        """Standalone path (no shared-stream manager): the same poll, unshared."""
        async for event in self.filter_shared_stream(type(self).open_shared_stream(self.serialize()[1])):
            yield event


def _watcher(config: str | None):
    """A FeedWatcher (seeded from the store) and a RevisitClock over ``newsmon_airflow.load``'s config."""
    from newsmon.revisit import RevisitClock
    from newsmon.watch import FeedWatcher, seed_from_store, store_known
    from newsmon_airflow import load

    cfg, store = load(config)
    watcher = FeedWatcher(cfg, store_known(store))
    try:
        seed_from_store(watcher, store)
    except Exception as exc:  # no validators: the first polls are full reads, nothing worse
        log.warning("feed watch: validators unreadable (%s); first polls read in full", exc)
    return watcher, RevisitClock(cfg, store)


def fired_outlets(context: Any) -> list[str]:
    """Outlets named by the asset events that triggered this run; empty for a cron or manual run."""
    events = context.get("triggering_asset_events") or {}
    names: list[str] = []
    for asset_events in events.values():
        for event in asset_events:
            name = ((getattr(event, "extra", None) or {}).get("payload") or {}).get("outlet")
            if name and name not in names:
                names.append(name)
    return names
