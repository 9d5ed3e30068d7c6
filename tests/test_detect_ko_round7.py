"""Korean rules of round seven (issue 13): recall on anaphora and the fifth fresh batch, each tested on
short sentences of our own (not copied from the corpus); each test fails without its rule."""

from __future__ import annotations

import pytest
from test_detect_predicate import _article, _events

from newsmon.detect import detect, load_taxonomy, sentence_events


@pytest.mark.parametrize(
    "sentence",
    [
        # the leaders meet on the summit's occasion: the meeting held is the APEC event
        "미국과 중국 정상은 APEC 정상회의를 계기로 만나 두 시간 동안 회담을 가졌다.",
        # a relative clause carries the meeting, the main clause a quarrel
        "에이펙 정상회의를 계기로 만난 미중 정상이 무역 문제를 놓고 설전을 벌였다.",
    ],
)
def test_a_meeting_on_the_apec_occasion_is_an_apec_agreement(sentence):
    assert ("apec", "agreement") in _events(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # recalled context, not the news
        "미국과 중국 정상은 지난해 APEC 정상회의를 계기로 만나 회담을 가졌다.",
        # one side is not named: another pair met there
        "한국과 중국 정상은 APEC 정상회의를 계기로 만나 회담을 가졌다.",
    ],
)
def test_an_apec_occasion_recalled_or_of_another_pair_is_no_event(sentence):
    assert ("apec", "agreement") not in _events(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "중국 당국이 미국 반도체 업체 퀄컴 제품의 구매를 중단하라고 지시했다.",
        "중국이 미국 반도체 기업에 대한 제재를 발표했다.",
    ],
)
def test_a_ban_on_a_chip_makers_products_is_an_export_control_dispute(sentence):
    assert ("export_controls", "dispute") in _events(sentence)


def test_a_korean_reaction_by_anaphor_takes_the_previous_sentences_topic():
    # the reaction names no topic: 이에 points back to the sentence before
    body = "미국이 대만 문제에 관한 새 법안을 통과시켰다.\n중국 외교부는 이에 강력히 반발했다."
    events = {(e.topic, e.kind, e.sentence_index) for e in detect(_article(body)).events}
    assert ("taiwan", "dispute", 1) in events
    # 이에 따라 ("accordingly") is a consequence, not a reaction to the act
    consequence = "미국이 대만 문제에 관한 새 법안을 통과시켰다.\n이에 따라 긴장이 격화됐다."
    events = {(e.topic, e.kind, e.sentence_index) for e in detect(_article(consequence)).events}
    assert not any(i == 1 for _, _, i in events)


@pytest.mark.parametrize(
    "sentence",
    [
        "미국 구축함이 대만해협을 통과해 중국군이 경계 태세를 강화했다.",
        "미국 군함이 대만해협을 통과하자 중국 국방부가 강력히 항의했다.",
    ],
)
def test_a_transit_just_before_a_dispute_is_what_is_disputed(sentence):
    assert ("taiwan", "dispute") in _events(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "미국 구축함이 대만해협을 통과해 중국군이 경계 태세를 강화했다.",
        "미국 군함이 대만해협을 통과하자 중국 국방부가 강력히 항의했다.",
    ],
)
def test_a_transit_is_read_at_its_own_offsets_when_kiwi_splits_the_scaffold_sentence(sentence):
    # one scaffold sentence that Kiwi reads as two: the transit clause sits in the second, whose
    # offsets are the scaffold's; read in Kiwi's sentence at those offsets, it was missed
    tax = load_taxonomy()
    joined = "미중 관계가 최근 급속히 악화되고 있는 가운데 양국 정상은 이날 전화로 회담을 가졌다고 밝혔다. " + sentence
    assert ("taiwan", "dispute") in {(e.topic, e.kind) for e in sentence_events(joined, tax, set(tax.topics))}
