"""Deliver each new story event to every channel exactly once, and lose none.

Crawls hand events to alerting through an outbox in the store, not through memory or XCom:
``alerts/outbox/<outlet>/<run_id>.json`` lists the events objects a crawl wrote, and is removed
only after each of its events was sent or parked as pending. So a crawl whose alert pass never
ran (a failed task, a killed process) is alerted by the next pass.

An alert is keyed by (story, topic, kind) (see ``newsmon.alert.story``): three outlets carrying one
story, or an edited re-fetch, alert once; the opposite kind later on the same story and topic
alerts again, marked ``change``. The ledger lives in the store beside the data::

    alerts/sent/<channel>/<key>.json      written only after the channel accepted the message
    alerts/pending/<channel>/<key>.json   a delivery that failed; retried by every later pass

    alerts/parked/<channel>/<key>.json    refused for good (4xx) or unanswered too often; ops are told once

A ledger entry is created with ``If-None-Match: *``, and webhook messages carry their key
(``id`` and an ``Idempotency-Key`` header) so a receiver can drop the rare duplicate that a crash
between "accepted" and "recorded" could cause.

Exactly once under overlap: a pass sends on a channel only while it holds the channel's lease
(:mod:`newsmon.alert.lease`). Leases are taken in channel order and a pass stops at the first one
another pass holds, so one pass delivers everything and the other leaves its outbox entries for
the next pass. A message whose answer timed out is *unknown*: it may have arrived, so it is not
retried within the pass, and is parked after ``MAX_UNKNOWN_ATTEMPTS`` in all (every attempt
carries the same ``Idempotency-Key``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from newsmon.alert.channels import send, send_ops
from newsmon.alert.lease import Lease, acquire
from newsmon.alert.story import StoryBook
from newsmon.alert.transport import AnswerUnknown, Refused
from newsmon.config import AlertChannel, AlertingConfig
from newsmon.store import Store, safe_key_part

log = logging.getLogger(__name__)

# Attempts per message within one pass before it is parked as pending for the next pass:
# three rides out a restarting receiver (a 500 twice, then 200) without stalling the pass.
DELIVERY_ATTEMPTS = 3
DELIVERY_BACKOFF_SECONDS = 0.5
# Attempts in all, over every pass, of a message whose answer never came: each one may have
# arrived, so each risks a duplicate that only the receiver's Idempotency-Key check drops.
MAX_UNKNOWN_ATTEMPTS = 3
_TRIES = "_unknown_attempts"  # kept in a pending record beside the payload, never sent
OPPOSITE = {"agreement": "dispute", "dispute": "agreement"}
_SOURCE_ID_RE = re.compile(r"-(\d{19})$")  # asiae-<edition>-<19 digits>


@dataclass
class Delivery:
    """What one alerting pass did."""

    sent: int = 0
    already_sent: int = 0
    failed: int = 0
    pending_retried: int = 0
    digests: int = 0
    stories: int = 0
    unknown: int = 0  # sent, no answer in time: pending, retried next pass with the same key
    parked: int = 0  # refused for good or unanswered MAX_UNKNOWN_ATTEMPTS times
    busy: list[str] = field(default_factory=list)  # channels another pass was delivering on
    errors: list[str] = field(default_factory=list)
    parked_notes: list[str] = field(default_factory=list)  # for the one ops notice


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
        "title": row["title"],
        "url": row["url"],
        "outlet": row["outlet"],
        "outlets": list(outlets or [row["outlet"]]),
        "evidence": row["evidence"],
        "confidence": round(float(row.get("confidence") or 0.0), 2),
        "terms": list(row.get("terms") or []),
        "actors": list(row.get("actors") or []),
        "article_id": row["article_id"],
        "published_at": published.astimezone(UTC).isoformat() if published else None,
    }


def events_from_keys(store: Store, keys: Iterable[str]) -> list[dict]:
    """Event rows from the events objects written by a run, each with the key it came from."""
    rows: list[dict] = []
    for key in keys:
        table = store.read_table(key)
        if table is not None:
            rows.extend({**r, "_key": key} for r in table.to_pylist())
    return rows


def add_to_outbox(store: Store, outlet: str, run_id: str, event_keys: list[str]) -> str | None:
    """Record the events objects a crawl wrote, for the alerting pass to pick up."""
    if not event_keys:
        return None
    key = f"alerts/outbox/{safe_key_part(outlet)}/{safe_key_part(run_id)}.json"
    store.put(key, json.dumps({"outlet": outlet, "run_id": run_id, "events": event_keys}).encode(), "application/json")
    return key


def drain_outbox(
    store: Store,
    channels: Iterable[AlertChannel],
    alerting: AlertingConfig | None = None,
    sleep=time.sleep,
    now: datetime | None = None,
) -> Delivery:
    """Deliver the events of every outbox entry, then remove the entries that were handled."""
    entries = sorted(store.keys("alerts/outbox/"))
    keys: list[str] = []
    problems = Delivery()
    for entry in entries:
        data = _read_json(store, entry, problems)
        keys.extend((data or {}).get("events", []))
    result = deliver(store, channels, events_from_keys(store, keys), alerting, sleep=sleep, now=now)
    result.errors.extend(problems.errors)
    if result.busy:  # another pass holds a channel: these entries wait for the next pass
        return result
    for entry in entries:
        if not any(entry in e for e in problems.errors):  # an unreadable entry stays for a person
            store.delete(entry)
    return result


def _read_json(store: Store, key: str, result: Delivery) -> dict | None:
    """A JSON object from the store; an unreadable one is reported and left in place, not fatal."""
    data = store.get(key)
    if data is None:
        return None
    try:
        value = json.loads(data)
    except ValueError as exc:
        result.errors.append(f"{key}: unreadable ({exc})")
        log.error("%s is not valid JSON; left in place", key)
        return None
    return value if isinstance(value, dict) else None


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
    table = store.read_table(key.replace("events/", "articles/", 1)) if key.startswith("events/") else None
    if table is not None and table.num_rows:
        art = table.to_pylist()[0]
        return {"source_id": art.get("source_id"), "body": art.get("body") or ""}
    m = _SOURCE_ID_RE.search(row["article_id"])
    return {"source_id": m.group(1) if m else None, "body": row.get("evidence") or ""}


def deliver(
    store: Store,
    channels: Iterable[AlertChannel],
    rows: list[dict],
    alerting: AlertingConfig | None = None,
    sleep=time.sleep,
    now: datetime | None = None,
) -> Delivery:
    """Send every story event not yet sent to each channel, then what is pending from earlier passes.

    Only on channels whose lease this pass holds; stories are grouped after the leases are taken,
    so the story book a pass reads is the one the previous holder saved.
    """
    now = now or datetime.now(UTC)
    result = Delivery()
    channels = list(channels)
    leases = _take_leases(store, channels, result)
    try:
        if rows and (leases or not channels):
            payloads = stories_for(store, rows, alerting or AlertingConfig(), now)
        else:
            payloads = {}
        result.stories = len({p["story"] for p in payloads.values()})
        for channel in channels:
            if channel.name in leases:
                _deliver_channel(store, channel, payloads, result, sleep, leases[channel.name])
    finally:
        for lease in leases.values():
            lease.release()
    _tell_ops(channels, result)
    return result


def _take_leases(store: Store, channels: list[AlertChannel], result: Delivery) -> dict[str, Lease]:
    """Leases of the channels in order, stopping at the first another pass holds."""
    holder = uuid.uuid4().hex
    leases: dict[str, Lease] = {}
    for channel in channels:
        lease = acquire(store, channel.name, holder)
        if lease is None:
            result.busy.extend(c.name for c in channels if c.name not in leases)
            log.info("another pass is delivering on %s; its alerts are left to it", channel.name)
            break
        leases[channel.name] = lease
    return leases


def _todo(store: Store, cname: str, payloads: dict[str, dict], result: Delivery) -> tuple[list[dict], dict[str, int]]:
    """(messages to send, unknown attempts so far per alert): pending ones first, minus sent and parked."""
    todo: dict[str, dict] = {}
    tries: dict[str, int] = {}
    for key in store.keys(f"alerts/pending/{cname}/"):
        p = _read_json(store, key, result)
        if p and "id" in p:
            tries[p["id"]] = int(p.pop(_TRIES, 0) or 0)
            todo.setdefault(p["id"], p)
            result.pending_retried += 1
    for akey, p in payloads.items():
        todo.setdefault(akey, p)
    fresh = []
    for akey, p in todo.items():
        if store.exists(f"alerts/sent/{cname}/{akey}.json") or store.exists(_parked_key(cname, akey)):
            result.already_sent += 1
            store.delete(f"alerts/pending/{cname}/{akey}.json")
            continue
        fresh.append(_mark_change(store, cname, p))
    return fresh, tries


def _deliver_channel(
    store: Store, channel: AlertChannel, payloads: dict[str, dict], result: Delivery, sleep, lease: Lease
) -> None:
    """One channel: drop what it already has, send the rest per event or as one digest."""
    cname = safe_key_part(channel.name)
    fresh, tries = _todo(store, cname, payloads, result)
    if not fresh:
        return
    flood = channel.max_per_run is not None and len(fresh) > channel.max_per_run
    batches = [fresh] if channel.digest or flood else [[p] for p in fresh]
    for batch in batches:
        if not lease.renew():  # another pass took the channel over (we stalled past the lease)
            result.errors.append(f"{channel.name}: lease lost; the rest is left to its new holder")
            return
        outcome, error = _send_with_retries(channel, batch, sleep)
        for p in batch:
            _record(store, channel, cname, p, (outcome, error), tries.get(p["id"], 0), result)
        if outcome == "sent" and len(batch) > 1:
            result.digests += 1
        elif outcome != "sent":
            result.errors.append(f"{channel.name}: {error}")
            log.warning("%d alert(s) to %s: %s (%s)", len(batch), channel.name, outcome, error)


def _mark_change(store: Store, cname: str, payload: dict) -> dict:
    """The payload, marked as a change when the opposite kind of its story and topic was sent."""
    other = OPPOSITE.get(payload.get("kind", ""))
    if (
        other
        and payload.get("story")
        and store.exists(f"alerts/sent/{cname}/{alert_key(payload['story'], payload['topic'], other)}.json")
    ):
        return {**payload, "change": True, "previous_kind": other}
    return payload


def _record(
    store: Store,
    channel: AlertChannel,
    cname: str,
    payload: dict,
    outcome: tuple[str, str | None],
    tries: int,
    result: Delivery,
) -> None:
    """Ledger after acceptance; pending after a failure or an unknown answer; parked for good."""
    state, error = outcome
    sent_key = f"alerts/sent/{cname}/{payload['id']}.json"
    pending_key = f"alerts/pending/{cname}/{payload['id']}.json"
    if state == "sent":
        record = {**payload, "channel": channel.name, "sent_at": datetime.now(UTC).isoformat()}
        store.put(sent_key, json.dumps(record, ensure_ascii=False).encode(), "application/json", if_absent=True)
        store.delete(pending_key)
        result.sent += 1
        return
    if state == "unknown":
        tries += 1
        result.unknown += 1
        if tries >= MAX_UNKNOWN_ATTEMPTS:
            state, error = "refused", f"no answer after {tries} attempts ({error})"
    if state == "refused":
        _park(store, channel, cname, payload, error or "refused", result)
        return
    record = {**payload, _TRIES: tries}
    store.put(pending_key, json.dumps(record, ensure_ascii=False).encode(), "application/json")
    result.failed += 1


def _parked_key(cname: str, akey: str) -> str:
    return f"alerts/parked/{cname}/{akey}.json"


def _park(store: Store, channel: AlertChannel, cname: str, payload: dict, reason: str, result: Delivery) -> None:
    """Set a message aside for a person: never retried, told to ops once (see ``_tell_ops``)."""
    record = {**payload, "channel": channel.name, "reason": reason, "parked_at": datetime.now(UTC).isoformat()}
    data = json.dumps(record, ensure_ascii=False).encode()
    if store.put(_parked_key(cname, payload["id"]), data, "application/json", if_absent=True):
        title = payload.get("title") or payload["id"]
        result.parked_notes.append(f"{channel.name}: {title} ({payload['id']}): {reason}")
    store.delete(f"alerts/pending/{cname}/{payload['id']}.json")
    result.parked += 1


def _tell_ops(channels: list[AlertChannel], result: Delivery) -> None:
    """One ops notice per pass listing the messages parked in it; a failing notice is only logged."""
    if not result.parked_notes:
        return
    subject = f"newsmon ops: {len(result.parked_notes)} alert(s) parked (refused or unanswered)"
    lines = [*result.parked_notes[:50], "parked under alerts/parked/<channel>/; they are not retried"]
    for channel in channels:
        if not channel.ops:
            continue
        try:
            send_ops(channel, subject, lines, {"condition": "alerts_parked", "count": len(result.parked_notes)})
        except Exception as exc:  # ops notices must never sink delivery
            log.warning("ops notice to %s failed: %s", channel.name, exc)


def _send_with_retries(channel: AlertChannel, batch: list[dict], sleep) -> tuple[str, str | None]:
    """("sent", None), or ("failed" | "unknown" | "refused", the error).

    A failure is retried within the pass; an unknown answer is not (it may have arrived), nor a
    refusal (it will not change).
    """
    error = None
    for attempt in range(DELIVERY_ATTEMPTS):
        try:
            send(channel, batch)
            return "sent", None
        except AnswerUnknown as exc:
            return "unknown", str(exc)
        except Refused as exc:
            return "refused", str(exc)
        except Exception as exc:  # any failure of a channel means "not delivered", never a crash
            error = str(exc) or type(exc).__name__
            if attempt + 1 < DELIVERY_ATTEMPTS:
                sleep(DELIVERY_BACKOFF_SECONDS * (2**attempt))
    return "failed", error
