"""The extraction benchmark's metric as bench/eval_extract.py computes it, on hand-checked cases."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from eval_extract import precision, recall, score, shingles, tp_fp_fn


def test_shingles_are_four_token_windows_and_short_texts_are_one():
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("a, b") == {("a", "b"): 1}
    assert shingles("") == {}
    assert sum(shingles("가 나 다 라 마").values()) == 2  # \w+ tokens: Hangul words count


def test_page_scores_are_normalised_counts():
    # truth: 3 shingles; prediction: the same 3 plus 1 extra -> tp 3, fp 1, fn 0 of 4
    tp, fp, fn = tp_fp_fn("one two three four five six", "one two three four five six seven")
    assert (tp, fp, fn) == pytest.approx((0.75, 0.25, 0.0))
    assert precision(tp, fp, fn) == pytest.approx(0.75) and recall(tp, fp, fn) == 1.0
    assert precision(*tp_fp_fn("one two three four", "")) == 0.0
    assert recall(*tp_fp_fn("one two three four", "")) == 0.0


def test_f1_comes_from_mean_precision_and_mean_recall():
    pages = [(0.5, 0.5, 0.0), (0.5, 0.0, 0.5)]  # precision 0.5 / 1.0, recall 1.0 / 0.5
    result = score(pages)
    assert result["precision"] == pytest.approx(0.75) and result["recall"] == pytest.approx(0.75)
    assert result["f1"] == pytest.approx(0.75)
