"""Alerting: stories (what is new), channels (where it goes), delivery (once, nothing lost).

story.py      articles → stories: same outlet id, or near-duplicate bodies within a window
message.py    what an alert says, rendered for JSON, Slack Block Kit and mail; no markup injection
channels.py   webhook, slack, email senders; ops notices
delivery.py   outbox → stories → per-channel ledger in the store, retries, digests
"""

from newsmon.alert.delivery import (
    Delivery,
    add_to_outbox,
    alert_key,
    deliver,
    drain_outbox,
    events_from_keys,
    payload_from_row,
)

__all__ = [
    "Delivery",
    "add_to_outbox",
    "alert_key",
    "deliver",
    "drain_outbox",
    "events_from_keys",
    "payload_from_row",
]
