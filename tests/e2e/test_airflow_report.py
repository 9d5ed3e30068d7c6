"""`airflow dags test news_report` on SQLite: the day's report lands in the bucket, dated and latest."""

from __future__ import annotations

from datetime import date

import pytest
from airflow_env import airflow, migrate, s3_connection
from report_lake import TOPICS, make_rows, write_lake
from support import write_config

from newsmon.report import page_of

pytestmark = [pytest.mark.e2e, pytest.mark.airflow]


def test_dags_test_news_report(tmp_path, store, seaweed, s3_env):
    articles, events = make_rows(date(2026, 11, 1), 10, 12)
    write_lake(store, articles, events)
    cfg = write_config(tmp_path / "c.yaml", "http://127.0.0.1:9", None, seaweed.endpoint_url, bucket=store.bucket)
    home = tmp_path / "airflow"
    migrate(home)
    env = {"NEWSMON_CONFIG": str(cfg), "AIRFLOW_CONN_NEWSMON_S3": s3_connection(seaweed)}
    proc = airflow(home, "dags", "test", "news_report", "2026-11-10", env=env)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    want = {"index.html", *(page_of(t) for t in TOPICS)}
    assert {k.rsplit("/", 1)[1] for k in store.keys("reports/dt=2026-11-10/")} == want
    assert {k.rsplit("/", 1)[1] for k in store.keys("reports/latest/")} == want
    index = store.get("reports/latest/index.html").decode()
    assert all(f'data-topic="{t}"' in index for t in TOPICS)
