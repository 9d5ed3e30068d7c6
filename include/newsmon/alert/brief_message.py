"""What a morning brief says: grouped by topic and story, rendered for JSON, Slack and mail.

Article text is escaped by the helpers of :mod:`newsmon.alert.message` (Slack mrkdwn, HTML),
so a brief can no more inject markup or mentions than a single alert can.
"""

from __future__ import annotations

import html
from email.message import EmailMessage
from email.utils import make_msgid

from newsmon.alert import message
from newsmon.alert.channels import _post, send_mail_message
from newsmon.config import AlertChannel


def grouped(brief: dict) -> list[dict]:
    """``[{topic, stories: [{story, headline, url, outlets, events: [...]}]}]`` in a stable order."""
    topics: dict[str, dict[str, dict]] = {}
    for e in brief["events"]:
        story = topics.setdefault(e["topic"], {}).setdefault(
            e["story"], {"story": e["story"], "headline": e["title"], "url": e["url"], "outlets": [], "events": []}
        )
        story["outlets"] = sorted(set(story["outlets"]) | set(e.get("outlets") or [e["outlet"]]))
        story["events"].append(
            {
                k: e.get(k)
                for k in ("id", "kind", "change", "previous_kind", "evidence", "terms", "confidence", "url", "outlet")
            }
        )
    return [{"topic": t, "stories": list(s.values())} for t, s in sorted(topics.items())]


def flips(brief: dict) -> list[dict]:
    """The label flips of the brief: a story's kind on a topic changed since the channel last heard."""
    return [
        {
            "story": e["story"],
            "topic": e["topic"],
            "headline": e["title"],
            "before": e["previous_kind"],
            "after": e["kind"],
        }
        for e in brief["events"]
        if e.get("change")
    ]


def webhook_body(brief: dict) -> dict:
    """The JSON a webhook gets: ``type``/``kind`` ``brief``, the groups and the flips."""
    return {
        "type": "brief",
        "kind": "brief",
        "id": brief["id"],
        "channel": brief["channel"],
        "day": brief["day"],
        "tz": brief["tz"],
        "count": len(brief["events"]),
        "topics": grouped(brief),
        "flips": flips(brief),
    }


def subject(brief: dict) -> str:
    """One line naming the day and the count."""
    n = len(brief["events"])
    return f"newsmon morning brief {brief['day']}: {n} event{'s' if n != 1 else ''}"


def slack_body(brief: dict) -> dict:
    """Block Kit: a header, a section per story under a context line per topic, flips last."""
    blocks: list[dict] = [{"type": "header", "text": {"type": "plain_text", "text": subject(brief)}}]
    for group in grouped(brief):
        blocks.append(
            {"type": "context", "elements": [{"type": "mrkdwn", "text": f"*{message.slack_escape(group['topic'])}*"}]}
        )
        for s in group["stories"]:
            lines = [
                f"*{message.slack_escape(' '.join(s['headline'].split()))}* "
                f"({message.slack_escape(', '.join(s['outlets']))})"
            ]
            for e in s["events"]:
                flip = f" (was {e['previous_kind']})" if e.get("change") else ""
                lines.append(
                    f"`{e['kind']}{flip}` {e['confidence']:.2f} > "
                    f"{message.highlight_slack(e['evidence'], e['terms'] or [])}"
                )
            if message.slack_link(s["url"]):
                lines.append(message.slack_link(s["url"]))
            blocks.append(
                {"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(lines)[: message.SLACK_TEXT_CHARS]}}
            )
    if len(blocks) > message.SLACK_MAX_BLOCKS:
        rest = len(blocks) - message.SLACK_MAX_BLOCKS + 1
        blocks = blocks[: message.SLACK_MAX_BLOCKS - 1]
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": f"and {rest} more"}]})
    return {"text": subject(brief), "blocks": blocks}


def mail_text(brief: dict) -> str:
    """The plain-text part."""
    out = [subject(brief), ""]
    for group in grouped(brief):
        out.append(f"== {group['topic']} ==")
        for s in group["stories"]:
            out.append(f"* {' '.join(s['headline'].split())} ({', '.join(s['outlets'])})")
            for e in s["events"]:
                flip = f" (was {e['previous_kind']})" if e.get("change") else ""
                out.append(
                    f"  {e['kind']}{flip} {e['confidence']:.2f}: "
                    f"{message.highlight_text(e['evidence'], e['terms'] or [])}"
                )
            out.append(f"  {s['url']}")
        out.append("")
    return "\n".join(out)


def mail_html(brief: dict) -> str:
    """The HTML part, every piece of article text escaped."""
    parts = [f"<h2>{html.escape(subject(brief))}</h2>"]
    for group in grouped(brief):
        parts.append(f"<h3>{html.escape(group['topic'])}</h3>")
        for s in group["stories"]:
            url = s["url"] if s["url"].startswith(("http://", "https://")) else ""
            head = html.escape(" ".join(s["headline"].split()))
            head = f'<a href="{html.escape(url, quote=True)}">{head}</a>' if url else head
            parts.append(f"<p><b>{head}</b> ({html.escape(', '.join(s['outlets']))})</p>")
            for e in s["events"]:
                flip = f" (was {html.escape(e['previous_kind'])})" if e.get("change") else ""
                parts.append(
                    f"<blockquote>{html.escape(e['kind'])}{flip} {e['confidence']:.2f}: "
                    f"{message.highlight_html(e['evidence'], e['terms'] or [])}</blockquote>"
                )
    return '<!doctype html>\n<html lang="ko"><meta charset="utf-8"><body>\n' + "\n".join(parts) + "\n</body></html>\n"


def send_brief(channel: AlertChannel, brief: dict) -> None:
    """Send the brief on ``channel``; raises unless it was accepted."""
    if channel.type == "webhook":
        _post(channel, webhook_body(brief), {"Idempotency-Key": brief["id"]})
    elif channel.type == "slack":
        _post(channel, slack_body(brief))
    else:
        msg = EmailMessage()
        msg["Subject"] = subject(brief)
        msg["From"] = channel.sender
        msg["To"] = ", ".join(channel.to)
        msg["Message-ID"] = make_msgid(domain=channel.sender.rsplit("@", 1)[-1])
        msg["X-Newsmon-Brief-Id"] = brief["id"]
        msg.set_content(mail_text(brief), charset="utf-8")
        msg.add_alternative(mail_html(brief), subtype="html", charset="utf-8")
        send_mail_message(channel, msg)
