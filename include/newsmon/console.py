"""What the CLI shows people: a progress bar per outlet and tables of counts.

On a terminal these are drawn with ``rich``; otherwise tables are plain aligned text and there is
no progress bar, so CI logs and Airflow task logs stay readable. ``rich`` is imported only when a
terminal asks for it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO

# Count columns of the run summary and of ``newsmon status``, as in the ``runs`` table.
COUNTS = ("found", "fetched", "stored", "unchanged", "skipped", "failed", "events")


def run_rows(results: Sequence[Any]) -> tuple[list[str], list[list[Any]]]:
    """(columns, rows) of the ``newsmon run`` summary: one row per OutletResult."""
    columns = ["outlet", *COUNTS, "seconds"]
    rows = [[r.outlet, *(getattr(r, c) for c in COUNTS), f"{r.seconds:.1f}"] for r in results]
    return columns, rows


def status_rows(runs: Sequence[dict]) -> tuple[list[str], list[list[Any]]]:
    """(columns, rows) of ``newsmon status``: one row per ``runs`` row."""
    columns = ["outlet", "started (UTC)", "run_id", *COUNTS, "seconds", "problems"]
    rows = [
        [
            r["outlet"],
            f"{r['started_at']:%Y-%m-%d %H:%M:%S}",
            r["run_id"],
            *(r[c] for c in COUNTS),
            f"{(r['finished_at'] - r['started_at']).total_seconds():.1f}",
            len(r["problems"] or []),
        ]
        for r in runs
    ]
    return columns, rows


def print_table(columns: list[str], rows: list[list[Any]], out: TextIO, tty: bool, title: str | None = None) -> None:
    """Print a table: a rich Table on a terminal, else plain text with aligned columns."""
    if tty:
        from rich.console import Console

        Console(file=out, force_terminal=True).print(_rich_table(columns, rows, title))
        return
    cells = [columns, *([str(v) for v in row] for row in rows)]
    widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
    if title:
        print(title, file=out)
    for row in cells:
        first = row[0].ljust(widths[0])
        print("  ".join([first, *(v.rjust(w) for v, w in zip(row[1:], widths[1:], strict=True))]), file=out)


def _rich_table(columns: list[str], rows: list[list[Any]], title: str | None):
    """A rich Table whose counts never wrap; names and ids fold when the terminal is narrow."""
    from rich.table import Table

    table = Table(*columns, title=title, box=None, pad_edge=False, header_style="bold")
    for i, col in enumerate(table.columns):
        values = [str(row[i]) for row in rows]
        if values and all(_numeric(v) for v in values):
            col.justify, col.no_wrap = "right", True
        else:
            col.overflow, col.min_width = "fold", min(10, max(len(v) for v in [columns[i], *values]))
    for row in rows:
        table.add_row(*(str(v) for v in row))
    return table


def _numeric(value: Any) -> bool:
    """True for a count or a figure like ``3.2``."""
    return str(value).replace(".", "", 1).isdigit()


@contextmanager
def progress_bar(outlets: list[str], out: TextIO | None) -> Iterator[Any]:
    """A ``Progress`` callback drawing one bar per outlet on ``out``; None (no bar) when ``out`` is None."""
    if out is None:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description:<16}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    console = Console(file=out, force_terminal=True)
    with Progress(*columns, console=console, redirect_stdout=False) as bar:
        tasks = {name: bar.add_task(name, total=None) for name in outlets}

        def update(outlet: str, done: int, total: int) -> None:
            if outlet not in tasks:
                tasks[outlet] = bar.add_task(outlet, total=None)
            bar.update(tasks[outlet], completed=done, total=total)

        yield update
