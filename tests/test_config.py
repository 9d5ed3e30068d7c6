"""Config: the contract's example loads; every bad key gets an error that names it."""

from __future__ import annotations

import pytest

from newsmon.config import ConfigError, load_config, parse_config

GOOD = {
    "storage": {"endpoint_url": "http://127.0.0.1:8333", "bucket": "newsmon"},
    "outlets": [
        {
            "name": "asiae",
            "profile": "asiae",
            "feeds": ["https://www.asiae.co.kr/rss/all.htm"],
            "allowed_domains": ["asiae.co.kr"],
            "delay_seconds": 2,
        }
    ],
    "alerts": [{"type": "webhook", "url": "https://hooks.example/newsmon"}],
}


def test_contract_example_loads(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(
        "storage: {endpoint_url: http://127.0.0.1:8333, bucket: newsmon}\n"
        "outlets:\n"
        "  - {name: asiae, profile: asiae, feeds: [https://www.asiae.co.kr/rss/all.htm], "
        "allowed_domains: [asiae.co.kr], delay_seconds: 2}\n"
        "alerts:\n  - {type: webhook, url: https://hooks.example/newsmon}\n"
    )
    cfg = load_config(path, env={"AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s"})
    assert cfg.outlet("asiae").allowed_domains == ("asiae.co.kr",)
    assert cfg.outlet("asiae").delay_seconds == 2.0
    assert cfg.storage.access_key == "k" and cfg.storage.secret_key == "s"
    assert cfg.alerts[0].url == "https://hooks.example/newsmon"


def test_profile_defaults_to_outlet_name_when_builtin():
    raw = {
        **GOOD,
        "outlets": [
            {"name": "asiae", "feeds": ["https://x.asiae.co.kr/rss"], "allowed_domains": ["asiae.co.kr"]},
            {"name": "other", "feeds": ["https://o.example/rss"], "allowed_domains": ["o.example"]},
        ],
    }
    cfg = parse_config(raw, env={})
    assert cfg.outlet("asiae").profile == "asiae"
    assert cfg.outlet("other").profile == "generic"


@pytest.mark.parametrize(
    ("mutate", "key"),
    [
        (lambda c: c["outlets"][0].update(delay=3), "outlets[0].delay"),
        (lambda c: c["outlets"][0].pop("allowed_domains"), "outlets[0].allowed_domains"),
        (lambda c: c["outlets"][0].update(delay_seconds="fast"), "outlets[0].delay_seconds"),
        (lambda c: c["outlets"][0].update(profile="nosuch"), "outlets[0].profile"),
        (lambda c: c["outlets"][0].update(feeds=["not a url"]), "outlets[0].feeds[0]"),
        (lambda c: c["storage"].pop("bucket"), "storage.bucket"),
        (lambda c: c["storage"].update(endpoint="x"), "storage.endpoint"),
        (lambda c: c["alerts"][0].update(type="pager"), "alerts[0].type"),
        (lambda c: c.update(outlet=[]), "outlet"),
        (lambda c: c.update(outlets=[]), "outlets"),
        (lambda c: c["outlets"].append(dict(c["outlets"][0])), "outlets"),
        (lambda c: c["outlets"][0].update(quiet_runs=0), "outlets[0].quiet_runs"),
        (lambda c: c.update(health={"quiet_run": 3}), "health.quiet_run"),
        (lambda c: c.update(health={"max_failure_rate": 1.5}), "health.max_failure_rate"),
        (lambda c: c.update(health={"max_fallback_share": "half"}), "health.max_fallback_share"),
        (lambda c: c["alerts"][0].update(ops="yes"), "alerts[0].ops"),
    ],
)
def test_bad_key_is_named(mutate, key):
    import copy

    raw = copy.deepcopy(GOOD)
    mutate(raw)
    with pytest.raises(ConfigError) as err:
        parse_config(raw, env={})
    assert str(err.value).startswith(f"{key}:"), str(err.value)


def test_unknown_key_suggests_the_close_one():
    raw = {**GOOD, "outlets": [{**GOOD["outlets"][0], "alowed_domains": ["x"]}]}
    with pytest.raises(
        ConfigError, match=r"outlets\[0\]\.alowed_domains: unknown key \(did you mean 'allowed_domains'\?\)"
    ):
        parse_config(raw, env={})


def test_secrets_come_from_env_references():
    raw = {**GOOD, "alerts": [{"type": "webhook", "url": "${HOOK_URL}"}]}
    assert parse_config(raw, env={"HOOK_URL": "https://h.example/x"}).alerts[0].url == "https://h.example/x"
    with pytest.raises(ConfigError, match=r"^alerts\[0\]\.url: environment variable HOOK_URL is not set"):
        parse_config(raw, env={})


def test_missing_file_and_bad_yaml(tmp_path):
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("outlets: [\n")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(bad)


def test_alert_channels_of_every_type():
    raw = {
        **GOOD,
        "alerting": {"story_window_days": 3},
        "alerts": [
            {"type": "webhook", "url": "https://h.example/x"},
            {"type": "slack", "url": "${SLACK_URL}", "digest": True},
            {
                "type": "email",
                "host": "smtp.example",
                "username": "u",
                "password": "${SMTP_PASSWORD}",
                "sender": "n@example.org",
                "to": ["a@example.org"],
                "max_per_run": 5,
            },
        ],
    }
    cfg = parse_config(raw, env={"SLACK_URL": "https://hooks.slack.com/services/T/B/X", "SMTP_PASSWORD": "pw"})
    hook, slack, mail = cfg.alerts
    assert (hook.max_per_run, slack.max_per_run, slack.digest, mail.max_per_run) == (None, 10, True, 5)
    assert (mail.port, mail.tls, mail.password, mail.to) == (587, "starttls", "pw", ("a@example.org",))
    assert cfg.alerting.story_window_days == 3
    assert "pw" not in repr(mail) and "hooks.slack" not in repr(slack)


@pytest.mark.parametrize(
    "channel, key",
    [
        ({"type": "email", "sender": "n@example.org", "to": ["a@example.org"]}, r"alerts\[0\]\.host: required"),
        ({"type": "email", "host": "h", "sender": "n@example.org", "to": []}, r"alerts\[0\]\.to: required"),
        ({"type": "email", "host": "h", "sender": "n@x", "to": ["a@x"], "tls": "yes"}, r"alerts\[0\]\.tls"),
        ({"type": "email", "host": "h", "sender": "n@x", "to": ["a@x"], "username": "u"}, r"alerts\[0\]\.password"),
        ({"type": "slack", "url": "https://x.example", "host": "h"}, r"alerts\[0\]\.host: unknown key"),
        ({"type": "slack"}, r"alerts\[0\]\.url: must be an http"),
        ({"type": "slack", "url": "https://x.example", "digest": "yes"}, r"alerts\[0\]\.digest"),
        ({"type": "webhook", "url": "https://x.example", "max_per_run": 0}, r"alerts\[0\]\.max_per_run"),
    ],
)
def test_bad_alert_channel_names_the_key(channel, key):
    with pytest.raises(ConfigError, match=key):
        parse_config({**GOOD, "alerts": [channel]})


def test_channel_secret_may_come_from_an_airflow_connection():
    cfg = parse_config({**GOOD, "alerts": [{"type": "slack", "conn_id": "slack_analysts"}]})
    assert cfg.alerts[0].conn_id == "slack_analysts" and cfg.alerts[0].url == ""
    with pytest.raises(ConfigError, match=r"^alerting\.story_windw_days: unknown key"):
        parse_config({**GOOD, "alerting": {"story_windw_days": 1}})


def test_health_thresholds_and_ops_channels():
    raw = {
        **GOOD,
        "health": {"quiet_runs": 6, "max_failure_rate": 0.3},
        "outlets": [{**GOOD["outlets"][0], "quiet_runs": 12}],
        "alerts": [*GOOD["alerts"], {"type": "webhook", "url": "https://x.example/h", "name": "desk", "ops": False}],
    }
    cfg = parse_config(raw, env={})
    assert (cfg.health.quiet_runs, cfg.health.max_failure_rate, cfg.health.max_fallback_share) == (6, 0.3, 0.5)
    assert cfg.outlets[0].quiet_runs == 12
    assert [c.ops for c in cfg.alerts] == [True, False]
    default = parse_config(GOOD, env={})
    assert default.health.quiet_runs == 4 and default.outlets[0].quiet_runs is None


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda c: c["outlets"][0].update(alowed_domains=c["outlets"][0].pop("allowed_domains")),
            "outlets[0].alowed_domains: unknown key (did you mean 'allowed_domains'?)",
        ),
        (lambda c: c["outlets"][0].pop("allowed_domains"), "outlets[0].allowed_domains: required, a non-empty list"),
        (
            lambda c: c["outlets"][0].update(allowed_domains=[]),
            "outlets[0].allowed_domains: required, a non-empty list",
        ),
        (
            lambda c: c["outlets"][0].pop("name"),
            "outlets[0].name: required, lowercase letters, digits, '-' or '_', got None",
        ),
        (lambda c: c["storage"].pop("bucket"), "storage.bucket: required, a valid bucket name, got None"),
        (lambda c: c.pop("storage"), "storage: must be a mapping, got NoneType"),
        (lambda c: c.update(outlets=[]), "outlets: required, a non-empty list of outlets"),
        (
            lambda c: c["alerts"][0].update(type="pager"),
            "alerts[0].type: must be one of webhook, slack, email, got 'pager'",
        ),
        (
            lambda c: c["outlets"][0].update(delay_seconds="fast"),
            "outlets[0].delay_seconds: must be a number, got 'fast'",
        ),
        (lambda c: c["outlets"][0].update(delay_seconds=True), "outlets[0].delay_seconds: must be a number, got True"),
        (lambda c: c["outlets"][0].update(max_pages=0), "outlets[0].max_pages: must be >= 1, got 0"),
        (lambda c: c["outlets"].append(dict(c["outlets"][0])), "outlets: duplicate outlet name 'asiae'"),
        (lambda c: c.update(crawl={"obey_robots": "no"}), "crawl.obey_robots: must be true or false, got 'no'"),
        (lambda c: c.update(detect={"taxnomy": "x.yaml"}), "detect.taxnomy: unknown key (did you mean 'taxonomy'?)"),
        (
            lambda c: c["storage"].update(access_key="AKIA"),
            "storage.access_key: unknown key (allowed: bucket, endpoint_url, prefix, region)",
        ),
        (lambda c: c.update(source="x.yaml"), "source: unknown key (did you mean 'storage'?)"),
    ],
)
def test_error_lines_keep_todays_contract(mutate, message):
    """The exact one-line messages the CLI prints (exit 2), whatever validates underneath."""
    import copy

    raw = copy.deepcopy(GOOD)
    mutate(raw)
    with pytest.raises(ConfigError) as err:
        parse_config(raw, env={})
    assert str(err.value) == message


