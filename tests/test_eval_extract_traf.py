"""The trafilatura-cache check scorer (bench/eval_extract_traf.py): checks, split and corpus shape."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from eval_extract_traf import CORPUS, check, load_pages

# How far from the end "</html>" may sit: room for a one-line comment a server appends after it.
TAIL = 40


def test_check_reports_missing_and_leaked_strings():
    expectation = {"must_contain": ["body one", "body two"], "must_not_contain": ["Impressum", "Teilen"]}
    missing, leaked = check("body one ... Impressum", expectation)
    assert missing == ["body two"]
    assert leaked == ["Impressum"]
    assert check("body one body two", expectation) == ([], [])


def test_split_is_frozen_by_name_hash_and_pages_are_complete():
    import hashlib

    parts = load_pages()
    for part, pages in parts.items():
        for name, html, expectation in pages:
            in_test = hashlib.sha1(name.encode("utf-8")).digest()[0] % 3 == 0
            assert (part == "test") == in_test, name
            # complete pages: </html> at the end, or just before a trailing server comment (speicherguide)
            assert "</html>" in html.rstrip()[-TAIL:], name
            assert expectation["must_contain"] and expectation["must_not_contain"], name
            assert (CORPUS / f"{name}.html").exists()
