"""Alert receivers for tests, on loopback: a Slack-compatible incoming webhook and an SMTP server.

The Slack receiver answers like Slack's incoming webhooks: ``200 ok`` for a valid Block Kit body,
``400 invalid_blocks`` for one Slack would reject (header over 150 chars, section text over 3000,
more than 50 blocks, mrkdwn in a header). The SMTP server is aiosmtpd with STARTTLS required and
AUTH LOGIN/PLAIN checked, on a self-signed certificate made for 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import ssl
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import ThreadingHTTPServer
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from support import _Quiet

from newsmon import embedded


def _block_problem(body: dict) -> str | None:
    """Why Slack would reject this body, or None."""
    blocks = body.get("blocks")
    if not isinstance(body.get("text"), str) or not isinstance(blocks, list) or not blocks:
        return "invalid_payload"
    if len(blocks) > 50:
        return "invalid_blocks"
    for b in blocks:
        if b.get("type") == "header":
            t = b.get("text", {})
            if t.get("type") != "plain_text" or not 0 < len(t.get("text", "")) <= 150:
                return "invalid_blocks"
        elif b.get("type") == "section":
            texts = [b["text"]] if "text" in b else b.get("fields", [])
            if not texts or any(len(t.get("text", "")) > 3000 or t.get("type") != "mrkdwn" for t in texts):
                return "invalid_blocks"
        elif b.get("type") != "context":
            return "invalid_blocks"
    return None


class SlackReceiver:
    """A Slack-compatible incoming webhook; ``fail_next`` answers 500."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        self.rejected: list[str] = []
        self.fail_next = 0
        receiver = self

        class Handler(_Quiet):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
                if receiver.fail_next > 0:
                    receiver.fail_next -= 1
                    status, answer = 500, b"internal_error"
                else:
                    problem = _block_problem(body)
                    status, answer = (400, problem.encode()) if problem else (200, b"ok")
                    if problem:
                        receiver.rejected.append(problem)
                    else:
                        receiver.received.append(body)
                self.send_response(status)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(answer)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/services/T000/B000/XXXX"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> SlackReceiver:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def self_signed(directory: Path) -> tuple[Path, Path]:
    """A certificate and key for 127.0.0.1, valid for a day."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "smtp.crt", directory / "smtp.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


class SmtpReceiver:
    """aiosmtpd on 127.0.0.1: STARTTLS required, AUTH checked; ``fail_next`` answers 451."""

    USER, PASSWORD = "newsmon", "s3cret-smtp"

    def __init__(self, directory: Path) -> None:
        self.messages: list[EmailMessage] = []
        self.fail_next = 0
        self.cert, key = self_signed(directory)
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(self.cert, key)
        receiver = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                if receiver.fail_next > 0:
                    receiver.fail_next -= 1
                    return "451 4.3.0 try again later"
                if not session.authenticated:
                    return "530 5.7.0 authentication required"
                receiver.messages.append(message_from_bytes(envelope.content, policy=policy.default))
                return "250 OK"

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = auth_data.login == self.USER.encode() and auth_data.password == self.PASSWORD.encode()
            return AuthResult(success=ok)

        (self.port,) = embedded.free_ports(1)
        self.controller = Controller(
            Handler(),
            hostname="127.0.0.1",
            port=self.port,
            tls_context=ctx,
            require_starttls=True,
            authenticator=authenticator,
            auth_required=True,
        )

    def __enter__(self) -> SmtpReceiver:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()
