"""Spend a run's ``max_pages`` on new work: dedupe addresses, skip what is stored, then cut.

The budget was once cut from the raw candidates: one article linked 1,000 times (with
``?utm_source=`` and ``#fragment`` spellings) ate it whole, and with a backlog larger than the
budget the same first ``max_pages`` already-stored items were "spent" every run, so the rest were
never fetched. Here every spelling of an address counts once (``identity.candidate_key``),
candidates already stored are skipped *before* counting, and only then is the budget applied:
a backlog drains over successive runs, ``max_pages`` new pages at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from newsmon.identity import candidate_key
from newsmon.records import Candidate


@dataclass
class Plan:
    """The candidates a run fetches, and what was set aside before the budget."""

    todo: list[Candidate] = field(default_factory=list)
    known: int = 0  # already stored: skipped without a request
    duplicates: int = 0  # another spelling of an address already planned
    deferred: int = 0  # new, but over the budget: left for the next run


def plan(candidates: list[Candidate], budget: int, is_known: Callable[[Candidate], bool] | None = None) -> Plan:
    """Distinct, not-yet-stored candidates in their order, at most ``budget`` of them."""
    out = Plan()
    seen: set[str] = set()
    for cand in candidates:
        key = candidate_key(cand.url)
        if key in seen:
            out.duplicates += 1
            continue
        seen.add(key)
        if is_known is not None and is_known(cand):
            out.known += 1
        elif len(out.todo) < budget:
            out.todo.append(cand)
        else:
            out.deferred += 1
    return out
