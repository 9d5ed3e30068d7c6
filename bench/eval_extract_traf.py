"""Score must-contain / must-not-contain checks on pages cached by adbar/trafilatura's test suite.

    .venv/bin/python bench/eval_extract_traf.py [--parts dev|test|dev,test] [--per-page]

Reads ``tests/corpus/extraction-traf/`` (``<name>.html`` plus ``expectations.json``; provenance in
its README.md). For each part of the frozen split (``expectations.json["_split"]``) it prints, per
extractor, the share of must-contain checks passed, the share of must-not-contain checks passed
and both together; newsmon's generic path beside the three trafilatura configurations of
``bench/eval_extract.py``, measured in the same run. No network. Tune on ``dev`` only: ``--parts``
defaults to ``dev`` so the test part is scored only when asked for.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_extract import EXTRACTORS, NEWSMON

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "extraction-traf"
# The four extractors compared: the generic path and the three trafilatura baselines.
COMPARED = (NEWSMON, *[name for name in EXTRACTORS if name.startswith("trafilatura")])


def load_pages(corpus: Path = CORPUS) -> dict[str, list[tuple[str, str, dict]]]:
    """{part: [(name, html, expectation)]} from the corpus folder, split by the frozen list."""
    expectations = json.loads((corpus / "expectations.json").read_text(encoding="utf-8"))
    test = set(expectations.pop("_split")["test"])
    parts: dict[str, list[tuple[str, str, dict]]] = {"dev": [], "test": []}
    for name in sorted(expectations):
        html = (corpus / f"{name}.html").read_text(encoding="utf-8")
        parts["test" if name in test else "dev"].append((name, html, expectations[name]))
    return parts


def check(text: str, expectation: dict) -> tuple[list[str], list[str]]:
    """(missing must-contain strings, present must-not-contain strings) for one output."""
    missing = [s for s in expectation["must_contain"] if s not in text]
    leaked = [s for s in expectation["must_not_contain"] if s in text]
    return missing, leaked


def score_part(pages: list[tuple[str, str, dict]], per_page: bool) -> None:
    """Print the pass shares of every compared extractor on one part."""
    for extractor in COMPARED:
        run = EXTRACTORS[extractor]
        pos = neg = pos_ok = neg_ok = 0
        for name, html, expectation in pages:
            missing, leaked = check(run(html, expectation["url"]), expectation)
            pos += len(expectation["must_contain"])
            neg += len(expectation["must_not_contain"])
            pos_ok += len(expectation["must_contain"]) - len(missing)
            neg_ok += len(expectation["must_not_contain"]) - len(leaked)
            if per_page and (missing or leaked):
                print(f"    {name}: missing {missing} leaked {leaked}")
        both = (pos_ok + neg_ok) / max(1, pos + neg)
        print(f"  {extractor:50s} contain {pos_ok}/{pos}  not-contain {neg_ok}/{neg}  all {both:.3f}")


def main() -> int:
    """Score the requested parts; exit 0 with a note when the corpus is not there."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", default="dev", help="comma-separated: dev, test")
    parser.add_argument("--per-page", action="store_true", help="list failed checks per page")
    args = parser.parse_args()
    if not (CORPUS / "expectations.json").exists():
        print(f"no corpus at {CORPUS}")
        return 0
    parts = load_pages()
    for part in args.parts.split(","):
        pages = parts[part]
        print(f"{part}: {len(pages)} pages")
        score_part(pages, args.per_page)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
