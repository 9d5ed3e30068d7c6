"""One outlet's pass, discover → fetch → extract → detect → store, and the alerting pass.

The CLI (``newsmon run``) and the Airflow tasks call these same functions; what they return is
small (counts and object keys), fit for XCom.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime

from newsmon import alert as alerting
from newsmon import health, keys, raw, state, tables
from newsmon.alert.channels import send_ops
from newsmon.config import Config
from newsmon.detect import detect, load_taxonomy
from newsmon.discover import BACKFILL_MAX_PAGES, Robots, discover
from newsmon.extract import ExtractionError, extract
from newsmon.fetch import Fetcher
from newsmon.identity import id_from_url, normalize_url
from newsmon.index import IndexEntry, known_urls, load_index, save_index
from newsmon.records import Candidate, Outlet, Page
from newsmon.store import STORAGE_ERRORS, Store

log = logging.getLogger(__name__)

# A run writes its fetches rows and raw WARC in parts of this many pages, then drops the pages'
# bytes: memory stays bounded however many pages a run fetches (each page holds its body twice,
# as bytes and as text), while a part still amortises its two PUTs over many pages.
FLUSH_EVERY = 200
# ...or earlier, once the held bodies reach this many bytes: pages may be up to
# ``crawl.max_bytes`` (5 MB) each, so a count alone would not bound memory.
FLUSH_BYTES = 64 * 1024 * 1024
# Told after discovery and after each candidate: (outlet, candidates done, candidates in this run).
Progress = Callable[[str, int, int], None]


@dataclass
class OutletResult:
    """Counts and keys from one outlet's pass; JSON-serialisable for XCom."""

    outlet: str
    run_id: str
    found: int = 0
    fetched: int = 0
    stored: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    fallback: int = 0  # stored versions extracted without the outlet's profile
    health: list[str] = field(default_factory=list)  # ops conditions active after this run
    event_keys: list[str] = field(default_factory=list)
    article_keys: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    failures: dict[str, int] = field(default_factory=dict)
    offline: bool = False
    seconds: float = 0.0

    def to_dict(self) -> dict:
        """Plain dict for XCom and JSON output."""
        return asdict(self)

    def run_row(self, started: datetime) -> dict:
        """This pass as a ``runs`` row."""
        counts = ("found", "fetched", "stored", "unchanged", "skipped", "failed", "events", "fallback", "health")
        row = {"run_id": self.run_id, "outlet": self.outlet, "started_at": started, "finished_at": datetime.now(UTC)}
        return {**row, **{c: getattr(self, c) for c in counts}, "problems": self.problems[:50]}


def new_run_id(prefix: str = "cli") -> str:
    """A unique, sortable run id for runs started outside Airflow."""
    return f"{prefix}-{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"


def run_outlet(
    outlet: Outlet,
    config: Config,
    store: Store,
    run_id: str,
    refetch_known: bool = False,
    fetcher: Fetcher | None = None,
    progress: Progress | None = None,
    since: date | None = None,
) -> OutletResult:
    """Crawl one outlet once and store what is new; never raises for a bad page or site.

    ``since`` makes it a catch-up run: candidates from that UTC day on, sitemaps included, up to
    ``BACKFILL_MAX_PAGES`` instead of the outlet's ``max_pages``. ``progress`` is told how far it got.
    """
    if since:
        outlet = replace(outlet, max_pages=max(outlet.max_pages, BACKFILL_MAX_PAGES))
    started = datetime.now(UTC)
    t0 = time.monotonic()
    result = OutletResult(outlet=outlet.name, run_id=run_id)
    fetcher = fetcher or Fetcher(outlet, config.crawl)
    robots = Robots(fetcher)
    index = load_index(store, outlet.name)
    known = known_urls(index)
    # feed URL -> ETag / Last-Modified / last full read, from the last completed pass
    validators = state.load(store, keys.feed_validators(outlet.name), problems=result.problems)
    batch = _Batch(store, outlet.name, run_id, started, config.crawl.user_agent)
    completed = False
    try:
        found = discover(outlet, fetcher, robots, None if since else validators, since=since)  # catch-up: full reads
        result.problems.extend(found.problems)
        result.found = len(found.candidates)
        result.offline = bool(found.pages) and all(p.error in _NETWORK_ERRORS for p in found.pages)
        batch.add(*found.pages)
        candidates = found.candidates[: outlet.max_pages]
        del found  # its pages are the batch's now
        taxonomy = load_taxonomy(config.detect_taxonomy)
        for cand in _counted(candidates, outlet.name, progress):
            if not refetch_known and _is_known(cand, outlet, known, index):
                result.skipped += 1
                continue
            _take(cand, outlet, store, index, taxonomy, fetcher, robots, batch, result)
        completed = True
    finally:
        fetcher.close()
        # data first, then the index: a crash in between is repaired by rewriting the same keys
        batch.add(*robots.pages)
        batch.flush()
        alerting.add_to_outbox(store, outlet.name, run_id, result.event_keys)
        save_index(store, outlet.name, index)
        result.seconds = round(time.monotonic() - t0, 3)
        if completed:  # a pass that crashed is the task's failure to report, not the outlet's health
            # validators only after a whole pass: a 304 must never hide items a crash left unread
            state.save(store, keys.feed_validators(outlet.name), validators)
            result.health = watch_health(outlet, config, store, result)
        tables.write_run(store, result.run_row(started))
    return result


