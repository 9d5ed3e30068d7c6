"""English round thirteen: families from the fresh batches en-443..en-491, each rule on sentences of our own."""

from __future__ import annotations

import pytest
from test_detect_en_rules import _article, _events

from newsmon.detect import detect
from newsmon.en_frames import ai_as_goods, ai_as_means


@pytest.mark.parametrize(
    "body",
    [
        "Washington accuses Beijing of using artificial intelligence to spread disinformation among US voters. "
        "China's embassy said the claims against China were groundless. "
        "A US report said Chinese networks used AI to create fake accounts aimed at the United States.",
    ],
)
def test_ai_as_the_means_of_another_act_is_no_ai_topic(body):
    """Guideline: ai is AI dialogue, safety or governance between the two governments, not AI as a tool."""
    assert "ai" not in detect(_article("China rejects US claims over fake accounts", body)).topics


def test_opposing_the_use_of_ai_advantages_is_no_ai_dispute():
    """What one side opposes doing with AI ("using AI advantages to undermine ...") is no AI dispute."""
    body = (
        "\u201cChina is opposed to using AI advantages to undermine the sovereignty of other countries,\u201d "
        "the US-China briefing heard."
    )
    assert ("ai", "dispute") not in _events("China and US military talks resume", body)


def test_ai_talks_on_the_use_of_ai_keep_the_ai_topic():
    """"The use of AI" is what the governments talk about: still the ai topic."""
    body = "The United States and China agreed to hold talks on the use of AI in military systems."
    assert ("ai", "agreement") in _events("US and China agree AI talks", body)


@pytest.mark.parametrize("goods", ["AI products", "AI solutions", "AI services", "artificial intelligence firm"])
def test_ai_named_as_goods_is_no_ai_topic(goods):
    """AI named as goods or trade (as "AI chips" and "AI firms" already are) is not the ai topic."""
    body = (
        f"The US and China signed a deal on the {goods} sold to Chinese buyers, the US said on Monday, "
        f"under a partnership with China's Ministry of Commerce."
    )
    assert "ai" not in detect(_article(f"US, China sign {goods} deal", body)).topics


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("China is using AI to meddle.", "AI", True),
        ("China has used its AI to meddle.", "AI", True),
        ("They discussed the use of AI.", "AI", False),
        ("Both could still use AI offensively.", "AI", False),
    ],
)
def test_ai_as_means_reads_the_verb_use_right_before_the_term(sentence, word, expected):
    assert ai_as_means(sentence, "ai", sentence.index(word)) is expected


def test_the_ai_frames_leave_other_topics_and_korean_alone():
    assert not ai_as_means("using Taiwan as leverage", "taiwan", 6)
    assert not ai_as_goods("AI products", "taiwan", 2)
    assert not ai_as_means("AI를 using AI 활용", "ai", 10)
    assert ai_as_goods("the AI products shared", "ai", 6)
