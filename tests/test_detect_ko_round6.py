"""Korean rules of round six (issue 13): recall families from the dev misses, each tested on short
sentences of our own (not copied from the corpus); each test fails without its rule."""

from __future__ import annotations

import pytest
from test_detect_predicate import _article, _events

from newsmon.detect import detect


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the uniformed chiefs by title are defence chiefs: their talks are a military channel
        ("미국 합참의장과 중국 연합참모부 참모장이 통화했다.", {("military_channels", "agreement")}),
        ("미국 합참의장이 중국 총참모장과 베이징에서 만났다.", {("military_channels", "agreement")}),
        # the two militaries' leadership as a body
        ("미국과 중국의 군 수뇌부가 워싱턴에서 회담했다.", {("military_channels", "agreement")}),
    ],
)
def test_korean_defence_chiefs_by_title(sentence, expected):
    assert _events(sentence) == expected


def test_a_surname_and_title_name_the_side_the_article_introduced():
    # the US envoy is introduced with 미 once; later sentences say his surname and title only, so
    # each names both sides with the Chinese minister, and Taiwan is discussed in two of them
    body = (
        "데이비드 마틴 미 국무부 부장관이 서울에서 왕이 중국 외교부장을 만났다.\n"
        "마틴 부장관은 왕이 부장과 대만 문제에 대해 의견을 나눴다.\n"
        "마틴 부장관은 왕이 부장에게 대만 해협의 안정을 강조했다."
    )
    assert "taiwan" in detect(_article(body)).topics
    # without the introduction the surname is no one's: the side is not named, no topic
    unnamed = body.replace("미 국무부 부장관", "부장관")
    assert "taiwan" not in detect(_article(unnamed)).topics


def test_exchanging_views_on_an_issue_reads_the_topic_but_is_no_event():
    # 의견을 교환/나누다: the two sides talked about Taiwan (the article's topic, read by an agenda
    # predicate), which agrees nothing on it
    for verb in ("의견을 교환했다", "의견을 나눴다"):
        sentence = f"미국과 중국 외교장관은 대만 문제에 대해 {verb}."
        finding = detect(_article(sentence + "\n" + sentence))
        assert "taiwan" in finding.topics
        assert not finding.events


def test_a_time_or_linking_word_before_a_side_and_title_is_no_ones_name():
    # 이날 미 국무부 대변인은 …: 이날 ("that day") stands where a name would, but a later "이날 대변인은"
    # names no side; a real surname introduced so still carries its side
    from newsmon.detect import _ko_surname_sides

    names = [{"us"}, {"china"}]
    _ko_surname_sides([("이날 미 국무부 대변인은 말했다.", False), ("이날 대변인은 중국을 비판했다.", False)], names)
    assert names[1] == {"china"}
    names = [{"us"}, {"china"}]
    _ko_surname_sides([("존 커비 미 백악관 대변인은 말했다.", False), ("커비 대변인은 중국을 비판했다.", False)], names)
    assert names[1] == {"us", "china"}
