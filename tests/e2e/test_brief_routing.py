"""The morning brief and routing rules, against SeaweedFS and real HTTP receivers on loopback.

Exactly once per (channel, day) for briefs and per (channel, event) for routed alerts, through a
receiver that fails and then recovers; routing applies to both; config errors name the key.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from e2e_helpers import newsmon
from report_lake import make_rows, write_lake
from support import WebhookReceiver

from newsmon.alert.brief import recent_rows, run_briefs
from newsmon.alert.delivery import deliver
from newsmon.config import ConfigError, parse_config

pytestmark = pytest.mark.e2e

NOW = datetime(2026, 11, 11, 0, 30, tzinfo=UTC)  # 09:30 in Seoul: the 08:00 brief is due
NO_SLEEP = lambda seconds: None  # noqa: E731


def _config(seaweed, bucket, channels):
    raw = {
        "storage": {"endpoint_url": seaweed.endpoint_url, "bucket": bucket},
        "outlets": [{"name": "asiae", "feeds": ["http://127.0.0.1:9/rss"], "allowed_domains": ["127.0.0.1"]}],
        "alerts": channels,
    }
    return parse_config(raw, env=seaweed.env())


def _want(events, **rule) -> set[tuple[str, str, str]]:
    """(story, topic, kind) of the events a rule lets through, computed from the rows themselves."""
    out = set()
    for e in events:
        if rule.get("topics") and e["topic"] not in rule["topics"]:
            continue
        if rule.get("kinds") and e["kind"] not in rule["kinds"]:
            continue
        out.add((f"id-{e['article_id'][-19:]}", e["topic"], e["kind"]))
    return out


def _briefed(hook) -> list[tuple[str, str, str]]:
    return [
        (s["story"], g["topic"], ev["kind"])
        for b in hook.received
        for g in b["topics"]
        for s in g["stories"]
        for ev in s["events"]
    ]


@pytest.fixture
def lake(store):
    articles, events = make_rows(date(2026, 11, 6), 4, 16)
    write_lake(store, articles, events)
    return articles, events


def test_brief_once_per_day_through_a_failing_then_recovering_receiver(store, seaweed, lake):
    _articles, events = lake
    with WebhookReceiver() as hook, WebhookReceiver() as routed:
        config = _config(
            seaweed,
            store.bucket,
            [
                {"type": "webhook", "name": "desk", "url": hook.url, "brief": {"at": "08:00", "tz": "Asia/Seoul"}},
                {
                    "type": "webhook",
                    "name": "taiwan-disputes",
                    "url": routed.url,
                    "brief": {"at": "08:00", "tz": "Asia/Seoul"},
                    "topics": ["taiwan"],
                    "kinds": ["dispute"],
                },
            ],
        )
        hook.fail_next = routed.fail_next = 99  # down for the whole first pass
        first = run_briefs(config, store, now=NOW, sleep=NO_SLEEP)
        assert [r.state for r in first] == ["failed", "failed"] and not hook.received
        hook.fail_next = routed.fail_next = 2  # answers 503 twice, then accepts
        second = run_briefs(config, store, now=NOW + timedelta(minutes=5), sleep=NO_SLEEP)
        assert [r.state for r in second] == ["sent", "sent"]
        for _ in range(2):  # a retry and a rerun the same day send nothing
            again = run_briefs(config, store, now=NOW + timedelta(hours=3), sleep=NO_SLEEP)
            assert [r.state for r in again] == ["already_sent", "already_sent"]
        nothing = run_briefs(config, store, now=NOW + timedelta(days=1), sleep=NO_SLEEP)
        assert [r.state for r in nothing] == ["nothing_new", "nothing_new"]

    assert len(hook.received) == 1 and len(routed.received) == 1
    assert hook.headers[0]["Idempotency-Key"] == "brief-desk-2026-11-11"
    got = _briefed(hook)
    assert len(got) == len(set(got)) and set(got) == _want(events)  # every event, once
    assert set(_briefed(routed)) == _want(events, topics=["taiwan"], kinds=["dispute"])
    flips = {(f["story"], f["topic"]) for f in hook.received[0]["flips"]}
    both = {(s, t) for s, t, k in got if (s, t, "agreement") in got and (s, t, "dispute") in got}
    assert flips == both and flips  # stories whose label flipped are listed
    assert all(
        "<script>" in ev["evidence"] for g in hook.received[0]["topics"] for s in g["stories"] for ev in s["events"]
    )


def test_new_events_go_into_the_next_days_brief_only(store, seaweed, lake):
    _articles, events = lake
    with WebhookReceiver() as hook:
        config = _config(seaweed, store.bucket, [{"type": "webhook", "name": "desk", "url": hook.url, "brief": {}}])
        assert run_briefs(config, store, now=NOW, sleep=NO_SLEEP)[0].state == "sent"
        articles2, events2 = make_rows(date(2026, 11, 11), 1, 40, seed=99)
        fresh = [e for e in events2 if int(e["article_id"][-19:]) - 2026_0000_0000_0000_000 >= 16]  # new stories
        keep = {(e["article_id"], e["version"]) for e in fresh}
        write_lake(store, [a for a in articles2 if (a["article_id"], a["version"]) in keep], fresh)
        later = run_briefs(config, store, now=NOW + timedelta(days=1, hours=1), sleep=NO_SLEEP)[0]
        assert later.state == "sent"
    first, second = (set(_briefed(type("H", (), {"received": [b]})())) for b in hook.received)
    assert first == _want(events) and not first & second
    assert second == _want(fresh)


def test_routing_single_alerts_once_per_channel_event(store, seaweed, lake):
    _articles, events = lake
    with WebhookReceiver() as everything, WebhookReceiver() as taiwan, WebhookReceiver() as flips:
        config = _config(
            seaweed,
            store.bucket,
            [
                {"type": "webhook", "name": "all", "url": everything.url},
                {"type": "webhook", "name": "taiwan", "url": taiwan.url, "topics": ["taiwan"], "min_confidence": 0.7},
                {"type": "webhook", "name": "flips", "url": flips.url, "changes_only": True, "languages": ["ko"]},
            ],
        )
        rows = recent_rows(config, NOW)
        first_version = [r for r in rows if r["version"] == 1]
        taiwan.fail_next = 99
        d1 = deliver(store, config.alerts, first_version, config.alerting, sleep=NO_SLEEP, now=NOW)
        assert d1.failed > 0 and not taiwan.received
        taiwan.fail_next = 1  # recovers
        deliver(store, config.alerts, rows, config.alerting, sleep=NO_SLEEP, now=NOW)
        deliver(store, config.alerts, rows, config.alerting, sleep=NO_SLEEP, now=NOW)  # a rerun
    ids = [m["id"] for m in taiwan.received]
    assert len(ids) == len(set(ids)) and ids
    assert all(m["topic"] == "taiwan" and m["confidence"] >= 0.7 for m in taiwan.received)
    want_taiwan = {(f"id-{e['article_id'][-19:]}", e["topic"], e["kind"]) for e in events if e["topic"] == "taiwan"}
    assert {(m["story"], m["topic"], m["kind"]) for m in taiwan.received} <= want_taiwan
    assert flips.received and all(m["change"] and m["lang"] == "ko" for m in flips.received)
    assert len({m["id"] for m in flips.received}) == len(flips.received)
    assert len(everything.received) == len({m["id"] for m in everything.received}) == len(_want(events))


def test_routing_and_brief_config_errors_name_the_key(seaweed):
    hook = {"type": "webhook", "url": "http://127.0.0.1:9/h"}
    for extra, key in [
        ({"topics": ["taiwan", "tiawan"]}, "alerts[0].topics: unknown topic id 'tiawan'"),
        ({"kinds": ["truce"]}, "alerts[0].kinds[0]: must be one of 'agreement' or 'dispute'"),
        ({"min_confidence": 1.5}, "alerts[0].min_confidence"),
        ({"changes_only": "yes"}, "alerts[0].changes_only"),
        ({"brief": {"at": "8am"}}, "alerts[0].brief.at"),
        ({"brief": {"tz": "Mars/Olympus"}}, "alerts[0].brief.tz"),
        ({"brief": {"when": "08:00"}}, "alerts[0].brief.when: unknown key"),
        ({"topic": ["taiwan"]}, "alerts[0].topic"),
    ]:
        with pytest.raises(ConfigError) as err:
            _config(seaweed, "x-bucket", [{**hook, **extra}])
        assert str(err.value).startswith(key), (extra, str(err.value))


def test_cli_brief_sends_now_and_then_nothing(store, seaweed, tmp_path, s3_env):
    yesterday = datetime.now(UTC).date() - timedelta(days=1)
    articles, events = make_rows(yesterday, 1, 6)
    write_lake(store, articles, events)
    with WebhookReceiver() as hook:
        cfg = tmp_path / "c.yaml"
        cfg.write_text(
            json.dumps(
                {
                    "storage": {"endpoint_url": seaweed.endpoint_url, "bucket": store.bucket},
                    "outlets": [{"name": "asiae", "feeds": ["http://127.0.0.1:9/r"], "allowed_domains": ["127.0.0.1"]}],
                    "alerts": [
                        {"type": "webhook", "name": "desk", "url": hook.url, "brief": {"at": "23:59", "tz": "UTC"}}
                    ],
                }
            )
        )
        sent = newsmon("brief", "--config", str(cfg), env=s3_env)  # now, whatever `at` says
        assert sent.returncode == 0, sent.stderr
        assert f"brief desk {datetime.now(UTC).date()}: sent ({len(_want(events))} events" in sent.stdout
        again = newsmon("brief", "--config", str(cfg), "--json", env=s3_env)
        assert again.returncode == 0 and json.loads(again.stdout)[0]["state"] == "already_sent"
    assert len(hook.received) == 1 and set(_briefed(hook)) == _want(events)


def test_brief_on_slack_and_email_through_failing_receivers(store, seaweed, lake, tmp_path):
    from receivers import SlackReceiver, SmtpReceiver

    _articles, events = lake
    with SlackReceiver() as slack, SmtpReceiver(tmp_path) as smtp:
        brief = {"at": "08:00", "tz": "Asia/Seoul"}
        config = _config(
            seaweed,
            store.bucket,
            [
                {"type": "slack", "name": "slack", "url": slack.url, "brief": brief},
                {
                    "type": "email",
                    "name": "mail",
                    "host": "127.0.0.1",
                    "port": smtp.port,
                    "username": smtp.USER,
                    "password": smtp.PASSWORD,
                    "sender": "newsmon@example.org",
                    "to": ["desk@example.org"],
                    "ca_file": str(smtp.cert),
                    "brief": brief,
                    "kinds": ["agreement"],
                },
            ],
        )
        slack.fail_next, smtp.fail_next = 2, 1  # both recover within the pass
        for _ in range(3):  # the pass, a retry and a rerun
            run_briefs(config, store, now=NOW, sleep=NO_SLEEP)
    assert slack.rejected == [] and len(slack.received) == 1 and len(smtp.messages) == 1
    raw = str(slack.received[0])
    assert "<script>" not in raw and "&lt;script&gt;" in raw
    mail = smtp.messages[0]
    assert mail["X-Newsmon-Brief-Id"] == "brief-mail-2026-11-11"
    text = mail.get_body(("plain",)).get_content()
    agreements = {(s, t) for s, t, k in _want(events, kinds=["agreement"])}
    assert text.count("\n* ") == len(agreements)  # one line per story with an agreement
    assert "dispute " not in text.replace("(was dispute)", "")
