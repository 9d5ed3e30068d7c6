"""Detection: the seed article comes out as labelled; negation, hedges, hard negatives stay silent."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsmon.detect import detect, split_sentences, taxonomy_from_dict
from newsmon.records import Article

SEED = Path(__file__).parent / "fixtures" / "seed"


def _article(title: str, body: str, summary=()) -> Article:
    return Article(
        article_id="t",
        url="https://x/1",
        outlet="t",
        title=title,
        body=body,
        lang="en",
        published_at=None,
        crawled_at=datetime.now(UTC),
        summary=tuple(summary),
    )


def seed_article() -> tuple[Article, dict]:
    exp = json.loads((SEED / "expected.json").read_text())
    txt = (SEED / "asiae-en-biden-xi-summit.txt").read_text()
    start = txt.index(exp["body_first_sentence"])
    end = txt.index(exp["body_last_sentence"]) + len(exp["body_last_sentence"])
    body = txt[start:end].replace(exp["title"] + "\n", "")
    return _article(exp["title"], body, exp["summary"]), exp


def test_seed_topics_and_events():
    article, exp = seed_article()
    finding = detect(article)
    assert sorted(finding.topic_ids) == sorted(exp["topics"])
    got = {(e.topic, e.kind) for e in finding.events}
    assert got == {(e["topic"], e["kind"]) for e in exp["events"]}
    for not_event in exp["not_events"]:
        assert not any(e.topic == not_event["topic"] for e in finding.events)
    text = "\n".join([article.title, *article.summary, article.body])
    for e in finding.events:
        assert e.evidence in text  # evidence is a real sentence of the article
        assert 0 < e.confidence <= 1


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The U.S. and China agreed to resume military talks.", {("military_channels", "agreement")}),
        ("The U.S. and China did not agree to resume military talks.", set()),
        ("The U.S. and China may agree to resume military talks.", set()),
        ("Will the U.S. and China resume military talks?", set()),
        ("China condemned new U.S. export controls on chips.", {("export_controls", "dispute")}),
        ("China could retaliate against U.S. export controls.", set()),
        ("미국과 중국은 군사 소통 채널을 복원하기로 합의했다.", {("military_channels", "agreement")}),
        ("미국과 중국은 군사 소통 채널 복원에 합의하지 못했다.", set()),
        ("중국은 미국의 반도체 수출 통제 강화에 강하게 반발했다.", {("export_controls", "dispute")}),
        ("미국과 중국이 군사 대화 재개에 합의할 전망이다.", set()),
    ],
)
def test_sentence_events(sentence, expected):
    body = sentence + "\n" + sentence.replace(".", " again.", 1)  # two mentions: salient enough
    got = {(e.topic, e.kind) for e in detect(_article("", body)).events}
    assert got == expected


@pytest.mark.parametrize(
    "body",
    [
        "TSMC, Taiwan's largest chipmaker, reported record quarterly profit. Taiwan's exports rose.",
        "South Korea and North Korea restored their military hotline. The hotline had been cut for a year.",
        "The EU tightened export controls on Russia. Export controls now cover more dual-use goods.",
        "대만 TSMC가 3분기 사상 최대 실적을 발표했다. 대만 증시는 상승했다.",
        "남북이 군 통신선을 복원하기로 합의했다. 군 통신선은 1년 만에 재개됐다.",
    ],
)
def test_hard_negatives_without_both_sides_stay_silent(body):
    finding = detect(_article("", body))
    assert finding.topics == {} and finding.events == []


def test_past_context_does_not_become_an_event():
    body = (
        "The U.S. and China restored military dialogue channels that had been closed since Pelosi's visit to "
        "Taiwan.\nTaiwan remains a concern for the U.S. and China, officials said."
    )
    events = {(e.topic, e.kind) for e in detect(_article("U.S., China restore military dialogue", body)).events}
    assert ("military_channels", "agreement") in events
    assert ("taiwan", "agreement") not in events


def test_sentences_respect_abbreviations_and_korean():
    assert split_sentences("U.S. President Biden met Xi. They talked.") == [
        "U.S. President Biden met Xi.",
        "They talked.",
    ]
    assert split_sentences("미국이 합의했다. 중국도 동의했다.") == ["미국이 합의했다.", "중국도 동의했다."]


def test_new_topic_from_data_alone():
    from importlib import resources

    import yaml

    raw = yaml.safe_load(resources.files("newsmon").joinpath("topics.yaml").read_text(encoding="utf-8"))
    raw["topics"]["rare_earths"] = {"en": ["rare earth*"], "ko": ["희토류"]}
    tax = taxonomy_from_dict(raw)
    body = "China and the U.S. agreed to ease rare earth curbs.\nRare earths trade resumed, the U.S. and China said."
    finding = detect(_article("", body), tax)
    assert "rare_earths" in finding.topics
    assert ("rare_earths", "agreement") in {(e.topic, e.kind) for e in finding.events}


def test_topic_only_in_past_context_is_not_the_articles():
    """Taiwan named twice, both times in a background clause (a past visit), is context: the article
    is about the resumed talks, not about Taiwan."""
    body = (
        "The United States and China agreed on Tuesday to resume military talks. "
        "China cut military communication with the United States after Nancy Pelosi visited Taiwan in 2022. "
        "Beijing suspended the talks with Washington last year after the speaker's trip to Taiwan."
    )
    found = detect(_article("US and China resume military talks", body))
    assert "military_channels" in found.topics
    assert "taiwan" not in found.topics


@pytest.mark.parametrize(
    "sentence",
    [
        "Talks between US and Chinese naval officers ended with agreements for continued dialogue.",
        "Biden and Xi agreed to restore high-level communications channels between their militaries.",
        "The US and Chinese navies agreed in high-level talks to maintain naval dialogue.",
    ],
)
def test_military_channel_phrasings_in_either_order(sentence):
    """A military side beside a channel word, before or after it, names the military channel."""
    found = detect(_article("", sentence + " " + sentence))
    assert ("military_channels", "agreement") in {(e.topic, e.kind) for e in found.events}


@pytest.mark.parametrize(
    "lang, title, body",
    [
        (
            "en",
            "US allows Nvidia to resume AI chip sales to China",
            "The United States approved exports of Nvidia's AI chips to China on Tuesday. "
            "China welcomed the US decision to allow sales of the AI processors.",
        ),
        (
            "ko",
            "미국, 엔비디아 AI 칩 중국 수출 허용",
            "미국 정부는 14일 엔비디아의 인공지능(AI) 칩을 중국에 수출하는 것을 승인했다. "
            "중국 정부는 미국의 AI 반도체 수출 허용을 환영했다.",
        ),
    ],
)
def test_ai_naming_a_chip_is_not_the_ai_topic(lang, title, body):
    """'AI chips' names hardware whose trade is export controls: not the ai topic."""
    assert "ai" not in detect(dataclasses.replace(_article(title, body), lang=lang)).topics


def test_ai_itself_is_still_the_ai_topic():
    """The narrowing leaves AI as a subject of talks alone."""
    body = "The United States and China agreed on Tuesday to hold talks on AI safety."
    found = detect(_article("US and China agree to AI talks", body))
    assert ("ai", "agreement") in {(e.topic, e.kind) for e in found.events}
