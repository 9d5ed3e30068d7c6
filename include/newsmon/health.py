"""Monitoring the monitor: notice when an outlet breaks silently, say so once, and say when it recovers.

Each run of an outlet is judged from its counts (the ``runs`` table row). Three conditions:

- ``silent``: no new article for ``quiet_runs`` consecutive runs (the site changed or blocks us);
- ``failing``: the share of failed fetches jumps above ``max_failure_rate``;
- ``drifting``: the share of stored pages extracted by ``fallback``/``generic`` instead of the
  outlet's profile jumps above ``max_fallback_share`` (the markup changed).

An ops message is produced when a condition starts, never again while it lasts, and once when every
condition has cleared. ``assess`` is a pure function (no clock, no I/O); ``watch`` around it keeps
the state between runs in the store (``keys.health``, through ``newsmon.state``) and sends the messages on
every alert channel with ``ops: true``. A message a channel refused stays in the state and is sent
again after the next run, so a channel outage loses no ops notice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from newsmon import keys
from newsmon import state as stored
from newsmon.config import HealthPolicy  # the thresholds: declared (with defaults) in the config

# Below these counts a share says nothing (1 failure out of 2 fetches is noise).
MIN_ATTEMPTS_FOR_RATE = 4
MIN_STORED_FOR_SHARE = 3
# Undelivered ops notices kept per outlet; beyond this the oldest go (a channel down for weeks
# needs fixing, not a backlog of "still quiet").
MAX_UNSENT = 50

log = logging.getLogger(__name__)
DEFAULT_POLICY = HealthPolicy()  # the config's defaults


@dataclass
class HealthState:
    """What is remembered about an outlet between runs."""

    outlet: str
    quiet_runs: int = 0
    active: list[str] = field(default_factory=list)  # conditions alerted and not yet recovered
    unsent: list[dict] = field(default_factory=list)  # notices a channel has not accepted yet
    last_run: str | None = None  # the run judged last: a retried task is not counted twice

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> HealthState:
        """Inverse of to_dict."""
        return cls(
            outlet=data["outlet"],
            quiet_runs=int(data.get("quiet_runs", 0)),
            active=list(data.get("active", [])),
            unsent=list(data.get("unsent", [])),
            last_run=data.get("last_run"),
        )


@dataclass(frozen=True)
class OpsMessage:
    """One ops alert: a condition that started, or the recovery of all of them."""

    outlet: str
    condition: str  # "silent" | "failing" | "drifting" | "recovered"
    text: str


def assess(
    state: HealthState, counts: dict, policy: HealthPolicy = DEFAULT_POLICY
) -> tuple[HealthState, list[OpsMessage]]:
    """Judge one run's ``counts`` (stored, fetched, failed, fallback) against the remembered state."""
    stored = int(counts.get("stored", 0))
    fetched = int(counts.get("fetched", 0))
    failed = int(counts.get("failed", 0))
    fallback = int(counts.get("fallback", 0))
    quiet = 0 if stored > 0 else state.quiet_runs + 1
    attempts = fetched + failed
    failure_rate = failed / attempts if attempts else 0.0
    fallback_share = fallback / stored if stored else 0.0
    now = {
        "silent": quiet >= policy.quiet_runs,
        "failing": attempts >= MIN_ATTEMPTS_FOR_RATE and failure_rate > policy.max_failure_rate,
        "drifting": stored >= MIN_STORED_FOR_SHARE and fallback_share > policy.max_fallback_share,
    }
    texts = {
        "silent": f"{state.outlet}: no new article for {quiet} consecutive runs",
        "failing": f"{state.outlet}: {failed} of {attempts} fetches failed ({failure_rate:.0%})",
        "drifting": f"{state.outlet}: {fallback} of {stored} articles extracted without the profile "
        f"({fallback_share:.0%}); the site's markup may have changed",
    }
    messages = [OpsMessage(state.outlet, c, texts[c]) for c, on in now.items() if on and c not in state.active]
    active = [c for c, on in now.items() if on]
    if state.active and not active:
        messages.append(
            OpsMessage(state.outlet, "recovered", f"{state.outlet}: recovered ({', '.join(state.active)} cleared)")
        )
    # a condition that clears while another lasts is dropped quietly; recovery is said once, at the end
    new = HealthState(outlet=state.outlet, quiet_runs=quiet, active=active, unsent=list(state.unsent))
    return new, messages


def watch(
    store: Any,
    outlet: str,
    run_id: str,
    counts: dict,
    policy: HealthPolicy,
    channels: list[str],
    send: Callable[[dict], None],
    problems: list[str] | None = None,
) -> HealthState:
    """Judge a run, persist the state, tell ops once per change; returns the new state.

    ``store`` needs ``get``/``put`` (newsmon.store.Store); an unreadable state is kept aside and
    replaced by a fresh one (newsmon.state), said in ``problems``; ``send(notice)`` gets
    ``{"channel", "outlet", "condition", "text", "run_id"}`` and raises when the channel did not
    accept. The state (with the notices to send) is saved before sending, so a crash in between
    repeats a notice rather than losing it.
    """
    key = keys.health(outlet)
    state = stored.load(
        store, key, default=lambda: HealthState(outlet=outlet), problems=problems, parse=HealthState.from_dict
    )
    messages: list[OpsMessage] = []
    if state.last_run != run_id:
        state, messages = assess(state, counts, policy)
        state.last_run = run_id
    state.unsent.extend(
        {"channel": c, "outlet": outlet, "condition": m.condition, "text": m.text, "run_id": run_id}
        for m in messages
        for c in channels
    )
    state.unsent = state.unsent[-MAX_UNSENT:]
    stored.save(store, key, state.to_dict())
    if not state.unsent:
        return state
    left = []
    for item in state.unsent:
        try:
            send(item)
        except Exception as exc:  # a channel down must not fail the crawl; retried after the next run
            log.warning("ops notice to %s not sent (%s); kept for the next run", item["channel"], exc)
            left.append(item)
    state.unsent = left
    stored.save(store, key, state.to_dict())
    return state
