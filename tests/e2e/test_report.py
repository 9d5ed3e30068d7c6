"""`newsmon report` end to end: a lake in SeaweedFS, DuckDB over it, the static site on disk."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from e2e_helpers import newsmon
from report_lake import HOSTILE, TOPICS, expected_counts, make_rows, write_lake
from support import write_config

from newsmon.config import load_config
from newsmon.report import page_of
from newsmon.report_job import build_report, publish

pytestmark = pytest.mark.e2e

START = date(2026, 11, 1)
DAYS = 10
STORIES = 40
MAX_PAGE_BYTES = 2_000_000


@pytest.fixture
def lake(store, tmp_path, seaweed):
    """40 stories over 10 days in the store, and a config pointing at it."""
    articles, events = make_rows(START, DAYS, STORIES)
    write_lake(store, articles, events)
    cfg = write_config(tmp_path / "c.yaml", "http://127.0.0.1:9", None, seaweed.endpoint_url, bucket=store.bucket)
    return cfg, articles, events


def _report(cfg, s3_env, out, since="2026-11-01", until="2026-11-10"):
    return newsmon("report", "--config", str(cfg), "--since", since, "--until", until, "--out", str(out), env=s3_env)


def test_report_pages_match_the_lake(lake, tmp_path, s3_env):
    cfg, articles, events = lake
    out = tmp_path / "site"
    proc = _report(cfg, s3_env, out)
    assert proc.returncode == 0, proc.stderr
    assert str(out) in proc.stdout and "index.html" in proc.stdout
    want = expected_counts(articles, events)
    assert set(want) == set(TOPICS)
    for topic in TOPICS:
        page = (out / page_of(topic)).read_text(encoding="utf-8")
        got = {
            (m[1], m[2]): int(m[3])
            for m in re.finditer(r'data-day="([\d-]+)" data-kind="(\w+)"><td>[^<]*</td><td>[^<]*</td><td>(\d+)<', page)
        }
        assert got == want[topic], topic
        stories = {a["source_id"] for a, e in zip(articles, events, strict=True) if e["topic"] == topic}
        assert page.count('<article class="card"') == len(stories)
        assert f'href="{page_of(topic)}"' in (out / "index.html").read_text(encoding="utf-8")


def test_report_escapes_article_text_and_fetches_nothing(lake, tmp_path, s3_env):
    cfg, _articles, _events = lake
    out = tmp_path / "site"
    assert _report(cfg, s3_env, out).returncode == 0
    pages = sorted(out.glob("*.html"))
    assert len(pages) == 1 + len(TOPICS)
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert path.stat().st_size <= MAX_PAGE_BYTES
        assert "<script" not in html and "<img" not in html and "<b>속보</b>" not in html
        assert HOSTILE in unescape(html)  # shown, as text
        assert not re.search(r'(src|href)="(?!https://www\.asiae\.co\.kr/|topic-|index\.html)', html)
        assert "@import" not in html and "url(" not in html
        assert "Noto Sans KR" in html and "sans-serif" in html  # Korean font stack with fallbacks


def test_story_cards_show_both_editions_evidence_and_flips(lake, tmp_path, s3_env):
    cfg, _articles, _events = lake
    out = tmp_path / "site"
    assert _report(cfg, s3_env, out).returncode == 0
    page = (out / page_of(TOPICS[1])).read_text(encoding="utf-8")  # stories 1, 5, 9…: both editions
    cards = re.findall(r'<article class="card".*?</article>', page, re.S)
    assert cards
    for c in cards:
        assert re.search(r'class="headline" href="https://www\.asiae\.co\.kr/', c)
        assert 'class="evidence"' in c and "<mark>" in c
    both = [c for c in cards if 'data-lang="ko"' in c and 'data-lang="en"' in c]
    assert len(both) == len(cards)  # odd story numbers carry the English edition too
    flipped = [c for c in cards if 'class="flip"' in c]
    assert flipped and all("→" in c for c in flipped)
    assert len(flipped) == sum(1 for n in range(STORIES) if n % len(TOPICS) == 1 and n % 5 == 0)


def test_empty_window_and_bad_window(lake, tmp_path, s3_env):
    cfg, _articles, _events = lake
    empty = _report(cfg, s3_env, tmp_path / "e", since="2020-01-01", until="2020-01-02")
    assert empty.returncode == 0, empty.stderr
    assert "No agreements or disputes" in (tmp_path / "e" / "index.html").read_text(encoding="utf-8")
    bad = _report(cfg, s3_env, tmp_path / "b", since="2026-11-10", until="2026-11-01")
    assert bad.returncode == 2 and "--until" in bad.stderr
    cfg.write_text(cfg.read_text().replace(cfg.read_text().split('"bucket": "')[1].split('"')[0], "never-made"))
    missing = _report(cfg, s3_env, tmp_path / "m")
    assert missing.returncode == 3 and "no bucket 'never-made'" in missing.stderr


def test_publish_writes_dated_and_latest(lake, tmp_path, store, s3_env):
    cfg, _articles, _events = lake
    config = load_config(cfg)  # S3 keys from the environment (s3_env)
    site = build_report(config, store, START, date(2026, 11, 10), tmp_path / "p")
    store.put("reports/latest/topic-gone.html", b"old", "text/html")
    keys = publish(store, site, date(2026, 11, 10))
    names = {p.name for p in site.pages}
    assert {k.rsplit("/", 1)[1] for k in store.keys("reports/dt=2026-11-10/")} == names
    assert {k.rsplit("/", 1)[1] for k in store.keys("reports/latest/")} == names
    assert store.get("reports/latest/index.html") == Path(site.index).read_bytes()
    assert len(keys) == 2 * len(names)
