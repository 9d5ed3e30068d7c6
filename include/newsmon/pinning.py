"""A requests transport adapter that connects only to addresses the crawler checked.

The allow-list resolves a host and checks every address; a second resolution by the HTTP client
could answer differently (DNS rebinding: a short TTL, a public address for the check, 127.0.0.1 or
169.254.169.254 for the connect). So the client never resolves: the check records
``host -> address`` in a :class:`PinTable` and the adapter's connections open their socket to that
address. The URL, the ``Host`` header, TLS SNI and certificate checks keep the name; a host with no
pin is refused before any packet is sent.
"""

from __future__ import annotations

import threading

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import NewConnectionError


class PinTable:
    """Checked address per host, shared by the fetcher (writes) and its connections (reads)."""

    def __init__(self) -> None:
        self._pins: dict[str, str] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _norm(host: str) -> str:
        return host.strip("[]").lower().rstrip(".")

    def pin(self, host: str, address: str) -> None:
        """Record that ``host`` was checked and may be reached at ``address``."""
        with self._lock:
            self._pins[self._norm(host)] = address

    def get(self, host: str) -> str | None:
        """The checked address of ``host``, or None when it was never checked."""
        with self._lock:
            return self._pins.get(self._norm(host))


class _Pinned:
    """Mixin for urllib3 connections: open the socket to the pinned address of ``self.host``."""

    pins: PinTable

    def _new_conn(self):
        address = self.pins.get(self.host)
        if address is None:
            raise NewConnectionError(self, f"refused: {self.host} was not checked by the allow-list")
        name = self._dns_host
        self._dns_host = address  # only the socket uses it; host, SNI and Host keep the name
        try:
            return super()._new_conn()
        finally:
            self._dns_host = name


def _pool_classes(pins: PinTable) -> dict[str, type]:
    """HTTP and HTTPS pool classes whose connections are pinned to ``pins``."""
    conn = type("PinnedHTTPConnection", (_Pinned, HTTPConnection), {"pins": pins})
    sconn = type("PinnedHTTPSConnection", (_Pinned, HTTPSConnection), {"pins": pins})
    return {
        "http": type("PinnedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": conn}),
        "https": type("PinnedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": sconn}),
    }


class PinnedAdapter(HTTPAdapter):
    """An HTTPAdapter whose pools connect to the addresses in ``pins`` and nowhere else."""

    def __init__(self, pins: PinTable, **kwargs) -> None:
        self.pins = pins
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs) -> None:
        """Build the pool manager, then swap in the pinned pool classes."""
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _pool_classes(self.pins)

    def proxy_manager_for(self, proxy, **proxy_kwargs):
        """Never: a proxy would resolve the name itself."""
        raise NewConnectionError(None, "refused: a crawl never goes through a proxy")
