"""`newsmon analyze`: the contract's JSON lines, for plain and gzipped files, many at once."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

SITE = Path(__file__).parent / "fixtures" / "site"
MANIFEST = json.loads((SITE / "MANIFEST.json").read_text())


def test_analyze_many_paths_one_line_each(tmp_path):
    paths = []
    for i, entry in enumerate(MANIFEST):
        raw = (SITE / entry["file"]).read_bytes().replace(b"{{BASE}}", b"https://www.asiae.co.kr")
        path = tmp_path / (f"p{i}.html.gz" if i % 2 else f"p{i}.html")
        path.write_bytes(gzip.compress(raw) if i % 2 else raw)
        paths.append(str(path))
    missing = str(tmp_path / "missing.html")
    proc = subprocess.run(
        [sys.executable, "-m", "newsmon", "analyze", "--outlet", "asiae", *paths, missing],
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(lines) == len(MANIFEST) + 1
    assert proc.returncode == 1 and "cannot read" in lines[-1]["error"]  # a bad path is reported, others done
    for entry, out in zip(MANIFEST, lines, strict=False):
        assert {"path", "url", "title", "published_at", "lang", "body", "topics", "events"} <= out.keys()
        assert out["title"] == entry["title"]
        assert sorted(out["topics"]) == sorted(entry["expected_topics"])
        assert {(e["topic"], e["kind"]) for e in out["events"]} == {
            (e["topic"], e["kind"]) for e in entry["expected_events"]
        }
        for e in out["events"]:
            assert e["kind"] in ("agreement", "dispute") and e["evidence"]


def test_analyze_does_not_import_storage_or_airflow():
    code = (
        "import sys; from newsmon.cli import main; main(['analyze', '/dev/null']); "
        "assert 'boto3' not in sys.modules and 'airflow' not in sys.modules, sorted(sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_analyze_does_not_load_the_config_models():
    """pydantic and the config models cost ~0.3 s at import: analyze needs neither."""
    page = Path(__file__).parent / "fixtures" / "eras" / "ko-2019-itemprop.html"
    code = (
        f"import sys; from newsmon.cli import main; main(['analyze', '--outlet', 'asiae', {str(page)!r}]); "
        "assert 'newsmon.config' not in sys.modules and 'pydantic' not in sys.modules, 'config models loaded'"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


# What the rest of newsmon imports and analyze must not: storage, lake, report, feeds, the raw archive.
NOT_FOR_ANALYZE = ("boto3", "botocore", "pyarrow", "duckdb", "pydantic", "jinja2", "rich", "feedparser", "warcio")


def test_analyze_of_an_article_loads_no_storage_report_or_feed_modules(tmp_path):
    """An article that loads all of detection (Kiwi, the lemmatiser) still imports none of them;
    and the collector is on again afterwards, with what loading made frozen out of its reach."""
    page = tmp_path / "p.html"
    page.write_text(
        "<html lang='ko'><head><title>미국과 중국, 관세 합의</title></head><body><article>"
        "<p>미국과 중국이 3일 관세를 인하하기로 합의했다. 양측은 협상을 이어가기로 했다.</p>"
        "<p>The United States and China agreed to cut tariffs, officials in Washington and Beijing said.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    code = (
        f"import gc, sys; from newsmon import english, korean; from newsmon.cli import main; "
        f"main(['analyze', {str(page)!r}]); "
        "assert korean.loaded() and english._lemmas.cache_info().currsize, 'detection not loaded'; "
        f"print(sorted(m for m in {NOT_FOR_ANALYZE!r} if m in sys.modules), gc.isenabled(), gc.get_freeze_count() > 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[] True True"
