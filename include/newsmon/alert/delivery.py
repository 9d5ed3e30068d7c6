"""Deliver each new story event to every channel exactly once, and lose none.

Crawls hand events to alerting through an outbox in the store, not through memory or XCom:
an outbox entry (``keys.outbox``) lists the events objects a crawl wrote, and is removed
only after each of its events was sent or parked as pending. So a crawl whose alert pass never
ran (a failed task, a killed process) is alerted by the next pass.

An alert is keyed by (story, topic, kind) (see ``newsmon.alert.story``): three outlets carrying one
story, or an edited re-fetch, alert once; the opposite kind later on the same story and topic
alerts again, marked ``change``. The ledger lives in the store beside the data (``keys.sent``:
written only after the channel accepted the message; ``keys.pending``: a delivery that failed,
retried by every later pass). Unreadable items are kept aside and reported (``newsmon.state``).

A ledger entry is created with ``If-None-Match: *``, and webhook messages carry their key
(``id`` and an ``Idempotency-Key`` header) so a receiver can drop the rare duplicate that a crash
between "accepted" and "recorded" could cause.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from newsmon import keys, state
from newsmon.alert.channels import send
from newsmon.alert.story import StoryBook
from newsmon.config import AlertChannel, AlertingConfig
from newsmon.identity import source_id_of
from newsmon.records import EVENT_FIELDS
from newsmon.store import Store
from newsmon.tables import read_table

log = logging.getLogger(__name__)

# Attempts per message within one pass before it is parked as pending for the next pass:
# three rides out a restarting receiver (a 500 twice, then 200) without stalling the pass.
DELIVERY_ATTEMPTS = 3
DELIVERY_BACKOFF_SECONDS = 0.5
OPPOSITE = {"agreement": "dispute", "dispute": "agreement"}


@dataclass
class Delivery:
    """What one alerting pass did."""

    sent: int = 0
    already_sent: int = 0
    failed: int = 0
    pending_retried: int = 0
    digests: int = 0
    stories: int = 0
    errors: list[str] = field(default_factory=list)


def alert_key(story: str, topic: str, kind: str) -> str:
    """The identity of an alert: one per (story, topic, kind)."""
    return hashlib.sha256(f"{story}|{topic}|{kind}".encode()).hexdigest()[:32]


def payload_from_row(row: dict, story: str, outlets: list[str] | None = None) -> dict:
    """The JSON message for one events-table row (the webhook contract)."""
    published = row.get("published_at")
    return {
        "id": alert_key(story, row["topic"], row["kind"]),
        "story": story,
        "topic": row["topic"],
        "kind": row["kind"],
        "change": False,
        "previous_kind": None,
        **{k: row.get(k) for k in EVENT_FIELDS},
        "confidence": round(float(row.get("confidence") or 0.0), 2),
        "terms": list(row.get("terms") or []),
        "actors": list(row.get("actors") or []),
        "title": row["title"],
        "url": row["url"],
        "outlet": row["outlet"],
        "outlets": list(outlets or [row["outlet"]]),
        "article_id": row["article_id"],
        "published_at": published.astimezone(UTC).isoformat() if published else None,
    }


def events_from_keys(store: Store, keys: Iterable[str]) -> list[dict]:
    """Event rows from the events objects written by a run, each with the key it came from."""
    rows: list[dict] = []
    for key in keys:
        table = read_table(store, key)
        if table is not None:
            rows.extend({**r, "_key": key} for r in table.to_pylist())
    return rows


def add_to_outbox(store: Store, outlet: str, run_id: str, event_keys: list[str]) -> str | None:
    """Record the events objects a crawl wrote, for the alerting pass to pick up."""
    if not event_keys:
        return None
    key = keys.outbox(outlet, run_id)
    state.save(store, key, {"outlet": outlet, "run_id": run_id, "events": event_keys})
    return key


def drain_outbox(
    store: Store,
    channels: Iterable[AlertChannel],
    alerting: AlertingConfig | None = None,
    sleep=time.sleep,
    now: datetime | None = None,
) -> Delivery:
    """Deliver the events of every outbox entry, then remove the entries that were handled."""
    entries = sorted(store.keys(keys.OUTBOX))
    event_keys: list[str] = []
    problems: list[str] = []
    for entry in entries:
        event_keys.extend(_load_item(store, entry, problems).get("events", []))
    result = deliver(store, channels, events_from_keys(store, event_keys), alerting, sleep=sleep, now=now)
    result.errors.extend(problems)
    for entry in entries:
        store.delete(entry)  # an unreadable one was kept aside by _load_item, for a person
    return result


def _load_item(store: Store, key: str, problems: list[str]) -> dict:
    """One outbox or pending item; an unreadable one is kept aside, reported and removed."""
    return state.load(store, key, problems=problems, remove_bad=True)


def stories_for(store: Store, rows: list[dict], alerting: AlertingConfig, now: datetime) -> dict[str, dict]:
    """Group event rows into one payload per (story, topic, kind); the story book is saved."""
    book = StoryBook.load(store, alerting.story_window_days, alerting.near_duplicate_similarity)
    articles: dict[str, dict] = {}
    grouped: dict[str, list[tuple[dict, str]]] = {}
    order = sorted(rows, key=lambda r: (r.get("detected_at") or now, r["article_id"], r["topic"], r["kind"]))
    for row in order:
        art = articles.get(row["article_id"])
        if art is None:
            art = articles[row["article_id"]] = _article_of(store, row)
        story = book.assign(row["article_id"], row["outlet"], art["source_id"], art["body"], now)
        grouped.setdefault(alert_key(story.id, row["topic"], row["kind"]), []).append((row, story.id))
    book.save(store, now)
    payloads = {}
    for key, members in grouped.items():
        best, sid = max(members, key=lambda m: (float(m[0].get("confidence") or 0), _neg_time(m[0])))
        payloads[key] = payload_from_row(best, sid, book.stories[sid].outlets)
    return payloads


def _neg_time(row: dict) -> float:
    """Sort key preferring the earliest published report."""
    published = row.get("published_at")
    return -published.timestamp() if published else float("-inf")


def _article_of(store: Store, row: dict) -> dict:
    """source_id and body of the article behind an event row (from the event itself if it is gone)."""
    key = row.get("_key") or ""
    parsed = keys.parse_partition(key)
    table = read_table(store, keys.sibling(key, "articles")) if parsed and parsed["table"] == "events" else None
    if table is not None and table.num_rows:
        art = table.to_pylist()[0]
        return {"source_id": art.get("source_id"), "body": art.get("body") or ""}
    return {"source_id": source_id_of(row["outlet"], row["article_id"]), "body": row.get("evidence") or ""}


def deliver(
    store: Store,
    channels: Iterable[AlertChannel],
    rows: list[dict],
    alerting: AlertingConfig | None = None,
    sleep=time.sleep,
    now: datetime | None = None,
) -> Delivery:
    """Send every story event not yet sent to each channel, then what is pending from earlier passes."""
    now = now or datetime.now(UTC)
    result = Delivery()
    payloads = stories_for(store, rows, alerting or AlertingConfig(), now) if rows else {}
    result.stories = len({p["story"] for p in payloads.values()})
    for channel in channels:
        _deliver_channel(store, channel, payloads, result, sleep)
    return result


def _deliver_channel(store: Store, channel: AlertChannel, payloads: dict[str, dict], result: Delivery, sleep) -> None:
    """One channel: drop what it already has, send the rest per event or as one digest."""
    cname = channel.name
    todo: dict[str, dict] = {}
    for key in store.keys(keys.pending_prefix(cname)):
        p = _load_item(store, key, result.errors)
        if "id" in p:
            todo.setdefault(p["id"], p)
            result.pending_retried += 1
    for akey, p in payloads.items():
        todo.setdefault(akey, p)
    fresh = []
    for akey, p in todo.items():
        if store.exists(keys.sent(cname, akey)):
            result.already_sent += 1
            store.delete(keys.pending(cname, akey))
            continue
        fresh.append(_mark_change(store, cname, p))
    if not fresh:
        return
    flood = channel.max_per_run is not None and len(fresh) > channel.max_per_run
    batches = [fresh] if channel.digest or flood else [[p] for p in fresh]
    for batch in batches:
        error = _send_with_retries(channel, batch, sleep)
        for p in batch:
            _record(store, channel, cname, p, error, result)
        if error is None and len(batch) > 1:
            result.digests += 1
        elif error is not None:
            result.errors.append(f"{channel.name}: {error}")
            log.warning("%d alert(s) to %s failed (%s); kept as pending", len(batch), channel.name, error)


def _mark_change(store: Store, cname: str, payload: dict) -> dict:
    """The payload, marked as a change when the opposite kind of its story and topic was sent."""
    other = OPPOSITE.get(payload.get("kind", ""))
    if (
        other
        and payload.get("story")
        and store.exists(keys.sent(cname, alert_key(payload["story"], payload["topic"], other)))
    ):
        return {**payload, "change": True, "previous_kind": other}
    return payload


def _record(store: Store, channel: AlertChannel, cname: str, payload: dict, error: str | None, result: Delivery):
    """Ledger after acceptance; pending after failure."""
    sent_key, pending_key = keys.sent(cname, payload["id"]), keys.pending(cname, payload["id"])
    if error is None:
        record = {**payload, "channel": channel.name, "sent_at": datetime.now(UTC).isoformat()}
        state.save(store, sent_key, record, if_absent=True)
        store.delete(pending_key)
        result.sent += 1
    else:
        state.save(store, pending_key, payload)
        result.failed += 1


def _send_with_retries(channel: AlertChannel, batch: list[dict], sleep) -> str | None:
    """None when the channel accepted the message, else the last error."""
    error = None
    for attempt in range(DELIVERY_ATTEMPTS):
        try:
            send(channel, batch)
            return None
        except Exception as exc:  # any failure of a channel means "not delivered", never a crash
            error = str(exc) or type(exc).__name__
            if attempt + 1 < DELIVERY_ATTEMPTS:
                sleep(DELIVERY_BACKOFF_SECONDS * (2**attempt))
    return error
