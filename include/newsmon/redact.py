"""Credentials in URLs: refused in the config file as literals, masked wherever a URL is shown.

A webhook URL often *is* a secret (Slack's ``/services/T…/B…/<token>``, ``?token=…``), and an
endpoint may carry ``user:password@``. Such a value must come from the environment (``${VAR}``),
never sit in the YAML file; and whatever the source, a URL printed or logged shows its shape,
not its secret: ``https://***@hooks.example/services/***?token=***``.
"""

from __future__ import annotations

import io
import logging
import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

MASK = "***"
# A path segment that is a key, not a word: long, letters and digits only (plus _ -), with both
# letters and digits. Slack (24 chars), Discord (68), Teams and most webhook tokens match; article
# slugs have dots or long words, asiae's numbers have no letters.
_TOKEN_SEGMENT = re.compile(r"^(?=[A-Za-z0-9_-]{20,}$)(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9_-]+$")
# Query parameters whose value is a credential by name.
_SECRET_PARAM = re.compile(
    r"^(.*[_-])?(token|key|apikey|secret|password|passwd|pwd|sig|signature|auth|credentials?)$", re.I
)
_URL_IN_TEXT = re.compile(r"https?://[^\s'\"<>()\[\]{}]+", re.I)
_ENV_REF = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}")


def literal_credential(raw: str) -> str | None:
    """What looks like a credential written literally in a URL of the config file, else None.

    ``raw`` is the value before ``${VAR}`` expansion: a part given as ``${VAR}`` is fine.
    """
    if not raw.strip().lower().startswith(("http://", "https://")):
        return None
    parts = urlsplit(_ENV_REF.sub("ENVREF", raw.strip()))
    if "@" in parts.netloc and "ENVREF" not in parts.netloc.rsplit("@", 1)[0]:
        return "user:password in the URL"
    for segment in parts.path.split("/"):
        if _TOKEN_SEGMENT.match(segment) and "ENVREF" not in segment:
            return "a token in the URL's path"
    for pair in parts.query.split("&"):
        name, _, value = pair.partition("=")
        if value and _SECRET_PARAM.search(name) and "ENVREF" not in value:
            return f"a {name!r} value in the URL's query"
    return None


def check_config_urls(raw: Any, key: str = "") -> list[tuple[str, str]]:
    """(key, problem) for every string of the unexpanded config that holds a literal credential."""
    found: list[tuple[str, str]] = []
    if isinstance(raw, dict):
        for k, v in raw.items():
            found += check_config_urls(v, f"{key}.{k}" if key else str(k))
    elif isinstance(raw, list):
        for i, v in enumerate(raw):
            found += check_config_urls(v, f"{key}[{i}]")
    elif isinstance(raw, str):
        problem = literal_credential(raw)
        if problem:
            found.append((key, problem))
    return found


def mask_url(url: str) -> str:
    """``url`` with userinfo, token-looking path segments and every query value replaced by ***."""
    try:
        p = urlsplit(url)
    except ValueError:
        return MASK
    netloc = p.netloc
    if "@" in netloc:
        netloc = f"{MASK}@{netloc.rsplit('@', 1)[1]}"
    path = "/".join(MASK if _TOKEN_SEGMENT.match(s) else s for s in p.path.split("/"))
    query = (
        "&".join(
            f"{name}={MASK}" if sep else name for name, sep, _ in (pair.partition("=") for pair in p.query.split("&"))
        )
        if p.query
        else ""
    )
    return urlunsplit((p.scheme, netloc, path, query, ""))


def mask_text(text: str) -> str:
    """Every URL in ``text`` masked (see :func:`mask_url`)."""
    return _URL_IN_TEXT.sub(lambda m: mask_url(m.group(0)), text) if "://" in text else text


class MaskingStream(io.TextIOBase):
    """A text stream that masks URLs on their way to ``target`` (the CLI's stdout and stderr)."""

    def __init__(self, target) -> None:
        self.target = target

    def write(self, s: str) -> int:
        """Write ``s`` with its URLs masked."""
        self.target.write(mask_text(s))
        return len(s)

    def flush(self) -> None:
        """Flush the target."""
        self.target.flush()

    def isatty(self) -> bool:
        """Whether the target is a terminal (rich and the progress bar ask)."""
        return self.target.isatty()

    @property
    def encoding(self) -> str:
        """The target's encoding."""
        return getattr(self.target, "encoding", "utf-8")


class MaskingFilter(logging.Filter):
    """A logging filter that masks the URLs in every record's message (install it on a handler)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Render the message, mask it, and keep the record."""
        record.msg, record.args = mask_text(record.getMessage()), None
        return True
