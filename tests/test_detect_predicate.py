"""Events read from the governing predicate (issue 13): kind from what is done to what, modifiers
from the morphemes (Korean, through Kiwi) and lemmas (English), the CAMEO lexicon's header counts,
Kiwi loaded lazily, and `newsmon analyze --explain`."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import pytest
import yaml

from newsmon.detect import detect, explain
from newsmon.records import Article

SOY_PAGE = Path(__file__).parent / "fixtures" / "site" / "article" / "world" / "2025110108050019374.html"


def _article(body: str, title: str = "") -> Article:
    return Article(
        article_id="p", url="https://x/p", outlet="t", title=title, body=body, lang="ko", published_at=None,
        crawled_at=datetime.now(UTC),
    )


def _events(sentence: str) -> set[tuple[str, str]]:
    body = sentence + "\n" + sentence  # two mentions: salient enough to be the article's topic
    return {(e.topic, e.kind) for e in detect(_article(body)).events}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a reverse (yield) predicate takes the opposite of its object's kind
        ("The U.S. cut its retaliatory tariffs on Chinese goods to 10%.", {("tariffs_trade", "agreement")}),
        ("China suspended military talks with the United States.", {("military_channels", "dispute")}),
        ("The U.S. and China agreed to pause their escalating trade war.", {("tariffs_trade", "agreement")}),
        ("Washington raised tariffs on Chinese goods to 100%.", {("tariffs_trade", "dispute")}),
        ("미국은 중국산 제품에 대한 보복 관세를 10%로 인하했다.", {("tariffs_trade", "agreement")}),
        ("중국은 미국과의 군사 대화를 전면 중단했다.", {("military_channels", "dispute")}),
        ("중국은 미국산 반도체에 대한 수출 통제를 1년간 유예하기로 했다.", {("export_controls", "agreement")}),
        ("미국은 중국에 대한 반도체 수출 통제를 강화했다.", {("export_controls", "dispute")}),
        # a quoted clause holds the news even with the sayer and the date before the verb of saying
        ("미국과 중국이 관세를 인하하기로 합의했다고 양국 정부가 3일 발표했다.", {("tariffs_trade", "agreement")}),
        ("중국은 미국산 대두에 보복 관세를 부과한다고 상무부가 4일 발표했다.", {("tariffs_trade", "dispute")}),
        # not events: appeals, agenda items, negations, forecasts, questions, background
        ("China urged the U.S. to lift tariffs on Chinese goods.", set()),
        ("The talks between the U.S. and China covered tariffs and fentanyl.", set()),
        ("The U.S. and China did not discuss Taiwan.", set()),
        ("중국은 미국에 관세 인하 합의 이행을 촉구했다.", set()),
        ("미국과 중국은 관세 인하에 합의하지 못했다.", set()),
        ("미국과 중국이 관세 인하에 합의할 가능성이 있다.", set()),
        ("미국과 중국은 지난해 관세 인하에 합의했다.", set()),
        ("The U.S. has imposed export controls on China since 2022.", set()),
        # a list closed by 등 is agenda for the predicate, unless it is the object of a cue of its own
        ("미국과 중국은 대만 문제와 수출규제, 남중국해 문제 등에 대해 충돌했다.", set()),
        ("이 자리에서 미국과 중국은 군 고위급 소통, 해상군사안보협의체 회의 등을 재개하기로 했으며 펜타닐 대응과 관련한"
         " 협력에도 합의했다.", {("military_channels", "agreement"), ("fentanyl", "agreement")}),
        # a theme (회담에 대해) is what is spoken about: neither the predicate nor its object
        ('중국 외교부 대변인은 미국의 관세 문제를 묻자 "미중 고위급 회담에 대해 관련 부서가 이미 소식을 발표했다"고'
         " 말했다.", set()),
        # what an avert verb prevents is not done (충돌을 막기 위한)
        ("미국과 중국은 남중국해에서 우발적 충돌을 막기 위한 안전장치를 마련했다.", set()),
        # the sentence-final aspect covers a coordinated clause before it (…낮추는 대신 …한 바 있다)
        ("미국이 중국산 제품에 대한 관세를 10%로 낮추는 대신 중국은 농산물 구매 조치를 강화하기로 한 바 있다.", set()),
        ("미국이 중국산 제품에 대한 관세를 10%로 낮추는 대신 중국은 단속 조치를 강화하기로 했다.",
         {("tariffs_trade", "agreement")}),
    ],
)
def test_kind_and_modifiers_come_from_the_predicate(sentence, expected):
    assert _events(sentence) == expected


def test_explain_gives_predicate_modifiers_and_reasons():
    body = "미국과 중국은 관세 인하에 합의하지 못했다.\n미국은 중국산 제품에 대한 보복 관세를 인하했다."
    finding, trace = explain(_article(body))
    kept = [c for c in trace if c.kept]
    dropped = [c for c in trace if not c.kept]
    assert [(c.topic, c.reading.kind, c.reading.category) for c in kept] == [("tariffs_trade", "agreement", "yield")]
    assert kept[0].reading.object == "관세" and "governs" in kept[0].why
    assert dropped and dropped[0].reading.negated and dropped[0].why.startswith("negated")
    assert {(e.topic, e.kind) for e in finding.events} == {("tariffs_trade", "agreement")}


def test_kiwi_is_not_loaded_at_import():
    code = (
        "import newsmon, newsmon.detect, newsmon.korean as k; newsmon.detect.load_taxonomy();"
        "assert not k.loaded(); import sys; assert 'kiwipiepy' not in sys.modules; print('ok')"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "ok", proc.stderr


def test_header_counts_match_the_lexicon():
    text = resources.files("newsmon").joinpath("topics.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    header = dict(re.findall(r"(\w+) (\d+ \+ \d+)", text.split("cues:", 1)[0]))
    counted = {name: f"{len(b.get('en') or [])} + {len(b.get('ko') or [])}" for name, b in raw["cues"].items()}
    assert header == counted


def test_analyze_explain_prints_kept_and_dropped(tmp_path):
    page = tmp_path / "p.html"
    page.write_bytes(SOY_PAGE.read_bytes().replace(b"{{BASE}}", b"https://www.asiae.co.kr"))
    proc = subprocess.run(
        [sys.executable, "-m", "newsmon", "analyze", "--explain", "--outlet", "asiae", str(page)],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "EVENT tariffs_trade agreement" in out and "predicate: '인하' [yield] object '관세'" in out
    assert "dropped candidates" in out and "modifiers:" in out and "kept:" in out


def test_topics_yaml_has_no_duplicate_keys():
    """PyYAML keeps the last of two equal keys silently; a lexicon edit must not lose a list."""

    class Strict(yaml.SafeLoader):
        pass

    def mapping(loader, node):
        keys = [loader.construct_object(k) for k, _ in node.value]
        dupes = {k for k in keys if keys.count(k) > 1}
        assert not dupes, f"duplicate keys {dupes} at line {node.start_mark.line + 1}"
        return loader.construct_mapping(node)

    Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    yaml.load(resources.files("newsmon").joinpath("topics.yaml").read_text(encoding="utf-8"), Strict)


# Floors on the corpus DEV split (the split rules are tuned on; the frozen test split is scored only by
# `make eval-detect`): a change that loses ground on real text fails here. Set a little under the
# figures docs/detection.md quotes, so that shared-machine noise never matters (scoring is exact).
DEV_FLOORS = {
    # ko hard negatives: dev grew by 5 fresh ones (ko-grow2), then 5 more (ko-grow3: 1 of them, a
    # Wall Street trade-hopes item, is flagged before any rule): 3 of 45; round five's market-report
    # rule unflagged the two trade-hopes wraps: 1 of 45; then 5 more (ko-grow4, one flagged before any
    # rule, a KOSPI close blamed on the tariff war): 2 of 50 with round five, set to the measured figure;
    # round six (ko-tune6): topics 0.987/0.921 (152/2/13), events 0.978/0.893 (133/3/16), 1 of 50,
    # floor a little under; then 17 more (ko-grow5, none flagged, recall 0.54 topics / 0.46 events on
    # them before any rule): 0.99/0.89 (159/2/19), 0.98/0.86 (139/3/23), 1 of 57, floor a little under;
    # round seven (ko-tune7): 0.99/0.92 (163/2/15), 0.98/0.89 (144/3/18), 1 of 57, floor a little under
    # then 11 more (ko-grow6, none flagged, before any rule: topics 1.00/1.00, events 1.00/0.71 on
    # them): 0.99/0.92 (172/2/15), 0.98/0.88 (149/3/20), 1 of 61; floors unchanged (still met);
    # then 17 more (ko-grow7, 2 of 6 fresh hard negatives flagged, before any rule: topics 0.77/0.67,
    # events 0.60/0.64 on them): 0.973/0.901 (182/5/20), 0.946/0.863 (158/9/25), 3 of 67, floor set
    # to the measured figure (a fresh batch may lower it; no detector change); round nine (ko-tune9):
    # 0.984/0.911 (184/3/18), 0.958/0.874 (160/7/23), 1 of 67, floor a little under
    # round eight (ko-tune8, on the 61-hard-negative split): 0.994/0.947 (177/1/10), 0.987/0.929 (157/2/12), 0 of 61;
    # merged with round nine on the 67-hard-negative split: 0.990/0.941 (190/2/12), 0.971/0.918 (168/5/15),
    # 0 of 67; then 14 more (ko-grow8, the session's last fresh batch, never tuned on; before rounds eight
    # and nine merged: topics 0.83/1.00, events 0.77/0.91 on them, and the same with every rule
    # merged): 0.980/0.943 (200/4/12), 0.957/0.918 (178/8/16), 0 of 72, floor a little under; round ten
    # (ko-tune10, on that batch's families): 0.985/0.939 (199/3/13), 0.967/0.912 (177/6/17), 0 of 72 (the
    # standing-state rule drops ko-324's backdrop sentence, the labels' own context, which had carried its
    # South China Sea topic: the labelled evidence is another sentence, still missed), floor a little under;
    # then 14 more (ko-grow9, the session's final measure, never tuned on: topics 0.91/0.91, events
    # 0.78/0.78, 1 of 5 fresh hard negatives on them): 0.981/0.937 (209/4/14), 0.958/0.906 (184/8/19),
    # 1 of 77, floor set a little under the measured figure; then 11 more (ko-grow10, untuned: topics
    # 0.67/1.00, events 0.67/1.00, 0 of 5 on them) and 양안 only at a word's start: 0.973/0.939 (215/6/14),
    # 0.950/0.909 (190/10/19), 1 of 82 (floors still met)
    # round eleven (ko-tune11, on the 77-hard-negative split): 0.986/0.937 (209/3/14), 0.969/0.911 (185/6/18),
    # 0 of 77; merged with the batch above: 0.977/0.939 (215/5/14), 0.960/0.914 (191/8/18), 0 of 82,
    # floor a little under; then 12 + 13 more (ko-grow11, ko-grow12, run in parallel, untuned: topics
    # 1.00/0.71 and 0.75/0.82, events 1.00/0.67 and 0.60/0.55, 0 of 6 and 1 of 5 on them): 0.966/0.927
    # (229/8/18), 0.944/0.889 (201/12/25), 1 of 93; rounds twelve and thirteen (ko-tune12, ko-tune13)
    # merged: 0.971/0.935 (231/7/16), 0.954/0.916 (207/10/19), 0 of 93, floors unchanged (met again);
    # then 15 more dev records (ko-grow13, untuned: topics 0.91/0.83, events 0.75/0.75, 1 of 4 hard
    # negatives on them) and round fourteen (ko-tune14, on the split before that batch): 0.968/0.934
    # (242/8/17), 0.943/0.912 (217/13/21), 1 of 97, floor set to the measured figure (the fresh
    # batch's errors lowered it; nobody has tuned on them); then 18 more dev records (ko-grow14, untuned:
    # topics 0.86/0.86, events 0.75/0.75, 1 of 6 hard negatives on them): 0.962/0.930 (254/10/19),
    # 0.934/0.904 (226/16/24), 2 of 103; round fifteen (ko-tune15, tuned on the 296 records before ko-grow14):
    # 0.972/0.942 (244/7/15), 0.957/0.924 (220/10/18), 0 of 97 on those; both merged (ko-447 relabelled at the merge):
    # 0.962/0.938 (255/10/17), 0.938/0.916 (228/15/21), 1 of 103, floor a little under the measured figure
    "ko": {"topics": (0.96, 0.93), "events": (0.93, 0.91), "hard_negatives": 1},
    # en hard negatives: dev grew by 11 fresh ones (en-grow), then 7 more (en-grow2), then 9 more
    # (en-grow4: 3 of them flagged before any rule); after round five 1 of 79 stays flagged (China's
    # rare-earth controls in a China-EU story), set to the measured figure; then 14 more dev records
    # (en-grow5: 7 hard negatives, none flagged; 7 with a topic, read before any rule): events
    # 0.905/0.808 (143/15/34), floor set to the measured figure; round six (en-tune6): topics
    # 0.944/0.899 (170/10/19), events 0.918/0.819 (145/13/32), 1 of 86, floor a little under; then 20
    # more dev records (en-grow6: 10 hard negatives, 1 flagged; 10 with a topic, read before any rule):
    # topics 0.927/0.890 (178/14/22), events 0.900/0.814 (153/17/35), 2 of 96, set to the measured figure;
    # round seven (en-tune7): topics 0.947/0.900 (180/10/20), events 0.923/0.824 (155/13/33), 1 of 96,
    # floor a little under; then 17 more dev records (en-grow7: 9 hard negatives, 3 flagged; 8 with a
    # topic, read before any rule): topics 0.935/0.904 (188/13/20), events 0.911/0.832 (163/16/33),
    # 4 of 105, set to the measured figure; round eight (en-tune8, on that split): topics 0.949/0.904
    # (188/10/20), events 0.937/0.837 (164/11/32), 1 of 105; then 19 more dev records (en-grow8: 9 hard
    # negatives, 3 flagged; 10 with a topic, read before any rule: topics 0.556/0.909, events 0.562/0.818
    # on them); with round eight, the place anaphors and relief rules merged: topics 0.917/0.909
    # (199/18/20), events 0.912/0.850 (176/17/31), 4 of 114; round nine (en-tune9) merged on top:
    # topics 0.943/0.913 (200/12/19), events 0.941/0.855 (177/11/30), 1 of 114; then 15 more dev records
    # (en-grow9, the session's last fresh batch, never tuned on; before round nine merged: topics
    # 0.90/0.90, events 0.875/0.70 on them, and the same with every rule merged): topics 0.941/0.913
    # (209/13/20), events 0.939/0.848 (184/12/33), 1 of 120, floor a little under; round ten
    # (en-tune10): topics 0.950/0.917 (210/11/19), events 0.959/0.866 (188/8/29), 1 of 120; then 12 more
    # (en-grow10, the session's final measure, never tuned on: topics 0.77/0.91, events 0.70/0.78, 1 of
    # 3 hard negatives on them): topics 0.940/0.917 (220/14/20), events 0.947/0.863 (195/11/31), 2 of
    # 123, floor a little under; a region's America no longer the US (en-american): topics 0.944/0.917
    # (220/13/20), events 0.951/0.863 (195/10/31), 1 of 123; round eleven (en-tune11): topics
    # 0.952/0.917 (220/11/20), events 0.961/0.867 (196/8/30), 1 of 123, floor a little under; then 10
    # more (en-grow11, untuned: topics 0.70/1.00, events 1.00/1.00, 0 of 3 on them): 0.942/0.919
    # (227/14/20), 0.962/0.871 (203/8/30), 1 of 126 (floors still met); then 17 + 17 more (en-grow12,
    # en-grow13, run in parallel, untuned: topics 0.75/0.82 and 0.57/0.81, events 0.64/0.64 and
    # 0.56/0.64, 1 of 7 and 4 of 7 on them): 0.899/0.906 (250/28/26), 0.917/0.846 (220/20/40), 6 of 140;
    # rounds twelve and thirteen (en-tune12, en-tune13) merged: 0.912/0.906 (250/24/26), 0.928/0.846
    # (220/17/40), 4 of 140, floor set a little under the measured figure; rounds fourteen a and b
    # (en-tune14a, en-tune14b) merged: 0.923/0.913 (252/21/24), 0.937/0.858 (223/15/37), 4 of 140,
    # floor raised a little under the measured figure; then 12 more dev records (en-grow15, untuned:
    # topics 0.89/0.73 (8/1/3), events 0.88/0.64 (7/1/4), 1 of 3 hard negatives on them): 0.922/0.906
    # (260/22/27), 0.935/0.849 (230/16/41), 5 of 143; round fifteen (en-tune15, tuned on the 337 records
    # before en-grow15): 0.951/0.920 (254/13/22), 0.974/0.865 (225/6/35), 3 of 140 on those; both merged:
    # 0.949/0.913 (262/14/25), 0.967/0.856 (232/8/39), 4 of 143, floor a little under the measured figure
    "en": {"topics": (0.94, 0.91), "events": (0.96, 0.85), "hard_negatives": 4},
}


@pytest.mark.parametrize("lang", sorted(DEV_FLOORS))
def test_dev_split_holds_its_figures(lang):
    from detect_eval import load_corpus, newsmon_detector, score_corpus

    report = score_corpus(newsmon_detector, load_corpus(lang, "dev"))
    floor = DEV_FLOORS[lang]
    topics, events = report.topics_all, report.events
    assert topics.precision >= floor["topics"][0] and topics.recall >= floor["topics"][1], report.errors
    assert events.precision >= floor["events"][0] and events.recall >= floor["events"][1], report.errors
    assert report.hard_negatives <= floor["hard_negatives"], report.flagged


def test_a_sentence_kiwi_cannot_read_is_dropped_with_its_reason(monkeypatch):
    from newsmon import korean

    def broken(text):
        raise RuntimeError("bad input")

    monkeypatch.setattr(korean, "analyse", broken)
    finding, trace = explain(_article("미국과 중국은 관세 인하에 합의했다.\n미국과 중국은 관세 인하에 합의했다."))
    assert finding.events == [] and trace
    assert all(not c.kept and c.why.startswith("Korean analysis failed") for c in trace)


@pytest.mark.parametrize(
    ("body", "absent"),
    [
        # a topic in a backdrop (…갈등 속에) is the setting, not what the predicate reports
        ("대만 문제를 둘러싼 중국과 일본의 갈등 속에 미국과 중국이 주권을 위협하는 행위에 반대한다는 입장을"
         " 밝혔다.", "taiwan"),
        # a quoted sentence closed before the predicate's own holds its own (agenda) predicate
        ('트럼프 대통령은 시 주석과의 통화에서 "펜타닐, 대두 등 많은 주제에 대해 논의했다"며 "우리는 매우 중요한 합의를'
         ' 이뤄냈다"고 말했다.', "fentanyl"),
        # a background clause after the predicate (…회담에 이어) is not governed by it
        ("이번 통화는 하루 전 미국 국방장관과 중국 국방부장 간 화상 회담에 이어 이뤄진 것이다.", "military_channels"),
    ],
)
def test_korean_clauses_the_predicate_does_not_govern(body, absent):
    events = {t for t, _ in _events(body)}
    assert absent not in events


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an announcement in a cause adjunct before another actor's clause is that clause's setting
        ("미국 정부의 잇단 수출통제 발표에 일본 기업들은 중국 시장 전략을 다시 짜기 시작했다.", set()),
        # the same adjunct before a side's own reply: the reply governs
        ("미국 정부의 잇단 수출통제 발표에 중국은 단호히 반대한다고 밝혔다.", {("export_controls", "dispute")}),
        # 발표에 나섰다 (set out to announce) keeps the announcement the news
        ("미국 정부는 중국을 겨냥한 새 수출통제 발표에 나섰다.", {("export_controls", "dispute")}),
    ],
)
def test_a_korean_announcement_in_a_cause_adjunct(sentence, expected):
    assert _events(sentence) == expected


def test_a_korean_deal_needs_both_sides_in_its_sentence():
    one_side = "중국은 베트남과 남중국해에서 해양 협력을 강화하기로 했다.\n미국은 필리핀과 연합훈련을 실시 중이다."
    both = "미국과 중국은 남중국해에서 해양 협력을 강화하기로 했다."
    assert not detect(_article(one_side)).events
    assert {(e.topic, e.kind) for e in detect(_article(both)).events} == {("south_china_sea", "agreement")}


def test_a_dispute_voiced_in_a_channel_is_filed_under_the_topic_it_names():
    alone = "중국이 미국과의 군사 대화 채널을 통해 도발 행위에 단호히 반대한다는 입장을 전달했다."
    taiwan = "중국이 미국과의 군사 대화 채널을 통해 대만 문제에 대한 도발 행위에 단호히 반대한다는 입장을 전달했다."
    assert _events(alone) == {("military_channels", "dispute")}
    assert _events(taiwan) == {("taiwan", "dispute")}


def test_a_korean_term_glossed_in_parentheses_is_named_once():
    body = "미국과 중국 외교장관이 통화했다.\n양측은 인공지능(AI) 문제도 논의했다.\n"
    body += "미국과 중국은 다음 달 다시 만나기로 했다."
    assert "ai" not in detect(_article(body)).topics
    twice = body + "\n미국과 중국은 인공지능 안보 문제도 논의했다."
    assert "ai" in detect(_article(twice)).topics


def test_a_korean_topic_named_only_in_the_headline_is_context():
    body = "미국과 중국 외교장관이 통화했다.\n양측은 다음 달 다시 만나기로 했다."
    title = "미중 외교장관 통화…무역전쟁 '휴전' 등 성과 기대"
    assert "tariffs_trade" not in detect(_article(body, title)).topics
    again = body + "\n미국과 중국은 무역전쟁 휴전 연장 문제도 논의했다."
    assert "tariffs_trade" in detect(_article(again, title)).topics


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a term split by the sentence's grammar: noun, particle, adverb, then the term's verb
        ("중국은 미국에 대한 희토류 수출을 엄격하게 통제한다고 밝혔다.", {("export_controls", "dispute")}),
        # a split cue: an adjective's ending between the words (엄정한 교섭)
        ("중국은 미국 군함의 남중국해 진입에 대해 미국 측에 엄정한 교섭을 제기했다.", {("south_china_sea", "dispute")}),
        # a verb of its own between the words ends the phrase: no split term
        ("중국은 미국과 수출에 관한 새로운 통제를 논의했다.", set()),
    ],
)
def test_korean_terms_split_by_grammar_are_read_on_morphemes(sentence, expected):
    assert _events(sentence) == expected


def test_a_relative_clause_on_the_subject_is_no_news():
    body = "미국과 무역전쟁을 치르는 중국이 미국에 대한 희토류 수출을 엄격하게 통제한다고 밝혔다."
    assert _events(body) == {("export_controls", "dispute")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a list another verb takes (등을 쏜 데 대해) is that verb's object, not agenda for the predicate
        ("미국 국무부는 남중국해에서 중국 해경이 필리핀 선박에 물대포 등을 쏜 데 대해 중국을 비판했다.",
         {("south_china_sea", "dispute")}),
        # a list right before a deal (등에 합의했다) is what is agreed
        ("미국과 중국은 무역협상 재개 등에 합의했다.", {("tariffs_trade", "agreement")}),
        # a list spoken about (등에 대해) stays agenda
        ("미국과 중국은 대만 문제와 남중국해 문제 등에 대해 충돌했다.", set()),
    ],
)
def test_a_korean_list_is_read_by_the_verb_that_takes_it(sentence, expected):
    assert _events(sentence) == expected


def test_run_together_korean_sentences_are_split_after_a_final_ending():
    from newsmon.detect import split_sentences

    two = ["미국이 관세를 발표했다.", "WSJ는 이를 보도했다."]
    assert split_sentences("".join(two)) == two
    assert split_sentences("The U.S. rate rose 3.5 percent.") == ["The U.S. rate rose 3.5 percent."]


def test_withholding_an_arms_sale_to_taiwan_is_a_concession():
    held = "미국 정부가 중국의 압박 속에 대만에 대한 무기 판매 패키지 승인을 보류하고 있다고 보도했다."
    held += "미국은 이를 부인했다."
    assert ("taiwan", "agreement") in _events(held)
