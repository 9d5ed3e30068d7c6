"""
### news_report

Daily: the analyst report, a static site of agreements against disputes per topic and the latest
stories (`newsmon.report`), over the last 30 days of publish dates up to the run's day.

* Reads the lake with DuckDB over the S3 store; writes nothing to the lake itself.
* Publishes to `reports/dt=YYYY-MM-DD/` (that day's edition, kept) and `reports/latest/`
  (replaced), and updates the `newsmon_reports` asset.
* Idempotent: a retry or rerun rebuilds the same day's pages from the same rows and overwrites
  them. Pages are self-contained HTML (no script, no remote font or image): open them straight
  from the bucket or a download. `newsmon report` builds the same site by hand.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow.sdk import Asset, dag, task

from newsmon_airflow import BUCKET, DEFAULT_ARGS, load

REPORTS = Asset(name="newsmon_reports", uri=f"s3://{BUCKET}/reports/", group="newsmon")
# Days of publish dates in each daily report: a month shows a trend without crowding the chart.
WINDOW_DAYS = 30


@dag(
    dag_id="news_report",
    schedule="@daily",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    tags=["newsmon", "report"],
    default_args={**DEFAULT_ARGS, "retry_delay": timedelta(minutes=1), "max_retry_delay": timedelta(minutes=15)},
    doc_md=__doc__,
)
def news_report():
    @task(outlets=[REPORTS])
    def report(**context) -> dict:
        """Build the report for the window ending on the run's day and publish it to the bucket."""
        import tempfile
        from datetime import UTC

        from newsmon.report import default_window  # at run time: parsing stays light
        from newsmon.report_job import build_report, publish

        config, store = load()
        store.check(create=False)
        when = context.get("logical_date") or context.get("run_after") or datetime.now(UTC)
        since, until = default_window(when.date(), WINDOW_DAYS)
        with tempfile.TemporaryDirectory(prefix="newsmon-report-") as out:
            site = build_report(config, store, since, until, out)
            keys = publish(store, site, until)
        return {"since": since.isoformat(), "until": until.isoformat(), "objects": len(keys)}

    report()


news_report()
