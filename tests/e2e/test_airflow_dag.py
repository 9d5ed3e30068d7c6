"""End to end through Airflow: `airflow dags test news_monitor` on SQLite, real store and site."""

from __future__ import annotations

import pytest
from airflow_env import airflow, migrate, s3_connection
from e2e_helpers import discoverable, object_etags
from support import write_config

from newsmon.tables import read_prefix

pytestmark = [pytest.mark.e2e, pytest.mark.airflow]


def test_dags_test_stores_once_and_news_alerts_alerts_once(tmp_path, site, webhook, store, seaweed):
    home = tmp_path / "airflow"
    migrate(home)
    cfg = write_config(tmp_path / "c.yaml", site.base, webhook.url, "http://127.0.0.1:1", bucket=store.bucket)
    # the config names a dead endpoint: storage must come from the Airflow connection
    env = {"NEWSMON_CONFIG": str(cfg), "AIRFLOW_CONN_NEWSMON_S3": s3_connection(seaweed)}
    proc = airflow(home, "dags", "test", "news_monitor", env=env)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    assert seaweed.secret_key not in proc.stdout + proc.stderr  # never logged

    expected = discoverable()
    articles = read_prefix(store, "articles").to_pylist()
    ids = [a["article_id"] for a in articles]
    assert len(ids) == len(set(ids)) == len(expected)
    assert webhook.received == []  # news_monitor only crawls; news_alerts alerts
    proc = airflow(home, "dags", "test", "news_alerts", env=env)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    # every fixture article is its own story: one message per (article, topic, kind), none twice
    events = read_prefix(store, "events").to_pylist()
    want = {(e["article_id"], e["topic"], e["kind"]) for e in events}
    got = [(m["article_id"], m["topic"], m["kind"]) for m in webhook.received]
    duplicates, missed = len(got) - len(set(got)), len(want - set(got))
    print(f"news_alerts: events={len(want)} received={len(got)} duplicates={duplicates} missed={missed}")
    assert (duplicates, missed) == (0, 0) and set(got) == want and want
    sent = len(webhook.received)

    before = object_etags(store, "articles/") | object_etags(store, "events/")
    proc = airflow(home, "dags", "test", "news_monitor", env=env)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    assert object_etags(store, "articles/") | object_etags(store, "events/") == before
    proc = airflow(home, "dags", "test", "news_alerts", env=env)  # a rerun sends nothing again
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    assert len(webhook.received) == sent
    assert read_prefix(store, "runs").num_rows == 2
