"""Validate the English real-article detection corpus (tests/corpus/detection/en/).

The corpus is data labelled by ../shared/detection-guidelines.md; these checks keep its form
honest: schema, unique ids, valid topic ids/kinds/statuses, every evidence sentence a substring
of its article, hard negatives without labels, no story on both sides of the split, the split's
coverage, and FROZEN equal to the sha256 of test.jsonl (so an edit to the frozen split shows).
The ``check_record`` and ``check_split`` functions are also run on broken records below, so the
checks are shown to fail when a record is wrong.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from urllib.parse import urlparse

import pytest

CORPUS = Path(__file__).parent / "corpus" / "detection" / "en"
LANG = "en"
TOPIC_IDS = {"taiwan", "export_controls", "apec", "military_channels", "tariffs_trade", "fentanyl", "ai",
             "south_china_sea"}
KINDS = {"agreement", "dispute"}
STATUSES = {"event", "background", "uncertain"}
FIELDS = {"id", "lang", "outlet", "url", "story", "title", "text", "hard_negative", "topics", "events", "note"}
# Floors from the brief for the English half (issue 13, part 1).
MIN_ARTICLES, MIN_OUTLETS, MIN_HARD_NEGATIVES = 95, 22, 20
TEST_SHARE = (0.25, 0.35)  # ~30% of articles in test, split by story


def load(name: str) -> list[dict]:
    """Read one split file, one JSON object per line."""
    with (CORPUS / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def check_record(rec: dict) -> list[str]:
    """Problems with one record (empty when it is well formed)."""
    if set(rec) != FIELDS:
        return [f"fields differ from the schema: {sorted(set(rec) ^ FIELDS)}"]
    errors = []
    if rec["lang"] != LANG or not rec["id"].startswith(f"{LANG}-"):
        errors.append(f"lang/id not {LANG}: {rec['lang']!r} {rec['id']!r}")
    if (urlparse(rec["url"]).hostname or "").removeprefix("www.") != rec["outlet"]:
        errors.append(f"outlet {rec['outlet']!r} is not the URL's host")
    if not rec["story"] or not rec["text"].strip():
        errors.append("empty story or text")
    if rec["title"] and rec["title"] not in rec["text"]:
        errors.append("title is not in the text")
    errors += _check_labels(rec)
    return errors


def _check_labels(rec: dict) -> list[str]:
    """Problems with the topics and events of one record."""
    errors = [f"unknown topic {t!r}" for t in rec["topics"] if t not in TOPIC_IDS]
    if len(set(rec["topics"])) != len(rec["topics"]):
        errors.append("duplicate topic")
    for ev in rec["events"]:
        if ev.get("topic") not in TOPIC_IDS or ev.get("kind") not in KINDS or ev.get("status") not in STATUSES:
            errors.append(f"bad event {ev}")
        elif ev["evidence"] not in rec["text"]:
            errors.append(f"evidence not in text: {ev['evidence'][:60]!r}")
        elif ev["status"] == "event" and ev["topic"] not in rec["topics"]:
            errors.append(f"event on topic {ev['topic']!r} that the article does not have")
    if rec["hard_negative"] and (rec["topics"] or any(e["status"] == "event" for e in rec["events"])):
        errors.append("hard negative with topics or events")
    if not isinstance(rec["hard_negative"], bool) or not isinstance(rec["topics"], list):
        errors.append("hard_negative must be a boolean and topics a list")
    return errors


def labels(records: list[dict]) -> set[str]:
    """Topics, reported (topic, kind) events and the hard-negative class present in records."""
    out: set[str] = set()
    for rec in records:
        out.update(f"topic:{t}" for t in rec["topics"])
        out.update(f"event:{e['topic']}:{e['kind']}" for e in rec["events"] if e["status"] == "event")
        out.update({"hard_negative"} if rec["hard_negative"] else set())
    return out


def check_split(dev: list[dict], test: list[dict]) -> list[str]:
    """Problems with the split as a whole: ids, stories across sides, coverage, share."""
    errors = []
    ids = [r["id"] for r in dev + test]
    if len(ids) != len(set(ids)):
        errors.append("duplicate ids")
    shared = {r["story"] for r in dev} & {r["story"] for r in test}
    if shared:
        errors.append(f"stories on both sides: {sorted(shared)}")
    every = {f"topic:{t}" for t in TOPIC_IDS} | {f"event:{t}:{k}" for t in TOPIC_IDS for k in KINDS}
    for name, part in (("dev", dev), ("test", test)):
        missing = (every | {"hard_negative"}) - labels(part)
        if missing:
            errors.append(f"{name} lacks {sorted(missing)}")
    share = len(test) / max(1, len(dev) + len(test))
    if not TEST_SHARE[0] <= share <= TEST_SHARE[1]:
        errors.append(f"test share {share:.2f} outside {TEST_SHARE}")
    return errors


@pytest.fixture(scope="module")
def splits() -> tuple[list[dict], list[dict]]:
    """The dev and test records."""
    return load("dev.jsonl"), load("test.jsonl")


def test_every_record_is_well_formed(splits):
    dev, test = splits
    problems = {r["id"]: check_record(r) for r in dev + test}
    assert not {k: v for k, v in problems.items() if v}


def test_split_by_story_covers_every_label(splits):
    assert check_split(*splits) == []


def test_size_outlets_and_hard_negatives(splits):
    records = splits[0] + splits[1]
    assert len(records) >= MIN_ARTICLES
    assert len({r["outlet"] for r in records}) >= MIN_OUTLETS
    assert sum(r["hard_negative"] for r in records) >= MIN_HARD_NEGATIVES


def test_frozen_matches_test_split():
    digest = hashlib.sha256((CORPUS / "test.jsonl").read_bytes()).hexdigest()
    assert (CORPUS / "FROZEN").read_text(encoding="utf-8").split()[0] == digest


def _broken(rec: dict, how: str) -> dict:
    """A copy of a labelled record broken in one way."""
    bad = copy.deepcopy(rec)
    if how == "evidence":
        bad["events"][0]["evidence"] += " (not in the article)"
    elif how == "topic":
        bad["topics"].append("trade_war")
    elif how == "kind":
        bad["events"][0]["kind"] = "neutral"
    elif how == "field":
        del bad["note"]
    elif how == "hard_negative":
        bad["hard_negative"] = True
    elif how == "outlet":
        bad["outlet"] = "example.org"
    return bad


@pytest.mark.parametrize("how", ["evidence", "topic", "kind", "field", "hard_negative", "outlet"])
def test_check_record_rejects_a_broken_record(splits, how):
    rec = next(r for r in splits[0] if r["events"] and r["topics"])
    assert check_record(rec) == []
    assert check_record(_broken(rec, how))


def test_check_split_rejects_a_story_on_both_sides_and_a_duplicate_id(splits):
    dev, test = splits
    moved = {**test[0], "story": dev[0]["story"]}
    assert any("both sides" in e for e in check_split(dev, [moved, *test[1:]]))
    clash = {**test[0], "id": dev[0]["id"]}
    assert any("duplicate ids" in e for e in check_split(dev, [clash, *test[1:]]))
