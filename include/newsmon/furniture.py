"""Per-outlet furniture learned from the crawl: lines that recur on many of an outlet's articles.

An outlet's pages share a template, so a line of text (a block of the extracted body) found on at
least ``min_articles`` distinct articles among the outlet's last ``window`` articles is template
furniture for that outlet (a newsletter call, a standing credit, a "more from us" note), whatever
its language or length, and no extractor's generic rules need to know it. A sentence two articles
quote stays: two is far below ``min_articles``.

Pure: :class:`OutletFurniture` learns (``observe``) and applies (``strip``) in memory; ``to_dict``
and ``from_dict`` serialise it; where it is kept is the caller's business (see
:mod:`newsmon.furniture_state`). Lines are remembered as short hashes, not text.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

# Articles remembered per outlet. 300 spans about a week of a daily outlet's output: long enough
# that a template line seen daily stays learned, short enough that a retired banner is forgotten
# and the state stays small (300 x ~30 lines x 16 hex characters, ~150 KB of JSON at most).
WINDOW = 300
# Distinct articles a line must recur on to be furniture. 5: a quote or a fact repeated by a
# follow-up story recurs on two or three articles; template lines recur on nearly every one.
MIN_ARTICLES = 5
# Hex characters of a line's hash: 64 bits, collisions are not a concern at this size.
KEY_CHARS = 16
# Never strip a body below this many characters (extract.MIN_BODY_CHARS): a page whose every
# line is "furniture" is a template page, and the caller decides what to do with it.
MIN_KEPT_CHARS = 40
# Characters of a learned line kept as text, so people can read what was learned.
TEXT_CHARS = 300
STATE_FORMAT = 1


def line_key(line: str) -> str:
    """The hash a line is remembered by: NFC, case-folded, whitespace collapsed."""
    norm = " ".join(unicodedata.normalize("NFC", line).casefold().split())
    return hashlib.sha256(norm.encode()).hexdigest()[:KEY_CHARS]


@dataclass
class OutletFurniture:
    """What one outlet's recent articles look like, line by line, and what recurs on them."""

    window: int = WINDOW
    min_articles: int = MIN_ARTICLES
    recent: dict[str, list[str]] = field(default_factory=dict)  # article id -> line keys, oldest first
    counts: Counter = field(default_factory=Counter)  # line key -> articles in ``recent`` holding it
    texts: dict[str, str] = field(default_factory=dict)  # learned key -> its line, for people to read

    def observe(self, article_id: str, body: str) -> None:
        """Remember the lines of one article (a new version replaces the article's old lines)."""
        self._forget(article_id)
        lines = {line_key(line): line for line in body.split("\n") if line.strip()}
        keys = sorted(lines)
        self.recent[article_id] = keys
        self.counts.update(keys)
        for key in keys:
            if self.counts[key] >= self.min_articles and key not in self.texts:
                self.texts[key] = lines[key][:TEXT_CHARS]
        while len(self.recent) > self.window:
            self._forget(next(iter(self.recent)))

    def learned(self) -> set[str]:
        """Keys of the lines that are furniture now."""
        return {key for key, n in self.counts.items() if n >= self.min_articles}

    def is_furniture(self, line: str) -> bool:
        """True when ``line`` recurs on at least ``min_articles`` remembered articles."""
        return self.counts.get(line_key(line), 0) >= self.min_articles

    def strip(self, body: str) -> tuple[str, int]:
        """``body`` without its furniture lines, and how many lines went; unchanged (0) when
        stripping would leave less than ``MIN_KEPT_CHARS``."""
        lines = body.split("\n")
        kept = [line for line in lines if not self.is_furniture(line)]
        text = "\n".join(kept)
        if len(text) < MIN_KEPT_CHARS:
            return body, 0
        return text, len(lines) - len(kept)

    def _forget(self, article_id: str) -> None:
        for key in self.recent.pop(article_id, ()):
            self.counts[key] -= 1
            if self.counts[key] <= 0:
                del self.counts[key]
            if self.counts.get(key, 0) < self.min_articles:
                self.texts.pop(key, None)


def to_dict(state: OutletFurniture) -> dict:
    """The state as plain JSON data: knobs, the learned lines (key -> text) and the remembered line
    keys per article, oldest first."""
    return {
        "format": STATE_FORMAT,
        "window": state.window,
        "min_articles": state.min_articles,
        "learned": {key: state.texts.get(key, "") for key in sorted(state.learned())},
        "recent": state.recent,
    }


def from_dict(doc: dict, window: int = WINDOW, min_articles: int = MIN_ARTICLES) -> OutletFurniture:
    """A state from :func:`to_dict` data, with the given knobs (they may have changed since).

    Raises ValueError for data of another shape (``newsmon.state.load`` then keeps the object
    for a person and starts from an empty state)."""
    recent, learned = doc.get("recent"), doc.get("learned", {})
    if not isinstance(recent, dict) or not isinstance(learned, dict):
        raise ValueError("furniture state: 'recent' and 'learned' must be objects")
    state = OutletFurniture(window=window, min_articles=min_articles)
    for article_id, keys in recent.items():
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            raise ValueError(f"furniture state: lines of {article_id!r} are not a list of keys")
        state.recent[str(article_id)] = keys
        state.counts.update(keys)
    state.texts = {k: v for k, v in learned.items() if isinstance(v, str) and state.counts.get(k, 0) >= min_articles}
    while len(state.recent) > window:
        state._forget(next(iter(state.recent)))
    return state
