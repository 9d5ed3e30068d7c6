"""Load and validate the one YAML configuration file.

Resolution order (one, documented): a value in the YAML file, with ``${VAR}`` / ``${VAR:-default}``
expanded from the environment, else the default below. Secrets never live in the file: S3 keys come
from ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY`` (or, in Airflow, the ``newsmon_s3``
connection), channel URLs and passwords from ``${VAR}`` references.

Every error names the key that is wrong, e.g. ``outlets[0].allowed_domains: required``.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from newsmon.health import HealthPolicy
from newsmon.profiles import PROFILES
from newsmon.records import Outlet

# Default politeness: one request per second per host is what most news sites tolerate from a
# named bot; 20 s covers slow CMS pages without letting one host stall a run.
DEFAULT_DELAY_SECONDS = 1.0
DEFAULT_TIMEOUT_SECONDS = 20.0
# 5 MB is ~10x the largest real article page seen; anything bigger is not an article.
DEFAULT_MAX_BYTES = 5_000_000
# Attempts per URL on 5xx/429/connection errors, with exponential backoff between them.
DEFAULT_RETRIES = 3
# A feed lists ~100 items; a run that wants more than this per outlet is a backfill, not a poll.
DEFAULT_MAX_PAGES = 200
DEFAULT_USER_AGENT = "newsmon/0.1 (news monitoring bot; +https://github.com/newsmon/newsmon)"

KNOWN_PROFILES = (*PROFILES, "generic")  # a profile registered in profiles.py is known here
ALERT_TYPES = ("webhook", "slack", "email")
# A run with more new events than this on a Slack or email channel sends one digest instead of a
# flood: ten messages is about what a person reads one by one. Webhooks (machines) have no limit
# unless configured, as their contract is one POST per event.
DEFAULT_MAX_ALERTS_PER_RUN = 10
# Articles seen within this many days can be one story with a newer copy (syndication, edits).
DEFAULT_STORY_WINDOW_DAYS = 7.0
# Estimated Jaccard similarity of character 5-gram shingles above which two bodies are one story:
# a syndicated copy with a new lead and footer stays above 0.6, two reports of one meeting stay below 0.3.
DEFAULT_NEAR_DUPLICATE_SIMILARITY = 0.5
_CHANNEL_KEYS = {
    "webhook": {"url"},
    "slack": {"url"},
    "email": {"host", "port", "tls", "username", "password", "sender", "to", "ca_file"},
}
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
_POOL_RE = re.compile(r"^[A-Za-z0-9_.-]{1,256}$")
_ENV_RE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


class ConfigError(ValueError):
    """A configuration problem; the message starts with the key that is wrong."""


@dataclass(frozen=True)
class StorageConfig:
    """Where parquet goes: an S3-compatible endpoint and a bucket."""

    bucket: str
    endpoint_url: str | None = None
    region: str = "us-east-1"
    access_key: str | None = field(default=None, repr=False)
    secret_key: str | None = field(default=None, repr=False)
    prefix: str = ""


@dataclass(frozen=True)
class CrawlConfig:
    """Politeness and safety knobs shared by every outlet (Scrapy-style: all in one place)."""

    user_agent: str = DEFAULT_USER_AGENT
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS
    max_bytes: int = DEFAULT_MAX_BYTES
    retries: int = DEFAULT_RETRIES
    backoff_seconds: float = 1.0
    obey_robots: bool = True


@dataclass(frozen=True)
class AlertChannel:
    """One alert destination: a webhook, a Slack incoming webhook or an SMTP mailbox."""

    type: str
    url: str = field(default="", repr=False)  # webhook and slack; a secret for slack
    name: str = ""
    timeout_seconds: float = 10.0
    digest: bool = False  # one message per run instead of one per event
    max_per_run: int | None = None  # more new events than this in one run turn into a digest
    conn_id: str | None = None  # an Airflow connection that supplies url / host and login
    host: str = ""  # email: SMTP server
    port: int = 587
    tls: str = "starttls"  # email: "starttls" | "ssl" | "none"
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    sender: str = ""
    to: tuple[str, ...] = ()
    ca_file: str | None = None  # email: extra CA bundle for a private SMTP server
    ops: bool = True  # also carries ops notices (an outlet gone quiet, a failed task)
    route: Any = None  # newsmon.alert.routing.Route: which events this channel gets (None: all)
    brief: Any = None  # newsmon.alert.brief.BriefSchedule: one message a day instead of single alerts


@dataclass(frozen=True)
class AlertingConfig:
    """How events become stories (see newsmon.alert.story)."""

    story_window_days: float = DEFAULT_STORY_WINDOW_DAYS
    near_duplicate_similarity: float = DEFAULT_NEAR_DUPLICATE_SIMILARITY


@dataclass(frozen=True)
class Config:
    """The whole configuration, validated."""

    storage: StorageConfig
    outlets: tuple[Outlet, ...]
    alerts: tuple[AlertChannel, ...] = ()
    crawl: CrawlConfig = CrawlConfig()
    source: str = "<dict>"
    detect_taxonomy: str | None = None  # `detect.taxonomy`: a YAML merged over the packaged topics.yaml
    alerting: AlertingConfig = AlertingConfig()
    health: HealthPolicy = field(default_factory=HealthPolicy)

    def outlet(self, name: str) -> Outlet:
        """The outlet called ``name``; ConfigError when there is none."""
        for outlet in self.outlets:
            if outlet.name == name:
                return outlet
        raise ConfigError(f"outlets: no outlet named {name!r} (have: {', '.join(self.outlet_names)})")

    @property
    def outlet_names(self) -> list[str]:
        """Names of the configured outlets, in file order."""
        return [o.name for o in self.outlets]


def crawl_pool(outlet: Outlet) -> str:
    """The Airflow pool that bounds concurrent crawls of ``outlet``'s host.

    ``crawl_`` + the first allowed domain (``asiae.co.kr`` -> ``crawl_asiae_co_kr``), so outlets on
    one site (its Korean and English editions, say) share one pool; ``pool:`` overrides it.
    """
    if outlet.pool:
        return outlet.pool
    host = outlet.allowed_domains[0] if outlet.allowed_domains else outlet.name
    return "crawl_" + (re.sub(r"[^a-z0-9]+", "_", host.lower()).strip("_") or outlet.name)


def load_config(path: str | os.PathLike[str], env: dict[str, str] | None = None) -> Config:
    """Read, expand and validate the YAML file at ``path``."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config: file not found: {path}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"config: {path} is not valid YAML: {exc}") from None
    return parse_config(raw, env=env, source=str(path))


