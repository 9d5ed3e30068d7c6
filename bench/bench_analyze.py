"""Benchmark: CPU time of the whole `newsmon analyze` over many pages beside one
`trafilatura.bare_extraction` pass over the same pages, same run.

    .venv/bin/python bench/bench_analyze.py [--copies 4] [--rounds 3]

The pages are the extraction sets (``<shared>/corpus/extraction-dev`` and ``extraction-modern``,
see eval_extract.py) and the asiae fixture pages, each repeated ``--copies`` times, written to a temporary folder. The
baseline reads, decodes and extracts them in one process; `newsmon analyze` runs as the command
line does (a fresh process: start-up, extraction with metadata, detection, JSON out). Both are
measured as CPU time (user + system; the child's from ``getrusage``), not wall time: the machine
is shared, and wall time measures the neighbours. The target is a ratio at or below 1.3.
"""

from __future__ import annotations

import argparse
import gzip
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "include"))

import trafilatura  # noqa: E402
from eval_extract import shared_dir  # noqa: E402

from newsmon.fetch import decode_html  # noqa: E402


def page_bytes() -> list[tuple[str, bytes, str]]:
    """(name, raw bytes, profile) of every page: the dev set (generic) and the fixture site (asiae)."""
    pages = []
    for name in ("extraction-dev", "extraction-modern"):
        corpus = shared_dir() / "corpus" / name / "html"
        for path in sorted(corpus.glob("*.html.gz")) if corpus.exists() else []:
            pages.append((path.name.removesuffix(".gz"), gzip.decompress(path.read_bytes()), "generic"))
    for path in sorted((REPO / "tests" / "fixtures" / "site").rglob("*.html")):
        raw = path.read_bytes().replace(b"{{BASE}}", b"https://www.asiae.co.kr")
        pages.append((path.name, raw, "asiae"))
    return pages


def _children_cpu() -> float:
    """CPU seconds (user + system) used so far by this process's finished children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _baseline(paths: list[str]) -> float:
    """CPU seconds of one decode + ``bare_extraction`` pass over ``paths`` in this process."""
    t0 = time.process_time()
    for path in paths:
        trafilatura.bare_extraction(decode_html(Path(path).read_bytes())[0])
    return time.process_time() - t0


def _analyze(files: dict[str, list[str]]) -> list[tuple[str, int, float, int]]:
    """(profile, pages, CPU seconds, lines out) of one fresh `newsmon analyze` per profile."""
    runs = []
    for profile, paths in files.items():
        if not paths:
            continue
        cmd = [sys.executable, "-m", "newsmon", "analyze", *(["--outlet", "asiae"] if profile == "asiae" else [])]
        t0 = _children_cpu()
        proc = subprocess.run([*cmd, *paths], capture_output=True, text=True, check=False)
        runs.append((profile, len(paths), _children_cpu() - t0, proc.stdout.count("\n")))
    return runs


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=4, help="times each page is repeated")
    ap.add_argument(
        "--rounds", type=int, default=1, help="baseline and analyze alternated this often; the least CPU of each"
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files: dict[str, list[str]] = {"generic": [], "asiae": []}
        for copy in range(args.copies):
            for name, raw, profile in page_bytes():
                path = Path(tmp) / f"{copy}-{name}"
                path.write_bytes(raw)
                files[profile].append(str(path))
        all_files = files["generic"] + files["asiae"]
        # alternated, so both meet the same neighbours; the least CPU is the least disturbed round
        rounds = [(_baseline(all_files), _analyze(files)) for _ in range(max(1, args.rounds))]
    base_s = min(r[0] for r in rounds)
    runs = min((r[1] for r in rounds), key=lambda runs: sum(x[2] for x in runs))
    analyze_s = sum(r[2] for r in runs)
    n = len(all_files)
    print(f"pages: {n} ({', '.join(f'{r[1]} {r[0]}' for r in runs)}); CPU time (user + system), best of {len(rounds)}")
    print(f"{'path':<52}{'CPU s':>9}{'ms/page':>9}{'ratio':>8}")
    print(f"{'baseline: trafilatura.bare_extraction, one pass':<52}{base_s:>9.2f}{1000 * base_s / n:>9.1f}{1:>8.2f}")
    for profile, count, secs, lines in runs:
        label = f"newsmon analyze ({profile} pages, {lines} lines out)"
        print(f"{label:<52}{secs:>9.2f}{1000 * secs / count:>9.1f}{'':>8}")
    print(f"{'newsmon analyze, all pages':<52}{analyze_s:>9.2f}{1000 * analyze_s / n:>9.1f}{analyze_s / base_s:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
