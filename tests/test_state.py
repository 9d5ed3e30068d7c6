"""Small JSON state: one policy for a missing or unreadable object, on the real embedded store."""

from __future__ import annotations

import json

from newsmon import keys, state


def test_missing_gives_the_default_and_save_round_trips(store):
    assert state.load(store, "_state/feeds/outlet=x.json") == {}
    assert state.load(store, "_state/x.json", default=lambda: {"n": 0}) == {"n": 0}
    state.save(store, "_state/x.json", {"n": 1, "name": "아시아경제"})
    assert state.load(store, "_state/x.json") == {"n": 1, "name": "아시아경제"}
    assert json.loads(store.get("_state/x.json"))["name"] == "아시아경제"  # UTF-8, not escapes


def test_unreadable_is_kept_aside_reported_and_replaced(store):
    for key, bad in (("_state/a.json", b"{not json"), ("_state/b.json", b"[1, 2]"), ("_state/c.json", b"\xff\xfe")):
        store.put(key, bad, "application/json")
        problems: list[str] = []
        assert state.load(store, key, default=lambda: {"fresh": True}, problems=problems) == {"fresh": True}
        assert len(problems) == 1 and key in problems[0] and "kept as _state/unreadable/" in problems[0]
        kept = [k for k in store.keys("_state/unreadable/") if k.startswith(f"_state/unreadable/{key}-")]
        assert [store.get(k) for k in kept] == [bad]  # never a silent reset: the bytes are still there
        assert store.get(key) == bad  # the original stays until the caller saves over it


def test_a_parse_error_is_unreadable_too_and_remove_bad_clears_a_queue_item(store):
    key = keys.pending("hook", "abc")
    store.put(key, b'{"unexpected": 1}', "application/json")
    problems: list[str] = []

    def parse(value: dict) -> str:
        return value["id"]

    assert state.load(store, key, default=lambda: None, problems=problems, parse=parse, remove_bad=True) is None
    assert problems and not store.exists(key)
    assert any(k.startswith(f"_state/unreadable/{key}-") for k in store.keys("_state/unreadable/"))


def test_save_if_absent_does_not_overwrite(store):
    assert state.save(store, "alerts/sent/h/k.json", {"first": 1}, if_absent=True)
    assert not state.save(store, "alerts/sent/h/k.json", {"second": 2}, if_absent=True)
    assert state.load(store, "alerts/sent/h/k.json") == {"first": 1}
