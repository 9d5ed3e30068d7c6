"""Fetch pages politely and safely: allow-list, address policy, delays, retries, caps, encoding.

Every fetch returns a :class:`~newsmon.records.Page`; nothing here raises for a bad site. A page
that must not or could not be fetched carries an ``error`` reason that the pipeline records.
"""

from __future__ import annotations

import codecs
import ipaddress
import re
import socket
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urljoin, urlsplit

import requests
from charset_normalizer import from_bytes

from newsmon.pinning import PinnedAdapter, PinTable
from newsmon.records import Page
from newsmon.urlcheck import UnsafeURL, parse_target

if TYPE_CHECKING:  # type hints only: decode_html (newsmon analyze) must not load the config models
    from newsmon.config import CrawlConfig, Outlet

# Redirect hops allowed per request; news CMSs use 1-2 (http->https, www, slug), 5 is generous.
MAX_REDIRECTS = 5
# Longest Retry-After we wait for inside a run; longer means "come back next run".
MAX_RETRY_AFTER_SECONDS = 60.0
# Bytes per read from the socket; small enough that the total deadline is checked often.
READ_CHUNK = 64 * 1024
# How far into a page to look for <meta charset>; the HTML spec says the first 1024 bytes,
# real pages put it later behind comments and scripts.
META_SNIFF_BYTES = 4096
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    *HTML_TYPES,
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
    "text/plain",
)
# ``accept`` for bodies whose content decides (sitemaps: gzip or XML whatever the header says)
ANY_TYPE = ("*/*",)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Markers of UTF-8 read as a single-byte charset ("Ã¼" for "ü", "Â " for a no-break space, "â€" for
# curly quotes and dashes); a decode showing this many is wrong, and the detector decides instead.
# Three, not one: a real Latin-1 page may hold one such pair by chance (an upper-case "SÃO" does not
# match, the pattern needs a C1/Latin-1 punctuation character after the letter).
MOJIBAKE_MIN = 3
_MOJIBAKE = re.compile("[ÃÂ][\u0080-\u00bf]|â€")
# What every marker starts with: a text holding none of these has no marker, and ``in`` finds that
# ten times faster than the regex (which, opening with an alternation, is tried at every position).
_MOJIBAKE_LEADS = ("Ã", "Â", "â€")
# Korean legacy labels all mean the same superset in practice; browsers decode them as CP949.
_ENCODING_ALIASES = {"euc-kr": "cp949", "euc_kr": "cp949", "ks_c_5601-1987": "cp949", "ksc5601": "cp949"}


class SinkRefused(Exception):
    """Raised by a body sink to stop the download; ``reason`` becomes the fetch error."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class BodySink(Protocol):
    """Takes a body chunk by chunk instead of the fetcher holding it (a streamed sitemap)."""

    def reset(self) -> None:
        """Forget what was fed: a new attempt starts."""

    def feed(self, chunk: bytes) -> None:
        """Take the next chunk; raise ``SinkRefused`` to stop the download with its reason."""


def host_allowed(host: str, allowed_domains: tuple[str, ...] | list[str]) -> bool:
    """True when ``host`` is one of ``allowed_domains`` or a subdomain of one."""
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in allowed_domains)


def address_allowed(address: str, host_listed: bool) -> bool:
    """Whether an IP address may be contacted.

    Loopback, private, link-local (cloud metadata lives at 169.254.169.254), multicast, reserved
    and unspecified addresses are refused unless the operator listed the host itself in
    ``allowed_domains`` (``host_listed``): that is how tests name ``127.0.0.1``.
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if host_listed:
        return True
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


def decode_html(content: bytes, header_charset: str | None = None) -> tuple[str, str]:
    """Decode page bytes: BOM, then the HTTP header, then ``<meta charset>``, then a detector.

    A declared encoding is only trusted when the bytes decode under it without error and without
    mojibake markers: headers lie (a CP949 page served as UTF-8, a UTF-8 page declaring
    ISO-8859-1), and the detector settles those. Valid multi-byte UTF-8 beats a single-byte
    declaration. The text is NFC-normalised, which leaves precomposed Hangul syllables as they are.
    """
    for bom, name in _BOMS:
        if content.startswith(bom):
            return _nfc(content.decode(name, errors="replace")), name.replace("-sig", "")
    declared = [name for name in (_codec(header_charset), _codec(_meta_charset(content))) if name]
    if any(_single_byte(name) for name in declared) and _valid_multibyte_utf8(content):
        return _nfc(content.decode("utf-8")), "utf-8"
    for name in declared:
        try:
            text = content.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if _mojibake(text) < MOJIBAKE_MIN:
            return _nfc(text), name
    return _detected(content)


def _detected(content: bytes) -> tuple[str, str]:
    """Decode by the detector (charset-normalizer); when its pick still reads as mojibake, UTF-8
    with the bad bytes replaced (mostly-UTF-8 bytes with a stray byte fool the detector)."""
    best = from_bytes(content[:200_000]).best()
    name = (_codec(best.encoding) if best is not None else None) or "utf-8"
    text = content.decode(name, errors="replace")
    if name != "utf-8" and _mojibake(text) >= MOJIBAKE_MIN:
        as_utf8 = content.decode("utf-8", errors="replace")
        if _mojibake(as_utf8) < MOJIBAKE_MIN:
            return _nfc(as_utf8), "utf-8"
    return _nfc(text), name


def _mojibake(text: str) -> int:
    """How many markers of UTF-8 read as a single-byte charset ``text`` holds."""
    if not any(lead in text for lead in _MOJIBAKE_LEADS):
        return 0
    return len(_MOJIBAKE.findall(text))


def _single_byte(name: str) -> bool:
    """True for a one-byte-per-character charset (ISO-8859-*, windows-125x, ...): it reads the two
    bytes of a UTF-8 "ü" as two characters."""
    try:
        return len(b"\xc3\xbc".decode(name, errors="replace")) == 2
    except LookupError:
        return False


def _valid_multibyte_utf8(content: bytes) -> bool:
    """True when the bytes hold non-ASCII characters and decode as UTF-8 without error: text in a
    single-byte charset almost never does, so such bytes are UTF-8 whatever the page declares."""
    if content.isascii():
        return False
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _codec(label: str | None) -> str | None:
    """Python codec name for an encoding label, or None when unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _ENCODING_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _meta_charset(content: bytes) -> str | None:
    m = _META_CHARSET.search(content[:META_SNIFF_BYTES])
    return m.group(1).decode("ascii", "ignore") if m else None


def _content_type(headers: requests.structures.CaseInsensitiveDict) -> tuple[str, str | None]:
    """(mime type, charset) from a Content-Type header."""
    raw = headers.get("Content-Type", "")
    parts = [p.strip() for p in raw.split(";")]
    mime = parts[0].lower() if parts else ""
    charset = None
    for p in parts[1:]:
        if p.lower().startswith("charset="):
            charset = p.split("=", 1)[1].strip().strip("\"'")
    return mime, charset


def _retry_after(value: str | None, default: float) -> float:
    """Seconds to wait from a Retry-After header (seconds or HTTP date), else ``default``."""
    if not value:
        return default
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
        return max(0.0, (when - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return default


def _session(user_agent: str, pins: PinTable) -> requests.Session:
    """A session whose connections go only to pinned addresses, ignoring proxies in the environment."""
    session = requests.Session()
    session.headers.update(
        {
            "User-Agent": user_agent,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5",
            "Accept-Language": "ko,en;q=0.8",
        }
    )
    session.trust_env = False  # never route a crawl through a proxy from the environment
    for scheme in ("http://", "https://"):
        session.mount(scheme, PinnedAdapter(pins))
    return session


class Fetcher:
    """HTTP client for one outlet: one session, one delay per host, one set of rules.

    ``sleep`` and ``monotonic`` are injectable so tests can run without waiting.
    """

    def __init__(
        self,
        outlet: Outlet,
        crawl: CrawlConfig,
        sleep: Callable[[float], None] = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
        resolve: Callable[[str], list[str]] | None = None,
    ) -> None:
        self.outlet = outlet
        self.crawl = crawl
        self.sleep = sleep
        self.monotonic = monotonic
        self.resolve = resolve or _resolve
        # connections go to the address check_url resolved and checked, never a second lookup
        self.pins = PinTable()
        self.session = _session(crawl.user_agent, self.pins)
        self._last_request: dict[str, float] = {}
        self._host_delay: dict[str, float] = {}

    def close(self) -> None:
        """Release the connection pool."""
        self.session.close()

    def set_host_delay(self, host: str, seconds: float) -> None:
        """Raise the delay for ``host`` (e.g. from robots.txt ``Crawl-delay``)."""
        self._host_delay[host] = max(seconds, self.outlet.delay_seconds)

    def check_url(self, url: str) -> str | None:
        """The reason ``url`` must not be fetched, or None when it may be.

        The URL is read once, as the HTTP client reads it (see :mod:`newsmon.urlcheck`); the
        address checked here is pinned, and the connection goes there (:mod:`newsmon.pinning`).
        """
        try:
            target = parse_target(url)
        except UnsafeURL as exc:
            return exc.reason
        host = target.host
        if not host_allowed(host, self.outlet.allowed_domains):
            return "disallowed_domain"
        listed = host in self.outlet.allowed_domains
        try:
            addresses = self.resolve(host)
        except OSError:
            return "dns_error"
        if not addresses or not all(address_allowed(a, listed) for a in addresses):
            return "blocked_address"
        self.pins.pin(host, addresses[0])
        return None

    def fetch(
        self,
        url: str,
        accept: tuple[str, ...] = HTML_TYPES,
        headers: dict[str, str] | None = None,
        sink: BodySink | None = None,
        max_bytes: int | None = None,
    ) -> Page:
        """GET ``url`` with retries; the Page says what happened.

        ``headers`` are extra request headers (``If-None-Match`` / ``If-Modified-Since``): a 304
        answer is the Page with ``error="not_modified"`` and no body. With ``sink`` the body goes
        to it as it arrives and the Page holds none; ``max_bytes`` replaces ``crawl.max_bytes``.
        """
        opts = _BodyOptions(sink, max_bytes or self.crawl.max_bytes)
        started = self.monotonic()
        fetched_at = datetime.now(UTC)
        attempt = 0
        while True:
            attempt += 1
            if sink is not None:
                sink.reset()
            page = self._fetch_once(url, accept, fetched_at, headers, opts)
            retryable = page.error is not None and (
                (page.status in RETRY_STATUSES) or page.error in ("connection_error", "timeout")
            )
            if not retryable or attempt >= self.crawl.retries:
                page.elapsed_ms = int((self.monotonic() - started) * 1000)
                return page
            wait = self.crawl.backoff_seconds * (2 ** (attempt - 1))
            if page.status == 429 or page.status == 503:
                wait = _retry_after(page.headers.get("Retry-After"), wait)
                if wait > MAX_RETRY_AFTER_SECONDS:
                    page.elapsed_ms = int((self.monotonic() - started) * 1000)
                    page.error = f"{page.error}_retry_after_too_long"
                    return page
            self.sleep(wait)

    def _fetch_once(
        self,
        url: str,
        accept: tuple[str, ...],
        fetched_at: datetime,
        headers: dict[str, str] | None = None,
        opts: _BodyOptions | None = None,
    ) -> Page:
        """One attempt, following redirects by hand so every hop is checked."""
        seen: set[str] = set()
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            reason = self.check_url(current)
            if reason:
                return _failed(url, current, None, fetched_at, reason)
            if current in seen:
                return _failed(url, current, None, fetched_at, "redirect_loop")
            seen.add(current)
            self._wait_turn(urlsplit(current).hostname or "")
            deadline = self.monotonic() + self.crawl.timeout_seconds
            try:
                resp = self.session.get(
                    current,
                    headers=headers,
                    allow_redirects=False,
                    stream=True,
                    timeout=(10.0, self.crawl.timeout_seconds),
                )
            except requests.Timeout:
                return _failed(url, current, None, fetched_at, "timeout")
            except requests.RequestException:
                return _failed(url, current, None, fetched_at, "connection_error")
            with resp:
                if resp.is_redirect and resp.headers.get("Location"):
                    current = urljoin(current, resp.headers["Location"])
                    continue
                opts = opts or _BodyOptions(None, self.crawl.max_bytes)
                return _read(url, current, resp, accept, fetched_at, deadline, opts, self.monotonic)
        return _failed(url, current, None, fetched_at, "too_many_redirects")

    def _wait_turn(self, host: str) -> None:
        """Sleep until this host's delay since our last request to it has passed."""
        delay = self._host_delay.get(host, self.outlet.delay_seconds)
        last = self._last_request.get(host)
        now = self.monotonic()
        if last is not None and now - last < delay:
            self.sleep(delay - (now - last))
        self._last_request[host] = self.monotonic()


def _read(
    url: str,
    final: str,
    resp: requests.Response,
    accept: tuple[str, ...],
    fetched_at: datetime,
    deadline: float,
    opts: _BodyOptions,
    monotonic: Callable[[], float],
) -> Page:
    """Read the body under the size cap and total deadline, then decode it."""
    headers = {k: v for k, v in resp.headers.items()}
    status = resp.status_code
    if status >= 400:
        return _failed(url, final, status, fetched_at, f"http_{status}", headers)
    if status == 304:
        return _failed(url, final, status, fetched_at, "not_modified", headers)
    mime, charset = _content_type(resp.headers)
    if mime and mime not in accept and accept != ANY_TYPE:
        return _failed(url, final, status, fetched_at, f"content_type:{mime}", headers)
    length = resp.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > opts.max_bytes:
        return _failed(url, final, status, fetched_at, "too_large", headers)
    body = _read_body(resp, opts, deadline, monotonic)
    if isinstance(body, str):
        return _failed(url, final, status, fetched_at, body, headers)
    if opts.sink is not None:
        return Page(url=url, final_url=final, status=status, fetched_at=fetched_at, elapsed_ms=0, headers=headers)
    if not body.strip():
        return _failed(url, final, status, fetched_at, "empty_body", headers)
    text, encoding = decode_html(body, charset)
    return Page(
        url=url,
        final_url=final,
        status=status,
        fetched_at=fetched_at,
        elapsed_ms=0,
        headers=headers,
        content=body,
        text=text,
        encoding=encoding,
    )


@dataclass(frozen=True)
class _BodyOptions:
    """Where a body goes (held, or fed to a sink) and how many bytes it may have."""

    sink: BodySink | None
    max_bytes: int


def _read_body(
    resp: requests.Response, opts: _BodyOptions, deadline: float, monotonic: Callable[[], float]
) -> bytes | str:
    """The body (or, with a sink, ``b"x"`` once something was fed), or the reason it failed."""
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            chunk = resp.raw.read1(READ_CHUNK, decode_content=True)
            if not chunk:
                break
            size += len(chunk)
            if size > opts.max_bytes:
                return "too_large"
            if monotonic() > deadline:
                return "timeout"
            if opts.sink is not None:
                opts.sink.feed(chunk)
            else:
                chunks.append(chunk)
    except SinkRefused as exc:
        return exc.reason
    except Exception:  # urllib3/requests raise many types mid-body; all mean "no page"
        return "connection_error"
    if opts.sink is not None:
        return b"x" if size else "empty_body"
    return b"".join(chunks)


def _failed(
    url: str, final: str, status: int | None, fetched_at: datetime, reason: str, headers: dict[str, str] | None = None
) -> Page:
    return Page(
        url=url,
        final_url=final,
        status=status,
        fetched_at=fetched_at,
        elapsed_ms=0,
        headers=headers or {},
        error=reason,
    )


def _resolve(host: str) -> list[str]:
    """All addresses ``host`` resolves to."""
    try:
        ipaddress.ip_address(host.strip("[]"))
        return [host.strip("[]")]
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return sorted({str(info[4][0]) for info in infos})
