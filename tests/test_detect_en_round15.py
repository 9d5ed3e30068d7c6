"""English round fifteen (backdrops, idioms, gatherings): each rule on sentences of our own, with a
near miss that must not fire."""

from __future__ import annotations

import pytest
from test_detect_en_rules import _article, _events

from newsmon.detect import detect
from newsmon.en_frames import body_held, named_gathering

# Near misses, one per rule: the same family of act reported as done, which each rule must leave an event.
NEAR_MISSES = [
    # after the amid opener: the main clause's own topic
    (
        "US cuts tariffs on China",
        "Amid signs of a thaw, the United States on Monday cut its tariffs on Chinese goods to 10 percent.",
        ("tariffs_trade", "agreement"),
    ),
    # tariffs imposed, no 'overshadowed by'
    (
        "US imposes new tariffs on Chinese steel",
        "The White House decided on Wednesday to impose new tariffs on Chinese steel, angering Beijing.",
        ("tariffs_trade", "dispute"),
    ),
    # talks held on AI by the two governments
    (
        "US and China hold AI talks",
        "The United States and China held talks on AI safety in Geneva on Tuesday.",
        ("ai", "agreement"),
    ),
    # a deal reached, no failure noun
    (
        "",
        "Officials in Beijing and Washington on Friday reached a trade deal that cuts tariffs on farm goods.",
        ("tariffs_trade", "agreement"),
    ),
    # 'seized Chinese goods' is a coercive act
    (
        "US seizes Chinese goods over tariffs",
        "US customs seized Chinese goods worth $3 million on Friday over tariffs evaded through Vietnam, China said.",
        ("tariffs_trade", "dispute"),
    ),
    # the government warns, not researchers
    (
        "China warns US over AI",
        "China warned the United States on Monday against using its AI safety rules to contain Beijing.",
        ("ai", "dispute"),
    ),
    # the two governments' own AI meeting
    (
        "US, China hold first AI meeting",
        "The United States and China held their first meeting on artificial intelligence in Geneva on Tuesday.",
        ("ai", "agreement"),
    ),
    # cooperation agreed, no offer noun
    (
        "",
        "Beijing and Washington agreed on Monday to cooperate on curbing fentanyl precursor exports.",
        ("fentanyl", "agreement"),
    ),
    # the intercept reported, no purpose
    (
        "",
        "A Chinese jet intercepted a US Navy plane over the South China Sea on Tuesday, the Pentagon said.",
        ("south_china_sea", "dispute"),
    ),
    # tariffs imposed in the main clause
    (
        "",
        "The United States imposed new tariffs on Chinese steel on Monday, the commerce ministry in Beijing said.",
        ("tariffs_trade", "dispute"),
    ),
]


def _pairs(title: str, body: str) -> tuple[set[str], set[tuple[str, str]]]:
    finding = detect(_article(title, body))
    return set(finding.topics), {(e.topic, e.kind) for e in finding.events}


def test_a_fronted_amid_opener_is_the_backdrop_not_the_meeting_topic():
    """Guideline: a topic named in passing is context. The trade war in "Amid ..., X met Y" is the
    setting of the meeting, not what the meeting agreed on."""
    body = (
        "Amid deepening friction over the tariff war and chip exports, the US defence secretary met "
        "China's defence minister in Beijing on Tuesday."
    )
    topics, events = _pairs("US and Chinese defence chiefs meet in Beijing", body)
    assert ("military_channels", "agreement") in events
    assert ("tariffs_trade", "agreement") not in events
    assert "tariffs_trade" not in topics


def test_a_meeting_overshadowed_by_tariffs_is_no_tariff_story():
    """Guideline: context. "X is overshadowed by anger over tariffs" names the backdrop of the visit."""
    body = (
        "The US defence secretary met his Chinese counterpart in Beijing on Wednesday. "
        "The trip is overshadowed by Beijing's anger over the White House's decision to impose new tariffs "
        "on Chinese steel."
    )
    topics, events = _pairs("US defence chief meets Chinese counterpart", body)
    assert ("tariffs_trade", "dispute") not in events
    assert "tariffs_trade" not in topics


def test_talk_of_an_ai_race_is_no_ai_talks():
    """Guideline: ai is AI dialogue between the governments. "The talk of an AI race" is speculation."""
    body = "There is much talk of an AI race between the United States and China, commentators in Washington say."
    topics, events = _pairs("", body)
    assert ("ai", "agreement") not in events
    assert "ai" not in topics


def test_seizing_on_an_opening_is_no_seizure():
    """An idiom: "seize on" is to exploit an opening, not a seizure (sanction_coerce, a dispute)."""
    body = (
        "China was quick to seize on the failure of a US-led regional trade deal to push its own version, "
        "leaving Washington out."
    )
    topics, events = _pairs("", body)
    assert not {e for e in events if e[0] == "tariffs_trade"}
    assert "tariffs_trade" not in topics


def test_the_failure_of_a_deal_is_no_agreement():
    """Guideline: negations are no events. "The failure of the trade deal" reports no deal reached."""
    body = "The failure of the trade deal between Beijing and Washington came as a surprise to markets."
    assert ("tariffs_trade", "agreement") not in _events("", body)


