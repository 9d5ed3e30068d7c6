"""Korean rules of round ten (issue 13): background read from the sentence's last verb and from a
standing state said of a noun (families of the eighth fresh batch), on sentences of our own; each test
fails without its rule."""

from __future__ import annotations

import pytest
from test_detect_predicate import _events


@pytest.mark.parametrize(
    "sentence",
    [
        "트럼프 대통령은 중국산 펜타닐 유입을 강하게 비판하면서 강경한 대응을 하겠다고 강조해왔다.",
        "중국은 미국의 대만 무기 판매를 규탄하면서 단호히 대응하겠다고 밝혀왔다.",
        "중국 상무부는 미국의 수출 통제를 비판하면서 자국 기업을 보호하겠다고 말해 왔다.",
    ],
)
def test_a_sentence_ending_in_a_habitual_past_is_background(sentence):
    assert not {kind for _, kind in _events(sentence)} & {"dispute"}


def test_the_same_criticism_as_news_is_a_dispute():
    sentence = "트럼프 대통령은 중국산 펜타닐 유입을 강하게 비판하면서 강경한 대응을 하겠다고 강조했다."
    assert ("fentanyl", "dispute") in _events(sentence)


def test_a_standing_state_said_of_a_noun_is_background():
    sentence = "미중은 대만 등을 둘러싼 사안에서 대립하고 있는 양국 국방장관이 만난 것은 작년 11월 이후 처음이다."
    assert ("taiwan", "dispute") not in _events(sentence)


def test_a_dispute_going_on_as_the_main_clause_is_still_news():
    sentence = "미국과 중국은 대만 문제를 놓고 정면으로 대립하고 있다."
    assert ("taiwan", "dispute") in _events(sentence)


def test_cross_strait_is_a_word_not_a_run_of_syllables():
    # 해양안보 (maritime security) holds 양안 across its two words; 양안 관계 is the cross-strait term
    assert "taiwan" not in {topic for topic, _ in _events("미국과 중국은 군사해양안보협력 협의를 열기로 합의했다.")}
    assert ("taiwan", "dispute") in _events("중국은 미국이 양안 관계를 훼손하고 있다고 강하게 비판했다.")
