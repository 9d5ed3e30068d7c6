"""`airflow dags test news_compact` on SQLite: closed partitions become one object, rows stay identical."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pyarrow as pa
import pytest
from airflow_env import airflow, migrate, s3_connection
from e2e_helpers import newsmon
from support import write_config

from newsmon import lake
from newsmon.schema import RUNS, TABLES
from newsmon.tables import put_table, read_prefix

pytestmark = [pytest.mark.e2e, pytest.mark.airflow]


def _rows(store) -> dict[str, list[str]]:
    return {
        t: sorted(json.dumps(r, default=str, sort_keys=True) for r in read_prefix(store, t).to_pylist()) for t in TABLES
    }


def test_dags_test_news_compact(tmp_path, site, store, seaweed, s3_env):
    cfg = write_config(tmp_path / "c.yaml", site.base, None, seaweed.endpoint_url, bucket=store.bucket)
    proc = newsmon("run", "--config", str(cfg), env=s3_env)
    assert proc.returncode == 0, proc.stderr
    old = datetime(2020, 1, 1, tzinfo=UTC)
    for n in range(3):  # three runs of a closed day, as a crawl of that day would have left them
        row = {"run_id": f"old-{n}", "outlet": "asiae", "started_at": old, "finished_at": old, "found": n}
        put_table(store, f"runs/outlet=asiae/dt=2020-01-01/old-{n}.parquet", pa.Table.from_pylist([row], RUNS))
    before = _rows(store)

    home = tmp_path / "airflow"
    migrate(home)
    env = {"NEWSMON_CONFIG": str(cfg), "AIRFLOW_CONN_NEWSMON_S3": s3_connection(seaweed)}
    proc = airflow(home, "dags", "test", "news_compact", env=env)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]

    assert _rows(store) == before
    parts = lake.partitions(store, "runs")
    assert len(parts[("asiae", "2020-01-01")]) == 1 and parts[("asiae", "2020-01-01")][0].split("/")[-1].startswith(
        "part-"
    )
    today = [k for (o, dt), k in parts.items() if dt != "2020-01-01"]
    assert today == [[k for k in store.keys("runs/") if "2020-01-01" not in k]]  # today's run left alone
