"""The lake's tables, defined once: pyarrow schemas, partitioning, primary keys, schema version.

Every parquet object newsmon writes uses one of these schemas and records ``SCHEMA_VERSION`` in
its file metadata (key ``newsmon.schema_version``). ``docs/schema.md`` documents every column;
``tests/test_schema.py`` compares these schemas with ``tests/fixtures/schema/v<N>.json`` and
fails on any change that did not bump ``SCHEMA_VERSION`` and add a new snapshot.

Layout (hive style, so engines prune partitions)::

    <table>/outlet=NAME/dt=YYYY-MM-DD/<name>.parquet
    raw/outlet=NAME/dt=YYYY-MM-DD/<run_id>-p<part>-<sha>.warc.gz

``dt`` is the publish date in UTC for articles, events and mentions (crawl date when the page
has none) and the crawl date in UTC for fetches, runs and raw.
"""

from __future__ import annotations

import pyarrow as pa

# Bump on any change to a schema below, and add tests/fixtures/schema/v<N>.json for it.
SCHEMA_VERSION = "3"
SCHEMA_VERSION_KEY = b"newsmon.schema_version"

TS = pa.timestamp("us", tz="UTC")
ARTICLES = pa.schema(
    [
        ("article_id", pa.string()),
        ("version", pa.int32()),
        ("outlet", pa.string()),
        ("url", pa.string()),
        ("source_id", pa.string()),
        ("title", pa.string()),
        ("summary", pa.list_(pa.string())),
        ("body", pa.string()),
        ("body_sha256", pa.string()),
        ("lang", pa.string()),
        ("author", pa.string()),
        ("published_at", TS),
        ("updated_at", TS),
        ("crawled_at", TS),
        ("topics", pa.list_(pa.string())),
        ("extraction_method", pa.string()),
        # v3: lines removed as the outlet's learned furniture (newsmon.furniture); null before v3
        ("furniture_removed", pa.int32()),
    ]
)
EVENTS = pa.schema(
    [
        ("article_id", pa.string()),
        ("version", pa.int32()),
        ("outlet", pa.string()),
        ("topic", pa.string()),
        ("kind", pa.string()),
        ("evidence", pa.string()),
        ("terms", pa.list_(pa.string())),
        ("cue", pa.string()),
        ("actors", pa.list_(pa.string())),
        ("confidence", pa.float32()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("published_at", TS),
        ("detected_at", TS),
    ]
)
MENTIONS = pa.schema(
    [
        ("article_id", pa.string()),
        ("version", pa.int32()),
        ("outlet", pa.string()),
        ("topic", pa.string()),
        ("term", pa.string()),
        ("count", pa.int32()),
        ("published_at", TS),
    ]
)
FETCHES = pa.schema(
    [
        ("run_id", pa.string()),
        ("outlet", pa.string()),
        ("url", pa.string()),
        ("final_url", pa.string()),
        ("status", pa.int32()),
        ("bytes", pa.int64()),
        ("elapsed_ms", pa.int64()),
        ("error", pa.string()),
        ("fetched_at", TS),
    ]
)
RUNS = pa.schema(
    [
        ("run_id", pa.string()),
        ("outlet", pa.string()),
        ("started_at", TS),
        ("finished_at", TS),
        ("found", pa.int32()),
        ("fetched", pa.int32()),
        ("stored", pa.int32()),
        ("unchanged", pa.int32()),
        ("skipped", pa.int32()),
        ("failed", pa.int32()),
        ("events", pa.int32()),
        ("problems", pa.list_(pa.string())),
        ("fallback", pa.int32()),
        ("health", pa.list_(pa.string())),
    ]
)
# The alert ledger is owned by alerting (alert.py) and kept as one JSON object per delivered alert
# under alerts/sent/<channel>/<id>.json; this is the shape of that record, for readers.
ALERTS = pa.schema(
    [
        ("id", pa.string()),
        ("topic", pa.string()),
        ("kind", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("outlet", pa.string()),
        ("evidence", pa.string()),
        ("confidence", pa.float64()),
        ("terms", pa.list_(pa.string())),
        ("actors", pa.list_(pa.string())),
        ("article_id", pa.string()),
        ("published_at", pa.string()),
        ("channel", pa.string()),
        ("sent_at", pa.string()),
    ]
)
# Internal state, not part of the lake's contract: what each outlet has stored.
INDEX = pa.schema(
    [
        ("article_id", pa.string()),
        ("version", pa.int32()),
        ("fingerprint", pa.string()),
        ("urls", pa.list_(pa.string())),
        ("stored_at", TS),
    ]
)

# The parquet tables newsmon writes, by name (= top-level prefix).
TABLES = {"articles": ARTICLES, "events": EVENTS, "mentions": MENTIONS, "fetches": FETCHES, "runs": RUNS}
# Everything documented in docs/schema.md: the parquet tables and the ledger.
DOCUMENTED = {**TABLES, "alerts": ALERTS}
# Tables derived from article text: rebuilt by `newsmon reprocess --from-raw`.
DERIVED = ("articles", "events", "mentions")
# Columns that identify a row; compaction sorts by them so a merged object's bytes are stable.
PRIMARY_KEYS = {
    "articles": ("article_id", "version"),
    "events": ("article_id", "version", "topic", "kind", "evidence"),
    "mentions": ("article_id", "version", "topic", "term"),
    "fetches": ("run_id", "fetched_at", "url"),
    "runs": ("run_id", "outlet", "started_at"),
}
# Rows per parquet row group. Article rows carry whole bodies (~5 KB): 8192 of them stay near
# 10 MB compressed, a unit engines read in one go; the narrow tables take the pyarrow-ish default.
ROW_GROUP_ROWS = {"articles": 8192, "events": 65536, "mentions": 65536, "fetches": 65536, "runs": 65536}


def conform(table: pa.Table, target: pa.Schema) -> pa.Table:
    """``table`` in the shape of ``target``: columns by name, missing ones (older versions) as nulls."""
    cols = [
        table.column(f.name).cast(f.type) if f.name in table.column_names else pa.nulls(len(table), f.type)
        for f in target
    ]
    return pa.Table.from_arrays(cols, schema=target)


def describe() -> dict:
    """Every documented schema as plain JSON: {version, tables: {name: [[column, type], ...]}}."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tables": {name: [[f.name, str(f.type)] for f in schema] for name, schema in DOCUMENTED.items()},
    }
