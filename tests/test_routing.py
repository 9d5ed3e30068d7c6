"""Routing rules: what each key lets through, and the errors that name the key."""

from __future__ import annotations

import pytest

from newsmon.alert.routing import Route
from newsmon.config import ConfigError, parse_config

BASE = {
    "storage": {"bucket": "abc"},
    "outlets": [{"name": "asiae", "feeds": ["http://x.example/r"], "allowed_domains": ["x.example"]}],
}


def parse_route(rule: dict, key: str = "") -> Route:
    """The Route of a webhook channel with ``rule``, through the real config models."""
    channels = [{"type": "webhook", "url": "http://127.0.0.1:9/h"}] * 2 + [
        {"type": "webhook", "url": "http://a/b", **rule}
    ]
    return Route.of(parse_config({**BASE, "alerts": channels}, env={}).alerts[2])


EVENT = {
    "topic": "taiwan",
    "kind": "dispute",
    "confidence": 0.72,
    "outlet": "asiae",
    "outlets": ["asiae", "asiae-en"],
    "lang": "ko",
    "change": False,
    "title": "미중 대만 갈등",
    "evidence": "",
}


@pytest.mark.parametrize(
    ("rule", "passes"),
    [
        ({}, True),
        ({"topics": ["taiwan", "fentanyl"]}, True),
        ({"topics": ["fentanyl"]}, False),
        ({"kinds": ["dispute"]}, True),
        ({"kinds": ["agreement"]}, False),
        ({"min_confidence": 0.72}, True),
        ({"min_confidence": 0.73}, False),
        ({"outlets": ["asiae-en"]}, True),  # any outlet of the story
        ({"outlets": ["reuters"]}, False),
        ({"languages": ["ko"]}, True),
        ({"languages": ["en"]}, False),
        ({"changes_only": True}, False),
        ({"topics": ["taiwan"], "kinds": ["dispute"], "min_confidence": 0.7}, True),
    ],
)
def test_each_rule(rule, passes):
    assert parse_route(rule, "alerts[0]").matches(EVENT) is passes


def test_changes_only_passes_a_flip_and_language_is_guessed_without_lang():
    route = Route(changes_only=True, languages=("ko",))
    assert route.matches({**EVENT, "change": True})
    assert route.matches({**EVENT, "change": True, "lang": None})  # Hangul in the title
    assert not route.matches({**EVENT, "change": True, "lang": None, "title": "US-China clash"})


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"topics": ["taiwan", "tiawan"]}, "alerts[2].topics: unknown topic id 'tiawan'"),
        ({"kinds": ["truce"]}, "alerts[2].kinds[0]: must be one of 'agreement' or 'dispute'"),
        ({"min_confidence": "high"}, "alerts[2].min_confidence: must be a number"),
        ({"min_confidence": True}, "alerts[2].min_confidence: must be a number"),
        ({"min_confidence": -0.1}, "alerts[2].min_confidence: must be >= 0"),
        ({"changes_only": 1}, "alerts[2].changes_only: must be true or false"),
        ({"languages": [""]}, "alerts[2].languages[0]: must be a non-empty string"),
        ({"brief": {"at": "25:00"}}, "alerts[2].brief.at: must be HH:MM"),
        ({"brief": {"tz": "Asia/Seul"}}, "alerts[2].brief.tz: unknown time zone 'Asia/Seul'"),
        ({"brief": "08:00"}, "alerts[2].brief: must be a mapping"),
    ],
)
def test_bad_rules_name_the_key(rule, message):
    with pytest.raises(ConfigError) as err:
        parse_route(rule)
    assert str(err.value).startswith(message), str(err.value)


def test_brief_defaults_and_due_time():
    from datetime import UTC, datetime

    channels = [{"type": "webhook", "url": "http://a/b", "brief": {}}]
    brief = parse_config({**BASE, "alerts": channels}, env={}).alerts[0].brief
    assert (brief.at, brief.tz) == ("08:00", "Asia/Seoul")
    assert not brief.due(datetime(2026, 11, 10, 22, 59, tzinfo=UTC))  # 07:59 in Seoul
    assert brief.due(datetime(2026, 11, 10, 23, 0, tzinfo=UTC))
    assert str(brief.day(datetime(2026, 11, 10, 23, 0, tzinfo=UTC))) == "2026-11-11"


def test_routing_brief_and_report_keys_are_pinned():
    from newsmon import keys

    assert keys.skipped("taiwan desk", "k") == "alerts/skipped/taiwan_desk/k.json"
    assert keys.brief("desk", "2026-11-11") == "alerts/brief/desk/2026-11-11.json"
    assert keys.brief_sent("desk", "2026-11-11") == "alerts/brief/desk/2026-11-11.sent.json"
    assert keys.briefed("desk", "k") == "alerts/briefed/desk/k.json"
    assert keys.report_page(keys.report_dated("2026-11-11"), "index.html") == "reports/dt=2026-11-11/index.html"
    assert keys.report_page(keys.REPORTS_LATEST, "topic-a b.html") == "reports/latest/topic-a_b.html"
