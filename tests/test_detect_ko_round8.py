"""Korean rules of round eight (issue 13): recall on constructions the dev errors showed, each tested
on short sentences of our own (not copied from the corpus); each test fails without its rule."""

from __future__ import annotations

import pytest
from test_detect_predicate import _events


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
