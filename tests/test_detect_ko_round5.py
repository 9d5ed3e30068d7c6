"""Korean rules of round five (issue 13): families from the fresh batch's dev errors, each tested on
short sentences of our own (not copied from the corpus); each test fails without its rule."""

from __future__ import annotations

import pytest
from test_detect_predicate import _article, _events

from newsmon.detect import detect


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # defence-policy talks by name are a military channel
        ("미국과 중국 국방 당국자들이 베이징에서 국방정책조정회담을 열었다.", {("military_channels", "agreement")}),
        # port-entry fees on the other side's ships are a trade measure
        ("중국은 미국 선박에 입항 수수료를 부과하기로 했다.", {("tariffs_trade", "dispute")}),
        # AI with a particle glued to it (AI를, AI에) is the ai term; AI 칩을 stays hardware
        ("미국과 중국은 AI를 둘러싼 위험을 다룰 정부 간 대화를 열기로 합의했다.", {("ai", "agreement")}),
        ("미국은 중국에 대한 AI 칩을 수출 통제 대상에 추가했다.", {("export_controls", "dispute")}),
    ],
)
def test_korean_terms_added_from_dev_misses(sentence, expected):
    assert _events(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a deal said to be near is a forecast, not an agreement reached
        ("미국과 중국이 관세 협상 타결에 가까워지고 있다고 외신이 전했다.", set()),
        ("미국과 중국의 무역 합의 타결 임박 소식에 증시가 올랐다.", set()),
        ("미국과 중국이 관세 인하 합의에 근접했다.", set()),
        # the deal itself stays one
        ("미국과 중국이 관세 인하에 합의했다.", {("tariffs_trade", "agreement")}),
        # 근접 before a drill says how close it is held, not that a deal is near
        ("중국군이 대만 해협에서 미국 구축함에 근접한 훈련을 벌였다.", {("taiwan", "dispute")}),
    ],
)
def test_a_korean_deal_said_to_be_near_is_a_forecast(sentence, expected):
    assert _events(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a measure in a dated relative clause closed by 이후 is the backdrop (…한 2019년 5월 이후)
        ("미국이 중국산 제품에 관세를 매기기 시작한 2019년 5월 이후 처음 있는 일이다.", set()),
        # a sentence opened by 당시 recalls the event an earlier sentence dated
        ("당시 미국과 중국은 관세를 절반으로 낮추기로 합의했다.", set()),
        # 당시 inside the sentence (then-minister) dates a person, not the predicate
        ("미국과 중국은 펠로시 당시 하원의장의 방문으로 끊긴 군사 대화를 재개하기로 했다.",
         {("military_channels", "agreement")}),
        # abolishing a tariff (철폐) is a yield, as 폐지 is
        ("미국은 중국산 제품에 대한 관세를 모두 철폐하기로 했다.", {("tariffs_trade", "agreement")}),
    ],
)
def test_korean_recalled_clauses_are_background(sentence, expected):
    assert _events(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # what a verb of analysing closes is a reading of events (guideline: analysts' opinions)
        ('한 연구소는 "미국과 중국의 관세 전쟁이 다시 시작돼 보복 관세가 부과됐다"고 분석했다.', set()),
        ("미국과 중국이 관세 휴전에 합의한 것으로 풀이된다.", set()),
        # a measure in a clause before the analyst's own subject is the news the analyst reads
        ("미국이 중국산 제품에 관세를 부과하자 전문가들은 무역전쟁이 다시 시작됐다고 분석했다.",
         {("tariffs_trade", "dispute")}),
        # the same clause said by a side is the news
        ('중국 상무부는 "미국산 제품에 보복 관세를 부과했다"고 밝혔다.', {("tariffs_trade", "dispute")}),
    ],
)
def test_a_korean_analysts_reading_is_no_event(sentence, expected):
    assert _events(sentence) == expected


def test_a_korean_market_report_has_topics_only_through_events():
    body = "미국과 중국의 무역협상에 대한 낙관론이 나왔다.\n미국과 중국의 무역협상이 곧 열릴 수 있다는 전망이 나왔다."
    assert "tariffs_trade" in detect(_article(body, "미중 무역협상 낙관론 커져")).topics
    market = "코스피, 미중 무역협상 낙관론에 상승 마감"
    assert not detect(_article(body, market)).topics
    # an event the report states still makes its topic
    event = body + "\n미국과 중국은 관세를 절반으로 낮추기로 합의했다."
    assert "tariffs_trade" in detect(_article(event, market)).topics


def test_a_position_stated_on_a_korean_topic_makes_it_the_articles():
    meeting = "미국과 중국 국방 당국자들이 국방정책조정회담을 열었다.\n"
    stance = "미국 측은 대만 해협의 평화와 안정의 중요성을 재확인했다.\n"
    stance += "중국 측은 대만 문제에서 물러나지 않겠다는 입장을 강조했다."
    assert "taiwan" in detect(_article(meeting + stance)).topics
    named = "미국 측은 대만 해협 정세를 설명했다.\n중국 측은 대만 문제의 경과를 소개했다."
    assert "taiwan" not in detect(_article(meeting + named)).topics
    # without a US-China event the same positions are no US-China story
    assert "taiwan" not in detect(_article(stance)).topics


def test_a_korean_accusation_of_harm_is_a_dispute():
    # 훼손, 침해 (to harm, to infringe) accuse: the cooperation it harmed is not agreed
    sentence = '중국 외교부는 "미국의 펜타닐 관세는 양국 마약 퇴치 협력에 충격을 줬고 중국 이익을 훼손했다"고 밝혔다.'
    assert _events(sentence) == {("fentanyl", "dispute"), ("tariffs_trade", "dispute")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # rules of conduct the two sides decide to make (수칙을 만들다, 지침을 마련하다) are an agreement
        ("미국과 중국은 군사 충돌 방지 수칙을 만들기로 했다.", {("military_channels", "agreement")}),
        ("미국과 중국은 군사 충돌 방지를 위한 행동지침을 마련하기로 했다.", {("military_channels", "agreement")}),
        # a verb of making with no such object reports nothing
        ("미국과 중국은 군사 충돌 방지의 여건을 만들기로 했다.", set()),
    ],
)
def test_korean_rules_of_conduct_made_together_are_an_agreement(sentence, expected):
    assert _events(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a topic a friction noun right after it is over is the agreement's setting, not what it agrees
        ("미국과 중국은 남중국해 영유권 분쟁으로 높아진 긴장을 낮추기 위해 군사 대화를 재개하기로 합의했다.",
         {("military_channels", "agreement")}),
        # a dispute still takes it
        ("중국은 남중국해 영유권 분쟁에 개입하는 미국을 강하게 비판했다.", {("south_china_sea", "dispute")}),
    ],
)
def test_a_korean_topic_a_friction_is_over_is_an_agreements_setting(sentence, expected):
    assert _events(sentence) == expected
