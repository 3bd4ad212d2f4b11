"""Fixtures for the simulator's tests: running simulators and a small HTTP client for them.

Every test talks HTTP over a real socket to a simulator started in-process on a free port.
"""

from __future__ import annotations

import pytest
import requests

from iloshell.sim.testing import simulate
from tests.conftest import DL325


class Api:
    """``requests`` bound to one simulator: ``api.get("/redfish/v1/Systems/1")``."""

    def __init__(self, sim, auth: tuple[str, str] | None = None, token: str | None = None) -> None:
        self.sim = sim
        self.session = requests.Session()
        self.session.trust_env = False  # no proxies or CA bundles from the environment
        if auth:
            self.session.auth = auth
        if token:
            self.session.headers["X-Auth-Token"] = token

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", 10)
        return self.session.request(method, self.sim.url + path, **kwargs)

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def patch(self, path: str, body=None, **kwargs) -> requests.Response:
        return self.request("PATCH", path, json=body, **kwargs)

    def post(self, path: str, body=None, **kwargs) -> requests.Response:
        return self.request("POST", path, json=body, **kwargs)

    def delete(self, path: str, **kwargs) -> requests.Response:
        return self.request("DELETE", path, **kwargs)

    def close(self) -> None:
        self.session.close()


def message_ids(response: requests.Response) -> list[str]:
    """The MessageIds of an error body or of a success body's @Message.ExtendedInfo."""
    body = response.json()
    entries = body.get("error", body).get("@Message.ExtendedInfo", [])
    return [entry["MessageId"] for entry in entries]


def message_names(response: requests.Response) -> list[str]:
    """``["PropertyNotWritable"]`` for ``Base.1.4.PropertyNotWritable``."""
    return [mid.rsplit(".", 1)[-1] for mid in message_ids(response)]


@pytest.fixture
def api(sim):
    """An HTTP Basic client of ``sim``."""
    client = Api(sim, auth=(sim.user, sim.password))
    yield client
    client.close()


@pytest.fixture(scope="module")
def dl325():
    """The HPE iLO 5 capture, shared by a module's read-only tests."""
    with simulate(mockup=DL325) as running:
        yield running


@pytest.fixture
def dl325_api(dl325):
    client = Api(dl325, auth=(dl325.user, dl325.password))
    yield client
    client.close()
