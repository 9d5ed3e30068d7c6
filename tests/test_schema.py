"""The lake's schema does not drift: snapshot per schema_version, docs name every column, files say their version."""

from __future__ import annotations

import io
import itertools
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsmon import schema
from newsmon.detect import detect
from newsmon.records import Article
from newsmon.tables import fingerprint, put_table, read_prefix, write_run, write_version

REPO = Path(__file__).resolve().parents[1]
SNAPSHOTS = REPO / "tests" / "fixtures" / "schema"
DOCS = REPO / "docs" / "schema.md"


def test_schemas_match_the_snapshot_of_their_version():
    """Changing a schema means: bump SCHEMA_VERSION, add tests/fixtures/schema/v<N>.json, update docs."""
    path = SNAPSHOTS / f"v{schema.SCHEMA_VERSION}.json"
    assert path.is_file(), f"no snapshot for schema_version {schema.SCHEMA_VERSION}: add {path.name}"
    assert schema.describe() == json.loads(path.read_text())


def test_snapshots_never_lose_a_column():
    """Later versions only add columns (at the end), so readers selecting by name keep working."""
    versions = sorted(SNAPSHOTS.glob("v*.json"), key=lambda p: int(p.stem[1:]))
    for older, newer in itertools.pairwise(versions):
        old, new = json.loads(older.read_text())["tables"], json.loads(newer.read_text())["tables"]
        for table, columns in old.items():
            assert new[table][: len(columns)] == columns, f"{table} changed between {older.name} and {newer.name}"


def _documented(table: str) -> list[list[str]]:
    """[[column, type], ...] from the table under ``### `table``` in docs/schema.md."""
    text = DOCS.read_text()
    m = re.search(rf"^### `{table}`\n(.*?)(?=^#)", text, re.M | re.S)
    assert m, f"docs/schema.md has no section for {table}"
    rows = re.findall(r"^\| `([^`]+)` \| `([^`]+)` \| ([^|]+?) \| (.+?) \|$", m.group(1), re.M)
    for col, _type, meaning, example in rows:
        assert meaning.strip() and example.strip(), f"{table}.{col}: meaning and example required"
    return [[col, typ] for col, typ, _m, _e in rows]


@pytest.mark.parametrize("table", sorted(schema.DOCUMENTED))
def test_docs_name_every_column_with_its_type(table):
    assert _documented(table) == [[f.name, str(f.type)] for f in schema.DOCUMENTED[table]]


def test_docs_state_the_schema_version():
    assert f"**schema_version: {schema.SCHEMA_VERSION}.**" in DOCS.read_text()


def _article(body: str) -> Article:
    return Article(
        article_id="asiae-en-2023111607172845478",
        url="https://www.asiae.co.kr/en/article/2023111607172845478",
        outlet="asiae",
        title="US and China agree to resume military talks",
        body=body,
        lang="en",
        published_at=datetime(2023, 11, 15, 22, 17, tzinfo=UTC),
        crawled_at=datetime(2023, 11, 16, 0, 0, tzinfo=UTC),
    )


def test_written_objects_carry_schema_version_zstd_and_their_schema(store):
    art = _article("The United States and China agreed to resume military communications. " * 5)
    written = write_version(store, art, detect(art), 1, datetime.now(UTC))
    for key, table in ((written.key, "articles"), (written.mentions_key, "mentions")):
        assert key and key.startswith(f"{table}/outlet=asiae/dt=2023-11-15/")
        f = pq.ParquetFile(io.BytesIO(store.get(key)))
        assert f.schema_arrow.metadata[schema.SCHEMA_VERSION_KEY] == schema.SCHEMA_VERSION.encode()
        assert f.schema_arrow.remove_metadata().equals(schema.TABLES[table])
        assert f.metadata.row_group(0).column(0).compression == "ZSTD"


def test_a_taken_version_key_is_never_a_second_row(store):
    """A retry leaves the same content alone; other content under a taken key becomes the next version."""
    first = _article("The United States and China agreed to resume military communications. " * 5)
    w1 = write_version(store, first, detect(first), 1, datetime.now(UTC))
    etag = store.client.head_object(Bucket=store.bucket, Key=w1.key)["ETag"]
    retry = write_version(store, first, detect(first), 1, datetime.now(UTC))  # a retried task, index not saved
    assert retry.version == 1 and store.client.head_object(Bucket=store.bucket, Key=w1.key)["ETag"] == etag
    edited = _article(first.body + " Both sides also agreed on fentanyl.")
    w2 = write_version(store, edited, detect(edited), 1, datetime.now(UTC))  # index lagged behind
    assert w2.version == 2 and w2.key.endswith("-v2.parquet")
    rows = read_prefix(store, "articles").to_pylist()
    assert sorted((r["version"], r["body_sha256"] != rows[0]["body_sha256"]) for r in rows) == [(1, False), (2, True)]
    assert fingerprint(edited) != fingerprint(first)


def test_runs_written_under_version_1_read_beside_version_2(store):
    """Columns are only added: a v1 `runs` object (no fallback/health) reads with nulls there."""
    v1 = pa.schema([f for f in schema.RUNS if f.name not in ("fallback", "health")])
    row = {"run_id": "old", "outlet": "asiae", "started_at": datetime(2025, 11, 1, tzinfo=UTC), "stored": 3}
    put_table(store, "runs/outlet=asiae/dt=2025-11-01/old.parquet", pa.Table.from_pylist([row], schema=v1))
    new = {**row, "run_id": "new", "fallback": 1, "health": ["drifting"]}
    write_run(store, new)
    got = {r["run_id"]: r for r in read_prefix(store, "runs").to_pylist()}
    assert (got["old"]["stored"], got["old"]["fallback"], got["old"]["health"]) == (3, None, None)
    assert (got["new"]["fallback"], got["new"]["health"]) == (1, ["drifting"])
