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
from datetime import UTC, date, datetime, timedelta

from newsmon import alert as alerting
from newsmon import budget, health, keys, raw, revisit, state, tables
from newsmon.alert.channels import send_ops
from newsmon.config import Config
from newsmon.detect import detect, load_taxonomy
from newsmon.discover import BACKFILL_MAX_PAGES, Robots, discover
from newsmon.extract import ExtractionError, extract
from newsmon.fetch import Fetcher
from newsmon.furniture import OutletFurniture
from newsmon.furniture_state import load_furniture, save_furniture
from newsmon.identity import candidate_key, id_from_url, identify, normalize_url
from newsmon.index import IndexEntry, known_urls, load_index, save_index
from newsmon.profiles import get_profile
from newsmon.records import Article, Candidate, Outlet, Page
from newsmon.redact import mask_url
from newsmon.store import STORAGE_ERRORS, Store

log = logging.getLogger(__name__)

# A run writes its fetches rows and raw WARC in parts of this many pages, then drops the pages'
# bytes: memory stays bounded however many pages a run fetches (each page holds its body twice,
# as bytes and as text), while a part still amortises its two PUTs over many pages.
FLUSH_EVERY = 200
# ...or earlier, once the held bodies reach this many bytes: pages may be up to
# ``crawl.max_bytes`` (5 MB) each, so a count alone would not bound memory.
FLUSH_BYTES = 64 * 1024 * 1024
# A canonical link naming an article stored this recently, with another body and from other
# addresses, is a claim on its identity, not an edit: a week covers a story's life in the news,
# while a long-lived page edited later keeps its id.
COLLISION_WINDOW_DAYS = 7
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
    revisited: int = 0  # stored articles fetched again (newsmon.revisit), 304s included
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
    tracker = revisit.Tracker.load(store, outlet.name, result.problems)
    learned = load_furniture(
        store, outlet.name, result.problems, outlet.furniture_window, outlet.furniture_min_articles
    )
    completed, crash = False, None
    try:
        is_known = None if refetch_known else lambda c: _is_known(c, outlet, known, index)
        todo = _plan(outlet, fetcher, robots, None if since else validators, since, batch, result, is_known)
        taxonomy = load_taxonomy(config.detect_taxonomy)
        fetched: set[str] = set()  # candidate keys of the pages this run got, final addresses included
        for cand in _counted(todo, outlet.name, progress):
            if not _fetched_already(cand, fetched, result):
                _take(cand, outlet, store, index, taxonomy, fetcher, robots, batch, result, learned, fetched, tracker)
        spare = outlet.max_pages - len(todo)  # revisits spend what the new articles left
        _revisit(tracker, spare, outlet, fetcher, robots, started, (store, index, taxonomy, result, batch, learned))
        completed = True
    except Exception as exc:  # recorded for health below (not a storage error), then the task fails as before
        crash = None if isinstance(exc, STORAGE_ERRORS) else f"{type(exc).__name__}: {exc}"
        raise
    finally:
        fetcher.close()
        # data first, then the index: a crash in between is repaired by rewriting the same keys
        batch.add(*robots.pages)
        batch.flush()
        alerting.add_to_outbox(store, outlet.name, run_id, result.event_keys)
        save_index(store, outlet.name, index)
        tracker.save(store, outlet.name, outlet.revisit, datetime.now(UTC))
        save_furniture(store, outlet.name, learned)
        result.seconds = round(time.monotonic() - t0, 3)
        _judge(outlet, config, store, result, validators, completed, crash)
        tables.write_run(store, result.run_row(started))
    return result


def _plan(
    outlet: Outlet,
    fetcher: Fetcher,
    robots: Robots,
    validators: dict | None,
    since: date | None,
    batch: _Batch,
    result: OutletResult,
    is_known: Callable[[Candidate], bool] | None,
) -> list[Candidate]:
    """Discover candidates (``validators`` None: full reads) and keep those this pass may fetch.

    Duplicates and stored articles are dropped before the budget counts (newsmon.budget), so a
    backlog larger than ``max_pages`` drains over successive passes.
    """
    found = discover(outlet, fetcher, robots, validators, since=since)
    result.problems.extend(found.problems)
    result.found = len(found.candidates)
    result.offline = bool(found.pages) and all(p.error in _NETWORK_ERRORS for p in found.pages)
    batch.add(*found.pages)  # the discovery pages are the batch's now
    todo = budget.plan(found.candidates, outlet.max_pages, is_known)
    result.skipped += todo.known
    return todo.todo


def _judge(
    outlet: Outlet,
    config: Config,
    store: Store,
    result: OutletResult,
    validators: dict,
    completed: bool,
    crash: str | None,
) -> None:
    """After a pass: save feed validators and judge health, or count a crashed pass as failed."""
    if completed:
        # validators only after a whole pass: a 304 must never hide items a crash left unread
        state.save(store, keys.feed_validators(outlet.name), validators)
        result.health = watch_health(outlet, config, store, result)
    elif crash is not None:  # a pass that never completes is a failed pass for health
        result.problems.append(f"pass crashed: {crash}")
        result.health = _crash_health(outlet, config, store, result, crash)


