"""Korean rules of round thirteen: families of the fresh batches ko-377..ko-420 shared with older dev
records, on sentences of our own; each test fails without its rule."""

from __future__ import annotations

from dataclasses import replace

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


def test_a_meeting_in_the_summit_host_city_is_placed_at_apec():
    sentence = (
        "바이든 미국 대통령과 시진핑 중국 국가주석은 APEC 정상회의가 열리고 있는 미국 샌프란시스코에서 만나 "
        "기후 협력을 강화하기로 했다."
    )
    assert ("apec", "agreement") in _events(sentence)


def test_not_meeting_in_the_host_city_is_no_apec_agreement():
    sentence = "바이든 미국 대통령과 시진핑 중국 국가주석은 APEC 정상회의가 열리는 샌프란시스코에서 만나지 않았다."
    assert ("apec", "agreement") not in _events(sentence)


def test_a_third_country_meeting_in_the_host_city_is_no_us_china_apec_event():
    sentence = "기시다 일본 총리와 시진핑 중국 국가주석이 APEC이 열리고 있는 샌프란시스코에서 회담했다."
    assert not {e for e in _events(sentence) if e[0] == "apec"}


@pytest.mark.parametrize(
    ("title", "body", "lang"),
    [
        ("오바마-후진타오, 관세 인하 합의", "양국 정상은 관세를 인하하기로 합의했다.", "ko"),
        ("리커창 총리·폼페이오 장관, 관세 인하 합의", "양국은 관세를 인하하기로 합의했다.", "ko"),
        ("Obama and Hu Jintao agree to cut tariffs", "The two leaders agreed to cut tariffs.", "en"),
    ],
)
def test_past_leaders_name_their_sides(title, body, lang):
    article = replace(_article(body, title), lang=lang)
    assert ("tariffs_trade", "agreement") in {(e.topic, e.kind) for e in detect(article).events}


def test_a_window_names_no_premier():
    article = _article("유리창이 깨진 미국 대사관은 관세를 인하하기로 합의했다.", "유리창 깨진 대사관, 관세 인하 합의")
    assert not detect(article).events


_FORUM = (
    "미국과 중국은 AI의 폐해를 막기 위한 유엔의 노력에 긍정적인 입장을 나타냈다.\n"
    "미국 대사와 중국 대사는 각각 AI 원칙 수립에 대한 지지를 밝혔다."
)


@pytest.mark.parametrize(
    "lead",
    [
        "UN(국제연합) 안전보장이사회가 인공지능(AI)과 관련한 공식회의를 개최했다.",
        "유엔 총회는 인공지능(AI)에 관한 글로벌 결의안을 채택하고 회의를 개최했다.",
    ],
)
def test_a_forum_meeting_is_no_us_china_agreement(lead):
    assert not detect(_article(_FORUM, lead)).events


def test_the_sides_meeting_at_the_un_still_agree():
    sentence = "미국과 중국은 유엔에서 회담을 열고 인공지능(AI) 안전에 협력하기로 합의했다."
    assert ("ai", "agreement") in _events(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "미국은 미중 국방장관 통화를 요청했지만 중국이 거절했다고 밝혔다.",
        "미국은 중국에 국방장관 회담을 요청했으나 중국이 거부했다.",
    ],
)
def test_a_channel_asked_for_and_refused_is_a_dispute(sentence):
    assert ("military_channels", "dispute") in _events(sentence)


def test_a_channel_held_after_a_refusal_of_something_else_is_no_dispute():
    sentence = "중국은 미국의 제안을 거절했지만 미중 국방장관 통화는 예정대로 진행했다."
    assert ("military_channels", "dispute") not in _events(sentence)
