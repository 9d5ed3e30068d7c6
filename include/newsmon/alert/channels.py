"""Send alerts: webhook (JSON POST per event), Slack (incoming webhook, Block Kit), email (SMTP).

Webhook and Slack are one HTTPS POST each, so ``requests`` carries them (through
:mod:`newsmon.alert.transport`: one deadline per attempt, a capped answer read, and an outcome that
tells "not delivered" from "unknown" from "refused for good"): the ledger needs the exact answer,
which a do-everything notifier would hide. Email uses the standard library's
``smtplib`` + ``email.message`` under one total deadline per attempt (STARTTLS or TLS, login, a
plain-text and an HTML part, UTF-8 headers), which is what Airflow's own SMTP provider wraps too. A
sender raises on anything but "accepted"; the caller then retries or parks the message.
"""

from __future__ import annotations

import json
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import make_msgid

from newsmon.alert import message, transport
from newsmon.config import AlertChannel


def _post(channel: AlertChannel, body: dict, headers: dict[str, str] | None = None) -> None:
    """One POST under the channel's deadline (connect + answer); raises unless accepted (2xx)."""
    if not channel.url:
        raise RuntimeError(f"{channel.name}: no url (conn_id {channel.conn_id!r} is resolved only under Airflow)")
    transport.post(
        channel.url,
        json.dumps(body, ensure_ascii=False).encode("utf-8"),
        {"Content-Type": "application/json; charset=utf-8", **(headers or {})},
        channel.timeout_seconds,
    )


def send_webhook(channel: AlertChannel, payloads: list[dict]) -> None:
    """One POST per event (the stable contract), or one ``{"digest": true, "events": [...]}``."""
    if len(payloads) == 1:
        _post(channel, payloads[0], {"Idempotency-Key": payloads[0]["id"]})
    else:
        digest_id = "digest-" + "-".join(sorted(p["id"][:8] for p in payloads))[:120]
        _post(channel, {"digest": True, "count": len(payloads), "events": payloads}, {"Idempotency-Key": digest_id})


def send_slack(channel: AlertChannel, payloads: list[dict]) -> None:
    """One Block Kit message to a Slack incoming webhook."""
    _post(channel, message.slack_message(payloads))


def build_mail(channel: AlertChannel, payloads: list[dict]) -> EmailMessage:
    """The MIME message: plain text first, HTML alternative, UTF-8 throughout."""
    msg = EmailMessage()
    msg["Subject"] = message.mail_subject(payloads)
    msg["From"] = channel.sender
    msg["To"] = ", ".join(channel.to)
    msg["Message-ID"] = make_msgid(domain=channel.sender.rsplit("@", 1)[-1])
    if len(payloads) == 1:
        msg["X-Newsmon-Alert-Id"] = payloads[0]["id"]
    msg.set_content(message.mail_text(payloads), charset="utf-8")
    msg.add_alternative(message.mail_html(payloads), subtype="html", charset="utf-8")
    return msg


def send_email(channel: AlertChannel, payloads: list[dict]) -> None:
    """Deliver one mail over SMTP; STARTTLS (or implicit TLS) and login as configured."""
    send_mail_message(channel, build_mail(channel, payloads))


def send_mail_message(channel: AlertChannel, msg: EmailMessage) -> None:
    """Connect, secure, log in and send ``msg``; raises unless every recipient was accepted."""
    if not channel.host:
        raise RuntimeError(f"{channel.name}: no SMTP host (conn_id {channel.conn_id!r} is resolved only under Airflow)")
    context = ssl.create_default_context(cafile=channel.ca_file) if channel.tls != "none" else None
    cls = smtplib.SMTP_SSL if channel.tls == "ssl" else smtplib.SMTP
    kwargs = {"context": context} if channel.tls == "ssl" else {}
    smtp = cls(timeout=channel.timeout_seconds, **kwargs)  # not connected yet: the deadline watches it
    # the name TLS checks the certificate against; SMTP(host) sets it, connect() alone does not (3.11)
    smtp._host = channel.host
    deadline = transport.SocketDeadline(channel.timeout_seconds, lambda: getattr(smtp, "sock", None))
    with deadline, smtp:
        smtp.connect(channel.host, channel.port)
        if deadline.fired:  # it passed while connecting, before there was a socket to shut
            raise TimeoutError(f"SMTP: no answer within {channel.timeout_seconds:g} s")
        if channel.tls == "starttls":
            smtp.starttls(context=context)
        if channel.username is not None:
            smtp.login(channel.username, channel.password or "")
        refused = smtp.send_message(msg)
    if refused:
        raise RuntimeError(f"SMTP refused {', '.join(sorted(refused))}")


SENDERS = {"webhook": send_webhook, "slack": send_slack, "email": send_email}


def send(channel: AlertChannel, payloads: list[dict]) -> None:
    """Send one message (one event, or a digest of several) on ``channel``."""
    SENDERS[channel.type](channel, payloads)


def send_ops(channel: AlertChannel, subject: str, lines: list[str], fields: dict | None = None) -> None:
    """An operations notice (a failed task, an outlet gone quiet) on ``channel``, as plain text.

    Webhooks get ``{"type": "ops", "kind": "ops", "subject", "lines", **fields}``: event alerts
    carry ``kind: agreement|dispute``, so one switch on ``kind`` routes both.
    """
    text = "\n".join(lines)
    if channel.type == "webhook":
        _post(channel, {**(fields or {}), "type": "ops", "kind": "ops", "subject": subject, "lines": lines})
    elif channel.type == "slack":
        esc = message.slack_plain
        body = "```" + esc(text).replace("```", "ʹʹʹ")[: message.SLACK_TEXT_CHARS] + "```"
        _post(
            channel,
            {
                "text": esc(subject),
                "blocks": [
                    {
                        "type": "header",
                        "text": {
                            "type": "plain_text",
                            "text": message.slack_plain(subject)[: message.SLACK_HEADER_CHARS],
                        },
                    },
                    {"type": "section", "text": {"type": "mrkdwn", "text": body}},
                ],
            },
        )
    else:
        msg = EmailMessage()
        msg["Subject"] = " ".join(subject.split())[:200]
        msg["From"] = channel.sender
        msg["To"] = ", ".join(channel.to)
        msg.set_content(text, charset="utf-8")
        send_mail_message(channel, msg)
