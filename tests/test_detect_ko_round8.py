"""Korean rules of round eight (issue 13): recall on constructions the dev errors showed, each tested
on short sentences of our own (not copied from the corpus); each test fails without its rule."""

from __future__ import annotations

import pytest
from test_detect_predicate import _article, _events

from newsmon.detect import detect


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # -는 양상이다 / 형국이다: the relative clause is the sentence's own statement
        ("미국과 중국의 남중국해 갈등이 공중으로까지 확대되는 양상이다.", ("south_china_sea", "dispute")),
        ("미국이 중국산 제품에 관세를 인상하는 형국이다.", ("tariffs_trade", "dispute")),
    ],
)
def test_a_clause_before_yangsang_is_the_statement(sentence, expected):
    assert expected in _events(sentence)


def test_a_clause_describing_another_noun_stays_no_event():
    # …확대되는 지역이다 describes a place: nothing is reported
    assert not _events("미국과 중국의 남중국해 갈등이 확대되는 지역이다.")


@pytest.mark.parametrize(
    "sentence",
    [
        # an appeal as the main verb: the criticism before it is done
        "중국 정부는 미국의 새 반도체 수출 통제를 강하게 비판하며 즉각 철회를 촉구했다.",
        # a step hinted as the main verb
        "트럼프 대통령은 중국의 희토류 수출 통제를 비판하며 새 관세를 부과할 가능성도 내비쳤다.",
    ],
)
def test_a_reaction_before_an_appeal_or_a_hint_is_done(sentence):
    events = _events(sentence)
    assert ("export_controls", "dispute") in events
    # the tariff hinted after it is not the reaction's, nor an event
    assert ("tariffs_trade", "dispute") not in events


@pytest.mark.parametrize(
    "sentence",
    [
        # a journalist's forecast covers the whole sentence
        "중국은 미국의 반도체 수출 통제에 반발하며 보복에 나설 것으로 보인다.",
        "중국은 미국의 반도체 수출 통제를 비판하며 철회를 촉구할 전망이다.",
    ],
)
def test_a_reaction_under_a_forecast_stays_no_event(sentence):
    assert ("export_controls", "dispute") not in _events(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # the two sides affirm a shared need: a consensus reached
        "미국과 중국 두 정상은 인공지능 기술을 책임 있게 관리해야 할 필요성을 확인했다.",
        "미국과 중국은 인공지능 위험을 관리해야 할 필요성에 공감했다.",
    ],
)
def test_the_two_sides_affirming_a_need_is_an_agreement(sentence):
    assert ("ai", "agreement") in _events(sentence)


def test_a_need_affirmed_by_one_side_alone_is_no_deal():
    # a deal takes two sides (round three): one side affirming a need is no agreement
    assert ("ai", "agreement") not in _events("미국 정부는 인공지능 규제의 필요성을 확인했다.")


@pytest.mark.parametrize(
    "sentence",
    [
        # a deal for one side's farmers is a (farm-purchase) trade deal
        "트럼프 미국 대통령은 시진핑 중국 국가주석과 미국 농부들을 위한 매우 중요한 합의를 이뤘다고 밝혔다.",
        "미국과 중국은 미국 농가에 도움이 되는 구매 합의를 타결했다.",
    ],
)
def test_a_farm_deal_is_a_trade_agreement(sentence):
    assert ("tariffs_trade", "agreement") in _events(sentence)


@pytest.mark.parametrize("anaphor", ["이번 기소를", "이러한 행보를", "이 같은 조처를"])
def test_a_reaction_to_the_indictment_by_anaphor_takes_its_topic(anaphor):
    # the English anaphor's nouns (the charges, the moves, the measures) in Korean
    body = f"미국 법무부가 펜타닐 원료를 밀수한 중국 기업을 재판에 넘겼다.\n중국 외교부는 {anaphor} 강력히 규탄했다."
    events = {(e.topic, e.kind, e.sentence_index) for e in detect(_article(body)).events}
    assert ("fentanyl", "dispute", 1) in events


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Kiwi tags 뒤집 VV-R: the verb is still read by its lemma, a reverse (yield) cue
        ("미국 정부는 중국산 제품에 대한 관세 인상 결정을 뒤집었다.", ("tariffs_trade", "agreement")),
        ("미국은 중국에 대한 반도체 수출 규제를 뒤집었다.", ("export_controls", "agreement")),
    ],
)
def test_a_verb_with_kiwis_conjugation_suffix_is_read(sentence, expected):
    events = _events(sentence)
    assert expected in events
    assert (expected[0], "dispute") not in events


@pytest.mark.parametrize(
    "sentence",
    [
        "미국 정부가 엔비디아의 AI 칩 중국 수출을 승인했다.",
        "미국 상무부는 중국에 대한 H20 칩 수출 허가를 내주기로 했다.",
    ],
)
def test_a_licence_to_export_chips_is_an_export_control_agreement(sentence):
    assert ("export_controls", "agreement") in _events(sentence)


def test_a_licence_to_export_arms_is_no_export_control():
    # other goods: an arms sale to Taiwan is the Taiwan topic's, not the chip controls'
    assert not {t for t, _ in _events("미국은 중국이 반발하는 대만에 대한 무기 수출을 승인했다.")} & {"export_controls"}


