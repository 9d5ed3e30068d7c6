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
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol

from newsmon import keys

log = logging.getLogger(__name__)

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
