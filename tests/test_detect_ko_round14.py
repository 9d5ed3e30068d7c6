"""Korean rules of round fourteen: a military channel put off (the two militaries' dialogue named by
양군, a meeting "held later"), on sentences of our own; each test fails without its rule."""

from __future__ import annotations

import pytest
from test_detect_predicate import _events


@pytest.mark.parametrize(
    "sentence",
    [
        "중국은 미국의 제재에 항의해 열 예정이던 중미 양군 합참 대화 제2차 회의를 미루어 개최하기로 결정했다.",
        "중국 국방부는 미국과의 양군 간 해상 안보 협의를 연기해 열기로 했다고 밝혔다.",
    ],
)
def test_a_military_channel_put_off_is_a_dispute(sentence):
    found = _events(sentence)
    assert ("military_channels", "dispute") in found
    assert ("military_channels", "agreement") not in found


def test_the_two_militaries_dialogue_held_is_an_agreement():
    # the 양군 term alone: a round of the two militaries' dialogue held is a channel held
    sentence = "미국과 중국은 베이징에서 양군 합참 대화 회의를 개최했다고 밝혔다."
    assert ("military_channels", "agreement") in _events(sentence)


def test_the_two_militaries_cooperation_is_no_channel():
    # 양군 before no channel word (협력) names no channel
    sentence = "미국과 중국은 양군 간 협력을 강화하기로 합의했다."
    assert not {t for t, _ in _events(sentence)} & {"military_channels"}


def test_a_meeting_held_as_planned_stays_an_agreement():
    # no postponing verb before the holding verb: the meeting is held
    sentence = "미국과 중국은 양군 합참 대화 회의를 예정대로 개최하기로 했다."
    found = _events(sentence)
    assert ("military_channels", "agreement") in found
    assert ("military_channels", "dispute") not in found
