"""English round eleven: families from the tenth fresh batch, each rule on sentences of our own."""

from __future__ import annotations

import pytest
from test_detect_en_rules import _article, _events

from newsmon.detect import detect


@pytest.mark.parametrize(
    "listing",
    [
        "The Commerce Department added four units of Sugon, China's largest supercomputer maker, and a dozen "
        "other Chinese firms to its export control list on Monday.",
        "Washington added Yangtze Memory, a state-backed chipmaker, to the Entity List on Friday.",
    ],
)
def test_an_apposition_between_commas_does_not_hide_the_list_added_to(listing):
    """Guideline: blacklisting on an export control list is an export_controls dispute."""
    events = _events("US blacklists Chinese tech firms", f"{listing} Beijing has yet to respond.")
    assert ("export_controls", "dispute") in events


LISTING_LEAD = "The US added Sugon and five other Chinese firms to the Entity List on Monday."


@pytest.mark.parametrize(
    "gloss",
    [
        "The listings are meant to restrict China's ability to develop supercomputers and advanced AI.",
        "The curbs aim to slow Beijing's progress in artificial intelligence, officials said.",
    ],
)
def test_ai_held_back_by_the_controls_referred_back_to_is_no_ai_topic(gloss):
    """Guideline: export controls on AI are export_controls, not ai."""
    assert not {e for e in _events("US blacklists Sugon", f"{LISTING_LEAD} {gloss}") if e[0] == "ai"}


def test_ai_talks_beside_no_controls_keep_the_ai_topic():
    """The anaphor counts only where the article names export controls."""
    events = _events("US and China hold AI talks", "The US and China held their first talks on AI risks in Geneva.")
    assert ("ai", "agreement") in events


@pytest.mark.parametrize(
    "headline",
    [
        "Chile Cancels November APEC Summit, Sowing Doubt Over Trump-Xi Trade Meeting",
        "Host postpones APEC summit where Biden and Xi were to hold talks",
    ],
)
def test_a_host_calling_off_the_apec_summit_is_no_apec_dispute(headline):
    """Guideline: apec only where a US-China meeting is placed at the summit; host-city logistics are not
    a US-China matter. The meeting named beside it still places the topic there."""
    body = "Leaders were told of the decision on Wednesday. The US and China had planned to sign a trade deal."
    events = _events(headline, body)
    assert ("apec", "dispute") not in events
    assert "apec" in detect(_article(headline, body)).topics


def test_a_side_cancelling_its_apec_meeting_stays_a_dispute():
    """The yield verb's object is the two sides' meeting, not the summit the term names."""
    events = _events("China cancels meeting with US at APEC summit", "Beijing called off talks with Washington.")
    assert ("apec", "dispute") in events


SEA_LEAD = (
    "China's military accused the U.S. on Tuesday of illegally entering waters off the Paracel Islands in the "
    "South China Sea, and said it had driven the destroyer away."
)


@pytest.mark.parametrize(
    "gloss",
    [
        "Washington has been shoring up alliances to counter China's assertiveness in the South China Sea and "
        "the Taiwan Strait, as Beijing seeks to advance its claims.",
        "The US has sought to push back against Beijing in the Taiwan Strait and the South China Sea.",
    ],
)
def test_the_taiwan_strait_named_once_beside_the_sea_is_no_taiwan_topic(gloss):
    """Guideline: a topic named once in passing is context; here one item of a list of theatres."""
    finding = detect(_article("China says it drove off US warship near Paracels", f"{SEA_LEAD} {gloss}"))
    assert "taiwan" not in finding.topics
    assert "south_china_sea" in finding.topics


def test_a_taiwan_named_in_two_sentences_is_left_alone():
    body = (
        f"{SEA_LEAD} Beijing also warned Washington against arms sales to Taiwan. "
        "China urged the US to stop provoking it in the South China Sea and the Taiwan Strait."
    )
    assert "taiwan" in detect(_article("China says it drove off US warship", body)).topics
