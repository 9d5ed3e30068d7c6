"""A throwaway Airflow home on SQLite for tests: the repo's dags/ and plugins/, no examples."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
AIRFLOW = str(Path(sys.executable).parent / "airflow")


def airflow_env(home: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for an `airflow` child process rooted at ``home``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")}
    env.update(
        {
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
            "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home}/airflow.db",
            "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(home / "logs"),
            "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
            "PYTHONPATH": os.pathsep.join(p for p in (str(REPO / "plugins"), os.environ.get("PYTHONPATH")) if p),
        }
    )
    env.update(extra or {})
    return env


def migrate(home: Path) -> None:
    """`airflow db migrate` into ``home`` (dag.test() and `dags test` need it)."""
    home.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        [AIRFLOW, "db", "migrate"], env=airflow_env(home), capture_output=True, text=True, timeout=300
    )
    if proc.returncode != 0:
        raise RuntimeError(f"airflow db migrate failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")


def airflow(home: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 600):
    """Run an `airflow` CLI command against ``home``."""
    return subprocess.run(
        [AIRFLOW, *args], env=airflow_env(home, env), capture_output=True, text=True, timeout=timeout, cwd=REPO
    )


def s3_connection(store_info) -> str:
    """``AIRFLOW_CONN_NEWSMON_S3`` for the embedded store: an ``aws`` connection, endpoint in extra."""
    conn = {
        "conn_type": "aws",
        "login": store_info.access_key,
        "password": store_info.secret_key,
        "extra": {"endpoint_url": store_info.endpoint_url, "region_name": "us-east-1"},
    }
    return json.dumps(conn)
