"""Where an outlet's learned furniture (:mod:`newsmon.furniture`) is kept: one small JSON object
per outlet under ``_state/furniture/``. The one load/save pair, to move onto ``newsmon.state``
when main has it.

Inspect: ``newsmon store`` tools or any S3 client, key ``_state/furniture/outlet=<name>.json``
(``recent``: article id -> hashes of its lines). Reset: delete that object; learning starts again
on the next run.
"""

from __future__ import annotations

from newsmon.furniture import OutletFurniture, from_json, to_json
from newsmon.store import Store, safe_key_part


def furniture_key(outlet: str) -> str:
    """The object key of an outlet's learned furniture."""
    return f"_state/furniture/outlet={safe_key_part(outlet)}.json"


def load_furniture(store: Store, outlet: str) -> OutletFurniture:
    """The outlet's learned furniture; an empty state when none is stored or it is unreadable."""
    return from_json(store.get(furniture_key(outlet)))


def save_furniture(store: Store, outlet: str, state: OutletFurniture) -> None:
    """Store the outlet's learned furniture (one PUT)."""
    store.put(furniture_key(outlet), to_json(state), "application/json")
