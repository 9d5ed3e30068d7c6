"""`make faults`: the fault suite as one table (the same scenarios tests/test_faults.py asserts).

Columns: fault, what the crawl recorded, survived, rows lost, duplicates, off-list requests.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "helpers"))

from faults_suite import hostile_crawl, storage_outage  # noqa: E402
from support import FixtureSite  # noqa: E402

from newsmon import embedded  # noqa: E402
from newsmon.config import StorageConfig  # noqa: E402
from newsmon.store import Store  # noqa: E402


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        ports = dict(zip(["s3", "master", "volume", "filer"], embedded.free_ports(4), strict=True))
        info = embedded.start(Path(tmp) / "store", ports=ports, bucket="faults")
        store = Store(
            StorageConfig(
                bucket="faults", endpoint_url=info.endpoint_url, access_key=info.access_key, secret_key=info.secret_key
            )
        )
        rows, totals = hostile_crawl(store)
        with FixtureSite() as site:
            outage = storage_outage(Path(tmp) / "store", site.base, ports)
        embedded.stop(Path(tmp) / "store")
    # rows lost, duplicates and off-list requests are counted over the whole run (one crawl holds
    # every fault), so they stand on the run's line, not on each fault's
    print(f"{'fault':<14}{'expected':<30}{'recorded':<30}{'survived':>9}{'lost':>6}{'dupes':>7}{'off-list':>10}")
    for r in rows:
        print(
            f"{r['fault']:<14}{r['expected']:<30}{r['got']!s:<30}{'yes' if r['survived'] else 'NO':>9}"
            f"{'-':>6}{'-':>7}{'-':>10}"
        )
    print(
        f"{'(whole run)':<14}{'':<30}{'':<30}{'':>9}{totals['rows_lost']:>6}{totals['duplicates']:>7}"
        f"{totals['off_list']:>10}"
    )
    survived = outage["failed_with"] is not None and outage["duplicates"] == 0
    print(
        f"{'store dies':<14}{'task fails, retry completes':<30}{outage['failed_with']!s:<30}"
        f"{'yes' if survived else 'NO':>9}{0:>6}{outage['duplicates']:>7}{0:>10}"
    )
    print(
        f"\nhostile crawl: {totals['articles']} articles stored, second run stored {totals['second_run_stored']}, "
        f"{totals['seconds']} s for two runs; outage: {outage['articles']} articles after retry"
    )
    ok = (
        all(r["survived"] for r in rows)
        and survived
        and not (totals["rows_lost"] or totals["duplicates"] or totals["off_list"])
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
