"""A hostile outlet for the fault suite: every way a site can misbehave, on loopback.

``hostile_site()`` returns a FixtureSite whose feed lists good asiae-shaped articles beside one
URL per fault. ``FAULTS`` says, per fault path, the reason the crawl must record for it. A second
server (``OffList``) stands for every host outside ``allowed_domains``: it counts the requests
that reach it, which must stay zero.
"""

from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from support import SITE_DIR, FixtureSite

# Sizes and pacing of the faults; the crawl under test uses max_bytes=2 MB, timeout 3 s.
HUGE_BYTES = 30 * 1024 * 1024
DRIP_SECONDS = 30

GOOD = [
    "/article/world/2025110309150027461",
    "/article/economic-general/2025110710300048213",
    "/en/article/2025111214300052817",
]

# path -> the reason the fetches table must hold for it (None: it must be stored after recovery)
FAULTS: dict[str, str | None] = {
    "/f/500": "http_500",
    "/f/429": None,  # 429 with Retry-After, then the article: honoured, then stored
    "/f/drip": "timeout",
    "/f/huge": "too_large",
    "/f/pdf": "content_type:application/pdf",
    "/f/cp949": None,  # a CP949 page that claims UTF-8: stored with correct Hangul
    "/f/loop": "redirect_loop",
    "/f/offlist": "disallowed_domain",
    "/f/private-addr": "blocked_address",
    "/f/garbage": "no_article_text",
    "/f/empty": "empty_body",
    "/private/f/robots": "robots_disallowed",
}


# extra feeds of the outlet that are not feeds: path -> reason recorded for them
FEED_FAULTS: dict[str, str] = {
    "/f/bomb.xml": "not_a_feed",  # billion laughs: entities are never expanded
    "/f/notxml": "not_a_feed",
}
BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode() for i in range(1, 10)
    )
    + b']><rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>'
)


class OffList(FixtureSite):
    """A server no crawl may reach; it records every request that does."""

    def __init__(self) -> None:
        # 127.0.0.2 is loopback too, but not the listed 127.0.0.1: off the allow-list
        super().__init__(root=Path("/nonexistent"), host="127.0.0.2")


def _send(
    req: BaseHTTPRequestHandler,
    status: int,
    body: bytes,
    ctype: str = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
) -> None:
    req.send_response(status)
    req.send_header("Content-Type", ctype)
    for k, v in (headers or {}).items():
        req.send_header(k, v)
    req.send_header("Content-Length", str(len(body)))
    req.end_headers()
    req.wfile.write(body)


def _article(path: str, base: str) -> bytes:
    file = SITE_DIR / (path.lstrip("/") + ".html")
    return file.read_bytes().replace(b"{{BASE}}", base.encode())


def hostile_site(off_list_base: str) -> FixtureSite:
    """The hostile outlet; redirects that leave the allow-list point at ``off_list_base``."""
    site = FixtureSite()
    base = site.base
    calls = {"429": 0}

    def rss(req):
        links = [*GOOD, *FAULTS]
        items = "".join(f"<item><title>{p}</title><link>{base}{p}</link></item>" for p in links)
        body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>h</title>{items}</channel></rss>'
        _send(req, 200, body.encode(), "text/html; charset=utf-8")

    def too_many(req):
        calls["429"] += 1
        if calls["429"] == 1:
            _send(req, 429, b"slow down", headers={"Retry-After": "1"})
        else:
            page = _article("/article/world/2025110108050019374", base)
            _send(req, 200, page.replace(b"2025110108050019374", b"2025110108050019375"))

    def drip(req):
        req.send_response(200)
        req.send_header("Content-Type", "text/html; charset=utf-8")
        req.send_header("Content-Length", str(DRIP_SECONDS))
        req.end_headers()
        try:
            for _ in range(DRIP_SECONDS):
                req.wfile.write(b"<")
                req.wfile.flush()
                time.sleep(1)
        except OSError:
            pass  # the crawler hung up: what we want

    def huge(req):
        req.send_response(200)
        req.send_header("Content-Type", "text/html; charset=utf-8")
        req.end_headers()  # no Content-Length: only a streaming cap can stop this
        chunk = b"<p>" + b"x" * (64 * 1024) + b"</p>"
        sent = 0
        try:
            while sent < HUGE_BYTES:
                req.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            pass

    def cp949(req):
        legacy = SITE_DIR / "article" / "2016" / "2016061813385889015.cp949.html"
        _send(req, 200, legacy.read_bytes(), "text/html; charset=utf-8")

    site.routes.update(
        {
            "/hostile/rss.htm": rss,
            "/robots.txt": lambda r: _send(r, 200, b"User-agent: *\nDisallow: /private/\n", "text/plain"),
            "/f/bomb.xml": lambda r: _send(r, 200, BOMB, "application/rss+xml"),
            "/f/notxml": lambda r: _send(r, 200, b"\x89PNG\r\n\x1a\n not a feed at all", "application/xml"),
            "/f/500": lambda r: _send(r, 500, b"boom"),
            "/f/429": too_many,
            "/f/drip": drip,
            "/f/huge": huge,
            "/f/pdf": lambda r: _send(r, 200, b"%PDF-1.7\n" + b"\x00" * 1000, "application/pdf"),
            "/f/cp949": cp949,
            "/f/loop": lambda r: _send(r, 302, b"", headers={"Location": "/f/loop2"}),
            "/f/loop2": lambda r: _send(r, 302, b"", headers={"Location": "/f/loop"}),
            "/f/offlist": lambda r: _send(r, 302, b"", headers={"Location": off_list_base + "/stolen"}),
            "/f/private-addr": lambda r: _send(r, 302, b"", headers={"Location": "http://169.254.169.254/latest/"}),
            "/f/garbage": lambda r: _send(r, 200, bytes(range(256)) * 40),
            "/f/empty": lambda r: _send(r, 200, b""),
            "/private/f/robots": lambda r: _send(r, 200, _article(GOOD[0], base)),
        }
    )
    return site
