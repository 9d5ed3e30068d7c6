"""Every object key newsmon writes, and the one rule that makes a name safe inside a key.

No other module formats a key: they call these functions, so the layout below is the whole
truth about where things live in the bucket (under the configured ``storage.prefix``)::

    articles/outlet=NAME/dt=YYYY-MM-DD/<article_id>-v<version>.parquet   dt: publish date, UTC
    events/…, mentions/…   the same path as the article version they belong to
    fetches/outlet=NAME/dt=YYYY-MM-DD/<run_id>-p<part>-<sha16>.parquet   dt: crawl date, UTC
    raw/outlet=NAME/dt=YYYY-MM-DD/<run_id>-p<part>-<sha16>.warc.gz       dt: crawl date, UTC
    runs/outlet=NAME/dt=YYYY-MM-DD/<run_id>.parquet                      dt: crawl date, UTC
    <table>/outlet=NAME/dt=YYYY-MM-DD/part-<sha16>.parquet               after compaction
    _state/index/outlet=NAME.parquet     what is stored: article_id, version, fingerprint, urls
    _state/feeds/outlet=NAME.json        feed validators (ETag, Last-Modified) of the last full pass
    _state/health/outlet=NAME.json       the outlet's health conditions and unsent ops notices
    _state/unreadable/<key>-<UTC time>   a state object that could not be read, kept for a person
    _state/ready                         written once by ``newsmon store start``
    alerts/outbox/<outlet>/<run_id>.json      events objects a crawl wrote, until alerted
    alerts/sent/<channel>/<alert_id>.json     the ledger: written after the channel accepted
    alerts/pending/<channel>/<alert_id>.json  a delivery that failed, retried by later passes
    alerts/stories.json                       the story book

Keys derive from the data, so a retried task writes the same keys (or nothing) again. Changing a
function here changes where existing lakes are read: the layout is part of the contract
(``docs/schema.md``), and ``tests/test_keys.py`` pins it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

# The one key-safe rule: letters, digits and ``._=-`` stay, any other run becomes ``_``. Outlet
# names are already ``[a-z0-9_-]`` (config enforces it), so for them this changes nothing; it
# guards ids, run ids and channel names from ``/``, spaces and non-ASCII.
_UNSAFE = re.compile(r"[^A-Za-z0-9._=-]+")
# S3 allows 1,024-byte keys; one segment of 200 leaves room for the rest of the path.
MAX_SEGMENT = 200

STATE = "_state/"
OUTBOX = "alerts/outbox/"
STORY_BOOK = "alerts/stories.json"
READY = "_state/ready"

_PARTITION = re.compile(r"^(?P<table>[^/]+)/outlet=(?P<outlet>[^/]+)/dt=(?P<dt>\d{4}-\d{2}-\d{2})/(?P<name>[^/]+)$")
_VERSION_NAME = re.compile(r"^(?P<id>.+)-v(?P<version>\d+)\.parquet$")


def safe(value: str) -> str:
    """``value`` made safe for one key segment (the only such rule in newsmon)."""
    return _UNSAFE.sub("_", value)[:MAX_SEGMENT]


def partition_date(when: datetime | None, fallback: datetime) -> str:
    """``YYYY-MM-DD`` of ``when`` in UTC, else of ``fallback``."""
    return (when or fallback).astimezone(UTC).strftime("%Y-%m-%d")


# --- tables --------------------------------------------------------------------------------


def table_prefix(table: str, outlet: str | None = None) -> str:
    """``<table>/`` or ``<table>/outlet=NAME/``: where to list a table (or one outlet's part)."""
    return f"{table}/" + (f"outlet={safe(outlet)}/" if outlet else "")


def partition(table: str, outlet: str, dt: str) -> str:
    """``<table>/outlet=NAME/dt=YYYY-MM-DD/``."""
    return f"{table_prefix(table, outlet)}dt={dt}/"


def article_version(table: str, outlet: str, dt: str, article_id: str, version: int) -> str:
    """Key of one article version's object in ``articles``, ``events`` or ``mentions``."""
    return f"{partition(table, outlet, dt)}{safe(article_id)}-v{version}.parquet"


def sibling(key: str, table: str) -> str:
    """The key of the same article version in another table (``articles/…`` -> ``events/…``)."""
    return table + "/" + key.split("/", 1)[1]


def run_part(table: str, outlet: str, dt: str, run_id: str, part: int, digest: str, ext: str) -> str:
    """Key of one batch of a run's ``fetches`` rows or ``raw`` archive.

    Run id and part number make a run's keys distinct and sortable; the content digest means a
    retried attempt (same run id and parts, other pages) writes beside the first attempt's
    objects instead of over them, and rewriting identical content is a no-op.
    """
    return f"{partition(table, outlet, dt)}{safe(run_id)}-p{part:05d}-{digest}.{ext}"


def run_row(outlet: str, dt: str, run_id: str) -> str:
    """Key of one run's ``runs`` row for one outlet."""
    return f"{partition('runs', outlet, dt)}{safe(run_id)}.parquet"


def compacted(table: str, outlet: str, dt: str, digest: str) -> str:
    """Key of a compacted partition object, named by the hash of its bytes."""
    return f"{partition(table, outlet, dt)}part-{digest}.parquet"


def parse_partition(key: str) -> dict[str, str] | None:
    """``{table, outlet, dt, name}`` of a table key, or None when the key is not one."""
    m = _PARTITION.match(key)
    return m.groupdict() if m else None


def parse_version(name: str) -> tuple[str, int] | None:
    """(safe article id, version) from an article-version object name, else None (compacted)."""
    m = _VERSION_NAME.match(name)
    return (m["id"], int(m["version"])) if m else None


# --- state ----------------------------------------------------------------------------------


def index(outlet: str) -> str:
    """Key of an outlet's index of stored articles."""
    return f"{STATE}index/outlet={safe(outlet)}.parquet"


def feed_validators(outlet: str) -> str:
    """Key of an outlet's feed validators."""
    return f"{STATE}feeds/outlet={safe(outlet)}.json"


def health(outlet: str) -> str:
    """Key of an outlet's health state."""
    return f"{STATE}health/outlet={safe(outlet)}.json"


def unreadable(key: str, when: datetime) -> str:
    """Where an unreadable state object is kept for a person before a default replaces it."""
    return f"{STATE}unreadable/{key}-{when.astimezone(UTC):%Y%m%dT%H%M%S%fZ}"


# --- alerts ---------------------------------------------------------------------------------


def outbox(outlet: str, run_id: str) -> str:
    """Key of the outbox entry of one outlet's run."""
    return f"{OUTBOX}{safe(outlet)}/{safe(run_id)}.json"


def sent(channel: str, alert_id: str) -> str:
    """Ledger key: the alert ``alert_id`` was accepted by ``channel``."""
    return f"alerts/sent/{safe(channel)}/{alert_id}.json"


def pending_prefix(channel: str) -> str:
    """Where a channel's failed deliveries wait."""
    return f"alerts/pending/{safe(channel)}/"


def pending(channel: str, alert_id: str) -> str:
    """Key of one failed delivery waiting for the next pass."""
    return f"{pending_prefix(channel)}{alert_id}.json"
