"""Under Airflow the config's secrets are registered with Airflow's masker: task logs show ***."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "plugins"))

from newsmon.config import parse_config

SECRET_KEY = "s3cr3t-store-key-4f9a"
HOOK = "https://hooks.example.org/services/T0001/B0002/xoxb0123456789abcdefghij"
SMTP_PASSWORD = "smtp-pass-77e1"


def test_store_key_smtp_password_and_token_urls_are_masked_in_task_logs():
    pytest.importorskip("airflow.sdk")
    from airflow.sdk._shared.secrets_masker.secrets_masker import redact, reset_secrets_masker

    from newsmon_airflow import mask_config_secrets

    reset_secrets_masker()
    raw = {
        "storage": {"bucket": "news-lake", "endpoint_url": "http://127.0.0.1:8333"},
        "outlets": [{"name": "o", "feeds": ["https://a.example/rss"], "allowed_domains": ["a.example"]}],
        "alerts": [
            {"type": "slack", "url": "${HOOK}"},
            {"type": "webhook", "url": "http://127.0.0.1:9999/plain"},
            {
                "type": "email",
                "host": "127.0.0.1",
                "username": "u",
                "password": "${PW}",
                "sender": "n@b.example",
                "to": ["a@b.example"],
            },
        ],
    }
    env = {"AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": SECRET_KEY, "HOOK": HOOK, "PW": SMTP_PASSWORD}
    config = parse_config(raw, env=env)
    line = f"boto: key {SECRET_KEY}; posting to {HOOK} failed; smtp login {SMTP_PASSWORD}"
    assert redact(line) == line  # nothing masked before the config is loaded under Airflow
    mask_config_secrets(config)
    masked = redact(line)
    assert SECRET_KEY not in masked and HOOK not in masked and SMTP_PASSWORD not in masked
    assert "http://127.0.0.1:9999/plain" in redact("to http://127.0.0.1:9999/plain")  # no secret in it
    reset_secrets_masker()
