"""`newsmon status`, the progress callback, the run summary and `--since`, end to end."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time

import pytest
from e2e_helpers import REPO, discoverable, newsmon
from support import write_config

from newsmon.config import load_config
from newsmon.pipeline import new_run_id, run_outlet
from newsmon.tables import read_prefix

pytestmark = pytest.mark.e2e


def _status(cfg, s3_env, *extra):
    return newsmon("status", "--config", str(cfg), *extra, env=s3_env)


def test_status_before_and_after_runs(tmp_path, site, store, s3_env, seaweed):
    cfg = write_config(tmp_path / "c.yaml", site.base, None, seaweed.endpoint_url, bucket=store.bucket)
    empty = _status(cfg, s3_env)
    assert empty.returncode == 0, empty.stderr
    assert empty.stdout.startswith("no runs yet in s3://") and not empty.stderr
    assert json.loads(_status(cfg, s3_env, "--json").stdout)["runs"] == []
    no_bucket = write_config(tmp_path / "n.yaml", site.base, None, seaweed.endpoint_url, bucket="never-created")
    assert _status(no_bucket, s3_env).stdout.startswith("no runs yet")

    config = load_config(cfg)
    calls = []
    first = run_outlet(config.outlets[0], config, store, new_run_id(), progress=lambda *a: calls.append(a))
    # told before the first candidate and after each one, counting up to the whole batch
    total = min(first.found, config.outlets[0].max_pages)
    assert total > 3 and calls == [("asiae", done, total) for done in range(total + 1)]
    time.sleep(1.1)  # a later started_at for the second run
    second = run_outlet(config.outlets[0], config, store, new_run_id())

    latest = json.loads(_status(cfg, s3_env, "--json", "--last", "1").stdout)["runs"]
    assert [(r["run_id"], r["stored"], r["skipped"]) for r in latest] == [(second.run_id, 0, second.skipped)]
    both = json.loads(_status(cfg, s3_env, "--json").stdout)["runs"]
    assert [r["run_id"] for r in both] == [second.run_id, first.run_id]  # newest first
    assert both[1]["stored"] == first.stored == len(discoverable())

    table = _status(cfg, s3_env)
    assert table.returncode == 0, table.stderr
    header, *rows = [line for line in table.stdout.splitlines()[1:] if line.strip()]
    assert header.split()[:4] == ["outlet", "started", "(UTC)", "run_id"] and "unchanged" in header
    assert [row.split()[3] for row in rows] == [second.run_id, first.run_id]
    assert rows[1].split()[4:7] == [str(first.found), str(first.fetched), str(first.stored)]
    other = _status(cfg, s3_env, "--outlet", "other")
    assert other.returncode == 0 and other.stdout.startswith("no runs yet for outlet other")


def test_status_with_unreachable_store_is_one_line_and_exit_3(tmp_path, s3_env):
    cfg = tmp_path / "c.yaml"
    cfg.write_text(
        "storage: {endpoint_url: 'http://127.0.0.1:9', bucket: newsmon}\n"
        "outlets:\n  - {name: x, feeds: [http://a.example/rss], allowed_domains: [a.example]}\n"
    )
    proc = _status(cfg, s3_env)
    assert proc.returncode == 3 and not proc.stdout
    assert len(proc.stderr.strip().splitlines()) == 1 and "cannot reach http://127.0.0.1:9" in proc.stderr


def test_run_summary_off_a_terminal_is_plain_text_without_a_bar(tmp_path, site, store, s3_env, seaweed):
    cfg = write_config(tmp_path / "c.yaml", site.base, None, seaweed.endpoint_url, bucket=store.bucket)
    proc = newsmon("run", "--config", str(cfg), env=s3_env)
    assert proc.returncode == 0 and proc.stderr == ""  # no progress bar in a log
    lines = proc.stdout.splitlines()
    assert lines[0].split() == [
        "outlet", "found", "fetched", "stored", "unchanged", "skipped", "failed", "events", "seconds"
    ]  # fmt: skip
    row = lines[1].split()
    assert row[0] == "asiae" and int(row[3]) == len(discoverable()) and float(row[8]) > 0
    assert "\x1b[" not in proc.stdout


def _on_a_terminal(*args: str, env: dict) -> str:
    """Run the CLI with stdout and stderr on a pseudo-terminal; everything it drew."""
    master, slave = pty.openpty()
    full_env = {**os.environ, **env, "COLUMNS": "120", "TERM": "xterm"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsmon", *args], stdout=slave, stderr=slave, env=full_env, cwd=REPO
    )
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 1)
        try:
            chunk = os.read(master, 65536) if ready else b""
        except OSError:  # the child closed the terminal
            break
        if ready and not chunk:
            break
        out += chunk
        if not ready and proc.poll() is not None:
            break
    os.close(master)
    assert proc.wait(timeout=60) == 0, out.decode(errors="replace")
    return out.decode(errors="replace")


def test_run_on_a_terminal_draws_a_bar_and_a_rich_table(tmp_path, site, store, s3_env, seaweed):
    cfg = write_config(tmp_path / "c.yaml", site.base, None, seaweed.endpoint_url, bucket=store.bucket)
    drawn = _on_a_terminal("run", "--config", str(cfg), env=s3_env)
    assert "\x1b[1moutlet" in drawn and "unchanged" in drawn  # the rich table's bold header
    row = next(line.split() for line in drawn.splitlines() if line.startswith("asiae "))
    found = len(discoverable()) + 2  # + the feed's robots-disallowed and missing items
    assert row[1] == str(found) and int(row[3]) == len(discoverable())
    assert "━" in drawn and f" 0/{found}" in drawn and f"{found}/{found}" in drawn  # rich's bar, start to end


def test_since_catches_up_from_sitemaps_past_max_pages(tmp_path, site, store, s3_env, seaweed):
    cfg = write_config(
        tmp_path / "c.yaml", site.base, None, seaweed.endpoint_url, bucket=store.bucket, max_pages=1,
        robots_sitemaps=False,
    )  # fmt: skip
    run = newsmon("run", "--config", str(cfg), "--since", "2025-11-05", "--json", env=s3_env)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)["outlets"][0]
    # on/after 2025-11-05 UTC: two sitemap articles (read though the feed works), one feed article,
    # and the feed's robots-disallowed and missing items; max_pages 1 does not hold them back
    assert (out["found"], out["stored"], out["failed"]) == (5, 3, 2), out
    ids = sorted(a["article_id"][-19:] for a in read_prefix(store, "articles").to_pylist())
    assert ids == ["2025110509200061540", "2025110710300048213", "2025111214300052817"]
    again = json.loads(newsmon("run", "--config", str(cfg), "--since", "2025-11-05", "--json", env=s3_env).stdout)
    assert (again["outlets"][0]["stored"], again["outlets"][0]["skipped"]) == (0, 3)  # dedup holds
