"""English round ten (issue 13): families from the ninth fresh batch, each rule on sentences of our own."""

from __future__ import annotations

import pytest
from test_detect_en_rules import _events

from newsmon.detect import _us_taiwan_ties

TAIWAN_LEAD = "China condemned the United States on Monday for hosting Taiwan's president on a stopover in Guam."


@pytest.mark.parametrize(
    "gloss",
    [
        "The stop reaffirmed Taiwan's partnerships with the US, which Beijing wants to undermine.",
        "The visit strengthened Taiwan's security ties with the United States, the island's envoy said.",
        "Officials said the stopover reaffirmed that US-Taiwan relations remained strong.",
        "Ties rest on the Taiwan Relations Act and the Six Assurances, and both have deepened cooperation, "
        "Taiwan's foreign minister said.",
    ],
)
def test_a_gloss_on_taiwans_ties_with_the_us_is_no_taiwan_agreement(gloss):
    events = _events("China condemns US over Taiwan stopover", f"{TAIWAN_LEAD} {gloss}")
    assert ("taiwan", "agreement") not in events
    assert ("taiwan", "dispute") in events


def test_a_reassurance_citing_the_one_china_policy_is_no_gloss():
    """The US-Taiwan instruments beside the One China policy are a reassurance to Beijing, left alone."""
    cited = (
        "He reaffirmed that the US remains committed to its One China policy, guided by the Taiwan Relations "
        "Act, the three Joint Communiques and the Six Assurances."
    )
    assert not _us_taiwan_ties(cited)
    assert _us_taiwan_ties("He reaffirmed the US commitment under the Taiwan Relations Act and the Six Assurances.")


@pytest.mark.parametrize(
    "the_two",
    [
        "The two met on Thursday in Lima on the sidelines of the Asia-Pacific Economic Cooperation summit.",
        "The two men were meeting in Lima on the margins of an Asia-Pacific Economic Cooperation (APEC) summit.",
        "The two officials met in Lima ahead of the APEC summit.",
    ],
)
def test_the_two_after_a_lead_naming_both_sides_is_the_pair(the_two):
    body = (
        "U.S. Commerce Secretary Gina Raimondo and Chinese Vice Premier He Lifeng agreed to keep talking, "
        f"the Commerce Department said on Friday. {the_two} Raimondo plans to travel to Beijing next year."
    )
    assert ("apec", "agreement") in _events("Raimondo and He agree to keep talking", body)


def test_the_two_before_no_verb_of_meeting_is_no_pair():
    body = (
        "U.S. Commerce Secretary Gina Raimondo and Chinese Vice Premier He Lifeng agreed to keep talking on Friday. "
        "The two companies opened offices in Lima ahead of the APEC summit."
    )
    assert "apec" not in {t for t, _ in _events("Raimondo and He agree to keep talking", body)}


@pytest.mark.parametrize(
    "listed",
    [
        "Military talks go on even as Washington and Beijing clash over a slew of issues including chips, "
        "investment and tariffs.",
        "The rivals clashed over issues such as territorial claims, investment and tariffs, the US and China said.",
        "The US and China raised concerns on key issues such as market access and Section 301 tariffs.",
    ],
)
def test_a_topic_listed_among_the_issues_of_a_dispute_is_no_event(listed):
    title = "US and Chinese military officers hold maritime safety talks"
    body = f"Military officials of the US and China held maritime safety talks in Shanghai on Wednesday. {listed}"
    assert ("tariffs_trade", "dispute") not in _events(title, body)


def test_a_dispute_over_one_named_issue_stays_an_event():
    body = "The United States and China clashed over tariffs on Monday."
    assert ("tariffs_trade", "dispute") in _events("US and China clash over tariffs", body)


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Washington will keep its commitments, Defence Secretary Pete Hegseth told Chinese counterpart Dong "
            "Jun during a meeting on Friday in Hanoi.",
            "The meeting was the first between the two since January.",
        ),
        (
            "Top US, Chinese generals speak",
            "U.S. Chairman of the Joint Chiefs of Staff Gen. Dan Caine spoke on Tuesday by video teleconference "
            "with his Chinese counterpart, Chief of the PLA Joint Staff Department Gen. Liu Zhenli.",
        ),
    ],
)
def test_a_defence_chiefs_meeting_or_teleconference_is_a_channel_held(title, body):
    assert ("military_channels", "agreement") in _events(title, body)
