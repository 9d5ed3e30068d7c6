"""Story clustering cost: sketch per article, assignment against a full 7-day book, book size.

Bodies are ~2,500 characters of distinct pseudo-words (a real article's length); the book holds
BOOK_STORIES stories, about what a week of a few outlets' events fills. Run: ``make bench-alert``.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from datetime import UTC, datetime

from newsmon.alert.story import StoryBook, similarity, sketch

BOOK_STORIES = 3000
PROBES = 200


def body(i: int) -> str:
    """A distinct article-length body."""
    return " ".join(
        hashlib.sha256(f"{i}-{j}".encode()).hexdigest()[: random.Random(j).randint(3, 9)] for j in range(400)
    )


def main() -> None:
    """Print the figures."""
    now = datetime.now(UTC)
    bodies = [body(i) for i in range(BOOK_STORIES + PROBES)]
    t0 = time.perf_counter()
    book = StoryBook()
    for i in range(BOOK_STORIES):
        book.assign(f"a-{i}", "asiae", None, bodies[i], now)
    fill = time.perf_counter() - t0
    t0 = time.perf_counter()
    for i in range(BOOK_STORIES, BOOK_STORIES + PROBES):
        book.assign(f"a-{i}", "asiae", None, bodies[i], now)
    probe = (time.perf_counter() - t0) / PROBES
    t0 = time.perf_counter()
    sks = [sketch(b) for b in bodies[:PROBES]]
    per_sketch = (time.perf_counter() - t0) / PROBES
    copies = sum(
        similarity(sketch("Seoul (Yonhap) -- " + b + " (End)"), s) >= 0.5
        for b, s in zip(bodies[:PROBES], sks, strict=True)
    )
    size = len(json.dumps({k: s.__dict__ for k, s in book.stories.items()}))
    print(f"stories in book: {len(book.stories)} (expected {BOOK_STORIES + PROBES}: distinct bodies never merge)")
    print(f"sketch per article: {per_sketch * 1000:.2f} ms; assign against the full book: {probe * 1000:.1f} ms")
    print(f"filling the book ({BOOK_STORIES} articles): {fill:.1f} s; book JSON: {size / 1e6:.1f} MB")
    print(f"edited copies found: {copies}/{PROBES}")


if __name__ == "__main__":
    main()
