"""Airflow-facing glue for the newsmon DAGs: config and storage from Airflow's world.

Kept out of the library (which never imports Airflow) and out of the DAG files (which only wire
tasks). Airflow puts ``plugins/`` on ``sys.path``, so DAGs import this module by name.
"""

from __future__ import annotations

import os

from airflow.sdk import Asset, BaseHook

from newsmon.config import Config, load_config, with_storage_overrides
from newsmon.store import Store

S3_CONN_ID = "newsmon_s3"
# Asset URIs are fixed at parse time; the bucket comes from the environment, not the config file,
# so parsing a DAG never reads more than it must.
BUCKET = os.environ.get("NEWSMON_S3_BUCKET", "newsmon")
ASSETS = {
    table: Asset(name=f"newsmon_{table}", uri=f"s3://{BUCKET}/{table}/", group="newsmon")
    for table in ("articles", "events", "mentions", "fetches", "runs", "raw")
}
DEFAULT_ARGS = {
    "owner": "newsmon",
    "retries": 2,
    "retry_exponential_backoff": 2.0,
}


def load() -> tuple[Config, Store]:
    """The config named by ``NEWSMON_CONFIG`` and a store from the ``newsmon_s3`` connection.

    The connection (an ``aws`` connection: login/password are the keys, ``endpoint_url`` and
    ``region_name`` in extra; ``AIRFLOW_CONN_NEWSMON_S3`` works) overrides the file's storage
    settings; without one, the file and the ``AWS_*`` environment variables are used.
    """
    path = os.environ.get("NEWSMON_CONFIG")
    if not path:
        raise RuntimeError("NEWSMON_CONFIG is not set: point it at the newsmon YAML file")
    config = load_config(path)
    try:
        conn = BaseHook.get_connection(S3_CONN_ID)
    except Exception:  # no such connection: fall back to the file and AWS_* variables
        conn = None
    if conn is not None:
        extra = conn.extra_dejson or {}
        config = with_storage_overrides(
            config,
            endpoint_url=extra.get("endpoint_url") or extra.get("host") or None,
            region=extra.get("region_name") or None,
            access_key=conn.login or extra.get("aws_access_key_id") or None,
            secret_key=conn.password or extra.get("aws_secret_access_key") or None,
        )
    return config, Store(config.storage)
