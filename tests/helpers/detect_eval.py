"""Score detection on the labelled dev set (tests/devset/) and the seed article, beside a naive
keyword baseline run on the same items with the same taxonomy.

Used by ``bench/eval_detect.py`` (``make eval-detect``) and by the gate in
``tests/test_detect_dev.py``. Scoring rules:

- topics: per topic, over the dev articles and the seed (sentences are not articles);
- events: (item, topic, kind) triples over sentences, articles and the seed;
- hard negatives: an item of a ``hard_negative:*`` family counts once when anything fires on it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import yaml

from newsmon.detect import Taxonomy, detect, load_taxonomy, split_sentences
from newsmon.records import Article

HERE = Path(__file__).resolve().parents[1]  # tests/
DEVSET = HERE / "devset"
SEED = HERE / "fixtures" / "seed"
_EPOCH = datetime(2025, 1, 1, tzinfo=UTC)
TOPIC_IDS = tuple(load_taxonomy().topics)  # the packaged taxonomy's topics, in topics.yaml's order


@dataclass
class Item:
    """One labelled unit: a sentence read as a one-sentence brief, or a short article."""

    id: str
    kind: str  # "sentence" | "article" | "seed"
    family: str
    article: Article
    topics: set[str] | None  # None: topics are not scored on this item
    events: set[tuple[str, str]]


@dataclass
class Counts:
    """True positives, false positives and false negatives of one measure."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, got: set, want: set) -> None:
        """Count one item's predictions against its labels."""
        self.tp += len(got & want)
        self.fp += len(got - want)
        self.fn += len(want - got)

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when nothing was to be found."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Report:
    """Every figure ``make eval-detect`` prints, for one detector."""

    topics: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in TOPIC_IDS})
    events: Counts = field(default_factory=Counts)
    events_by_part: dict[str, Counts] = field(default_factory=dict)
    hard_negatives: int = 0
    hard_negative_items: int = 0
    flagged: list[str] = field(default_factory=list)
    seed_ok: bool = False
    errors: list[str] = field(default_factory=list)

    @property
    def topics_all(self) -> Counts:
        """Micro-averaged topic counts over every topic."""
        total = Counts()
        for c in self.topics.values():
            total.tp, total.fp, total.fn = total.tp + c.tp, total.fp + c.fp, total.fn + c.fn
        return total


def _article(item_id: str, title: str, body: str, summary: list[str] | None = None, lang: str = "en") -> Article:
    return Article(
        article_id=item_id,
        url=f"https://dev.invalid/{item_id}",
        outlet="dev",
        title=title,
        body=body.strip(),
        lang=lang,
        published_at=None,
        crawled_at=_EPOCH,
        summary=tuple(summary or ()),
    )


def _pairs(raw: list) -> set[tuple[str, str]]:
    return {(str(t), str(k)) for t, k in raw or []}


def seed_article() -> tuple[Article, dict]:
    """The seed page's title, deck and body as extraction makes them, and its labels."""
    exp = json.loads((SEED / "expected.json").read_text(encoding="utf-8"))
    txt = (SEED / "asiae-en-biden-xi-summit.txt").read_text(encoding="utf-8")
    start = txt.index(exp["body_first_sentence"])
    end = txt.index(exp["body_last_sentence"]) + len(exp["body_last_sentence"])
    body = txt[start:end].replace(exp["title"] + "\n", "")
    return _article("seed", exp["title"], body, exp["summary"]), exp


def load_file(path: Path) -> list[Item]:
    """Labelled items of one dev-set file: a ``text`` is a sentence, a ``title`` + ``body`` an article."""
    items = []
    for raw in yaml.safe_load(path.read_text(encoding="utf-8")):
        if "text" in raw:
            art = _article(raw["id"], "", raw["text"], lang=raw["lang"])
            items.append(Item(raw["id"], "sentence", raw["family"], art, None, _pairs(raw["events"])))
        else:
            art = _article(raw["id"], raw["title"], raw["body"], raw.get("summary"), raw["lang"])
            items.append(Item(raw["id"], "article", raw["family"], art, set(raw["topics"]), _pairs(raw["events"])))
    return items


def load_items(devset: Path = DEVSET) -> list[Item]:
    """Sentences, articles and the seed, as labelled items (the held-out file is apart)."""
    items = load_file(devset / "sentences.yaml") + load_file(devset / "articles.yaml")
    art, exp = seed_article()
    events = {(e["topic"], e["kind"]) for e in exp["events"]}
    items.append(Item("seed", "seed", "seed", art, set(exp["topics"]), events))
    return items


Detector = Callable[[Article, Taxonomy], tuple[set[str], set[tuple[str, str]]]]


def newsmon_detector(article: Article, tax: Taxonomy) -> tuple[set[str], set[tuple[str, str]]]:
    """Topics and (topic, kind) events of ``newsmon.detect``."""
    finding = detect(article, tax)
    return set(finding.topics), {(e.topic, e.kind) for e in finding.events}


