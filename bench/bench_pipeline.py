"""Benchmark: replay N fixture pages through `newsmon run`'s pipeline against the local fixture site
and the embedded SeaweedFS store, beside bare `trafilatura.extract` on the same pages, same run.

    .venv/bin/python bench/bench_pipeline.py [--pages 300]

Prints pages/s for: the full pipeline (HTTP fetch + extract + detect + 2 parquet PUTs per article),
extract+detect alone (what `newsmon analyze` does), and the baseline. Ratios, not absolute
figures, are what to compare across machines.
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "helpers"))

import trafilatura  # noqa: E402
from support import SITE_DIR, FixtureSite  # noqa: E402

from newsmon import embedded  # noqa: E402
from newsmon.config import parse_config  # noqa: E402
from newsmon.detect import detect, load_taxonomy  # noqa: E402
from newsmon.extract import extract  # noqa: E402
from newsmon.pipeline import new_run_id, run_outlet  # noqa: E402
from newsmon.store import Store  # noqa: E402


def article_sources() -> list[Path]:
    """The fixture article pages the benchmark pages are made from (UTF-8 ones)."""
    return sorted(p for p in SITE_DIR.rglob("*.html") if "cp949" not in p.name)


def make_page(i: int, source: Path, base: str) -> tuple[str, bytes]:
    """(path, html) of page ``i`` made from a fixture article: a new 19-digit id, a numbered title."""
    src = source.read_bytes().replace(b"{{BASE}}", base.encode())
    old_id = re.search(rb"\d{19}", source.name.encode()).group()
    new_id = b"2025112012" + f"{i:09d}".encode()
    html = src.replace(old_id, new_id).replace(b"</h1>", f" #{i}</h1>".encode(), 1)
    edition = "en/" if b'lang="en"' in src[:500] else ""
    return f"/bench/{edition}article/{new_id.decode()}", html


def make_pages(n: int, base: str) -> dict[str, bytes]:
    """n distinct article pages made from the fixture articles: new ids, numbered titles."""
    sources = article_sources()
    return dict(make_page(i, sources[i % len(sources)], base) for i in range(n))


def arrow_s3(info: embedded.StoreInfo):
    """A pyarrow S3 filesystem on the embedded store, as docs/schema.md's readers build it."""
    import pyarrow.fs

    return pyarrow.fs.S3FileSystem(
        endpoint_override=info.endpoint_url,
        access_key=info.access_key,
        secret_key=info.secret_key,
        region="us-east-1",
        force_virtual_addressing=False,
    )


def feed(base: str, paths: list[str]) -> bytes:
    items = "".join(f"<item><title>a{i}</title><link>{base}{p}</link></item>" for i, p in enumerate(paths))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>b</title>{items}</channel></rss>'.encode()


def route(body: bytes, ctype: str = "text/html; charset=utf-8"):
    def handler(req):
        req.send_response(200)
        req.send_header("Content-Type", ctype)
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body)

    return handler


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=300)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, FixtureSite() as site:
        pages = make_pages(args.pages, site.base)
        site.routes.update({p: route(b) for p, b in pages.items()})
        site.routes["/bench/rss.htm"] = route(feed(site.base, list(pages)))
        site.routes["/robots.txt"] = route(b"User-agent: *\nAllow: /\n", "text/plain")
        htmls = [b.decode("utf-8") for b in pages.values()]

        # baseline: bare trafilatura on the same pages
        t0 = time.perf_counter()
        for h in htmls:
            trafilatura.extract(h)
        base_s = time.perf_counter() - t0

        # extract + detect (the analyze path)
        tax = load_taxonomy()
        t0 = time.perf_counter()
        for url, h in zip(pages, htmls, strict=True):
            detect(extract(h, site.base + url, "bench", "asiae"), tax)
        analyze_s = time.perf_counter() - t0

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
            t0 = time.perf_counter()
            result = run_outlet(cfg.outlets[0], cfg, store, new_run_id("bench"))
            run_s = time.perf_counter() - t0
        finally:
            embedded.stop(Path(tmp) / "store")
    n = args.pages
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert result.stored == n, result
    print(f"pages: {n} (asiae-shaped fixtures, KO and EN; one process, 2 cores shared)")
    print(f"{'path':<44}{'pages/s':>10}{'ms/page':>10}{'vs baseline':>13}")
    rows = [
        ("baseline: trafilatura.extract(html)", base_s),
        ("newsmon extract+detect (analyze path)", analyze_s),
        ("newsmon run pipeline (HTTP+extract+detect+S3)", run_s),
    ]
    for name, secs in rows:
        print(f"{name:<44}{n / secs:>10.1f}{1000 * secs / n:>10.1f}{base_s / secs:>12.2f}x")
    print(f"stored {result.stored} articles, {result.events} events; peak RSS {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
