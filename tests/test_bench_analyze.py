"""bench/bench_analyze.py's split of the whole-command ratio into a fixed cost and a per-page ratio."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from bench_analyze import LOADING_PAGE, _breakdown

from newsmon.detect import detect, load_taxonomy
from newsmon.extract import extract


def test_break_even_pages_follow_from_the_fixed_cost_and_the_per_page_costs(capsys):
    # 100 pages: baseline 10 ms a page; analyze 2.0 s in all, 1.0 s of it fixed -> 10 ms a page after it
    _breakdown([("generic", 100, 2.0, 100)], {"generic": 1.0}, base_s=1.0, n=100)
    out = capsys.readouterr().out
    assert "ratio 1.00" in out
    assert "from ~333 pages per process" in out  # 1.0 s / (1.3 * 10 ms - 10 ms)


def test_a_per_page_ratio_above_the_target_never_breaks_even(capsys):
    _breakdown([("generic", 100, 2.5, 100)], {"generic": 1.0}, base_s=1.0, n=100)
    out = capsys.readouterr().out
    assert "ratio 1.50" in out and "never" in out


def test_the_loading_page_reaches_both_languages_detectors():
    # the fixed cost is only what it claims when each paragraph on its own makes detection read a
    # sentence (Kiwi for the Korean one, the lemmatiser for the English one) and find its event
    article = extract(LOADING_PAGE, "https://example.com/a", "example")
    korean, english = article.body.split("\n")
    assert "관세" in korean and "tariffs" in english
    for paragraph in (korean, english):
        finding = detect(replace(article, title="", body=paragraph), load_taxonomy())
        assert [(e.topic, e.kind) for e in finding.events] == [("tariffs_trade", "agreement")], paragraph
