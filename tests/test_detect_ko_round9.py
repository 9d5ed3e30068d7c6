"""Korean rules of round nine (issue 13): families of the seventh fresh batch, each tested on short
sentences of our own (not copied from the corpus); each test fails without its rule."""

from __future__ import annotations

import pytest
from test_detect_predicate import _article, _events

from newsmon.detect import detect


@pytest.mark.parametrize(
    "sentence",
    [
        "미국과 중국, 일본, 영국 등 주요국이 인공지능(AI) 안전을 위해 협력하기로 합의했다.",
        "미국, 중국, 인도 등 20개국이 인공지능(AI) 규범 마련에 협력하기로 했다.",
    ],
)
def test_a_many_country_subject_is_no_us_china_act(sentence):
    assert detect(_article(sentence + "\n" + sentence)).topics == {}


def test_the_two_sides_as_subject_still_agree():
    sentence = "미국과 중국은 인공지능(AI) 안전을 위해 협력하기로 합의했다."
    assert ("ai", "agreement") in _events(sentence)


@pytest.mark.parametrize(
    ("sentence", "disputed"),
    [
        # a concern said to arise, voiced by no side: an opinion
        ("미국과 중국의 수출 통제 경쟁으로 업계 피해가 커질 수 있다는 우려가 나온다.", False),
        ("미국과 중국의 수출 통제 경쟁을 두고 우려의 목소리가 커지고 있다.", False),
        # a side stating its concern is a protest
        ("중국은 미국의 수출 통제에 대해 깊은 우려를 표명했다.", True),
    ],
)
def test_a_concern_that_arises_is_an_opinion_and_a_side_voicing_one_a_dispute(sentence, disputed):
    assert (("export_controls", "dispute") in _events(sentence)) is disputed


BODY = (
    "일본 정부가 중국을 겨냥한 반도체 장비 수출 규제를 시행한다.\n"
    "중국 업계는 미국의 반도체 수출 규제보다 더 큰 타격을 입을 것으로 본다.\n"
    "중국 업체들은 지난해 미국의 수출 규제 이후 장비를 비축해 왔다.\n"
    "중국 상무부는 미국의 수출 규제에 강력히 반발해 왔다."
)


@pytest.mark.parametrize("title", ["日, 7월부터 대중 반도체 장비 수출 규제", "일본 정부가 장비 수출 허가제 도입"])
def test_a_headline_a_third_country_opens_frames_the_story_as_its_own(title):
    assert "export_controls" not in detect(_article(BODY, title=title)).topics


def test_the_same_body_under_a_headline_of_no_third_country_keeps_its_topic():
    assert "export_controls" in detect(_article(BODY, title="반도체 장비 수출 규제 7월 시행")).topics
