"""DuckDB over the lake in the S3 store, offline: each table as a pyarrow dataset DuckDB scans.

DuckDB's own S3 reader (the ``httpfs`` extension) is downloaded at first use, which an offline
machine cannot do, and the ``duckdb-extension-httpfs`` wheels lag DuckDB's version. Handing DuckDB
an fsspec filesystem (docs/schema.md) works for small objects but races on larger ones when
DuckDB reads row groups from several threads through one Python file object ("ZSTD Decompression
failure"). So each table is a ``pyarrow.dataset`` over pyarrow's S3 filesystem (C++, thread-safe),
registered in DuckDB: DuckDB pushes column projection and the ``dt`` filter down into the scan,
so only the partitions of the window and the columns a query names are read.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.fs

from newsmon.config import StorageConfig
from newsmon.schema import TABLES

# Only ``dt`` is taken from the path: ``outlet`` is a column of every file already.
_PARTITIONING = ds.partitioning(pa.schema([("dt", pa.string())]), flavor="hive")


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


def dataset(cfg: StorageConfig, table: str, fs: pyarrow.fs.FileSystem | None = None) -> ds.Dataset:
    """Every parquet object of ``table`` as one dataset in the table's current schema (plus ``dt``).

    Objects of an older schema version read with the newer columns as nulls. A table with no
    object yet is an empty dataset.
    """
    schema = TABLES[table].append(pa.field("dt", pa.string()))
    prefix = f"{cfg.prefix.strip('/')}/" if cfg.prefix else ""
    try:
        return ds.dataset(
            f"{cfg.bucket}/{prefix}{table}/",
            filesystem=fs or s3_filesystem(cfg),
            format="parquet",
            partitioning=_PARTITIONING,
            schema=schema,
            exclude_invalid_files=False,
        )
    except FileNotFoundError:
        return ds.dataset(schema.empty_table())


def connect(cfg: StorageConfig, tables: tuple[str, ...]) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with ``tables`` of the lake registered under their names."""
    con = duckdb.connect()
    fs = s3_filesystem(cfg)
    for table in tables:
        con.register(table, dataset(cfg, table, fs))
    return con
