"""English round twelve: families from the en dev error list, each rule on sentences of our own."""

from __future__ import annotations

import pytest
from test_detect_en_rules import _events

# A military-talks story whose body recalls an older row: the row is context, the talks the news.
TALKS_HEADLINE = "US and China hold military talks in Hawaii"
TALKS_LEAD = "The United States and China held military talks in Hawaii on Wednesday."


@pytest.mark.parametrize(
    "recalled",
    [
        "China condemned the US over arms sales to Taiwan in November 2024, but the talks went ahead.",
        "China condemned the US over arms sales to Taiwan in Nov. 2024, but the talks went ahead.",
        "In October 2023, Beijing condemned Washington over an arms sale to Taiwan.",
        "Beijing condemned Washington in mid-2023 over an arms sale to Taiwan.",
        "China condemned the US over Taiwan arms sales in late 2022.",
    ],
)
def test_a_month_of_a_past_year_dates_its_clause_as_the_year_does(recalled):
    """Guideline: a sentence that recalls earlier events as context is background, not the news;
    "in November 2024" is as past as "in 2024"."""
    events = _events(TALKS_HEADLINE, f"{TALKS_LEAD} {recalled}")
    assert ("taiwan", "dispute") not in events
    assert ("military_channels", "agreement") in events


def test_a_dispute_on_its_own_date_stays_the_news():
    """No month-year phrase, no past context: the same protest reported as news is an event."""
    events = _events(TALKS_HEADLINE, f"{TALKS_LEAD} China condemned the US over arms sales to Taiwan on Monday.")
    assert ("taiwan", "dispute") in events


@pytest.mark.parametrize(
    "recalled",
    [
        "The move implements a consensus China and the US reached during recent trade talks in London.",
        "Both sides agreed during the recent trade talks in London to cut tariffs.",
        "The US and China struck a trade deal at a recent summit in Busan.",
    ],
)
def test_a_recent_occasion_recalls_what_was_reached_there(recalled):
    """Guideline: recalled context is background; "during recent talks" is the sibling of "recently"
    (round six). The step itself, the licence suspension, stays the news."""
    title = "China suspends export control measures against US firms"
    lead = "China's commerce ministry on Wednesday suspended export control measures against 28 US firms."
    events = _events(title, f"{lead} {recalled}")
    assert not {e for e in events if e[0] == "tariffs_trade"}
    assert ("export_controls", "agreement") in events
