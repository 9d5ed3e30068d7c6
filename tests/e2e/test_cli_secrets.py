"""The S3 secret key never reaches the output of `newsmon run`, even at DEBUG, nor the store."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from e2e_helpers import newsmon
from support import write_config

from newsmon.tables import read_table

pytestmark = pytest.mark.e2e


def _stored_text(store) -> dict[str, str]:
    """key -> readable text of every object the run wrote: parquet rows, WARC records, JSON."""
    out = {}
    for key in store.keys(""):
        if key.endswith(".parquet"):
            out[key] = json.dumps(read_table(store, key).to_pylist(), default=str)
        elif key.endswith(".gz"):
            out[key] = gzip.decompress(store.get(key)).decode("utf-8", "replace")
        else:
            out[key] = store.get(key).decode("utf-8", "replace")
    return out


def test_run_at_debug_never_logs_or_stores_the_secret_key(tmp_path, site, webhook, store, s3_env, seaweed):
    cfg = write_config(tmp_path / "c.yaml", site.base, webhook.url, seaweed.endpoint_url, bucket=store.bucket)
    proc = newsmon("run", "--config", str(cfg), "--json", env={**s3_env, "NEWSMON_LOG_LEVEL": "DEBUG"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    output = proc.stdout + proc.stderr
    assert "DEBUG botocore" in output and json.loads(proc.stdout.splitlines()[-1])["outlets"][0]["stored"] > 0
    secret, access = seaweed.secret_key, seaweed.access_key
    assert secret[:16] not in output  # nor a truncated or wrapped copy of it
    # the access key id is an identifier, sent in clear in every request's SigV4 header; botocore
    # prints that header at DEBUG, and that is the only place it may appear
    assert output.count(access) == len(re.findall(rf"Credential={re.escape(access)}/", output))

    stored = _stored_text(store)
    assert any(k.startswith("runs/") for k in stored) and any(k.startswith("fetches/") for k in stored)
    assert any(k.startswith("raw/") for k in stored)
    leaked = [k for k, text in stored.items() if secret[:16] in text or access in text]
    assert leaked == []
