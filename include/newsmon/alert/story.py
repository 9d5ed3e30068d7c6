"""Group articles that report the same thing into stories, so a story alerts once.

Two articles are one story when

* they carry the same outlet article id (asiae's 19 digits): ``www.``, ``view.``, ``cm.``, print,
  legacy URLs and the KO/EN editions of one article, or
* their bodies are near-duplicates (a syndicated or lightly edited copy on another outlet) and the
  older one was seen within the story window.

Near-duplicates use a bottom-k MinHash sketch (Broder 1997) of character 5-gram shingles: one
hash per shingle, the ``SKETCH_SIZE`` smallest kept; the Jaccard similarity of two bodies is
estimated from the sketch of their union. Character shingles work for Korean as well as English,
where word shingles would split on particles.

The story book lives in the store (``keys.STORY_BOOK``) and remembers which story each article
went to, so a retried pass puts every article in the same story again.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from newsmon import keys, state
from newsmon.store import Store

log = logging.getLogger(__name__)

# 5 characters: long enough that shared shingles mean shared phrasing, short enough for Korean words.
SHINGLE_CHARS = 5
# 128 hashes estimate a Jaccard of 0.5 within about ±0.09 (1/sqrt(k)), plenty for a 0.5 threshold.
SKETCH_SIZE = 128
# Bodies shorter than this say too little to call two articles copies of each other.
MIN_BODY_CHARS = 200
# A story is compared in full only when it shares this many sketch hashes with the article: at a
# Jaccard of 0.5 two sketches share ~64 of 128, so 8 drops no real copy and skips nearly every other.
MIN_SHARED_HASHES = 8


def shingles(text: str, size: int = SHINGLE_CHARS) -> set[str]:
    """Character n-grams of the text, lowercased with whitespace collapsed."""
    norm = re.sub(r"\s+", " ", text.lower()).strip()
    return {norm[i : i + size] for i in range(max(len(norm) - size + 1, 0))}


def sketch(text: str, size: int = SKETCH_SIZE) -> list[int]:
    """The bottom-k MinHash sketch of a text: the ``size`` smallest 64-bit shingle hashes."""
    hashes = {int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big") for s in shingles(text)}
    return sorted(hashes)[:size]


def similarity(a: list[int], b: list[int], size: int = SKETCH_SIZE) -> float:
    """Estimated Jaccard similarity of the two texts behind sketches ``a`` and ``b``."""
    if not a or not b:
        return 0.0
    union = sorted(set(a) | set(b))[:size]
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)


@dataclass
class Story:
    """Articles that report one thing; ``id`` keys its alerts."""

    id: str
    source_ids: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    sketches: list[list[int]] = field(default_factory=list)
    last_seen: str = ""  # ISO time the story last gained an article


class StoryBook:
    """Every story seen within the window, and which story each article belongs to."""

    def __init__(self, stories: dict[str, Story] | None = None, window_days: float = 7.0, threshold: float = 0.5):
        self.stories = stories or {}
        self.window = timedelta(days=window_days)
        self.threshold = threshold
        self.by_article = {a: s.id for s in self.stories.values() for a in s.articles}
        self.by_source = {sid: s.id for s in self.stories.values() for sid in s.source_ids}
        self.by_hash: dict[int, set[str]] = {}  # sketch hash -> stories holding it: candidate lookup
        for story in self.stories.values():
            for sk in story.sketches:
                self._index(story.id, sk)

    def _index(self, story_id: str, sk: list[int]) -> None:
        for h in sk:
            self.by_hash.setdefault(h, set()).add(story_id)

    @classmethod
    def load(cls, store: Store, window_days: float = 7.0, threshold: float = 0.5) -> StoryBook:
        """The book kept in the store (an empty one when there is none).

        An unreadable book is kept aside and a new one started (newsmon.state): the ledger still
        stops repeats of the same article; only copies of older stories may alert once more.
        """
        stories = state.load(store, keys.STORY_BOOK, parse=_parse_book)
        return cls(stories, window_days, threshold)

    def save(self, store: Store, now: datetime | None = None) -> None:
        """Write the book back, without stories last seen before the window."""
        cutoff = ((now or datetime.now(UTC)) - self.window).isoformat()
        keep = {k: s.__dict__ for k, s in self.stories.items() if s.last_seen >= cutoff}
        state.save(store, keys.STORY_BOOK, {"stories": keep})

    def assign(
        self, article_id: str, outlet: str, source_id: str | None, body: str, now: datetime | None = None
    ) -> Story:
        """The story an article belongs to; a new one when it matches none."""
        now = now or datetime.now(UTC)
        sid = self.by_article.get(article_id) or (self.by_source.get(source_id) if source_id else None)
        sk = sketch(body) if len(body) >= MIN_BODY_CHARS else []
        if sid is None and sk:
            sid = self._near(sk, now)
        if sid is None:
            # the outlet's own id names the story, so it is the same story even after the window
            sid = f"id-{source_id}" if source_id else "a-" + hashlib.sha256(article_id.encode()).hexdigest()[:16]
        story = self.stories.setdefault(sid, Story(id=sid))
        self._add(story, article_id, outlet, source_id, sk, now)
        return story

    def _near(self, sk: list[int], now: datetime) -> str | None:
        """The most similar story within the window, if any is similar enough."""
        cutoff = (now - self.window).isoformat()
        best, best_sim = None, self.threshold
        shared: dict[str, int] = {}
        for h in sk:
            for sid in self.by_hash.get(h, ()):
                shared[sid] = shared.get(sid, 0) + 1
        for sid, count in shared.items():
            story = self.stories[sid]
            if count < MIN_SHARED_HASHES or story.last_seen < cutoff:
                continue
            for other in story.sketches:
                sim = similarity(sk, other)
                if sim >= best_sim:
                    best, best_sim = story.id, sim
        return best

    def _add(self, story: Story, article_id: str, outlet: str, source_id: str | None, sk: list[int], now) -> None:
        if article_id not in story.articles:
            story.articles.append(article_id)
            if sk:
                story.sketches.append(sk)
                self._index(story.id, sk)
        if outlet not in story.outlets:
            story.outlets.append(outlet)
        if source_id and source_id not in story.source_ids:
            story.source_ids.append(source_id)
        story.last_seen = max(story.last_seen, now.isoformat())
        self.by_article[article_id] = story.id
        if source_id:
            self.by_source[source_id] = story.id


def _parse_book(data: dict) -> dict[str, Story]:
    """The stories of a stored book."""
    return {k: Story(**v) for k, v in data.get("stories", {}).items()}
