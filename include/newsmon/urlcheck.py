"""One parse of a crawl URL for both the allow-list check and the connection.

The allow-list once read a URL with :func:`urllib.parse.urlsplit` while ``requests`` connected
with urllib3's parser: ``http://127.0.0.2:80\\@localhost/`` is host ``localhost`` to the first and
``127.0.0.2`` to the second. Here a URL is parsed with urllib3 (the parser the client uses) and
refused outright when it is ambiguous: control characters or whitespace, a backslash, userinfo,
an odd IPv4 spelling (``127.1``, ``0x7f.0.0.1``, ``2130706433``), an IPv6 zone, or any
disagreement between the two parsers. What passes has exactly one host, and that host is what
:mod:`newsmon.pinning` connects to, at the address the check resolved.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import idna
from urllib3.exceptions import LocationParseError
from urllib3.util import parse_url

# Anything a browser or parser strips, folds or splits on: refused rather than guessed at.
_UNSAFE_CHARS = re.compile(r"[\x00-\x20\x7f]")
# A host WHATWG would read as IPv4: its last label is a number (decimal, octal or hex).
_NUMERIC_LABEL = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$", re.I)
DEFAULT_PORTS = {"http": 80, "https": 443}


class UnsafeURL(ValueError):
    """A URL the crawler refuses to parse: its ``reason`` is recorded as the fetch error."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Target:
    """The one reading of a URL: scheme, ASCII host (no brackets, no trailing dot) and port."""

    scheme: str
    host: str
    port: int

    @property
    def is_ip(self) -> bool:
        """True when the host is an IP literal, not a name."""
        try:
            ipaddress.ip_address(self.host)
        except ValueError:
            return False
        return True


def parse_target(url: str) -> Target:
    """The host and port ``url`` will connect to; raises :class:`UnsafeURL` when ambiguous."""
    if not isinstance(url, str) or _UNSAFE_CHARS.search(url):
        raise UnsafeURL("bad_url")
    if "\\" in url:  # a path character to urlsplit, a delimiter to browsers and urllib3
        raise UnsafeURL("ambiguous_url")
    try:
        parsed = parse_url(url)
    except (LocationParseError, ValueError) as exc:
        raise UnsafeURL("bad_url") from exc
    scheme = (parsed.scheme or "").lower()
    if scheme not in DEFAULT_PORTS or not parsed.host:
        raise UnsafeURL("bad_url")
    if parsed.auth is not None or "@" in (urlsplit(url).netloc or ""):
        raise UnsafeURL("userinfo_in_url")
    host = _check_host(parsed.host)
    if _other_reading(url) != host:
        raise UnsafeURL("ambiguous_url")
    return Target(scheme=scheme, host=host, port=parsed.port or DEFAULT_PORTS[scheme])


def _check_host(raw: str) -> str:
    """The canonical ASCII form of a host, or UnsafeURL for odd IP spellings and zones."""
    host = raw.lower()
    if host.startswith("["):
        inner = host.strip("[]")
        if "%" in inner:
            raise UnsafeURL("bad_url")
        try:
            return str(ipaddress.IPv6Address(inner))
        except ValueError as exc:
            raise UnsafeURL("bad_url") from exc
    host = _ascii_host(host.rstrip("."))
    if not host:
        raise UnsafeURL("bad_url")
    if _NUMERIC_LABEL.match(host.rsplit(".", 1)[-1]):
        try:
            ip = ipaddress.IPv4Address(host)
        except ValueError as exc:
            raise UnsafeURL("odd_ip_spelling") from exc
        if str(ip) != host:
            raise UnsafeURL("odd_ip_spelling")
    return host


def _other_reading(url: str) -> str:
    """The host as the standard library reads ``url``, in the same canonical form."""
    other = (urlsplit(url).hostname or "").lower().rstrip(".")
    try:
        return str(ipaddress.ip_address(other))
    except ValueError:
        return _ascii_host(other)


def _ascii_host(host: str) -> str:
    """``host`` as the client sends it: IDNA (UTS 46) for non-ASCII names."""
    if host.isascii():
        return host
    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except idna.IDNAError as exc:
        raise UnsafeURL("bad_url") from exc
