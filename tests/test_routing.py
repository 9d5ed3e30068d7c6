"""Routing rules: what each key lets through, and the errors that name the key."""

from __future__ import annotations

import pytest

from newsmon.alert.routing import Route, RouteError, check_topics, parse_route

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
        ({"topics": []}, "alerts[1].topics: must be a non-empty list"),
        ({"kinds": ["truce"]}, "alerts[1].kinds: unknown kind 'truce'"),
        ({"min_confidence": "high"}, "alerts[1].min_confidence: must be a number"),
        ({"min_confidence": True}, "alerts[1].min_confidence: must be a number"),
        ({"changes_only": 1}, "alerts[1].changes_only: must be true or false"),
        ({"languages": [""]}, "alerts[1].languages: must be a non-empty list"),
    ],
)
def test_bad_rules_name_the_key(rule, message):
    with pytest.raises(RouteError, match="^" + message.replace("[", r"\[").replace("]", r"\]")):
        parse_route(rule, "alerts[1]")


def test_unknown_topic_names_the_key():
    with pytest.raises(RouteError, match=r"^alerts\[2\]\.topics: unknown topic id 'tiawan'"):
        check_topics(Route(topics=("taiwan", "tiawan")), "alerts[2]", {"taiwan", "fentanyl"})


def test_routing_brief_and_report_keys_are_pinned():
    from newsmon import keys

    assert keys.skipped("taiwan desk", "k") == "alerts/skipped/taiwan_desk/k.json"
    assert keys.brief("desk", "2026-11-11") == "alerts/brief/desk/2026-11-11.json"
    assert keys.brief_sent("desk", "2026-11-11") == "alerts/brief/desk/2026-11-11.sent.json"
    assert keys.briefed("desk", "k") == "alerts/briefed/desk/k.json"
    assert keys.report_page(keys.report_dated("2026-11-11"), "index.html") == "reports/dt=2026-11-11/index.html"
    assert keys.report_page(keys.REPORTS_LATEST, "topic-a b.html") == "reports/latest/topic-a_b.html"
