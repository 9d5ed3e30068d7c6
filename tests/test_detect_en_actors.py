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


@pytest.mark.parametrize(
    "cited",
    [
        "the Washington Post reported",
        "the Washington Times said",
        "Washington state officials",
        "워싱턴포스트(WP)는 보도했다",
    ],
)
def test_a_newspaper_or_a_state_named_washington_is_not_the_us(cited):
    lex = load_taxonomy().actors["us"]
    assert not any(p is not None and p.search(cited) for p in (lex.en, lex.ko))


@pytest.mark.parametrize("capital", ["Washington and Beijing agreed", "워싱턴에서 열린 회담"])
def test_washington_the_capital_is_still_the_us(capital):
    lex = load_taxonomy().actors["us"]
    assert any(p is not None and p.search(capital) for p in (lex.en, lex.ko))
