"""Korean rules of round fifteen: families of the fresh batch ko-421..ko-440 shared with older dev
records, on sentences of our own; each test fails without its rule."""

from __future__ import annotations

import pytest
from test_detect_ko_round13 import _found
from test_detect_predicate import _article, _events

from newsmon.detect import detect


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


@pytest.mark.parametrize(
    "sentence",
    [
        # a pledge broken: the accusation, no deal done
        "중국 외교부 대변인은 미국이 남중국해 문제에서 중립을 지키겠다는 약속을 어겼다고 말했다.",
        # a defence commitment owed to an ally
        "미국은 중국이 남중국해에서 필리핀 선박을 공격하면 상호방위 약속을 이행할 것이라고 밝혔다.",
    ],
)
def test_a_pledge_broken_or_owed_to_an_ally_is_no_us_china_agreement(sentence):
    assert ("south_china_sea", "agreement") not in _events(sentence)


def test_a_pledge_made_between_the_sides_stays_an_agreement():
    sentence = "미국과 중국은 군사 대화를 재개하기로 약속했다."
    assert ("military_channels", "agreement") in _events(sentence)


_SALE = (
    "미 국방부는 대만에 전투기 부품을 판매하는 방안을 승인했다.\n"
    "판매 규모는 5억 달러에 이른다.\n"
    "이번 부품은 F-16 전투기 정비에 쓰인다.\n"
    "공군은 부품을 내년까지 받는다.\n"
)


def test_a_bare_reaction_a_paragraph_after_the_act_is_on_its_topic():
    # the act (a US sale to Taiwan) three sentences before the bare reaction; the reaction names China
    body = _SALE + "중국 외교부는 강하게 반발했다."
    assert ("taiwan", "dispute") in _found(body, "미 국방부, 대만에 전투기 부품 판매 승인")


def test_a_bare_reaction_too_far_from_any_act_takes_no_topic():
    # the only sentence naming a topic is beyond BARE_REACTION_REACH: no act is in view
    filler = "".join(f"관련 업계는 {n}번째 설명회를 열었다.\n" for n in range(1, 7))
    body = _SALE + filler + "중국 외교부는 강하게 반발했다."
    assert ("taiwan", "dispute") not in _found(body, "전투기 부품 시장 동향")


@pytest.mark.parametrize(
    "sentence",
    [
        # a worry as a cause adjunct: what moved the dollar, nobody's protest
        "미·중 무역전쟁 확전 우려에 달러값이 치솟았다.",
        "미·중 관세 전쟁 우려로 코스피가 하락했다.",
        # a risk said to be high (우려가 높은): a likelihood, voiced by no side
        "미·중 무역전쟁의 불똥이 튈 우려가 높은 원화는 덩달아 추락했다.",
        # an act in a -자 clause before a market's move: named as the move's cause
        "트럼프 미국 대통령이 중국산 제품에 추가 관세를 부과하자 글로벌 투자심리가 얼어붙었다.",
    ],
)
def test_the_market_s_cause_is_no_tariffs_dispute(sentence):
    assert ("tariffs_trade", "dispute") not in _events(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # a side voicing its concern is a protest
        "중국 외교부는 미국의 관세 인상에 우려를 표명했다.",
        # -자 before the other side's reply, no market: the act and the reply are the news
        "미국이 중국산 제품에 관세를 부과하자 중국은 즉각 보복 관세로 맞섰다.",
    ],
)
def test_a_concern_voiced_or_an_act_answered_stays_a_dispute(sentence):
    assert ("tariffs_trade", "dispute") in _events(sentence)


_FEAR = (
    "미·중 무역전쟁이 전면전으로 치달을 수 있다는 공포가 시장을 덮쳤다.\n"
    "미·중 관세 전쟁에 대한 공포가 커졌다.\n"
    "원·달러 환율은 1,130원을 넘어섰다."
)


def test_a_market_headline_of_a_level_reached_frames_a_market_report():
    # 환율 … 최고: a market report; the trade war salient alone is its cause, no topic
    assert not detect(_article(_FEAR, "미중 관세전쟁 공포에...원·달러 환율 9개월래 최고")).topics


def test_the_same_body_under_a_trade_headline_keeps_its_topic():
    assert "tariffs_trade" in detect(_article(_FEAR, "미중 관세전쟁 공포 확산")).topics


def test_a_currency_manipulator_headline_is_no_market_report():
    # 환율조작국 names a trade designation, not the exchange rate: the frame does not apply
    assert "tariffs_trade" in detect(_article(_FEAR, "미중 관세전쟁 속 환율조작국 지정…압박 수위 최고")).topics
