"""A run's budget spends on new work; a pass that crashes is a failed pass for health.

The real pipeline against a loopback outlet and the embedded store (tests/helpers/pipeline_faults.py).
"""

from __future__ import annotations

import pytest
from pipeline_faults import backlog, crashing_pass, thousand_links

from newsmon.budget import plan
from newsmon.records import Candidate


@pytest.mark.e2e
def test_one_article_linked_a_thousand_ways_is_fetched_once(store):
    assert thousand_links(store) == {"stored": 6, "fetches_of_the_page": 1}


@pytest.mark.e2e
def test_a_backlog_larger_than_the_budget_drains_over_runs(store):
    assert backlog(store) == {"per_run": [10, 10, 5], "stored": 25}


@pytest.mark.e2e
def test_a_pass_that_crashes_is_told_to_ops_once_and_its_recovery_once(store):
    got = crashing_pass(store)
    assert got["raised"] == 4  # the task still fails, as before
    assert got["notices"] == ["crashed", "recovered"]
    assert got["health"][0] == ["crashed"] and got["health"][-1] == []


def test_plan_dedupes_and_skips_known_before_the_budget():
    cands = [Candidate(url=f"https://a.test/{i % 4}?utm_source={i}", outlet="o", source="feed:x") for i in range(40)]
    cands += [Candidate(url=f"https://a.test/new/{i}", outlet="o", source="feed:x") for i in range(5)]
    got = plan(cands, budget=3, is_known=lambda c: c.url.startswith("https://a.test/0"))
    assert [c.url for c in got.todo] == [f"https://a.test/{i}?utm_source={i}" for i in (1, 2, 3)]
    assert (got.known, got.duplicates, got.deferred) == (1, 36, 5)
