"""Fixtures for fleet tests: several simulated iLOs in this process, over real sockets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from iloshell.sim.fleet import Fleet, FleetOptions
from iloshell.sim.server import SimOptions

CLI = [sys.executable, "-m", "iloshell.frontends.cli"]
LOGIN = {"ILO_USER": "admin", "ILO_PASSWORD": "password"}


def start_fleet(count: int, *, down_every: int = 0, drift: float = 0.0, **options) -> Fleet:
    return Fleet(SimOptions(**options), FleetOptions(count, down_every, drift)).start()


@pytest.fixture
def fleet():
    """Four iLOs, the fourth refusing connections, the first drifted."""
    running = start_fleet(4, down_every=4, drift=25)
    yield running
    running.stop()


def hosts_file(fleet: Fleet, folder: Path) -> Path:
    path = folder / "hosts.txt"
    path.write_text("# the test fleet\n" + "".join(f"{url}\n" for url in fleet.urls))
    return path


def shell(*args: str, stdin: str | None = None, env: dict | None = None, timeout: float = 60):
    """``iloshell ARGS`` in a subprocess, logged in through the environment."""
    return subprocess.run(
        [*CLI, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **LOGIN, **(env or {})},
    )
