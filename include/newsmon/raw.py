"""The raw archive: every HTTP exchange of a run as WARC records (warcio), and reading them back.

Each page that got an HTTP response becomes a ``request`` and a ``response`` record (ISO 28500),
so the archive opens in any WARC tool. Pages stored as an article version carry three extra
headers on the response record, which is what lets ``newsmon reprocess --from-raw`` rebuild the
derived tables without the network and without renumbering versions::

    WARC-Newsmon-Article-Id: asiae-ko-2025110710300048213
    WARC-Newsmon-Version: 1
    WARC-Newsmon-Feed-Published: 2025-11-07T01:30:00+00:00   (when the feed gave a date)
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsmon.records import Page

ARTICLE_ID = "WARC-Newsmon-Article-Id"
VERSION = "WARC-Newsmon-Version"
FEED_PUBLISHED = "WARC-Newsmon-Feed-Published"
# The archive keeps the decoded body (what extraction saw), so headers about the wire form go.
_DROP_HEADERS = ("content-encoding", "transfer-encoding", "content-length")


@dataclass
class Note:
    """What became of a fetched page: the article version it was stored (or matched) as."""

    article_id: str
    version: int
    feed_published: datetime | None = None


@dataclass
class Capture:
    """One archived response with its note, as read back from a WARC."""

    url: str
    status: int
    headers: dict[str, str]
    content: bytes
    fetched_at: datetime
    note: Note | None


def warc_bytes(pages: list[Page], notes: dict[int, Note], user_agent: str = "newsmon") -> bytes:
    """A gzipped WARC of every page that got a response; ``notes`` maps ``id(page)`` to its note."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True, warc_version="1.1")
    count = 0
    for page in pages:
        if page.status is None:
            continue  # no HTTP exchange happened (robots, allow-list, network error)
        count += 1
        date = _warc_date(page.fetched_at)
        parts = urlsplit(page.final_url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        req_headers = StatusAndHeaders(
            f"GET {path} HTTP/1.1", [("Host", parts.netloc), ("User-Agent", user_agent)], is_http_request=True
        )
        request = writer.create_warc_record(
            page.final_url, "request", http_headers=req_headers, warc_headers_dict={"WARC-Date": date}
        )
        headers = [(k, v) for k, v in page.headers.items() if k.lower() not in _DROP_HEADERS]
        reason = "OK" if page.ok else page.error
        resp_headers = StatusAndHeaders(f"{page.status} {reason}", headers, protocol="HTTP/1.1")
        extra = {"WARC-Date": date}
        note = notes.get(id(page))
        if note is not None:
            extra[ARTICLE_ID] = note.article_id
            extra[VERSION] = str(note.version)
            if note.feed_published is not None:
                extra[FEED_PUBLISHED] = note.feed_published.astimezone(UTC).isoformat()
        response = writer.create_warc_record(
            page.final_url,
            "response",
            payload=io.BytesIO(page.content),
            length=len(page.content),
            http_headers=resp_headers,
            warc_headers_dict=extra,
        )
        writer.write_record(request)
        writer.write_record(response)
    return buf.getvalue() if count else b""


def read_captures(data: bytes) -> Iterator[Capture]:
    """Every response record of a WARC, oldest first as written."""
    from warcio.archiveiterator import ArchiveIterator

    for record in ArchiveIterator(io.BytesIO(data)):
        if record.rec_type != "response":
            continue
        wh = record.rec_headers
        note = None
        if wh.get_header(ARTICLE_ID):
            fp = wh.get_header(FEED_PUBLISHED)
            feed = datetime.fromisoformat(fp) if fp else None
            note = Note(wh.get_header(ARTICLE_ID), int(wh.get_header(VERSION)), feed)
        http = record.http_headers
        yield Capture(
            url=wh.get_header("WARC-Target-URI"),
            status=int(http.get_statuscode()),
            headers=dict(http.headers),
            content=record.content_stream().read(),
            fetched_at=datetime.fromisoformat(wh.get_header("WARC-Date").replace("Z", "+00:00")),
            note=note,
        )


def _warc_date(when: datetime) -> str:
    """WARC/1.1 date with microseconds, so a capture keeps its exact fetch time."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
