"""
### news_monitor

Crawls the outlets whose feeds have news, minutes after they publish: discover (feeds, robots.txt
sitemaps) → fetch → extract → detect → store parquet in S3. Alerting is its own DAG, `news_alerts`,
scheduled on the `newsmon_events` asset that every `crawl` updates.

* Scheduled on the `newsmon_feeds` asset **or** an hourly cron (the safety net). The asset's
  watcher (`FeedWatchTrigger`, in the triggerer) polls every feed with conditional GETs on an
  adaptive interval (60 s after news, backing off to 15 min, never faster than robots.txt
  `Crawl-delay` / `delay_seconds`) and fires an event naming an outlet whose feed lists articles
  not stored. An asset run crawls only the outlets named; a cron or manual run crawls them all.
  Nothing is keyed on the logical date (asset runs have none).
* Each crawl also revisits recent articles (`revisit:` per outlet) to catch edits.

* One mapped `crawl` task per outlet, from the YAML named by `NEWSMON_CONFIG`, read at run time
  (adding an outlet is a config edit, no DAG change).
* Storage: the Airflow connection `newsmon_s3` (type `aws`, `endpoint_url` in extra).
* XCom carries counts and object keys only, never article text. Each `crawl` updates the
  `newsmon_articles`, `newsmon_events`, `newsmon_mentions`, `newsmon_fetches`, `newsmon_runs` and
  `newsmon_raw` assets (one per table; schedule downstream DAGs on them).
* Each crawl lists the events it stored in the alert outbox in the store (even when it fails
  later), so `news_alerts` alerts them once, whatever happens to this run.
* A task that fails for good notifies ops on the alert channels (`on_failure_callback`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow.sdk import Asset, AssetOrTimeSchedule, AssetWatcher, CronTriggerTimetable, dag, get_current_context, task

from newsmon_airflow import ASSETS, BUCKET, DEFAULT_ARGS, load
from newsmon_watch import FeedWatchTrigger

# The safety net: an hourly pass over every outlet, for feeds the watcher cannot see into.
SAFETY_NET_CRON = "0 * * * *"
FEEDS = Asset(
    name="newsmon_feeds",
    uri=f"s3://{BUCKET}/_state/feeds/",
    group="newsmon",
    watchers=[AssetWatcher(name="newsmon_feed_watch", trigger=FeedWatchTrigger())],
)


@dag(
    dag_id="news_monitor",
    schedule=AssetOrTimeSchedule(timetable=CronTriggerTimetable(SAFETY_NET_CRON, timezone="UTC"), assets=[FEEDS]),
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    tags=["newsmon", "crawl"],
    default_args={**DEFAULT_ARGS, "retry_delay": timedelta(seconds=30), "max_retry_delay": timedelta(minutes=10)},
    doc_md=__doc__,
)
def news_monitor():
    @task
    def list_outlets() -> list[str]:
        """The outlets the watcher named (all of them on a cron run), from the config read now."""
        from newsmon_watch import fired_outlets

        config, _ = load()
        fired = fired_outlets(get_current_context())
        return [name for name in config.outlet_names if not fired or name in fired]

    @task(outlets=list(ASSETS.values()), map_index_template="{{ task.op_kwargs['outlet'] }}")
    def crawl(outlet: str) -> dict:
        """One outlet's pass; returns counts and keys for the log and XCom."""
        from newsmon.pipeline import run_outlet  # at run time: parsing stays light

        config, store = load()
        store.check()
        run_id = get_current_context()["run_id"]
        result = run_outlet(config.outlet(outlet), config, store, run_id)
        summary = result.to_dict()
        summary.pop("article_keys")
        return summary

    crawl.expand(outlet=list_outlets())


news_monitor()
