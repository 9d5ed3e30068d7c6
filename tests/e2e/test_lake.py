"""The parquet lake end to end: raw WARC archive, reprocess from raw, compaction, mentions, readers."""

from __future__ import annotations

import gzip
import io
import json
from datetime import UTC, date, datetime

import pyarrow as pa
import pytest
from e2e_helpers import discoverable, newsmon, object_etags
from support import write_config
from warcio.archiveiterator import ArchiveIterator

from newsmon import lake
from newsmon.index import IndexEntry, save_index
from newsmon.schema import DERIVED, PRIMARY_KEYS, TABLES
from newsmon.tables import put_table, read_prefix

pytestmark = pytest.mark.e2e
FAR_FUTURE = date(2100, 1, 1)  # every crawl-date partition is closed by then


def _run(cfg, s3_env, *extra):
    proc = newsmon("run", "--config", str(cfg), "--json", *extra, env=s3_env)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])["outlets"][0]


def _reprocess(cfg, s3_env, *extra):
    proc = newsmon("reprocess", "--from-raw", "--config", str(cfg), "--json", *extra, env=s3_env)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])["outlets"][0]


def _rows(store, table: str, drop: tuple[str, ...] = ()) -> list[dict]:
    """Every row of a table, without ``drop`` columns, sorted by primary key (then everything)."""
    rows = [{k: v for k, v in r.items() if k not in drop} for r in read_prefix(store, table).to_pylist()]
    key = PRIMARY_KEYS[table]
    return sorted(rows, key=lambda r: ([str(r[k]) for k in key], json.dumps(r, default=str, sort_keys=True)))


def _snapshot(store) -> dict[str, list[dict]]:
    return {t: _rows(store, t) for t in TABLES}


def test_raw_archive_holds_request_and_response_of_every_fetch(tmp_path, site, store, s3_env, seaweed):
    cfg = write_config(tmp_path / "c.yaml", site.base, None, seaweed.endpoint_url, bucket=store.bucket)
    _run(cfg, s3_env)
    keys = [k for k in store.keys("raw/") if k.endswith(".warc.gz")]
    assert len(keys) == 1 and keys[0].startswith("raw/outlet=asiae/dt=")
    data = store.get(keys[0])
    assert gzip.decompress(data).startswith(b"WARC/1.1")
    records = list(ArchiveIterator(io.BytesIO(data)))
    requests_ = [r for r in records if r.rec_type == "request"]
    responses = [r for r in records if r.rec_type == "response"]
    answered = [f for f in read_prefix(store, "fetches").to_pylist() if f["status"] is not None]
    assert len(requests_) == len(responses) == len(answered) > len(discoverable())
    noted = {r.rec_headers.get_header("WARC-Newsmon-Article-Id") for r in responses} - {None}
    stored = {a["article_id"] for a in read_prefix(store, "articles").to_pylist()}
    assert noted == stored


def test_mentions_count_every_matched_term(tmp_path, site, store, s3_env, seaweed):
    cfg = write_config(tmp_path / "c.yaml", site.base, None, seaweed.endpoint_url, bucket=store.bucket)
    _run(cfg, s3_env)
    articles = {a["article_id"]: a for a in read_prefix(store, "articles").to_pylist()}
    mentions = read_prefix(store, "mentions").to_pylist()
    assert mentions and all(m["count"] >= 1 for m in mentions)
    for aid, art in articles.items():
        assert sorted({m["topic"] for m in mentions if m["article_id"] == aid}) == sorted(art["topics"])
    m = max(mentions, key=lambda r: r["count"])
    art = articles[m["article_id"]]
    text = "\n".join([art["title"], *art["summary"], art["body"]]).casefold()
    assert text.count(m["term"].casefold()) == m["count"]


