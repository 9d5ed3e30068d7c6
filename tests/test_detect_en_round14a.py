"""English round fourteena (topic precision): each rule on sentences of our own, with negative controls."""

from __future__ import annotations

import pytest
from test_detect_en_rules import _article, _events

from newsmon.detect import detect
from newsmon.en_frames import long_standing, taiwan_listed


def test_ai_named_as_what_a_control_holds_back_is_no_ai_topic():
    """Guideline: export controls on AI chips or model weights are export_controls, not ai."""
    body = "Beijing said the new US AI curbs on Chinese firms were a violation of trade rules, China's ministry said."
    finding = detect(_article("China condemns US AI curbs", body))
    assert "ai" not in finding.topics
    assert ("ai", "dispute") not in {(e.topic, e.kind) for e in finding.events}


def test_ai_talks_stay_the_ai_topic():
    """Negative control: AI talks between the two governments are still the ai topic."""
    body = "The United States and China agreed to hold talks on the risks of AI in military systems."
    assert ("ai", "agreement") in _events("US and China agree AI talks", body)


def test_taiwan_in_a_list_of_economies_is_no_taiwan_topic():
    """Guideline: a topic named once in passing (one economy of a list) is context."""
    body = (
        "China on Monday imposed anti-dumping duties on plastics from the United States, the European Union, "
        "Japan and Taiwan, the commerce ministry said."
    )
    finding = detect(_article("China imposes anti-dumping duties on US plastics", body))
    assert "taiwan" not in finding.topics
    assert ("taiwan", "dispute") not in {(e.topic, e.kind) for e in finding.events}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Duties hit goods from the United States, Japan and Taiwan.", True),
        ("He is the official for China, Taiwan and Mongolia.", True),
        ("Washington sold arms to Taiwan.", False),
        ("Ties between the US and Taiwan grew.", False),  # a pair, not a list
        ("Tensions rose over the Taiwan Strait, Japan and Korea said.", False),  # not the bare name
    ],
)
def test_taiwan_listed_needs_two_other_places(sentence, expected):
    term = "Taiwan Strait" if "Strait" in sentence else "Taiwan"
    at = sentence.index(term)
    assert taiwan_listed(sentence, term, at, at + len(term)) is expected


def test_a_position_held_long_is_no_event():
    """Guideline: background. "has long opposed" states a standing position, not an act reported."""
    body = (
        "The United States has also long opposed China's territorial claims in the South China Sea. "
        "The US and Chinese defence chiefs met in Singapore on Tuesday."
    )
    finding = detect(_article("US and Chinese defence chiefs meet", body))
    assert ("south_china_sea", "dispute") not in {(e.topic, e.kind) for e in finding.events}
    assert "south_china_sea" not in finding.topics


def test_an_opposition_voiced_now_stays_a_dispute():
    """Negative control: "opposed" without "long" reports the dispute."""
    body = "The United States on Tuesday opposed China's new territorial claims in the South China Sea."
    assert ("south_china_sea", "dispute") in _events("US opposes China's sea claims", body)


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("The US has long opposed the claims.", "opposed", True),
        ("Washington has also long accused Beijing.", "accused", True),
        ("The US has opposed the claims.", "opposed", False),
        ("The long meeting opposed nothing.", "opposed", False),
    ],
)
def test_long_standing_reads_has_long_right_before_the_predicate(sentence, word, expected):
    assert long_standing(sentence, sentence.index(word)) is expected
