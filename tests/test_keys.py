"""The bucket layout is a contract (docs/schema.md): these keys are what existing lakes hold."""

from __future__ import annotations

import ast
from datetime import UTC, datetime
from pathlib import Path

from newsmon import keys

LIBRARY = Path(__file__).parents[1] / "include" / "newsmon"
WHEN = datetime(2025, 11, 1, 23, 30, tzinfo=UTC)


def test_table_keys_are_the_documented_layout():
    assert keys.article_version("articles", "asiae", "2025-11-01", "asiae-ko-1", 2) == (
        "articles/outlet=asiae/dt=2025-11-01/asiae-ko-1-v2.parquet"
    )
    akey = keys.article_version("articles", "asiae", "2025-11-01", "asiae-ko-1", 2)
    assert keys.sibling(akey, "events") == "events/outlet=asiae/dt=2025-11-01/asiae-ko-1-v2.parquet"
    assert keys.run_part("raw", "asiae", "2025-11-01", "manual__2025/x", 3, "ab" * 8, "warc.gz") == (
        "raw/outlet=asiae/dt=2025-11-01/manual__2025_x-p00003-abababababababab.warc.gz"
    )
    assert keys.run_row("asiae", "2025-11-01", "r1") == "runs/outlet=asiae/dt=2025-11-01/r1.parquet"
    assert keys.compacted("events", "asiae", "2025-11-01", "f" * 16) == (
        "events/outlet=asiae/dt=2025-11-01/part-ffffffffffffffff.parquet"
    )


def test_state_and_alert_keys_are_the_documented_layout():
    assert keys.index("asiae") == "_state/index/outlet=asiae.parquet"
    assert keys.feed_validators("asiae") == "_state/feeds/outlet=asiae.json"
    assert keys.health("asiae") == "_state/health/outlet=asiae.json"
    assert keys.outbox("asiae", "r 1") == "alerts/outbox/asiae/r_1.json"
    assert keys.sent("ops hook", "k") == "alerts/sent/ops_hook/k.json"
    assert keys.pending("hook", "k") == "alerts/pending/hook/k.json"
    assert keys.STORY_BOOK == "alerts/stories.json"
    kept = keys.unreadable("alerts/stories.json", WHEN)
    assert kept.startswith("_state/unreadable/alerts/stories.json-20251101T2330")


def test_parsing_inverts_the_builders():
    key = keys.article_version("mentions", "o", "2025-01-02", "o-abc", 7)
    parsed = keys.parse_partition(key)
    assert parsed == {"table": "mentions", "outlet": "o", "dt": "2025-01-02", "name": "o-abc-v7.parquet"}
    assert keys.parse_version("o-abc-v7.parquet") == ("o-abc", 7)
    assert keys.parse_version("part-0123.parquet") is None
    assert keys.parse_partition("_state/index/outlet=o.parquet") is None


def test_one_key_safe_rule():
    assert keys.safe("a/b c:é") == "a_b_c_"
    assert keys.safe("ok.name=1-2_3") == "ok.name=1-2_3"
    assert len(keys.safe("x" * 500)) == keys.MAX_SEGMENT
    assert keys.partition_date(None, WHEN) == "2025-11-01"


def _key_literals(path: Path) -> list[str]:
    """String constants (and f-string heads) that start like a key of the layout."""
    prefixes = ("articles/", "events/", "mentions/", "fetches/", "runs/", "raw/", "_state/", "alerts/")
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith(prefixes):
            found.append(node.value)
    return found


def test_no_module_but_keys_formats_a_key():
    offenders = {
        str(p.relative_to(LIBRARY)): lits
        for p in sorted(LIBRARY.rglob("*.py"))
        if p.name != "keys.py" and (lits := _key_literals(p))
    }
    assert offenders == {}
