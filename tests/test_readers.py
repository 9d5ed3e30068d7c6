"""The reading examples of docs/schema.md run, verbatim, against the embedded store (offline)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsmon.detect import detect
from newsmon.records import Article
from newsmon.tables import read_prefix, write_version

IDS = ("asiae-en-2025110710300048200", "asiae-en-2025110710300048201")
DOCS = Path(__file__).resolve().parents[1] / "docs" / "schema.md"
ENGLISH = (
    "The United States and China agreed to resume military communications, officials said. "
    "President Xi promised to crack down on fentanyl, and both sides agreed on a fentanyl working group. "
)


def _example(heading: str) -> str:
    """The first ```python block after ``### heading`` in docs/schema.md."""
    text = DOCS.read_text()
    m = re.search(rf"^### {re.escape(heading)}\n.*?```python\n(.*?)```", text, re.M | re.S)
    assert m, f"docs/schema.md: no python example under {heading}"
    return m.group(1)


@pytest.fixture
def lake(store, seaweed, monkeypatch):
    """A small lake: two articles on two publish dates, one of them edited (version 2)."""
    for n, (day, body) in enumerate([(7, ENGLISH), (8, ENGLISH * 2), (8, ENGLISH * 2 + "Edited.")]):
        aid = IDS[min(n, 1)]
        art = Article(
            article_id=aid,
            url=f"https://www.asiae.co.kr/en/article/{aid[-19:]}",
            outlet="asiae",
            title="US and China agree on military talks and fentanyl",
            body=body,
            lang="en",
            published_at=datetime(2025, 11, day, 1, 30, tzinfo=UTC),
            crawled_at=datetime(2025, 11, day, 2, 0, tzinfo=UTC),
        )
        write_version(store, art, detect(art), 1 if n < 2 else 2, datetime.now(UTC))
    monkeypatch.setenv("NEWSMON_S3_ENDPOINT", seaweed.endpoint_url)
    monkeypatch.setenv("NEWSMON_S3_BUCKET", store.bucket)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", seaweed.access_key)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", seaweed.secret_key)
    return store


def test_pyarrow_dataset_example(lake):
    ns: dict = {}
    exec(compile(_example("pyarrow.dataset"), "docs/schema.md (pyarrow.dataset)", "exec"), ns)
    rows = read_prefix(lake, "articles").to_pylist()
    assert ns["table"].num_rows == len(rows) == 3
    assert sorted(ns["table"].column("dt").to_pylist()) == ["2025-11-07", "2025-11-08", "2025-11-08"]
    latest = dict(zip(*ns["latest"].to_pydict().values(), strict=True))
    assert latest == {
        r["article_id"]: max(x["version"] for x in rows if x["article_id"] == r["article_id"]) for r in rows
    }


def test_duckdb_example(lake):
    ns: dict = {}
    try:
        exec(compile(_example("DuckDB"), "docs/schema.md (DuckDB)", "exec"), ns)
    finally:
        if "con" in ns:
            ns["con"].close()
    events = read_prefix(lake, "events").to_pylist()
    assert events
    want = Counter((e["topic"], e["kind"]) for e in events)
    got = {(topic, kind): n for topic, kind, n, _articles in ns["events"]}
    assert got == dict(want)
    assert sorted(ns["latest"]) == [(IDS[0], 1), (IDS[1], 2)]
