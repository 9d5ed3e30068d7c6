"""Command line: ``newsmon analyze | run | status | reprocess | report | brief | store``.

``analyze`` is the contract acceptance checks use: it imports neither boto3 nor Airflow, so
many pages in one process go as fast as extraction and detection allow.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import logging
import os
import sys
from functools import lru_cache
from pathlib import Path

from newsmon import keys, redact


class _Stop(Exception):
    """Ends a command with one line on stderr and an exit code (2 config, 3 storage)."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``newsmon`` console script."""
    parser = _parser()
    args = parser.parse_args(argv)
    # every URL the CLI prints or logs shows its shape, never its credentials (newsmon.redact)
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = redact.MaskingStream(out), redact.MaskingStream(err)
    level = os.environ.get("NEWSMON_LOG_LEVEL", "WARNING")
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact.MaskingFilter())
    try:
        return args.func(args)
    except _Stop as stop:
        print(f"newsmon: {stop}", file=sys.stderr)
        return stop.code
    finally:
        sys.stdout, sys.stderr = out, err


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsmon", description="Monitor news outlets for US-China events.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("analyze", help="extract and detect on saved HTML files; one JSON line per file")
    p.add_argument("paths", nargs="+", metavar="PATH", help="HTML file, plain or .gz")
    p.add_argument("--outlet", default=None, help="outlet name; selects its profile (e.g. asiae)")
    p.add_argument("--url", default=None, help="the page's address (default: file:// of PATH)")
    p.add_argument("--explain", action="store_true", help="per event and dropped candidate: predicate, modifiers, why")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("run", help="one pass of the pipeline over the configured outlets")
    p.add_argument("--config", default=os.environ.get("NEWSMON_CONFIG"), help="YAML file (env NEWSMON_CONFIG)")
    p.add_argument("--outlet", action="append", help="only this outlet (repeatable)")
    p.add_argument("--refetch-known", action="store_true", help="fetch stored articles again to catch edits")
    p.add_argument("--since", type=_date, default=None, help="catch up from this UTC day on (YYYY-MM-DD): sitemaps too")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("watch", help="watch the feeds and crawl what has news, until SIGINT/SIGTERM")
    p.add_argument("--config", default=os.environ.get("NEWSMON_CONFIG"), help="YAML file (env NEWSMON_CONFIG)")
    p.add_argument("--outlet", action="append", help="only this outlet (repeatable)")
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("status", help="the last runs per outlet, from the runs table in the store")
    p.add_argument("--config", default=os.environ.get("NEWSMON_CONFIG"), help="YAML file (env NEWSMON_CONFIG)")
    p.add_argument("--outlet", action="append", help="only this outlet (repeatable)")
    p.add_argument("--last", type=_positive, default=5, metavar="N", help="runs per outlet (default 5)")
    p.add_argument("--json", action="store_true", help="print the runs as JSON")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("reprocess", help="rebuild articles/events/mentions from the raw archive, offline")
    p.add_argument("--config", default=os.environ.get("NEWSMON_CONFIG"), help="YAML file (env NEWSMON_CONFIG)")
    p.add_argument("--from-raw", action="store_true", required=True, help="read the raw WARC archive (the only source)")
    p.add_argument("--since", type=_date, default=None, help="only raw captures from this crawl date on (YYYY-MM-DD)")
    p.add_argument("--outlet", action="append", help="only this outlet (repeatable)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=cmd_reprocess)

    p = sub.add_parser("report", help="write the analyst report (static HTML) from the lake")
    p.add_argument("--config", default=os.environ.get("NEWSMON_CONFIG"), help="YAML file (env NEWSMON_CONFIG)")
    p.add_argument("--since", type=_date, required=True, help="first UTC publish day (YYYY-MM-DD)")
    p.add_argument("--until", type=_date, default=None, help="last UTC publish day (default: today)")
    p.add_argument("--out", required=True, help="directory to write the pages into")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("brief", help="send each brief channel its morning brief now (nothing when nothing new)")
    p.add_argument("--config", default=os.environ.get("NEWSMON_CONFIG"), help="YAML file (env NEWSMON_CONFIG)")
    p.add_argument("--json", action="store_true", help="print what each channel got as JSON")
    p.set_defaults(func=cmd_brief)

    p = sub.add_parser("store", help="start/stop the embedded SeaweedFS S3 store")
    p.add_argument("action", choices=["start", "stop", "status"])
    p.add_argument("--dir", default=os.environ.get("NEWSMON_STORE_DIR", "var/seaweedfs"))
    p.add_argument("--port", type=int, default=int(os.environ.get("NEWSMON_S3_PORT", "8333")))
    p.set_defaults(func=cmd_store)
    return parser


def _read_html(path: str) -> bytes:
    raw = Path(path).read_bytes()
    return gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw


def cmd_analyze(args: argparse.Namespace) -> int:
    """Print one JSON object per PATH: the article and what detection found."""
    gc.disable()  # loading makes only long-lived objects: a collection there finds no garbage
    try:
        from newsmon.extract import ExtractionError
        from newsmon.profiles import KNOWN_PROFILES

        _taxonomy()  # loaded once, before any worker forks
    finally:
        _settle_gc()
    outlet = args.outlet or "local"
    profile = args.outlet if args.outlet in KNOWN_PROFILES else "generic"
    if args.explain:
        return _explain(args.paths, args.url, outlet, profile)
    status = 0
    out = sys.stdout
    analysed = _analysed(args.paths, args.url, outlet, profile)
    for path in args.paths:
        url = args.url or Path(path).resolve().as_uri()
        record: dict = {"path": path, "url": url}
        try:
            article, finding = _unwrap(next(analysed))
            record.update(
                url=article.url if args.url else url,
                title=article.title,
                published_at=article.published_at.isoformat() if article.published_at else None,
                lang=article.lang,
                body=article.body,
                summary=list(article.summary),
                article_id=article.article_id,
                extraction_method=article.extraction_method,
                topics=finding.topic_ids,
                # the events rows' fields, plus where the evidence sits; matched_terms: the old name of terms
                events=[
                    {**e.record(), "sentence_index": e.sentence_index, "matched_terms": list(e.terms)}
                    for e in finding.events
                ],
            )
        except ExtractionError as exc:
            record.update(title=None, published_at=None, lang=None, body="", topics=[], events=[], error=str(exc))
        except OSError as exc:
            record.update(
                title=None,
                published_at=None,
                lang=None,
                body="",
                topics=[],
                events=[],
                error=f"cannot read: {exc.strerror or exc}",
            )
            status = 1
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    out.flush()
    return status


# From this many paths on, `analyze` spreads pages over processes: forking costs ~50 ms, a page
# ~25 ms, so below this one process is as fast. Detection's tables (Kiwi, the lemmatiser) are
# loaded before the fork, once, not per worker (_preload).
ANALYZE_PARALLEL_MIN_PATHS = 16
# Pages handed to a worker at a time: fewer round trips, still balanced across workers.
ANALYZE_CHUNK = 8
# Pages that look Korean analysed in the parent before the fork, at most this many: the first that
# needs Kiwi loads it there, once for every worker; a Korean page not about the US and China never
# reaches Kiwi, and when no page does, Kiwi (~0.7 s CPU with its first analysis) is never loaded.
# A further Korean page past this many loads it anyway, so a Korean run is not held in the parent.
ANALYZE_PARENT_KOREAN_PAGES = 4
# A page too short to be an article: trafilatura's fallback (jusText) runs on it, so extracting it
# before the fork sets up what extraction loads lazily, once for every worker.
WARM_UP_PAGE = "<html><head><title>t</title></head><body><article><p>A short page.</p></article></body></html>"


def _analyse_one(job: tuple[str, str | None, str, str]) -> tuple:
    """Extract and detect one path; the exception instead of the result when that fails."""
    from newsmon.detect import detect
    from newsmon.extract import extract
    from newsmon.fetch import decode_html

    path, url, outlet, profile = job
    try:
        text, _ = decode_html(_read_html(path))
        article = extract(text, url or Path(path).resolve().as_uri(), outlet, profile)
        return article, detect(article, _taxonomy())
    except Exception as exc:  # handed back to the caller, which reports it per path
        return (exc,)


def _explain(paths: list[str], url: str | None, outlet: str, profile: str) -> int:
    """``analyze --explain``: the explanation text of each page instead of its JSON line."""
    from newsmon.detect import explain
    from newsmon.explaining import explanation
    from newsmon.extract import extract
    from newsmon.fetch import decode_html

    status = 0
    for path in paths:
        try:
            text, _ = decode_html(_read_html(path))
            article = extract(text, url or Path(path).resolve().as_uri(), outlet, profile)
        except Exception as exc:  # a bad page is reported and skipped, as in plain analyze
            print(f"== {path}\nerror: {exc}\n")
            status = 1
            continue
        print(explanation(path, *explain(article, _taxonomy())))
    return status


@lru_cache(maxsize=1)
def _taxonomy():
    """The topic taxonomy, read once per process."""
    from newsmon.detect import load_taxonomy

    return load_taxonomy()


def _analysed(paths: list[str], url: str | None, outlet: str, profile: str):
    """(article, finding) or (exception,) per path, in order; on all cores for many paths."""
    jobs = [(path, url, outlet, profile) for path in paths]
    workers = min(os.cpu_count() or 1, len(jobs) // ANALYZE_CHUNK)
    if len(jobs) < ANALYZE_PARALLEL_MIN_PATHS or workers < 2:
        yield from map(_analyse_one, jobs)
        return
    import multiprocessing

    gc.disable()
    try:
        done = _preload(jobs)
    finally:
        _settle_gc()
    rest = [job for i, job in enumerate(jobs) if i not in done]
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ctx.Pool(workers) as pool:
        results = pool.imap(_analyse_one, rest, chunksize=ANALYZE_CHUNK)
        for i in range(len(jobs)):
            yield done[i] if i in done else next(results)


def _preload(jobs: list[tuple[str, str | None, str, str]]) -> dict[int, tuple]:
    """Load detection's tables before the workers fork, so they share one copy instead of each
    loading its own (~0.3 s CPU for the lemmatiser, ~0.7 s for Kiwi); the results of the pages
    analysed here, by index.

    Kiwi only when a page needs it: pages that look Korean are analysed here until one loads it,
    up to ANALYZE_PARENT_KOREAN_PAGES; one more Korean page after those loads it for the rest."""
    from newsmon import english, korean

    english.preload()
    if any(job[3] == "generic" for job in jobs):  # a profile's pages reach trafilatura only on fallback
        _warm_up_extraction()
    done: dict[int, tuple] = {}
    for i, job in enumerate(jobs):
        if korean.loaded():
            break
        try:
            if not korean.likely_korean(_read_html(job[0])):
                continue
        except (OSError, EOFError, ValueError):  # an unreadable page is reported by its worker
            continue
        if len(done) >= ANALYZE_PARENT_KOREAN_PAGES:
            korean.preload_for_fork()
            break
        done[i] = _analyse_one(job)
    return done


def _settle_gc() -> None:
    """Move what is loaded so far (modules, taxonomy, lemmatiser, Kiwi) out of the collector's
    reach and turn it back on: full collections then walk only a page's objects, and forked
    workers do not write to (and so copy) the parent's memory pages when they collect."""
    gc.freeze()
    gc.enable()


def _warm_up_extraction() -> None:
    """Extract a tiny page before the fork, so what trafilatura sets up on first use (its jusText
    stop lists: ~0.2 s CPU) is set up once and shared, not once per worker."""
    from newsmon.generic import extract_generic

    extract_generic(WARM_UP_PAGE)


def _unwrap(result: tuple) -> tuple:
    """The (article, finding) pair, or raise the exception the worker met."""
    if len(result) == 1:
        raise result[0]
    return result


def _config(args: argparse.Namespace, check_outlets: bool = True):
    """The config named by ``--config``; ``--outlet`` names checked against it unless told not to."""
    from newsmon.config import ConfigError, load_config

    if not args.config:
        raise _Stop(2, "config: no file given (use --config FILE or set NEWSMON_CONFIG)")
    try:
        config = load_config(args.config)
        for name in (args.outlet or []) if check_outlets else []:
            config.outlet(name)
    except ConfigError as exc:
        raise _Stop(2, str(exc)) from None
    return config


def _storage_failed(what: str, exc: BaseException) -> _Stop:
    """Exit 3 with one line: the store failed while doing ``what``."""
    return _Stop(3, f"storage failed during {what}: {_one_line(exc)}")


def cmd_run(args: argparse.Namespace) -> int:
    """One pass over the outlets; prints a summary. Exit 0 when the run completed."""
    from newsmon.console import progress_bar
    from newsmon.pipeline import new_run_id, run_all
    from newsmon.store import STORAGE_ERRORS, StorageError, Store

    config = _config(args)
    store = Store(config.storage)
    try:
        store.check()
    except StorageError as exc:
        raise _Stop(3, str(exc)) from None
    run_id = new_run_id()
    names = [o.name for o in config.outlets if not args.outlet or o.name in args.outlet]
    bar_out = sys.stderr if sys.stderr.isatty() and not args.no_progress else None
    try:
        with progress_bar(names, bar_out) as progress:
            results, delivery = run_all(
                config,
                store,
                run_id=run_id,
                outlets=args.outlet,
                refetch_known=args.refetch_known,
                progress=progress,
                since=args.since,
            )
    except STORAGE_ERRORS as exc:
        raise _storage_failed("the run", exc) from None
    if args.json:
        print(
            json.dumps(
                {
                    "run_id": run_id,
                    "outlets": [r.to_dict() for r in results],
                    "alerts": delivery.__dict__,
                    "lake": store.uri(),
                },
                default=str,
            )
        )
    else:
        _print_summary(results, delivery, store, config)
    return 0


def cmd_watch(args: argparse.Namespace) -> int:
    """Run the embedded path continuously (newsmon.watchloop); exit 0 after a clean stop."""
    import threading

    from newsmon.store import Store
    from newsmon.watchloop import install_signals, run_watch

    config = _config(args)
    stop = threading.Event()
    install_signals(stop)

    def told(results, delivery) -> None:
        counts = ", ".join(f"{r.outlet}: {r.stored} stored, {r.revisited} revisited" for r in results)
        print(f"pass: {counts}; alerts {delivery.sent} sent", flush=True)

    stats = run_watch(config, Store(config.storage), stop, outlets=args.outlet, on_pass=told)
    print(f"watch: stopped after {stats.passes} passes, {stats.stored} stored, {stats.alerts_sent} alerts", flush=True)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    """The last ``--last`` runs per outlet from the ``runs`` table; exit 0 also when there are none."""
    from newsmon.console import print_table, status_rows
    from newsmon.lake import recent_runs
    from newsmon.store import STORAGE_ERRORS, MissingBucket, StorageError, Store

    config = _config(args, check_outlets=False)  # a removed outlet's runs are still shown
    store = Store(config.storage)
    try:
        store.check(create=False)
        runs = recent_runs(store, args.last, args.outlet)
    except MissingBucket:
        runs = {}
    except StorageError as exc:
        raise _Stop(3, str(exc)) from None
    except STORAGE_ERRORS as exc:
        raise _storage_failed("status", exc) from None
    rows = [row for outlet_runs in runs.values() for row in outlet_runs]
    if args.json:
        print(json.dumps({"lake": store.uri(keys.table_prefix("runs")), "runs": [_jsonable(r) for r in rows]}))
    elif not rows:
        which = f" for outlet {', '.join(args.outlet)}" if args.outlet else ""
        print(f"no runs yet{which} in {store.uri(keys.table_prefix('runs'))} (`newsmon run` records one per outlet)")
    else:
        title = f"last {args.last} runs per outlet, newest first ({store.uri(keys.table_prefix('runs'))})"
        print_table(*status_rows(rows), sys.stdout, sys.stdout.isatty(), title=title)
    return 0


def _jsonable(row: dict) -> dict:
    """A ``runs`` row with ISO 8601 timestamps."""
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()}


def _positive(value: str) -> int:
    """argparse type for a whole number of at least 1."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of at least 1: {value!r}")
    return int(value)


def _date(value: str):
    """argparse type for YYYY-MM-DD."""
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def cmd_reprocess(args: argparse.Namespace) -> int:
    """Rebuild the derived tables from raw captures; no network. Exit codes as for ``run``."""
    from newsmon.reprocess import reprocess_from_raw
    from newsmon.store import STORAGE_ERRORS, StorageError, Store

    config = _config(args)
    store = Store(config.storage)
    try:
        store.check(create=False)
        results = reprocess_from_raw(config, store, since=args.since, outlets=args.outlet)
    except StorageError as exc:
        raise _Stop(3, str(exc)) from None
    except STORAGE_ERRORS as exc:
        raise _storage_failed("reprocess", exc) from None
    if args.json:
        print(json.dumps({"outlets": [r.to_dict() for r in results]}, default=str))
        return 0
    for r in results:
        written = ", ".join(f"{t}={n}" for t, n in r.written.items()) or "nothing"
        print(f"{r.outlet}: {r.raw_objects} raw objects, {r.rebuilt} versions rebuilt, {r.failed} failed")
        print(f"  partitions written: {written}")
        for problem in r.problems[:5]:
            print(f"  problem: {problem}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Write the static report for ``--since``..``--until`` into ``--out``; prints the overview's path."""
    from datetime import UTC, datetime

    from newsmon.report_job import build_report
    from newsmon.store import STORAGE_ERRORS, MissingBucket, StorageError, Store

    config = _config(args, check_outlets=False)
    until = args.until or datetime.now(UTC).date()
    if until < args.since:
        raise _Stop(2, f"--until {until} is before --since {args.since}")
    store = Store(config.storage)
    try:
        store.check(create=False)
        site = build_report(config, store, args.since, until, args.out)
    except MissingBucket as exc:
        raise _Stop(3, str(exc)) from None
    except StorageError as exc:
        raise _Stop(3, str(exc)) from None
    except (*STORAGE_ERRORS, OSError) as exc:
        raise _storage_failed("report", exc) from None
    print(f"report: {len(site.pages)} pages in {site.out} (open {site.index.resolve().as_uri()})")
    return 0


def cmd_brief(args: argparse.Namespace) -> int:
    """Brief every channel with ``brief:`` now; exit 1 when a channel did not accept its brief."""
    from dataclasses import asdict

    from newsmon.alert.brief import run_briefs
    from newsmon.store import STORAGE_ERRORS, StorageError, Store

    config = _config(args, check_outlets=False)
    store = Store(config.storage)
    try:
        store.check(create=False)
        results = run_briefs(config, store)
    except StorageError as exc:
        raise _Stop(3, str(exc)) from None
    except STORAGE_ERRORS as exc:
        raise _storage_failed("brief", exc) from None
    if args.json:
        print(json.dumps([asdict(r) for r in results]))
    elif not results:
        print("brief: no channel has `brief:` in the config")
    for r in results if not args.json else []:
        extra = f" ({r.events} events, {r.flips} label flips)" if r.events else ""
        print(f"brief {r.channel} {r.day}: {r.state}{extra}" + (f": {r.error}" if r.error else ""))
    return 1 if any(r.state == "failed" for r in results) else 0


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]


