"""Completion against a live (slow) simulator: the keystroke never waits for the network;
what is missing is fetched in the background and is there at the next Tab."""

from __future__ import annotations

import time

from iloshell.frontends.completion import Engine, LiveSource
from iloshell.sim.testing import simulate
from tests.shell.harness import Shell, settle


def test_a_slow_service_never_makes_typing_wait():
    with simulate(latency_ms=300) as sim:
        shell = Shell(sim.url)
        try:
            source = LiveSource(shell.ctx)
            arrivals = []
            source.on_arrival = lambda: arrivals.append(time.monotonic())
            engine = Engine(source)
            started = time.monotonic()
            first = engine.complete("cd Systems/")
            assert time.monotonic() - started < 0.25  # below one 300 ms round trip
            assert first.items == [] and first.pending
            later = settle(engine, "cd Systems/")
            assert [s.text for s in later.items] == ["1/"] and arrivals

            shell.ok("cd /Systems/1")
            started = time.monotonic()
            unchecked = engine.complete("set ")
            assert time.monotonic() - started < 0.25
            assert unchecked.pending  # the schema is loading in the background
            checked = [s.text for s in settle(engine, "set ").items]
            assert "AssetTag=" in checked and "SerialNumber=" not in checked
            requests = sim.stats()["requests"]
            assert set(requests) == {"GET", "POST"}  # completion only ever reads
        finally:
            shell.close()
