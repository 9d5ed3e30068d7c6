"""Sitemap parsing memory: streamed (newsmon.sitemap) beside the whole-document parse it replaced.

A sitemap of N URLs is parsed both ways in the same run, each in a fresh process; the figure is
the process's peak RSS growth over its RSS with the body already built (lxml's tree lives in C,
where tracemalloc cannot see it). The baseline holds the whole body and the whole lxml tree, as
``discover.parse_sitemap`` did before it streamed. ``python bench/bench_sitemap.py``
"""

from __future__ import annotations

import gzip
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "tests" / "helpers"))

from lxml import etree  # noqa: E402
from test_sitemap_wild import urlset  # noqa: E402

from newsmon.sitemap import SitemapReader  # noqa: E402

URLS = 50_000
CHUNK = 64 * 1024  # what the fetcher reads per socket read


def _chunks(path: str):
    """The body as the fetcher gets it: CHUNK bytes at a time."""
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            yield chunk


def _baseline(path: str) -> int:
    """Hold the whole body, parse it to a tree, walk it: the pre-streaming way."""
    data = b"".join(_chunks(path))
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    return sum(1 for node in root if node.find("{http://www.sitemaps.org/schemas/sitemap/0.9}loc") is not None)


def _streamed(path: str) -> int:
    reader = SitemapReader("bench")
    for chunk in _chunks(path):
        reader.feed(chunk)
    reader.finish()
    return len(reader.urls)


def _status_mb(field: str) -> float:
    with open("/proc/self/status") as fh:
        line = next(x for x in fh if x.startswith(field + ":"))
    return int(line.split()[1]) / 1024


def _reset_peak() -> None:
    """Reset the kernel's peak-RSS mark (Linux: '5' to clear_refs), so imports' peaks don't count."""
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")


def _one(mode: str, path: str) -> None:
    """Child process: parse the body file one way; print urls, peak RSS growth (MB), seconds."""
    _reset_peak()
    before = _status_mb("VmRSS")
    t0 = time.perf_counter()
    n = (_baseline if mode == "baseline" else _streamed)(path)
    print(n, _status_mb("VmHWM") - before, time.perf_counter() - t0)


def _measure(mode: str, path: str) -> tuple[int, float, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--one", mode, path], capture_output=True, text=True, check=True
    ).stdout.split()
    return int(out[0]), float(out[1]), float(out[2])


def main() -> int:
    if sys.argv[1:2] == ["--one"]:
        _one(sys.argv[2], sys.argv[3])
        return 0
    print(f"{'sitemap':<22}{'parse':<24}{'urls':>8}{'RSS +MB':>9}{'seconds':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for urls in (URLS // 5, URLS):
            xml = urlset("https://www.asiae.co.kr", urls)
            plain, packed = Path(tmp, "s.xml"), Path(tmp, "s.xml.gz")
            plain.write_bytes(xml)
            packed.write_bytes(gzip.compress(xml))
            rows = {
                "baseline (whole tree)": _measure("baseline", str(plain)),
                "streamed": _measure("stream", str(plain)),
                "streamed, gzip": _measure("stream", str(packed)),
            }
            for label, (n, grow, seconds) in rows.items():
                print(f"{f'{urls:,} URLs, {len(xml) / 1e6:.1f} MB':<22}{label:<24}{n:>8}{grow:>9.1f}{seconds:>9.2f}")
            ratio = rows["streamed"][1] / max(rows["baseline (whole tree)"][1], 0.1)
            print(f"{'':<22}{'RSS growth streamed / baseline':<32}{ratio:>9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
