"""Load benchmark: one `run_outlet` over 10,000 article pages, with bounded memory, no duplicates.

    .venv/bin/python bench/bench_load.py [--pages 10000] [--baseline-pages 1000] [--pad-kb 110]

A loopback fixture site (tests/helpers/support.py's FixtureSite, pages made by bench_pipeline.make_page
from the fixture articles: new ids, numbered titles) serves N distinct article pages behind a
sitemap index, padded with an inline script to ~120 KB, the median size of the 50 real news pages
in ../shared/corpus/extraction-dev (the fixtures alone are ~11 KB). The pipeline runs against the
embedded SeaweedFS store with `max_pages` N and no delay.

Each measurement runs in a child process of its own, so its peak RSS (ru_maxrss of RUSAGE_SELF)
is its own; the site and the store run in this process and SeaweedFS's, and are not counted.
Measured in the same run, on the smaller baseline N:

- bare: requests.get + trafilatura.extract of the same pages, nothing kept (speed floor of
  fetch + extract without detection or storage);
- hold-all: the pipeline as before issue 8, every page held until the end of the run
  (FLUSH_EVERY and FLUSH_BYTES set beyond the run);
- batched: the pipeline as it is (FLUSH_EVERY pages per part).

Then batched on N. Checks: every page stored exactly once (articles rows, fetches rows and raw
WARC captures per URL), and the batched run's peak RSS <= --max-rss-mb; exits 1 when one fails.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "helpers"))
sys.path.insert(0, str(REPO / "bench"))

from bench_pipeline import arrow_s3, article_sources, make_page, route  # noqa: E402
from support import FixtureSite  # noqa: E402

from newsmon import embedded, raw  # noqa: E402
from newsmon.tables import read_prefix  # noqa: E402

# URLs per child sitemap: news sites split theirs by day or by a few thousand entries; 5,000
# keeps 10,000 pages to a sitemap index and 2 children, far under discover's MAX_SITEMAPS.
SITEMAP_CHUNK = 5000
# The memory target for one outlet's run, whatever its page count.
MAX_RSS_MB = 400
OUTLET = "load"


def padded(html: bytes, i: int, pad_kb: int) -> bytes:
    """``html`` with ~``pad_kb`` KB of page furniture (an inline script) that extraction drops."""
    if pad_kb <= 0:
        return html
    filler = random.Random(i).randbytes(pad_kb * 512).hex()  # distinct per page, like real markup
    return html.replace(b"</head>", f'<script>var pad="{filler}";</script></head>'.encode(), 1)


class LoadSite:
    """N article pages made on request (nothing held), a sitemap index and robots.txt."""

    def __init__(self, site: FixtureSite, n: int, pad_kb: int) -> None:
        self.site, self.pad_kb = site, pad_kb
        self.sources = article_sources()
        self.index: dict[str, int] = {}  # path -> page number
        for i in range(n):
            path, _ = make_page(i, self.sources[i % len(self.sources)], site.base)
            self.index[path] = i
        self.paths = list(self.index)
        site.routes.update({p: self._serve for p in self.paths})
        site.routes["/robots.txt"] = route(b"User-agent: *\nAllow: /\n", "text/plain")

    def _serve(self, req) -> None:
        i = self.index[req.path.split("?", 1)[0]]
        _, html = make_page(i, self.sources[i % len(self.sources)], self.site.base)
        route(padded(html, i, self.pad_kb))(req)

    def sitemap(self, name: str, n: int) -> str:
        """Publish a sitemap index over the first ``n`` pages at /load/<name>.xml; its URL."""
        chunks = [self.paths[k : min(k + SITEMAP_CHUNK, n)] for k in range(0, n, SITEMAP_CHUNK)]
        children = []
        for c, paths in enumerate(chunks):
            child = f"/load/{name}-{c}.xml"
            locs = "".join(f"<url><loc>{self.site.base}{p}</loc></url>" for p in paths)
            self.site.routes[child] = route(_urlset("urlset", locs), "application/xml")
            children.append(f"<sitemap><loc>{self.site.base}{child}</loc></sitemap>")
        self.site.routes[f"/load/{name}.xml"] = route(_urlset("sitemapindex", "".join(children)), "application/xml")
        return f"{self.site.base}/load/{name}.xml"


def _urlset(tag: str, body: str) -> bytes:
    ns = "http://www.sitemaps.org/schemas/sitemap/0.9"
    return f'<?xml version="1.0" encoding="UTF-8"?><{tag} xmlns="{ns}">{body}</{tag}>'.encode()


# --- the measured child processes -------------------------------------------------------------


def worker_pipeline(args: argparse.Namespace) -> dict:
    """One run_outlet over the sitemap, with the given batch size; timings and peak RSS."""
    from newsmon import pipeline
    from newsmon.config import parse_config
    from newsmon.store import Store

    if args.flush_every:
        pipeline.FLUSH_EVERY = args.flush_every
        pipeline.FLUSH_BYTES = 1 << 62  # hold-all: only the page count decides
    cfg = parse_config(
        {
            "storage": {"endpoint_url": args.endpoint, "bucket": args.bucket},
            "outlets": [
                {
                    "name": OUTLET,
                    "profile": "asiae",
                    "sitemaps": [args.sitemap],
                    "allowed_domains": ["127.0.0.1"],
                    "delay_seconds": 0,
                    "max_pages": args.pages,
                }
            ],
        },
        env=dict(os.environ),
    )
    t0 = time.perf_counter()
    result = pipeline.run_outlet(cfg.outlets[0], cfg, Store(cfg.storage), f"load-{args.bucket}")
    seconds = time.perf_counter() - t0
    return {
        "seconds": seconds,
        "stored": result.stored,
        "fetched": result.fetched,
        "failed": result.failed,
        "problems": result.problems,
        "peak_rss_mb": _peak_rss_mb(),
    }


def worker_bare(args: argparse.Namespace) -> dict:
    """The same pages fetched with requests and extracted with trafilatura; nothing kept."""
    import requests
    import trafilatura
    from lxml import etree

    session = requests.Session()
    index = etree.fromstring(session.get(args.sitemap, timeout=30).content)
    children = [el.text for el in index.iter("{*}loc")]
    urls = [el.text for c in children for el in etree.fromstring(session.get(c, timeout=30).content).iter("{*}loc")]
    t0 = time.perf_counter()
    extracted = 0
    for url in urls[: args.pages]:
        resp = session.get(url, timeout=30)
        extracted += bool(trafilatura.extract(resp.text))
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "stored": extracted, "peak_rss_mb": _peak_rss_mb()}


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


# --- the parent: site, store, children, checks ------------------------------------------------


def measure(kind: str, pages: int, sitemap: str, info, flush_every: int = 0) -> dict:
    """Run one measurement in a child process (pipeline ones on a fresh bucket named ``kind``)."""
    worker = "bare" if kind == "bare" else "pipeline"
    bucket = f"{kind}-{pages}"
    if worker == "pipeline":
        _store(info, bucket).check(create=True)
    cmd = [sys.executable, __file__, "--worker", worker, "--pages", str(pages), "--sitemap", sitemap]
    cmd += ["--endpoint", info.endpoint_url, "--bucket", bucket, "--flush-every", str(flush_every)]
    env = {**os.environ, "AWS_ACCESS_KEY_ID": info.access_key, "AWS_SECRET_ACCESS_KEY": info.secret_key}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"bench-load: {kind} worker failed:\n{proc.stderr[-3000:]}")
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out.update(kind=kind, pages=pages, bucket=bucket)
    return out


def stored_once(info, bucket: str, urls: list[str]) -> dict:
    """Rows per page in articles (by the outlet's id), fetches and the raw archive (by URL)."""
    store = _store(info, bucket)
    articles = Counter(_source_ids(info, bucket))
    fetches = Counter(r["url"] for r in read_prefix(store, "fetches").to_pylist() if r["status"] is not None)
    raw_keys = sorted(k for k in store.keys("raw/") if k.endswith(".warc.gz"))
    captures = Counter(c.url for k in raw_keys for c in raw.read_captures(store.get(k)))
    want, want_ids = set(urls), {u.rsplit("/", 1)[1] for u in urls}
    return {
        "articles": sum(articles.values()),
        "fetch_parts": sum(1 for _ in store.keys("fetches/")),
        "raw_parts": len(raw_keys),
        "missing": len(want_ids - set(articles)) + len(want - set(fetches)) + len(want - set(captures)),
        "duplicates": sum(n - 1 for c in (articles, fetches, captures) for n in c.values()),
    }


def _source_ids(info, bucket: str) -> list[str]:
    """The source_id of every articles row, read with pyarrow.dataset as docs/schema.md shows."""
    import pyarrow.dataset as ds

    data = ds.dataset(f"{bucket}/articles", filesystem=arrow_s3(info), format="parquet", partitioning="hive")
    return data.to_table(columns=["source_id"]).column("source_id").to_pylist()


def report(rows: list[dict], check: dict, max_rss: float, store_peak: str) -> bool:
    """Print the figures; True when every check passed."""
    print(f"{'measurement':<52}{'pages':>7}{'pages/s':>9}{'peak RSS MB':>13}")
    for r in rows:
        name = {
            "bare": "baseline: requests.get + trafilatura.extract",
            "hold-all": "baseline: pipeline holding every page (pre-issue 8)",
            "batched": "newsmon run_outlet, batched (FLUSH_EVERY pages)",
        }[r["kind"]]
        print(f"{name:<52}{r['pages']:>7}{r['pages'] / r['seconds']:>9.1f}{r['peak_rss_mb']:>13.0f}")
    big = rows[-1]
    print(
        f"stored {check['articles']} article rows for {big['pages']} pages; fetches parts {check['fetch_parts']}, "
        f"raw parts {check['raw_parts']}; missing {check['missing']}, duplicates {check['duplicates']}"
    )
    print(f"SeaweedFS (own process, not counted above): peak RSS {store_peak}")
    ok_rss = big["peak_rss_mb"] <= max_rss
    every_run = all(r["stored"] == r["pages"] for r in rows)
    ok_rows = check["missing"] == 0 and check["duplicates"] == 0 and every_run
    print(f"peak RSS {big['peak_rss_mb']:.0f} MB <= {max_rss:.0f} MB: {'PASS' if ok_rss else 'FAIL'}")
    print(f"every page stored exactly once: {'PASS' if ok_rows else 'FAIL'}")
    return ok_rss and ok_rows


def _store_peak(pid: int) -> str:
    try:
        line = next(x for x in Path(f"/proc/{pid}/status").read_text().splitlines() if x.startswith("VmHWM"))
        return f"{int(line.split()[1]) / 1024:.0f} MB"
    except (OSError, StopIteration):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    """Parent: serve the pages, start the store, measure in children, check, print."""
    args = _parser().parse_args(argv)
    if args.worker:
        work = worker_pipeline if args.worker == "pipeline" else worker_bare
        print(json.dumps(work(args)))
        return 0
    small = min(args.baseline_pages, args.pages)
    with tempfile.TemporaryDirectory() as tmp, FixtureSite() as site:
        load = LoadSite(site, args.pages, args.pad_kb)
        s3, master, volume, filer = embedded.free_ports(4)
        ports = {"s3": s3, "master": master, "volume": volume, "filer": filer}
        info = embedded.start(Path(tmp) / "store", ports, bucket=None)
        try:
            small_map, big_map = load.sitemap("small", small), load.sitemap("all", args.pages)
            rows = [
                measure("bare", small, small_map, info),
                measure("hold-all", small, small_map, info, flush_every=small + 1000),
                measure("batched", small, small_map, info),
                measure("batched", args.pages, big_map, info),
            ]
            check = stored_once(info, rows[-1]["bucket"], [site.base + p for p in load.paths])
            store_peak = _store_peak(info.pid)
        finally:
            embedded.stop(Path(tmp) / "store")
    print(f"pages: {args.pages} (~{args.pad_kb + 11} KB each, asiae-shaped, KO and EN; 2 cores shared)")
    return 0 if report(rows, check, args.max_rss_mb, store_peak) else 1


def _store(info, bucket: str):
    """A Store on ``bucket`` of the embedded store."""
    from newsmon.config import StorageConfig
    from newsmon.store import Store

    return Store(StorageConfig(bucket, info.endpoint_url, access_key=info.access_key, secret_key=info.secret_key))


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--pages", type=int, default=10_000, help="article pages in the big run (default 10000)")
    ap.add_argument("--baseline-pages", type=int, default=1000, help="pages of the baseline runs (default 1000)")
    ap.add_argument("--pad-kb", type=int, default=110, help="KB of furniture added to each page (default 110)")
    ap.add_argument("--max-rss-mb", type=float, default=MAX_RSS_MB, help="peak RSS target of the big run")
    ap.add_argument("--worker", choices=["pipeline", "bare"], help=argparse.SUPPRESS)
    ap.add_argument("--sitemap", help=argparse.SUPPRESS)
    ap.add_argument("--endpoint", help=argparse.SUPPRESS)
    ap.add_argument("--bucket", help=argparse.SUPPRESS)
    ap.add_argument("--flush-every", type=int, default=0, help=argparse.SUPPRESS)
    return ap


if __name__ == "__main__":
    sys.exit(main())
