"""What is stored for an outlet: article id -> latest version, fingerprint and known addresses.

One parquet object per outlet (``keys.index``), read at the start of a pass and written at its end,
after the data: a crash in between is repaired by the next pass finding the same keys again. One
writer per outlet (the outlet's own task).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pyarrow as pa

from newsmon import keys
from newsmon.schema import INDEX
from newsmon.store import Store
from newsmon.tables import put_table, read_table


@dataclass
class IndexEntry:
    """What the store holds for one article: its latest version and fingerprint."""

    version: int
    fingerprint: str
    urls: set[str]
    stored_at: datetime


def load_index(store: Store, outlet: str) -> dict[str, IndexEntry]:
    """article_id -> IndexEntry for everything stored for ``outlet``."""
    table = read_table(store, keys.index(outlet))
    if table is None:
        return {}
    return {
        r["article_id"]: IndexEntry(r["version"], r["fingerprint"], set(r["urls"] or []), r["stored_at"])
        for r in table.to_pylist()
    }


def save_index(store: Store, outlet: str, index: dict[str, IndexEntry]) -> None:
    """Replace an outlet's index."""
    rows = [
        {
            "article_id": k,
            "version": v.version,
            "fingerprint": v.fingerprint,
            "urls": sorted(v.urls),
            "stored_at": v.stored_at,
        }
        for k, v in sorted(index.items())
    ]
    put_table(store, keys.index(outlet), pa.Table.from_pylist(rows, schema=INDEX))


def known_urls(index: dict[str, IndexEntry]) -> set[str]:
    """Every normalised address of every stored article."""
    return {u for entry in index.values() for u in entry.urls}
