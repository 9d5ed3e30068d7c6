"""An SMTP server that drips its answers cannot hold the alert pass past the channel's deadline."""

from __future__ import annotations

import socket
import threading
import time

from newsmon.alert.channels import send_email
from newsmon.config import AlertChannel

DEADLINE = 2.0
PAYLOAD = {
    "id": "k1",
    "story": "s",
    "topic": "taiwan",
    "kind": "dispute",
    "change": False,
    "title": "t",
    "url": "https://a.example/1",
    "outlet": "o",
    "outlets": ["o"],
    "evidence": "e",
    "confidence": 0.5,
    "terms": [],
    "actors": [],
    "article_id": "o-1",
    "published_at": None,
}


class DrippingSMTP:
    """Accepts, then sends its greeting one byte every 0.3 s and never finishes the line."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        conn, _ = self.sock.accept()
        with conn:
            for byte in b"220 slow.example ESMTP " * 1000:
                if self.stop.is_set():
                    return
                try:
                    conn.send(bytes([byte]))
                except OSError:
                    return
                time.sleep(0.3)

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


def test_a_dripping_smtp_server_is_cut_off_at_the_deadline():
    server = DrippingSMTP()
    channel = AlertChannel(
        type="email",
        name="mail",
        host="127.0.0.1",
        port=server.port,
        tls="none",
        sender="n@a.example",
        to=("a@a.example",),
        timeout_seconds=DEADLINE,
    )
    outcome: list[BaseException | None] = []

    def attempt() -> None:
        try:
            send_email(channel, [PAYLOAD])
            outcome.append(None)
        except BaseException as exc:  # handed to the test thread below
            outcome.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    started = time.monotonic()
    worker.start()
    worker.join(DEADLINE + 3)  # per-read timeouts alone would wait for the whole drip (~7 min)
    elapsed = time.monotonic() - started
    server.close()
    assert not worker.is_alive(), f"still talking to the dripping server after {elapsed:.1f} s"
    assert isinstance(outcome[0], OSError)  # smtplib's errors are OSErrors: not delivered, retried later
