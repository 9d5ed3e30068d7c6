"""
### news_alerts

Alerts analysts once per new agreement or dispute, on every channel under `alerts:` in the config
(webhook, Slack, email), whenever `news_monitor` has updated the `newsmon_events` asset
(data-aware scheduling), and at least hourly so a delivery parked after an outage is retried even
when no crawl succeeds.

* Drains the alert outbox in the store: events of a failed or retried crawl are still alerted.
* A story (same outlet article id, or a near-duplicate body within the window) alerts once per
  (topic, kind); the opposite kind later alerts again, marked as a change.
* The ledger (`alerts/sent/…`) is written only after a channel accepted a message, so a retried
  task or a rerun never sends twice; a failed delivery waits in `alerts/pending/…`.
* Routing rules per channel (`topics`, `kinds`, `min_confidence`, `outlets`, `languages`,
  `changes_only`; docs/alerts.md) apply; channels with `brief:` are left to `news_brief`.
* `max_active_runs=1`: two passes never race on the story book. Nothing keys on the logical date.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timedelta

from airflow.sdk import AssetOrTimeSchedule, CronTriggerTimetable, dag, task

from newsmon_airflow import ASSETS, DEFAULT_ARGS, load


@dag(
    dag_id="news_alerts",
    schedule=AssetOrTimeSchedule(
        timetable=CronTriggerTimetable("7 * * * *", timezone="UTC"), assets=[ASSETS["events"]]
    ),
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    tags=["newsmon", "alerts"],
    default_args={**DEFAULT_ARGS, "retry_delay": timedelta(seconds=30), "max_retry_delay": timedelta(minutes=5)},
    doc_md=__doc__,
)
def news_alerts():
    @task
    def alert() -> dict:
        """Deliver the events waiting in the outbox, and anything pending, to every channel."""
        from newsmon.pipeline import run_alerts  # at run time: parsing stays light

        config, store = load()
        store.check()
        return asdict(run_alerts(config, store))

    alert()


news_alerts()
