"""Small JSON state in the store, read and written one way, with one policy for bad objects.

State is what newsmon remembers between runs beside the data: feed validators, outlet health, the
alert outbox and ledger, the story book (keys in :mod:`newsmon.keys`). Every such object is read
with :func:`load` and written with :func:`save`, so they all behave alike:

* missing: the caller's default (a first run);
* unreadable (not JSON, or not the expected type): the object is copied to
  ``_state/unreadable/<key>-<time>`` for a person, an error is logged, one line is added to the
  caller's ``problems`` (which end up in the run's ``problems`` or the alert pass's errors), and the
  default is used. A bad object never crashes a run, and is never silently replaced: its bytes
  are kept, and the reset is said where people look;
* the store failing (unreachable, refused): the error propagates, as every storage error does;
  going on would record work whose results were not kept.

A *lease* (:func:`acquire_lease`) is state too: one small JSON object per channel
(``keys.lease``) saying which pass delivers on it until when, taken and renewed by
compare-and-swap (``Store.put_if``) so two passes racing for it cannot both win.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from newsmon import keys

log = logging.getLogger(__name__)

# How long a delivery lease lasts without renewal. A pass renews before every message, and one
# message takes at most a channel's deadline (timeout_seconds, 10 s by default) times its 3
# attempts plus backoff: two minutes leaves room for a slow SMTP server without stranding a
# channel for long after a crash (the next pass takes an expired lease at once).
LEASE_SECONDS = 120.0

JSON_TYPE = "application/json"


class ObjectStore(Protocol):
    """What state needs of a store (newsmon.store.Store has it)."""

    def get(self, key: str) -> bytes | None: ...

    def put(self, key: str, data: bytes, content_type: str = ..., if_absent: bool = ...) -> bool: ...

    def delete(self, key: str) -> None: ...


def load(
    store: ObjectStore,
    key: str,
    default: Callable[[], Any] = dict,
    problems: list[str] | None = None,
    expect: type = dict,
    parse: Callable[[Any], Any] | None = None,
    remove_bad: bool = False,
) -> Any:
    """The value at ``key``; ``default()`` when missing or unreadable (see the module doc).

    The JSON must be of type ``expect``; ``parse`` (e.g. a record's ``from_dict``) then turns it
    into what the caller keeps; its ValueError, TypeError, KeyError or AttributeError also means
    unreadable.
    ``remove_bad`` deletes an unreadable original once its copy is kept: for one item of a queue
    (an outbox entry, a pending delivery) that would otherwise be reported on every pass.
    """
    data = store.get(key)
    if data is None:
        return default()
    try:
        value = json.loads(data)
        if not isinstance(value, expect):
            raise ValueError(f"expected a JSON {expect.__name__}, found {type(value).__name__}")
        return parse(value) if parse else value
    except (ValueError, TypeError, KeyError, AttributeError) as exc:  # JSON and Unicode errors are ValueErrors
        kept = quarantine(store, key, data, remove=remove_bad)
        line = f"{key}: unreadable ({type(exc).__name__}: {exc}); kept as {kept}, using a fresh default"
        log.error("%s", line)
        if problems is not None:
            problems.append(line)
        return default()


def save(store: ObjectStore, key: str, value: Any, if_absent: bool = False) -> bool:
    """Write ``value`` as JSON (UTF-8, one PUT); with ``if_absent`` only when no object is there."""
    data = json.dumps(value, ensure_ascii=False, default=_jsonable).encode()
    return store.put(key, data, JSON_TYPE, if_absent=if_absent)


def quarantine(store: ObjectStore, key: str, data: bytes, remove: bool = False) -> str:
    """Copy an unreadable object under ``_state/unreadable/`` (and ``remove`` the original)."""
    kept = keys.unreadable(key, datetime.now(UTC))
    store.put(kept, data, "application/octet-stream")
    if remove:
        store.delete(key)
    return kept


def _jsonable(value: Any) -> Any:
    """Datetimes as ISO 8601, sets as sorted lists: the types state holds beyond plain JSON."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"{type(value).__name__} is not JSON-serialisable")


# --- leases ---------------------------------------------------------------------------------


class LeaseStore(Protocol):
    """What a lease needs of a store: compare-and-swap on one object (newsmon.store.Store)."""

    def get_tagged(self, key: str) -> tuple[bytes, str] | None: ...

    def put_if(self, key: str, data: bytes, etag: str | None, content_type: str = ...) -> str | None: ...


@dataclass
class Lease:
    """A held lease: its key, holder, fencing token and the ETag of the object we wrote last.

    The token grows by one at every take, so a holder that stalled past its expiry and was
    replaced learns it at its next :meth:`renew` (the ETag it knows is gone) and must stop.
    """

    store: LeaseStore
    key: str
    holder: str
    token: int
    etag: str
    clock: Callable[[], float] = time.time

    def renew(self) -> bool:
        """Extend the lease; False when another pass has taken it since (stop then)."""
        etag = self.store.put_if(self.key, self._body(self.clock() + LEASE_SECONDS), self.etag)
        if etag is None:
            return False
        self.etag = etag
        return True

    def release(self) -> None:
        """Let the next pass take it at once (a lease lost meanwhile is left alone)."""
        etag = self.store.put_if(self.key, self._body(0.0), self.etag)
        if etag is not None:
            self.etag = etag

    def _body(self, expires_at: float) -> bytes:
        return json.dumps({"holder": self.holder, "token": self.token, "expires_at": expires_at}).encode()


def acquire_lease(
    store: LeaseStore, key: str, holder: str | None = None, clock: Callable[[], float] = time.time
) -> Lease | None:
    """The lease at ``key`` for ``holder``, or None while another holder's lease has not expired.

    Taken with ``If-None-Match: *`` when absent, else ``If-Match`` on the ETag read: of passes
    racing for it exactly one write succeeds. An unreadable lease object counts as expired.
    """
    holder = holder or uuid.uuid4().hex
    current = store.get_tagged(key)
    token, etag = 1, None
    if current is not None:
        data, etag = _lease_data(current[0]), current[1]
        if float(data.get("expires_at", 0) or 0) > clock() and data.get("holder") != holder:
            return None
        token = int(data.get("token", 0) or 0) + 1
    lease = Lease(store, key, holder, token, "", clock)
    new_etag = store.put_if(key, lease._body(clock() + LEASE_SECONDS), etag)
    if new_etag is None:
        return None  # another pass took it between our read and our write
    lease.etag = new_etag
    return lease


def _lease_data(raw: bytes) -> dict:
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
