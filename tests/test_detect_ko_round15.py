"""Korean rules of round fifteen: families of the fresh batch ko-421..ko-440 shared with older dev
records, on sentences of our own; each test fails without its rule."""

from __future__ import annotations

import pytest
from test_detect_predicate import _events


@pytest.mark.parametrize(
    "sentence",
    [
        "미국 상무부가 중국 반도체 업체 세 곳을 거래제한 기업 명단에 올렸다.",
        "미국 상무부는 중국 드론 업체를 '엔티티 리스트'에 추가한다고 밝혔다.",
        "미국은 중국 연구소 다섯 곳을 미검증 리스트에 올렸다고 발표했다.",
    ],
)
def test_the_entity_list_by_its_korean_names_is_export_controls(sentence):
    found = _events(sentence)
    assert ("export_controls", "dispute") in found


def test_a_sanctions_list_of_persons_is_not_the_entity_list():
    # a bare 제재 리스트 (persons sanctioned) names no export control
    sentence = "미국은 중국 국방부장을 제재 리스트에 올렸다고 밝혔다."
    assert not {t for t, _ in _events(sentence)} & {"export_controls"}
