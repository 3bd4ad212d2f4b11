"""Faults for testing clients: deterministic, counted, and latency that does not serialize."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from iloshell.sim.faults import Fault, FaultPlan, FaultSpecError, parse_fault
from iloshell.sim.testing import ManualClock, simulate
from tests.sim.conftest import Api, message_names


def test_parse_fault_specs():
    assert parse_fault("503:every=3") == Fault("503", every=3)
    assert parse_fault("slow:every=2:ms=150") == Fault("slow", every=2, ms=150)
    assert parse_fault("expire-sessions:after=1.5") == Fault("expire-sessions", after=1.5)


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        ("boom:every=1", "unknown fault"),
        ("503", "missing every"),
        ("503:every=x", "must be a number"),
        ("503:every=0", "positive"),
        ("slow:every=2:sec=3", "slow takes every, ms"),
    ],
)
def test_bad_fault_specs_say_what_is_wrong(spec, words):
    with pytest.raises(FaultSpecError, match=words):
        parse_fault(spec)


def test_plan_fires_on_every_nth_request():
    plan = FaultPlan([Fault("503", every=3), Fault("slow", every=2, ms=100)], latency_ms=10)
    decisions = [plan.next() for _ in range(6)]
    assert [d.unavailable for d in decisions] == [False, False, True, False, False, True]
    assert [round(d.delay, 3) for d in decisions] == [0.01, 0.11, 0.01, 0.11, 0.01, 0.11]


def test_every_third_request_answers_503_with_retry_after():
    with simulate(faults=["503:every=3"]) as sim:
        api = Api(sim, auth=(sim.user, sim.password))
        statuses = [api.get("/redfish/v1/Systems/1") for _ in range(6)]
        assert [r.status_code for r in statuses] == [200, 200, 503, 200, 200, 503]
        assert statuses[2].headers["Retry-After"] == "1"
        assert message_names(statuses[2]) == ["ServiceTemporarilyUnavailable"]
        assert sim.stats()["requests"]["GET"] == 6  # faulted requests were still sent


def test_drop_closes_the_connection_without_an_answer():
    with simulate(faults=["drop:every=2"]) as sim:
        api = Api(sim, auth=(sim.user, sim.password))
        assert api.get("/redfish/v1/").status_code == 200
        with pytest.raises(requests.ConnectionError):
            api.get("/redfish/v1/")
        assert api.get("/redfish/v1/").status_code == 200  # a new connection works


def test_stats_requests_are_not_counted_nor_faulted():
    with simulate(faults=["503:every=1"]) as sim:
        for _ in range(3):
            assert requests.get(sim.url + "/__sim__/stats", timeout=5).status_code == 200
        assert sim.stats() == {"requests": {}, "sessions": 0}


def test_slow_delays_only_the_nth_request():
    with simulate(faults=["slow:every=2:ms=600"]) as sim:
        api = Api(sim, auth=(sim.user, sim.password))
        times = []
        for _ in range(2):
            start = time.monotonic()
            api.get("/redfish/v1/")
            times.append(time.monotonic() - start)
        assert times[0] < 0.5 <= 0.6 <= times[1]


def test_latency_does_not_serialize_parallel_requests():
    with simulate(latency_ms=200) as sim:

        def fetch(_):
            return requests.get(sim.url + "/redfish/v1/", timeout=5).status_code

        start = time.monotonic()
        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(fetch, range(8)))
        elapsed = time.monotonic() - start
    assert statuses == [200] * 8
    assert 0.2 <= elapsed < 1.0  # one after the other would take 1.6 s


def test_expire_sessions_after_a_fixed_lifetime():
    clock = ManualClock()
    with simulate(faults=["expire-sessions:after=1"], clock=clock) as sim:
        api = Api(sim)
        login = api.post(
            "/redfish/v1/SessionService/Sessions/", {"UserName": "admin", "Password": "password"}
        )
        token = {"X-Auth-Token": login.headers["X-Auth-Token"]}
        assert api.get("/redfish/v1/Systems/1", headers=token).status_code == 200
        clock.advance(1.1)
        expired = api.get("/redfish/v1/Systems/1", headers=token)
        assert expired.status_code == 401 and message_names(expired) == ["NoValidSession"]
        assert sim.stats()["sessions"] == 0
