"""One HTTP POST to a receiver, bounded in time and memory, with a clear outcome.

``requests``' ``timeout`` bounds each socket operation, not the request: a receiver that drips
its answer a byte every two seconds held a run for 150 s under ``timeout_seconds: 10``, and an
endless answer body was read whole (2.5 GB). Here:

* the whole attempt (connect, send, answer headers) has one deadline: a watchdog shuts the
  socket down when it passes, whatever the receiver does;
* at most ``ANSWER_MAX_BYTES`` of the answer body are read, as a stream, then the connection is
  dropped;
* the outcome says what we know: accepted (2xx); :class:`NotDelivered` (no connection, or an
  answer saying "try again": 408, 429, 5xx, 3xx); :class:`AnswerUnknown` (the request may have
  arrived, no answer came in time: retrying may duplicate, so the caller retries with the same
  ``Idempotency-Key`` and only a few times); :class:`Refused` (any other 4xx: retrying will not
  help, the caller parks the message and tells ops).
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

# Bytes of a receiver's answer read at most: an error text fits; an endless body is cut off.
ANSWER_MAX_BYTES = 64 * 1024
# 4xx answers that mean "later", not "never" (RFC 9110 408 Request Timeout, RFC 6585 429).
RETRYABLE_4XX = frozenset({408, 429})


class NotDelivered(RuntimeError):
    """The receiver did not get the message, or told us to try again."""


class AnswerUnknown(RuntimeError):
    """The message may have been received; no answer came before the deadline."""


class Refused(RuntimeError):
    """The receiver refused the message for good (4xx other than 408/429)."""

    def __init__(self, status: int, text: str) -> None:
        super().__init__(f"HTTP {status} (refused{': ' + text if text else ''})")
        self.status = status


class _Watch:
    """The sockets of one attempt; ``fire`` shuts them down (the attempt's deadline passed)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._socks: list[socket.socket] = []
        self.fired = False
        self.connected = False

    def add(self, sock: socket.socket) -> None:
        with self._lock:
            self._socks.append(sock)
            self.connected = True
            if self.fired:
                _shutdown(sock)

    def fire(self) -> None:
        with self._lock:
            self.fired = True
            for sock in self._socks:
                _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


class _Watched:
    """Mixin for urllib3 connections: hand each new socket to the attempt's watch."""

    watch: _Watch

    def _new_conn(self):
        sock = super()._new_conn()
        self.watch.add(sock)
        return sock


def _pools(watch: _Watch) -> dict[str, type]:
    conn = type("WatchedHTTPConnection", (_Watched, HTTPConnection), {"watch": watch})
    sconn = type("WatchedHTTPSConnection", (_Watched, HTTPSConnection), {"watch": watch})
    return {
        "http": type("WatchedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": conn}),
        "https": type("WatchedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": sconn}),
    }


class _WatchedAdapter(HTTPAdapter):
    """An adapter whose connections (direct or through a proxy) are watched."""

    def __init__(self, watch: _Watch) -> None:
        self.watch = watch
        super().__init__(max_retries=0)

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _pools(self.watch)

    def proxy_manager_for(self, proxy, **proxy_kwargs):
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = _pools(self.watch)
        return manager


class SocketDeadline:
    """A total deadline for a conversation on one socket (SMTP): when it passes, the socket
    ``current()`` returns is shut down, so a server that drips its answers cannot hold a pass.

    ``smtplib`` only has a timeout per read, which a byte every few seconds never reaches.
    """

    def __init__(self, seconds: float, current: Callable[[], socket.socket | None]) -> None:
        self.current = current
        self.fired = False
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def _fire(self) -> None:
        self.fired = True
        sock = self.current()
        if sock is not None:
            _shutdown(sock)

    def __enter__(self) -> SocketDeadline:
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()


def post(url: str, body: bytes, headers: dict[str, str], deadline_seconds: float) -> int:
    """POST ``body``; the 2xx status, or NotDelivered / AnswerUnknown / Refused."""
    watch = _Watch()
    timer = threading.Timer(deadline_seconds, watch.fire)
    timer.daemon = True
    with requests.Session() as session:
        adapter = _WatchedAdapter(watch)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        timer.start()
        try:
            status, text = _exchange(session, url, body, headers, deadline_seconds, watch)
        finally:
            timer.cancel()
    if 200 <= status < 300:
        return status
    if 400 <= status < 500 and status not in RETRYABLE_4XX:
        raise Refused(status, text)
    raise NotDelivered(f"HTTP {status}")


def _exchange(session, url, body, headers, deadline_seconds, watch: _Watch) -> tuple[int, str]:
    """(status, the first bytes of the answer) of one POST under the watch."""
    try:
        resp = session.post(
            url, data=body, headers=headers, timeout=deadline_seconds, allow_redirects=False, stream=True
        )
    except requests.RequestException as exc:
        if watch.connected:  # the request may have gone out: we cannot know
            raise AnswerUnknown(f"no answer within {deadline_seconds:g} s") from exc
        raise NotDelivered(f"cannot connect ({type(exc).__name__})") from exc
    with resp:
        try:
            head = resp.raw.read(ANSWER_MAX_BYTES, decode_content=False) or b""
        except Exception:  # a broken or dripping answer body: the status is what counts
            head = b""
    return resp.status_code, head[:200].decode("utf-8", "replace").strip()
