"""Alerting with real receivers: a webhook, a Slack-compatible endpoint, an SMTP server (aiosmtpd).

Every case states the stories it expects by hand (which articles report the same thing) and counts,
from what the receivers got, duplicates (a story event received more than once) and misses (a story
event never received). Both must be zero; the totals are printed at the end of the session.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from receivers import SlackReceiver, SmtpReceiver
from support import WebhookReceiver

from newsmon.alert import add_to_outbox, drain_outbox
from newsmon.alert.story import similarity, sketch
from newsmon.config import AlertChannel, AlertingConfig
from newsmon.records import Article, Event, Finding
from newsmon.tables import write_version

pytestmark = pytest.mark.e2e
COUNTS = Counter()  # duplicates / missed / cases, summed over the session (see conftest)
T0 = datetime(2025, 11, 1, 8, 5, tzinfo=UTC)
NOW = datetime(2025, 11, 2, tzinfo=UTC)
NO_SLEEP = lambda s: None  # noqa: E731

EN_BODY = (
    "U.S. President Donald Trump and Chinese President Xi Jinping met on the sidelines of the APEC summit in "
    "Gyeongju and agreed to extend the tariff truce for another year. The United States will lower the "
    "fentanyl-related tariff on Chinese goods from 20 percent to 10 percent, and China will suspend the rare "
    "earth export controls it announced in October. Both sides said working-level trade talks would continue "
    "in the coming weeks, and Treasury Secretary Scott Bessent called the meeting a success for both economies."
)
KO_BODY = (
    "도널드 트럼프 미국 대통령과 시진핑 중국 국가주석이 경주에서 열린 APEC 정상회의를 계기로 회담을 갖고 관세 휴전을 "
    "1년 더 연장하기로 합의했다. 미국은 펜타닐 관련 대중 관세를 20%에서 10%로 낮추고, 중국은 지난 10월 발표한 희토류 "
    "수출 통제를 유예하기로 했다. 양측은 앞으로 몇 주 동안 실무 무역 협상을 이어가기로 했으며 스콧 베선트 재무장관은 "
    "이번 회담이 양국 경제 모두에 성공이었다고 평가했다."
)
OTHER_EN_BODY = (
    "China's commerce ministry said on Wednesday it would take resolute countermeasures after Washington added "
    "dozens of Chinese chipmakers to the Entity List, widening restrictions on advanced semiconductor equipment. "
    "Beijing accused the United States of abusing export controls and weaponising trade, while American officials "
    "said the rules protect national security. Analysts expect the dispute to weigh on talks planned for December."
)
TRUCE = Event(
    "tariffs_trade",
    "agreement",
    "Trump and Xi agreed to extend the tariff truce for another year.",
    terms=("tariff",),
    confidence=0.9,
)


def article(
    article_id, outlet, body, title="Trump, Xi extend tariff truce", source_id=None, lang="en", url=None, minutes=0
):
    """An article as extraction makes it."""
    return Article(
        article_id=article_id,
        url=url or f"https://{outlet}.example/{article_id}",
        outlet=outlet,
        title=title,
        body=body,
        lang=lang,
        published_at=T0 + timedelta(minutes=minutes),
        crawled_at=T0 + timedelta(minutes=minutes),
        source_id=source_id,
    )


def crawl(store, run_id, items, version=1):
    """What a crawl does: store each article with its events, then list them in the outbox."""
    keys = []
    for art, events in items:
        _, ekey, *_ = write_version(store, art, Finding(art.article_id, {}, list(events)), version, detected_at=NOW)
        keys.append(ekey)
    add_to_outbox(store, items[0][0].outlet, run_id, keys)


def check(received: list[dict], expected: dict[str, str], events: set[tuple[str, str, str]]) -> None:
    """Assert and count: each (story label, topic, kind) in ``events`` received exactly once."""
    got = Counter((expected[p["article_id"]], p["topic"], p["kind"]) for p in received)
    duplicates = sum(n - 1 for n in got.values() if n > 1)
    missed = len(events - set(got))
    unexpected = set(got) - events
    COUNTS.update(cases=1, duplicates=duplicates, missed=missed, unexpected=len(unexpected))
    print(f"alerts: received={len(received)} duplicates={duplicates} missed={missed}")
    assert (duplicates, missed, unexpected) == (0, 0, set()), got


@pytest.fixture
def hook():
    with WebhookReceiver() as w:
        yield w


def channel(url, **kw):
    return AlertChannel(type="webhook", url=url, name="hook", **kw)


def test_sketch_tells_copies_from_other_stories():
    edited = "Seoul, Nov. 1 (Yonhap) -- " + EN_BODY.replace("another year", "one more year") + " (End)"
    assert similarity(sketch(EN_BODY), sketch(edited)) > 0.6
    assert similarity(sketch(EN_BODY), sketch(OTHER_EN_BODY)) < 0.2
    assert similarity(sketch(KO_BODY), sketch(KO_BODY.replace("평가했다", "말했다"))) > 0.6


def test_syndicated_copy_on_second_outlet_alerts_once(store, hook):
    copy = "SEOUL (Yonhap) -- " + EN_BODY.replace("another year", "one more year") + " Copyright Yonhap."
    crawl(
        store,
        "r1",
        [(article("asiae-en-2025110108050019374", "asiae", EN_BODY, source_id="2025110108050019374"), [TRUCE])],
    )
    drain_outbox(store, [channel(hook.url)], sleep=NO_SLEEP, now=NOW)
    crawl(store, "r2", [(article("yonhap-abc", "yonhap", copy, minutes=30), [TRUCE])])
    crawl(
        store,
        "r2",
        [
            (
                article("other-1", "yonhap", OTHER_EN_BODY, minutes=40),
                [Event("export_controls", "dispute", "Beijing accused the US of abusing export controls.")],
            )
        ],
    )
    d = drain_outbox(store, [channel(hook.url)], sleep=NO_SLEEP, now=NOW)
    labels = {"asiae-en-2025110108050019374": "truce", "yonhap-abc": "truce", "other-1": "chips"}
    check(hook.received, labels, {("truce", "tariffs_trade", "agreement"), ("chips", "export_controls", "dispute")})
    assert d.already_sent == 0 and d.sent == 1  # the copy joined a story already alerted, not re-sent
    truce = next(p for p in hook.received if p["topic"] == "tariffs_trade")
    assert truce["story"] == "id-2025110108050019374"


def test_same_copy_outside_the_window_is_a_new_story(store, hook):
    crawl(store, "r1", [(article("a-1", "asiae", EN_BODY), [TRUCE])])
    drain_outbox(store, [channel(hook.url)], sleep=NO_SLEEP, now=NOW)
    crawl(store, "r2", [(article("b-1", "other", EN_BODY), [TRUCE])])
    drain_outbox(
        store, [channel(hook.url)], AlertingConfig(story_window_days=1), sleep=NO_SLEEP, now=NOW + timedelta(days=3)
    )
    check(
        hook.received,
        {"a-1": "old", "b-1": "new"},
        {("old", "tariffs_trade", "agreement"), ("new", "tariffs_trade", "agreement")},
    )


def test_same_asiae_article_on_two_hosts_and_two_editions(store, hook):
    sid = "2025110108050019374"
    crawl(
        store,
        "r1",
        [
            (
                article(
                    f"asiae-ko-{sid}",
                    "asiae",
                    KO_BODY,
                    source_id=sid,
                    lang="ko",
                    url=f"https://www.asiae.co.kr/article/world/{sid}",
                ),
                [TRUCE],
            ),
            (
                article(
                    f"asiae-en-{sid}", "asiae", EN_BODY, source_id=sid, url=f"https://www.asiae.co.kr/en/article/{sid}"
                ),
                [TRUCE],
            ),
        ],
    )
    # the same article through another configured host (mobile/print mirror as its own outlet)
    crawl(
        store,
        "r2",
        [
            (
                article(
                    f"asiae_m-ko-{sid}",
                    "asiae_m",
                    KO_BODY[:150] + "…",
                    source_id=sid,
                    lang="ko",
                    url=f"https://view.asiae.co.kr/article/{sid}",
                ),
                [TRUCE],
            )
        ],
    )
    drain_outbox(store, [channel(hook.url)], sleep=NO_SLEEP, now=NOW)
    check(
        hook.received,
        {f"asiae-ko-{sid}": "s", f"asiae-en-{sid}": "s", f"asiae_m-ko-{sid}": "s"},
        {("s", "tariffs_trade", "agreement")},
    )
    assert sorted(hook.received[0]["outlets"]) == ["asiae", "asiae_m"]


def test_receiver_500_twice_then_200_is_sent_once_in_the_run(store, hook):
    hook.fail_next, hook.fail_status = 2, 500
    crawl(store, "r1", [(article("a-1", "asiae", EN_BODY), [TRUCE])])
    d = drain_outbox(store, [channel(hook.url)], sleep=NO_SLEEP, now=NOW)
    assert (d.sent, d.failed, hook.attempts) == (1, 0, 3)
    check(hook.received, {"a-1": "s"}, {("s", "tariffs_trade", "agreement")})
    assert not list(store.keys("alerts/pending/"))


def test_outage_is_retried_next_run_and_rerun_or_retry_never_resends(store, hook):
    hook.fail_next = 99
    crawl(store, "r1", [(article("a-1", "asiae", EN_BODY), [TRUCE])])
    d = drain_outbox(store, [channel(hook.url)], sleep=NO_SLEEP, now=NOW)
    assert (d.sent, d.failed) == (0, 1) and hook.received == []
    assert list(store.keys("alerts/pending/hook/"))
    hook.fail_next = 0
    d = drain_outbox(store, [channel(hook.url)], sleep=NO_SLEEP, now=NOW)  # next run, nothing new crawled
    assert (d.sent, d.pending_retried) == (1, 1)
    # a retried crawl task writes the same keys and outbox again; a rerun of the alert pass follows
    crawl(store, "r1", [(article("a-1", "asiae", EN_BODY), [TRUCE])])
    drain_outbox(store, [channel(hook.url)], sleep=NO_SLEEP, now=NOW)
    crawl(store, "r1", [(article("a-1", "asiae", EN_BODY), [TRUCE])])
    d = drain_outbox(store, [channel(hook.url)], sleep=NO_SLEEP, now=NOW)
    assert (d.sent, d.already_sent) == (0, 1)
    check(hook.received, {"a-1": "s"}, {("s", "tariffs_trade", "agreement")})
    assert hook.headers[0]["Idempotency-Key"] == hook.received[0]["id"]


def test_label_flip_alerts_again_as_a_change(store, hook):
    crawl(store, "r1", [(article("a-1", "asiae", EN_BODY), [TRUCE])])
    drain_outbox(store, [channel(hook.url)], sleep=NO_SLEEP, now=NOW)
    collapse = Event(
        "tariffs_trade",
        "dispute",
        "The truce collapsed as both sides raised tariffs again.",
        terms=("tariffs",),
        confidence=0.8,
    )
    crawl(store, "r2", [(article("a-1", "asiae", EN_BODY + " Update: the truce collapsed."), [collapse])], version=2)
    drain_outbox(store, [channel(hook.url)], sleep=NO_SLEEP, now=NOW)
    check(hook.received, {"a-1": "s"}, {("s", "tariffs_trade", "agreement"), ("s", "tariffs_trade", "dispute")})
    flip = hook.received[1]
    assert (flip["kind"], flip["change"], flip["previous_kind"]) == ("dispute", True, "agreement")
    assert hook.received[0]["change"] is False


def _many(n):
    """``n`` articles that are ``n`` different stories (bodies share no phrasing)."""
    bodies = [" ".join(hashlib.sha256(f"{i}-{j}".encode()).hexdigest()[:9] for j in range(40)) for i in range(n)]
    return [
        (article(f"s-{i}", "asiae", body, minutes=i), [Event("tariffs_trade", "agreement", f"Deal {i} was agreed.")])
        for i, body in enumerate(bodies)
    ]


def test_digest_channel_sends_one_message_per_run(store, hook):
    crawl(store, "r1", _many(3))
    d = drain_outbox(store, [channel(hook.url, digest=True)], sleep=NO_SLEEP, now=NOW)
    assert len(hook.received) == 1 and hook.received[0]["digest"] is True and d.digests == 1
    check(
        hook.received[0]["events"],
        {f"s-{i}": f"s{i}" for i in range(3)},
        {(f"s{i}", "tariffs_trade", "agreement") for i in range(3)},
    )


def test_flood_turns_into_a_digest(store, hook):
    crawl(store, "r1", _many(4))
    drain_outbox(store, [channel(hook.url, max_per_run=3)], sleep=NO_SLEEP, now=NOW)
    assert len(hook.received) == 1 and hook.received[0]["count"] == 4
    crawl(store, "r2", _many(6)[4:])
    drain_outbox(store, [channel(hook.url, max_per_run=3)], sleep=NO_SLEEP, now=NOW)
    assert len(hook.received) == 3  # two events: under the limit, one message each
    flat = hook.received[0]["events"] + hook.received[1:]
    check(flat, {f"s-{i}": f"s{i}" for i in range(6)}, {(f"s{i}", "tariffs_trade", "agreement") for i in range(6)})


HOSTILE = Event(
    "taiwan",
    "dispute",
    'Beijing said <!channel> @here <script>alert("x")</script> & the US must stop arms sales to Taiwan.',
    terms=("Taiwan",),
    confidence=0.7,
)


def test_slack_and_email_carry_untrusted_text_as_text(store, tmp_path):
    title = '미중 "대만 문제" 충돌 <!here> <b>속보</b>'
    with SlackReceiver() as slack, SmtpReceiver(tmp_path) as smtp:
        channels = [
            AlertChannel(type="slack", url=slack.url, name="slack"),
            AlertChannel(
                type="email",
                name="mail",
                host="127.0.0.1",
                port=smtp.port,
                tls="starttls",
                username=smtp.USER,
                password=smtp.PASSWORD,
                sender="newsmon@example.org",
                to=("analysts@example.org",),
                ca_file=str(smtp.cert),
            ),
        ]
        slack.fail_next = 2  # Slack answers 500 twice, then accepts
        smtp.fail_next = 1
        crawl(
            store,
            "r1",
            [
                (
                    article(
                        "asiae-ko-2016061813385889015",
                        "asiae",
                        KO_BODY,
                        title=title,
                        lang="ko",
                        url="https://www.asiae.co.kr/article/2016061813385889015",
                    ),
                    [HOSTILE],
                )
            ],
        )
        d = drain_outbox(store, channels, sleep=NO_SLEEP, now=NOW)
        assert (d.sent, d.failed) == (2, 0), d.errors
        assert slack.rejected == [] and len(slack.received) == len(smtp.messages) == 1
        raw = str(slack.received[0])
        for bad in ("<!channel>", "<!here>", "<script>", "@here"):
            assert bad not in raw
        section = slack.received[0]["blocks"][2]["text"]["text"]
        assert "*Taiwan*" in section and "&lt;script&gt;" in section
        assert slack.received[0]["blocks"][0]["text"]["text"].startswith('미중 "대만 문제"')  # Korean kept as is

        mail = smtp.messages[0]
        html_part = mail.get_body(("html",)).get_content()
        text_part = mail.get_body(("plain",)).get_content()
        assert "<script>" not in html_part and "&lt;script&gt;" in html_part and "<b>속보</b>" not in html_part
        assert "<mark>Taiwan</mark>" in html_part and "[Taiwan]" in text_part
        assert "대만 문제" in mail["Subject"] and "KST" in text_part and "UTC" in text_part
        assert "2025-11-01 17:05 KST" in text_part  # 08:05 UTC
        received = [{"article_id": "asiae-ko-2016061813385889015", "topic": "taiwan", "kind": "dispute"}] * (
            len(slack.received) + len(smtp.messages)
        )
        check(received[:1], {"asiae-ko-2016061813385889015": "s"}, {("s", "taiwan", "dispute")})
        check(received[1:], {"asiae-ko-2016061813385889015": "s"}, {("s", "taiwan", "dispute")})
        drain_outbox(store, channels, sleep=NO_SLEEP, now=NOW)
        assert len(slack.received) == len(smtp.messages) == 1


def test_email_digest_and_wrong_password_is_parked(store, tmp_path):
    with SmtpReceiver(tmp_path) as smtp:
        good = AlertChannel(
            type="email",
            name="mail",
            host="127.0.0.1",
            port=smtp.port,
            username=smtp.USER,
            password=smtp.PASSWORD,
            sender="n@example.org",
            to=("a@example.org",),
            ca_file=str(smtp.cert),
            digest=True,
        )
        bad = AlertChannel(**{**good.__dict__, "name": "mail2", "password": "wrong"})
        crawl(store, "r1", _many(2))
        d = drain_outbox(store, [good, bad], sleep=NO_SLEEP, now=NOW)
        assert (d.sent, d.failed, d.digests) == (2, 2, 1)
        assert len(smtp.messages) == 1 and "digest: 2" in smtp.messages[0]["Subject"]
        assert len(list(store.keys("alerts/pending/mail2/"))) == 2


def test_unreadable_ledger_files_are_reported_not_fatal(store, hook):
    store.put("alerts/outbox/asiae/broken.json", b"{not json", "application/json")
    store.put("alerts/pending/hook/x.json", b"[1,", "application/json")
    store.put("alerts/stories.json", b"garbage", "application/json")
    crawl(store, "r1", [(article("a-1", "asiae", EN_BODY), [TRUCE])])
    d = drain_outbox(store, [channel(hook.url)], sleep=NO_SLEEP, now=NOW)
    assert d.sent == 1 and any("broken.json" in e for e in d.errors) and any("x.json" in e for e in d.errors)
    kept = {k: store.get(k) for k in store.keys("_state/unreadable/")}  # kept aside for a person, not dropped
    assert sorted(k.rsplit("-", 1)[0] for k in kept) == [
        "_state/unreadable/alerts/outbox/asiae/broken.json",
        "_state/unreadable/alerts/pending/hook/x.json",
        "_state/unreadable/alerts/stories.json",
    ]
    assert sorted(kept.values()) == [b"[1,", b"garbage", b"{not json"]
    check(hook.received, {"a-1": "s"}, {("s", "tariffs_trade", "agreement")})
    again = drain_outbox(store, [channel(hook.url)], sleep=NO_SLEEP, now=NOW)
    assert again.errors == [] and again.sent == 0  # reported once, not on every pass


def test_pending_entry_from_before_stories_is_still_delivered(store, hook):
    old = {
        "id": "0" * 32,
        "topic": "taiwan",
        "kind": "dispute",
        "title": "t",
        "url": "https://x.example/1",
        "outlet": "asiae",
        "evidence": "e",
        "confidence": 0.5,
        "terms": [],
        "article_id": "a-old",
        "published_at": None,
    }  # the spine's payload: no story, no outlets
    store.put("alerts/pending/hook/" + old["id"] + ".json", json.dumps(old).encode(), "application/json")
    d = drain_outbox(store, [channel(hook.url)], sleep=NO_SLEEP, now=NOW)
    assert (d.sent, d.pending_retried) == (1, 1)
    check(hook.received, {"a-old": "s"}, {("s", "taiwan", "dispute")})
