"""DagBag: every DAG imports cleanly and follows the house rules (tags, retries, docs)."""

from __future__ import annotations

import os
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


def test_library_never_imports_airflow():
    for path in (REPO / "include" / "newsmon").rglob("*.py"):
        text = path.read_text()
        assert "import airflow" not in text and "from airflow" not in text, path
