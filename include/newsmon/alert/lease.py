"""One deliverer per channel at a time: a lease object in the store, taken by conditional PUT.

Two ``newsmon run`` on one config (Airflow runs overlapping, a watcher beside the cron) once both
read the outbox and both sent before either wrote its ledger entry. Now a pass sends on a channel
only while it holds ``alerts/lease/<channel>.json``::

    {"holder": "<pass id>", "token": 7, "expires_at": 1764640000.0}

* taken with ``If-None-Match: *`` when absent, or ``If-Match: <etag>`` when expired: of two
  passes racing for it exactly one PUT succeeds (SeaweedFS and S3 both refuse the other, 412);
* ``token`` (the fencing token) grows by one at every take, so a pass that lost its lease (it
  stalled past ``expires_at``, another took over) is told so at its next :meth:`Lease.renew`,
  which is again ``If-Match`` on the etag it wrote: it then stops sending;
* released at the end of the pass (``expires_at`` 0, same token) so the next pass need not wait.

A pass that cannot take the lease leaves the channel to the holder, and the outbox entries stay
for the next pass. The conditional PUTs go to the store's S3 client directly: ``Store.put`` knows
only ``If-None-Match``.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from botocore.exceptions import ClientError

from newsmon.store import Store, safe_key_part

# How long a lease lasts without renewal. A pass renews before every message, and one message
# takes at most a channel's deadline (timeout_seconds, 10 s by default) times its 3 attempts plus
# backoff: two minutes leaves room for a slow SMTP server without stranding a channel for long
# after a crash (the next pass takes an expired lease at once).
LEASE_SECONDS = 120.0
_PRECONDITION = ("PreconditionFailed", "412", "ConditionalRequestConflict", "409")


def lease_key(channel: str) -> str:
    """Where the lease of ``channel`` lives."""
    return f"alerts/lease/{safe_key_part(channel)}.json"


@dataclass
class Lease:
    """A held lease: its channel, fencing token and the etag of the object we wrote last."""

    store: Store
    channel: str
    holder: str
    token: int
    etag: str
    clock: Callable[[], float] = time.time

    def renew(self) -> bool:
        """Extend the lease; False when another pass has taken it since (stop sending then)."""
        etag = _put(self.store, self.channel, self._body(self.clock() + LEASE_SECONDS), if_match=self.etag)
        if etag is None:
            return False
        self.etag = etag
        return True

    def release(self) -> None:
        """Let the next pass take the channel at once (a lost lease is left alone)."""
        etag = _put(self.store, self.channel, self._body(0.0), if_match=self.etag)
        if etag is not None:
            self.etag = etag

    def _body(self, expires_at: float) -> bytes:
        return json.dumps({"holder": self.holder, "token": self.token, "expires_at": expires_at}).encode()


def acquire(store: Store, channel: str, holder: str | None = None, clock: Callable[[], float] = time.time):
    """The lease of ``channel`` for this pass, or None while another pass holds it."""
    holder = holder or uuid.uuid4().hex
    current = _get(store, channel)
    if current is None:
        token, if_match, if_absent = 1, None, True
    else:
        data, etag = current
        if float(data.get("expires_at", 0)) > clock() and data.get("holder") != holder:
            return None
        token, if_match, if_absent = int(data.get("token", 0)) + 1, etag, False
    body = json.dumps({"holder": holder, "token": token, "expires_at": clock() + LEASE_SECONDS}).encode()
    etag = _put(store, channel, body, if_match=if_match, if_absent=if_absent)
    if etag is None:
        return None  # another pass took it between our read and our write
    return Lease(store, channel, holder, token, etag, clock)


def _get(store: Store, channel: str) -> tuple[dict, str] | None:
    """(lease data, etag) or None when there is no lease object; unreadable data counts as expired."""
    try:
        obj = store.client.get_object(Bucket=store.bucket, Key=store.prefix + lease_key(channel))
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
            return None
        raise
    raw = obj["Body"].read()
    try:
        data = json.loads(raw)
    except ValueError:
        data = {}
    return (data if isinstance(data, dict) else {}), obj["ETag"]


def _put(store: Store, channel: str, body: bytes, if_match: str | None = None, if_absent: bool = False) -> str | None:
    """Conditional PUT of the lease object: its new etag, or None when the condition failed."""
    kwargs = {"IfMatch": if_match} if if_match else ({"IfNoneMatch": "*"} if if_absent else {})
    try:
        out = store.client.put_object(
            Bucket=store.bucket,
            Key=store.prefix + lease_key(channel),
            Body=body,
            ContentType="application/json",
            **kwargs,
        )
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in _PRECONDITION:
            return None
        raise
    return out["ETag"]
