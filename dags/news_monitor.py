"""
### news_monitor

Crawls every configured outlet every 15 minutes: discover (feeds, robots.txt sitemaps) → fetch →
extract → detect → store parquet in S3, then alerts on new agreements and disputes.

* One mapped `crawl` task per outlet, from the YAML named by `NEWSMON_CONFIG`, read at run time
  (adding an outlet is a config edit, no DAG change).
* Storage: the Airflow connection `newsmon_s3` (type `aws`, `endpoint_url` in extra).
* XCom carries counts and object keys only, never article text. Each `crawl` updates the
  `newsmon_articles`, `newsmon_events`, `newsmon_mentions`, `newsmon_fetches`, `newsmon_runs` and
  `newsmon_raw` assets (one per table; schedule downstream DAGs on them).
* `alert` runs even when a crawl failed: it drains the alert outbox in the store, so events of a
  failed or retried crawl are alerted once, by this run or the next.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow.sdk import dag, get_current_context, task

from newsmon.pipeline import run_alerts, run_outlet
from newsmon_airflow import ASSETS, DEFAULT_ARGS, load


@dag(
    dag_id="news_monitor",
    schedule="*/15 * * * *",
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
        """Outlet names from the config, read now (not at parse time)."""
        config, _ = load()
        return config.outlet_names

    @task(outlets=list(ASSETS.values()), map_index_template="{{ task.op_kwargs['outlet'] }}")
    def crawl(outlet: str) -> dict:
        """One outlet's pass; returns counts and keys for the log and XCom."""
        config, store = load()
        store.check()
        run_id = get_current_context()["run_id"]
        result = run_outlet(config.outlet(outlet), config, store, run_id)
        summary = result.to_dict()
        summary.pop("article_keys")
        return summary

    @task(trigger_rule="all_done")
    def alert() -> dict:
        """Deliver the events waiting in the outbox to every channel."""
        config, store = load()
        store.check()
        return run_alerts(config, store).__dict__

    crawled = crawl.expand(outlet=list_outlets())
    crawled >> alert()


news_monitor()
