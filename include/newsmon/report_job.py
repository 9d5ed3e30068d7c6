"""Build the analyst report from the store, and publish it to the bucket.

``build_report`` is what ``newsmon report`` and the ``news_report`` DAG run: query the lake
(:mod:`newsmon.report_data`), write the static site (:mod:`newsmon.report`). ``publish`` copies a
built site to ``reports/dt=YYYY-MM-DD/`` (that day's edition, kept) and ``reports/latest/``
(overwritten; a page of a topic gone from the window is removed there).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from newsmon import keys
from newsmon.config import Config
from newsmon.report import MAX_CARDS_PER_TOPIC, Site, write_site
from newsmon.report_data import ReportData, build, query_rows
from newsmon.store import Store


def story_map(store: Store, config: Config) -> dict[str, str]:
    """article_id -> story id from the alert story book (near-duplicate copies), if there is one."""
    from newsmon.alert.story import StoryBook

    book = StoryBook.load(store, config.alerting.story_window_days, config.alerting.near_duplicate_similarity)
    return book.by_article


def load_data(config: Config, store: Store, since: date, until: date) -> ReportData:
    """The report's data for publish dates ``since``..``until``."""
    if until < since:
        raise ValueError(f"--until {until} is before --since {since}")
    rows = query_rows(config.storage, since, until)
    return build(rows, since, until, story_map(store, config), max_cards=MAX_CARDS_PER_TOPIC)


def build_report(config: Config, store: Store, since: date, until: date, out: str | Path) -> Site:
    """Query the lake and write the site into ``out``."""
    return write_site(load_data(config, store, since, until), out)


def publish(store: Store, site: Site, day: date) -> list[str]:
    """Upload the site to ``reports/dt=DAY/`` and ``reports/latest/``; returns the keys written."""
    written = []
    dated, latest = keys.report_dated(day.isoformat()), keys.REPORTS_LATEST
    names = {p.name for p in site.pages}
    for page in site.pages:
        body = page.read_bytes()
        for prefix in (dated, latest):
            key = keys.report_page(prefix, page.name)
            store.put(key, body, "text/html; charset=utf-8")
            written.append(key)
    for key in list(store.keys(latest)):
        if key[len(latest) :] not in names:
            store.delete(key)
    return written
