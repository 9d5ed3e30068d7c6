"""English round fourteen b (event recall): a military meeting refused, on sentences of our own."""

from __future__ import annotations

import pytest
from test_detect_en_rules import _article, _events

from newsmon.detect import detect
from newsmon.en_recall import channel_refused


@pytest.mark.parametrize(
    "body",
    [
        "Beijing refused a Pentagon request for a phone call between Defense Secretary Hegseth and Dong Jun.",
        "The Chinese navy chief cancelled a visit to Washington to meet his US counterpart, officials said.",
        "The US military criticized China for failing to appear for scheduled naval safety meetings this week.",
        "China called off planned meetings between its theatre commanders and the United States.",
    ],
)
def test_a_military_meeting_refused_is_a_channel_dispute(body):
    """Guideline: a channel topic takes a dispute from suspending, cutting or refusing the channel."""
    article = detect(_article("Officials react", body))
    assert ("military_channels", "dispute") in {(e.topic, e.kind) for e in article.events}
    assert "military_channels" in article.topics


@pytest.mark.parametrize(
    "body",
    [
        # no military officer or institution: a trade meeting refused is no channel event
        "China cancelled a meeting with US trade officials in Washington.",
        # a refusal to comment is no refusal of a meeting
        "The US Navy admiral declined to comment on the meeting with Chinese officials.",
        # negated, hedged, recalled
        "China did not cancel the visit of its navy chief to the United States.",
        "China may cancel the visit of its navy chief to the United States.",
        "China had cancelled a visit of its navy chief to the United States.",
    ],
)
def test_no_refusal_no_channel_dispute(body):
    """A refusal not of a military meeting, or not reported as news, is no military_channels dispute."""
    assert ("military_channels", "dispute") not in _events("Officials react", body)


def test_channel_refused_names_the_meeting():
    """The match's "meeting" group is the meeting refused (where the mention is filed)."""
    m = channel_refused("China's top naval officer canceled a visit to the US.")
    assert m is not None and m["meeting"] == "visit"
