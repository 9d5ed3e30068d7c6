"""The fault suite: the real pipeline against the hostile outlet and a failing store.

Used by ``tests/test_faults.py`` (assertions, in CI) and ``bench/faults.py`` (``make faults``: the
table). Each function returns rows ``{fault, survived, rows_lost, duplicates, off_list}``.
"""

from __future__ import annotations

import time
from pathlib import Path

from hostile import FAULTS, FEED_FAULTS, GOOD, OffList, hostile_site

from newsmon import embedded
from newsmon.config import parse_config
from newsmon.fetch import Fetcher, _resolve
from newsmon.pipeline import new_run_id, run_outlet
from newsmon.store import STORAGE_ERRORS, Store
from newsmon.tables import read_prefix

# A name inside the allow-list that resolves to the cloud metadata address: the crawl must refuse
# it by address, before any packet is sent.
METADATA_HOST = "metadata.internal.test"


def _config(store: Store, feed: str, extra_feeds: tuple[str, ...] = (), **crawl):
    return parse_config(
        {
            "storage": {"endpoint_url": store.cfg.endpoint_url, "bucket": store.bucket},
            "crawl": {"timeout_seconds": 3, "retries": 2, "backoff_seconds": 0.05, "max_bytes": 2_000_000, **crawl},
            "outlets": [
                {
                    "name": "hostile",
                    "profile": "asiae",
                    "feeds": [feed, *extra_feeds],
                    "allowed_domains": ["127.0.0.1", "internal.test"],
                    "delay_seconds": 0,
                }
            ],
        },
        env={"AWS_ACCESS_KEY_ID": store.cfg.access_key or "", "AWS_SECRET_ACCESS_KEY": store.cfg.secret_key or ""},
    )


def _fetcher(config) -> Fetcher:
    outlet = config.outlets[0]

    def resolve(host: str) -> list[str]:
        return ["169.254.169.254"] if host == METADATA_HOST else _resolve(host)

    return Fetcher(outlet, config.crawl, resolve=resolve)


def hostile_crawl(store: Store) -> tuple[list[dict], dict]:
    """Crawl the hostile outlet twice; one row per fault plus the run's totals."""
    with OffList() as off, hostile_site(off.base) as site:
        site.routes["/f/private-addr"] = lambda r: _redirect(r, f"http://{METADATA_HOST}:{_port(site)}/latest/")
        config = _config(store, site.base + "/hostile/rss.htm", tuple(site.base + p for p in FEED_FAULTS))
        t0 = time.monotonic()
        first = run_outlet(config.outlets[0], config, store, new_run_id("faults"), fetcher=_fetcher(config))
        second = run_outlet(config.outlets[0], config, store, new_run_id("faults"), fetcher=_fetcher(config))
        seconds = time.monotonic() - t0
        off_list = len(off.requests)
    fetches = read_prefix(store, "fetches").to_pylist()
    articles = read_prefix(store, "articles").to_pylist()
    ids = [a["article_id"] for a in articles]
    duplicates = len(ids) - len(set(ids))
    stored_urls = {a["url"] for a in articles}
    good_ids = {p.rsplit("/", 1)[1] for p in GOOD}
    lost = len([g for g in good_ids if not any(i.endswith(g) for i in ids)])
    rows = []
    for path, reason in {**FEED_FAULTS, **FAULTS}.items():
        seen = [f for f in fetches if f["url"].endswith(path)]
        if reason is None:
            survived = bool(seen) and all(f["error"] is None for f in seen[:1]) and len(articles) >= len(GOOD)
        else:
            survived = bool(seen) and seen[0]["error"] == reason
        rows.append(
            {
                "fault": path.rsplit("/", 1)[1],
                "expected": reason or "stored",
                "got": seen[0]["error"] if seen else "not fetched",
                "survived": survived,
            }
        )
    totals = {
        "articles": len(articles),
        "rows_lost": lost,
        "duplicates": duplicates,
        "off_list": off_list,
        "second_run_stored": second.stored,
        "first_run": first.to_dict(),
        "seconds": round(seconds, 1),
        "stored_urls": sorted(stored_urls),
    }
    return rows, totals


def storage_outage(data_dir: Path, site_base: str, ports: dict[str, int], bucket: str = "outage") -> dict:
    """Stop the store in the middle of a crawl, restart it, retry: every article exactly once."""
    info = embedded.status(data_dir)
    store = Store(_storage(info, bucket))
    store.check(create=True)
    config = _config(store, site_base + "/rss/all.htm")
    config = parse_config(
        {
            "storage": {"endpoint_url": info.endpoint_url, "bucket": bucket},
            "crawl": {"timeout_seconds": 5, "retries": 1},
            "outlets": [
                {
                    "name": "asiae",
                    "profile": "asiae",
                    "feeds": [site_base + "/rss/all.htm"],
                    "robots_sitemaps": True,
                    "allowed_domains": ["127.0.0.1"],
                    "delay_seconds": 0,
                }
            ],
        },
        env={"AWS_ACCESS_KEY_ID": info.access_key, "AWS_SECRET_ACCESS_KEY": info.secret_key},
    )
    puts = {"n": 0}
    original = store.put

    def put_then_die(*args, **kwargs):
        puts["n"] += 1
        if puts["n"] == 5:  # a few articles are in; the store dies between two writes
            embedded.stop(data_dir, timeout=0.5)
        return original(*args, **kwargs)

    store.put = put_then_die
    failed_with = None
    try:
        run_outlet(config.outlets[0], config, store, "outage-1")
    except STORAGE_ERRORS as exc:
        failed_with = type(exc).__name__
    embedded.start(data_dir, ports=ports, bucket=None)
    store = Store(_storage(embedded.status(data_dir), bucket))
    retry = run_outlet(config.outlets[0], config, store, "outage-1")  # the Airflow retry: same run id
    articles = read_prefix(store, "articles").to_pylist()
    ids = [a["article_id"] for a in articles]
    return {
        "failed_with": failed_with,
        "retry_stored": retry.stored,
        "articles": len(ids),
        "duplicates": len(ids) - len(set(ids)),
        "ids": sorted(set(ids)),
    }


def _storage(info, bucket: str):
    from newsmon.config import StorageConfig

    return StorageConfig(
        bucket=bucket, endpoint_url=info.endpoint_url, access_key=info.access_key, secret_key=info.secret_key
    )


def _port(site) -> int:
    return site.server.server_address[1]


def _redirect(req, location: str) -> None:
    req.send_response(302)
    req.send_header("Location", location)
    req.send_header("Content-Length", "0")
    req.end_headers()
