"""`airflow dags test news_brief` on SQLite: a brief channel gets its brief once, a rerun sends nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from airflow_env import airflow, migrate, s3_connection
from report_lake import make_rows, write_lake
from support import WebhookReceiver

pytestmark = [pytest.mark.e2e, pytest.mark.airflow]


def test_dags_test_news_brief(tmp_path, store, seaweed, s3_env):
    articles, events = make_rows(datetime.now(UTC).date() - timedelta(days=1), 1, 6)
    write_lake(store, articles, events)
    home = tmp_path / "airflow"
    migrate(home)
    with WebhookReceiver() as hook:
        cfg = tmp_path / "c.yaml"
        cfg.write_text(
            json.dumps(
                {
                    "storage": {"endpoint_url": seaweed.endpoint_url, "bucket": store.bucket},
                    "outlets": [{"name": "asiae", "feeds": ["http://127.0.0.1:9/r"], "allowed_domains": ["127.0.0.1"]}],
                    "alerts": [
                        {"type": "webhook", "name": "desk", "url": hook.url, "brief": {"at": "00:00", "tz": "UTC"}}
                    ],
                }
            )
        )
        env = {"NEWSMON_CONFIG": str(cfg), "AIRFLOW_CONN_NEWSMON_S3": s3_connection(seaweed), "NEWSMON_BRIEF_TZ": "UTC"}
        hook.fail_next = 2  # the receiver restarts: two 503s, then it accepts
        for run in ("2026-11-10T08:00:00+00:00", "2026-11-11T08:00:00+00:00"):
            proc = airflow(home, "dags", "test", "news_brief", run, env=env)
            assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    assert len(hook.received) == 1 and hook.received[0]["type"] == "brief"
    assert hook.received[0]["count"] == len({(e["article_id"][-19:], e["topic"], e["kind"]) for e in events})