def parse_config(raw: Any, env: dict[str, str] | None = None, source: str = "<dict>") -> Config:
    """Validate an already-parsed mapping; see the module docstring for the rules."""
    env = dict(os.environ) if env is None else env
    raw = _expand(raw, env, "")
    top = _mapping(raw, "config")
    _check_keys(top, {"storage", "outlets", "alerts", "alerting", "crawl", "detect", "health"}, "")
    storage = _storage(top.get("storage"), env)
    crawl = _crawl(top.get("crawl", {}) or {})
    outlets_raw = top.get("outlets")
    if not isinstance(outlets_raw, list) or not outlets_raw:
        raise ConfigError("outlets: required, a non-empty list of outlets")
    outlets = tuple(_outlet(o, f"outlets[{i}]") for i, o in enumerate(outlets_raw))
    names = [o.name for o in outlets]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(f"outlets: duplicate outlet name {dupes[0]!r}")
    alerts_raw = top.get("alerts") or []
    if not isinstance(alerts_raw, list):
        raise ConfigError("alerts: must be a list of channels")
    alerts = tuple(_alert(a, f"alerts[{i}]") for i, a in enumerate(alerts_raw))
    cnames = [a.name for a in alerts]
    if len(set(cnames)) != len(cnames):
        raise ConfigError(f"alerts: duplicate channel name {next(n for n in cnames if cnames.count(n) > 1)!r}")
    alerting = _alerting(top.get("alerting") or {})
    taxonomy = _detect(top.get("detect") or {}, source)
    _check_route_topics(alerts, taxonomy)
    return Config(
        storage=storage,
        outlets=outlets,
        alerts=alerts,
        crawl=crawl,
        source=source,
        alerting=alerting,
        detect_taxonomy=taxonomy,
        health=_health(top.get("health") or {}),
    )


