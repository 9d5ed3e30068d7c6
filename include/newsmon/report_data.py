"""What the analyst report shows, read from the lake: daily counts and story cards per topic.

One DuckDB query joins the ``events`` of the window with their ``articles`` rows (for the edition's
language and the outlet's article id); everything else is grouping in Python over those rows.

* A story is the outlet's own article id (``id-<19 digits>``: the Korean and English editions of
  one article, and every URL form of it), else the story the alert story book assigned (near-
  duplicate copies), else the article itself — the ids of :mod:`newsmon.alert.story`.
* A day's count of (topic, kind) is the number of stories with such an event published that day
  (``dt``, the UTC publish date the lake partitions by), so three editions of one story count once.
* A label flip is a story whose label on one topic changes kind (agreement → dispute or back)
  from one detection (article version, edition) to the next.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from newsmon.config import StorageConfig
from newsmon.lakesql import connect

KINDS = ("agreement", "dispute")
_COLUMNS = (
    "article_id, version, outlet, topic, kind, evidence, terms, confidence, title, url, published_at, detected_at, dt"
)


@dataclass(frozen=True)
class Edition:
    """One article of a story: an outlet's edition, its language and where it is."""

    outlet: str
    lang: str
    title: str
    url: str


@dataclass(frozen=True)
class Evidence:
    """The strongest sentence of one kind on one topic of a story."""

    kind: str
    text: str
    terms: tuple[str, ...]
    confidence: float
    url: str


@dataclass(frozen=True)
class Flip:
    """A story's label on a topic changing kind."""

    when: datetime | None
    before: str
    after: str


@dataclass
class StoryCard:
    """One story on one topic, as a card on the report."""

    story: str
    topic: str
    headline: str
    url: str
    first_seen: datetime | None
    published_at: datetime | None
    last_event: datetime | None
    editions: list[Edition] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    flips: list[Flip] = field(default_factory=list)

    @property
    def kinds(self) -> list[str]:
        """The kinds of event this story carries on its topic."""
        return sorted({e.kind for e in self.evidence})

    @property
    def anchor(self) -> str:
        """A stable HTML id for the card."""
        return "s-" + hashlib.sha256(f"{self.story}|{self.topic}".encode()).hexdigest()[:12]


@dataclass
class ReportData:
    """Everything the report pages show for one window."""

    since: date
    until: date
    counts: dict[str, dict[tuple[str, str], int]]  # topic -> (day ISO, kind) -> stories
    cards: dict[str, list[StoryCard]]  # topic -> cards, newest event first (the newest ones only)
    totals: dict[str, dict[str, int]] = field(default_factory=dict)  # topic -> kind -> stories
    stories: dict[str, int] = field(default_factory=dict)  # topic -> stories in the window
    events: int = 0
    articles: int = 0

    @property
    def topics(self) -> list[str]:
        """Topics with at least one event in the window, by name."""
        return sorted(self.cards)


def query_rows(cfg: StorageConfig, since: date, until: date) -> list[dict]:
    """Event rows of the window (publish dates ``since``..``until``), each with source_id and lang."""
    con = connect(cfg, ("events", "articles"))
    try:
        cur = con.execute(
            f"""
            with ev as (
                select distinct {_COLUMNS} from events where dt between $since and $until
            ), art as (
                select article_id, version, any_value(source_id) as source_id, any_value(lang) as lang
                from articles where dt between $since and $until
                group by article_id, version
            )
            select ev.*, art.source_id, art.lang from ev left join art using (article_id, version)
            """,
            {"since": since.isoformat(), "until": until.isoformat()},
        )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    finally:
        con.close()


def story_of(row: dict, book: dict[str, str]) -> str:
    """The story id of an event row (see the module docstring)."""
    if row.get("source_id"):
        return f"id-{row['source_id']}"
    return book.get(row["article_id"]) or "a-" + hashlib.sha256(row["article_id"].encode()).hexdigest()[:16]


