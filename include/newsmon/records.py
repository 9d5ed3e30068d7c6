"""Typed records that flow one way through the pipeline.

config ─► Outlet ─► discover ─► Candidate ─► fetch ─► Page ─► extract ─► Article
       ─► detect ─► Finding ─► store (tables) ─► alert (the webhook payload: Event.record + story)

Each stage takes the record of the stage before it and returns its own; no stage reaches back.
All timestamps are timezone-aware UTC ``datetime`` objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsmon.config import Outlet

__all__ = ["Article", "Candidate", "Event", "Finding", "Outlet", "Page"]


def __getattr__(name: str) -> Any:
    """``Outlet``: one news outlet as configured, declared (keys, defaults, checks) with the config
    models in newsmon.config and importable from here as before. Imported on first use, so that
    extraction and detection (``newsmon analyze``) do not load pydantic and the config models."""
    if name == "Outlet":
        from newsmon.config import Outlet

        return Outlet
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class Candidate:
    """An article address found by discovery, with what the feed said about it."""

    url: str
    outlet: str
    source: str  # "feed:<url>" or "sitemap:<url>"
    title: str | None = None
    published_at: datetime | None = None


@dataclass
class Page:
    """The result of one HTTP fetch: either a decoded HTML page or an error reason."""

    url: str  # the address asked for
    final_url: str  # after redirects
    status: int | None  # HTTP status, None when no response arrived
    fetched_at: datetime
    elapsed_ms: int
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes = b""
    text: str = ""
    encoding: str | None = None
    error: str | None = None  # machine-readable reason ("http_404", "too_large", ...) when not ok

    @property
    def ok(self) -> bool:
        """True when the page holds decoded HTML to extract from."""
        return self.error is None


@dataclass
class Article:
    """A clean article: what extraction makes of one page."""

    article_id: str
    url: str
    outlet: str
    title: str
    body: str
    lang: str
    published_at: datetime | None
    crawled_at: datetime
    summary: tuple[str, ...] = ()
    author: str | None = None
    updated_at: datetime | None = None
    source_id: str | None = None  # the outlet's own article id, when it has one
    extraction_method: str = "generic"  # "profile" | "generic" | "fallback"


@dataclass(frozen=True)
class Event:
    """An agreement or dispute on one topic, proven by one sentence."""

    topic: str
    kind: str  # "agreement" | "dispute"
    evidence: str
    terms: tuple[str, ...] = ()
    cue: str = ""
    actors: tuple[str, ...] = ()
    confidence: float = 0.5
    sentence_index: int = 0  # position of the evidence in title + deck + body sentences, from 0

    def record(self) -> dict:
        """The one serialisation of an event (``EVENT_FIELDS``): the ``events`` rows, ``newsmon
        analyze`` and the webhook payload all start from it."""
        return {
            "topic": self.topic,
            "kind": self.kind,
            "evidence": self.evidence,
            "terms": list(self.terms),
            "cue": self.cue,
            "actors": list(self.actors),
            "confidence": self.confidence,
        }


# The fields of an event, in every place an event is written out.
EVENT_FIELDS = ("topic", "kind", "evidence", "terms", "cue", "actors", "confidence")


@dataclass
class Finding:
    """What detection found in one article."""

    article_id: str
    topics: dict[str, tuple[str, ...]]  # topic id -> matched terms
    events: list[Event]

    @property
    def topic_ids(self) -> list[str]:
        """The topic ids, sorted for stable output."""
        return sorted(self.topics)