def keyword_detector(article: Article, tax: Taxonomy) -> tuple[set[str], set[tuple[str, str]]]:
    """The Google-Alerts model: a topic is any term match; an event is any cue in a sentence with a term."""
    text = "\n".join([article.title, *article.summary, article.body])
    topics = {t for t, lex in tax.topics.items() if lex.finditer(text)}
    events = set()
    for sentence in split_sentences(text):
        found = {t for t in topics if tax.topics[t].finditer(sentence)}
        for kind, lex in tax.cues.items():
            if lex.finditer(sentence):
                events |= {(t, kind) for t in found}
    return topics, events


def evaluate(detector: Detector, items: list[Item] | None = None, tax: Taxonomy | None = None) -> Report:
    """Run ``detector`` over the items and count everything the report prints."""
    tax = tax or load_taxonomy()
    items = load_items() if items is None else items
    report = Report()
    for item in items:
        topics, events = detector(item.article, tax)
        report.events.add(events, item.events)
        report.events_by_part.setdefault(item.kind, Counts()).add(events, item.events)
        if item.topics is not None:
            for t in set(TOPIC_IDS) | topics | item.topics:
                report.topics.setdefault(t, Counts()).add({t} & topics, {t} & item.topics)
        if item.family.startswith("hard_negative"):
            report.hard_negative_items += 1
            if topics or events:
                report.hard_negatives += 1
                report.flagged.append(item.id)
        if item.kind == "seed":
            report.seed_ok = item.topics <= topics and item.events <= events and not any(t == "apec" for t, _ in events)
        for miss in sorted(item.events - events):
            report.errors.append(f"{item.id}: missed event {miss}")
        for extra in sorted(events - item.events):
            report.errors.append(f"{item.id}: false event {extra}")
        if item.topics is not None:
            for miss in sorted(item.topics - topics):
                report.errors.append(f"{item.id}: missed topic {miss}")
            for extra in sorted(topics - item.topics):
                report.errors.append(f"{item.id}: false topic {extra}")
    return report


# --- the real-article corpus (tests/corpus/detection/<lang>/{dev,test}.jsonl) ---------------------

CORPUS = HERE / "corpus" / "detection"
# Event statuses that are neither required nor counted against (the guideline's "How it is scored").
LENIENT = ("background", "uncertain")


@dataclass
class CorpusItem:
    """One labelled real article of the detection corpus."""

    id: str
    article: Article
    hard_negative: bool
    topics: set[str]
    events: set[tuple[str, str]]  # reported as news: required
    lenient: set[tuple[str, str]]  # background/uncertain only: allowed, not required


def load_corpus(lang: str, split: str, root: Path = CORPUS) -> list[CorpusItem]:
    """The labelled articles of one language and split; [] when the file is absent."""
    path = root / lang / f"{split}.jsonl"
    if not path.exists():
        return []
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        title, _, body = raw["text"].partition("\n") if not raw.get("title") else (raw["title"], "", raw["text"])
        if raw.get("title") and body.startswith(raw["title"]):
            body = body[len(raw["title"]) :]
        art = Article(
            article_id=raw["id"], url=raw.get("url", ""), outlet=raw.get("outlet", ""), title=title,
            body=body.strip(), lang=raw.get("lang", lang), published_at=None, crawled_at=_EPOCH,
        )
        events = {(e["topic"], e["kind"]) for e in raw.get("events", []) if e.get("status", "event") == "event"}
        lenient = {(e["topic"], e["kind"]) for e in raw.get("events", []) if e.get("status") in LENIENT} - events
        topics = set(raw.get("topics", []))
        items.append(CorpusItem(raw["id"], art, bool(raw.get("hard_negative")), topics, events, lenient))
    return items


def score_corpus(detector: Detector, items: list[CorpusItem], tax: Taxonomy | None = None) -> Report:
    """Topics over (article, topic), events over (article, topic, kind) with background/uncertain
    pairs neither required nor counted against; hard negatives flagged when anything fires."""
    tax = tax or load_taxonomy()
    report = Report()
    for item in items:
        topics, events = detector(item.article, tax)
        events = events - item.lenient
        report.events.add(events, item.events)
        for t in set(TOPIC_IDS) | topics | item.topics:
            report.topics.setdefault(t, Counts()).add({t} & topics, {t} & item.topics)
        if item.hard_negative:
            report.hard_negative_items += 1
            if topics or events:
                report.hard_negatives += 1
                report.flagged.append(item.id)
        report.errors += [f"{item.id}: missed event {m}" for m in sorted(item.events - events)]
        report.errors += [f"{item.id}: false event {x}" for x in sorted(events - item.events)]
        report.errors += [f"{item.id}: missed topic {m}" for m in sorted(item.topics - topics)]
        report.errors += [f"{item.id}: false topic {x}" for x in sorted(topics - item.topics)]
    return report