@pytest.mark.parametrize(
    "sentence",
    [
        "트럼프 미국 대통령은 \"APEC 정상회의에서 시진핑 중국 국가주석을 만날 필요가 없다\"고 말했다.",
        "바이든 미국 대통령은 APEC에서 중국 정상과 만날 예정이었지만 이제는 그럴 이유가 없다고 밝혔다.",
    ],
)
def test_no_need_to_meet_at_apec_is_an_apec_dispute(sentence):
    assert ("apec", "dispute") in _events(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # recalled, not the news
        "트럼프 미국 대통령은 지난해 APEC에서 시진핑 중국 국가주석을 만날 필요가 없다고 말한 바 있다.",
        # a need to meet is no refusal
        "트럼프 미국 대통령은 APEC에서 시진핑 중국 국가주석을 만날 필요가 있다고 말했다.",
    ],
)
def test_a_recalled_refusal_or_a_need_to_meet_is_no_apec_dispute(sentence):
    assert ("apec", "dispute") not in _events(sentence)


def test_a_relative_clause_on_the_subject_with_an_irregular_verb_describes_it():
    # 돕 is VV-I: the clause (…세력을 도운 미국이) still describes the subject, its topic is no news
    events = _events("대만 독립 세력을 도운 미국이 중국과 관세 협상을 타결했다.")
    assert ("tariffs_trade", "agreement") in events
    assert ("taiwan", "agreement") not in events


@pytest.mark.parametrize(
    "sentence",
    [
        "미국과 중국이 서로 관세를 인상하면서 투자심리가 위축된 영향이다.",
        "미국과 중국의 관세 전쟁으로 경기 둔화 우려가 커지며 외국인 매도세가 강해진 여파다.",
    ],
)
def test_a_cause_given_for_something_else_is_no_event(sentence):
    assert not _events(sentence)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # halting the flow of goods is a ban (a dispute), as English "halted rare earth exports"
        ("중국이 미국에 대한 희토류 수출을 중단했다.", ("export_controls", "dispute")),
        ("中, 美에 희토류 수출 중단", ("export_controls", "dispute")),
        # halting the controls themselves stays a concession
        ("중국이 미국에 대한 희토류 수출 통제를 중단했다.", ("export_controls", "agreement")),
    ],
)
def test_halting_exports_is_a_ban(sentence, expected):
    assert expected in _events(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "美, 中에 관세 폭탄",
        "미국이 중국산 제품에 25% 관세를 때렸다.",
        "미국이 중국산 제품에 고율 관세를 물렸다.",
    ],
)
def test_headline_verbs_and_nouns_of_imposing_tariffs(sentence):
    assert ("tariffs_trade", "dispute") in _events(sentence)


@pytest.mark.parametrize(
    ("sentence", "held"),
    [
        ("미국과 중국 국방장관은 화상 통화를 갖고 남중국해 문제를 논의했다.", "military_channels"),
        ("미국과 중국 군 대표단은 해상군사안보협의체 회의를 열고 남중국해 안전 문제를 논의했다.", "military_channels"),
        ("미국과 중국은 무역 협상을 재개하고 남중국해 문제를 논의했다.", "tariffs_trade"),
    ],
)
def test_a_meeting_held_before_the_agenda_it_covered_is_an_agreement(sentence, held):
    events = _events(sentence)
    assert (held, "agreement") in events
    assert ("south_china_sea", "agreement") not in events  # what was discussed stays agenda


def test_a_conjunct_of_the_agenda_is_no_meeting_held():
    # 회의에서 is where it was said; …확대하고 …강화하는 방안 is what was discussed
    sentence = "회의에서 미국과 중국은 펜타닐 정보 공유를 확대하고 원료 수출 기준을 강화하는 방안을 논의했다."
    assert ("fentanyl", "agreement") not in _events(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "미국과 중국의 국방장관이 작년 1월 바이든 행정부 출범 이후 첫 대면 회담을 개최했다.",
        "미국과 중국은 지난해 중단된 군사 대화를 1년 만에 처음으로 재개했다.",
    ],
)
def test_a_past_anchor_dating_a_first_is_the_news(sentence):
    assert ("military_channels", "agreement") in _events(sentence)


def test_a_past_anchor_of_the_act_itself_stays_background():
    assert not _events("미국과 중국의 국방장관이 작년 1월 대면 회담을 개최했다.")


@pytest.mark.parametrize(
    "sentence",
    [
        "미국과 중국은 펜타닐 문제에 의견을 같이했다.",
        "미국과 중국은 펜타닐 문제 해결에 의견을 모았다.",
        "미국과 중국은 펜타닐 문제에 인식을 같이했다.",
    ],
)
def test_idioms_of_agreeing_are_agree_cues(sentence):
    assert ("fentanyl", "agreement") in _events(sentence)


def test_the_unreliable_entity_list_is_export_controls():
    # guideline: blacklisting on the unreliable entity list is an export-controls dispute
    assert ("export_controls", "dispute") in _events("중국은 미국 방산업체 3곳을 신뢰할 수 없는 기업 명단에 올렸다.")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a meeting term holding its own meeting noun, held by a light verb
        ("미국과 중국은 싱가포르에서 국방장관 회담을 가졌다.", ("military_channels", "agreement")),
        ("미국과 중국은 런던에서 무역 협상을 진행했다.", ("tariffs_trade", "agreement")),
        ("미국과 중국은 이틀간 무역 협상을 벌였다.", ("tariffs_trade", "agreement")),
        ("미국과 중국은 무역 협상을 마무리했다.", ("tariffs_trade", "agreement")),
    ],
)
def test_a_meeting_held_by_a_light_verb_is_an_agreement(sentence, expected):
    assert expected in _events(sentence)


def test_a_light_verb_takes_only_the_noun_its_particle_marks():
    # 입장을 갖고 있다 holds a position: 관세 is no object of it
    assert not _events("미국과 중국은 관세 문제에 대한 입장을 갖고 있다.")
