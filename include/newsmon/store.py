"""Parquet tables in S3-compatible storage: schemas, keys, idempotent writes, article versions.

Layout (hive style, so engines prune partitions; schemas in :mod:`newsmon.schema`)::

    articles/outlet=NAME/dt=YYYY-MM-DD/<article_id>-v<version>.parquet   dt: publish date, UTC
    events/…, mentions/…  (same keys as the article version they belong to)
    fetches/outlet=NAME/dt=YYYY-MM-DD/<run_id>-p<part>-<sha>.parquet     dt: crawl date, UTC
    runs/outlet=NAME/dt=YYYY-MM-DD/<run_id>.parquet                      dt: crawl date, UTC
    raw/outlet=NAME/dt=YYYY-MM-DD/<run_id>-p<part>-<sha>.warc.gz         dt: crawl date, UTC
    <table>/outlet=NAME/dt=YYYY-MM-DD/part-<sha>.parquet                 after compaction (lake.py)
    _state/index/outlet=NAME.parquet        what is stored: article_id, version, fingerprint, urls

Object keys derive from the data: an article version has exactly one key, written only when
absent, so a retried task or a rerun writes the same key or nothing. The index is written after
the data, so a crash in between is repaired by the next run finding the same keys again. Each
object is one PUT: a reader sees all of it or none of it.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NamedTuple

import boto3
import pyarrow as pa
import pyarrow.parquet as pq
from botocore.config import Config as BotoConfig
from botocore.exceptions import BotoCoreError, ClientError

from newsmon.config import StorageConfig
from newsmon.records import Article, Finding, Page
from newsmon.schema import (
    ARTICLES,
    EVENTS,
    FETCHES,
    INDEX,
    MENTIONS,
    ROW_GROUP_ROWS,
    RUNS,
    SCHEMA_VERSION,
    SCHEMA_VERSION_KEY,
    TABLES,
    conform,
)

# zstd: ~30% smaller than snappy on article text at similar read speed.
COMPRESSION = "zstd"
# Connect/read timeouts for the store: long enough for a loaded SeaweedFS, short enough that an
# unreachable store is reported in seconds, not minutes.
CONNECT_TIMEOUT = 5
READ_TIMEOUT = 30
# Versions tried past the indexed one when a version key already holds other content (a crash
# between writing data and saving the index); more than a handful means something else is wrong.
MAX_VERSION_PROBES = 5


class StorageError(RuntimeError):
    """The store cannot be reached or refused us; the message is one line for people."""


class MissingBucket(StorageError):
    """The store answers but the bucket does not exist (and was not to be created)."""


# Exceptions that mean "the store failed": a run stops on these (and Airflow retries it), because
# going on would record crawls whose results were not kept.
STORAGE_ERRORS = (StorageError, ClientError, BotoCoreError)


@dataclass
class IndexEntry:
    """What the store holds for one article: its latest version and fingerprint."""

    version: int
    fingerprint: str
    urls: set[str]
    stored_at: datetime


class Written(NamedTuple):
    """Keys written for one article version (events/mentions None when there were none)."""

    key: str
    events_key: str | None
    mentions_key: str | None
    version: int


def fingerprint(article: Article) -> str:
    """sha256 over title and body: a new version is stored only when this changes."""
    return hashlib.sha256(f"{article.title}\n{article.body}".encode()).hexdigest()


def body_sha256(body: str) -> str:
    """sha256 of the body text (UTF-8)."""
    return hashlib.sha256(body.encode()).hexdigest()


def safe_key_part(value: str) -> str:
    """A string made safe for an object key segment."""
    return re.sub(r"[^A-Za-z0-9._=-]+", "_", value)[:200]


def partition_date(when: datetime | None, fallback: datetime) -> str:
    """``YYYY-MM-DD`` of ``when`` in UTC, else of ``fallback``."""
    return (when or fallback).astimezone(UTC).strftime("%Y-%m-%d")


def run_part_key(table: str, outlet: str, when: datetime, run_id: str, part: int, digest: str, ext: str) -> str:
    """Key of one batch of a run's fetches or raw archive: ``<run_id>-p<part>-<sha16>.<ext>``.

    Run id and part number make the keys of one run distinct and sortable; the content hash
    means a retried attempt (same run id, same part numbers, other pages) writes beside the first
    attempt's objects instead of over them, and rewriting identical content is a no-op.
    """
    dt = partition_date(when, when)
    name = f"{safe_key_part(run_id)}-p{part:05d}-{digest}.{ext}"
    return f"{table}/outlet={safe_key_part(outlet)}/dt={dt}/{name}"


class Store:
    """One bucket on an S3-compatible endpoint, and the tables newsmon keeps in it."""

    def __init__(self, cfg: StorageConfig, client=None) -> None:
        self.cfg = cfg
        self.bucket = cfg.bucket
        self.prefix = f"{cfg.prefix}/" if cfg.prefix else ""
        self.client = client or boto3.client(
            "s3",
            endpoint_url=cfg.endpoint_url,
            aws_access_key_id=cfg.access_key,
            aws_secret_access_key=cfg.secret_key,
            region_name=cfg.region,
            config=BotoConfig(
                s3={"addressing_style": "path"},
                # boto3 >= 1.36 sends CRC checksums many S3-compatible servers reject
                request_checksum_calculation="when_required",
                response_checksum_validation="when_required",
                retries={"max_attempts": 3, "mode": "standard"},
                connect_timeout=CONNECT_TIMEOUT,
                read_timeout=READ_TIMEOUT,
            ),
        )

    # --- plumbing ---------------------------------------------------------------------------

    def uri(self, key: str = "") -> str:
        """``s3://bucket/prefix/key``."""
        return f"s3://{self.bucket}/{self.prefix}{key}"

    def check(self, create: bool = True) -> None:
        """Fail with one clear line unless the bucket is reachable (creating it if allowed)."""
        where = self.cfg.endpoint_url or "AWS S3"
        try:
            self.client.head_bucket(Bucket=self.bucket)
            return
        except ClientError as exc:
            code = str(exc.response.get("Error", {}).get("Code", ""))
            if code in ("404", "NoSuchBucket") and create:
                try:
                    self.client.create_bucket(Bucket=self.bucket)
                    return
                except (ClientError, BotoCoreError) as exc2:
                    raise StorageError(f"storage: cannot create bucket {self.bucket!r} at {where}: {exc2}") from None
            if code in ("404", "NoSuchBucket"):
                raise MissingBucket(f"storage: no bucket {self.bucket!r} at {where}") from None
            if code in ("403", "AccessDenied", "SignatureDoesNotMatch", "InvalidAccessKeyId"):
                raise StorageError(
                    f"storage: access denied to bucket {self.bucket!r} at {where} "
                    "(check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the newsmon_s3 connection)"
                ) from None
            raise StorageError(f"storage: bucket {self.bucket!r} at {where}: {code or exc}") from None
        except BotoCoreError as exc:
            raise StorageError(f"storage: cannot reach {where}: {exc}") from None

    def put(
        self, key: str, data: bytes, content_type: str = "application/octet-stream", if_absent: bool = False
    ) -> bool:
        """Write an object; with ``if_absent`` only when no object has that key (False if one had)."""
        kwargs = {"IfNoneMatch": "*"} if if_absent else {}
        try:
            self.client.put_object(
                Bucket=self.bucket, Key=self.prefix + key, Body=data, ContentType=content_type, **kwargs
            )
        except ClientError as exc:
            if if_absent and exc.response.get("Error", {}).get("Code") in ("PreconditionFailed", "412"):
                return False
            raise
        return True

    def get(self, key: str) -> bytes | None:
        """An object's bytes, or None when there is none."""
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self.prefix + key)["Body"].read()
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                return None
            raise

    def exists(self, key: str) -> bool:
        """True when an object has that key."""
        try:
            self.client.head_object(Bucket=self.bucket, Key=self.prefix + key)
            return True
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404", "NotFound"):
                return False
            raise

    def delete(self, key: str) -> None:
        """Remove an object (no error when it is already gone)."""
        self.client.delete_object(Bucket=self.bucket, Key=self.prefix + key)

    def keys(self, prefix: str) -> Iterator[str]:
        """Every key under ``prefix`` (without the store prefix)."""
        paginator = self.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=self.prefix + prefix):
            for obj in page.get("Contents", []):
                yield obj["Key"][len(self.prefix) :]

    def put_table(self, key: str, table: pa.Table) -> str:
        """Write one parquet object (one PUT: readers see all of it or none); returns its key."""
        self.put(key, parquet_bytes(table), content_type="application/vnd.apache.parquet")
        return key

    def put_table_once(self, key: str, table: pa.Table) -> bool:
        """Write one parquet object unless ``key`` exists; False when it did (nothing written)."""
        return self.put(key, parquet_bytes(table), content_type="application/vnd.apache.parquet", if_absent=True)

    def objects(self, prefix: str) -> Iterator[tuple[str, datetime]]:
        """(key, last modified) of every object under ``prefix``."""
        paginator = self.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=self.prefix + prefix):
            for obj in page.get("Contents", []):
                yield obj["Key"][len(self.prefix) :], obj["LastModified"]

    def read_table(self, key: str) -> pa.Table | None:
        """One parquet object as a table, or None when it is absent."""
        data = self.get(key)
        # an Arrow buffer, not a Python file object: reading through io.BytesIO leaves parquet
        # threads that abort the interpreter at exit now and then (apache/arrow#34314, #50482)
        return pq.read_table(pa.BufferReader(data)) if data is not None else None

    def read_prefix(self, table: str, outlet: str | None = None) -> pa.Table:
        """Every object of a table (optionally one outlet) concatenated; for tests and status."""
        prefix = f"{table}/" + (f"outlet={outlet}/" if outlet else "")
        parts = [self.read_table(k) for k in sorted(self.keys(prefix)) if k.endswith(".parquet")]
        parts = [p for p in parts if p is not None]
        if not parts:
            return TABLES[table].empty_table()
        return pa.concat_tables([conform(p, TABLES[table]) for p in parts])

    # --- tables -------------------------------------------------------------------------------

    def article_key(self, article: Article, version: int) -> str:
        """The one key of an article version."""
        dt = partition_date(article.published_at, article.crawled_at)
        name = f"{safe_key_part(article.article_id)}-v{version}.parquet"
        return f"articles/outlet={safe_key_part(article.outlet)}/dt={dt}/{name}"

    def write_article(
        self, article: Article, finding: Finding, version: int, detected_at: datetime
    ) -> tuple[str, str | None]:
        """Write an article version and its events; returns (article key, events key or None)."""
        written = self.write_version(article, finding, version, detected_at)
        return written.key, written.events_key

    def write_version(self, article: Article, finding: Finding, version: int, detected_at: datetime) -> Written:
        """Write an article version, its events and mentions, each key at most once.

        A key that already holds this content (a retried task) is left as it is; one that holds
        other content (the index lagged behind a crash) makes this the next version instead, so
        there is never a second row for one (article_id, version).
        """
        fp = fingerprint(article)
        for v in range(version, version + MAX_VERSION_PROBES):
            key = self.article_key(article, v)
            if self.put_table_once(key, article_table(article, finding, v)):
                break
            existing = self.read_table(key)
            if existing is not None and existing.num_rows and _row_fingerprint(existing.to_pylist()[0]) == fp:
                break
        else:
            raise StorageError(f"storage: {article.article_id}: versions {version}..{v} all hold other content")
        ekey = mkey = None
        events = event_table(article, finding, v, detected_at)
        if events.num_rows:
            ekey = key.replace("articles/", "events/", 1)
            self.put_table_once(ekey, events)
        mentions = mention_table(article, finding, v)
        if mentions.num_rows:
            mkey = key.replace("articles/", "mentions/", 1)
            self.put_table_once(mkey, mentions)
        return Written(key, ekey, mkey, v)

    def write_fetches(self, outlet: str, run_id: str, pages: list[Page], when: datetime, part: int = 0) -> str | None:
        """One object with a row per HTTP fetch of one batch (``part``) of this run."""
        if not pages:
            return None
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
        table = pa.Table.from_pylist(rows, schema=FETCHES)
        key = run_part_key("fetches", outlet, when, run_id, part, content_hash(table), "parquet")
        self.put_table(key, table)
        return key

    def write_raw(self, outlet: str, run_id: str, data: bytes, when: datetime, part: int = 0) -> str | None:
        """One WARC (gzip) object with one batch (``part``) of this run's HTTP exchanges."""
        if not data:
            return None
        key = run_part_key("raw", outlet, when, run_id, part, hashlib.sha256(data).hexdigest()[:16], "warc.gz")
        self.put(key, data, content_type="application/warc", if_absent=True)
        return key

    def write_run(self, row: dict) -> str:
        """One object with this run's counts for one outlet."""
        dt = partition_date(row["started_at"], row["started_at"])
        key = f"runs/outlet={safe_key_part(row['outlet'])}/dt={dt}/{safe_key_part(row['run_id'])}.parquet"
        self.put_table(key, pa.Table.from_pylist([row], schema=RUNS))
        return key

    # --- what is stored -------------------------------------------------------------------

    def index_key(self, outlet: str) -> str:
        """Key of an outlet's index."""
        return f"_state/index/outlet={safe_key_part(outlet)}.parquet"

    def load_index(self, outlet: str) -> dict[str, IndexEntry]:
        """article_id -> IndexEntry for everything stored for ``outlet``."""
        table = self.read_table(self.index_key(outlet))
        if table is None:
            return {}
        return {
            r["article_id"]: IndexEntry(r["version"], r["fingerprint"], set(r["urls"] or []), r["stored_at"])
            for r in table.to_pylist()
        }

    def save_index(self, outlet: str, index: dict[str, IndexEntry]) -> None:
        """Replace an outlet's index (one writer per outlet: the outlet's own task)."""
        rows = [
            {
                "article_id": k,
                "version": v.version,
                "fingerprint": v.fingerprint,
                "urls": sorted(v.urls),
                "stored_at": v.stored_at,
            }
            for k, v in sorted(index.items())
        ]
        self.put_table(self.index_key(outlet), pa.Table.from_pylist(rows, schema=INDEX))


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


def _row_fingerprint(row: dict) -> str:
    return hashlib.sha256(f"{row['title']}\n{row['body']}".encode()).hexdigest()


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
    rows = [
        {
            "article_id": article.article_id,
            "version": version,
            "outlet": article.outlet,
            "topic": e.topic,
            "kind": e.kind,
            "evidence": e.evidence,
            "terms": list(e.terms),
            "cue": e.cue,
            "actors": list(e.actors),
            "confidence": e.confidence,
            "title": article.title,
            "url": article.url,
            "published_at": article.published_at,
            "detected_at": detected_at,
        }
        for e in finding.events
    ]
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
