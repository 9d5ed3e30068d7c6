"""A fixture outlet that changes while a test runs: a feed that gains items, pages that get edited.

Both answer conditional GETs the way real CMSs behind a CDN do: an ``ETag`` derived from the
content, ``304 Not Modified`` when ``If-None-Match`` matches it.
"""

from __future__ import annotations

import hashlib
import threading
from datetime import UTC, datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:16] + '"'


def _answer(handler, body: bytes, ctype: str) -> None:
    """200 with an ETag, or 304 when the client already holds this body."""
    tag = _etag(body)
    if handler.headers.get("If-None-Match") == tag:
        handler.send_response(304)
        handler.send_header("ETag", tag)
        handler.end_headers()
        return
    handler.send_response(200)
    handler.send_header("Content-Type", ctype)
    handler.send_header("ETag", tag)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


class LiveFeed:
    """An RSS feed route whose items the test adds (``add``); counts the requests it answers."""

    def __init__(self) -> None:
        self.base = ""
        self.items: list[tuple[str, str, datetime]] = []  # (path, title, published)
        self.hits = 0
        self._lock = threading.Lock()

    def add(self, path: str, title: str, when: datetime | None = None) -> None:
        """Publish an item linking to ``path`` on the site."""
        with self._lock:
            self.items.insert(0, (path, title, when or datetime.now(UTC)))

    def render(self) -> bytes:
        """The feed as it stands."""
        with self._lock:
            items = list(self.items)
        parts = [
            f"<item><title>{escape(t)}</title><link>{self.base}{p}</link><guid>{self.base}{p}</guid>"
            f"<pubDate>{format_datetime(w)}</pubDate></item>"
            for p, t, w in items
        ]
        xml = f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>live</title>{"".join(parts)}'
        return (xml + "</channel></rss>").encode()

    def __call__(self, handler) -> None:
        self.hits += 1
        _answer(handler, self.render(), "application/rss+xml")


class EditablePage:
    """A page route serving a fixture page, or ``body`` once the test has edited it."""

    def __init__(self, site, path: str) -> None:
        self.site, self.path = site, path
        self.body: bytes | None = None
        self.hits = 0

    def __call__(self, handler) -> None:
        self.hits += 1
        body = self.body if self.body is not None else self.site.resolve(self.path)[0]
        _answer(handler, body, "text/html; charset=utf-8")