def test_defaults_live_once_in_the_models():
    """A record built in code and the same record from the file come out equal."""
    from newsmon.config import AlertingConfig, CrawlConfig, HealthPolicy, Outlet
    from newsmon.health import HealthPolicy as HealthPolicyFromHealth
    from newsmon.records import Outlet as OutletFromRecords

    assert OutletFromRecords is Outlet and HealthPolicyFromHealth is HealthPolicy
    cfg = parse_config({**GOOD, "outlets": [{"name": "asiae", "allowed_domains": ["asiae.co.kr"]}]}, env={})
    assert cfg.outlets[0] == Outlet(name="asiae", allowed_domains=("asiae.co.kr",))
    assert (cfg.outlets[0].profile, cfg.outlets[0].robots_sitemaps, cfg.outlets[0].max_pages) == ("asiae", True, 200)
    assert (cfg.crawl, cfg.alerting, cfg.health) == (CrawlConfig(), AlertingConfig(), HealthPolicy())
    with_feed = Outlet(name="x", feeds=("https://x.example/rss",), allowed_domains=("x.example",))
    assert (with_feed.robots_sitemaps, with_feed.profile) == (False, "generic")


def test_models_built_in_code_are_validated_too():
    from dataclasses import replace

    from pydantic import ValidationError

    from newsmon.config import CrawlConfig, Outlet

    outlet = Outlet(name="x", allowed_domains=("X.Example.",))
    assert outlet.allowed_domains == ("x.example",)
    with pytest.raises(ValidationError):
        replace(outlet, delay_seconds=-1)
    with pytest.raises(ValidationError):
        Outlet(name="x", allowed_domains=("x.example",), delay=1)  # unknown key
    with pytest.raises(ValidationError):
        CrawlConfig(retries=0)
    assert replace(outlet, max_pages=5000).max_pages == 5000


