"""Routing rules per channel: which events a channel gets (single alerts and briefs alike).

Keys on any ``alerts[]`` channel, all optional (absent = no restriction)::

    topics: [taiwan, export_controls]   # topic ids of the taxonomy; an unknown id is a config error
                                        # (the keys are validated in newsmon.config.AlertChannel)
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
from dataclasses import dataclass

from newsmon.config import AlertChannel

_HANGUL = re.compile(r"[\uac00-\ud7a3]")


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

    @classmethod
    def of(cls, channel: AlertChannel) -> Route:
        """The rules configured on ``channel`` (validated by newsmon.config)."""
        return cls(
            topics=tuple(channel.topics),
            kinds=tuple(channel.kinds),
            min_confidence=channel.min_confidence,
            outlets=tuple(channel.outlets),
            languages=tuple(channel.languages),
            changes_only=channel.changes_only,
        )

    def matches(self, payload: dict) -> bool:
        """True when ``payload`` goes to the channel."""
        return self.reason(payload) is None


def guess_lang(payload: dict) -> str:
    """``ko`` when the title or evidence has Hangul, else ``en`` (for events whose article is gone)."""
    return "ko" if _HANGUL.search(f"{payload.get('title', '')}{payload.get('evidence', '')}") else "en"
