"""A synthetic lake for the report's tests and benchmark, written through newsmon's own writers.

Stories of the asiae shape: a Korean edition (``asiae``) and, for every other story, the English
edition (``asiae-en``) of the same outlet article id; events on a few topics, agreements and
disputes, some stories flipping kind in a later version; titles and evidence carry markup that
must come out escaped. Rows go in one ``part-<sha>.parquet`` per partition (what compaction
leaves), so thousands of articles take a few dozen PUTs.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

import pyarrow as pa

from newsmon.lake import merged_table, write_partition
from newsmon.schema import ARTICLES, EVENTS
from newsmon.store import Store
from newsmon.tables import body_sha256

TOPICS = ("taiwan", "tariffs_trade", "export_controls", "fentanyl")
HOSTILE = '<script>alert("x")</script><img src="http://203.0.113.9/t.png">'
KO_EVIDENCE = "미국과 중국이 {topic} 문제에 대해 {cue} 밝혔다 {hostile}"
EN_EVIDENCE = "The United States and China {cue} on {topic}, officials said {hostile}"
CUES = {"agreement": ("합의했다고", "agreed"), "dispute": ("반발했다고", "clashed")}


def make_rows(start: date, days: int, stories: int, seed: int = 7) -> tuple[list[dict], list[dict]]:
    """(articles rows, events rows) of ``stories`` stories published over ``days`` days."""
    rnd = random.Random(seed)
    articles, events = [], []
    for n in range(stories):
        source_id = f"{2026_0000_0000_0000_000 + n:019d}"
        day = start + timedelta(days=rnd.randrange(days))
        published = datetime(day.year, day.month, day.day, rnd.randrange(24), rnd.randrange(60), tzinfo=UTC)
        topic = TOPICS[n % len(TOPICS)]
        kind = rnd.choice(("agreement", "dispute"))
        flips = n % 5 == 0
        for edition, lang in (("asiae", "ko"), ("asiae-en", "en"))[: 1 + n % 2]:
            aid = f"{edition}-{lang}-{source_id}"  # identity.article_id: outlet-edition-id
            url = f"https://www.asiae.co.kr/{'en/' if lang == 'en' else ''}article/{source_id}"
            title = f"미중 {topic} 기사 {n} <b>속보</b>" if lang == "ko" else f"US-China {topic} story {n} <i>now</i>"
            versions = 2 if flips else 1
            for version in range(1, versions + 1):
                k = kind if version == 1 else ("dispute" if kind == "agreement" else "agreement")
                detected = published + timedelta(hours=version)
                articles.append(_article(aid, version, edition, url, source_id, title, lang, published, detected))
                events.append(_event(aid, version, edition, topic, k, title, url, lang, published, detected, rnd))
    return articles, events


def _article(aid, version, outlet, url, source_id, title, lang, published, crawled) -> dict:
    body = f"{title} " * 40
    return {
        "article_id": aid,
        "version": version,
        "outlet": outlet,
        "url": url,
        "source_id": source_id,
        "title": title,
        "summary": [],
        "body": body,
        "body_sha256": body_sha256(body),
        "lang": lang,
        "author": None,
        "published_at": published,
        "updated_at": None,
        "crawled_at": crawled,
        "topics": [],
        "extraction_method": "profile",
    }


def _event(aid, version, outlet, topic, kind, title, url, lang, published, detected, rnd) -> dict:
    ko, en = CUES[kind]
    template = KO_EVIDENCE if lang == "ko" else EN_EVIDENCE
    term = "미국" if lang == "ko" else "China"
    return {
        "article_id": aid,
        "version": version,
        "outlet": outlet,
        "topic": topic,
        "kind": kind,
        "evidence": template.format(topic=topic, cue=ko if lang == "ko" else en, hostile=HOSTILE),
        "terms": [term, topic],
        "cue": ko if lang == "ko" else en,
        "actors": ["us", "china"],
        "confidence": round(0.5 + rnd.random() / 2, 2),
        "title": title,
        "url": url,
        "published_at": published,
        "detected_at": detected,
    }


def write_lake(store: Store, articles: list[dict], events: list[dict]) -> int:
    """Write the rows, one object per (table, outlet, publish day); returns the objects written."""
    written = 0
    for table, schema, rows in (("articles", ARTICLES, articles), ("events", EVENTS, events)):
        parts: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for row in rows:
            parts[(row["outlet"], row["published_at"].date().isoformat())].append(row)
        for (outlet, dt), part in sorted(parts.items()):
            data = merged_table(table, [pa.Table.from_pylist(part, schema=schema)])
            write_partition(store, table, outlet, dt, data)
            written += 1
    return written


def expected_counts(articles: list[dict], events: list[dict]) -> dict[str, dict[tuple[str, str], int]]:
    """topic -> (day, kind) -> distinct stories, computed here independently of newsmon."""
    source = {(a["article_id"], a["version"]): a["source_id"] for a in articles}
    seen: dict[str, set] = defaultdict(set)
    for e in events:
        seen[e["topic"]].add((e["published_at"].date().isoformat(), e["kind"], source[(e["article_id"], e["version"])]))
    out: dict[str, dict[tuple[str, str], int]] = {}
    for topic, triples in seen.items():
        per: dict[tuple[str, str], int] = defaultdict(int)
        for day, kind, _ in triples:
            per[(day, kind)] += 1
        out[topic] = dict(per)
    return out
