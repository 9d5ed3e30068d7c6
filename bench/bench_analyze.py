"""Benchmark: CPU time of the whole `newsmon analyze` over many pages beside one
`trafilatura.bare_extraction` pass over the same pages, same run.

    .venv/bin/python bench/bench_analyze.py [--copies 4] [--rounds 3]

The pages are the extraction sets (``<shared>/corpus/extraction-dev`` and ``extraction-modern``,
see eval_extract.py) and the asiae fixture pages, each repeated ``--copies`` times, written to a temporary folder. The
baseline reads, decodes and extracts them in one process; `newsmon analyze` runs as the command
line does (a fresh process: start-up, extraction with metadata, detection, JSON out). Both are
measured as CPU time (user + system; the child's from ``getrusage``), not wall time: the machine
is shared, and wall time measures the neighbours. The target is a ratio at or below 1.3.

The whole-command ratio mixes two costs, which it also prints apart: the fixed cost of one process
(start-up, imports, the taxonomy, the lemmatiser, Kiwi and its first analysis, trafilatura's set-up),
measured as `newsmon analyze` over one short page that loads all of them, and the per-page cost
after it, beside the baseline's; from these, the pages one process needs before the whole command
meets the target (never, when the per-page ratio is at or above it).
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


# Target of the whole command, and the page that loads everything a process loads once: a Korean and
# an English sentence that each name the US, China and a topic, so Kiwi and the lemmatiser load.
TARGET_RATIO = 1.3
LOADING_PAGE = (
    "<html lang='ko'><head><title>미국과 중국, 관세 합의</title></head><body><article>"
    "<p>미국과 중국이 3일 관세를 인하하기로 합의했다. 양측은 협상을 이어가기로 했다.</p>"
    "<p>The United States and China agreed to cut tariffs, officials in Washington and Beijing said.</p>"
    "</article></body></html>"
)


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


def _fixed(tmp: str, profiles: list[str]) -> dict[str, float]:
    """CPU seconds of a fresh `newsmon analyze` over the one loading page, per profile: the
    process's fixed cost."""
    path = Path(tmp) / "loading-page.html"
    path.write_text(LOADING_PAGE, encoding="utf-8")
    return {run[0]: run[2] for run in _analyze({profile: [str(path)] for profile in profiles})}


def _breakdown(runs: list[tuple[str, int, float, int]], fixed: dict[str, float], base_s: float, n: int) -> None:
    """Print the fixed cost per process, the per-page ratio after it and the break-even page count."""
    fixed_s = sum(fixed[profile] for profile, *_ in runs)
    per_page = (sum(r[2] for r in runs) - fixed_s) / n
    base_page = base_s / n
    ratio = per_page / base_page
    print(f"fixed cost per process (one loading page): {', '.join(f'{p} {s:.2f} s' for p, s in fixed.items())}")
    print(f"per page after it: analyze {1000 * per_page:.1f} ms, baseline {1000 * base_page:.1f} ms, ratio {ratio:.2f}")
    if ratio >= TARGET_RATIO:
        print(f"whole command at or below {TARGET_RATIO}x: never (the per-page ratio is above it)")
    else:
        pages = max(fixed.values()) / (TARGET_RATIO * base_page - per_page)
        print(f"whole command at or below {TARGET_RATIO}x from ~{pages:.0f} pages per process")


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
        profiles = [profile for profile, paths in files.items() if paths]
        fixed_rounds = [_fixed(tmp, profiles) for _ in range(max(1, args.rounds))]
    fixed = {profile: min(r[profile] for r in fixed_rounds) for profile in fixed_rounds[0]}
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
    _breakdown(runs, fixed, base_s, n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
