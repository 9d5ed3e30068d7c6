"""The report in a real browser: headless Chromium opens the pages from disk.

No console error, no request beyond the file itself, one chart bar per (day, kind) with stories,
every story card with its link and evidence, Korean text drawn with a real Korean font, and a
screenshot that is not a blank page. Screenshots go to ``$NEWSMON_TEST_ARTIFACTS`` (default
``var/test-artifacts``); ``NEWSMON_UPDATE_SCREENSHOT=1`` also refreshes ``docs/report-overview.png``.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import browser
import pytest
from e2e_helpers import REPO
from report_lake import TOPICS, expected_counts, make_rows, write_lake
from support import write_config

from newsmon.config import load_config
from newsmon.report import page_of
from newsmon.report_job import build_report

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not browser.available(), reason="no chromium (apt-get install chromium; .ci/run does)"),
]

ARTIFACTS = Path(os.environ.get("NEWSMON_TEST_ARTIFACTS", REPO / "var" / "test-artifacts"))
DOCS_SHOT = REPO / "docs" / "report-overview.png"

MARKS = """[...document.querySelectorAll('svg.chart')]
  .map(s => [s.dataset.topic, s.querySelectorAll('g.mark-rect path').length])"""
CARDS = """[...document.querySelectorAll('article.card')].map(c => ({
  link: (c.querySelector('a.headline') || {}).href || '',
  evidence: [...c.querySelectorAll('blockquote.evidence')]
    .map(b => b.innerText.trim()).filter(t => t.length > 20).length,
  marked: c.querySelectorAll('blockquote.evidence mark').length,
  visible: c.getBoundingClientRect().height > 40,
}))"""


@pytest.fixture(scope="module")
def site(tmp_path_factory, seaweed):
    """The report of a 40-story lake, built once for the module."""
    from conftest import storage_config

    from newsmon.store import Store

    tmp = tmp_path_factory.mktemp("report")
    store = Store(storage_config(seaweed, "report-browser"))
    store.check(create=True)
    articles, events = make_rows(date(2026, 11, 1), 10, 40)
    write_lake(store, articles, events)
    cfg = write_config(tmp / "c.yaml", "http://127.0.0.1:9", None, seaweed.endpoint_url, bucket=store.bucket)
    config = load_config(cfg, env={**os.environ, **seaweed.env()})
    built = build_report(config, store, date(2026, 11, 1), date(2026, 11, 10), tmp / "site")
    return built, expected_counts(articles, events)


@pytest.fixture(scope="module")
def chromium():
    with browser.Browser() as b:
        yield b


def _check_clean(chromium, url: str) -> None:
    assert chromium.errors() == [], url
    assert chromium.requests() == [url]  # the page itself; nothing else, nothing remote


def test_overview_page(site, chromium):
    built, want = site
    url = built.index.resolve().as_uri()
    chromium.open(url)
    _check_clean(chromium, url)
    marks = dict(chromium.evaluate(MARKS))
    assert marks == {t: len(want[t]) for t in TOPICS}  # one bar per (day, kind) with stories
    assert chromium.evaluate("document.body.innerText.trim().length") > 500
    shot = chromium.screenshot(ARTIFACTS / "report-overview.png")
    chromium.open("about:blank")
    blank = chromium.screenshot(ARTIFACTS / "blank.png")
    assert shot != blank and len(shot) > 3 * len(blank)  # the page drew something
    if os.environ.get("NEWSMON_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(ARTIFACTS / "report-overview.png", DOCS_SHOT)


@pytest.mark.parametrize("topic", TOPICS)
def test_topic_page(site, chromium, topic):
    built, want = site
    url = (built.out / page_of(topic)).resolve().as_uri()
    chromium.open(url)
    _check_clean(chromium, url)
    assert dict(chromium.evaluate(MARKS)) == {topic: len(want[topic])}
    cards = chromium.evaluate(CARDS)
    assert cards, "no story cards"
    for card in cards:
        assert card["link"].startswith("https://www.asiae.co.kr/"), card
        assert card["evidence"] >= 1 and card["marked"] >= 1 and card["visible"], card
    chromium.screenshot(ARTIFACTS / f"report-{topic}.png", full_page=True)


def test_korean_is_drawn_with_a_korean_font(site, chromium):
    built, _ = site
    chromium.open((built.out / page_of(TOPICS[0])).resolve().as_uri())
    chromium.call("DOM.enable")
    chromium.call("CSS.enable")
    root = chromium.call("DOM.getDocument")["root"]["nodeId"]
    node = chromium.call("DOM.querySelector", nodeId=root, selector='blockquote.evidence[lang="ko"]')["nodeId"]
    assert node, "no Korean evidence on the page"
    fonts = chromium.call("CSS.getPlatformFontsForNode", nodeId=node)["fonts"]
    used = {f["familyName"] for f in fonts if f["glyphCount"] > 0}
    assert used & {"NanumGothic", "Noto Sans CJK KR", "Noto Sans KR", "Nanum Gothic", "UnDotum"}, fonts
