"""Local servers for tests and the demo: the fixture outlet site and an alert webhook receiver.

Loopback only. The fixture site serves ``tests/fixtures/site/`` with ``{{BASE}}`` replaced by its
own origin; a path without an extension maps to ``<path>.html`` (or ``<path>.cp949.html``, served
as raw bytes under a lying ``charset=utf-8`` header, like a legacy page behind a modern proxy).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

SITE_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "site"
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
}


class _Quiet(BaseHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class FixtureSite:
    """The offline asiae-shaped outlet, served from a thread on 127.0.0.1."""

    def __init__(
        self, root: Path = SITE_DIR, routes: dict[str, Callable] | None = None, host: str = "127.0.0.1"
    ) -> None:
        self.root = root
        self.routes = dict(routes or {})  # path -> handler(request) for special cases
        self.requests: list[str] = []
        self.overrides: dict[str, bytes] = {}  # path -> body, to simulate an edited page
        site = self

        class Handler(_Quiet):
            def do_GET(self):
                path = urlsplit(self.path).path
                site.requests.append(path)
                if path in site.routes:
                    site.routes[path](self)
                    return
                found = site.resolve(path)
                if found is None:
                    self.send_response(404)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.end_headers()
                    self.wfile.write(b"<html><body>not found</body></html>")
                    return
                body, ctype = found
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://{host}:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def resolve(self, path: str) -> tuple[bytes, str] | None:
        """(body, content type) for a URL path, or None for a 404."""
        if path in self.overrides:
            return self.overrides[path], TYPES[".html"]
        rel = path.lstrip("/")
        if not rel or ".." in Path(rel).parts:
            return None
        candidate = self.root / rel
        if Path(rel).suffix:
            if candidate.is_file():
                return self._render(candidate), TYPES.get(candidate.suffix, "application/octet-stream")
            return None
        html = candidate.with_name(candidate.name + ".html")
        if html.is_file():
            return self._render(html), TYPES[".html"]
        legacy = candidate.with_name(candidate.name + ".cp949.html")
        if legacy.is_file():
            return legacy.read_bytes(), TYPES[".html"]  # raw CP949 under a header that says UTF-8
        return None

    def _render(self, path: Path) -> bytes:
        return path.read_bytes().replace(b"{{BASE}}", self.base.encode())

    def __enter__(self) -> FixtureSite:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


class WebhookReceiver:
    """An HTTP endpoint that records every JSON POST; ``fail_next`` makes it answer ``fail_status``."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        self.headers: list[dict] = []
        self.fail_next = 0
        self.fail_status = 503
        self.attempts = 0
        receiver = self

        class Handler(_Quiet):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                data = self.rfile.read(length)
                receiver.attempts += 1
                if receiver.fail_next > 0:
                    receiver.fail_next -= 1
                    self.send_response(receiver.fail_status)
                    self.end_headers()
                    return
                receiver.received.append(json.loads(data))
                receiver.headers.append(dict(self.headers))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"ok":true}')

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> WebhookReceiver:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def write_config(
    path: Path, site_base: str, webhook_url: str | None, endpoint_url: str, bucket: str = "newsmon", **outlet_extra
) -> Path:
    """A config for the fixture outlet: its feed, its robots.txt sitemaps, loopback allowed."""
    outlet = {
        "name": "asiae",
        "profile": "asiae",
        "feeds": [f"{site_base}/rss/all.htm"],
        "robots_sitemaps": True,
        "allowed_domains": ["127.0.0.1"],
        "delay_seconds": 0,
        **outlet_extra,
    }
    cfg = {
        "storage": {"endpoint_url": endpoint_url, "bucket": bucket},
        "crawl": {"timeout_seconds": 10, "retries": 2, "backoff_seconds": 0.05},
        "outlets": [outlet],
        "alerts": [{"type": "webhook", "url": webhook_url}] if webhook_url else [],
    }
    path.write_text(json.dumps(cfg, indent=1))  # JSON is YAML
    return path
