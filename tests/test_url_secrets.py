"""Credentials in URLs are a config error unless given as ${VAR}; printed URLs are masked;
``allowed_domains`` entries are host names."""

from __future__ import annotations

import pytest

from newsmon.cli import main
from newsmon.config import parse_config
from newsmon.config_errors import ConfigError
from newsmon.redact import mask_text, mask_url

SLACK_TOKEN = "AbCdEfGh1234567890XyZaBc"
ENV = {"AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s"}


def config(storage: dict | None = None, alerts: list | None = None, domains: list | None = None, env=None):
    return parse_config(
        {
            "storage": {"bucket": "news-lake", **(storage or {})},
            "alerts": alerts or [],
            "outlets": [
                {
                    "name": "o",
                    "feeds": ["https://www.asiae.co.kr/rss/all.htm"],
                    "allowed_domains": domains or ["asiae.co.kr"],
                }
            ],
        },
        env={**ENV, **(env or {})},
    )


@pytest.mark.parametrize(
    ("section", "value", "key"),
    [
        ("storage", {"endpoint_url": "http://admin:hunter2@127.0.0.1:8333"}, "storage.endpoint_url"),
        (
            "alerts",
            [{"type": "webhook", "url": f"https://hooks.slack.com/services/T0A1B2C3D/B0A1B2C3D/{SLACK_TOKEN}"}],
            "alerts[0].url",
        ),
        ("alerts", [{"type": "webhook", "url": "https://hooks.example/in?token=abc123"}], "alerts[0].url"),
        ("alerts", [{"type": "slack", "url": "https://hooks.example/in?api_key=abc123"}], "alerts[0].url"),
    ],
)
def test_a_literal_credential_in_a_url_is_a_config_error_naming_its_key(section, value, key):
    with pytest.raises(ConfigError) as err:
        config(**{section: value})
    assert key in str(err.value) and "${VAR}" in str(err.value)
    assert "hunter2" not in str(err.value) and SLACK_TOKEN not in str(err.value)


def test_the_same_credentials_through_the_environment_are_accepted():
    cfg = config(
        storage={"endpoint_url": "http://${S3_USER}:${S3_PASS}@127.0.0.1:8333"},
        alerts=[{"type": "webhook", "url": "${HOOK}"}, {"type": "webhook", "url": "https://h.example/in?token=${T}"}],
        env={
            "S3_USER": "admin",
            "S3_PASS": "hunter2",
            "HOOK": f"https://hooks.slack.com/services/T1/B1/{SLACK_TOKEN}",
            "T": "x1",
        },
    )
    assert SLACK_TOKEN in cfg.alerts[0].url


@pytest.mark.parametrize("bad", [".", "com", "kr", "*", "*.com", "a*.example.com", "exa mple.com", "*.*.example.com"])
def test_allowed_domains_must_be_host_names(bad):
    with pytest.raises(ConfigError, match=r"allowed_domains\[0\]"):
        config(domains=[bad])


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("*.asiae.co.kr", "asiae.co.kr"),
        ("Asiae.co.kr.", "asiae.co.kr"),
        ("localhost", "localhost"),
        ("127.0.0.1", "127.0.0.1"),
        ("[::1]", "::1"),
    ],
)
def test_host_names_and_ip_literals_are_allowed(given, kept):
    assert config(domains=[given]).outlets[0].allowed_domains == (kept,)


def test_masking_hides_userinfo_path_tokens_and_query_values():
    url = f"https://u:p@hooks.slack.com/services/T1/B1/{SLACK_TOKEN}?token=abc&x=1#frag"
    masked = mask_url(url)
    assert masked == "https://***@hooks.slack.com/services/T1/B1/***?token=***&x=***"
    assert mask_text(f"POST {url} failed") == f"POST {masked} failed"
    assert mask_url("https://www.asiae.co.kr/article/world/2025110309150027461") == (
        "https://www.asiae.co.kr/article/world/2025110309150027461"
    )


def test_run_never_prints_a_credential_of_an_unreachable_store(tmp_path, capsys):
    cfg = tmp_path / "c.yaml"
    cfg.write_text(
        "storage:\n  bucket: news-lake\n  endpoint_url: http://${S3_AUTH}@127.0.0.1:9/\n"
        "outlets:\n  - name: o\n    feeds: [https://www.asiae.co.kr/rss/all.htm]\n    allowed_domains: [asiae.co.kr]\n"
    )
    monkey = pytest.MonkeyPatch()
    for k, v in {**ENV, "S3_AUTH": "admin:hunter2"}.items():
        monkey.setenv(k, v)
    try:
        code = main(["run", "--config", str(cfg)])
    finally:
        monkey.undo()
    out = capsys.readouterr()
    assert code != 0
    assert "127.0.0.1" in out.err and "hunter2" not in out.out + out.err
