"""Rewriting lake partitions: compaction of small objects, and swapping in rebuilt rows.

Both write one new object per partition, named by the hash of its bytes (``part-<sha>.parquet``),
and only then delete the objects it replaces: a reader never sees a partition without its rows
(it may, for the moment between the write and the deletes, see a row twice; ``PRIMARY_KEYS`` in
:mod:`newsmon.schema` say what identifies a row).

A compacted object no longer has the "one key per article version" name that makes crawl writes
idempotent, so compaction merges only rows that can never be written again:

* articles, events, mentions: rows whose (article_id, version) the outlet's index already
  records. A crawl writes a version before indexing it and never rewrites an indexed one, so
  every merged row is final; an object written by a run that crashed before saving its index
  stays as it is until the next run has indexed it.
* fetches, runs: partitions whose crawl date is ``SETTLE_DAYS`` or more in the past; runs and
  their retries take minutes and write into the partition of the day they start.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pyarrow as pa

from newsmon import keys
from newsmon.index import load_index
from newsmon.schema import DERIVED, PRIMARY_KEYS, TABLES, conform
from newsmon.store import Store
from newsmon.tables import content_hash, put_table_once, read_table

# Days after which a fetches/runs partition (by crawl date) is closed: a run and its retries end
# within the day they start, and one more day covers runs that start just before midnight.
SETTLE_DAYS = 2



@dataclass
class CompactResult:
    """What compaction did to one table."""

    table: str
    partitions: int = 0
    objects_in: int = 0
    objects_out: int = 0
    rows: int = 0
    left_unsettled: int = 0


def partitions(store: Store, table: str, outlet: str | None = None) -> dict[tuple[str, str], list[str]]:
    """(outlet, dt) -> parquet keys of ``table``."""
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in store.keys(keys.table_prefix(table, outlet)):
        m = keys.parse_partition(key)
        if m and key.endswith(".parquet"):
            out[(m["outlet"], m["dt"])].append(key)
    return {k: sorted(v) for k, v in out.items()}


def merged_table(table: str, parts: list[pa.Table]) -> pa.Table:
    """Parts as one table in the table's schema, sorted by its primary key (stable bytes)."""
    schema = TABLES[table]
    merged = pa.concat_tables([conform(p, schema) for p in parts])
    return merged.sort_by([(c, "ascending") for c in PRIMARY_KEYS[table]])


def write_partition(store: Store, table: str, outlet: str, dt: str, data: pa.Table) -> str:
    """Write a partition's merged rows as ``part-<sha>.parquet``; the same rows give the same key."""
    key = keys.compacted(table, outlet, dt, content_hash(data))
    put_table_once(store, key, data)
    return key


def compact_table(
    store: Store, table: str, outlets: list[str] | None = None, today: date | None = None
) -> CompactResult:
    """Merge each partition's settled objects into one; rows stay identical, unsettled ones stay put."""
    today = today or datetime.now(UTC).date()
    result = CompactResult(table)
    indexes: dict[str, dict] = {}
    for (outlet, dt), objs in sorted(partitions(store, table).items()):
        if outlets and outlet not in {keys.safe(o) for o in outlets}:
            continue
        if table not in DERIVED and date.fromisoformat(dt) > today - timedelta(days=SETTLE_DAYS):
            continue
        if len(objs) < 2:
            continue
        if table in DERIVED and outlet not in indexes:
            indexes[outlet] = load_index(store, outlet)
        settled = {}
        for key in objs:
            data = read_table(store, key)
            if data is None:
                continue
            if table in DERIVED and not _indexed(data, indexes[outlet]):
                result.left_unsettled += 1
                continue
            settled[key] = data
        if len(settled) < 2:
            continue
        merged = merged_table(table, list(settled.values()))
        new_key = write_partition(store, table, outlet, dt, merged)
        for key in settled:
            if key != new_key:
                store.delete(key)
        result.partitions += 1
        result.objects_in += len(settled)
        result.objects_out += 1
        result.rows += merged.num_rows
    return result


