"""The morning brief: one message a day per brief channel, every event it has not been briefed on.

A channel with ``brief: {at: "08:00", tz: "Asia/Seoul"}`` gets no single alerts; instead, once a
day, one message with every agreement and dispute of the last ``BRIEF_LOOKBACK_DAYS`` it was not
briefed on yet, grouped by topic and story, and the label flips. Routing rules apply first.

Exactly once, across retries and reruns, with a ledger beside the alert ledger::

    alerts/brief/<channel>/<day>.json        the day's brief, frozen before the first attempt
    alerts/brief/<channel>/<day>.sent.json   written once the channel accepted it
    alerts/briefed/<channel>/<key>.json      every event of an accepted brief
    alerts/skipped/<channel>/<key>.json      events the channel's routing turned away

``day`` is the channel's local date. A retry resends the frozen brief (same content, same
``Idempotency-Key``), so a receiver that failed and recovered gets one brief. Once ``.sent``
exists, the day is done. A brief frozen on an earlier day and never accepted is dropped when the
next day's brief is made: its events were never briefed, so they go into that one instead.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from newsmon import keys, state
from newsmon.alert.routing import Route
from newsmon.config import AlertChannel, Config
from newsmon.store import Store

log = logging.getLogger(__name__)

# Events detected this many days back are offered to a brief: a week covers a channel that was
# down over a long weekend; older news is history, not a morning brief.
BRIEF_LOOKBACK_DAYS = 7
# Attempts per brief within one pass (a receiver restarting answers 5xx a couple of times).
BRIEF_ATTEMPTS = 3
BRIEF_BACKOFF_SECONDS = 0.5
OPPOSITE = {"agreement": "dispute", "dispute": "agreement"}


@dataclass
class BriefResult:
    """What one channel's brief pass did."""

    channel: str
    day: str
    state: str  # sent | already_sent | nothing_new | not_due | failed
    events: int = 0
    flips: int = 0
    error: str | None = None


def recent_rows(config: Config, now: datetime) -> list[dict]:
    """Event rows of the lake detected within ``BRIEF_LOOKBACK_DAYS`` of ``now``."""
    import pyarrow.compute as pc

    from newsmon.lakesql import dataset

    since = now - timedelta(days=BRIEF_LOOKBACK_DAYS)
    events = dataset(config.storage, "events")
    # dt is the publish date; an event is detected on or after it, so this only prunes
    table = events.to_table(filter=pc.field("dt") >= (since - timedelta(days=BRIEF_LOOKBACK_DAYS)).date().isoformat())
    rows = [r for r in table.to_pylist() if r["detected_at"] is None or r["detected_at"] >= since]
    unique = {(r["article_id"], r["version"], r["topic"], r["kind"], r["evidence"]): r for r in rows}
    return list(unique.values())


def run_briefs(
    config: Config, store: Store, now: datetime | None = None, only_due: bool = False, sleep=time.sleep
) -> list[BriefResult]:
    """Brief every brief channel (only those whose time has come with ``only_due``)."""
    from newsmon.alert.delivery import stories_for

    now = now or datetime.now(UTC)
    channels = [c for c in config.alerts if c.brief is not None]
    if not channels:
        return []
    rows = recent_rows(config, now)
    payloads = stories_for(store, rows, config.alerting, now) if rows else {}
    return [brief_channel(store, c, payloads, now, sleep, only_due) for c in channels]


def brief_channel(
    store: Store, channel: AlertChannel, payloads: dict[str, dict], now: datetime, sleep=time.sleep, only_due=False
) -> BriefResult:
    """Make (or reuse) the channel's brief for its local day and send it once."""
    cname = channel.name
    day = channel.brief.day(now).isoformat()
    if store.exists(keys.brief_sent(cname, day)):
        return BriefResult(channel.name, day, "already_sent")
    if only_due and not channel.brief.due(now):
        return BriefResult(channel.name, day, "not_due")
    frozen = state.load(store, keys.brief(cname, day), default=lambda: None, remove_bad=True)
    brief = frozen if frozen and "events" in frozen else prepare(store, channel, day, payloads)
    if brief is None:
        return BriefResult(channel.name, day, "nothing_new")
    result = BriefResult(channel.name, day, "sent", len(brief["events"]), sum(e["change"] for e in brief["events"]))
    result.error = _send_with_retries(channel, brief, sleep)
    if result.error is not None:
        result.state = "failed"
        log.warning("brief %s to %s failed (%s); kept for the next pass", brief["id"], channel.name, result.error)
        return result
    for event in brief["events"]:
        record = {"brief": brief["id"], "sent_at": datetime.now(UTC).isoformat(), **event}
        state.save(store, keys.briefed(cname, event["id"]), record, if_absent=True)
    state.save(store, keys.brief_sent(cname, day), {"id": brief["id"], "events": len(brief["events"])})
    return result


