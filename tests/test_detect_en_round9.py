"""English round nine (issue 13): families from the eighth fresh batch, each rule on sentences of our own."""

from __future__ import annotations

import pytest
from test_detect_en_rules import _article, _events

from newsmon.detect import detect

# a third country's act opening the story, the US and China named beside it
THIRD_LEADS = [
    (
        "Brazil to impose 40% tariffs on Chinese steel, bowing to US pressure",
        "Brazil said on Monday it would impose a 40% tariff on Chinese steel imports, bowing to US pressure. "
        "Washington has pressed Brasilia to curb Chinese imports, some of which the United States says are "
        "rerouted north.",
    ),
    (
        "OTTAWA (AP) — Canada's government says it will slap a 50% tariff on Chinese solar panels "
        "that matches U.S. tariffs.",
        "The decision comes after a call between the Canadian prime minister and U.S. President Joe Biden. "
        "China said it would respond with tariffs of its own.",
    ),
    (
        "Japan's new export controls on chip-making tools took effect on Monday, part of US-led measures "
        "against China.",
        "Beijing has announced that it will restrict exports of gallium in apparent retaliation for US export "
        "controls which target China.",
    ),
]


@pytest.mark.parametrize(("title", "body"), THIRD_LEADS)
def test_a_third_country_opening_the_story_makes_it_that_countrys(title, body):
    found = detect(_article(title, body))
    assert found.events == [] and found.topics == {}


def test_a_third_country_lead_still_ties_a_sentence_naming_the_pair():
    title = "Japan's new export controls on chip-making tools took effect on Monday."
    body = "The United States and China imposed new export controls on each other's chips on Tuesday."
    assert ("export_controls", "dispute") in _events(title, body)


def test_a_third_country_beside_the_us_in_the_subject_is_no_third_lead():
    title = "Philippines, US condemn China's water cannon attack in the South China Sea"
    body = (
        "The Philippines and the United States condemned China on Monday for firing water cannons in the "
        "South China Sea."
    )
    assert ("south_china_sea", "dispute") in _events(title, body)


SEA_LEAD = "A US destroyer sailed near the Paracel Islands in the South China Sea on Monday, and China protested."


@pytest.mark.parametrize(
    "sentence",
    [
        "The US Navy said the freedom of navigation operation challenged restrictions on innocent passage "
        "imposed by China, Taiwan and Vietnam.",
        "The US Navy said the operation challenged restrictions imposed by China and Taiwan around the Paracels.",
    ],
)
def test_taiwan_as_a_claimant_of_the_sea_is_no_taiwan_topic(sentence):
    found = detect(_article("US destroyer sails near Paracels", f"{SEA_LEAD} {sentence}"))
    assert "taiwan" not in found.topics
    assert "taiwan" not in {e.topic for e in found.events}


def test_taiwan_beside_china_off_the_sea_keeps_its_topic():
    body = "China and Taiwan traded accusations on Monday after the United States approved an arms sale to Taiwan."
    assert "taiwan" in detect(_article("US arms sale to Taiwan angers China", body)).topics


def test_a_country_after_its_city_is_the_venue_not_a_third_party():
    body = (
        "The United States announced new measures against Chinese steel on Friday. "
        "Xi condemned the new tariffs at a press conference in Bangkok, Thailand, on Saturday."
    )
    assert ("tariffs_trade", "dispute") in _events("Steel row deepens", body)


def test_a_surname_alone_names_the_side_it_was_introduced_with():
    body = (
        "U.S. Vice President Kamala Harris arrived in Bangkok on Friday. "
        "Harris and Xi held talks at the APEC summit on Saturday."
    )
    assert ("apec", "agreement") in _events("Leaders gather for APEC in Bangkok", body)


def test_talks_on_the_margin_of_an_apec_ministers_session_are_no_apec():
    body = (
        "US Trade Representative Katherine Tai and Chinese Commerce Minister Wang Wentao held talks on the "
        "margin of the Asia-Pacific Economic Cooperation (APEC) session in Seattle on Friday."
    )
    found = detect(_article("US, China trade officials meet", body))
    assert "apec" not in found.topics and "apec" not in {e.topic for e in found.events}


def test_an_apec_gathering_in_an_article_naming_the_summit_keeps_apec():
    body = (
        "US President Joe Biden and Chinese President Xi Jinping held talks on the margin of the APEC "
        "gathering in San Francisco on Wednesday, ahead of the leaders' summit."
    )
    assert ("apec", "agreement") in _events("Biden, Xi meet", body)
