"""English round eleven: families from the tenth fresh batch, each rule on sentences of our own."""

from __future__ import annotations

import pytest
from test_detect_en_rules import _events


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

