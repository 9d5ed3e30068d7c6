"""Airflow-facing glue for the newsmon DAGs: config and storage from Airflow's world.

Kept out of the library (which never imports Airflow) and out of the DAG files (which only wire
tasks). Airflow puts ``plugins/`` on ``sys.path``, so DAGs import this module by name.
"""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import replace
from typing import TYPE_CHECKING

from airflow.sdk import Asset, BaseHook, BaseNotifier

# The library is imported inside the functions that use it: a DAG file parses with the SDK alone
# (no boto3, pyarrow, trafilatura), which keeps parsing well under a second per file.
if TYPE_CHECKING:
    from newsmon.config import AlertChannel, Config
    from newsmon.store import Store

log = logging.getLogger(__name__)

S3_CONN_ID = "newsmon_s3"
SLACK_HOOKS = "https://hooks.slack.com/services"
# Asset URIs are fixed at parse time; the bucket comes from the environment, not the config file,
# so parsing a DAG never reads more than it must.
BUCKET = os.environ.get("NEWSMON_S3_BUCKET", "newsmon")
# The parquet tables (newsmon.schema.TABLES, checked by tests/test_dagbag.py) and the raw archive.
LAKE_TABLES = ("articles", "events", "mentions", "fetches", "runs")
ASSETS = {
    table: Asset(name=f"newsmon_{table}", uri=f"s3://{BUCKET}/{table}/", group="newsmon")
    for table in (*LAKE_TABLES, "raw")
}


class OpsNotifier(BaseNotifier):
    """``on_failure_callback``: tell ops on every configured alert channel that a task failed for good.

    It reuses the channels of the ``alerts:`` config (webhook JSON ``{"type": "ops"}``, a Slack
    message, a plain mail), so there is one place to configure where people are told things. A
    notifier must never fail the callback chain: a channel that cannot be reached is logged.
    """

    template_fields = ()

    def notify(self, context) -> None:
        """Send one notice naming the DAG, task, run, try and error to every channel."""
        ti = context.get("ti") or context.get("task_instance")
        dag_id = getattr(ti, "dag_id", None) or getattr(context.get("dag"), "dag_id", "?")
        task_id = getattr(ti, "task_id", "?")
        subject = f"newsmon: task {dag_id}.{task_id} failed"
        lines = [
            f"dag: {dag_id}",
            f"task: {task_id}",
            f"run: {context.get('run_id', '?')}",
            f"try: {getattr(ti, 'try_number', '?')}",
            f"error: {' '.join(str(context.get('exception') or 'unknown').split())[:500]}",
        ]
        from newsmon.alert.channels import send_ops

        try:
            config, _ = load()
        except Exception as exc:  # a broken config is itself a reason the task failed
            log.error("ops notice not sent, config unreadable: %s", exc)
            return
        for channel in config.alerts:
            if not channel.ops:
                continue
            try:
                send_ops(channel, subject, lines, {"condition": "task_failed", "dag_id": dag_id, "task_id": task_id})
            except Exception as exc:
                log.error("ops notice to %s failed: %s", channel.name, exc)


DEFAULT_ARGS = {
    "owner": "newsmon",
    "retries": 2,
    "retry_exponential_backoff": 2.0,
    "on_failure_callback": OpsNotifier(),
}


def load(path: str | None = None) -> tuple[Config, Store]:
    """The config at ``path`` (default: ``NEWSMON_CONFIG``) and a store from the ``newsmon_s3`` connection.

    The connection (an ``aws`` connection: login/password are the keys, ``endpoint_url`` and
    ``region_name`` in extra; ``AIRFLOW_CONN_NEWSMON_S3`` works) overrides the file's storage
    settings; without one, the file and the ``AWS_*`` environment variables are used.
    """
    from newsmon.config import load_config, with_storage_overrides
    from newsmon.store import Store

    path = path or os.environ.get("NEWSMON_CONFIG")
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
    if any(c.conn_id for c in config.alerts):
        config = replace(config, alerts=tuple(_channel_from_connection(c) for c in config.alerts))
    mask_config_secrets(config)
    return config, Store(config.storage)


def mask_config_secrets(config: Config) -> None:
    """Register the config's secrets with Airflow's masker: task logs show *** instead.

    The store's secret key, SMTP passwords and each alert URL (a webhook URL is its own token),
    whole and with its query or path token, so a URL logged by a library stays masked too.
    """
    from airflow.sdk.log import mask_secret

    from newsmon.redact import mask_url

    secrets = [config.storage.secret_key, *(c.password for c in config.alerts)]
    for channel in config.alerts:
        if channel.url and mask_url(channel.url) != channel.url:
            secrets.append(channel.url)
    for secret in secrets:
        if secret:
            mask_secret(secret)


def hostname() -> str:
    """Worker name recorded on task instances (``[core] hostname_callable``).

    ``NEWSMON_HOSTNAME`` names a worker where several share one host (containers, the Celery
    scale-out test); elsewhere it is the machine's FQDN, Airflow's default.
    """
    return os.environ.get("NEWSMON_HOSTNAME") or socket.getfqdn()


def _channel_from_connection(channel: AlertChannel) -> AlertChannel:
    """Fill a channel's secrets from its Airflow connection (``conn_id``); YAML values win.

    webhook / slack: the URL from the connection's password, host or ``extra.webhook_url``
    (a Slack provider ``slackwebhook`` connection works). email: host, port, login and password
    from an ``smtp`` connection.
    """
    if not channel.conn_id:
        return channel
    conn = BaseHook.get_connection(channel.conn_id)
    extra = conn.extra_dejson or {}
    if channel.type in ("webhook", "slack"):
        candidates = (conn.password, conn.host, extra.get("webhook_url"), extra.get("url"))
        url = next((u for u in candidates if u and u.startswith(("http://", "https://"))), "")
        if not url and channel.type == "slack" and conn.password and conn.password.count("/") == 2:
            url = f"{SLACK_HOOKS}/{conn.password}"  # the provider's short form: T…/B…/secret
        return replace(channel, url=channel.url or url)
    return replace(
        channel,
        host=channel.host or conn.host or "",
        port=(conn.port or channel.port) if not channel.host else channel.port,
        username=channel.username if channel.username is not None else conn.login,
        password=channel.password if channel.password is not None else conn.password,
    )