def watch_health(outlet: Outlet, config: Config, store: Store, result: OutletResult) -> list[str]:
    """Judge this pass (see newsmon.health), tell ops on change; the conditions now active."""
    policy = config.health if outlet.quiet_runs is None else replace(config.health, quiet_runs=outlet.quiet_runs)
    channels = {c.name: c for c in config.alerts if c.ops}
    counts = {"stored": result.stored, "fetched": result.fetched, "failed": result.failed, "fallback": result.fallback}

    def send(notice: dict) -> None:
        channel = channels.get(notice["channel"])
        if channel is None:  # the channel left the config since; nobody to tell there
            return
        lines = [notice["text"], f"outlet: {outlet.name}", f"run: {notice['run_id']}"]
        fields = {k: notice[k] for k in ("outlet", "condition", "run_id")}
        send_ops(channel, f"newsmon ops: {notice['text']}", lines, fields)

    watched = health.watch(
        store, outlet.name, result.run_id, counts, policy, list(channels), send, problems=result.problems
    )
    return watched.active


class _Batch:
    """Fetched pages not yet written: flushed as one part of ``fetches`` and of the raw archive."""

    def __init__(self, store: Store, outlet: str, run_id: str, started: datetime, user_agent: str) -> None:
        self.store, self.outlet, self.run_id, self.started = store, outlet, run_id, started
        self.user_agent = user_agent
        self.pages: list[Page] = []
        self.notes: dict[int, raw.Note] = {}  # id(page) -> the article version it became
        self.held = 0  # bytes of the pages' bodies
        self.part = 0  # number of the next part; parts are numbered from 0 in fetch order

    def add(self, *pages: Page) -> None:
        """Hold pages until the next flush."""
        self.pages.extend(pages)
        self.held += sum(len(p.content) + len(p.text) for p in pages)

    def flush_if_full(self) -> None:
        """Flush when the batch reached ``FLUSH_EVERY`` pages or ``FLUSH_BYTES`` of bodies."""
        if len(self.pages) >= FLUSH_EVERY or self.held >= FLUSH_BYTES:
            self.flush()

    def flush(self) -> None:
        """Write the held pages' fetches rows and raw WARC as the next part, then drop them.

        Nothing is dropped until both writes succeeded, so a failed flush is repeated whole by
        the ``finally`` of the run (same part number).
        """
        if not self.pages:
            return
        tables.write_fetches(self.store, self.outlet, self.run_id, self.pages, self.started, part=self.part)
        warc = raw.warc_bytes(self.pages, self.notes, self.user_agent)
        tables.write_raw(self.store, self.outlet, self.run_id, warc, self.started, part=self.part)
        self.pages, self.notes, self.held = [], {}, 0
        self.part += 1


_NETWORK_ERRORS = {"connection_error", "dns_error", "timeout"}


def _counted(cands: list[Candidate], outlet: str, progress: Progress | None) -> Iterator[Candidate]:
    """Yield each candidate; tell ``progress`` the count before the first and after each one."""
    total = len(cands)
    for done, cand in enumerate(cands):
        if progress:
            progress(outlet, done, total)
        yield cand
    if progress:
        progress(outlet, total, total)


def _is_known(cand: Candidate, outlet: Outlet, known_urls: set[str], index: dict[str, IndexEntry]) -> bool:
    """True when this address, or the outlet's own id in it, is already stored."""
    if normalize_url(cand.url) in known_urls:
        return True
    aid = id_from_url(outlet.name, outlet.profile, cand.url)
    return aid is not None and aid in index