def test_region_and_keys_come_from_the_environment():
    env = {"AWS_DEFAULT_REGION": "eu-west-1", "AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s"}
    storage = parse_config(GOOD, env=env).storage
    assert (storage.region, storage.access_key, storage.secret_key) == ("eu-west-1", "k", "s")
    assert "access_key" not in repr(storage) and "secret_key" not in repr(storage)
    file_region = parse_config({**GOOD, "storage": {**GOOD["storage"], "region": "ap-northeast-2"}}, env=env)
    assert file_region.storage.region == "ap-northeast-2"  # the file's value wins over AWS_DEFAULT_REGION
    assert parse_config(GOOD, env={}).storage.region == "us-east-1"


def test_env_defaults_and_email_port_follow_tls():
    raw = {
        **GOOD,
        "storage": {"endpoint_url": "${S3:-http://127.0.0.1:9000}", "bucket": "newsmon", "prefix": "/lake/"},
        "alerts": [{"type": "email", "host": "h", "sender": "n@x", "to": "a@x", "tls": "ssl"}],
    }
    cfg = parse_config(raw, env={"S3": ""})  # an empty variable counts as unset
    assert (cfg.storage.endpoint_url, cfg.storage.prefix) == ("http://127.0.0.1:9000", "lake")
    assert (cfg.alerts[0].port, cfg.alerts[0].to, cfg.alerts[0].name) == (465, ("a@x",), "email[0]")


def test_a_numeric_smtp_password_is_text():
    channel = {"type": "email", "host": "h", "sender": "n@x", "to": ["a@x"], "username": "u", "password": 1234}
    assert parse_config({**GOOD, "alerts": [channel]}, env={}).alerts[0].password == "1234"
