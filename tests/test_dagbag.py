"""DagBag: every DAG imports cleanly and follows the house rules (tags, retries, docs)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.airflow


@pytest.fixture(scope="module")
def dagbag(tmp_path_factory):
    home = tmp_path_factory.mktemp("airflow")
    os.environ.setdefault("AIRFLOW_HOME", str(home))
    os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
    sys.path.insert(0, str(REPO / "plugins"))
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(REPO / "dags"))


def test_no_import_errors(dagbag):
    assert dagbag.import_errors == {}
    assert "news_monitor" in dagbag.dags


def test_every_dag_has_tags_retries_docs(dagbag):
    for dag_id, dag in dagbag.dags.items():
        assert dag.tags, f"{dag_id} has no tags"
        assert dag.doc_md, f"{dag_id} has no doc_md"
        for task in dag.tasks:
            assert task.retries >= 2, f"{dag_id}.{task.task_id} retries={task.retries}"
            assert task.retry_exponential_backoff, f"{dag_id}.{task.task_id} has no exponential backoff"


def test_news_monitor_shape(dagbag):
    dag = dagbag.dags["news_monitor"]
    assert dag.max_active_runs == 1
    assert dag.timetable.expression == "*/15 * * * *"
    crawl = dag.get_task("crawl")
    assert {a.name for a in crawl.outlets} >= {"newsmon_articles", "newsmon_events"}


def test_news_compact_shape(dagbag):
    dag = dagbag.dags["news_compact"]
    assert dag.max_active_runs == 1
    assert {t.task_id for t in dag.tasks} == {
        f"compact_{t}" for t in ("articles", "events", "mentions", "fetches", "runs")
    }
    crawl = dagbag.dags["news_monitor"].get_task("crawl")
    assert {a.name for a in crawl.outlets} == {
        f"newsmon_{t}" for t in ("articles", "events", "mentions", "fetches", "runs", "raw")
    }


def test_news_report_shape(dagbag):
    dag = dagbag.dags["news_report"]
    assert dag.max_active_runs == 1
    assert [t.task_id for t in dag.tasks] == ["report"]
    assert {a.name for a in dag.get_task("report").outlets} == {"newsmon_reports"}


def test_news_brief_shape(dagbag):
    dag = dagbag.dags["news_brief"]
    assert dag.max_active_runs == 1
    assert [t.task_id for t in dag.tasks] == ["brief"]
    assert dag.timetable.expression == "0 8 * * *"
    assert getattr(dag.timetable, "timezone", None) is not None
    assert "Asia/Seoul" in str(dag.timetable.timezone)


def test_library_never_imports_airflow():
    for path in (REPO / "include" / "newsmon").rglob("*.py"):
        text = path.read_text()
        assert "import airflow" not in text and "from airflow" not in text, path


def test_parsing_does_no_network(monkeypatch, tmp_path):
    """DAG files may not touch the network (or the store) at parse time."""
    import socket

    from airflow.dag_processing.dagbag import DagBag

    def refuse(*args, **kwargs):
        raise AssertionError("network access while parsing DAGs")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setenv("NEWSMON_CONFIG", str(tmp_path / "absent.yaml"))  # nor read the config
    bag = DagBag(dag_folder=str(REPO / "dags"))
    assert bag.import_errors == {}
    assert bag.dags


def test_no_variable_or_connection_lookups_at_top_level():
    import ast

    for path in (REPO / "dags").glob("*.py"):
        tree = ast.parse(path.read_text())
        top = [n for n in tree.body if not isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)]
        for node in top:
            for sub in ast.walk(node):
                if isinstance(sub, ast.Attribute) and sub.attr in ("get", "get_connection", "get_variable"):
                    owner = sub.value.id if isinstance(sub.value, ast.Name) else ""
                    assert owner not in ("Variable", "BaseHook", "Connection"), f"{path.name}: {owner}.{sub.attr}"


def test_news_alerts_runs_on_the_events_asset(dagbag):
    dag = dagbag.dags["news_alerts"]
    assert dag.max_active_runs == 1
    assert _asset_names(dag) == {"newsmon_events"}
    assert [t.task_id for t in dag.tasks] == ["alert"]
    assert "alert" not in dagbag.dags["news_monitor"].task_ids  # alerting moved to its own DAG


def _asset_names(dag) -> set[str]:
    cond = dag.timetable.asset_condition
    return {a.name for a in getattr(cond, "objects", [cond])}


def test_every_task_notifies_ops_on_failure(dagbag):
    for dag_id, dag in dagbag.dags.items():
        for task in dag.tasks:
            assert task.on_failure_callback, f"{dag_id}.{task.task_id} has no on_failure_callback"


def test_lake_tables_named_in_the_plugin_are_the_schema_tables():
    """news_compact maps over the plugin's LAKE_TABLES so that parsing needs no pyarrow."""
    from newsmon.schema import TABLES
    from newsmon_airflow import LAKE_TABLES

    assert tuple(TABLES) == LAKE_TABLES


def test_dag_files_parse_without_the_heavy_libraries():
    """No boto3, pyarrow or trafilatura at parse time: those load inside the tasks."""
    code = (
        "import sys, runpy; sys.path.insert(0, 'plugins')\n"
        "import pathlib\n"
        "for f in sorted(pathlib.Path('dags').glob('news_*.py')): runpy.run_path(str(f))\n"
        "print(sorted(m for m in ('boto3', 'pyarrow', 'trafilatura', 'newsmon.pipeline') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip().splitlines()[-1] == "[]"
