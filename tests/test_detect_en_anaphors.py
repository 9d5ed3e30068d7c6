"""English place anaphors (issue 13): a sentence naming a place only by a definite description
("nearby waters", "the area") is on the place topic named just before it. Sentences of our own."""

from __future__ import annotations

import pytest
from test_detect_en_rules import _events

LEAD = "US and Chinese warships sailed close to each other in the South China Sea on Monday."


@pytest.mark.parametrize(
    "sentence",
    [
        "China's foreign ministry expressed serious concern over US provocations in nearby waters.",
        "China sent jets to warn the US destroyer to leave the area.",
        "Beijing condemned the United States for its incursions into the disputed waters.",
    ],
)
def test_a_place_said_by_description_takes_the_place_named_before(sentence):
    assert ("south_china_sea", "dispute") in _events("Navy ships meet", f"{LEAD} {sentence}")


def test_no_place_named_before_gives_the_description_no_topic():
    sentence = "China's foreign ministry expressed serious concern over US provocations in nearby waters."
    assert _events("Navy ships meet", f"US and Chinese officials met in Hawaii on Monday. {sentence}") == set()


def test_a_place_named_too_far_back_is_not_pointed_to():
    filler = " ".join(f"The officials met for the {n} time on Monday." for n in ("first", "second", "third"))
    sentence = "China's foreign ministry expressed serious concern over US provocations in nearby waters."
    found = _events("Navy ships meet", f"{LEAD} {filler} {sentence}")
    assert ("south_china_sea", "dispute") not in found


def test_a_sentence_naming_its_own_topic_keeps_it():
    sentence = "China warned the US destroyer to leave the area near Taiwan."
    assert ("south_china_sea", "dispute") not in _events("Navy ships meet", f"{LEAD} {sentence}")
