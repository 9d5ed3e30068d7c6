"""English actor names (issue 13): a region's "America" or "American" is not the United States."""

from __future__ import annotations

import pytest
from test_detect_en_rules import _article

from newsmon.detect import detect, load_taxonomy


@pytest.mark.parametrize(
    "region", ["Latin American allies", "South American partners", "Central American states", "allies in Latin America"]
)
def test_a_regions_america_does_not_name_the_us(region):
    title = "Honduras breaks ties with Taiwan"
    body = (
        f"China welcomed the switch as Taiwan lost more of its {region}. "
        f"Taiwan recalled its ambassador in protest, and China said Taiwan had no {region} left to lose."
    )
    assert detect(_article(title, body)).topics == {}


@pytest.mark.parametrize("name", ["American officials", "Americans", "anti-American protests", "America's"])
def test_the_us_is_still_named_as_america_and_americans(name):
    assert load_taxonomy().actors["us"].en.search(f"{name} and China")
