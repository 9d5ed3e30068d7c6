"""Evaluate detection on the labelled dev set and the seed, beside a naive keyword baseline.

    .venv/bin/python bench/eval_detect.py [--errors] [--taxonomy PATH]

Prints per-topic precision/recall (dev articles + seed), event precision/recall (sentences,
articles, seed, all), the hard-negative false-positive count and whether the seed comes out right,
for ``newsmon.detect`` and, in the same run, for the keyword baseline (any term = topic, any cue in a
sentence with a term = event). Exit 1 when a target of issue 4 is missed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "helpers"))

from detect_eval import DEVSET, Report, evaluate, keyword_detector, load_file, load_items, newsmon_detector

from newsmon.detect import TOPIC_IDS, load_taxonomy

# The targets: topic P >= 0.95, R >= 0.90; event P and R >= 0.90; no hard negative flagged.
TOPIC_PRECISION = 0.95
TOPIC_RECALL = 0.90
EVENT_PRECISION = 0.90
EVENT_RECALL = 0.90


def _pr(c) -> str:
    return f"{c.precision:5.2f} {c.recall:5.2f} ({c.tp:>3}/{c.fp:>2}/{c.fn:>2})"


def print_table(ours: Report, base: Report) -> None:
    """Two columns, detector and baseline: P R (tp/fp/fn) per row."""
    print(f"{'':<28}{'newsmon.detect':<26}{'keyword baseline':<26}")
    print(f"{'':<28}{'P     R     (tp/fp/fn)':<26}{'P     R     (tp/fp/fn)':<26}")
    for t in TOPIC_IDS:
        print(f"{'topic ' + t:<28}{_pr(ours.topics[t]):<26}{_pr(base.topics[t]):<26}")
    print(f"{'topics, all':<28}{_pr(ours.topics_all):<26}{_pr(base.topics_all):<26}")
    for part, label in (("sentence", "sentences"), ("article", "articles"), ("seed", "seed article")):
        print(f"{'events, ' + label:<28}{_pr(ours.events_by_part[part]):<26}{_pr(base.events_by_part[part]):<26}")
    print(f"{'events, all':<28}{_pr(ours.events):<26}{_pr(base.events):<26}")
    hn = f"{ours.hard_negatives} of {ours.hard_negative_items}"
    print(f"{'hard negatives flagged':<28}{hn:<26}{base.hard_negatives} of {base.hard_negative_items}")
    print(f"{'seed right':<28}{'yes' if ours.seed_ok else 'NO':<26}{'yes' if base.seed_ok else 'no'}")


def missed_targets(r: Report) -> list[str]:
    """The issue-4 targets this report misses."""
    out = []
    if r.topics_all.precision < TOPIC_PRECISION or r.topics_all.recall < TOPIC_RECALL:
        out.append("topic P/R")
    if r.events.precision < EVENT_PRECISION or r.events.recall < EVENT_RECALL:
        out.append("event P/R")
    if r.hard_negatives:
        out.append("hard negatives: " + ", ".join(r.flagged))
    if not r.seed_ok:
        out.append("seed")
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", action="store_true", help="list every miss and false alarm of the detector")
    ap.add_argument("--taxonomy", default=None, help="taxonomy YAML (default: the packaged topics.yaml)")
    args = ap.parse_args()
    tax = load_taxonomy(args.taxonomy)
    items = load_items()
    n_sent = sum(i.kind == "sentence" for i in items)
    n_art = sum(i.kind == "article" for i in items)
    print(f"dev set: {n_sent} sentences, {n_art} articles, + the seed article")
    ours = evaluate(newsmon_detector, items, tax)
    base = evaluate(keyword_detector, items, tax)
    print_table(ours, base)
    held = load_file(DEVSET / "heldout.yaml")
    h_ours, h_base = evaluate(newsmon_detector, held, tax), evaluate(keyword_detector, held, tax)
    print(f"held-out ({len(held)} items, never tuned on; not in the targets):")
    print(f"{'  topics, all':<28}{_pr(h_ours.topics_all):<26}{_pr(h_base.topics_all):<26}")
    print(f"{'  events, all':<28}{_pr(h_ours.events):<26}{_pr(h_base.events):<26}")
    hn = f"{h_ours.hard_negatives} of {h_ours.hard_negative_items}"
    print(f"{'  hard negatives flagged':<28}{hn:<26}{h_base.hard_negatives} of {h_base.hard_negative_items}")
    if args.errors:
        print("\n".join(ours.errors + h_ours.errors))
    missed = missed_targets(ours)
    print("targets: " + ("all met" if not missed else "MISSED " + "; ".join(missed)))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
