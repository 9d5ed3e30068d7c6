"""Validate the Korean real-article detection corpus (tests/corpus/detection/ko/).

The corpus is data the detector is tuned (dev) and judged (frozen test) on, so these checks
guard its shape, not the detector: schema, unique ids, valid topic ids/kinds/statuses, every
evidence sentence a verbatim substring of its article, no story on both sides, the split rule,
and FROZEN == sha256(test.jsonl). The ``*_rejects_*`` tests break one record at a time and
assert the validator reports it, so the checks can fail.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus" / "detection" / "ko"
TOPICS = {
    "taiwan",
    "export_controls",
    "apec",
    "military_channels",
    "tariffs_trade",
    "fentanyl",
    "ai",
    "south_china_sea",
}
KINDS = {"agreement", "dispute"}
STATUSES = {"event", "background", "uncertain"}
FIELDS = {
    "id": str,
    "lang": str,
    "outlet": str,
    "url": str,
    "story": str,
    "title": str,
    "text": str,
    "hard_negative": bool,
    "topics": list,
    "events": list,
    "note": str,
}
# The split rule (README.md): a story is on the test side when the first 8 bytes of
# sha256(SPLIT_SALT + story), read as a fraction of 2**64, are >= DEV_SHARE. The salt is the
# first of "newsmon-ko-corpus-v1:<n>:" (n = 0, 1, ...) that puts every counted (topic, kind)
# on both sides, 27-33% of the articles and 25-35% of the hard negatives on the test side.
SPLIT_SALT = "newsmon-ko-corpus-v1:1197:"
DEV_SHARE = 0.70


def load(name: str) -> list[dict]:
    """Read one split file as a list of records."""
    with open(CORPUS / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def split_side(story: str) -> str:
    """The side ("dev" | "test") the split rule assigns to a story slug."""
    digest = hashlib.sha256((SPLIT_SALT + story).encode()).digest()
    return "dev" if int.from_bytes(digest[:8], "big") / 2**64 < DEV_SHARE else "test"


def record_errors(rec: dict) -> list[str]:
    """Schema and label errors of one record (empty when the record is valid)."""
    errs = [
        f"{rec.get('id')}: field {k!r} missing or not {t.__name__}"
        for k, t in FIELDS.items()
        if not isinstance(rec.get(k), t)
    ]
    if errs:
        return errs
    rid = rec["id"]
    if rec["lang"] != "ko" or not rid.startswith("ko-"):
        errs.append(f"{rid}: lang/id must be Korean (ko)")
    if not rec["text"].strip() or rec["title"] not in rec["text"]:
        errs.append(f"{rid}: empty text or title not taken from the text")
    errs += [f"{rid}: unknown topic {t!r}" for t in rec["topics"] if t not in TOPICS]
    if len(set(rec["topics"])) != len(rec["topics"]):
        errs.append(f"{rid}: duplicate topic")
    for ev in rec["events"]:
        errs += event_errors(rid, rec, ev)
    if rec["hard_negative"] and (rec["topics"] or rec["events"]):
        errs.append(f"{rid}: a hard negative has no topic and no event")
    return errs


def event_errors(rid: str, rec: dict, ev: dict) -> list[str]:
    """Errors of one event of record ``rec``."""
    if not isinstance(ev, dict) or set(ev) != {"topic", "kind", "evidence", "status"}:
        return [f"{rid}: event must have exactly topic, kind, evidence, status"]
    errs = []
    if ev["topic"] not in rec["topics"]:
        errs.append(f"{rid}: event topic {ev['topic']!r} not among the article's topics")
    if ev["kind"] not in KINDS:
        errs.append(f"{rid}: unknown kind {ev['kind']!r}")
    if ev["status"] not in STATUSES:
        errs.append(f"{rid}: unknown status {ev['status']!r}")
    if not ev["evidence"].strip() or ev["evidence"] not in rec["text"]:
        errs.append(f"{rid}: evidence is not a verbatim substring of the text")
    return errs


def corpus_errors(dev: list[dict], test: list[dict], frozen: str, test_bytes: bytes) -> list[str]:
    """Errors across the two splits: records, unique ids/urls, story sides, FROZEN digest."""
    errs = [e for rec in dev + test for e in record_errors(rec)]
    for key in ("id", "url"):
        values = [r.get(key) for r in dev + test]
        errs += [f"duplicate {key} {v!r}" for v in sorted({v for v in values if values.count(v) > 1})]
    both = {r.get("story") for r in dev} & {r.get("story") for r in test}
    errs += [f"story {s!r} on both sides" for s in sorted(both)]
    for side, rows in (("dev", dev), ("test", test)):
        errs += [
            f"{r.get('id')}: story {r.get('story')!r} belongs on {split_side(r.get('story'))}"
            for r in rows
            if isinstance(r.get("story"), str) and split_side(r["story"]) != side
        ]
    if frozen.strip() != hashlib.sha256(test_bytes).hexdigest():
        errs.append("FROZEN does not match sha256(test.jsonl): the frozen split was edited")
    return errs


@pytest.fixture(scope="module")
def corpus() -> tuple[list[dict], list[dict], str, bytes]:
    """The corpus as stored: dev rows, test rows, FROZEN text, test.jsonl bytes."""
    return (
        load("dev.jsonl"),
        load("test.jsonl"),
        (CORPUS / "FROZEN").read_text(),
        (CORPUS / "test.jsonl").read_bytes(),
    )


def test_corpus_is_valid(corpus):
    """The stored corpus passes every check."""
    assert corpus_errors(*corpus) == []


def test_corpus_size_and_coverage(corpus):
    """Size targets of the brief, and every (topic, kind) counted on both sides."""
    dev, test, _, _ = corpus
    rows = dev + test
    assert len(rows) >= 105
    assert len({r["outlet"] for r in rows}) >= 22
    assert sum(r["hard_negative"] for r in rows) >= 20
    assert 0.25 <= len(test) / len(rows) <= 0.35
    for side in (dev, test):
        counted = {(e["topic"], e["kind"]) for r in side for e in r["events"] if e["status"] == "event"}
        assert counted == {(t, k) for t in TOPICS for k in KINDS}
        assert any(r["hard_negative"] for r in side)


def _broken(corpus, mutate):
    """Copy of the corpus with ``mutate(dev, test)`` applied; returns corpus_errors of it."""
    dev, test, frozen, test_bytes = copy.deepcopy(corpus)
    mutate(dev, test)
    return corpus_errors(dev, test, frozen, test_bytes)


def _with_event(rows):
    return next(r for r in rows if r["events"])


def _test_side_slug() -> str:
    return next(f"moved-{i}" for i in range(999) if split_side(f"moved-{i}") == "test")


# name -> (mutation of (dev, test), a substring the validator must report)
BREAKS = {
    "unknown_topic": (lambda d, t: d[0]["topics"].append("trade_war"), "unknown topic"),
    "evidence_not_in_text": (
        lambda d, t: _with_event(d)["events"][0].update(evidence="미중이 합의했다."),
        "verbatim substring",
    ),
    "unknown_kind": (lambda d, t: _with_event(d)["events"][0].update(kind="truce"), "unknown kind"),
    "unknown_status": (lambda d, t: _with_event(d)["events"][0].update(status="maybe"), "unknown status"),
    "event_topic_not_in_topics": (lambda d, t: _with_event(d)["topics"].clear(), "not among the article's topics"),
    "hard_negative_with_topic": (
        lambda d, t: next(r for r in d if r["hard_negative"])["topics"].append("ai"),
        "hard negative",
    ),
    "missing_field": (lambda d, t: d[0].pop("story"), "field 'story'"),
    "duplicate_id": (lambda d, t: d[1].update(id=d[0]["id"]), "duplicate id"),
    "story_on_both_sides": (
        lambda d, t: d.append(dict(t[0], id="ko-999", url="https://example.invalid/x")),
        "on both sides",
    ),
    "wrong_side": (lambda d, t: d[0].update(story=_test_side_slug()), "belongs on test"),
}


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_validator_rejects_broken_record(corpus, name):
    """Each kind of broken record is reported, with its own message."""
    mutate, expected = BREAKS[name]
    errors = _broken(corpus, mutate)
    assert any(expected in e for e in errors), errors


def test_validator_rejects_edited_frozen_split(corpus):
    """An edit to test.jsonl without updating FROZEN is reported."""
    dev, test, frozen, test_bytes = corpus
    assert corpus_errors(dev, test, frozen, test_bytes + b"\n") != []
