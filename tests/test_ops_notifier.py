"""The on_failure_callback notifier tells ops on the configured channels, and never raises."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from receivers import SlackReceiver
from support import WebhookReceiver

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.airflow


class _TI:
    dag_id, task_id, try_number = "news_monitor", "crawl", 3


def test_failure_notice_reaches_every_channel(tmp_path, monkeypatch):
    sys.path.insert(0, str(REPO / "plugins"))
    from newsmon_airflow import OpsNotifier

    with WebhookReceiver() as hook, SlackReceiver() as slack:
        cfg = tmp_path / "c.yaml"
        cfg.write_text(
            "storage: {bucket: newsmon, endpoint_url: http://127.0.0.1:1}\n"
            "outlets: [{name: a, feeds: [http://127.0.0.1:1/rss], allowed_domains: [127.0.0.1]}]\n"
            f"alerts:\n  - {{type: webhook, url: {hook.url}}}\n  - {{type: slack, url: '{slack.url}'}}\n"
            "  - {type: webhook, url: 'http://127.0.0.1:1/dead', name: dead}\n"
            f"  - {{type: webhook, url: {hook.url}, name: analysts, ops: false}}\n"
        )
        monkeypatch.setenv("NEWSMON_CONFIG", str(cfg))
        context = {"ti": _TI(), "run_id": "manual__1", "exception": RuntimeError("storage: <!channel> down")}
        OpsNotifier().notify(context)  # the dead channel is logged, not raised
        assert hook.received == [
            {
                "type": "ops",
                "kind": "ops",
                "condition": "task_failed",
                "dag_id": "news_monitor",
                "task_id": "crawl",
                "subject": "newsmon: task news_monitor.crawl failed",
                "lines": [
                    "dag: news_monitor",
                    "task: crawl",
                    "run: manual__1",
                    "try: 3",
                    "error: storage: <!channel> down",
                ],
            }
        ]
        assert len(slack.received) == 1 and slack.rejected == []
        assert "<!channel>" not in str(slack.received[0]) and "news_monitor.crawl" in slack.received[0]["text"]


def test_channel_secrets_from_airflow_connections(tmp_path, monkeypatch):
    sys.path.insert(0, str(REPO / "plugins"))
    from newsmon_airflow import load

    cfg = tmp_path / "c.yaml"
    cfg.write_text(
        "storage: {bucket: newsmon, endpoint_url: http://127.0.0.1:1}\n"
        "outlets: [{name: a, feeds: [http://127.0.0.1:1/rss], allowed_domains: [127.0.0.1]}]\n"
        "alerts:\n  - {type: slack, conn_id: slack_analysts}\n"
        "  - {type: email, conn_id: smtp_newsmon, sender: n@example.org, to: [a@example.org]}\n"
    )
    monkeypatch.setenv("NEWSMON_CONFIG", str(cfg))
    monkeypatch.setenv("AIRFLOW_CONN_SLACK_ANALYSTS", '{"conn_type": "slackwebhook", "password": "T1/B2/sec"}')
    monkeypatch.setenv(
        "AIRFLOW_CONN_SMTP_NEWSMON",
        '{"conn_type": "smtp", "host": "mail.example.org", "port": 2525, "login": "u", "password": "pw"}',
    )
    config, _ = load()
    slack, mail = config.alerts
    assert slack.url == "https://hooks.slack.com/services/T1/B2/sec"
    assert (mail.host, mail.port, mail.username, mail.password) == ("mail.example.org", 2525, "u", "pw")
