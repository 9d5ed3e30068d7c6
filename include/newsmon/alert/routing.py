"""Routing rules per channel: which events a channel gets (single alerts and briefs alike).

Keys on any ``alerts[]`` channel, all optional (absent = no restriction)::

    topics: [taiwan, export_controls]   # topic ids of the taxonomy; an unknown id is a config error
    kinds: [dispute]                    # agreement | dispute
    min_confidence: 0.7                 # 0..1
    outlets: [asiae, asiae-en]          # outlet names (of the event's best report)
    languages: [ko]                     # language of the reporting article (ko, en, ...)
    changes_only: true                  # only label flips (a story's kind on a topic changed)

An event a channel's rules turn away is recorded as skipped for that channel
(``alerts/skipped/<channel>/<key>.json``), beside its ledger, and never offered to it again:
so a rule that later widens applies to new events only and never resends history, and a
``changes_only`` channel still knows the first kind of a story it was never sent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

ROUTE_KEYS = {"topics", "kinds", "min_confidence", "outlets", "languages", "changes_only"}
KINDS = ("agreement", "dispute")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


class RouteError(ValueError):
    """A routing rule is wrong; the message starts with the key."""


@dataclass(frozen=True)
class Route:
    """A channel's rules; the default passes everything."""

    topics: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    min_confidence: float = 0.0
    outlets: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    changes_only: bool = False

    def reason(self, payload: dict) -> str | None:
        """Why ``payload`` does not go to the channel, or None when it does."""
        checks = (
            (self.topics, payload.get("topic"), "topic"),
            (self.kinds, payload.get("kind"), "kind"),
            (self.languages, payload.get("lang") or guess_lang(payload), "language"),
        )
        for allowed, value, what in checks:
            if allowed and value not in allowed:
                return f"{what} {value!r} not in {list(allowed)}"
        if self.outlets and not set(payload.get("outlets") or [payload.get("outlet")]) & set(self.outlets):
            return f"outlets {payload.get('outlets')} not in {list(self.outlets)}"
        if float(payload.get("confidence") or 0.0) < self.min_confidence:
            return f"confidence {payload.get('confidence')} < {self.min_confidence}"
        if self.changes_only and not payload.get("change"):
            return "not a label flip"
        return None

    def matches(self, payload: dict) -> bool:
        """True when ``payload`` goes to the channel."""
        return self.reason(payload) is None


def guess_lang(payload: dict) -> str:
    """``ko`` when the title or evidence has Hangul, else ``en`` (for events whose article is gone)."""
    return "ko" if _HANGUL.search(f"{payload.get('title', '')}{payload.get('evidence', '')}") else "en"


def parse_route(m: dict[str, Any], key: str) -> Route:
    """The routing keys of channel mapping ``m`` (config key ``key``), checked; topics later."""
    kwargs: dict[str, Any] = {}
    for name in ("topics", "kinds", "outlets", "languages"):
        if name in m:
            kwargs[name] = _names(m[name], f"{key}.{name}")
    bad = [k for k in kwargs.get("kinds", ()) if k not in KINDS]
    if bad:
        raise RouteError(f"{key}.kinds: unknown kind {bad[0]!r} (one of {', '.join(KINDS)})")
    if "min_confidence" in m:
        value = m["min_confidence"]
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise RouteError(f"{key}.min_confidence: must be a number from 0 to 1, got {value!r}")
        kwargs["min_confidence"] = float(value)
    if "changes_only" in m:
        if not isinstance(m["changes_only"], bool):
            raise RouteError(f"{key}.changes_only: must be true or false")
        kwargs["changes_only"] = m["changes_only"]
    return Route(**kwargs)


def check_topics(route: Route, key: str, known: Iterable[str]) -> None:
    """RouteError naming ``key.topics`` when a topic id is not in the taxonomy."""
    known = set(known)
    for topic in route.topics:
        if topic not in known:
            raise RouteError(f"{key}.topics: unknown topic id {topic!r} (known: {', '.join(sorted(known))})")


def _names(value: Any, key: str) -> tuple[str, ...]:
    """A list of names (one name alone is a list of one); RouteError naming ``key`` otherwise."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise RouteError(f"{key}: must be a non-empty list of names")
    return tuple(v.strip() for v in value)
