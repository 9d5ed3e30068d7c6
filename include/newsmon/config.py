"""The one YAML configuration file, as declared pydantic v2 models.

Resolution order (one, documented in docs/config.md): a value in the YAML file, with ``${VAR}`` /
``${VAR:-default}`` expanded from the environment, else the default declared on the model below
(the only place a default is written). Secrets never live in the file: S3 keys come from
``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY`` (or, in Airflow, the ``newsmon_s3`` connection),
channel URLs and passwords from ``${VAR}`` references or an Airflow connection (``conn_id``).

Every model rejects unknown keys, and every error names the key that is wrong, e.g.
``outlets[0].alowed_domains: unknown key (did you mean 'allowed_domains'?)`` (see newsmon.config_errors).
The models are pydantic *dataclasses*: code builds them by keyword and copies them with
``dataclasses.replace`` as before, and each build is validated.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, TypeAdapter, ValidationError, ValidationInfo
from pydantic import model_validator as _model_validator
from pydantic.dataclasses import dataclass
from pydantic.json_schema import SkipJsonSchema

from newsmon.config_errors import ConfigError, KeyProblem, check_keys, format_errors
from newsmon.profiles import KNOWN_PROFILES

__all__ = [
    "ALERT_TYPES",
    "KNOWN_PROFILES",
    "AlertChannel",
    "AlertingConfig",
    "Config",
    "ConfigError",
    "CrawlConfig",
    "DetectConfig",
    "HealthPolicy",
    "Outlet",
    "StorageConfig",
    "json_schema",
    "load_config",
    "parse_config",
    "with_storage_overrides",
]

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
# A run with more new events than this on a Slack or email channel sends one digest instead of a
# flood: ten messages is about what a person reads one by one. Webhooks (machines) have no limit
# unless configured, as their contract is one POST per event.
DEFAULT_MAX_ALERTS_PER_RUN = 10
# Articles seen within this many days can be one story with a newer copy (syndication, edits).
DEFAULT_STORY_WINDOW_DAYS = 7.0
# Estimated Jaccard similarity of character 5-gram shingles above which two bodies are one story:
# a syndicated copy with a new lead and footer stays above 0.6, two reports of one meeting stay below 0.3.
DEFAULT_NEAR_DUPLICATE_SIMILARITY = 0.5
# Four 15-minute runs: an hour without a new article from a daily-news outlet is unusual enough to
# look at, and short enough that analysts have not missed a morning.
DEFAULT_QUIET_RUNS = 4
# Half the fetches failing is a site problem, not the occasional 404 from a stale feed item.
DEFAULT_MAX_FAILURE_RATE = 0.5
# Half the articles missing the profile means the profile no longer matches the markup.
DEFAULT_MAX_FALLBACK_SHARE = 0.5
# SMTP submission port with STARTTLS (RFC 6409); implicit TLS (`tls: ssl`) uses 465 (RFC 8314).
SMTP_PORTS = {"ssl": 465, "starttls": 587, "none": 587}

ALERT_TYPES = ("webhook", "slack", "email")
_COMMON_CHANNEL_KEYS = {"type", "name", "timeout_seconds", "digest", "max_per_run", "conn_id", "ops"}
_CHANNEL_KEYS = {
    "webhook": {"url"},
    "slack": {"url"},
    "email": {"host", "port", "tls", "username", "password", "sender", "to", "ca_file"},
}
# The message for a missing (or empty) required key, as the CLI has always printed it.
REQUIRED_MESSAGES = {
    "storage": "must be a mapping, got NoneType",
    "bucket": "required, a valid bucket name, got None",
    "outlets": "required, a non-empty list of outlets",
    "name": "required, lowercase letters, digits, '-' or '_', got None",
    "allowed_domains": "required, a non-empty list",
}
_FILE_KEYS = {"storage", "outlets", "alerts", "alerting", "crawl", "detect", "health"}
_NAME_RE = r"^[a-z0-9][a-z0-9_-]{0,62}$"
_URL_RE = r"^https?://[^/\s]+"
_POOL_RE = r"^[A-Za-z0-9_.-]{1,256}$"
_ENV_RE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")
# Every model rejects keys it does not declare. Type strictness is per field (Bool, Int, Float,
# strict strings): a YAML "yes" or "2" must not pass for a boolean or a number.
_MODEL = ConfigDict(extra="forbid")


def _check(pattern: str, what: str) -> AfterValidator:
    """A string validator: ``pattern`` must match, else ``what`` is the message."""
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        """``value`` itself, when it matches."""
        if not compiled.match(value):
            raise ValueError(f"{what}, got {value!r}")
        return value

    return AfterValidator(check)


def _as_list(value: Any) -> Any:
    """A single string counts as a one-item list, null as an empty one."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else value


