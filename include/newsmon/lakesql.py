"""DuckDB over the lake in the S3 store, offline: ``lake://BUCKET/<prefix><table>/…`` paths.

DuckDB's own S3 reader (the ``httpfs`` extension) is downloaded at first use, which an offline
machine cannot do, and the ``duckdb-extension-httpfs`` wheels lag DuckDB's version. So DuckDB gets
an fsspec filesystem instead: fsspec's ``ArrowFSWrapper`` around pyarrow's S3 filesystem (the
recipe of docs/schema.md). Parquet column projection and hive partition pruning still happen in
DuckDB; only the bytes come through pyarrow.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import duckdb
import pyarrow.fs
from fsspec.implementations.arrow import ArrowFSWrapper

from newsmon.config import StorageConfig

PROTOCOL = "lake"


class LakeFS(ArrowFSWrapper):
    """The lake's bucket as an fsspec filesystem under a protocol DuckDB does not claim itself."""

    protocol = PROTOCOL

    @classmethod
    def _strip_protocol(cls, path):
        """``lake://bucket/key`` -> ``bucket/key`` (what pyarrow's S3 filesystem takes)."""
        if isinstance(path, list):
            return [cls._strip_protocol(p) for p in path]
        return path.removeprefix(f"{PROTOCOL}://").rstrip("/")


def s3_filesystem(cfg: StorageConfig) -> pyarrow.fs.S3FileSystem:
    """pyarrow's S3 filesystem for the configured endpoint (path-style, as SeaweedFS wants)."""
    kwargs: dict = {"region": cfg.region, "force_virtual_addressing": False}
    if cfg.endpoint_url:
        parts = urlsplit(cfg.endpoint_url)
        kwargs["endpoint_override"] = parts.netloc or parts.path
        kwargs["scheme"] = parts.scheme or "https"
    if cfg.access_key:
        kwargs.update(access_key=cfg.access_key, secret_key=cfg.secret_key)
    return pyarrow.fs.S3FileSystem(**kwargs)


def connect(cfg: StorageConfig) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection that reads ``lake://`` paths from the store."""
    con = duckdb.connect()
    con.register_filesystem(LakeFS(s3_filesystem(cfg)))
    return con


def table_glob(cfg: StorageConfig, table: str) -> str:
    """The glob of every parquet object of ``table``: ``lake://bucket/prefix/table/*/*/*.parquet``."""
    prefix = f"{cfg.prefix.strip('/')}/" if cfg.prefix else ""
    return f"{PROTOCOL}://{cfg.bucket}/{prefix}{table}/*/*/*.parquet"