def with_storage_overrides(config: Config, **overrides: Any) -> Config:
    """A copy of ``config`` whose storage settings take the non-None ``overrides``."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    return replace(config, storage=replace(config.storage, **clean))


def _expand(value: Any, env: dict[str, str], key: str) -> Any:
    """Expand ``${VAR}`` and ``${VAR:-default}`` in every string, naming the key when VAR is unset."""
    if isinstance(value, dict):
        return {k: _expand(v, env, f"{key}.{k}" if key else str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v, env, f"{key}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, str):

        def sub(m: re.Match[str]) -> str:
            name, default = m.group(1), m.group(2)
            if name in env and env[name] != "":
                return env[name]
            if default is not None:
                return default
            raise ConfigError(f"{key}: environment variable {name} is not set")

        return _ENV_RE.sub(sub, value)
    return value


def _mapping(value: Any, key: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{key}: must be a mapping, got {type(value).__name__}")
    return value


def _check_keys(mapping: dict[str, Any], allowed: set[str], key: str) -> None:
    for k in mapping:
        if k not in allowed:
            close = difflib.get_close_matches(str(k), sorted(allowed), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (allowed: {', '.join(sorted(allowed))})"
            where = f"{key}.{k}" if key else str(k)
            raise ConfigError(f"{where}: unknown key{hint}")


def _str_list(value: Any, key: str, required: bool = False) -> tuple[str, ...]:
    if value is None:
        value = []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{key}: must be a list of non-empty strings")
    if required and not value:
        raise ConfigError(f"{key}: required, a non-empty list")
    return tuple(v.strip() for v in value)


def _number(value: Any, key: str, minimum: float, kind: type = float) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{key}: must be a number, got {value!r}")
    if value < minimum:
        raise ConfigError(f"{key}: must be >= {minimum}, got {value!r}")
    return kind(value)


def _url(value: Any, key: str) -> str:
    if not isinstance(value, str) or not re.match(r"^https?://[^/\s]+", value):
        raise ConfigError(f"{key}: must be an http(s) URL, got {value!r}")
    return value


def _storage(value: Any, env: dict[str, str]) -> StorageConfig:
    m = _mapping(value, "storage")
    _check_keys(m, {"endpoint_url", "bucket", "region", "prefix"}, "storage")
    bucket = m.get("bucket")
    if not isinstance(bucket, str) or not re.match(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", bucket):
        raise ConfigError(f"storage.bucket: required, a valid bucket name, got {bucket!r}")
    endpoint = m.get("endpoint_url")
    if endpoint is not None:
        endpoint = _url(endpoint, "storage.endpoint_url")
    prefix = str(m.get("prefix", "") or "").strip("/")
    return StorageConfig(
        bucket=bucket,
        endpoint_url=endpoint,
        region=str(m.get("region") or env.get("AWS_DEFAULT_REGION") or "us-east-1"),
        access_key=env.get("AWS_ACCESS_KEY_ID") or None,
        secret_key=env.get("AWS_SECRET_ACCESS_KEY") or None,
        prefix=prefix,
    )


def _crawl(value: Any) -> CrawlConfig:
    m = _mapping(value, "crawl")
    allowed = {"user_agent", "timeout_seconds", "max_bytes", "retries", "backoff_seconds", "obey_robots"}
    _check_keys(m, allowed, "crawl")
    kwargs: dict[str, Any] = {}
    if "user_agent" in m:
        if not isinstance(m["user_agent"], str) or not m["user_agent"].strip():
            raise ConfigError("crawl.user_agent: must be a non-empty string")
        kwargs["user_agent"] = m["user_agent"].strip()
    if "timeout_seconds" in m:
        kwargs["timeout_seconds"] = _number(m["timeout_seconds"], "crawl.timeout_seconds", 0.1)
    if "max_bytes" in m:
        kwargs["max_bytes"] = _number(m["max_bytes"], "crawl.max_bytes", 1024, int)
    if "retries" in m:
        kwargs["retries"] = _number(m["retries"], "crawl.retries", 1, int)
    if "backoff_seconds" in m:
        kwargs["backoff_seconds"] = _number(m["backoff_seconds"], "crawl.backoff_seconds", 0)
    if "obey_robots" in m:
        if not isinstance(m["obey_robots"], bool):
            raise ConfigError("crawl.obey_robots: must be true or false")
        kwargs["obey_robots"] = m["obey_robots"]
    return CrawlConfig(**kwargs)


def _detect(value: Any, source: str) -> str | None:
    """``detect.taxonomy``: a taxonomy file, relative to the config file; checked by compiling it."""
    from newsmon.detect import load_taxonomy

    m = _mapping(value, "detect")
    _check_keys(m, {"taxonomy"}, "detect")
    path = m.get("taxonomy")
    if path is None:
        return None
    if not isinstance(path, str) or not path.strip():
        raise ConfigError("detect.taxonomy: must be a path to a YAML file")
    full = Path(path).expanduser()
    if not full.is_absolute() and source != "<dict>":
        full = Path(source).parent / full
    if not full.is_file():
        raise ConfigError(f"detect.taxonomy: file not found: {full}")
    try:
        load_taxonomy(full)
    except (ValueError, yaml.YAMLError) as exc:
        raise ConfigError(f"detect.taxonomy: {' '.join(str(exc).split())[:300]}") from None
    return str(full)


def _check_route_topics(alerts: tuple[AlertChannel, ...], taxonomy: str | None) -> None:
    """Every ``alerts[i].topics`` id must be a topic of the taxonomy in use."""
    from newsmon.alert.routing import RouteError, check_topics
    from newsmon.detect import load_taxonomy

    if not any(a.route and a.route.topics for a in alerts):
        return
    known = load_taxonomy(taxonomy).topics
    for i, channel in enumerate(alerts):
        try:
            check_topics(channel.route, f"alerts[{i}]", known)
        except RouteError as exc:
            raise ConfigError(str(exc)) from None


def _outlet(value: Any, key: str) -> Outlet:
    m = _mapping(value, key)
    allowed = {
        "name",
        "profile",
        "feeds",
        "sitemaps",
        "robots_sitemaps",
        "allowed_domains",
        "delay_seconds",
        "max_pages",
        "schedule",
        "quiet_runs",
        "pool",
    }
    _check_keys(m, allowed, key)
    name = m.get("name")
    if not isinstance(name, str) or not _NAME_RE.match(name):
        raise ConfigError(f"{key}.name: required, lowercase letters, digits, '-' or '_', got {name!r}")
    feeds = tuple(_url(u, f"{key}.feeds[{i}]") for i, u in enumerate(_str_list(m.get("feeds"), f"{key}.feeds")))
    sitemaps = tuple(
        _url(u, f"{key}.sitemaps[{i}]") for i, u in enumerate(_str_list(m.get("sitemaps"), f"{key}.sitemaps"))
    )
    domains = _str_list(m.get("allowed_domains"), f"{key}.allowed_domains", required=True)
    domains = tuple(d.lower().strip(".") for d in domains)
    for i, d in enumerate(domains):
        if "/" in d or (":" in d and not d.startswith("[")):
            raise ConfigError(f"{key}.allowed_domains[{i}]: a host name, not a URL: {d!r}")
    profile = m.get("profile")
    if profile is None:
        profile = name if name in KNOWN_PROFILES else "generic"
    if profile not in KNOWN_PROFILES:
        raise ConfigError(f"{key}.profile: unknown profile {profile!r} (known: {', '.join(KNOWN_PROFILES)})")
    delay = _number(m.get("delay_seconds", DEFAULT_DELAY_SECONDS), f"{key}.delay_seconds", 0)
    max_pages = _number(m.get("max_pages", DEFAULT_MAX_PAGES), f"{key}.max_pages", 1, int)
    schedule = m.get("schedule")
    if schedule is not None and not isinstance(schedule, str):
        raise ConfigError(f"{key}.schedule: must be a cron string")
    robots_sitemaps = m.get("robots_sitemaps", not feeds)
    if not isinstance(robots_sitemaps, bool):
        raise ConfigError(f"{key}.robots_sitemaps: must be true or false")
    if not feeds and not sitemaps and not robots_sitemaps:
        raise ConfigError(f"{key}.feeds: an outlet needs feeds, sitemaps or robots_sitemaps: true")
    pool = m.get("pool")
    if pool is not None and (not isinstance(pool, str) or not _POOL_RE.match(pool)):
        raise ConfigError(f"{key}.pool: an Airflow pool name (letters, digits, '_', '-', '.'), got {pool!r}")
    quiet_runs = m.get("quiet_runs")
    if quiet_runs is not None:
        quiet_runs = _number(quiet_runs, f"{key}.quiet_runs", 1, int)
    return Outlet(
        name=name,
        robots_sitemaps=robots_sitemaps,
        feeds=feeds,
        sitemaps=sitemaps,
        allowed_domains=domains,
        profile=profile,
        delay_seconds=delay,
        max_pages=max_pages,
        schedule=schedule,
        quiet_runs=quiet_runs,
        pool=pool,
    )


def _alert(value: Any, key: str) -> AlertChannel:
    m = _mapping(value, key)
    kind = m.get("type")
    if kind not in ALERT_TYPES:
        raise ConfigError(f"{key}.type: must be one of {', '.join(ALERT_TYPES)}, got {kind!r}")
    from newsmon.alert.brief import parse_brief
    from newsmon.alert.routing import ROUTE_KEYS, RouteError, parse_route

    common = {"type", "name", "timeout_seconds", "digest", "max_per_run", "conn_id", "ops", "brief"}
    _check_keys(m, common | ROUTE_KEYS | _CHANNEL_KEYS[kind], key)
    conn_id = m.get("conn_id")
    if conn_id is not None and (not isinstance(conn_id, str) or not conn_id.strip()):
        raise ConfigError(f"{key}.conn_id: must be an Airflow connection id")
    name = m.get("name") or f"{kind}{key[6:]}"
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{key}.name: must be a non-empty string")
    digest = m.get("digest", False)
    if not isinstance(digest, bool):
        raise ConfigError(f"{key}.digest: must be true or false")
    ops = m.get("ops", True)
    if not isinstance(ops, bool):
        raise ConfigError(f"{key}.ops: must be true or false")
    kwargs: dict[str, Any] = {
        "type": kind,
        "name": name,
        "conn_id": conn_id,
        "digest": digest,
        "ops": ops,
        "timeout_seconds": _number(m.get("timeout_seconds", 10.0), f"{key}.timeout_seconds", 0.1),
    }
    try:
        kwargs["route"] = parse_route(m, key)
        kwargs["brief"] = parse_brief(m["brief"], f"{key}.brief") if m.get("brief") is not None else None
    except RouteError as exc:
        raise ConfigError(str(exc)) from None
    default_max = None if kind == "webhook" else DEFAULT_MAX_ALERTS_PER_RUN
    if m.get("max_per_run", default_max) is not None:
        kwargs["max_per_run"] = _number(m.get("max_per_run", default_max), f"{key}.max_per_run", 1, int)
    if kind in ("webhook", "slack"):
        if m.get("url") is not None or conn_id is None:
            kwargs["url"] = _url(m.get("url"), f"{key}.url")
    else:
        kwargs.update(_email(m, key, conn_id is not None))
    return AlertChannel(**kwargs)


def _email(m: dict[str, Any], key: str, has_conn: bool) -> dict[str, Any]:
    """The SMTP part of an email channel; host and login may come from an Airflow connection."""
    host = m.get("host")
    if host is None and not has_conn:
        raise ConfigError(f"{key}.host: required, the SMTP server")
    if host is not None and (not isinstance(host, str) or not host.strip()):
        raise ConfigError(f"{key}.host: must be a host name")
    tls = m.get("tls", "starttls")
    if tls not in ("starttls", "ssl", "none"):
        raise ConfigError(f"{key}.tls: must be starttls, ssl or none, got {tls!r}")
    sender = m.get("sender")
    if not isinstance(sender, str) or "@" not in sender:
        raise ConfigError(f"{key}.sender: required, an email address")
    to = _str_list(m.get("to"), f"{key}.to", required=True)
    for i, addr in enumerate(to):
        if "@" not in addr:
            raise ConfigError(f"{key}.to[{i}]: not an email address: {addr!r}")
    username, password = m.get("username"), m.get("password")
    if (username is None) != (password is None):
        raise ConfigError(f"{key}.{'password' if password is None else 'username'}: required with the other")
    return {
        "host": (host or "").strip(),
        "port": _number(m.get("port", 465 if tls == "ssl" else 587), f"{key}.port", 1, int),
        "tls": tls,
        "username": None if username is None else str(username),
        "password": None if password is None else str(password),
        "sender": sender,
        "to": to,
        "ca_file": m.get("ca_file"),
    }


def _alerting(value: Any) -> AlertingConfig:
    m = _mapping(value, "alerting")
    _check_keys(m, {"story_window_days", "near_duplicate_similarity"}, "alerting")
    kwargs: dict[str, Any] = {}
    if "story_window_days" in m:
        kwargs["story_window_days"] = _number(m["story_window_days"], "alerting.story_window_days", 0)
    if "near_duplicate_similarity" in m:
        sim = _number(m["near_duplicate_similarity"], "alerting.near_duplicate_similarity", 0.05)
        if sim > 1:
            raise ConfigError(f"alerting.near_duplicate_similarity: must be <= 1, got {sim!r}")
        kwargs["near_duplicate_similarity"] = sim
    return AlertingConfig(**kwargs)


def _health(value: Any) -> HealthPolicy:
    """``health:``: when an outlet counts as silent, failing or drifting (see newsmon.health)."""
    m = _mapping(value, "health")
    _check_keys(m, {"quiet_runs", "max_failure_rate", "max_fallback_share"}, "health")
    kwargs: dict[str, Any] = {}
    if "quiet_runs" in m:
        kwargs["quiet_runs"] = _number(m["quiet_runs"], "health.quiet_runs", 1, int)
    for name in ("max_failure_rate", "max_fallback_share"):
        if name in m:
            share = _number(m[name], f"health.{name}", 0)
            if share >= 1:
                raise ConfigError(f"health.{name}: a share below 1, got {share!r}")
            kwargs[name] = share
    return HealthPolicy(**kwargs)
