"""newsmon: crawl news outlets, extract articles, detect US-China topics and events, store parquet
in S3-compatible storage, alert on new agreements and disputes. Never imports Airflow."""

__version__ = "0.1.0"
