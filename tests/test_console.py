"""What the CLI shows people: the summary table (rich or plain) and the progress bar."""

from __future__ import annotations

import io

from newsmon.console import print_table, progress_bar, run_rows
from newsmon.pipeline import OutletResult

RESULTS = [
    OutletResult(
        outlet="asiae",
        run_id="r",
        found=12,
        fetched=9,
        stored=7,
        unchanged=1,
        skipped=3,
        failed=2,
        events=5,
        seconds=3.21,
    ),
    OutletResult(outlet="a-much-longer-name", run_id="r", found=0, seconds=0.04),
]


def test_plain_summary_is_aligned_with_every_count_and_seconds():
    out = io.StringIO()
    print_table(*run_rows(RESULTS), out, tty=False)
    lines = out.getvalue().splitlines()
    assert lines[0].split() == [
        "outlet",
        "found",
        "fetched",
        "stored",
        "unchanged",
        "skipped",
        "failed",
        "events",
        "seconds",
    ]
    assert lines[1].split() == ["asiae", "12", "9", "7", "1", "3", "2", "5", "3.2"]
    assert lines[2].split() == ["a-much-longer-name", "0", "0", "0", "0", "0", "0", "0", "0.0"]
    assert len({len(line) for line in lines}) == 1  # right-aligned columns: every line as wide
    assert "\x1b[" not in out.getvalue() and "│" not in out.getvalue()


def test_terminal_summary_is_a_rich_table(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")  # counts and their headers stay whole on a narrow terminal
    out = io.StringIO()
    print_table(*run_rows(RESULTS), out, tty=True, title="run")
    text = out.getvalue()
    assert "\x1b[1moutlet" in text  # rich drew it: a bold header
    for word in ("unchanged", "seconds", "asiae", "3.2", "a-much-long"):  # the long name folds
        assert word in text


def test_progress_bar_draws_each_outlet_and_none_without_a_terminal():
    out = io.StringIO()
    with progress_bar(["asiae", "other"], out) as progress:
        progress("asiae", 0, 4)
        progress("asiae", 4, 4)
        progress("late", 1, 2)  # an outlet not announced still gets a bar
    text = out.getvalue()
    assert "asiae" in text and "4/4" in text and "late" in text and "1/2" in text
    with progress_bar(["asiae"], None) as progress:
        assert progress is None
