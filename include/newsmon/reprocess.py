"""Rebuild articles, events and mentions from the raw WARC archive, without the network.

When extraction or detection improves, ``newsmon reprocess --from-raw [--since DATE]`` runs the
current code over the archived responses and swaps the rebuilt rows in for the old ones:

* Only responses the crawl stored (or matched) as an article version are rebuilt; their WARC
  record names the (article_id, version), so versions are never renumbered and no row is added
  twice. The earliest capture of a version is the one that made its row.
* Rows are replaced in place (:func:`newsmon.lake.replace_rows`), wherever they live: a
  per-version object or a compacted ``part-*`` one. ``detected_at`` of an event is kept.
* The outlet's index takes the rebuilt fingerprint of the latest version, so the next crawl
  compares edits against what the current extractor makes of the page, not the old one.

Running it twice writes nothing new: the rebuilt partitions hash to the keys they already have.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from email.message import Message

import pyarrow as pa

from newsmon import keys, lake, raw
from newsmon.config import Config
from newsmon.detect import detect, load_taxonomy
from newsmon.extract import ExtractionError, extract
from newsmon.fetch import decode_html
from newsmon.identity import normalize_url
from newsmon.index import IndexEntry, load_index, save_index
from newsmon.records import Outlet
from newsmon.schema import DERIVED
from newsmon.store import Store
from newsmon.tables import article_table, event_table, fingerprint, mention_table

log = logging.getLogger(__name__)


@dataclass
class ReprocessResult:
    """What one outlet's reprocess did."""

    outlet: str
    raw_objects: int = 0
    captures: int = 0
    rebuilt: int = 0
    failed: int = 0
    written: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """Plain dict for JSON output."""
        return asdict(self)


def reprocess_from_raw(
    config: Config, store: Store, since: date | None = None, outlets: list[str] | None = None
) -> list[ReprocessResult]:
    """Rebuild the derived tables of every (or the named) outlet from raw captures since ``since``."""
    return [reprocess_outlet(o, store, since) for o in config.outlets if not outlets or o.name in outlets]


def reprocess_outlet(outlet: Outlet, store: Store, since: date | None = None) -> ReprocessResult:
    """One outlet: read its raw captures, rebuild their article versions, swap the rows in."""
    result = ReprocessResult(outlet.name)
    captures = _captures(store, outlet.name, since, result)
    taxonomy = load_taxonomy()
    now = datetime.now(UTC)
    built: dict[tuple[str, int], tuple] = {}
    for pair, cap in sorted(captures.items()):
        try:
            article = extract(
                decode_html(cap.content, _charset(cap.headers))[0],
                cap.url,
                outlet.name,
                outlet.profile,
                crawled_at=cap.fetched_at,
                feed_published=cap.note.feed_published,
            )
        except ExtractionError as exc:  # keep the old rows of this version: they are all we have
            result.failed += 1
            result.problems.append(f"{pair[0]} v{pair[1]}: {exc}")
            continue
        if article.article_id != pair[0]:
            result.failed += 1
            result.problems.append(f"{pair[0]} v{pair[1]}: the extractor now says {article.article_id}")
            continue
        built[pair] = (article, detect(article, taxonomy))
    pairs = set(built)
    if not pairs:
        return result
    old_events = lake.find_rows(store, "events", outlet.name, pairs)
    detected = _detected_at(old_events.values())
    for table in DERIVED:
        old = old_events if table == "events" else lake.find_rows(store, table, outlet.name, pairs)
        new_by_dt: dict[str, list[pa.Table]] = {}
        for (aid, version), (article, finding) in built.items():
            if table == "articles":
                rows = article_table(article, finding, version)
            elif table == "events":
                rows = event_table(article, finding, version, detected.get((aid, version), now))
            else:
                rows = mention_table(article, finding, version)
            if rows.num_rows:
                dt = keys.partition_date(article.published_at, article.crawled_at)
                new_by_dt.setdefault(dt, []).append(rows)
        merged = {dt: pa.concat_tables(parts) for dt, parts in new_by_dt.items()}
        result.written[table] = len(lake.replace_rows(store, table, outlet.name, old, pairs, merged))
    _update_index(store, outlet.name, built)
    result.rebuilt = len(built)
    return result


def _captures(store: Store, outlet: str, since: date | None, result: ReprocessResult) -> dict:
    """(article_id, version) -> its earliest archived capture, from raw objects dated ``since`` on."""
    out: dict[tuple[str, int], raw.Capture] = {}
    for key in sorted(store.keys(keys.table_prefix("raw", outlet))):
        dt = (keys.parse_partition(key) or {}).get("dt", "")
        if not key.endswith(".warc.gz") or (since and dt < since.isoformat()):
            continue
        data = store.get(key)
        if data is None:
            continue
        result.raw_objects += 1
        try:
            for cap in raw.read_captures(data):
                if cap.note is None:
                    continue
                result.captures += 1
                pair = (cap.note.article_id, cap.note.version)
                if pair not in out or cap.fetched_at < out[pair].fetched_at:
                    out[pair] = cap
        except Exception as exc:  # a damaged archive is reported, the others still count
            result.problems.append(f"{key}: unreadable WARC ({type(exc).__name__}: {exc})")
    return out


def _charset(headers: dict[str, str]) -> str | None:
    """The charset named by a Content-Type header, if any."""
    msg = Message()
    msg["content-type"] = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    return msg.get_content_charset()


def _detected_at(tables) -> dict[tuple[str, int], datetime]:
    """When each (article_id, version) was first detected, from its old events rows."""
    out: dict[tuple[str, int], datetime] = {}
    for data in tables:
        for row in data.select(["article_id", "version", "detected_at"]).to_pylist():
            pair = (row["article_id"], row["version"])
            if row["detected_at"] is not None and (pair not in out or row["detected_at"] < out[pair]):
                out[pair] = row["detected_at"]
    return out


def _update_index(store: Store, outlet: str, built: dict) -> None:
    """Record the rebuilt latest version of each article (and its new fingerprint) in the index."""
    index = load_index(store, outlet)
    for (aid, version), (article, _finding) in sorted(built.items()):
        entry = index.get(aid)
        if entry is not None and version < entry.version:
            continue
        urls = (entry.urls if entry else set()) | {normalize_url(article.url)}
        index[aid] = IndexEntry(version, fingerprint(article), urls, entry.stored_at if entry else datetime.now(UTC))
    save_index(store, outlet, index)
