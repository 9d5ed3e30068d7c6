"""Deliver each new event to every alert channel exactly once, and lose none.

Crawls hand events to alerting through an outbox in the store, not through memory or XCom:
``alerts/outbox/<outlet>/<run_id>.json`` lists the events objects a crawl wrote, and is removed
only after each of its events was sent or parked as pending. So a crawl whose alert step never
ran (a failed sibling task, a killed process) is alerted by the next run.

An event's alert key is (article, topic, kind): a re-fetched or edited article does not alert
again for the same topic and kind. The ledger lives in the store beside the data::

    alerts/sent/<channel>/<key>.json      written only after the channel accepted the message
    alerts/pending/<channel>/<key>.json   a delivery that failed; retried by every later run

A ledger entry is created with ``If-None-Match: *``, and every message carries its key
(``id`` and an ``Idempotency-Key`` header) so a receiver can drop the rare duplicate that a crash
between "accepted" and "recorded" could cause.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import requests

from newsmon.config import AlertChannel
from newsmon.store import Store, safe_key_part

log = logging.getLogger(__name__)

# Attempts per message within one run before it is parked as pending for the next run.
DELIVERY_ATTEMPTS = 3
DELIVERY_BACKOFF_SECONDS = 0.5


@dataclass
class Delivery:
    """What one alerting pass did."""

    sent: int = 0
    already_sent: int = 0
    failed: int = 0
    pending_retried: int = 0
    errors: list[str] = field(default_factory=list)


def alert_key(article_id: str, topic: str, kind: str) -> str:
    """The identity of an alert: one per (article, topic, kind)."""
    return hashlib.sha256(f"{article_id}|{topic}|{kind}".encode()).hexdigest()[:32]


def payload_from_row(row: dict) -> dict:
    """The JSON message for one events-table row (the webhook contract)."""
    published = row.get("published_at")
    return {
        "id": alert_key(row["article_id"], row["topic"], row["kind"]),
        "topic": row["topic"],
        "kind": row["kind"],
        "title": row["title"],
        "url": row["url"],
        "outlet": row["outlet"],
        "evidence": row["evidence"],
        "confidence": round(float(row.get("confidence") or 0.0), 2),
        "terms": list(row.get("terms") or []),
        "actors": list(row.get("actors") or []),
        "article_id": row["article_id"],
        "published_at": published.astimezone(UTC).isoformat() if published else None,
    }


def send_webhook(channel: AlertChannel, payload: dict) -> None:
    """POST one JSON message; raises on anything but a 2xx answer."""
    resp = requests.post(
        channel.url,
        data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8", "Idempotency-Key": payload["id"]},
        timeout=channel.timeout_seconds,
    )
    if not 200 <= resp.status_code < 300:
        raise RuntimeError(f"HTTP {resp.status_code}")


SENDERS = {"webhook": send_webhook}


def events_from_keys(store: Store, keys: Iterable[str]) -> list[dict]:
    """Event rows from the events objects written by a run."""
    rows: list[dict] = []
    for key in keys:
        table = store.read_table(key)
        if table is not None:
            rows.extend(table.to_pylist())
    return rows


def add_to_outbox(store: Store, outlet: str, run_id: str, event_keys: list[str]) -> str | None:
    """Record the events objects a crawl wrote, for the alerting pass to pick up."""
    if not event_keys:
        return None
    key = f"alerts/outbox/{safe_key_part(outlet)}/{safe_key_part(run_id)}.json"
    store.put(key, json.dumps({"outlet": outlet, "run_id": run_id, "events": event_keys}).encode(), "application/json")
    return key


def drain_outbox(store: Store, channels: Iterable[AlertChannel], sleep=time.sleep) -> Delivery:
    """Deliver the events of every outbox entry, then remove the entries that were handled."""
    entries = sorted(store.keys("alerts/outbox/"))
    keys: list[str] = []
    for entry in entries:
        data = store.get(entry)
        if data:
            keys.extend(json.loads(data).get("events", []))
    result = deliver(store, channels, events_from_keys(store, keys), sleep=sleep)
    for entry in entries:
        store.delete(entry)
    return result


def deliver(store: Store, channels: Iterable[AlertChannel], rows: list[dict], sleep=time.sleep) -> Delivery:
    """Send every event not yet sent to each channel, then retry what is pending."""
    result = Delivery()
    for channel in channels:
        cname = safe_key_part(channel.name)
        payloads = {p["id"]: p for p in (payload_from_row(r) for r in rows)}
        for key in store.keys(f"alerts/pending/{cname}/"):
            data = store.get(key)
            if data:
                p = json.loads(data)
                payloads.setdefault(p["id"], p)
                result.pending_retried += 1
        for akey, payload in payloads.items():
            sent_key = f"alerts/sent/{cname}/{akey}.json"
            pending_key = f"alerts/pending/{cname}/{akey}.json"
            if store.exists(sent_key):
                result.already_sent += 1
                store.delete(pending_key)
                continue
            error = _send_with_retries(channel, payload, sleep)
            if error is None:
                record = {**payload, "channel": channel.name, "sent_at": datetime.now(UTC).isoformat()}
                store.put(sent_key, json.dumps(record, ensure_ascii=False).encode(), "application/json", if_absent=True)
                store.delete(pending_key)
                result.sent += 1
            else:
                store.put(pending_key, json.dumps(payload, ensure_ascii=False).encode(), "application/json")
                result.failed += 1
                result.errors.append(f"{channel.name}: {error}")
                log.warning("alert %s to %s failed (%s); kept as pending", akey, channel.name, error)
    return result


def _send_with_retries(channel: AlertChannel, payload: dict, sleep) -> str | None:
    """None when the channel accepted the message, else the last error."""
    error = None
    for attempt in range(DELIVERY_ATTEMPTS):
        try:
            SENDERS[channel.type](channel, payload)
            return None
        except Exception as exc:  # any failure of a channel means "not delivered", never a crash
            error = str(exc) or type(exc).__name__
            if attempt + 1 < DELIVERY_ATTEMPTS:
                sleep(DELIVERY_BACKOFF_SECONDS * (2**attempt))
    return error
