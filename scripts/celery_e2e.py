"""`make test-celery`: news_monitor on Airflow's CeleryExecutor, as plain processes, for real.

Metadata DB on the local PostgreSQL (127.0.0.1:5432, trust auth), Redis (127.0.0.1:6379) as the
broker; `airflow api-server`, `scheduler`, `dag-processor` and two `celery worker` processes. The
DAG crawls four outlets of the fixture site into the embedded SeaweedFS store; the script waits for
the run to succeed, then checks that the mapped crawl tasks ran on both workers and that every
article landed exactly once.

Where PostgreSQL or Redis is absent it says so and exits 0, unless NEWSMON_REQUIRE_CELERY=1 (set
by .ci/run), which turns the skip into a failure.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "helpers"))

from support import FixtureSite, WebhookReceiver, write_config  # noqa: E402

from newsmon import embedded  # noqa: E402
from newsmon.config import StorageConfig  # noqa: E402
from newsmon.store import Store  # noqa: E402
from newsmon.tables import read_prefix  # noqa: E402

# The fixture outlets all live on 127.0.0.1: one host, one pool (airflow_local_settings.crawl_pool).
HOST_POOL = "crawl_127_0_0_1"
PG = ("127.0.0.1", 5432)
REDIS = ("127.0.0.1", 6379)
OUTLETS = ["asiae_a", "asiae_b", "asiae_c", "asiae_d"]
# Cold start of five Airflow processes on two shared cores takes ~1 min; a run ~1 more.
RUN_TIMEOUT_SECONDS = 600
BIN = Path(sys.executable).parent


def reachable(addr: tuple[str, int]) -> bool:
    """True when something accepts TCP connections at addr."""
    try:
        with socket.create_connection(addr, timeout=2):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg(sql: str, db: str = "postgres") -> None:
    """Run one statement as the postgres superuser (trust auth)."""
    import psycopg2

    conn = psycopg2.connect(host=PG[0], port=PG[1], user="postgres", dbname=db)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(sql)
    conn.close()


def pg_rows(sql: str, db: str) -> list[tuple]:
    import psycopg2

    conn = psycopg2.connect(host=PG[0], port=PG[1], user="postgres", dbname=db)
    with conn.cursor() as cur:
        cur.execute(sql)
        rows = cur.fetchall()
    conn.close()
    return rows


def main() -> int:
    required = os.environ.get("NEWSMON_REQUIRE_CELERY") == "1"
    missing = [name for name, addr in (("PostgreSQL", PG), ("Redis", REDIS)) if not reachable(addr)]
    if missing:
        print(f"test-celery: SKIPPED: {', '.join(missing)} not reachable on 127.0.0.1")
        return 1 if required else 0

    db = f"newsmon_celery_{uuid.uuid4().hex[:8]}"
    pg(f"CREATE DATABASE {db}")
    work = Path(tempfile.mkdtemp(prefix="newsmon-celery-"))
    procs: list[subprocess.Popen] = []
    store_dir = work / "store"
    try:
        ports = dict(zip(["s3", "master", "volume", "filer"], embedded.free_ports(4), strict=True))
        info = embedded.start(store_dir, ports=ports, bucket="celery")
        with FixtureSite() as site, WebhookReceiver() as hook:
            cfg = write_config(work / "newsmon.yaml", site.base, hook.url, info.endpoint_url, bucket="celery")
            raw = json.loads(cfg.read_text())
            raw["outlets"] = [{**raw["outlets"][0], "name": name} for name in OUTLETS]
            cfg.write_text(json.dumps(raw))
            api_port = free_port()
            queue = f"newsmon-{uuid.uuid4().hex[:8]}"  # a queue of its own: no stray worker can take its tasks
            env = airflow_env(work, db, api_port, cfg, info, queue)
            run(["airflow", "db", "migrate"], env, work / "migrate.log")
            for spec in env["NEWSMON_CRAWL_POOLS"].split(","):  # as airflow-init does in compose
                name, slots = spec.split(":")
                run(["airflow", "pools", "set", name, slots, "per-host crawl slots"], env, work / "pools.log")
            for name, cmd in [
                ("api-server", ["airflow", "api-server", "--port", str(api_port), "--host", "127.0.0.1"]),
                ("scheduler", ["airflow", "scheduler"]),
                ("dag-processor", ["airflow", "dag-processor"]),
                (
                    "worker1",
                    [
                        "airflow",
                        "celery",
                        "worker",
                        "-c",
                        "1",
                        "-H",
                        "w1@%h",
                        "-q",
                        queue,
                        "--without-gossip",
                        "--without-mingle",
                        "--skip-serve-logs",
                    ],
                ),
                (
                    "worker2",
                    [
                        "airflow",
                        "celery",
                        "worker",
                        "-c",
                        "1",
                        "-H",
                        "w2@%h",
                        "-q",
                        queue,
                        "--without-gossip",
                        "--without-mingle",
                        "--skip-serve-logs",
                    ],
                ),
            ]:
                penv = {**env, "NEWSMON_HOSTNAME": name} if name.startswith("worker") else env
                log = open(work / f"{name}.log", "wb")  # noqa: SIM115 - the child keeps it
                procs.append(
                    subprocess.Popen(
                        [str(BIN / cmd[0]), *cmd[1:]],
                        env=penv,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    )
                )
            t0 = time.monotonic()
            state = wait_for_run(env, work, db, t0)
            elapsed = time.monotonic() - t0
            hosts = pg_rows(
                "SELECT DISTINCT hostname FROM task_instance WHERE dag_id='news_monitor' AND task_id='crawl' "
                "AND state='success'",
                db,
            )
            pools = pg_rows(
                "SELECT DISTINCT pool FROM task_instance WHERE dag_id='news_monitor' AND task_id='crawl'", db
            )
            store = Store(
                StorageConfig(
                    bucket="celery",
                    endpoint_url=info.endpoint_url,
                    access_key=info.access_key,
                    secret_key=info.secret_key,
                )
            )
            articles = read_prefix(store, "articles").to_pylist()
    finally:
        for p in procs:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, 15)
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, 9)
        embedded.stop(store_dir)
        try:
            pg(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
        except Exception as exc:  # leave it; a later run uses another name
            print(f"test-celery: could not drop {db}: {exc}")

    per_outlet: dict[str, list[str]] = {}
    for a in articles:
        per_outlet.setdefault(a["outlet"], []).append(a["article_id"])
    workers = sorted(h for (h,) in hosts)
    counts = {o: len(ids) for o, ids in sorted(per_outlet.items())}
    dupes = sum(len(ids) - len(set(ids)) for ids in per_outlet.values())
    print(
        f"test-celery: run {state} in {elapsed:.0f}s; crawl tasks ran on {workers}; articles per outlet "
        f"{counts}; duplicates {dupes}; alerts {len(hook.received)}; crawl pools {sorted(p for (p,) in pools)}"
    )
    ok = (
        state == "success"
        and {"worker1", "worker2"} <= set(workers)
        and set(counts) == set(OUTLETS)
        and len(set(counts.values())) == 1
        and next(iter(counts.values())) > 0
        and dupes == 0
        and [p for (p,) in pools] == [HOST_POOL]  # the cluster policy put every crawl in its host's pool
    )
    if not ok:
        for name in ("scheduler", "worker1", "worker2", "api-server", "dag-processor"):
            print(f"--- {name}.log (tail)")
            print((work / f"{name}.log").read_text(errors="replace")[-3000:])
        return 1
    shutil.rmtree(work, ignore_errors=True)
    print("test-celery: 1 passed, 0 failed")
    return 0


def airflow_env(work: Path, db: str, api_port: int, cfg: Path, info, queue: str) -> dict[str, str]:
    conn = {
        "conn_type": "aws",
        "login": info.access_key,
        "password": info.secret_key,
        "extra": {"endpoint_url": info.endpoint_url, "region_name": "us-east-1"},
    }
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")}
    env.update(
        {
            "AIRFLOW_HOME": str(work / "airflow"),
            "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
            "AIRFLOW__OPERATORS__DEFAULT_QUEUE": queue,
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"postgresql+psycopg2://postgres@{PG[0]}:{PG[1]}/{db}",
            "AIRFLOW__CELERY__BROKER_URL": f"redis://{REDIS[0]}:{REDIS[1]}/{7}",
            "AIRFLOW__CELERY__RESULT_BACKEND": f"db+postgresql+psycopg2://postgres@{PG[0]}:{PG[1]}/{db}",
            "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
            "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "True",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{api_port}/execution/",
            "AIRFLOW__CORE__HOSTNAME_CALLABLE": "newsmon_airflow.hostname",
            "AIRFLOW__API_AUTH__JWT_SECRET": uuid.uuid4().hex,
            "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{api_port}",
            "AIRFLOW__SCHEDULER__MIN_FILE_PROCESS_INTERVAL": "5",
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
            "NEWSMON_CONFIG": str(cfg),
            "NEWSMON_CRAWL_POOLS": f"{HOST_POOL}:2",
            "NEWSMON_S3_BUCKET": "celery",
            "AIRFLOW_CONN_NEWSMON_S3": json.dumps(conn),
            "PYTHONPATH": os.pathsep.join(p for p in (str(REPO / "plugins"), os.environ.get("PYTHONPATH")) if p),
        }
    )
    return env


def run(cmd: list[str], env: dict[str, str], log: Path, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(BIN / cmd[0]), *cmd[1:]], env=env, capture_output=True, text=True, timeout=600)
    log.write_text(proc.stdout + proc.stderr)
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed; see {log}\n{proc.stderr[-2000:]}")
    return proc


def wait_for_run(env: dict[str, str], work: Path, db: str, t0: float) -> str:
    """Unpause and trigger news_monitor once the DAG is parsed; return the run's final state."""
    while not pg_rows("SELECT 1 FROM dag WHERE dag_id='news_monitor'", db):  # parsed by the dag-processor
        if time.monotonic() - t0 > RUN_TIMEOUT_SECONDS:
            return "never parsed"
        time.sleep(2)
    run(["airflow", "dags", "unpause", "news_monitor"], env, work / "unpause.log")
    if pg_rows("SELECT is_paused FROM dag WHERE dag_id='news_monitor'", db) != [(False,)]:
        return "still paused"
    run(["airflow", "dags", "trigger", "news_monitor"], env, work / "trigger.log")
    while time.monotonic() - t0 < RUN_TIMEOUT_SECONDS:
        out = run(
            ["airflow", "dags", "list-runs", "news_monitor", "-o", "json"], env, work / "runs.log", check=False
        ).stdout
        lines = [line for line in out.splitlines() if line.startswith("[{") or line == "[]"]
        runs = json.loads(lines[-1]) if lines else []
        manual = [r for r in runs if str(r.get("run_id", "")).startswith("manual")]
        if manual and manual[0]["state"] in ("success", "failed"):
            return manual[0]["state"]
        time.sleep(5)
    return "timeout"


if __name__ == "__main__":
    sys.exit(main())
