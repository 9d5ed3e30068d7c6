"""Benchmark: `newsmon analyze`'s work per page (extraction with metadata + detection, Kiwi
included) beside one `trafilatura.bare_extraction` pass over the same pages, and detection beside
the naive keyword baseline, all in CPU time measured in the same run.

    .venv/bin/python bench/bench_detect.py [--rounds 3]

Pages: the asiae fixture site (Korean and English) and the real pages of the shared extraction
corpora (``<shared>/corpus/extraction-dev`` and ``extraction-modern``), plus, for detection alone,
the labelled articles of ``tests/corpus/detection`` (text, no HTML). CPU time (``process_time``) is
per core; each figure is the best of ``--rounds`` passes, as the machine is shared. Kiwi's one-time
load is timed on its own and shown beside the per-page figures (it is paid once per process).
Issue 13's target: analyze <= 1.3x the CPU of bare_extraction per page.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "helpers"))
sys.path.insert(0, str(REPO / "bench"))

import trafilatura  # noqa: E402
from detect_eval import keyword_detector, load_corpus  # noqa: E402
from eval_extract import shared_dir  # noqa: E402

from newsmon import korean  # noqa: E402
from newsmon.detect import detect, load_taxonomy  # noqa: E402
from newsmon.extract import extract  # noqa: E402
from newsmon.fetch import decode_html  # noqa: E402

BASE = "https://www.asiae.co.kr"
TARGET_RATIO = 1.3


def pages() -> list[tuple[str, str, str]]:
    """(url, html, profile) of the fixture pages (asiae) and the shared corpora's pages (generic)."""
    out = []
    site = REPO / "tests" / "fixtures" / "site"
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).with_suffix("")
        html = decode_html(path.read_bytes())[0].replace("{{BASE}}", BASE)
        out.append((f"{BASE}/{rel}", html, "asiae"))
    for name in ("extraction-dev", "extraction-modern"):
        folder = shared_dir() / "corpus" / name / "html"
        for path in sorted(folder.glob("*.html.gz")) if folder.exists() else []:
            html = decode_html(gzip.decompress(path.read_bytes()))[0]
            out.append((f"https://example.invalid/{path.name[:-8]}", html, "generic"))
    return out


def best_cpu(fn, rounds: int) -> float:
    """The least CPU seconds ``fn`` took over ``rounds`` calls."""
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def kiwi_load_seconds() -> float:
    """CPU seconds of Kiwi's one load and first analysis in this process."""
    t0 = time.process_time()
    korean.analyse("미국과 중국은 관세를 인하하기로 합의했다.")
    return time.process_time() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    tax = load_taxonomy()
    load_s = kiwi_load_seconds()
    todo = pages()
    n = len(todo)

    def bare() -> None:
        for url, html, _ in todo:
            trafilatura.bare_extraction(html, url=url, with_metadata=True)

    def analyze() -> None:
        for url, html, profile in todo:
            with contextlib.suppress(Exception):  # a page extraction rejects is skipped, as analyze records it
                detect(extract(html, url, "bench", profile), tax)

    bare_s, an_s = best_cpu(bare, args.rounds), best_cpu(analyze, args.rounds)
    print(f"pages: {n} (fixture site + shared extraction corpora); CPU seconds, best of {args.rounds}")
    print(f"{'path':<58}{'ms/page':>9}{'ratio':>8}")
    print(f"{'baseline: trafilatura.bare_extraction (with metadata)':<58}{1000 * bare_s / n:>9.2f}{1:>8.2f}")
    print(f"{'newsmon analyze: extract + detect (Kiwi, steady state)':<58}{1000 * an_s / n:>9.2f}{an_s / bare_s:>8.2f}")
    once = (an_s + load_s) / bare_s
    print(f"{'  the same pass paying Kiwi load once (' + f'{load_s:.2f} s)':<58}{'':>9}{once:>8.2f}")
    articles = [i.article for lang in ("ko", "en") for split in ("dev", "test") for i in load_corpus(lang, split)]
    if articles:
        det_s = best_cpu(lambda: [detect(a, tax) for a in articles], args.rounds)
        kw_s = best_cpu(lambda: [keyword_detector(a, tax) for a in articles], args.rounds)
        m = len(articles)
        print(f"detection corpus: {m} articles (text), ms/article")
        print(f"{'  keyword baseline (terms + cues)':<58}{1000 * kw_s / m:>9.2f}{1:>8.2f}")
        print(f"{'  newsmon detect (Kiwi on candidate sentences)':<58}{1000 * det_s / m:>9.2f}{det_s / kw_s:>8.2f}")
    ok = an_s / bare_s <= TARGET_RATIO
    print(f"target analyze <= {TARGET_RATIO}x bare_extraction per page: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
