"""Per-outlet furniture learned from the crawl: the pure module, then a 32-page fixture outlet run
through ``run`` and ``reprocess --from-raw`` on the real store."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from support import FixtureSite, write_config

from newsmon import furniture_state
from newsmon.config import ConfigError, load_config, parse_config
from newsmon.furniture import MIN_ARTICLES, OutletFurniture, from_dict, line_key, to_dict
from newsmon.furniture_state import furniture_key
from newsmon.pipeline import run_outlet
from newsmon.reprocess import reprocess_from_raw
from newsmon.tables import read_prefix

PAGES = 32
# template lines the outlet prints on every article: long, sentence-shaped, no furniture word, so
# only learning can tell them from the article
TEMPLATE = (
    "The Harbour Courier is paid for by its readers, and every report we publish stays free to read "
    "for everyone who lives along the estuary.",
    "Our reporters answer questions from readers every Thursday evening at the public library on Quay "
    "Street, and everyone is welcome to come along.",
)
# a sentence two articles quote: real text, must stay in both
QUOTE = "Mayor Ellen Ward said the new ferry timetable would be reviewed before the summer season begins next year."
QUOTED_IN = (9, 21)
_WORDS = [
    *("council", "harbour", "ferry", "budget", "school", "bridge", "tide", "fishermen", "storm", "market"),
    *("rail", "library", "museum", "volunteers", "festival", "hospital", "clinic", "road", "permit"),
    *("planners", "wind", "farm", "lighthouse", "dock", "tenants"),
]


def _paragraph(rng: random.Random, n: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(24)]
    return f"On day {n} the {' '.join(words[:12])} met again, and {' '.join(words[12:])} agreed to talk more."


def _article_body(i: int) -> list[str]:
    rng = random.Random(i)
    paras = [_paragraph(rng, i * 10 + k) for k in range(4)]
    if i in QUOTED_IN:
        paras.insert(2, QUOTE)
    return [*paras, *TEMPLATE]


def _build_site(root: Path) -> None:
    """A generic outlet: an RSS feed of PAGES articles sharing one template."""
    (root / "news").mkdir(parents=True)
    items = []
    for i in range(PAGES):
        body = "\n".join(f"<p>{p}</p>" for p in _article_body(i))
        html = (
            f"<html lang='en'><head><title>Harbour story {i}</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<article><h1>Harbour story {i}</h1>{body}</article>"
            f"<footer>Harbour Courier, 1 Quay Street</footer></body></html>"
        )
        (root / "news" / f"story-{i}.html").write_text(html, encoding="utf-8")
        day = 1 + i % 28
        items.append(
            f"<item><title>Harbour story {i}</title><link>{{{{BASE}}}}/news/story-{i}</link>"
            f"<pubDate>Mon, {day:02d} Dec 2025 0{i % 10}:00:00 +0000</pubDate></item>"
        )
    head = "<?xml version='1.0'?><rss version='2.0'><channel><title>Courier</title>"
    feed = head + "".join(items) + "</channel></rss>"
    (root / "feed.xml").write_text(feed, encoding="utf-8")


# --- the pure module ----------------------------------------------------------------------------


def _state_after(pages: int) -> OutletFurniture:
    state = OutletFurniture()
    for i in range(pages):
        state.observe(f"a{i}", "\n".join(_article_body(i)))
    return state


def test_lines_recurring_on_n_articles_are_learned_a_quote_on_two_is_not():
    state = _state_after(PAGES)
    assert state.is_furniture(TEMPLATE[0]) and state.is_furniture(TEMPLATE[1])
    assert not state.is_furniture(QUOTE)
    body, removed = state.strip("\n".join(_article_body(QUOTED_IN[0])))
    assert removed == 2 and QUOTE in body and TEMPLATE[0] not in body


def test_nothing_is_learned_below_n_articles_and_a_new_version_counts_once():
    state = _state_after(MIN_ARTICLES - 1)
    assert not state.is_furniture(TEMPLATE[0])
    for _ in range(3):  # the same article seen again (a new version) is still one article
        state.observe("a0", "\n".join(_article_body(0)))
    assert not state.is_furniture(TEMPLATE[0])
    state.observe("new", "\n".join(_article_body(99)))
    assert state.is_furniture(TEMPLATE[0])


def test_the_window_forgets_old_articles():
    state = OutletFurniture(window=10, min_articles=5)
    for i in range(10):
        state.observe(f"old{i}", "A retired banner line that the outlet printed last month on every page.")
    assert state.is_furniture("A retired banner line that the outlet printed last month on every page.")
    for i in range(10):
        state.observe(f"new{i}", f"Fresh article {i} text only.")
    assert len(state.recent) == 10
    assert not state.is_furniture("A retired banner line that the outlet printed last month on every page.")


def test_state_round_trips_and_bad_shapes_are_refused():
    state = _state_after(8)
    again = from_dict(json.loads(json.dumps(to_dict(state))))
    assert again.recent == state.recent and again.learned() == state.learned() == {line_key(t) for t in TEMPLATE}
    assert sorted(again.texts.values()) == sorted(TEMPLATE)  # what was learned, readable
    for bad in ({"recent": [1, 2]}, {"recent": {"a": "not a list"}}, {"learned": 3, "recent": {}}):
        with pytest.raises(ValueError):
            from_dict(bad)


def test_unreadable_state_in_the_store_starts_empty_and_is_kept(store):
    store.put(furniture_key("courier"), b"{not json", "application/json")
    problems: list[str] = []
    assert furniture_state.load_furniture(store, "courier", problems).recent == {}
    assert problems and "unreadable" in problems[0]
    assert any(k.startswith("_state/unreadable/") for k in store.keys("_state/"))


def test_strip_never_empties_a_body():
    state = _state_after(8)
    body, removed = state.strip("\n".join(TEMPLATE))
    assert removed == 0 and body == "\n".join(TEMPLATE)


# --- the outlet, end to end -------------------------------------------------------------------


def _config(tmp_path, site, seaweed, store):
    path = write_config(
        tmp_path / "c.yaml",
        site.base,
        None,
        seaweed.endpoint_url,
        bucket=store.bucket,
        name="courier",
        profile="generic",
        feeds=[f"{site.base}/feed.xml"],
        robots_sitemaps=False,
        max_pages=100,
    )
    return load_config(path, env=seaweed.env())


def _bodies(store) -> dict[str, dict]:
    rows = read_prefix(store, "articles").to_pylist()
    latest: dict[str, dict] = {}
    for row in sorted(rows, key=lambda r: r["version"]):
        latest[row["url"].rsplit("/", 1)[1]] = row
    return latest


def test_fixture_outlet_learns_its_template_in_run_and_reprocess(tmp_path, seaweed, store, s3_env, capsys):
    root = tmp_path / "site"
    _build_site(root)
    with FixtureSite(root=root) as site:
        cfg = _config(tmp_path, site, seaweed, store)
        result = run_outlet(cfg.outlets[0], cfg, store, "furniture-1")
    assert result.stored == PAGES, result
    rows = _bodies(store)
    assert len(rows) == PAGES
    # the template survives generic extraction: only learning takes it out
    kept = [r for r in rows.values() if TEMPLATE[0] in r["body"]]
    stripped = [r for r in rows.values() if TEMPLATE[0] not in r["body"] and TEMPLATE[1] not in r["body"]]
    assert len(kept) == MIN_ARTICLES - 1 and all(r["furniture_removed"] == 0 for r in kept)
    assert len(stripped) == PAGES - MIN_ARTICLES + 1 and all(r["furniture_removed"] == 2 for r in stripped)
    for i in QUOTED_IN:
        assert QUOTE in rows[f"story-{i}"]["body"]
    assert store.get(furniture_key("courier"))
    assert furniture_state.main(["--config", str(tmp_path / "c.yaml"), "courier"]) == 0
    shown = capsys.readouterr().out
    assert TEMPLATE[0] in shown and TEMPLATE[1] in shown and QUOTE not in shown

    results = reprocess_from_raw(cfg, store)
    assert results[0].rebuilt == PAGES, results[0]
    rows = _bodies(store)
    assert all(TEMPLATE[0] not in r["body"] and TEMPLATE[1] not in r["body"] for r in rows.values())
    assert all(r["furniture_removed"] == 2 for r in rows.values())
    for i in QUOTED_IN:
        assert QUOTE in rows[f"story-{i}"]["body"]
    furniture_state.main(["--config", str(tmp_path / "c.yaml"), "courier", "--reset"])
    assert store.get(furniture_key("courier")) is None


def _outlet_raw(**extra) -> dict:
    outlet = {"name": "courier", "feeds": ["https://c.example/rss"], "allowed_domains": ["c.example"], **extra}
    return {"storage": {"bucket": "newsmon"}, "outlets": [outlet]}


def test_knobs_come_from_the_outlet_config_and_a_bad_one_is_named(store):
    cfg = parse_config(_outlet_raw(furniture_window=10, furniture_min_articles=3), env={})
    outlet = cfg.outlet("courier")
    knobs = (outlet.furniture_window, outlet.furniture_min_articles)
    learned = furniture_state.load_furniture(store, "courier", None, *knobs)
    assert (learned.window, learned.min_articles) == (10, 3)
    default = parse_config(_outlet_raw(), env={}).outlet("courier")
    assert (default.furniture_window, default.furniture_min_articles) == (300, MIN_ARTICLES)
    with pytest.raises(ConfigError) as err:
        parse_config(_outlet_raw(furniture_min_articles=1), env={})
    assert str(err.value).startswith("outlets[0].furniture_min_articles:"), str(err.value)