def test_researchers_warning_is_an_opinion():
    """Guideline: analysts' opinions are no events. Researchers at a conference are commentators."""
    body = "Researchers from the United States and China warned on Monday that AI safety risks are growing."
    assert ("ai", "dispute") not in _events("", body)


@pytest.mark.parametrize(
    ("sentence", "term", "noun", "expected"),
    [
        ("Inside Washington's AI Summit, a consensus on China", "AI", "Summit", True),
        ("Biden and Xi attend the APEC Leaders Summit", "APEC", "Summit", True),
        ("Xi and Biden met at the APEC summit in Lima", "APEC", "summit", False),  # the venue of a meeting
        ("Talks on the sidelines of the APEC Economic Leaders summit", "APEC", "summit", False),
        ("US and China open AI talks", "AI", "talks", False),  # talks between the two are no gathering noun
        ("The AI push before the Biden-Xi summit", "AI", "summit", False),  # not a name: other words between
    ],
)
def test_named_gathering_reads_a_conference_name(sentence, term, noun, expected):
    at, start = sentence.index(term), sentence.index(noun)
    assert named_gathering(sentence, at, noun, start, verb=False) is expected


def test_a_named_ai_summit_is_no_us_china_meeting():
    """Guideline: ai is dialogue between the two governments; a conference on AI is not."""
    body = "Inside Washington's AI Summit, officials of the United States and China traded views on safety."
    assert ("ai", "agreement") not in _events("", body)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("GENEVA: The UN Security Council held its first debate on artificial intelligence.", True),
        ("The United Nations convened a special session on AI on Monday.", True),
        ("The United States and China held their first meeting on AI in Geneva.", False),
        ("The UN said China and the US discussed AI.", False),  # no gathering held by the body
    ],
)
def test_body_held_reads_a_multilateral_bodys_meeting(sentence, expected):
    assert body_held(sentence) is expected


def test_a_security_council_meeting_on_ai_is_no_ai_story():
    """Guideline: no AI dialogue between the two governments at a multilateral body's meeting."""
    title = (
        "NEW YORK: The UN Security Council held its first meeting on artificial intelligence (AI). "
        "China warned against its risks, and the United States against its misuse."
    )
    topics, events = _pairs(title, "Britain's foreign secretary chaired the session of the 15-member council.")
    assert ("ai", "agreement") not in events
    assert "ai" not in topics


def test_abusing_export_controls_is_a_protest():
    """Guideline: protests and condemnation are disputes. Beijing's formula "abusing export control
    measures" accuses the US of the blacklisting it protests."""
    body = (
        "China's commerce ministry said on Friday that the United States had repeatedly abused export control "
        "measures to crack down on Chinese firms."
    )
    assert _events("", body) == {("export_controls", "dispute")}


def test_drug_abuse_is_no_protest():
    """Near miss: "abuse" of a drug names no act between the two governments."""
    body = "US and Chinese police officials met in Beijing to discuss the abuse of fentanyl in American cities."
    assert ("fentanyl", "dispute") not in _events("", body)


def test_willingness_to_cooperate_is_an_offer():
    """Guideline: wishes and offers are no events; "willingness to" is the noun of "willing to"."""
    body = "Beijing on Monday reiterated its willingness to cooperate with the United States on Taiwan exchanges."
    assert not _events("", body)


def test_a_strong_warning_is_a_dispute():
    """Guideline: threats and warnings are disputes; an adjective of tone between the article and the
    -ing noun ("a stern warning") leaves it the act."""
    body = "China sent a stern warning to the United States over its patrols in the South China Sea on Friday."
    assert ("south_china_sea", "dispute") in _events("", body)


def test_a_warning_light_is_no_warning():
    """Near miss: an -ing word before another noun, no determiner and tone adjective before it, stays a
    modifier ("warning lights"), no act."""
    body = "US and Chinese navy ships in the South China Sea both carry warning lights on their masts."
    assert ("south_china_sea", "dispute") not in _events("", body)


def test_a_purpose_is_no_event():
    """Guideline: expectations and wishes are no events; what a pact "is meant to" prevent is its aim."""
    body = (
        "The US and Chinese militaries agreed on Tuesday to a hotline. "
        "The hotline is meant to prevent incidents like a Chinese jet sent to intercept a US Navy plane "
        "over the South China Sea."
    )
    topics, events = _pairs("US, China agree military hotline", body)
    assert ("south_china_sea", "dispute") not in events
    assert "south_china_sea" not in topics


def test_a_passive_relative_clause_is_background():
    """Guideline: background. "tariffs which were imposed last week" describes the tariffs the news is
    about (here a navy chief's visit), it does not report them."""
    body = (
        "China's navy chief cancelled a visit to the US to meet his American counterpart. "
        "The new US and Chinese tariffs which were imposed last week were due to take effect on Monday."
    )
    topics, events = _pairs("Chinese navy chief cancels US visit", body)
    assert ("tariffs_trade", "dispute") not in events
    assert "tariffs_trade" not in topics


@pytest.mark.parametrize(("title", "body", "pair"), NEAR_MISSES)
def test_near_misses_keep_their_event(title, body, pair):
    """Each rule's near miss: the act reported as done stays an event of its (topic, kind)."""
    assert pair in _events(title, body)
