"""Korean rules of round five (issue 13): families from the fresh batch's dev errors, each tested on
short sentences of our own (not copied from the corpus); each test fails without its rule."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsmon.detect import detect
from newsmon.records import Article


def _article(body: str, title: str = "") -> Article:
    return Article(
        article_id="r5", url="https://x/r5", outlet="t", title=title, body=body, lang="ko", published_at=None,
        crawled_at=datetime.now(UTC),
    )


def _events(sentence: str) -> set[tuple[str, str]]:
    body = sentence + "\n" + sentence  # two mentions: salient enough to be the article's topic
    return {(e.topic, e.kind) for e in detect(_article(body)).events}


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
