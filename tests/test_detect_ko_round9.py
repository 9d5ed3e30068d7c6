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


@pytest.mark.parametrize("reaction", ["중국은 반발했다.", "중국 외교부는 즉각 항의했다."])
def test_a_reaction_with_no_object_is_to_the_act_reported_before(reaction):
    body = "미국 국무부가 대만 관련 자료에서 일부 문구를 삭제했다.\n" + reaction
    assert ("taiwan", "dispute") in {(e.topic, e.kind) for e in detect(_article(body)).events}


def test_a_reaction_with_its_own_object_takes_no_topic_from_before():
    body = "미국 국무부가 대만 관련 자료에서 일부 문구를 삭제했다.\n중국은 인권 보고서에 반발했다."
    assert ("taiwan", "dispute") not in {(e.topic, e.kind) for e in detect(_article(body)).events}


def test_synthetic_opioids_are_the_fentanyl_trade():
    sentence = "미국 재무부는 합성 오피오이드 제조에 관여한 중국 화학업체를 제재 대상으로 지정했다고 밝혔다."
    assert ("fentanyl", "dispute") in _events(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "미국과 중국이 부과한 추가 관세 조치들이 양국의 확전 자제 합의로 유예됐다.",
        "미국과 중국의 보복 관세 조치가 양국 정상의 휴전 합의로 중단됐다.",
    ],
)
def test_a_noun_marked_as_the_means_is_not_what_the_predicate_acts_on(sentence):
    # 합의로: by the agreement; what is suspended is the measures, the subject: an agreement
    events = _events(sentence)
    assert ("tariffs_trade", "agreement") in events and ("tariffs_trade", "dispute") not in events


@pytest.mark.parametrize(
    "sentence",
    [
        "중국 상무부는 대만에 무기를 판매한 미국 기업 10곳을 '신뢰할 수 없는 기업 리스트'로 지정했다.",
        "중국 상무부는 대만에 무기를 판매한 미국 기업 3곳을 '신뢰할 수 없는 기업' 리스트에 넣었다.",
        "중국 상무부는 대만에 무기를 판매한 미국 기업 5곳을 수출 통제 명단에 등재했다.",
    ],
)
def test_a_side_putting_the_others_firms_on_a_list_blacklists_them(sentence):
    # guideline: blacklisting (unreliable entity list, export control list) is a dispute
    assert ("taiwan", "dispute") in _events(sentence)


def test_designating_with_no_list_is_no_sanction():
    assert _events("중국 정부는 대만 해협 인근 지역을 경제특구로 지정했다.") == set()
