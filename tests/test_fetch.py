"""Fetch: allow-list, address policy, encodings, retries, caps, content types (loopback only)."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

import pytest
from support import FixtureSite

from newsmon.config import CrawlConfig
from newsmon.fetch import Fetcher, address_allowed, decode_html, host_allowed
from newsmon.records import Outlet

KOREAN = "미국과 중국은 군사 소통 채널을 복원하기로 합의했다. 대만 문제는 여전히 갈등이다."


@pytest.mark.parametrize(
    ("address", "listed", "ok"),
    [
        ("93.184.216.34", False, True),
        ("127.0.0.1", False, False),
        ("127.0.0.1", True, True),
        ("10.1.2.3", False, False),
        ("172.16.5.4", False, False),
        ("192.168.1.1", False, False),
        ("169.254.169.254", False, False),  # cloud metadata
        ("224.0.0.1", False, False),  # multicast
        ("0.0.0.0", False, False),
        ("::1", False, False),
        ("fe80::1", False, False),
        ("::ffff:10.0.0.1", False, False),
        ("2606:4700::1111", False, True),
        ("not-an-ip", True, False),
    ],
)
def test_address_policy(address, listed, ok):
    assert address_allowed(address, listed) is ok


def test_host_allow_list_includes_subdomains_only():
    assert host_allowed("www.asiae.co.kr", ["asiae.co.kr"])
    assert host_allowed("asiae.co.kr", ["asiae.co.kr"])
    assert not host_allowed("evilasiae.co.kr", ["asiae.co.kr"])
    assert not host_allowed("asiae.co.kr.evil.com", ["asiae.co.kr"])


def test_decode_cp949_page_that_claims_utf8():
    raw = f"<html><head><meta charset='utf-8'></head><body><p>{KOREAN}</p></body></html>".encode("cp949")
    text, enc = decode_html(raw, "utf-8")
    assert KOREAN in text
    assert enc in ("cp949", "euc_kr", "johab") or "949" in enc or "kr" in enc


def test_decode_bom_then_header_then_meta():
    assert decode_html(b"\xef\xbb\xbf<p>caf\xc3\xa9</p>", "latin-1")[0].endswith("café</p>")
    assert "café" in decode_html("<p>café</p>".encode("latin-1"), "iso-8859-1")[0]
    meta = "<meta charset='euc-kr'><p>" + KOREAN + "</p>"
    assert KOREAN in decode_html(meta.encode("cp949"), None)[0]


def _fetcher(domains=("127.0.0.1",), **crawl) -> Fetcher:
    outlet = Outlet(name="t", allowed_domains=tuple(domains), delay_seconds=0)
    sleeps: list[float] = []
    f = Fetcher(
        outlet,
        CrawlConfig(**{"retries": 3, "backoff_seconds": 0.01, "timeout_seconds": 5, **crawl}),
        sleep=sleeps.append,
    )
    f.sleeps = sleeps
    return f


def _route(status=200, body=b"<html><body><p>hello</p></body></html>", ctype="text/html; charset=utf-8", headers=None):
    def handler(req: BaseHTTPRequestHandler):
        req.send_response(status)
        req.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            req.send_header(k, v)
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body)

    return handler


def test_fetch_records_reasons_for_bad_responses():
    calls = {"n": 0}

    def flaky(req):
        calls["n"] += 1
        if calls["n"] == 1:
            return _route(429, b"slow down", headers={"Retry-After": "2"})(req)
        return _route()(req)

    routes = {
        "/pdf": _route(ctype="application/pdf", body=b"%PDF-1.4"),
        "/big": _route(body=b"<p>" + b"x" * 5000 + b"</p>"),
        "/err": _route(500, b"boom"),
        "/flaky": flaky,
        "/out": _route(302, b"", headers={"Location": "http://169.254.169.254/latest/meta-data"}),
        "/loop": _route(302, b"", headers={"Location": "/loop2"}),
        "/loop2": _route(302, b"", headers={"Location": "/loop"}),
        "/ok": _route(),
    }
    with FixtureSite(routes=routes) as site:
        f = _fetcher(max_bytes=2048)
        assert f.fetch(site.base + "/ok").ok
        assert f.fetch(site.base + "/pdf").error == "content_type:application/pdf"
        assert f.fetch(site.base + "/big").error == "too_large"
        err = f.fetch(site.base + "/err")
        assert err.error == "http_500" and site.requests.count("/err") == 3  # retried, then recorded
        flaky_page = f.fetch(site.base + "/flaky")
        assert flaky_page.ok and 2.0 in f.sleeps  # Retry-After honoured
        assert f.fetch(site.base + "/out").error == "disallowed_domain"
        assert f.fetch(site.base + "/loop").error == "redirect_loop"
        assert f.fetch(site.base + "/missing").error == "http_404"


def test_loopback_refused_unless_listed():
    with FixtureSite(routes={"/ok": _route()}) as site:
        port = site.base.rsplit(":", 1)[1]
        f = _fetcher(domains=("example.com",))
        f.resolve = lambda host: ["127.0.0.1"]  # an allowed subdomain that resolves to loopback
        assert f.fetch(f"http://news.example.com:{port}/ok").error == "blocked_address"
        assert site.requests == []  # nothing was sent


def test_per_host_delay_is_kept():
    with FixtureSite(routes={"/ok": _route()}) as site:
        f = Fetcher(Outlet(name="t", allowed_domains=("127.0.0.1",), delay_seconds=1.5), CrawlConfig())
        waits: list[float] = []
        f.sleep = waits.append
        f.fetch(site.base + "/ok")
        f.fetch(site.base + "/ok")
        assert len(waits) == 1 and 1.0 < waits[0] <= 1.5
