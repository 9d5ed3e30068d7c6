"""`make bench-latency`: publish→alert latency on a real Airflow, feed watcher against cron.

Airflow 3 as plain processes on LocalExecutor (metadata in the local PostgreSQL, database
``newsmon_latency``, created and dropped here): ``api-server``, ``scheduler`` (its LocalExecutor
workers run the tasks), ``dag-processor`` and ``triggerer`` (which runs the feed watcher). A
fixture outlet publishes ``ARTICLES`` articles with US–China events at random moments over
``WINDOW_SECONDS``; a webhook receiver notes when each article's first alert arrives.

Printed: publish→webhook p50/p95/max with the watcher; for cron-only scheduling the latency the
15-minute schedule gives for the same publish times (the wait for the next quarter hour) plus the
crawl-to-alert time measured in this run; and the requests per hour each sends to an idle outlet,
measured against the real fixture site with the watcher's clock advanced over two simulated hours
(the second, steady one is reported, with the hourly safety-net pass added) and one real crawl
pass times four for the cron. The last line is one JSON object.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests" / "helpers"), str(REPO / "scripts")]

from celery_e2e import BIN, PG, free_port, pg, pg_rows, reachable, run  # noqa: E402
from live_site import LiveFeed  # noqa: E402
from support import FixtureSite, WebhookReceiver, write_config  # noqa: E402

from newsmon import embedded, watch  # noqa: E402
from newsmon.config import StorageConfig, load_config  # noqa: E402
from newsmon.pipeline import run_outlet  # noqa: E402
from newsmon.store import Store  # noqa: E402

DB = "newsmon_latency"
# The fixture articles that carry US–China events (tests/fixtures/site/MANIFEST.json): each alerts.
ARTICLES = [
    "/en/article/2023111607172845478",
    "/en/article/2025111214300052817",
    "/article/world/2025110309150027461",
    "/article/economic-general/2025110710300048213",
    "/article/world/2025110108050019374",
    "/article/2016/2016061813385889015",
]
# Publications spread over four minutes: long enough for the watcher to back off between some of
# them, short enough that the whole benchmark (with ~90 s of Airflow start) stays under 10 minutes.
WINDOW_SECONDS = 240.0
# After the last publication, wait this long for its alert before calling it missed.
DRAIN_SECONDS = 180.0
# Airflow processes starting on two shared cores; beyond this the benchmark gives up.
START_TIMEOUT = 240.0
CRON_PERIOD = 900.0  # the old `*/15 * * * *`
SAFETY_NET_PER_HOUR = 1  # the hourly cron news_monitor keeps beside the watcher
IDLE_ARTICLE = "/article/industry-general/2025101616200052094"  # no event: stored, never alerted


def main() -> int:
    if not reachable(PG):
        print("bench-latency: SKIPPED: PostgreSQL not reachable on 127.0.0.1:5432")
        return 0
    seed = int(os.environ.get("SEED", "15"))
    rng = random.Random(seed)
    work = Path(os.environ.get("BENCH_DIR") or f"/tmp/newsmon-latency-{uuid.uuid4().hex[:6]}")
    work.mkdir(parents=True, exist_ok=True)
    pg(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
    pg(f"CREATE DATABASE {DB}")
    procs: list[subprocess.Popen] = []
    store_dir = work / "store"
    try:
        ports = dict(zip(["s3", "master", "volume", "filer"], embedded.free_ports(4), strict=True))
        info = embedded.start(store_dir, ports=ports, bucket="latency")
        feed, idle_feed = LiveFeed(), LiveFeed()
        # robots.txt names no sitemap: nothing is discoverable before its feed item is published
        routes = {"/rss/live.xml": feed, "/rss/idle.xml": idle_feed, "/robots.txt": _robots}
        with FixtureSite(routes=routes) as site, WebhookReceiver() as hook:
            feed.base = idle_feed.base = site.base
            cfg = _config(work, site.base, hook.url, info)
            idle, cron_idle = idle_rates(cfg, info, site, idle_feed)
            env = _airflow_env(work, cfg, info)
            procs = start_airflow(env, work)
            published = publish(feed, rng, procs, work)
            _wait_alerts(hook, published, time.time() + DRAIN_SECONDS)
            (work / "webhook.json").write_text(json.dumps([hook.received, hook.received_at]))
            runs = pg_rows("SELECT start_date FROM dag_run WHERE dag_id='news_monitor' ORDER BY start_date", DB)
    finally:
        _stop(procs)
        embedded.stop(store_dir)
        with contextlib.suppress(Exception):
            pg(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
    return report(published, hook, [r[0].timestamp() for r in runs if r[0]], idle, cron_idle, seed, work)


def _robots(handler) -> None:
    body = b"User-agent: *\nDisallow: /private/\n"
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def _config(work: Path, base: str, hook_url: str, info) -> Path:
    """The fixture outlet on the live feed, politeness as configured for tests (no delay)."""
    cfg = write_config(work / "newsmon.yaml", base, hook_url, info.endpoint_url, bucket="latency")
    raw = json.loads(cfg.read_text())
    raw["outlets"][0].update(feeds=[f"{base}/rss/live.xml"], robots_sitemaps=False)
    cfg.write_text(json.dumps(raw))
    return cfg


def idle_rates(cfg: Path, info, site: FixtureSite, idle_feed: LiveFeed) -> tuple[float, float]:
    """(watcher, cron) requests per hour to an outlet that publishes nothing new."""
    config = load_config(cfg, env={**os.environ, **info.env()})
    store = Store(StorageConfig("idle", info.endpoint_url, access_key=info.access_key, secret_key=info.secret_key))
    store.check(create=True)
    outlet = replace(config.outlets[0], name="idle", feeds=(f"{site.base}/rss/idle.xml",))
    config = replace(config, outlets=(outlet,), alerts=())
    idle_feed.add(IDLE_ARTICLE, "idle")
    run_outlet(outlet, config, store, "idle-1")  # stores its one article: from now on it is idle
    before = len(site.requests)
    run_outlet(outlet, config, store, "idle-2")
    per_pass = len(site.requests) - before  # one cron pass over the idle outlet (robots.txt, a 304)
    clock = [0.0]
    watcher = watch.FeedWatcher(config, watch.store_known(store), clock=lambda: clock[0])
    watch.seed_from_store(watcher, store)
    first_hour = 0
    while clock[0] < 7200:
        clock[0] = max(clock[0], min(f.next_at for f in watcher.feeds))
        watcher.poll_due()
        if clock[0] < 3600:
            first_hour = watcher.requests
    watcher.close()
    steady = watcher.requests - first_hour
    print(f"idle outlet: one crawl pass = {per_pass} requests; watcher first hour {first_hour}, then {steady}/h")
    return float(steady + SAFETY_NET_PER_HOUR * per_pass), float(per_pass * 3600 / CRON_PERIOD)


def _airflow_env(work: Path, cfg: Path, info) -> dict[str, str]:
    conn = {
        "conn_type": "aws",
        "login": info.access_key,
        "password": info.secret_key,
        "extra": {"endpoint_url": info.endpoint_url, "region_name": "us-east-1"},
    }
    api_port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")}
    env.update(
        {
            "AIRFLOW_HOME": str(work / "airflow"),
            "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
            "AIRFLOW__CORE__PARALLELISM": "4",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"postgresql+psycopg2://postgres@{PG[0]}:{PG[1]}/{DB}",
            "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
            "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "True",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{api_port}/execution/",
            "AIRFLOW__API_AUTH__JWT_SECRET": uuid.uuid4().hex,
            "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{api_port}",
            "AIRFLOW__API__PORT": str(api_port),
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
            "NEWSMON_CONFIG": str(cfg),
            "NEWSMON_S3_BUCKET": "latency",
            "AIRFLOW_CONN_NEWSMON_S3": json.dumps(conn),
            "PYTHONPATH": os.pathsep.join(p for p in (str(REPO / "plugins"), os.environ.get("PYTHONPATH")) if p),
        }
    )
    return env


def start_airflow(env: dict[str, str], work: Path) -> list[subprocess.Popen]:
    """Migrate, start the four processes, unpause the two DAGs once parsed."""
    run(["airflow", "db", "migrate"], env, work / "migrate.log")
    procs = []
    for name, cmd in [
        ("api-server", ["airflow", "api-server", "--host", "127.0.0.1", "--port", env["AIRFLOW__API__PORT"]]),
        ("scheduler", ["airflow", "scheduler"]),
        ("dag-processor", ["airflow", "dag-processor"]),
        ("triggerer", ["airflow", "triggerer"]),
    ]:
        log = open(work / f"{name}.log", "wb")  # noqa: SIM115 - the child keeps it
        procs.append(
            subprocess.Popen(
                [str(BIN / cmd[0]), *cmd[1:]], env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        )
    deadline = time.monotonic() + START_TIMEOUT
    while len(pg_rows("SELECT dag_id FROM dag WHERE dag_id IN ('news_monitor', 'news_alerts')", DB)) < 2:
        if time.monotonic() > deadline:
            raise RuntimeError(f"DAGs not parsed after {START_TIMEOUT:.0f}s; see {work}/dag-processor.log")
        time.sleep(2)
    for dag_id in ("news_alerts", "news_monitor"):
        run(["airflow", "dags", "unpause", dag_id], env, work / "unpause.log")
    # unpausing runs the cron's latest tick at once; publishing waits for it, so that run is not
    # credited with the watcher's latency
    busy = "SELECT count(*) FROM dag_run WHERE dag_id='news_monitor' AND state IN ('queued', 'running')"
    settle = time.monotonic() + 20
    while time.monotonic() < deadline and (pg_rows(busy, DB)[0][0] or time.monotonic() < settle):
        time.sleep(1)
    return procs


def publish(feed: LiveFeed, rng: random.Random, procs, work: Path) -> dict[str, float]:
    """Once the watcher polls, publish every article at a random moment; path -> publish time."""
    deadline = time.monotonic() + START_TIMEOUT
    while feed.hits == 0:  # the triggerer runs the watcher: its first poll reaches the feed
        if time.monotonic() > deadline or any(p.poll() is not None for p in procs):
            raise RuntimeError(f"the feed watcher never polled; see {work}/triggerer.log")
        time.sleep(1)
    t0 = time.time()
    moments = sorted(rng.uniform(0, WINDOW_SECONDS) for _ in ARTICLES)
    published = {}
    for path, moment in zip(rng.sample(ARTICLES, len(ARTICLES)), moments, strict=True):
        time.sleep(max(0.0, t0 + moment - time.time()))
        feed.add(path, path.rsplit("/", 1)[-1])
        published[path] = time.time()
        print(f"published {path} at +{published[path] - t0:.0f}s", flush=True)
    return published


def _wait_alerts(hook: WebhookReceiver, published: dict[str, float], deadline: float) -> None:
    while time.time() < deadline and len(_first_alerts(hook, published)) < len(published):
        time.sleep(1)
    time.sleep(10)  # a duplicate would come right after


def _first_alerts(hook: WebhookReceiver, published: dict[str, float]) -> dict[str, float]:
    """path -> time of the first webhook message about that article."""
    first: dict[str, float] = {}
    for msg, at in zip(list(hook.received), list(hook.received_at), strict=False):
        for path in published:
            if str(msg.get("article_id", "")).endswith(path.rsplit("/", 1)[-1]) and path not in first:
                first[path] = at
    return first


def report(published, hook, run_starts, idle, cron_idle, seed, work) -> int:
    """Print the figures and the JSON line; exit 1 when a target is missed."""
    first = _first_alerts(hook, published)
    lat = sorted(first[p] - published[p] for p in first)
    keys = [(m["article_id"], m["topic"], m["kind"]) for m in hook.received]
    dupes = {k[0] for k in keys if keys.count(k) > 1}
    once = sum(1 for p in first if not any(a.endswith(p.rsplit("/", 1)[-1]) for a in dupes))
    crawl_to_alert = [at - max((s for s in run_starts if s <= at), default=at) for at in first.values()]
    c2a = statistics.median(crawl_to_alert) if crawl_to_alert else 0.0
    cron = sorted(math.ceil(t / CRON_PERIOD) * CRON_PERIOD - t + c2a for t in published.values())
    out = {
        "articles": len(published),
        "alerted_once": once,
        "p50_s": _q(lat, 0.5),
        "p95_s": _q(lat, 0.95),
        "max_s": round(max(lat), 1) if lat else None,
        "cron_p50_s": _q(cron, 0.5),
        "cron_p95_s": _q(cron, 0.95),
        "idle_requests_per_hour": idle,
        "cron_idle_requests_per_hour": cron_idle,
    }
    print(f"seed {seed}; logs in {work}; crawl-to-alert median {c2a:.1f}s (run start -> first webhook)")
    print(f"watcher latency s: {[round(x, 1) for x in lat]}")
    print(f"cron-only latency s (same publish times): {[round(x, 1) for x in cron]}")
    print(json.dumps(out))
    ok = (
        once == len(published)
        and lat
        and out["p95_s"] <= 120
        and out["p50_s"] <= 60
        and idle <= cron_idle
    )
    return 0 if ok else 1


def _q(values: list[float], q: float) -> float | None:
    """The q-quantile (nearest rank), one decimal."""
    if not values:
        return None
    return round(values[min(len(values) - 1, math.ceil(q * len(values)) - 1)], 1)


def _stop(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(p.pid, 15)
    for p in procs:
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, 9)


if __name__ == "__main__":
    sys.exit(main())
