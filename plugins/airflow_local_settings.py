"""Airflow cluster policy: each mapped ``news_monitor.crawl`` task runs in its host's pool.

A mapped task has one ``pool`` for all its instances, and the outlets are read at run time, so
the per-host pool is set where Airflow lets a deployment change a task instance before it is
queued: ``task_instance_mutation_hook``, run by the scheduler when the mapped instances are
created. ``crawl``'s map index ``i`` is the ``i``-th outlet of ``NEWSMON_CONFIG`` (``list_outlets``
returns them in file order), and ``crawl_pool`` below names its pool (``crawl_asiae_co_kr``).
Pools are an Airflow notion, so the rule lives here, not in the library.

A pool must exist before a task can be queued in it, and the scheduler may not look that up here
(no database session in this hook). So only pools named in ``NEWSMON_CRAWL_POOLS`` (``name:slots``
entries; airflow-init creates exactly those) are assigned; an outlet on an unlisted host runs in
``default_pool`` rather than waiting forever on a missing pool. Anything unexpected leaves the task
instance as it is: this hook must never break the scheduler.

Airflow imports ``airflow_local_settings`` from ``$AIRFLOW_HOME/config`` or ``sys.path``; the
plugins folder is on ``sys.path`` in every Airflow process.
"""

from __future__ import annotations

import logging
import os
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsmon.config import Outlet

log = logging.getLogger(__name__)

CRAWL_TASK = ("news_monitor", "crawl")
_cache: dict[str, tuple[float, list[str]]] = {}


def declared_pools(spec: str | None = None) -> set[str]:
    """Pool names in ``NEWSMON_CRAWL_POOLS`` ("crawl_a:2, crawl_b:1")."""
    spec = os.environ.get("NEWSMON_CRAWL_POOLS", "") if spec is None else spec
    return {s.split(":", 1)[0] for s in re.split(r"[,\s]+", spec) if s}


def crawl_pool(outlet: Outlet) -> str:
    """The Airflow pool that bounds concurrent crawls of ``outlet``'s host.

    ``crawl_`` + the first allowed domain (``asiae.co.kr`` -> ``crawl_asiae_co_kr``), so outlets on
    one site (its Korean and English editions, say) share one pool; ``pool:`` overrides it.
    """
    if outlet.pool:
        return outlet.pool
    host = outlet.allowed_domains[0] if outlet.allowed_domains else outlet.name
    return "crawl_" + (re.sub(r"[^a-z0-9]+", "_", host.lower()).strip("_") or outlet.name)


def outlet_pools(path: str) -> list[str]:
    """The crawl pool of each outlet of the config at ``path``, in file order (cached by mtime)."""
    from newsmon.config import load_config

    mtime = os.stat(path).st_mtime
    cached = _cache.get(path)
    if cached is None or cached[0] != mtime:
        cached = (mtime, [crawl_pool(o) for o in load_config(path).outlets])
        _cache[path] = cached
    return cached[1]


def task_instance_mutation_hook(task_instance, dag_run=None) -> None:
    """Put a mapped crawl instance in its outlet's host pool, when that pool is declared."""
    index = task_instance.map_index
    if (task_instance.dag_id, task_instance.task_id) != CRAWL_TASK or index is None or index < 0:
        return
    try:
        path = os.environ.get("NEWSMON_CONFIG")
        pools = outlet_pools(path) if path else []
        if index < len(pools) and pools[index] in declared_pools():
            task_instance.pool = pools[index]
    except Exception as exc:  # a broken config fails the crawl task itself, loudly; not the scheduler
        log.warning("newsmon: crawl pool not set for map index %s: %s", index, exc)
