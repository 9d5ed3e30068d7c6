"""Helpers shared by the end-to-end tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SITE = REPO / "tests" / "fixtures" / "site"


def manifest() -> list[dict]:
    """The fixture site's article list."""
    data = json.loads((SITE / "MANIFEST.json").read_text())
    return data["articles"] if isinstance(data, dict) else data


def discoverable() -> list[dict]:
    """Articles a crawl of the fixture site can find (in the feed or the sitemap)."""
    return [a for a in manifest() if a.get("in_feed") or a.get("in_sitemap")]


def newsmon(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the CLI as a user would, in a child process."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "newsmon", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        cwd=REPO,
    )


def object_etags(store, prefix: str) -> dict[str, str]:
    """key -> ETag of every object under prefix."""
    out = {}
    paginator = store.client.get_paginator("list_objects_v2")
    for page in paginator.paginate(Bucket=store.bucket, Prefix=prefix):
        for obj in page.get("Contents", []):
            out[obj["Key"]] = obj["ETag"]
    return out
