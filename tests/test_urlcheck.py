"""One reading of a URL for check and connect; the connection pinned to the checked address.

Every target is on loopback: 127.0.0.1 (listed), 127.0.0.2/127.0.0.3 and [::1] (off the list).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import FixtureSite

from newsmon.config import CrawlConfig
from newsmon.fetch import Fetcher
from newsmon.records import Outlet
from newsmon.urlcheck import UnsafeURL, parse_target

CRAWL = CrawlConfig(retries=1, timeout_seconds=3, obey_robots=False)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.2:80\\@localhost:80/", "ambiguous_url"),
        ("http://169.254.169.254\\@www.asiae.co.kr/a", "ambiguous_url"),
        ("http://user:pw@www.asiae.co.kr/", "userinfo_in_url"),
        ("http://127.0.0.2@localhost/", "userinfo_in_url"),
        ("http://www.asi\tae.co.kr/", "bad_url"),
        ("http://www.asiae.co.kr/\n", "bad_url"),
        ("http://127.1/", "odd_ip_spelling"),
        ("http://0x7f.0.0.1/", "odd_ip_spelling"),
        ("http://2130706433/", "odd_ip_spelling"),
        ("http://0177.0.0.1/", "odd_ip_spelling"),
        ("http://[fe80::1%25lo]/", "bad_url"),
        ("ftp://www.asiae.co.kr/", "bad_url"),
        ("http://www.asiae.co.kr:99999/", "bad_url"),
    ],
)
def test_ambiguous_urls_are_refused(url, reason):
    with pytest.raises(UnsafeURL) as err:
        parse_target(url)
    assert err.value.reason == reason


@pytest.mark.parametrize(
    ("url", "host", "port"),
    [
        ("https://www.asiae.co.kr/article/2025?x=1#f", "www.asiae.co.kr", 443),
        ("HTTP://LocalHost.:8080/a", "localhost", 8080),
        ("http://[::1]:81/", "::1", 81),
        ("http://127.0.0.1/", "127.0.0.1", 80),
    ],
)
def test_plain_urls_parse_to_one_host(url, host, port):
    target = parse_target(url)
    assert (target.host, target.port) == (host, port)


def _fetcher(domains: tuple[str, ...], resolve=None) -> Fetcher:
    return Fetcher(Outlet(name="t", allowed_domains=domains, delay_seconds=0), CRAWL, resolve=resolve)


@pytest.mark.parametrize("off_host", ["127.0.0.2", "::1"])
def test_backslash_userinfo_trick_reaches_no_host_off_the_list(off_host):
    """`http://OFF:P\\@localhost:P/`: the check once read `localhost`, requests connected to OFF."""
    with FixtureSite(root=Path("/nonexistent"), host=off_host) as off, FixtureSite(host="127.0.0.1") as good:
        port = off.server.server_address[1]
        netloc = f"[{off_host}]" if ":" in off_host else off_host
        trick = f"http://{netloc}:{port}\\@localhost:{port}/stolen"
        good.routes["/jump"] = lambda r: _redirect(r, trick)
        fetcher = _fetcher(("localhost",))
        direct = fetcher.fetch(trick)
        via_redirect = _fetcher(("localhost", "127.0.0.1")).fetch(good.base + "/jump")
    assert off.requests == []
    assert direct.error == "ambiguous_url"
    assert via_redirect.error == "ambiguous_url"


def test_connection_goes_to_the_checked_address_not_a_second_lookup():
    """DNS rebinding: the check saw 127.0.0.3; the system resolver says 127.0.0.1 for the connect."""
    with FixtureSite(host="127.0.0.3") as checked:
        port = checked.server.server_address[1]
        with FixtureSite(root=Path("/nonexistent"), host="127.0.0.1", port=port) as rebound:
            page = _fetcher(("localhost",), resolve=lambda host: ["127.0.0.3"]).fetch(
                f"http://localhost:{port}/article/world/2025110309150027461"
            )
    assert rebound.requests == []
    assert checked.requests == ["/article/world/2025110309150027461"]
    assert page.ok, page.error


def test_a_host_never_checked_is_not_connected():
    """A request that skips check_url (a bug elsewhere) is refused by the adapter itself."""
    with FixtureSite() as site:
        fetcher = _fetcher(("127.0.0.1",))
        with pytest.raises(Exception, match="not checked"):
            fetcher.session.get(site.base + "/", timeout=3)
    assert site.requests == []


def _redirect(req, location: str) -> None:
    req.send_response(302)
    req.send_header("Location", location)
    req.send_header("Content-Length", "0")
    req.end_headers()
