"""Benchmark the lake: what a crawl of N pages writes, and what compaction and reprocess cost and buy.

    .venv/bin/python bench/bench_lake.py [--pages 300]

Crawls N asiae-shaped fixture pages into the embedded SeaweedFS store, then prints: objects and
bytes per table, raw WARC bytes beside the pages' bytes, compaction (objects before/after,
seconds, rows identical), a DuckDB scan of the articles before and after compaction (the
reader-side gain), and `reprocess --from-raw` (versions/s, and that a second pass writes nothing).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "helpers"))
sys.path.insert(0, str(REPO / "bench"))

import duckdb  # noqa: E402
from bench_pipeline import arrow_s3, feed, make_pages, route  # noqa: E402
from fsspec.implementations.arrow import ArrowFSWrapper  # noqa: E402
from support import FixtureSite  # noqa: E402

from newsmon import embedded, lake  # noqa: E402
from newsmon.config import parse_config  # noqa: E402
from newsmon.pipeline import new_run_id, run_outlet  # noqa: E402
from newsmon.reprocess import reprocess_from_raw  # noqa: E402
from newsmon.schema import TABLES  # noqa: E402
from newsmon.store import Store  # noqa: E402
from newsmon.tables import read_prefix  # noqa: E402

CLOSED = date(2100, 1, 1)  # treat every crawl-date partition as closed, to compact fetches/runs too


class LakeFS(ArrowFSWrapper):
    """As in docs/schema.md: the bucket as an fsspec filesystem for DuckDB."""

    protocol = "lake"

    @classmethod
    def _strip_protocol(cls, path):
        return path.removeprefix("lake://").rstrip("/")


def sizes(store: Store, prefix: str) -> tuple[int, int]:
    """(objects, bytes) under prefix."""
    n = total = 0
    for page in store.client.get_paginator("list_objects_v2").paginate(Bucket=store.bucket, Prefix=prefix):
        for obj in page.get("Contents", []):
            n += 1
            total += obj["Size"]
    return n, total


def rows(store: Store) -> dict:
    return {
        t: sorted(json.dumps(r, default=str, sort_keys=True) for r in read_prefix(store, t).to_pylist()) for t in TABLES
    }


def duck_scan(con, bucket: str) -> float:
    """Seconds for a DuckDB aggregate over every article (median of 3)."""
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        con.sql(
            f"select count(*), count(distinct article_id), sum(length(body)) "
            f"from read_parquet('lake://{bucket}/articles/*/*/*.parquet', hive_partitioning = true)"
        ).fetchall()
        times.append(time.perf_counter() - t0)
    return sorted(times)[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=300)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, FixtureSite() as site:
        pages = make_pages(args.pages, site.base)
        site.routes.update({p: route(b) for p, b in pages.items()})
        site.routes["/bench/rss.htm"] = route(feed(site.base, list(pages)))
        site.routes["/robots.txt"] = route(b"User-agent: *\nAllow: /\n", "text/plain")
        s3, master, volume, filer = embedded.free_ports(4)
        info = embedded.start(
            Path(tmp) / "store", {"s3": s3, "master": master, "volume": volume, "filer": filer}, bucket="bench"
        )
        try:
            cfg = parse_config(
                {
                    "storage": {"endpoint_url": info.endpoint_url, "bucket": "bench"},
                    "outlets": [
                        {
                            "name": "bench",
                            "profile": "asiae",
                            "feeds": [site.base + "/bench/rss.htm"],
                            "allowed_domains": ["127.0.0.1"],
                            "delay_seconds": 0,
                            "max_pages": args.pages,
                        }
                    ],
                },
                env={"AWS_ACCESS_KEY_ID": info.access_key, "AWS_SECRET_ACCESS_KEY": info.secret_key},
            )
            store = Store(cfg.storage)
            result = run_outlet(cfg.outlets[0], cfg, store, new_run_id("bench"))
            assert result.stored == args.pages, result
            print(f"crawl: {args.pages} pages, {sum(len(b) for b in pages.values()) / 1e6:.2f} MB of HTML")
            print(f"{'prefix':<12}{'objects':>9}{'MB':>9}")
            for prefix in (*TABLES, "raw"):
                n, b = sizes(store, prefix + "/")
                print(f"{prefix:<12}{n:>9}{b / 1e6:>9.2f}")

            s3fs = arrow_s3(info)
            con = duckdb.connect()
            con.register_filesystem(LakeFS(s3fs))
            scan_before = duck_scan(con, "bench")

            before = rows(store)
            objects_before = {t: sizes(store, t + "/")[0] for t in TABLES}
            mb_before = sum(sizes(store, t + "/")[1] for t in TABLES) / 1e6
            t0 = time.perf_counter()
            for table in TABLES:
                lake.compact_table(store, table, today=CLOSED)
            compact_s = time.perf_counter() - t0
            objects_after = {t: sizes(store, t + "/")[0] for t in TABLES}
            same = rows(store) == before
            print(
                f"compaction: {sum(objects_before.values())} -> {sum(objects_after.values())} objects "
                f"({', '.join(f'{t} {objects_before[t]}->{objects_after[t]}' for t in TABLES)}) "
                f"in {compact_s:.2f}s; rows identical: {same}"
            )
            mb_after = sum(sizes(store, t + "/")[1] for t in TABLES) / 1e6
            print(f"parquet bytes: {mb_before:.2f} MB before, {mb_after:.2f} MB after compaction (bench bodies repeat")
            print("  the fixture articles, so zstd across rows gains more here than on real news)")
            scan_after = duck_scan(con, "bench")
            con.close()
            print(
                f"duckdb scan of articles: {scan_before * 1000:.0f} ms before, {scan_after * 1000:.0f} ms after "
                f"compaction ({scan_before / scan_after:.1f}x)"
            )

            t0 = time.perf_counter()
            out = reprocess_from_raw(cfg, store)[0]
            rep_s = time.perf_counter() - t0
            etags = {k: e for k, e in _etags(store).items()}
            reprocess_from_raw(cfg, store)
            unchanged = _etags(store) == etags
            print(
                f"reprocess --from-raw: {out.rebuilt} versions in {rep_s:.2f}s ({out.rebuilt / rep_s:.1f}/s); "
                f"rows identical: {rows(store) == before}; second pass changed no object: {unchanged}"
            )
        finally:
            embedded.stop(Path(tmp) / "store")
    return 0


def _etags(store: Store) -> dict[str, str]:
    out = {}
    for table in TABLES:
        for page in store.client.get_paginator("list_objects_v2").paginate(Bucket=store.bucket, Prefix=table + "/"):
            out.update({o["Key"]: o["ETag"] for o in page.get("Contents", [])})
    return out


if __name__ == "__main__":
    sys.exit(main())