def build(
    rows: list[dict], since: date, until: date, book: dict[str, str] | None = None, max_cards: int | None = None
) -> ReportData:
    """Daily counts, story totals and (the newest ``max_cards`` per topic) story cards from event rows."""
    book = book or {}
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    counted: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for row in rows:
        story = story_of(row, book)
        groups[(story, row["topic"])].append(row)
        counted[row["topic"]].add((_day(row["dt"]), row["kind"], story))
    counts: dict[str, dict[tuple[str, str], int]] = {}
    for topic, seen in counted.items():
        per: dict[tuple[str, str], int] = defaultdict(int)
        for day, kind, _story in seen:
            per[(day, kind)] += 1
        counts[topic] = dict(per)
    by_topic: dict[str, list[tuple[float, str]]] = defaultdict(list)
    totals: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(KINDS, 0))
    for (story, topic), members in groups.items():
        last = max(_ts(r.get("published_at") or r.get("detected_at")) for r in members)
        by_topic[topic].append((last, story))
        for kind in {r["kind"] for r in members}:
            totals[topic][kind] = totals[topic].get(kind, 0) + 1
    cards: dict[str, list[StoryCard]] = {}
    for topic, order in by_topic.items():
        order.sort(reverse=True)
        cards[topic] = [card(story, topic, groups[(story, topic)]) for _last, story in order[:max_cards]]
    articles = len({r["article_id"] for r in rows})
    stories = {t: len(o) for t, o in by_topic.items()}
    return ReportData(since, until, counts, cards, dict(totals), stories, events=len(rows), articles=articles)


def card(story: str, topic: str, members: list[dict]) -> StoryCard:
    """The card of one story on one topic from its event rows."""
    order = sorted(members, key=lambda r: (_ts(r.get("detected_at")), _ts(r.get("published_at")), r["article_id"]))
    first = min(order, key=lambda r: (_ts(r.get("published_at")), r["article_id"]))
    return StoryCard(
        story=story,
        topic=topic,
        headline=first["title"] or "",
        url=first["url"] or "",
        first_seen=_min_time(r.get("detected_at") for r in order),
        published_at=_min_time(r.get("published_at") for r in order),
        last_event=max((r.get("published_at") or r.get("detected_at") for r in order), key=_ts, default=None),
        editions=editions(order),
        evidence=evidence(order),
        flips=flips(order),
    )


def editions(rows: list[dict]) -> list[Edition]:
    """One entry per article of the story (outlet, language, its own title and URL)."""
    seen: dict[str, Edition] = {}
    for r in rows:
        seen.setdefault(r["article_id"], Edition(r["outlet"], r.get("lang") or "", r["title"] or "", r["url"] or ""))
    return sorted(seen.values(), key=lambda e: (e.outlet, e.lang, e.url))


def evidence(rows: list[dict]) -> list[Evidence]:
    """The most confident sentence per kind."""
    best: dict[str, dict] = {}
    for r in rows:
        if r["kind"] not in best or float(r["confidence"] or 0) > float(best[r["kind"]]["confidence"] or 0):
            best[r["kind"]] = r
    return [
        Evidence(k, r["evidence"] or "", tuple(r["terms"] or ()), round(float(r["confidence"] or 0), 2), r["url"] or "")
        for k, r in sorted(best.items())
    ]


def flips(rows: list[dict]) -> list[Flip]:
    """Changes of label between successive detections (rows sorted by detected_at).

    A detection is every row with one ``detected_at`` (one article version); its label is its kind
    when it has one kind only. A flip is a label differing from the previous single-kind label.
    """
    steps: dict = defaultdict(set)
    for r in rows:
        steps[r.get("detected_at")].add(r["kind"])
    out: list[Flip] = []
    last: str | None = None
    for when, kinds in steps.items():  # insertion order = detection order
        if len(kinds) != 1:
            continue
        (kind,) = kinds
        if last is not None and kind != last:
            out.append(Flip(when, last, kind))
        last = kind
    return out


def _day(value) -> str:
    """A partition date (date or string) as YYYY-MM-DD."""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _ts(value) -> float:
    """Sort key of a time; missing times sort first."""
    return value.timestamp() if isinstance(value, datetime) else float("-inf")


def _min_time(values) -> datetime | None:
    """The earliest of the given times, None when there is none."""
    times = [v for v in values if isinstance(v, datetime)]
    return min(times) if times else None
