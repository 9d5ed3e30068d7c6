"""Korean rules of round twelve: families of the ko dev errors and of labelled evidence sentences the
reader missed, on sentences of our own; each test fails without its rule."""

from __future__ import annotations

import pytest
from test_detect_predicate import _article, _events

from newsmon.detect import detect


def _found(body: str, title: str) -> set[tuple[str, str]]:
    return {(e.topic, e.kind) for e in detect(_article(body, title)).events}


@pytest.mark.parametrize(
    "sentence",
    [
        "미국과 중국이 펜타닐 밀수에 공동 대응하는 실무그룹을 출범했다.",
        "미중 양국이 펜타닐 문제를 다룰 워킹그룹을 가동했다.",
    ],
)
def test_a_working_group_launched_is_an_agreement(sentence):
    assert ("fentanyl", "agreement") in _events(sentence)


def test_a_working_group_in_a_headline_is_an_agreement():
    body = "미국과 중국 당국자들이 화상 회의를 열었다.\n양측은 펜타닐 원료 단속을 계속 논의할 전망이다."
    assert ("fentanyl", "agreement") in _found(body, "미중, 펜타닐 대응 워킹그룹 출범…공조 방안 논의")


def test_a_joint_statement_issued_is_an_agreement():
    assert ("tariffs_trade", "agreement") in _events("미국과 중국은 제네바 무역 협상 끝에 공동성명을 냈다.")


def test_a_working_group_only_forecast_is_no_agreement():
    assert ("fentanyl", "agreement") not in _events("미국과 중국이 펜타닐 실무그룹을 출범할 것으로 보인다.")


@pytest.mark.parametrize(
    "sentence",
    [
        "중국 외교부는 미국 업체들이 대만과 군사 협력을 벌여 중국의 주권을 훼손했다고 비난했다.",
        "중국은 미국이 대만과 군사 교류를 확대해 지역 평화를 해쳤다고 항의했다.",
        "미국은 중국이 대만 주변에서 대규모 훈련을 벌여 긴장을 높였다고 비판했다.",
    ],
)
def test_the_conduct_a_reaction_condemns_is_its_topic(sentence):
    assert ("taiwan", "dispute") in _events(sentence)


def test_the_act_a_relative_clause_describes_is_what_is_condemned():
    sentence = "미국은 중국이 남중국해 암초를 자연보호구역으로 지정하려는 계획이 지역 안정을 훼손한다고 비판했다."
    assert ("south_china_sea", "dispute") in _events(sentence)


def test_an_actor_a_relative_clause_describes_is_still_no_news():
    sentence = "대만 문제로 대립하는 중국이 미국의 반도체 수출 통제를 비판했다."
    assert ("taiwan", "dispute") not in _events(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "미국과 중국은 중국이 희토류 수출 통제를 유예하고 미국이 펜타닐 관세를 10%로 인하하기로 합의했다.",
        "미국과 중국은 펜타닐 관세 인하와 반도체 수출 통제 완화에 합의했다.",
    ],
)
def test_controls_naming_other_goods_are_not_fentanyl(sentence):
    assert ("export_controls", "agreement") in _events(sentence)


def test_controls_on_fentanyl_precursors_stay_fentanyl():
    found = _events("중국은 미국으로 가는 펜타닐 원료의 수출 통제를 강화하기로 했다.")
    assert ("fentanyl", "agreement") in found and not {t for t, _ in found} & {"export_controls"}
