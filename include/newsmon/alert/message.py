"""What an alert says, rendered for each channel: JSON, Slack Block Kit, and mail (plain + HTML).

Article text is untrusted: it never becomes markup. Slack text is escaped (``&``, ``<``, ``>``), so
``<!channel>`` or ``<@U123>`` in an article stays text, and bare ``@channel``/``@here`` get a
zero-width joiner so no client pings anyone. Mail HTML is built from ``html.escape``d parts only.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta, timezone

KST = timezone(timedelta(hours=9), "KST")
# Slack's limits: header text 150 chars, section text 3000, 50 blocks per message.
SLACK_HEADER_CHARS = 150
SLACK_TEXT_CHARS = 2900
SLACK_MAX_BLOCKS = 50
_MENTION_RE = re.compile(r"@(channel|here|everyone)\b", re.IGNORECASE)


def times(published_at: str | None) -> tuple[str, str]:
    """The published time as (KST, UTC) strings for people; ('unknown', 'unknown') when absent."""
    if not published_at:
        return "unknown", "unknown"
    when = datetime.fromisoformat(published_at)
    return f"{when.astimezone(KST):%Y-%m-%d %H:%M} KST", f"{when.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


def _spans(text: str, terms: list[str]) -> list[tuple[str, bool]]:
    """The text cut into (piece, is_matched_term) pieces, longest terms first."""
    words = sorted({t for t in terms if t and t.strip()}, key=len, reverse=True)
    if not words:
        return [(text, False)]
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    out, pos = [], 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            out.append((text[pos : m.start()], False))
        out.append((m.group(0), True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def slack_plain(text: str) -> str:
    """Untrusted text for a Slack plain_text object: the three control characters escaped, no pings."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MENTION_RE.sub(lambda m: "@\u2060" + m.group(1), text)


def slack_escape(text: str) -> str:
    """Untrusted text made inert for Slack mrkdwn: no links, mentions, broadcasts or formatting."""
    text = slack_plain(text)
    # mrkdwn emphasis characters would turn article text into formatting; show them as look-alikes
    return text.translate(str.maketrans({"*": "∗", "_": "＿", "~": "∼", "`": "ʹ"}))


def slack_link(url: str) -> str:
    """A Slack ``<url|open article>`` link, or '' for anything that is not http(s)."""
    if not url.startswith(("http://", "https://")):
        return ""
    safe = url.replace("&", "&amp;").replace("<", "%3C").replace(">", "%3E").replace("|", "%7C").replace(" ", "%20")
    return f"<{safe}|open article>"


def highlight_slack(text: str, terms: list[str]) -> str:
    """Escaped evidence with matched terms in bold."""
    return "".join(f"*{slack_escape(p)}*" if hit else slack_escape(p) for p, hit in _spans(text, terms))


def highlight_html(text: str, terms: list[str]) -> str:
    """Escaped evidence with matched terms in <mark>."""
    return "".join(f"<mark>{html.escape(p)}</mark>" if hit else html.escape(p) for p, hit in _spans(text, terms))


def highlight_text(text: str, terms: list[str]) -> str:
    """Plain evidence with matched terms in [brackets]."""
    return "".join(f"[{p}]" if hit else p for p, hit in _spans(text, terms))


def _label(p: dict) -> str:
    change = f" (was {p['previous_kind']})" if p.get("change") else ""
    return f"{p['topic']} · {p['kind'].upper()}{change}"


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def slack_blocks(p: dict) -> list[dict]:
    """Block Kit blocks for one alert."""
    kst, utc = times(p.get("published_at"))
    outlets = ", ".join(p.get("outlets") or [p["outlet"]])
    link = p["url"] if p["url"].startswith(("http://", "https://")) else ""
    fields = [
        f"*Topic / kind*\n`{slack_plain(_label(p))}`",
        f"*Confidence*\n{p['confidence']:.2f}",
        f"*Published*\n{kst}\n{utc}",
        f"*Outlets*\n{slack_escape(outlets)}",
    ]
    blocks = [
        {
            "type": "header",
            "text": {"type": "plain_text", "text": slack_plain(_one_line(p["title"]))[:SLACK_HEADER_CHARS] or "-"},
        },
        {"type": "section", "fields": [{"type": "mrkdwn", "text": f} for f in fields]},
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": "> " + highlight_slack(p["evidence"], p["terms"])[:SLACK_TEXT_CHARS]},
        },
    ]
    if link:
        link_text = slack_link(link)
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": link_text}]})
    return blocks


def slack_message(payloads: list[dict]) -> dict:
    """An incoming-webhook body: one alert, or a digest of several."""
    if len(payloads) == 1:
        p = payloads[0]
        return {"text": slack_plain(f"{_label(p)}: {_one_line(p['title'])}"), "blocks": slack_blocks(p)}
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": f"newsmon digest: {len(payloads)} new events"}}
    ]
    for p in payloads:
        kst, _ = times(p.get("published_at"))
        line = (
            f"`{slack_plain(_label(p))}` {slack_escape(_one_line(p['title']))} "
            f"({slack_escape(', '.join(p.get('outlets') or [p['outlet']]))}, {kst}, {p['confidence']:.2f})\n"
            f"> {highlight_slack(p['evidence'], p['terms'])}"
        )
        if slack_link(p["url"]):
            line += "\n" + slack_link(p["url"])
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": line[:SLACK_TEXT_CHARS]}})
    if len(blocks) > SLACK_MAX_BLOCKS:
        rest = len(blocks) - SLACK_MAX_BLOCKS + 1
        blocks = blocks[: SLACK_MAX_BLOCKS - 1]
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": f"and {rest} more"}]})
    return {"text": f"newsmon digest: {len(payloads)} new events", "blocks": blocks}


def mail_subject(payloads: list[dict]) -> str:
    """One line, no control characters (a header cannot be injected)."""
    if len(payloads) == 1:
        p = payloads[0]
        return _one_line(f"[newsmon] {_label(p)}: {p['title']}")[:200]
    return f"[newsmon] digest: {len(payloads)} new events"


def mail_text(payloads: list[dict]) -> str:
    """The plain-text part."""
    parts = []
    for p in payloads:
        kst, utc = times(p.get("published_at"))
        parts.append(
            f"{_one_line(p['title'])}\n{_label(p)} · confidence {p['confidence']:.2f}\n"
            f"Outlets: {', '.join(p.get('outlets') or [p['outlet']])}\nPublished: {kst} / {utc}\n\n"
            f"  {highlight_text(p['evidence'], p['terms'])}\n\n{p['url']}\n"
        )
    return "\n---\n\n".join(parts)


def mail_html(payloads: list[dict]) -> str:
    """The HTML part: every piece of article text escaped."""
    items = []
    for p in payloads:
        kst, utc = times(p.get("published_at"))
        url = p["url"] if p["url"].startswith(("http://", "https://")) else ""
        title = html.escape(_one_line(p["title"]))
        head = f'<a href="{html.escape(url, quote=True)}">{title}</a>' if url else title
        items.append(
            f"<h3>{head}</h3>\n<p><b>{html.escape(_label(p))}</b> · confidence {p['confidence']:.2f}<br>"
            f"Outlets: {html.escape(', '.join(p.get('outlets') or [p['outlet']]))}<br>"
            f"Published: {kst} / {utc}</p>\n"
            f"<blockquote>{highlight_html(p['evidence'], p['terms'])}</blockquote>"
        )
    head = '<!doctype html>\n<html lang="ko"><meta charset="utf-8"><body>\n'
    return head + "\n<hr>\n".join(items) + "\n</body></html>\n"
