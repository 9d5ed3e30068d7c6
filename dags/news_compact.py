"""
### news_compact

Daily: merges each lake partition's small parquet files into one `part-<sha>.parquet` per table,
outlet and `dt`, with identical rows (`newsmon.lake.compact_table`).

* Atomic per partition: the merged object is written first, then the objects it replaces are
  deleted; a reader never misses a row.
* Never a duplicate later: `articles`, `events` and `mentions` merge only rows the outlet's
  index records (a crawl never writes those again); `fetches` and `runs` only partitions whose
  crawl date is 2+ days old. See docs/schema.md, "Compaction".
* One task per table. No asset events: the rows do not change, so nothing downstream must rerun.
* Safe beside `news_monitor`; do not run it while `newsmon reprocess` rewrites the same outlet.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timedelta

from airflow.sdk import dag, task

from newsmon_airflow import DEFAULT_ARGS, LAKE_TABLES, load


@dag(
    dag_id="news_compact",
    schedule="@daily",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    tags=["newsmon", "lake"],
    default_args={**DEFAULT_ARGS, "retry_delay": timedelta(minutes=1), "max_retry_delay": timedelta(minutes=30)},
    doc_md=__doc__,
)
def news_compact():
    @task
    def compact(table: str) -> dict:
        """Compact one table's partitions for the configured outlets; returns the counts."""
        from newsmon.lake import compact_table  # at run time: parsing stays light

        config, store = load()
        store.check(create=False)
        return asdict(compact_table(store, table, outlets=config.outlet_names))

    for table in LAKE_TABLES:
        compact.override(task_id=f"compact_{table}")(table)


news_compact()
