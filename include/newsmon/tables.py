"""The lake's rows: one builder per table, parquet bytes, and the writes that keep keys idempotent.

Schemas are in :mod:`newsmon.schema`, keys in :mod:`newsmon.keys`. An article version has exactly
one key, written only when absent, so a retried task or a rerun writes the same key or nothing;
each object is one PUT, so a reader sees all of it or none.

``Event.record`` (newsmon.records) is the one serialisation of a detected event: the ``events``
rows, the ``newsmon analyze`` output and the webhook payload all start from it.
"""

from __future__ import annotations

import hashlib
import io
from datetime import datetime
from typing import NamedTuple

import pyarrow as pa
import pyarrow.parquet as pq

from newsmon import keys
from newsmon.records import Article, Finding, Page
from newsmon.schema import (
    ARTICLES,
    EVENTS,
    FETCHES,
    MENTIONS,
    ROW_GROUP_ROWS,
    RUNS,
    SCHEMA_VERSION,
    SCHEMA_VERSION_KEY,
    TABLES,
    conform,
)
from newsmon.store import StorageError, Store

# zstd: ~30% smaller than snappy on article text at similar read speed.
COMPRESSION = "zstd"
# Versions tried past the indexed one when a version key already holds other content (a crash
# between writing data and saving the index); more than a handful means something else is wrong.
MAX_VERSION_PROBES = 5
PARQUET_TYPE = "application/vnd.apache.parquet"


class Written(NamedTuple):
    """Keys written for one article version (events/mentions None when there were none)."""

    key: str
    events_key: str | None
    mentions_key: str | None
    version: int


# --- identity of content --------------------------------------------------------------------


def fingerprint(article: Article) -> str:
    """sha256 over title and body: a new version is stored only when this changes."""
    return _fingerprint(article.title, article.body)


def _fingerprint(title: str, body: str) -> str:
    return hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()


def body_sha256(body: str) -> str:
    """sha256 of the body text (UTF-8)."""
    return hashlib.sha256(body.encode()).hexdigest()


def parquet_bytes(table: pa.Table) -> bytes:
    """A table as parquet bytes: zstd, row groups sized per table, ``SCHEMA_VERSION`` in the metadata."""
    meta = dict(table.schema.metadata or {})
    meta[SCHEMA_VERSION_KEY] = SCHEMA_VERSION.encode()
    rows = next((n for name, n in ROW_GROUP_ROWS.items() if TABLES[name].equals(table.schema)), 65536)
    buf = io.BytesIO()
    pq.write_table(table.replace_schema_metadata(meta), buf, compression=COMPRESSION, row_group_size=rows)
    return buf.getvalue()


def content_hash(table: pa.Table) -> str:
    """16 hex digits of sha256 over the table's parquet bytes: the same rows give the same key."""
    return hashlib.sha256(parquet_bytes(table)).hexdigest()[:16]


# --- parquet objects ------------------------------------------------------------------------


def put_table(store: Store, key: str, table: pa.Table) -> str:
    """Write one parquet object (one PUT: readers see all of it or none); returns its key."""
    store.put(key, parquet_bytes(table), content_type=PARQUET_TYPE)
    return key


def put_table_once(store: Store, key: str, table: pa.Table) -> bool:
    """Write one parquet object unless ``key`` exists; False when it did (nothing written)."""
    return store.put(key, parquet_bytes(table), content_type=PARQUET_TYPE, if_absent=True)


def read_table(store: Store, key: str) -> pa.Table | None:
    """One parquet object as a table, or None when it is absent."""
    data = store.get(key)
    # an Arrow buffer, not a Python file object, and no reader threads (neither column decoding nor
    # pre-buffering on Arrow's pools): threads left by a read abort the interpreter at exit now and
    # then ("terminate called without an active exception", apache/arrow#34314, #50482; seen once
    # more with a buffer alone, in `newsmon status`). One object is small; one thread reads it.
    if data is None:
        return None
    return pq.read_table(pa.BufferReader(data), use_threads=False, pre_buffer=False)


def read_prefix(store: Store, table: str, outlet: str | None = None) -> pa.Table:
    """Every object of a table (optionally one outlet) concatenated; for tests and status."""
    found = sorted(k for k in store.keys(keys.table_prefix(table, outlet)) if k.endswith(".parquet"))
    parts = [p for p in (read_table(store, k) for k in found) if p is not None]
    if not parts:
        return TABLES[table].empty_table()
    return pa.concat_tables([conform(p, TABLES[table]) for p in parts])


# --- rows -----------------------------------------------------------------------------------


