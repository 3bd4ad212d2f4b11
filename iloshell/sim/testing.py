"""Start a simulator in-process for a test or for the shell's ``--demo``.

    with simulate(mockup=DL325, latency_ms=50) as sim:
        requests.get(sim.url + "/redfish/v1/", auth=(sim.user, sim.password))
        assert sim.stats()["sessions"] == 0
        sim.store.get("/redfish/v1/Systems/1")["PowerState"]

Options are those of :class:`iloshell.sim.server.SimOptions` (the command line's, by keyword);
the port is a free one unless ``port`` says otherwise.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from iloshell.sim.server import Simulator


class ManualClock:
    """A clock a test moves by hand (``simulate(clock=clock)``, then ``clock.advance(2)``):
    sessions expire without the test sleeping."""

    def __init__(self) -> None:
        self.now = time.monotonic()

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@contextmanager
def simulate(**options) -> Iterator[Simulator]:
    """A running simulator, stopped (and its port released) when the block ends."""
    simulator = Simulator(**options)
    simulator.start()
    try:
        yield simulator
    finally:
        simulator.stop()