def _take(
    cand: Candidate,
    outlet: Outlet,
    store: Store,
    index: dict[str, IndexEntry],
    taxonomy,
    fetcher: Fetcher,
    robots: Robots,
    batch: _Batch,
    result: OutletResult,
) -> None:
    """Fetch one candidate and, when it answered, extract, detect and store it."""
    page = _fetch_candidate(cand, fetcher, robots)
    batch.add(*robots.pages, page)  # robots.txt of a host first met here, then the page
    robots.pages.clear()
    if not page.ok:
        _fail(result, page.error or "error")
    else:
        result.fetched += 1
        _process(page, cand, outlet, store, index, taxonomy, result, batch.notes)
    batch.flush_if_full()


def _fetch_candidate(cand: Candidate, fetcher: Fetcher, robots: Robots) -> Page:
    reason = fetcher.check_url(cand.url)
    if reason is None and not robots.allowed(cand.url):
        reason = (
            "robots_unreachable"
            if robots.why_not(cand.url).startswith("robots.txt unreachable")
            else ("robots_disallowed")
        )
    if reason:
        now = datetime.now(UTC)
        return Page(url=cand.url, final_url=cand.url, status=None, fetched_at=now, elapsed_ms=0, error=reason)
    return fetcher.fetch(cand.url)


def _fail(result: OutletResult, reason: str) -> None:
    result.failed += 1
    bucket = reason.split(":", 1)[0]
    result.failures[bucket] = result.failures.get(bucket, 0) + 1


def _process(
    page: Page,
    cand: Candidate,
    outlet: Outlet,
    store: Store,
    index: dict[str, IndexEntry],
    taxonomy,
    result: OutletResult,
    notes: dict[int, raw.Note] | None = None,
) -> None:
    """Extract, detect and store one fetched page, updating the index in place."""
    try:
        article = extract(
            page.text,
            page.final_url,
            outlet.name,
            outlet.profile,
            crawled_at=page.fetched_at,
            feed_published=cand.published_at,
        )
    except ExtractionError:
        page.error = "no_article_text"
        _fail(result, "no_article_text")
        return
    except Exception as exc:  # extraction must never sink the run; record and go on
        log.exception("extraction failed for %s", page.url)
        page.error = f"extract_error:{type(exc).__name__}"
        _fail(result, "extract_error")
        return
    finding = detect(article, taxonomy)
    fp = tables.fingerprint(article)
    urls = {normalize_url(page.url), normalize_url(page.final_url), article.url}
    entry = index.get(article.article_id)
    if entry is not None and entry.fingerprint == fp:
        entry.urls |= urls
        result.unchanged += 1
        if notes is not None:
            notes[id(page)] = raw.Note(article.article_id, entry.version, cand.published_at)
        return
    version = 1 if entry is None else entry.version + 1
    written = tables.write_version(store, article, finding, version, detected_at=datetime.now(UTC))
    akey, ekey, version = written.key, written.events_key, written.version
    if notes is not None:
        notes[id(page)] = raw.Note(article.article_id, version, cand.published_at)
    index[article.article_id] = IndexEntry(version, fp, urls | (entry.urls if entry else set()), datetime.now(UTC))
    result.stored += 1
    if outlet.profile != "generic" and article.extraction_method != "profile":
        result.fallback += 1
    result.article_keys.append(akey)
    if ekey:
        result.event_keys.append(ekey)
        result.events += len(finding.events)


def run_alerts(config: Config, store: Store) -> alerting.Delivery:
    """Alert on every event waiting in the outbox (plus anything pending from earlier runs)."""
    return alerting.drain_outbox(store, config.alerts, config.alerting)


def run_all(
    config: Config,
    store: Store,
    run_id: str | None = None,
    outlets: list[str] | None = None,
    refetch_known: bool = False,
    progress: Progress | None = None,
    since: date | None = None,
) -> tuple[list[OutletResult], alerting.Delivery]:
    """Every (or the named) outlet in turn, then alerting: what ``newsmon run`` does.

    ``progress`` and ``since`` are handed to :func:`run_outlet`.
    """
    run_id = run_id or new_run_id()
    results = []
    for outlet in config.outlets:
        if outlets and outlet.name not in outlets:
            continue
        try:
            results.append(
                run_outlet(outlet, config, store, run_id, refetch_known=refetch_known, progress=progress, since=since)
            )
        except STORAGE_ERRORS:
            raise
        except Exception as exc:  # one outlet's failure never stops the others
            log.exception("outlet %s failed", outlet.name)
            res = OutletResult(outlet=outlet.name, run_id=run_id)
            res.problems.append(f"outlet failed: {type(exc).__name__}: {exc}")
            results.append(res)
    return results, run_alerts(config, store)
