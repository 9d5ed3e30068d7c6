"""A run streams its pages in batches: several fetches/raw parts, every page exactly once."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

import pytest
from support import write_config

from newsmon import pipeline, raw
from newsmon.config import load_config
from newsmon.pipeline import run_outlet
from newsmon.tables import read_prefix


def _run(tmp_path, site, store, seaweed, run_id: str):
    path = write_config(tmp_path / "c.yaml", site.base, None, seaweed.endpoint_url, bucket=store.bucket)
    cfg = load_config(path, env=seaweed.env())
    return run_outlet(cfg.outlets[0], cfg, store, run_id)


def _captured_urls(store) -> list[str]:
    keys = sorted(k for k in store.keys("raw/") if k.endswith(".warc.gz"))
    return [cap.url for k in keys for cap in raw.read_captures(store.get(k))]


def test_run_with_more_pages_than_a_batch_writes_parts_and_every_page_once(tmp_path, site, store, seaweed, monkeypatch):
    monkeypatch.setattr(pipeline, "FLUSH_EVERY", 5)
    result = _run(tmp_path, site, store, seaweed, "batched-1")
    assert result.stored > 5  # more article pages than one batch holds

    fetch_keys = sorted(store.keys("fetches/"))
    raw_keys = sorted(k for k in store.keys("raw/") if k.endswith(".warc.gz"))
    assert len(fetch_keys) >= 3 and len(raw_keys) >= 3, (fetch_keys, raw_keys)
    parts = [k.rsplit("/", 1)[1].split("-")[2] for k in fetch_keys]
    assert parts == [f"p{i:05d}" for i in range(len(fetch_keys))]  # numbered in fetch order from 0

    rows = read_prefix(store, "fetches").to_pylist()
    assert len(rows) % 5, "the last part must be a partial batch, written by the run's finally"
    urls = Counter(r["url"] for r in rows)
    assert max(urls.values()) == 1, [u for u, n in urls.items() if n > 1]
    # every request the site answered is one fetches row and one WARC capture, no more
    requested = Counter(site.requests)
    assert max(requested.values()) == 1
    answered = sorted(urlsplit(r["url"]).path for r in rows if r["status"] is not None)
    assert answered == sorted(requested)
    captured = _captured_urls(store)
    assert sorted(captured) == sorted(r["final_url"] for r in rows if r["status"] is not None)
    assert len(captured) == len(set(captured))
    # every stored article version is named by exactly one capture
    noted = [
        cap.note.article_id
        for k in sorted(store.keys("raw/"))
        for cap in raw.read_captures(store.get(k))
        if cap.note is not None
    ]
    stored = sorted(a["article_id"] for a in read_prefix(store, "articles").to_pylist())
    assert sorted(noted) == stored


def test_a_crash_mid_run_still_writes_every_page_fetched(tmp_path, site, store, seaweed, monkeypatch):
    monkeypatch.setattr(pipeline, "FLUSH_EVERY", 3)
    real, seen = pipeline._process, []

    def crash_on_fifth(page, *args, **kwargs):
        seen.append(page.url)
        if len(seen) == 5:
            raise RuntimeError("worker died")
        return real(page, *args, **kwargs)

    monkeypatch.setattr(pipeline, "_process", crash_on_fifth)
    with pytest.raises(RuntimeError):
        _run(tmp_path, site, store, seaweed, "crashed-1")
    rows = read_prefix(store, "fetches").to_pylist()
    assert sorted(urlsplit(r["url"]).path for r in rows if r["status"] is not None) == sorted(site.requests)
    assert set(seen) <= {r["url"] for r in rows}
    assert len(_captured_urls(store)) == len(site.requests)
    assert read_prefix(store, "runs").num_rows == 1
