"""English object polarity (issue 13): what a carry verb (extend, grant) carries decides its kind.
Sentences of our own, not copied from the corpus."""

from __future__ import annotations

import pytest
from test_detect_en_rules import _events


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # relief, exemptions, waivers extended or granted de-escalate an earlier measure: an agreement
        ("China said it would extend relief to US companies on its export control list.",
         ("export_controls", "agreement")),
        ("The US trade office extended tariff exclusions on Chinese products for another year.",
         ("tariffs_trade", "agreement")),
        # the measure itself extended stays a dispute
        ("The United States extended tariffs on Chinese goods for another year.", ("tariffs_trade", "dispute")),
    ],
)
def test_relief_extended_is_an_agreement_and_a_measure_extended_a_dispute(sentence, expected):
    assert expected in _events("US and China trade steps", sentence)
