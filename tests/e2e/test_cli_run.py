"""End to end through the CLI: fixture site + SeaweedFS + webhook receiver, real processes."""

from __future__ import annotations

import json

import pytest
from e2e_helpers import discoverable, newsmon, object_etags
from support import write_config

from newsmon.tables import read_prefix

pytestmark = pytest.mark.e2e


def _run(cfg, s3_env, *extra):
    proc = newsmon("run", "--config", str(cfg), "--json", *extra, env=s3_env)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_run_stores_every_article_once_and_alerts_once(tmp_path, site, webhook, store, s3_env, seaweed):
    cfg = write_config(tmp_path / "c.yaml", site.base, webhook.url, seaweed.endpoint_url, bucket=store.bucket)
    expected = discoverable()
    summary = _run(cfg, s3_env)
    outlet = summary["outlets"][0]
    assert outlet["stored"] == len(expected), outlet
    assert outlet["failures"].get("robots_disallowed") == 1 and outlet["failures"].get("http_404") == 1

    articles = read_prefix(store, "articles").to_pylist()
    ids = [a["article_id"] for a in articles]
    assert len(ids) == len(set(ids)) == len(expected)
    by_title = {a["title"]: a for a in articles}
    for exp in expected:
        got = by_title[exp["title"]]
        assert got["article_id"].endswith(exp["article_id19"])
        assert got["published_at"] is not None and got["crawled_at"] is not None
        for text in exp["must_contain"]:
            assert text in got["body"]
        for text in exp["must_not_contain"]:
            assert text not in got["body"]
        assert sorted(got["topics"]) == sorted(exp["expected_topics"])

    events = read_prefix(store, "events").to_pylist()
    want = {(e["article_id"], e["topic"], e["kind"]) for e in events}
    posted = webhook.received
    assert len(posted) == len(want) > 0
    for msg in posted:
        assert {"topic", "kind", "title", "url", "outlet", "evidence"} <= msg.keys()
        assert msg["evidence"]

    fetches = read_prefix(store, "fetches").to_pylist()
    assert {f["error"] for f in fetches} >= {"robots_disallowed", "http_404"}
    assert read_prefix(store, "runs").num_rows == 1

    # a second run adds no rows, changes no object and sends no alert
    before = object_etags(store, "articles/") | object_etags(store, "events/")
    again = _run(cfg, s3_env)["outlets"][0]
    assert again["stored"] == 0 and again["skipped"] == len(expected)
    assert object_etags(store, "articles/") | object_etags(store, "events/") == before
    assert len(webhook.received) == len(posted)

    # fetching everything again finds nothing changed
    third = _run(cfg, s3_env, "--refetch-known")["outlets"][0]
    assert third["stored"] == 0 and third["unchanged"] == len(expected)
    assert object_etags(store, "articles/") | object_etags(store, "events/") == before
    assert len(webhook.received) == len(posted)


def test_edited_article_becomes_version_2(tmp_path, site, store, s3_env, seaweed):
    cfg = write_config(tmp_path / "c.yaml", site.base, None, seaweed.endpoint_url, bucket=store.bucket)
    _run(cfg, s3_env)
    target = discoverable()[0]
    page = (site.root / target["file"]).read_bytes().replace(b"{{BASE}}", site.base.encode())
    first = target["must_contain"][0].encode()
    site.overrides[target["url_path"]] = page.replace(first, first + b" (updated)")
    assert site.overrides[target["url_path"]] != page
    out = _run(cfg, s3_env, "--refetch-known")["outlets"][0]
    assert out["stored"] == 1, out
    rows = [r for r in read_prefix(store, "articles").to_pylist() if r["article_id"].endswith(target["article_id19"])]
    assert sorted(r["version"] for r in rows) == [1, 2]
    assert rows[0]["body_sha256"] != rows[1]["body_sha256"]


def test_offline_outlet_is_reported_and_run_exits_cleanly(tmp_path, store, s3_env, seaweed):
    cfg = tmp_path / "c.yaml"
    cfg.write_text(
        json.dumps(
            {
                "storage": {"endpoint_url": seaweed.endpoint_url, "bucket": store.bucket},
                "crawl": {"retries": 1, "timeout_seconds": 2},
                "outlets": [{"name": "gone", "feeds": ["http://127.0.0.1:9/rss"], "allowed_domains": ["127.0.0.1"]}],
            }
        )
    )
    proc = newsmon("run", "--config", str(cfg), env=s3_env)
    assert proc.returncode == 0, proc.stderr
    assert "gone: OFFLINE" in proc.stdout


def test_bad_config_names_the_key(tmp_path, s3_env):
    cfg = tmp_path / "c.yaml"
    cfg.write_text("storage: {bucket: newsmon}\noutlets:\n  - {name: x, feeds: [http://a.example/rss]}\n")
    proc = newsmon("run", "--config", str(cfg), env=s3_env)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "newsmon: outlets[0].allowed_domains: required, a non-empty list"


def test_unreachable_storage_is_one_line_and_nonzero(tmp_path, s3_env):
    cfg = tmp_path / "c.yaml"
    cfg.write_text(
        "storage: {endpoint_url: 'http://127.0.0.1:9', bucket: newsmon}\n"
        "outlets:\n  - {name: x, feeds: [http://a.example/rss], allowed_domains: [a.example]}\n"
    )
    proc = newsmon("run", "--config", str(cfg), env=s3_env)
    assert proc.returncode == 3
    assert len(proc.stderr.strip().splitlines()) == 1 and "cannot reach http://127.0.0.1:9" in proc.stderr