def article_table(article: Article, finding: Finding, version: int) -> pa.Table:
    """The one ``articles`` row of an article version."""
    row = {
        "article_id": article.article_id,
        "version": version,
        "outlet": article.outlet,
        "url": article.url,
        "source_id": article.source_id,
        "title": article.title,
        "summary": list(article.summary),
        "body": article.body,
        "body_sha256": body_sha256(article.body),
        "lang": article.lang,
        "author": article.author,
        "published_at": article.published_at,
        "updated_at": article.updated_at,
        "crawled_at": article.crawled_at,
        "topics": finding.topic_ids,
        "extraction_method": article.extraction_method,
        "furniture_removed": article.furniture_removed,
    }
    return pa.Table.from_pylist([row], schema=ARTICLES)


def event_table(article: Article, finding: Finding, version: int, detected_at: datetime) -> pa.Table:
    """The ``events`` rows of an article version (possibly none)."""
    head = {"article_id": article.article_id, "version": version, "outlet": article.outlet}
    tail = {"title": article.title, "url": article.url, "published_at": article.published_at}
    rows = [{**head, **e.record(), **tail, "detected_at": detected_at} for e in finding.events]
    return pa.Table.from_pylist(rows, schema=EVENTS)


def mention_table(article: Article, finding: Finding, version: int) -> pa.Table:
    """The ``mentions`` rows of an article version: per topic and matched term, how often it occurs."""
    text = "\n".join([article.title, *article.summary, article.body]).casefold()
    rows = [
        {
            "article_id": article.article_id,
            "version": version,
            "outlet": article.outlet,
            "topic": topic,
            "term": term,
            "count": max(1, text.count(term.casefold())),
            "published_at": article.published_at,
        }
        for topic, terms in sorted(finding.topics.items())
        for term in sorted(set(terms))
    ]
    return pa.Table.from_pylist(rows, schema=MENTIONS)


def fetch_table(outlet: str, run_id: str, pages: list[Page]) -> pa.Table:
    """The ``fetches`` rows of a batch of pages: one per HTTP exchange."""
    rows = [
        {
            "run_id": run_id,
            "outlet": outlet,
            "url": p.url,
            "final_url": p.final_url,
            "status": p.status,
            "bytes": len(p.content),
            "elapsed_ms": p.elapsed_ms,
            "error": p.error,
            "fetched_at": p.fetched_at,
        }
        for p in pages
    ]
    return pa.Table.from_pylist(rows, schema=FETCHES)


# --- writes ---------------------------------------------------------------------------------


def version_key(article: Article, version: int, table: str = "articles") -> str:
    """The one key of an article version in ``table``."""
    dt = keys.partition_date(article.published_at, article.crawled_at)
    return keys.article_version(table, article.outlet, dt, article.article_id, version)


def write_version(store: Store, article: Article, finding: Finding, version: int, detected_at: datetime) -> Written:
    """Write an article version, its events and mentions, each key at most once.

    A key that already holds this content (a retried task) is left as it is; one that holds
    other content (the index lagged behind a crash) makes this the next version instead, so
    there is never a second row for one (article_id, version).
    """
    fp = fingerprint(article)
    for v in range(version, version + MAX_VERSION_PROBES):
        key = version_key(article, v)
        if put_table_once(store, key, article_table(article, finding, v)):
            break
        existing = read_table(store, key)
        if existing is not None and existing.num_rows:
            row = existing.to_pylist()[0]
            if _fingerprint(row["title"], row["body"]) == fp:
                break
    else:
        raise StorageError(f"storage: {article.article_id}: versions {version}..{v} all hold other content")
    ekey = mkey = None
    events = event_table(article, finding, v, detected_at)
    if events.num_rows:
        ekey = keys.sibling(key, "events")
        put_table_once(store, ekey, events)
    mentions = mention_table(article, finding, v)
    if mentions.num_rows:
        mkey = keys.sibling(key, "mentions")
        put_table_once(store, mkey, mentions)
    return Written(key, ekey, mkey, v)


def write_fetches(
    store: Store, outlet: str, run_id: str, pages: list[Page], when: datetime, part: int = 0
) -> str | None:
    """One object with a row per HTTP fetch of one batch (``part``) of this run."""
    if not pages:
        return None
    table = fetch_table(outlet, run_id, pages)
    dt = keys.partition_date(when, when)
    return put_table(store, keys.run_part("fetches", outlet, dt, run_id, part, content_hash(table), "parquet"), table)


def write_raw(store: Store, outlet: str, run_id: str, data: bytes, when: datetime, part: int = 0) -> str | None:
    """One WARC (gzip) object with one batch (``part``) of this run's HTTP exchanges."""
    if not data:
        return None
    digest = hashlib.sha256(data).hexdigest()[:16]
    key = keys.run_part("raw", outlet, keys.partition_date(when, when), run_id, part, digest, "warc.gz")
    store.put(key, data, content_type="application/warc", if_absent=True)
    return key


def write_run(store: Store, row: dict) -> str:
    """One object with this run's counts for one outlet."""
    key = keys.run_row(row["outlet"], keys.partition_date(row["started_at"], row["started_at"]), row["run_id"])
    return put_table(store, key, pa.Table.from_pylist([row], schema=RUNS))
