"""Benchmark the analyst report: a lake of 10,000 articles and 20,000 events, report in <= 10 s.

    .venv/bin/python bench/bench_report.py [--articles 10000] [--days 30]

Writes a synthetic asiae-shaped lake (Korean and English editions, four topics, some label flips;
tests/helpers/report_lake.py) into the embedded SeaweedFS store, one object per partition as compaction
leaves it, then times in the same run:

* the DuckDB query alone (events joined with articles over S3), the baseline;
* the whole report (query, grouping into stories, charts, pages);

and prints the ratio, the pages' sizes, and exits 1 when the report takes over 10 s or a page
weighs over 2 MB.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "helpers"))

from report_lake import TOPICS, make_rows, write_lake  # noqa: E402

from newsmon import embedded  # noqa: E402
from newsmon.config import parse_config  # noqa: E402
from newsmon.report_data import query_rows  # noqa: E402
from newsmon.report_job import build_report  # noqa: E402
from newsmon.store import Store  # noqa: E402

START = date(2026, 10, 1)
TARGET_SECONDS = 10.0
MAX_PAGE_BYTES = 2_000_000
# make_rows gives ~1.8 article rows per story (every other story has an English edition, one in
# five a second version); each article row carries two events here (its topic and the next).
ROWS_PER_STORY = 1.8


def lake_rows(articles: int, days: int) -> tuple[list[dict], list[dict]]:
    """``articles`` article rows and twice as many event rows."""
    arts, events = make_rows(START, days, int(articles / ROWS_PER_STORY) + 1)
    arts = arts[:articles]
    keep = {(a["article_id"], a["version"]) for a in arts}
    events = [e for e in events if (e["article_id"], e["version"]) in keep]
    second = [{**e, "topic": TOPICS[(TOPICS.index(e["topic"]) + 1) % len(TOPICS)]} for e in events]
    return arts, events + second


def main() -> int:
    """Start a store, run the benchmark, stop the store; the exit code."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--days", type=int, default=30)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        s3, master, volume, filer = embedded.free_ports(4)
        info = embedded.start(Path(tmp) / "s3", ports={"s3": s3, "master": master, "volume": volume, "filer": filer})
        try:
            return run(info, Path(tmp), args.articles, args.days)
        finally:
            embedded.stop(Path(tmp) / "s3")


def run(info, tmp: Path, n_articles: int, days: int) -> int:
    """Write the lake, time the query and the report, print the figures; 1 when a target is missed."""
    config = parse_config(
        {
            "storage": {"endpoint_url": info.endpoint_url, "bucket": "newsmon"},
            "outlets": [{"name": "asiae", "feeds": ["http://127.0.0.1:9/rss"], "allowed_domains": ["127.0.0.1"]}],
        },
        env=info.env(),
    )
    store = Store(config.storage)
    store.check(create=True)
    articles, events = lake_rows(n_articles, days)
    t0 = time.perf_counter()
    objects = write_lake(store, articles, events)
    print(
        f"lake: {len(articles)} articles, {len(events)} events in {objects} objects ({time.perf_counter() - t0:.1f} s)"
    )
    since, until = START, START + timedelta(days=days - 1)
    query_rows(config.storage, since, until)  # warm up: the first DuckDB connection loads parquet code
    t0 = time.perf_counter()
    rows = query_rows(config.storage, since, until)
    query_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    site = build_report(config, store, since, until, tmp / "site")
    report_s = time.perf_counter() - t0
    sizes = {p.name: p.stat().st_size for p in site.pages}
    print(f"duckdb query alone (baseline): {query_s:.2f} s for {len(rows)} event rows")
    print(f"whole report: {report_s:.2f} s ({report_s / query_s:.1f}x the query) for {len(site.pages)} pages")
    print("pages: " + ", ".join(f"{n} {b / 1e6:.2f} MB" for n, b in sorted(sizes.items())))
    ok = report_s <= TARGET_SECONDS and max(sizes.values()) <= MAX_PAGE_BYTES and len(rows) == len(events)
    print(
        f"target: report <= {TARGET_SECONDS:.0f} s, pages <= {MAX_PAGE_BYTES / 1e6:.0f} MB: {'met' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
