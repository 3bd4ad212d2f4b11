"""A fresh built-in simulator and a logged-in in-process shell for each test."""

from __future__ import annotations

import pytest

from iloshell.sim.testing import simulate
from tests.shell.harness import Shell


@pytest.fixture
def sim():
    with simulate() as running:
        yield running


@pytest.fixture
def shell(sim):
    session = Shell(sim.url, assume_yes=True)
    yield session
    session.close()
