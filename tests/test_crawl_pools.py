"""Per-host crawl pools: names from the config, set on mapped crawl instances by the cluster policy."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from newsmon.config import ConfigError, parse_config

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))
import airflow_local_settings as policy
from airflow_local_settings import crawl_pool

OUTLETS = [
    {"name": "asiae-ko", "feeds": ["https://www.asiae.co.kr/rss/all.htm"], "allowed_domains": ["asiae.co.kr"]},
    {"name": "asiae-en", "feeds": ["https://www.asiae.co.kr/en/rss"], "allowed_domains": ["www.asiae.co.kr"]},
    {"name": "other", "feeds": ["https://o.example/rss"], "allowed_domains": ["o.example"], "pool": "slow_sites"},
    {"name": "new-site", "feeds": ["https://n.example/rss"], "allowed_domains": ["n.example"]},
]


def _config(tmp_path) -> Path:
    path = tmp_path / "c.yaml"
    path.write_text(json.dumps({"storage": {"bucket": "newsmon"}, "outlets": OUTLETS}))
    return path


def test_pool_names_follow_the_host_unless_set():
    cfg = parse_config({"storage": {"bucket": "newsmon"}, "outlets": OUTLETS}, env={})
    assert [crawl_pool(o) for o in cfg.outlets] == [
        "crawl_asiae_co_kr",
        "crawl_www_asiae_co_kr",
        "slow_sites",
        "crawl_n_example",
    ]
    with pytest.raises(ConfigError, match=r"^outlets\[0\]\.pool:"):
        parse_config({"storage": {"bucket": "newsmon"}, "outlets": [{**OUTLETS[0], "pool": "no spaces"}]}, env={})


def _ti(index, dag_id="news_monitor", task_id="crawl"):
    return SimpleNamespace(dag_id=dag_id, task_id=task_id, map_index=index, pool="default_pool")


def test_mapped_crawl_instances_get_their_declared_host_pool(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSMON_CONFIG", str(_config(tmp_path)))
    monkeypatch.setenv("NEWSMON_CRAWL_POOLS", "crawl_asiae_co_kr:2, slow_sites:1 crawl_www_asiae_co_kr:1")
    tis = [_ti(i) for i in range(5)]
    for ti in tis:
        policy.task_instance_mutation_hook(ti, None)
    # index 3: its pool is not declared, so it must not wait on a pool that does not exist;
    # index 4: no such outlet (the config shrank), left alone
    assert [t.pool for t in tis] == [
        "crawl_asiae_co_kr",
        "crawl_www_asiae_co_kr",
        "slow_sites",
        "default_pool",
        "default_pool",
    ]


def test_other_tasks_and_broken_configs_are_left_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSMON_CRAWL_POOLS", "crawl_asiae_co_kr:2")
    monkeypatch.setenv("NEWSMON_CONFIG", str(_config(tmp_path)))
    for ti in (_ti(0, task_id="list_outlets"), _ti(-1), _ti(0, dag_id="news_alerts")):
        policy.task_instance_mutation_hook(ti, None)
        assert ti.pool == "default_pool"
    bad = tmp_path / "bad.yaml"
    bad.write_text("outlets: [")
    monkeypatch.setenv("NEWSMON_CONFIG", str(bad))
    ti = _ti(0)
    policy.task_instance_mutation_hook(ti, None)  # logs, never raises into the scheduler
    assert ti.pool == "default_pool"
