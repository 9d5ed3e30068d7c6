"""Fault suite in CI: hostile site, failing store. The run completes, loses nothing, duplicates
nothing, and sends no request outside the allow-list."""

from __future__ import annotations

import pytest
from e2e_helpers import discoverable
from faults_suite import hostile_crawl, storage_outage
from hostile import FAULTS, FEED_FAULTS, GOOD

from newsmon import embedded
from newsmon.tables import read_prefix

pytestmark = pytest.mark.e2e


def test_hostile_site(store):
    rows, totals = hostile_crawl(store)
    for row in rows:
        assert row["survived"], row
    assert totals["rows_lost"] == 0
    assert totals["duplicates"] == 0
    assert totals["off_list"] == 0
    assert totals["second_run_stored"] == 0
    assert len(rows) == len(FAULTS) + len(FEED_FAULTS)
    stored_ok = [p for p, reason in FAULTS.items() if reason is None]
    assert totals["articles"] == len(GOOD) + len(stored_ok)
    bodies = [a["body"] for a in read_prefix(store, "articles").to_pylist()]
    assert any("대만" in b for b in bodies)  # the CP949 page, read as Hangul
    assert not any("\ufffd" in b for b in bodies)


def test_store_dies_mid_run_and_retry_completes(tmp_path, site):
    ports = dict(zip(["s3", "master", "volume", "filer"], embedded.free_ports(4), strict=True))
    embedded.start(tmp_path / "store", ports=ports, bucket=None)
    try:
        out = storage_outage(tmp_path / "store", site.base, ports)
    finally:
        embedded.stop(tmp_path / "store")
    assert out["failed_with"] is not None  # the task failed loudly, not silently
    assert out["duplicates"] == 0
    assert out["articles"] == len(discoverable())  # every article exactly once after the retry
