"""`newsmon analyze` over many paths spreads them over processes and keeps their order."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from newsmon.cli import ANALYZE_PARALLEL_MIN_PATHS

SITE = Path(__file__).parent / "fixtures" / "site"
MANIFEST = json.loads((SITE / "MANIFEST.json").read_text())


def test_many_paths_one_line_each_in_order(tmp_path):
    paths, titles = [], []
    for i in range(ANALYZE_PARALLEL_MIN_PATHS + 8):
        entry = MANIFEST[i % len(MANIFEST)]
        raw = (SITE / entry["file"]).read_bytes().replace(b"{{BASE}}", b"https://www.asiae.co.kr")
        path = tmp_path / f"p{i:02d}.html"
        path.write_bytes(raw)
        paths.append(str(path))
        titles.append(entry["title"])
    paths.insert(5, str(tmp_path / "missing.html"))
    titles.insert(5, None)
    paths.insert(9, str(tmp_path / "empty.html"))
    (tmp_path / "empty.html").write_bytes(b"<html></html>")
    titles.insert(9, None)
    proc = subprocess.run(
        [sys.executable, "-m", "newsmon", "analyze", "--outlet", "asiae", *paths],
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [out["path"] for out in lines] == paths
    assert [out["title"] for out in lines] == titles
    assert "cannot read" in lines[5]["error"] and "no article text" in lines[9]["error"]
    assert proc.returncode == 1  # the missing file
