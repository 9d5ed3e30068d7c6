"""Shared fixtures: the embedded SeaweedFS store, the fixture outlet site, a webhook receiver."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import pytest

# tests/helpers/ holds the shared test code (support, receivers, hostile, ...), imported by module name
sys.path.insert(0, str(Path(__file__).parent / "helpers"))

from support import FixtureSite, WebhookReceiver

from newsmon import embedded
from newsmon.config import StorageConfig
from newsmon.store import Store


@pytest.fixture(scope="session")
def seaweed(tmp_path_factory):
    """A real SeaweedFS S3 server on free loopback ports, credentials enforced."""
    data_dir = tmp_path_factory.mktemp("seaweedfs")
    s3, master, volume, filer = embedded.free_ports(4)
    info = embedded.start(data_dir, ports={"s3": s3, "master": master, "volume": volume, "filer": filer})
    yield info
    embedded.stop(data_dir)


@pytest.fixture
def bucket(seaweed) -> str:
    """A fresh bucket per test, so tests never see each other's objects."""
    name = f"t-{uuid.uuid4().hex[:12]}"
    Store(storage_config(seaweed, name)).check(create=True)
    return name


def storage_config(info, bucket: str) -> StorageConfig:
    """StorageConfig for the embedded store."""
    return StorageConfig(
        bucket=bucket, endpoint_url=info.endpoint_url, access_key=info.access_key, secret_key=info.secret_key
    )


@pytest.fixture
def store(seaweed, bucket) -> Store:
    """A Store on a fresh bucket of the embedded server."""
    return Store(storage_config(seaweed, bucket))


@pytest.fixture
def site():
    """The asiae-shaped fixture outlet on 127.0.0.1."""
    with FixtureSite() as s:
        yield s


@pytest.fixture
def webhook():
    """A local HTTP webhook receiver."""
    with WebhookReceiver() as w:
        yield w


@pytest.fixture
def s3_env(seaweed, monkeypatch):
    """The embedded store's keys in the environment, as `newsmon run` reads them."""
    env = {k: v for k, v in seaweed.env().items() if k != "NEWSMON_S3_ENDPOINT"}
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("NEWSMON_S3_ENDPOINT", raising=False)
    return env


def pytest_terminal_summary(terminalreporter):
    """The alert figures the issue asks for: duplicates and misses over every alert case."""
    mod = sys.modules.get("test_alert") or sys.modules.get("tests.test_alert")
    counts = getattr(mod, "COUNTS", None)
    if counts:
        terminalreporter.write_line(
            f"alert cases: {counts['cases']}  duplicate alerts: {counts['duplicates']}  "
            f"missed alerts: {counts['missed']}  unexpected: {counts['unexpected']}"
        )