def _none_as_empty_list(value: Any) -> Any:
    """``alerts:`` with no value (YAML null) means no channels."""
    return () if value is None else value


def _none_as_empty(value: Any) -> Any:
    """``key:`` with no value (YAML null) means the section's defaults."""
    return {} if value is None else value


def _null_as_blank(value: Any) -> Any:
    """``url:`` with no value reads as no URL (the check then says what is missing)."""
    return "" if value is None else value


def _number_as_text(value: Any) -> Any:
    """A login or password YAML reads as a number (``password: 1234``) is still that text."""
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


def _strip_str(value: Any) -> Any:
    """Surrounding blanks are not part of a value."""
    return value.strip() if isinstance(value, str) else value


def _nonempty(value: str) -> str:
    """A text key given must say something."""
    if not value:
        raise ValueError("must be a non-empty string")
    return value


Text = Annotated[str, Field(strict=True), BeforeValidator(_strip_str), AfterValidator(_nonempty)]
Url = Annotated[str, Field(strict=True), _check(_URL_RE, "must be an http(s) URL")]
Urls = Annotated[tuple[Url, ...], BeforeValidator(_as_list)]
Texts = Annotated[tuple[Text, ...], BeforeValidator(_as_list)]
Bool = Annotated[bool, Field(strict=True)]
Int = Annotated[int, Field(strict=True)]
Float = Annotated[float, Field(strict=True)]
Section = BeforeValidator(_none_as_empty)
Login = Annotated[str, BeforeValidator(_number_as_text)]
PoolName = Annotated[str, Field(strict=True), _check(_POOL_RE, "an Airflow pool name (letters, digits, '_', '-', '.')")]