def test_reprocess_from_raw_rebuilds_the_tables_offline(tmp_path, site, webhook, store, s3_env, seaweed):
    cfg = write_config(tmp_path / "c.yaml", site.base, webhook.url, seaweed.endpoint_url, bucket=store.bucket)
    _run(cfg, s3_env)
    before = _snapshot(store)
    assert before["articles"] and before["events"] and before["mentions"]

    # in place: rows identical, and a second pass writes nothing new
    hits = len(site.requests)
    out = _reprocess(cfg, s3_env)
    assert out["rebuilt"] == len(discoverable()) and out["failed"] == 0, out
    assert len(site.requests) == hits  # no network
    assert _snapshot(store) == before
    etags = {p: object_etags(store, f"{p}/") for p in DERIVED}
    _reprocess(cfg, s3_env)
    assert {p: object_etags(store, f"{p}/") for p in DERIVED} == etags

    # from nothing: drop every derived object, rebuild from raw alone
    for table in DERIVED:
        for key in list(store.keys(f"{table}/")):
            store.delete(key)
    out = _reprocess(cfg, s3_env, "--since", "2000-01-01")
    assert out["rebuilt"] == len(discoverable())
    assert _rows(store, "articles") == before["articles"]
    assert _rows(store, "mentions") == before["mentions"]
    assert _rows(store, "events", drop=("detected_at",)) == [
        {k: v for k, v in r.items() if k != "detected_at"} for r in before["events"]
    ]
    assert len(site.requests) == hits

    # the index agrees with the rebuilt rows: a re-fetch finds nothing changed, sends no alert
    sent = len(webhook.received)
    again = _run(cfg, s3_env, "--refetch-known")
    assert again["stored"] == 0 and again["unchanged"] == len(discoverable()), again
    assert _rows(store, "articles") == before["articles"] and len(webhook.received) == sent

    # a date after every capture rebuilds nothing and removes nothing
    out = _reprocess(cfg, s3_env, "--since", "2099-01-01")
    assert out["rebuilt"] == 0 and _rows(store, "articles") == before["articles"]


def test_compaction_keeps_rows_identical_and_reruns_add_none(tmp_path, site, store, s3_env, seaweed):
    cfg = write_config(tmp_path / "c.yaml", site.base, None, seaweed.endpoint_url, bucket=store.bucket)
    _run(cfg, s3_env)
    _run(cfg, s3_env, "--refetch-known")  # a second fetches/runs object in today's partition
    before = _snapshot(store)
    counts = {t: len(list(store.keys(f"{t}/"))) for t in TABLES}
    assert counts["articles"] == len(discoverable()) and counts["runs"] == 2

    # today's crawl partitions are open: fetches/runs stay as they are
    assert lake.compact_table(store, "runs").partitions == 0
    results = {t: lake.compact_table(store, t, today=FAR_FUTURE) for t in TABLES}
    assert _snapshot(store) == before
    for table in TABLES:
        parts = lake.partitions(store, table)
        assert all(len(keys) == 1 for keys in parts.values()), (table, parts)
    assert len(list(store.keys("runs/"))) == 1 and results["runs"].objects_in == 2
    assert sum(r.objects_out for r in results.values()) < sum(r.objects_in for r in results.values())

    # compacting again changes no object
    etags = {t: object_etags(store, f"{t}/") for t in TABLES}
    assert all(lake.compact_table(store, t, today=FAR_FUTURE).partitions == 0 for t in TABLES)
    assert {t: object_etags(store, f"{t}/") for t in TABLES} == etags

    # a rerun over compacted partitions adds no row; an edit adds exactly one version
    again = _run(cfg, s3_env, "--refetch-known")
    assert again["stored"] == 0
    for table in DERIVED:
        assert object_etags(store, f"{table}/") == etags[table]
    target = discoverable()[0]
    page = (site.root / target["file"]).read_bytes().replace(b"{{BASE}}", site.base.encode())
    first = target["must_contain"][0].encode()
    site.overrides[target["url_path"]] = page.replace(first, first + b" (updated)")
    assert _run(cfg, s3_env, "--refetch-known")["stored"] == 1
    rows = read_prefix(store, "articles").to_pylist()
    pairs = [(r["article_id"], r["version"]) for r in rows]
    assert len(pairs) == len(set(pairs)) == len(discoverable()) + 1


def test_unindexed_version_is_not_compacted(store):
    """An object a crashed run wrote before saving its index stays out of compaction."""
    schema = TABLES["articles"]
    for aid, v in (("x-1", 1), ("x-1", 2), ("x-2", 1)):
        row = {"article_id": aid, "version": v, "outlet": "o", "url": "u", "title": "t", "body": "b"}
        put_table(store, f"articles/outlet=o/dt=2025-01-01/{aid}-v{v}.parquet", pa.Table.from_pylist([row], schema))
    result = lake.compact_table(store, "articles", today=FAR_FUTURE)
    assert result.partitions == 0 and result.left_unsettled == 3  # no index yet: nothing is final
    now = datetime.now(UTC)
    save_index(store, "o", {"x-1": IndexEntry(1, "f", set(), now), "x-2": IndexEntry(1, "f", set(), now)})
    result = lake.compact_table(store, "articles", today=FAR_FUTURE)
    assert (result.objects_in, result.left_unsettled) == (2, 1)
    keys = sorted(k.rsplit("/", 1)[1] for k in store.keys("articles/"))
    assert len(keys) == 2 and keys[1] == "x-1-v2.parquet" and keys[0].startswith("part-")
    assert sorted((r["article_id"], r["version"]) for r in read_prefix(store, "articles").to_pylist()) == [
        ("x-1", 1),
        ("x-1", 2),
        ("x-2", 1),
    ]