def _print_summary(results, delivery, store, config) -> None:
    """A table a person reads (rich on a terminal): per outlet counts and seconds, then alerts."""
    from newsmon.console import print_table, run_rows

    print_table(*run_rows(results), sys.stdout, sys.stdout.isatty())
    for r in results:
        if r.offline:
            print(f"  {r.outlet}: OFFLINE - no source of this outlet could be reached (no internet here?)")
        if r.failures:
            print(f"  {r.outlet} failures: " + ", ".join(f"{k}={v}" for k, v in sorted(r.failures.items())))
        for problem in r.problems[:5]:
            print(f"  {r.outlet} problem: {problem}")
    if config.alerts:
        print(
            f"alerts: {delivery.sent} sent, {delivery.already_sent} already sent, {delivery.failed} failed"
            + (f" ({'; '.join(delivery.errors[:3])})" if delivery.errors else "")
        )
    else:
        print("alerts: no channel configured (add one under `alerts:` in the config)")
    lake = "  ".join(store.uri(keys.table_prefix(t)) for t in ("articles", "events"))
    print(f"parquet: {lake}  (endpoint {config.storage.endpoint_url})")


def cmd_store(args: argparse.Namespace) -> int:
    """Start, stop or report the embedded SeaweedFS store."""
    from newsmon import embedded

    if args.action == "start":
        ports = dict(embedded.DEFAULT_PORTS, s3=args.port)
        try:
            info = embedded.start(args.dir, ports=ports)
        except Exception as exc:
            print(f"newsmon: {exc}", file=sys.stderr)
            return 3
        keys = Path(args.dir) / "credentials.env"
        print(f"store: SeaweedFS S3 at {info.endpoint_url} (pid {info.pid}); keys in {keys}")
        return 0
    if args.action == "stop":
        print("store: stopped" if embedded.stop(args.dir) else "store: not running")
        return 0
    info = embedded.status(args.dir)
    print(f"store: running at {info.endpoint_url} (pid {info.pid})" if info else "store: not running")
    return 0 if info else 1


if __name__ == "__main__":
    sys.exit(main())
