"""The embedded store refuses strangers; tables round-trip with their schema."""

from __future__ import annotations

from datetime import UTC, datetime

import boto3
import pytest
import requests
from botocore.config import Config
from botocore.exceptions import ClientError

from newsmon.config import StorageConfig
from newsmon.detect import detect
from newsmon.records import Article
from newsmon.schema import ARTICLES
from newsmon.store import StorageError, Store
from newsmon.tables import read_prefix, write_version


def test_anonymous_and_wrong_key_requests_are_refused(seaweed, bucket):
    assert requests.get(f"{seaweed.endpoint_url}/{bucket}/", timeout=5).status_code == 403
    assert requests.put(f"{seaweed.endpoint_url}/{bucket}/x", data=b"x", timeout=5).status_code == 403
    bad = boto3.client(
        "s3",
        endpoint_url=seaweed.endpoint_url,
        aws_access_key_id=seaweed.access_key,
        aws_secret_access_key="wrong",
        region_name="us-east-1",
        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
    )
    with pytest.raises(ClientError):
        bad.list_objects_v2(Bucket=bucket)
    with pytest.raises(StorageError, match="access denied"):
        Store(
            StorageConfig(
                bucket=bucket, endpoint_url=seaweed.endpoint_url, access_key=seaweed.access_key, secret_key="wrong"
            )
        ).check()


def test_unreachable_store_is_one_clear_error():
    store = Store(StorageConfig(bucket="newsmon", endpoint_url="http://127.0.0.1:9", access_key="a", secret_key="b"))
    with pytest.raises(StorageError, match=r"^storage: cannot reach http://127.0.0.1:9"):
        store.check()


def test_article_version_has_one_key_and_round_trips(store):
    art = Article(
        article_id="asiae-ko-2025110710302512345",
        url="https://www.asiae.co.kr/article/2025110710302512345",
        outlet="asiae",
        title="미중 군사 채널 복원",
        body="본문 " * 50,
        lang="ko",
        published_at=datetime(2025, 11, 7, 1, 30, tzinfo=UTC),
        crawled_at=datetime.now(UTC),
    )
    finding = detect(art)
    k1, _, *_ = write_version(store, art, finding, 1, datetime.now(UTC))
    k2, _, *_ = write_version(store, art, finding, 1, datetime.now(UTC))
    assert k1 == k2 == "articles/outlet=asiae/dt=2025-11-07/asiae-ko-2025110710302512345-v1.parquet"
    table = read_prefix(store, "articles")
    assert table.num_rows == 1 and table.schema.equals(ARTICLES)
    assert table.column("title").to_pylist() == ["미중 군사 채널 복원"]


def test_conditional_create(store):
    assert store.put("alerts/sent/x.json", b"1", if_absent=True) is True
    assert store.put("alerts/sent/x.json", b"2", if_absent=True) is False
    assert store.get("alerts/sent/x.json") == b"1"