def prepare(store: Store, channel: AlertChannel, day: str, payloads: dict[str, dict]) -> dict | None:
    """Freeze the day's brief in the store: every routed event not briefed nor skipped yet."""
    cname = channel.name
    _drop_stale(store, cname, day)
    done = _recorded(store, keys.briefed_prefix(cname)) | _recorded(store, keys.skipped_prefix(cname))
    route = Route.of(channel)
    events = []
    for akey, p in sorted(payloads.items(), key=lambda kv: (kv[1]["topic"], kv[1]["story"], kv[1]["kind"])):
        if akey in done:
            continue
        p = _mark_change(p, done)
        why = route.reason(p)
        if why is not None:
            skip = {"id": akey, "reason": why, "at": datetime.now(UTC).isoformat()}
            state.save(store, keys.skipped(cname, akey), skip, if_absent=True)
            continue
        events.append(p)
    if not events:
        return None
    brief = {
        "id": f"brief-{keys.safe(cname)}-{day}",
        "channel": channel.name,
        "day": day,
        "tz": channel.brief.tz,
        "events": _flips_within(events),
    }
    state.save(store, keys.brief(cname, day), brief)
    return brief


def _mark_change(payload: dict, done: set[str]) -> dict:
    """Marked as a flip when the channel was briefed on (or skipped) the opposite kind of the story."""
    from newsmon.alert.delivery import alert_key

    other = OPPOSITE.get(payload["kind"])
    if other and alert_key(payload["story"], payload["topic"], other) in done:
        return {**payload, "change": True, "previous_kind": other}
    return payload


def _flips_within(events: list[dict]) -> list[dict]:
    """Both kinds of one story and topic in one brief: the later-detected one is a flip."""
    by_pair: dict[tuple[str, str], list[dict]] = {}
    for e in events:
        by_pair.setdefault((e["story"], e["topic"]), []).append(e)
    out = []
    for e in events:
        pair = by_pair[(e["story"], e["topic"])]
        earlier = [o for o in pair if o is not e and (o.get("detected_at") or "") < (e.get("detected_at") or "")]
        if earlier and not e.get("change"):
            e = {**e, "change": True, "previous_kind": earlier[0]["kind"]}
        out.append(e)
    return out


def _drop_stale(store: Store, cname: str, day: str) -> None:
    """Remove briefs of earlier days that were never accepted (their events go into today's)."""
    held = set(store.keys(keys.brief_prefix(cname)))
    for key in held:
        name = key.rsplit("/", 1)[1]
        if name.endswith(".sent.json") or key == keys.brief(cname, day):
            continue
        if keys.brief_sent(cname, name.removesuffix(".json")) not in held:
            log.warning("brief %s was never accepted; its events go into the brief of %s", key, day)
            store.delete(key)


def _recorded(store: Store, prefix: str) -> set[str]:
    """The alert keys recorded under a ledger prefix."""
    return {k[len(prefix) :].removesuffix(".json") for k in store.keys(prefix)}


def _send_with_retries(channel: AlertChannel, brief: dict, sleep) -> str | None:
    """None when the channel accepted the brief, else the last error."""
    from newsmon.alert.brief_message import send_brief

    error = None
    for attempt in range(BRIEF_ATTEMPTS):
        try:
            send_brief(channel, brief)
            return None
        except Exception as exc:  # any failure of a channel means "not delivered", never a crash
            error = str(exc) or type(exc).__name__
            if attempt + 1 < BRIEF_ATTEMPTS:
                sleep(BRIEF_BACKOFF_SECONDS * (2**attempt))
    return error
