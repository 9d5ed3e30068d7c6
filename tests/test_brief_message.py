"""The brief's renderings: grouped by topic and story, escaped, within Slack's limits."""

from __future__ import annotations

from newsmon.alert import brief_message as bm

HOSTILE = "<script>alert(1)</script> @channel *bold* <https://evil.example|click>"


def _event(n: int, topic: str = "taiwan", kind: str = "dispute", change: bool = False) -> dict:
    return {
        "id": f"k{n}",
        "story": f"id-{n // 2:019d}",
        "topic": topic,
        "kind": kind,
        "change": change,
        "previous_kind": "agreement" if change else None,
        "title": f"미중 {HOSTILE} {n}",
        "url": f"https://www.asiae.co.kr/article/{n}",
        "outlet": "asiae" if n % 2 else "asiae-en",
        "outlets": ["asiae", "asiae-en"],
        "evidence": f"미국과 중국이 {HOSTILE} 반발했다",
        "terms": ["미국"],
        "confidence": 0.8,
    }


def _brief(events: list[dict]) -> dict:
    return {"id": "brief-desk-2026-11-11", "channel": "desk", "day": "2026-11-11", "tz": "Asia/Seoul", "events": events}


def test_grouped_by_topic_then_story():
    brief = _brief([_event(0), _event(1), _event(2, "fentanyl", "agreement"), _event(3, "fentanyl", change=True)])
    groups = bm.grouped(brief)
    assert [g["topic"] for g in groups] == ["fentanyl", "taiwan"]
    assert [len(g["stories"]) for g in groups] == [1, 1]  # events 0+1 and 2+3 are one story each
    assert [len(s["events"]) for g in groups for s in g["stories"]] == [2, 2]
    body = bm.webhook_body(brief)
    assert body["count"] == 4 and body["flips"] == [
        {
            "story": _event(3)["story"],
            "topic": "fentanyl",
            "headline": _event(3)["title"],
            "before": "agreement",
            "after": "dispute",
        }
    ]


def test_slack_brief_is_escaped_and_within_limits():
    body = bm.slack_body(_brief([_event(n, f"t{n % 7}") for n in range(200)]))
    assert len(body["blocks"]) <= 50
    for block in body["blocks"]:
        text = (block.get("text") or {}).get("text", "")
        assert len(text) <= 3000
        assert "@channel" not in text and "<script>" not in text and "<https://evil" not in text


def test_mail_brief_html_is_escaped():
    brief = _brief([_event(0), _event(1, change=True)])
    html = bm.mail_html(brief)
    assert "<script>" not in html and "&lt;script&gt;" in html and "<mark>미국</mark>" in html
    assert "(was agreement)" in html
    text = bm.mail_text(brief)
    assert "== taiwan ==" in text and "[미국]" in text and "https://www.asiae.co.kr/article/0" in text
