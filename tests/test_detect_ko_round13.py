"""Korean rules of round thirteen: families of the fresh batches ko-377..ko-420 shared with older dev
records, on sentences of our own; each test fails without its rule."""

from __future__ import annotations

import pytest
from test_detect_predicate import _article, _events

from newsmon.detect import detect


def _found(body: str, title: str) -> set[tuple[str, str]]:
    return {(e.topic, e.kind) for e in detect(_article(body, title)).events}


@pytest.mark.parametrize(
    "sentence",
    [
        "미국 상무부는 중국 기업 3곳을 수출통제 명단에서 삭제했다고 밝혔다.",
        "미국 정부가 중국 연구소를 수출 통제 대상에서 제외했다.",
        "美, 中 연구소 수출통제 명단서 제외",
    ],
)
def test_a_firm_taken_off_a_control_list_is_an_agreement(sentence):
    found = _events(sentence)
    assert ("export_controls", "agreement") in found
    assert ("export_controls", "dispute") not in found


def test_except_is_no_removal():
    sentence = "미국은 중국산 제품에 대한 관세를 일부 품목을 제외하고 인상했다."
    assert ("tariffs_trade", "agreement") not in _events(sentence)


def test_a_denial_order_lifted_is_an_export_controls_agreement():
    body = "미국 상무부가 중국 통신업체에 부과한 미국 기업과의 거래 금지 제재를 해제했다고 밝혔다."
    assert ("export_controls", "agreement") in _found(body, "美상무부, 中통신업체 거래금지 제재 해제")


def test_a_denial_order_imposed_is_an_export_controls_dispute():
    sentence = "미국 상무부는 중국 통신업체에 7년간 미국 기업과의 거래 금지 제재를 부과했다."
    assert ("export_controls", "dispute") in _events(sentence)