def _crash_health(outlet: Outlet, config: Config, store: Store, result: OutletResult, crash: str) -> list[str]:
    """Health after a crashed pass; a failure here is logged, never hides the crash itself."""
    try:
        return watch_health(outlet, config, store, result, crashed=crash)
    except Exception:
        log.exception("health of %s after a crashed pass not recorded", outlet.name)
        return []


def watch_health(
    outlet: Outlet, config: Config, store: Store, result: OutletResult, crashed: str | None = None
) -> list[str]:
    """Judge this pass (see newsmon.health), tell ops on change; the conditions now active."""
    policy = config.health if outlet.quiet_runs is None else replace(config.health, quiet_runs=outlet.quiet_runs)
    channels = {c.name: c for c in config.alerts if c.ops}
    counts = {"stored": result.stored, "fetched": result.fetched, "failed": result.failed, "fallback": result.fallback}
    if crashed:
        counts["crashed"] = crashed

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


def _fetched_already(cand: Candidate, fetched: set[str], result: OutletResult) -> bool:
    """True (and counted as skipped) when an earlier candidate of this run redirected to ``cand``."""
    if candidate_key(cand.url) in fetched:
        result.skipped += 1
        return True
    return False


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
    learned: OutletFurniture | None = None,
    fetched: set[str] | None = None,
    tracker: revisit.Tracker | None = None,
) -> None:
    """Fetch one candidate and, when it answered, extract, detect and store it (and track it for revisits)."""
    page = _fetch_candidate(cand, fetcher, robots)
    if fetched is not None and page.status is not None:
        fetched.update((candidate_key(page.url), candidate_key(page.final_url)))
    batch.add(*robots.pages, page)  # robots.txt of a host first met here, then the page
    robots.pages.clear()
    if not page.ok:
        _fail(result, page.error or "error")
    else:
        result.fetched += 1
        _process(page, cand, outlet, store, index, taxonomy, result, batch.notes, learned)
        if tracker is not None:
            tracker.note(page, batch.notes.get(id(page)))
    batch.flush_if_full()


def _revisit(tracker, budget, outlet, fetcher, robots, started, ctx) -> None:
    """Fetch the articles due again (newsmon.revisit); a changed one is processed as any page."""
    store, index, taxonomy, result, batch, learned = ctx
    for page, cand, item in revisit.revisits(tracker, outlet.revisit, budget, fetcher, robots, started):
        batch.add(*robots.pages, page)
        robots.pages.clear()
        result.revisited += 1
        item.checked_at = page.fetched_at.isoformat()
        if page.ok:
            result.fetched += 1
            _process(page, cand, outlet, store, index, taxonomy, result, batch.notes, learned)
            tracker.note(page, batch.notes.get(id(page)))
        elif page.error != "not_modified":
            _fail(result, page.error or "error")
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
    learned: OutletFurniture | None = None,
) -> None:
    """Extract, detect and store one fetched page, updating the index in place.

    With ``learned``, the page's lines teach the outlet's furniture, then its learned furniture
    lines are stripped before detection (and counted in the row)."""
    try:
        article = extract(
            page.text,
            page.final_url,
            outlet.name,
            outlet.profile,
            crawled_at=page.fetched_at,
            feed_published=cand.published_at,
            allowed_domains=tuple(outlet.allowed_domains),
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
    if learned is not None:
        article = strip_learned(article, learned)
    article = _own_identity(article, page, outlet, index, result)
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


def _own_identity(
    article: Article, page: Page, outlet: Outlet, index: dict[str, IndexEntry], result: OutletResult
) -> Article:
    """The article, under its fetched address when its canonical link claims another stored body.

    A page whose canonical names an article stored within ``COLLISION_WINDOW_DAYS`` from other
    addresses, with a different body, is not an edit of it (a template naming one article as every
    page's canonical, or a hostile page): the fetched address becomes its identity and the collision
    a recorded problem. An id the profile reads from the fetched address itself cannot be claimed.
    """
    fetched = normalize_url(page.final_url)
    entry = index.get(article.article_id)
    if article.url == fetched or entry is None or fetched in entry.urls or normalize_url(page.url) in entry.urls:
        return article
    if entry.fingerprint == tables.fingerprint(article) or entry.stored_at is None:
        return article
    if datetime.now(UTC) - entry.stored_at > timedelta(days=COLLISION_WINDOW_DAYS):
        return article
    if id_from_url(outlet.name, outlet.profile, page.final_url) == article.article_id:
        return article
    aid, sid = identify(outlet.name, get_profile(outlet.profile), fetched, fetched, article.lang)
    result.problems.append(f"canonical collision: {mask_url(page.final_url)} names {mask_url(article.url)}")
    return replace(article, article_id=aid, url=fetched, source_id=sid)


def strip_learned(article: Article, learned: OutletFurniture) -> Article:
    """Learn from the article's lines, then drop the outlet's furniture lines from its body."""
    learned.observe(article.article_id, article.body)
    body, removed = learned.strip(article.body)
    return replace(article, body=body, furniture_removed=removed)


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
