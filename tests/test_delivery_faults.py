"""Bad receivers and overlapping passes: each bounded by its deadline, no alert sent twice.

Real HTTP receivers on loopback misbehave as production ones do (slow, dripping, endless, gone);
two delivery passes run at once on one store, as overlapping Airflow runs or a watcher beside
the cron would.
"""

from __future__ import annotations

import resource
import threading
import time

import pytest
from bad_receivers import BadReceiver
from support import WebhookReceiver
from test_alert import EN_BODY, KO_BODY, NO_SLEEP, NOW, OTHER_EN_BODY, TRUCE, article, crawl

from newsmon import keys
from newsmon.alert import drain_outbox
from newsmon.alert.delivery import MAX_UNKNOWN_ATTEMPTS
from newsmon.config import AlertChannel
from newsmon.state import LEASE_SECONDS, acquire_lease

TIMEOUT = 1.0  # the channel's timeout_seconds in these tests


def hook(url: str, **kw) -> AlertChannel:
    return AlertChannel(type="webhook", url=url, name="hook", timeout_seconds=TIMEOUT, **kw)


def ops(url: str) -> AlertChannel:
    return AlertChannel(type="webhook", url=url, name="ops", ops=True, timeout_seconds=TIMEOUT)


def one_event(store, run_id: str = "r1") -> None:
    crawl(store, run_id, [(article("a-1", "asiae", EN_BODY), [TRUCE])])


def timed_drain(store, channels) -> tuple[object, float]:
    t0 = time.monotonic()
    d = drain_outbox(store, channels, sleep=NO_SLEEP, now=NOW)
    return d, time.monotonic() - t0


def test_answer_after_the_timeout_is_unknown_and_retried_with_the_same_key_a_few_times(store):
    with BadReceiver("slow", delay=3 * TIMEOUT) as slow:
        one_event(store)
        first, seconds = timed_drain(store, [hook(slow.url)])
        assert len(slow.received) == 1, "an unanswered delivery is not retried within the pass"
        assert (first.unknown, first.failed, first.sent) == (1, 1, 0)
        assert seconds < 3 * TIMEOUT
        for _ in range(MAX_UNKNOWN_ATTEMPTS + 1):
            timed_drain(store, [hook(slow.url)])
    assert len(slow.received) == MAX_UNKNOWN_ATTEMPTS
    assert len(set(slow.keys)) == 1 and slow.keys[0] == slow.received[0]["id"]
    assert list(store.keys(keys.parked_prefix("hook"))) and not list(store.keys(keys.pending_prefix("hook")))


def test_dripping_answer_is_cut_at_the_deadline(store):
    with BadReceiver("drip") as drip:
        one_event(store)
        d, seconds = timed_drain(store, [hook(drip.url)])
    assert seconds < 2 * TIMEOUT + 1.0, f"blocked {seconds:.1f} s on one alert"
    assert d.unknown == 1


def test_endless_answer_body_is_not_read_whole(store):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with BadReceiver("endless") as endless:
        one_event(store)
        out: dict = {}
        worker = threading.Thread(target=lambda: out.update(r=timed_drain(store, [hook(endless.url)])), daemon=True)
        worker.start()
        worker.join(15)
    assert not worker.is_alive(), "the pass never ended"
    d, seconds = out["r"]
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert d.sent == 1 and seconds < 2 * TIMEOUT + 1.0
    assert grown_mb < 100, f"RSS grew {grown_mb:.0f} MB"


def test_gone_is_parked_once_with_one_ops_notice(store):
    with BadReceiver("gone") as gone, WebhookReceiver() as opsbox:
        one_event(store)
        channels = [hook(gone.url, ops=False), ops(opsbox.url)]
        d, _ = timed_drain(store, channels)
        assert d.parked == 1 and len(gone.received) == 1
        one_event(store, "r2")  # the same event again from a later crawl, then two more passes
        timed_drain(store, channels)
        timed_drain(store, channels)
    assert len(gone.received) == 1, "a refused alert is never retried"
    notices = [m for m in opsbox.received if m.get("kind") == "ops"]
    assert len(notices) == 1 and "410" in " ".join(notices[0]["lines"])


def test_two_passes_at_once_never_send_the_same_event(store):
    items = [
        (article("a-1", "asiae", EN_BODY), [TRUCE]),
        (article("b-1", "yonhap", OTHER_EN_BODY, title="Chip curbs"), [TRUCE]),
        (article("c-1", "asiae_ko", KO_BODY, title="관세 휴전", lang="ko"), [TRUCE]),
    ]
    crawl(store, "r1", items)
    with BadReceiver("ok", delay=0.3) as rx:
        barrier = threading.Barrier(2)
        results = []

        def run():
            barrier.wait()
            results.append(drain_outbox(store, [hook(rx.url)], sleep=NO_SLEEP, now=NOW))

        threads = [threading.Thread(target=run) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        drain_outbox(store, [hook(rx.url)], sleep=NO_SLEEP, now=NOW)  # the next pass: nothing left
    ids = [m["id"] for m in rx.received]
    assert len(ids) == len(set(ids)) == 3, ids
    assert any(r.busy for r in results), "one of the two passes left delivery to the other"


def test_lease_is_exclusive_expires_and_fences_the_old_holder(store):
    clock = {"t": 1000.0}
    now = lambda: clock["t"]  # noqa: E731
    key = keys.lease("hook")
    first = acquire_lease(store, key, "pass-a", clock=now)
    assert first is not None and first.token == 1
    assert acquire_lease(store, key, "pass-b", clock=now) is None
    clock["t"] += LEASE_SECONDS + 1  # pass-a stalled past its lease
    second = acquire_lease(store, key, "pass-b", clock=now)
    assert second is not None and second.token == 2
    assert not first.renew(), "the old holder learns it lost the lease"
    first.release()  # and its release does not free pass-b's lease
    assert acquire_lease(store, key, "pass-c", clock=now) is None
    second.release()
    assert acquire_lease(store, key, "pass-c", clock=now).token == 3


@pytest.mark.parametrize("status", [408, 429, 503])
def test_try_again_answers_stay_pending(store, status):
    with WebhookReceiver() as rx:
        rx.fail_next, rx.fail_status = 99, status
        one_event(store)
        d, _ = timed_drain(store, [hook(rx.url)])
    assert (d.failed, d.parked) == (1, 0)
    assert list(store.keys(keys.pending_prefix("hook")))
