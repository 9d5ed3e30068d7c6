"""Outlet health: one ops alert when an outlet goes quiet, fails or drifts, one when it recovers."""

from __future__ import annotations

from newsmon.health import HealthPolicy, HealthState, assess

OK = {"stored": 5, "fetched": 5, "failed": 0, "fallback": 0}
QUIET = {"stored": 0, "fetched": 0, "failed": 0, "fallback": 0}


def _replay(runs, policy: HealthPolicy | None = None):
    policy = policy or HealthPolicy()
    state, out = HealthState("asiae"), []
    for counts in runs:
        state, messages = assess(HealthState.from_dict(state.to_dict()), counts, policy)  # as stored between runs
        out.append([m.condition for m in messages])
    return out


def test_silent_for_n_runs_alerts_once_then_recovers_once():
    got = _replay([OK, *[QUIET] * 7, OK, OK])
    assert got == [[], [], [], [], ["silent"], [], [], [], ["recovered"], []]


def test_threshold_is_configurable():
    got = _replay([QUIET, QUIET, OK], HealthPolicy(quiet_runs=2))
    assert got == [[], ["silent"], ["recovered"]]


def test_failure_rate_jump_and_small_samples():
    failing = {"stored": 1, "fetched": 2, "failed": 8, "fallback": 0}
    noise = {"stored": 1, "fetched": 1, "failed": 2, "fallback": 0}  # 3 attempts: too few to judge
    assert _replay([OK, noise, failing, failing, OK]) == [[], [], ["failing"], [], ["recovered"]]


def test_fallback_share_means_drift():
    drift = {"stored": 4, "fetched": 4, "failed": 0, "fallback": 3}
    assert _replay([OK, drift, drift, OK]) == [[], ["drifting"], [], ["recovered"]]


def test_recovery_waits_for_every_condition():
    both = {"stored": 0, "fetched": 1, "failed": 9, "fallback": 0}
    got = _replay(
        [both, both, both, both, {"stored": 0, "fetched": 5, "failed": 0, "fallback": 0}, OK],
        HealthPolicy(quiet_runs=4),
    )
    assert got == [["failing"], [], [], ["silent"], [], ["recovered"]]
