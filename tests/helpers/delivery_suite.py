"""The delivery faults of ``make faults``: bad receivers and two passes at once, on a real store.

Each scenario uses its own channel name (its own ledger and lease) and returns one row
``{fault, expected, got, survived}``; ``tests/test_delivery_faults.py`` asserts the same things
one by one.
"""

from __future__ import annotations

import resource
import threading
import time

from bad_receivers import BadReceiver
from support import WebhookReceiver
from test_alert import EN_BODY, KO_BODY, NO_SLEEP, NOW, OTHER_EN_BODY, TRUCE, article, crawl

from newsmon.alert import drain_outbox
from newsmon.config import AlertChannel

TIMEOUT = 1.0  # timeout_seconds of every channel here
PASSES = 2  # alert passes per scenario (two runs)


def _hook(name: str, url: str, ops: bool = False) -> AlertChannel:
    return AlertChannel(type="webhook", url=url, name=name, ops=ops, timeout_seconds=TIMEOUT)


def _passes(store, channels, run: str, n: int = PASSES) -> float:
    """Crawl one event, then ``n`` alert passes; the slowest pass in seconds."""
    crawl(store, run, [(article("a-1", "asiae", EN_BODY), [TRUCE])])
    slowest = 0.0
    for _ in range(n):
        t0 = time.monotonic()
        drain_outbox(store, channels, sleep=NO_SLEEP, now=NOW)
        slowest = max(slowest, time.monotonic() - t0)
    return slowest


def _row(fault: str, expected: str, got: str, survived: bool) -> dict:
    return {"fault": fault, "expected": expected, "got": got, "survived": survived}


def slow_answer(store) -> dict:
    with BadReceiver("slow", delay=3 * TIMEOUT) as rx:
        slowest = _passes(store, [_hook("d-slow", rx.url)], "d-slow")
    keys = set(rx.keys)
    ok = len(rx.received) <= PASSES and len(keys) == 1 and slowest < 2 * TIMEOUT + 1
    return _row("200 after 3 s", f"<= {PASSES} sends, 1 key", f"{len(rx.received)} sends, {len(keys)} key", ok)


def drip_answer(store) -> dict:
    with BadReceiver("drip") as rx:
        slowest = _passes(store, [_hook("d-drip", rx.url)], "d-drip", n=1)
    return _row("drip answer", f"pass <= {2 * TIMEOUT + 1:g} s", f"pass {slowest:.1f} s", slowest < 2 * TIMEOUT + 1)


def endless_answer(store) -> dict:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with BadReceiver("endless") as rx:
        slowest = _passes(store, [_hook("d-endless", rx.url)], "d-endless", n=1)
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    ok = grown < 100 and slowest < 2 * TIMEOUT + 1
    return _row("endless answer", "RSS +<100 MB, bounded", f"+{grown:.0f} MB, {slowest:.1f} s", ok)


def gone(store) -> dict:
    with BadReceiver("gone") as rx, WebhookReceiver() as ops:
        _passes(store, [_hook("d-gone", rx.url), _hook("d-ops", ops.url, ops=True)], "d-gone", n=3)
    notices = [m for m in ops.received if m.get("kind") == "ops"]
    ok = len(rx.received) == 1 and len(notices) == 1
    return _row("410 Gone", "1 send, parked, 1 notice", f"{len(rx.received)} send, {len(notices)} notice", ok)


def overlap(store) -> dict:
    items = [
        (article("o-1", "asiae", EN_BODY), [TRUCE]),
        (article("o-2", "yonhap", OTHER_EN_BODY, title="Chip curbs"), [TRUCE]),
        (article("o-3", "asiae_ko", KO_BODY, title="관세 휴전", lang="ko"), [TRUCE]),
    ]
    crawl(store, "d-overlap", items)
    with BadReceiver("ok", delay=0.3) as rx:
        barrier = threading.Barrier(2)

        def run():
            barrier.wait()
            drain_outbox(store, [_hook("d-overlap", rx.url)], sleep=NO_SLEEP, now=NOW)

        threads = [threading.Thread(target=run) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        drain_outbox(store, [_hook("d-overlap", rx.url)], sleep=NO_SLEEP, now=NOW)
    ids = [m["id"] for m in rx.received]
    dupes = len(ids) - len(set(ids))
    return _row("2 runs at once", "0 duplicate alerts", f"{dupes} dupes, {len(set(ids))} sent", dupes == 0)


def delivery_faults(store) -> list[dict]:
    """Every delivery fault, one row each."""
    return [f(store) for f in (slow_answer, drip_answer, endless_answer, gone, overlap)]
