"""Webhook receivers that misbehave as production ones do: slow, dripping, endless, gone.

Used by ``tests/test_delivery_faults.py`` and the delivery rows of ``make faults``.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from http.server import ThreadingHTTPServer

from support import _Quiet


class BadReceiver:
    """A webhook that answers as ``mode`` says: slow, drip, endless, gone, or ok after ``delay``."""

    def __init__(self, mode: str, delay: float = 0.0) -> None:
        self.mode, self.delay = mode, delay
        self.received: list[dict] = []  # event alerts (ops notices are kept apart)
        self.notices: list[dict] = []
        self.keys: list[str] = []
        me = self

        class Handler(_Quiet):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
                if body.get("kind") == "ops":
                    me.notices.append(body)
                else:
                    me.received.append(body)
                    me.keys.append(self.headers.get("Idempotency-Key", ""))
                with contextlib.suppress(OSError):  # the sender hung up: what a deadline does
                    me.answer(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def answer(self, req) -> None:
        if self.mode == "slow":  # accepted, but the 200 comes long after the sender's timeout
            time.sleep(self.delay)
            req.send_response(200)
            req.end_headers()
        elif self.mode == "drip":  # a byte every 0.3 s: no single read ever times out
            for byte in b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n" + b"X-Pad: " + b"x" * 200:
                req.wfile.write(bytes([byte]))
                req.wfile.flush()
                time.sleep(0.3)
        elif self.mode == "endless":
            req.send_response(200)
            req.end_headers()
            chunk = b"x" * (1 << 20)
            for _ in range(4096):  # 4 GB if read whole
                req.wfile.write(chunk)
        elif self.mode == "gone":
            req.send_response(410)
            req.send_header("Content-Length", "4")
            req.end_headers()
            req.wfile.write(b"gone")
        else:
            time.sleep(self.delay)
            req.send_response(200)
            req.send_header("Content-Length", "0")
            req.end_headers()

    def __enter__(self) -> BadReceiver:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