@dataclass(frozen=True, config=_MODEL)
class StorageConfig:
    """Where parquet goes: an S3-compatible endpoint and a bucket."""

    bucket: Annotated[
        str, Field(strict=True), _check(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", "required, a valid bucket name")
    ] = Field(description="the bucket (created by `newsmon store start` or seaweedfs-init)")
    endpoint_url: Url | None = Field(None, description="any S3-compatible endpoint; unset: AWS")
    region: str = Field("us-east-1", description="unset in the file: AWS_DEFAULT_REGION, else us-east-1")
    access_key: SkipJsonSchema[str | None] = Field(None, repr=False)  # from AWS_ACCESS_KEY_ID only
    secret_key: SkipJsonSchema[str | None] = Field(None, repr=False)  # from AWS_SECRET_ACCESS_KEY only
    prefix: Annotated[str, BeforeValidator(lambda v: str(v or "").strip("/"))] = Field(
        "", description="a key prefix put before every table"
    )

    @_model_validator(mode="before")
    @classmethod
    def _from_env(cls, data: Any, info: ValidationInfo) -> Any:
        """From the file: the keys and (when unset) the region come from the environment."""
        env = (info.context or {}).get("env")
        if env is None or not isinstance(data, dict):
            return data
        check_keys(data, {"endpoint_url", "bucket", "region", "prefix"})
        return {
            **data,
            "region": str(data.get("region") or env.get("AWS_DEFAULT_REGION") or "us-east-1"),
            "access_key": env.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env.get("AWS_SECRET_ACCESS_KEY") or None,
        }


@dataclass(frozen=True, config=_MODEL)
class CrawlConfig:
    """Politeness and safety knobs shared by every outlet (Scrapy-style: all in one place)."""

    user_agent: Text = Field(DEFAULT_USER_AGENT, description="the User-Agent of every request")
    timeout_seconds: Annotated[Float, Field(ge=0.1)] = Field(
        DEFAULT_TIMEOUT_SECONDS, description="total time per request, body included"
    )
    max_bytes: Annotated[Int, Field(ge=1024)] = Field(
        DEFAULT_MAX_BYTES, description="larger responses are recorded as too_large, not read"
    )
    retries: Annotated[Int, Field(ge=1)] = Field(
        DEFAULT_RETRIES, description="attempts on 5xx / 429 / network errors, exponential backoff"
    )
    backoff_seconds: Annotated[Float, Field(ge=0)] = Field(1.0, description="first backoff, doubled per attempt")
    obey_robots: Bool = Field(True, description="honour robots.txt Disallow and Crawl-delay")


@dataclass(frozen=True, config=_MODEL)
class Outlet:
    """One news outlet as configured: where to look and how politely (also the pipeline's record)."""

    name: Annotated[str, Field(strict=True), _check(_NAME_RE, "required, lowercase letters, digits, '-' or '_'")] = (
        Field(description="lowercase id, the outlet= partition")
    )
    allowed_domains: Annotated[Texts, Field(min_length=1)] = Field(
        description="the only hosts fetched, redirects included; subdomains allowed"
    )
    feeds: Urls = Field((), description="RSS/Atom URLs (recognised by content, not extension)")
    sitemaps: Urls = Field((), description="sitemap URLs")
    profile: str | None = Field(
        None, description="markup profile (asiae, generic); unset: the name when a profile has it, else generic"
    )
    delay_seconds: Annotated[Float, Field(ge=0)] = Field(DEFAULT_DELAY_SECONDS, description="per-host delay")
    max_pages: Annotated[Int, Field(ge=1)] = Field(DEFAULT_MAX_PAGES, description="pages fetched per run")
    schedule: Annotated[str, Field(strict=True)] | None = Field(None, description="a cron string (informational)")
    robots_sitemaps: Bool | None = Field(
        None, description="also follow robots.txt Sitemap: lines; unset: true when there are no feeds"
    )
    quiet_runs: Annotated[Int, Field(ge=1)] | None = Field(None, description="unset: health.quiet_runs")
    pool: PoolName | None = Field(None, description="Airflow pool of the crawl; unset: crawl_ + first allowed domain")

    @_model_validator(mode="after")
    def _resolve(self) -> Outlet:
        """Defaults that depend on other keys, and the checks across keys."""
        domains = tuple(d.lower().strip(".") for d in self.allowed_domains)
        for i, d in enumerate(domains):
            if "/" in d or (":" in d and not d.startswith("[")):
                raise KeyProblem(f"allowed_domains[{i}]", f"a host name, not a URL: {d!r}")
        profile = self.profile or (self.name if self.name in KNOWN_PROFILES else "generic")
        if profile not in KNOWN_PROFILES:
            raise KeyProblem("profile", f"unknown profile {profile!r} (known: {', '.join(KNOWN_PROFILES)})")
        robots = (not self.feeds) if self.robots_sitemaps is None else self.robots_sitemaps
        if not self.feeds and not self.sitemaps and not robots:
            raise KeyProblem("feeds", "an outlet needs feeds, sitemaps or robots_sitemaps: true")
        object.__setattr__(self, "allowed_domains", domains)
        object.__setattr__(self, "profile", profile)
        object.__setattr__(self, "robots_sitemaps", robots)
        return self


@dataclass(frozen=True, config=_MODEL)
class AlertChannel:
    """One alert destination: a webhook, a Slack incoming webhook or an SMTP mailbox."""

    type: Literal["webhook", "slack", "email"] = Field(description="webhook, slack or email")
    url: Annotated[str, BeforeValidator(_null_as_blank)] = Field(
        "", repr=False, description="webhook / Slack incoming-webhook URL (a secret: ${VAR})"
    )
    name: str = Field("", description="the channel's ledger name; unset: <type>[i], its position")
    timeout_seconds: Annotated[Float, Field(ge=0.1)] = Field(10.0, description="per delivery attempt")
    digest: Bool = Field(False, description="one message per run listing every new event")
    max_per_run: Annotated[Int, Field(ge=1)] | None = Field(
        None, description="more new events in one run become one digest; unset: 10 for slack/email, none for webhook"
    )
    conn_id: Text | None = Field(None, description="an Airflow connection that supplies the URL or SMTP login")
    host: str = Field("", description="email: the SMTP server")
    port: Annotated[Int, Field(ge=1)] = Field(SMTP_PORTS["starttls"], description="email: unset: 587, 465 with ssl")
    tls: Literal["starttls", "ssl", "none"] = Field("starttls", description="email: starttls, ssl or none")
    username: Login | None = Field(None, description="email: SMTP login (with password)")
    password: Login | None = Field(None, repr=False, description="email: SMTP password (a secret: ${VAR})")
    sender: str = Field("", description="email: the From address")
    to: Texts = Field((), description="email: recipients")
    ca_file: str | None = Field(None, description="email: extra CA bundle for a private SMTP server")
    ops: Bool = Field(True, description="also carries ops notices (an outlet gone quiet, a failed task)")

    @_model_validator(mode="before")
    @classmethod
    def _file_defaults(cls, data: Any) -> Any:
        """From the file: keys allowed for the type, and the defaults that depend on the type."""
        if not isinstance(data, dict):
            return data
        kind = data.get("type")
        if kind not in ALERT_TYPES:
            raise KeyProblem("type", f"must be one of {', '.join(ALERT_TYPES)}, got {kind!r}")
        check_keys(data, _COMMON_CHANNEL_KEYS | _CHANNEL_KEYS[kind])
        data = {"max_per_run": None if kind == "webhook" else DEFAULT_MAX_ALERTS_PER_RUN, **data}
        if kind == "email":
            data.setdefault("port", SMTP_PORTS.get(data.get("tls", "starttls"), SMTP_PORTS["starttls"]))
        return data

    @_model_validator(mode="after")
    def _complete(self) -> AlertChannel:
        """A webhook or Slack channel needs a URL, an email one an SMTP server, sender and recipients."""
        if self.name and not self.name.strip():
            raise KeyProblem("name", "must be a non-empty string")
        if self.type != "email":
            if (self.url or self.conn_id is None) and not re.match(_URL_RE, self.url):
                raise KeyProblem("url", f"must be an http(s) URL, got {self.url or None!r}")
            return self
        _check_email(self)
        object.__setattr__(self, "host", self.host.strip())
        return self


def _check_email(ch: AlertChannel) -> None:
    """The cross-key rules of an email channel; host and login may come from an Airflow connection."""
    if not ch.host.strip() and ch.conn_id is None:
        raise KeyProblem("host", "required, the SMTP server")
    if "@" not in ch.sender:
        raise KeyProblem("sender", "required, an email address")
    if not ch.to:
        raise KeyProblem("to", "required, a non-empty list")
    for i, addr in enumerate(ch.to):
        if "@" not in addr:
            raise KeyProblem(f"to[{i}]", f"not an email address: {addr!r}")
    if (ch.username is None) != (ch.password is None):
        raise KeyProblem("password" if ch.password is None else "username", "required with the other")


@dataclass(frozen=True, config=_MODEL)
class AlertingConfig:
    """How events become stories (see newsmon.alert.story)."""

    story_window_days: Annotated[Float, Field(ge=0)] = Field(
        DEFAULT_STORY_WINDOW_DAYS, description="articles seen within this many days can be one story"
    )
    near_duplicate_similarity: Annotated[Float, Field(ge=0.05, le=1)] = Field(
        DEFAULT_NEAR_DUPLICATE_SIMILARITY, description="estimated Jaccard of 5-gram shingles: one story above it"
    )


@dataclass(frozen=True, config=_MODEL)
class HealthPolicy:
    """When an outlet counts as silent, failing or drifting (see newsmon.health)."""

    quiet_runs: Annotated[Int, Field(ge=1)] = Field(
        DEFAULT_QUIET_RUNS, description="runs without a new article: silent"
    )
    max_failure_rate: Annotated[Float, Field(ge=0, lt=1)] = Field(
        DEFAULT_MAX_FAILURE_RATE, description="failed / attempted fetches above this: failing"
    )
    max_fallback_share: Annotated[Float, Field(ge=0, lt=1)] = Field(
        DEFAULT_MAX_FALLBACK_SHARE, description="articles extracted without the profile above this: drifting"
    )


@dataclass(frozen=True, config=_MODEL)
class DetectConfig:
    """``detect:``: a taxonomy merged over the packaged topics.yaml."""

    taxonomy: Text | None = Field(None, description="a topics YAML, relative to the config file")

    @_model_validator(mode="after")
    def _compile(self, info: ValidationInfo) -> DetectConfig:
        """Resolve the path against the config file and check it by compiling it."""
        if self.taxonomy is None:
            return self
        from newsmon.detect import load_taxonomy

        source = (info.context or {}).get("source", "<dict>")
        full = Path(self.taxonomy).expanduser()
        if not full.is_absolute() and source != "<dict>":
            full = Path(source).parent / full
        if not full.is_file():
            raise KeyProblem("taxonomy", f"file not found: {full}")
        try:
            load_taxonomy(full)
        except (ValueError, yaml.YAMLError) as exc:
            raise KeyProblem("taxonomy", " ".join(str(exc).split())[:300]) from None
        object.__setattr__(self, "taxonomy", str(full))
        return self


@dataclass(frozen=True, config=_MODEL)
class Config:
    """The whole configuration, validated."""

    storage: StorageConfig = Field(description="where the parquet lake goes")
    outlets: Annotated[tuple[Outlet, ...], Field(min_length=1)] = Field(description="the outlets crawled")
    alerts: Annotated[tuple[AlertChannel, ...], BeforeValidator(_none_as_empty_list)] = Field(
        (), description="alert channels, all used at once"
    )
    crawl: Annotated[CrawlConfig, Section] = Field(CrawlConfig(), description="politeness shared by all outlets")
    source: SkipJsonSchema[str] = "<dict>"  # the file the config came from (not a file key)
    detect: Annotated[DetectConfig, Section] = Field(DetectConfig(), description="detection settings")
    alerting: Annotated[AlertingConfig, Section] = Field(AlertingConfig(), description="how events become stories")
    health: Annotated[HealthPolicy, Section] = Field(HealthPolicy(), description="ops notices per outlet")

    @_model_validator(mode="before")
    @classmethod
    def _file_keys(cls, data: Any, info: ValidationInfo) -> Any:
        """From the file: only file keys (``source`` is not one), and the file's name as ``source``."""
        if not isinstance(data, dict) or info.context is None:
            return data
        check_keys(data, _FILE_KEYS)
        return {**data, "source": info.context.get("source", "<dict>")}

    @_model_validator(mode="after")
    def _unique(self) -> Config:
        """Outlet and channel names are unique; an unnamed channel is called after its position."""
        names = [o.name for o in self.outlets]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise KeyProblem("outlets", f"duplicate outlet name {dupes[0]!r}")
        alerts = tuple(c if c.name else replace(c, name=f"{c.type}[{i}]") for i, c in enumerate(self.alerts))
        cnames = [a.name for a in alerts]
        if len(set(cnames)) != len(cnames):
            raise KeyProblem("alerts", f"duplicate channel name {next(n for n in cnames if cnames.count(n) > 1)!r}")
        object.__setattr__(self, "alerts", alerts)
        return self

    @property
    def detect_taxonomy(self) -> str | None:
        """``detect.taxonomy``, resolved against the config file: a YAML merged over topics.yaml."""
        return self.detect.taxonomy

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


_CONFIG_ADAPTER = TypeAdapter(Config)


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
    if not isinstance(raw, dict):
        raise ConfigError(f"config: must be a mapping, got {type(raw).__name__}")
    try:
        return _CONFIG_ADAPTER.validate_python(raw, context={"env": env, "source": source})
    except ValidationError as exc:
        raise ConfigError(format_errors(exc, Config, REQUIRED_MESSAGES)) from None


def with_storage_overrides(config: Config, **overrides: Any) -> Config:
    """A copy of ``config`` whose storage settings take the non-None ``overrides``."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    return replace(config, storage=replace(config.storage, **clean))


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the YAML file (what editors validate it with); docs/config.schema.json."""
    schema = _CONFIG_ADAPTER.json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "newsmon configuration (config/newsmon.yaml)"
    return schema


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
