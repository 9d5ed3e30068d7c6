"""
### news_brief

The morning brief: every channel with `brief: {at, tz}` in the config gets one message a day
with every agreement and dispute it has not been briefed on yet (grouped by topic and story),
and the label flips; routing rules apply. See `newsmon.alert.brief`.

* Scheduled by a cron in the brief's time zone: `NEWSMON_BRIEF_AT` (default `08:00`) in
  `NEWSMON_BRIEF_TZ` (default `Asia/Seoul`), read from the environment at parse time (the config
  file is never read while parsing). A channel whose `at` has not come yet is left for later.
* Exactly once per (channel, day): the day's brief is frozen in the store before the first
  attempt and marked sent only after the channel accepted it, so retries and reruns resend the
  same brief (same `Idempotency-Key`) or nothing.
"""

from __future__ import annotations

import os
from dataclasses import asdict
from datetime import datetime, timedelta

from airflow.sdk import CronTriggerTimetable, dag, task

from newsmon_airflow import DEFAULT_ARGS, load

BRIEF_AT = os.environ.get("NEWSMON_BRIEF_AT", "08:00")
BRIEF_TZ = os.environ.get("NEWSMON_BRIEF_TZ", "Asia/Seoul")
_HOUR, _MINUTE = (int(x) for x in BRIEF_AT.split(":"))


@dag(
    dag_id="news_brief",
    schedule=CronTriggerTimetable(f"{_MINUTE} {_HOUR} * * *", timezone=BRIEF_TZ),
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    tags=["newsmon", "alerts", "brief"],
    default_args={**DEFAULT_ARGS, "retry_delay": timedelta(minutes=1), "max_retry_delay": timedelta(minutes=10)},
    doc_md=__doc__,
)
def news_brief():
    @task
    def brief() -> list[dict]:
        """Send each due brief channel its brief; fails (and retries) when one was not accepted."""
        from newsmon.alert.brief import run_briefs  # at run time: parsing stays light

        config, store = load()
        store.check(create=False)
        results = run_briefs(config, store, only_due=True)
        failed = [r for r in results if r.state == "failed"]
        if failed:
            raise RuntimeError("; ".join(f"{r.channel}: {r.error}" for r in failed))
        return [asdict(r) for r in results]

    brief()


news_brief()