def _indexed(data: pa.Table, index: dict) -> bool:
    """True when every row's (article_id, version) is at or below the version the index records."""
    for aid, version in zip(data.column("article_id").to_pylist(), data.column("version").to_pylist(), strict=True):
        entry = index.get(aid)
        if entry is None or version > entry.version:
            return False
    return True


def find_rows(store: Store, table: str, outlet: str, pairs: set[tuple[str, int]]) -> dict[str, pa.Table]:
    """key -> contents of every object of ``table`` holding a row of one of ``pairs`` (article_id, version).

    Per-version objects are recognised by name; only merged ``part-*`` objects are read to look.
    """
    names = {(keys.safe(a), v) for a, v in pairs}
    found: dict[str, pa.Table] = {}
    for objs in partitions(store, table, outlet).values():
        for key in objs:
            named = keys.parse_version(key.rsplit("/", 1)[1])
            if named and named not in names:
                continue
            data = read_table(store, key)
            if data is not None and _holds(data, pairs):
                found[key] = data
    return found


def _holds(data: pa.Table, pairs: set[tuple[str, int]]) -> bool:
    ids, versions = data.column("article_id").to_pylist(), data.column("version").to_pylist()
    return any((a, v) in pairs for a, v in zip(ids, versions, strict=True))


def replace_rows(
    store: Store,
    table: str,
    outlet: str,
    old: dict[str, pa.Table],
    pairs: set[tuple[str, int]],
    new_by_dt: dict[str, pa.Table],
) -> list[str]:
    """Swap the rows of ``pairs`` held in ``old`` objects for ``new_by_dt``; returns the keys written.

    Each touched partition becomes one object with its other rows kept; then the old objects go.
    """
    outlet = keys.safe(outlet)
    by_dt: dict[str, list[pa.Table]] = defaultdict(list)
    for key, data in old.items():
        ids, versions = data["article_id"].to_pylist(), data["version"].to_pylist()
        keep = [(a, v) not in pairs for a, v in zip(ids, versions, strict=True)]
        by_dt[keys.parse_partition(key)["dt"]].append(data.filter(pa.array(keep, pa.bool_())))
    for dt, data in new_by_dt.items():
        by_dt[dt].append(data)
    written = []
    for dt, parts in sorted(by_dt.items()):
        merged = merged_table(table, parts)
        if merged.num_rows:
            written.append(write_partition(store, table, outlet, dt, merged))
    for key in old:
        if key not in written:
            store.delete(key)
    return written


def recent_runs(store: Store, last: int = 5, outlets: list[str] | None = None) -> dict[str, list[dict]]:
    """outlet -> its ``last`` rows of the ``runs`` table, newest first.

    Reads the newest crawl-date partitions only, until ``last`` rows are found: a run's partition
    is the day it started, so an older partition never holds a newer run.
    """
    by_outlet: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
    for (outlet, dt), objs in partitions(store, "runs").items():
        if not outlets or outlet in outlets:
            by_outlet[outlet].append((dt, objs))
    newest = {outlet: sorted(parts, reverse=True) for outlet, parts in sorted(by_outlet.items())}
    return {outlet: _newest_runs(store, parts, last) for outlet, parts in newest.items()}


def _newest_runs(store: Store, parts: list[tuple[str, list[str]]], last: int) -> list[dict]:
    """The ``last`` newest ``runs`` rows in ``parts`` ((dt, keys), newest partition first)."""
    rows: dict[str, dict] = {}  # run_id -> row: a partition mid-compaction may list a row twice
    for _dt, objs in parts:
        for key in objs:
            data = read_table(store, key)
            rows.update((r["run_id"], r) for r in (data.to_pylist() if data is not None else []))
        if len(rows) >= last:
            break
    return sorted(rows.values(), key=lambda r: r["started_at"], reverse=True)[:last]
