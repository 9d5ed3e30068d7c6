"""The object store: one bucket on an S3-compatible endpoint, and nothing about what is in it.

Check, put (optionally only if absent), get, exists, delete and list: every other module talks to
storage through these. Keys come from :mod:`newsmon.keys`, rows and parquet from
:mod:`newsmon.tables`, small JSON state from :mod:`newsmon.state`.
"""

from __future__ import annotations

from collections.abc import Iterator

import boto3
from botocore.config import Config as BotoConfig
from botocore.exceptions import BotoCoreError, ClientError

from newsmon.config import StorageConfig

# Connect/read timeouts for the store: long enough for a loaded SeaweedFS, short enough that an
# unreachable store is reported in seconds, not minutes.
CONNECT_TIMEOUT = 5
READ_TIMEOUT = 30


class StorageError(RuntimeError):
    """The store cannot be reached or refused us; the message is one line for people."""


class MissingBucket(StorageError):
    """The store answers but the bucket does not exist (and was not to be created)."""


# Exceptions that mean "the store failed": a run stops on these (and Airflow retries it), because
# going on would record crawls whose results were not kept.
STORAGE_ERRORS = (StorageError, ClientError, BotoCoreError)


class Store:
    """One bucket on an S3-compatible endpoint (under ``storage.prefix``)."""

    def __init__(self, cfg: StorageConfig, client=None) -> None:
        self.cfg = cfg
        self.bucket = cfg.bucket
        self.prefix = f"{cfg.prefix}/" if cfg.prefix else ""
        self.client = client or boto3.client(
            "s3",
            endpoint_url=cfg.endpoint_url,
            aws_access_key_id=cfg.access_key,
            aws_secret_access_key=cfg.secret_key,
            region_name=cfg.region,
            config=BotoConfig(
                s3={"addressing_style": "path"},
                # boto3 >= 1.36 sends CRC checksums many S3-compatible servers reject
                request_checksum_calculation="when_required",
                response_checksum_validation="when_required",
                retries={"max_attempts": 3, "mode": "standard"},
                connect_timeout=CONNECT_TIMEOUT,
                read_timeout=READ_TIMEOUT,
            ),
        )

    # --- plumbing ---------------------------------------------------------------------------

    def uri(self, key: str = "") -> str:
        """``s3://bucket/prefix/key``."""
        return f"s3://{self.bucket}/{self.prefix}{key}"

    def check(self, create: bool = True) -> None:
        """Fail with one clear line unless the bucket is reachable (creating it if allowed)."""
        where = self.cfg.endpoint_url or "AWS S3"
        try:
            self.client.head_bucket(Bucket=self.bucket)
            return
        except ClientError as exc:
            code = str(exc.response.get("Error", {}).get("Code", ""))
            if code in ("404", "NoSuchBucket") and create:
                try:
                    self.client.create_bucket(Bucket=self.bucket)
                    return
                except (ClientError, BotoCoreError) as exc2:
                    raise StorageError(f"storage: cannot create bucket {self.bucket!r} at {where}: {exc2}") from None
            if code in ("404", "NoSuchBucket"):
                raise MissingBucket(f"storage: no bucket {self.bucket!r} at {where}") from None
            if code in ("403", "AccessDenied", "SignatureDoesNotMatch", "InvalidAccessKeyId"):
                raise StorageError(
                    f"storage: access denied to bucket {self.bucket!r} at {where} "
                    "(check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the newsmon_s3 connection)"
                ) from None
            raise StorageError(f"storage: bucket {self.bucket!r} at {where}: {code or exc}") from None
        except BotoCoreError as exc:
            raise StorageError(f"storage: cannot reach {where}: {exc}") from None

    def put(
        self, key: str, data: bytes, content_type: str = "application/octet-stream", if_absent: bool = False
    ) -> bool:
        """Write an object; with ``if_absent`` only when no object has that key (False if one had)."""
        kwargs = {"IfNoneMatch": "*"} if if_absent else {}
        try:
            self.client.put_object(
                Bucket=self.bucket, Key=self.prefix + key, Body=data, ContentType=content_type, **kwargs
            )
        except ClientError as exc:
            if if_absent and exc.response.get("Error", {}).get("Code") in ("PreconditionFailed", "412"):
                return False
            raise
        return True

    def get(self, key: str) -> bytes | None:
        """An object's bytes, or None when there is none."""
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self.prefix + key)["Body"].read()
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                return None
            raise

    def exists(self, key: str) -> bool:
        """True when an object has that key."""
        try:
            self.client.head_object(Bucket=self.bucket, Key=self.prefix + key)
            return True
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404", "NotFound"):
                return False
            raise

    def delete(self, key: str) -> None:
        """Remove an object (no error when it is already gone)."""
        self.client.delete_object(Bucket=self.bucket, Key=self.prefix + key)

    def keys(self, prefix: str) -> Iterator[str]:
        """Every key under ``prefix`` (without the store prefix)."""
        paginator = self.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=self.prefix + prefix):
            for obj in page.get("Contents", []):
                yield obj["Key"][len(self.prefix) :]
