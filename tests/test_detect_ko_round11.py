"""Korean rules of round eleven: families of the ninth fresh batch, on sentences of our own; each
test fails without its rule."""

from __future__ import annotations

import pytest
from test_detect_predicate import _article, _events

from newsmon.detect import detect

_INCURSION = "중국 군용기 20대가 대만 방공식별구역에 진입했다고 대만 국방부가 밝혔다."


def _found(body: str, title: str = "중국 군용기, 대만 방공식별구역 진입") -> set[tuple[str, str]]:
    return {(e.topic, e.kind) for e in detect(_article(body, title)).events}


def test_friction_in_an_amid_backdrop_ties_no_neighbour():
    remark = "이번 움직임은 최근 대만해협을 둘러싼 미중간 신경전이 이어지는 가운데 나온 것이다."
    body = "\n".join([_INCURSION, _INCURSION, remark])
    assert ("taiwan", "dispute") not in _found(body)


def test_the_us_named_after_the_backdrop_still_ties():
    remark = "대만해협 긴장이 높아지는 가운데 미국 국무부는 중국의 군사 압박을 규탄했다."
    body = "\n".join([_INCURSION, _INCURSION, remark])
    assert ("taiwan", "dispute") in _found(body)


def test_doing_something_jointly_is_an_agreement():
    sentence = "미중 양국 합동으로 펜타닐 밀수 조직을 검거한 첫 사례다."
    assert ("fentanyl", "agreement") in _events(sentence)


def test_a_joint_drill_as_a_noun_is_no_agreement():
    sentence = "미국과 중국 해군이 남중국해에서 각각 합동훈련을 실시했다."
    assert ("south_china_sea", "agreement") not in _events(sentence)


_SANCTIONS = (
    "중국 상무부는 미국 방산업체 3곳을 수출 통제 리스트에 올렸다.\n중국은 이들 업체가 대만에 무기를 판매했다고 밝혔다."
)


@pytest.mark.parametrize(
    "title", ["中, 美 방산업체 제재… ‘대만 군사 협력’ 이유", "중국, 미국 방산업체 제재 ▶ 대만과의 방산 협력 이유"]
)
def test_cooperation_with_taiwan_itself_is_no_us_china_agreement(title):
    assert ("taiwan", "agreement") not in _found(_SANCTIONS, title)


def test_the_sides_cooperating_on_taiwan_is_still_an_agreement():
    sentence = "미국과 중국은 대만해협의 평화를 위해 협력하기로 합의했다."
    assert ("taiwan", "agreement") in _events(sentence)
