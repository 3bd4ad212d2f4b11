"""Writes go through one graph method, which forgets exactly what the write touched (issue 11,
point 3): a settings object and the resource it belongs to, a collection and its members, the
resources beneath an action's resource."""

from __future__ import annotations

import pytest

from iloshell.sim.builtin.bios import BIOS_SETTINGS

from .harness import Shell

BIOS = "/redfish/v1/systems/1/bios/"


@pytest.fixture
def graph(sim):
    session = Shell(sim.url)
    yield session.ctx.conn.graph
    session.close()


def test_a_patch_of_a_settings_object_forgets_the_resource_it_belongs_to(graph):
    graph.get(BIOS)
    graph.get(BIOS_SETTINGS)
    graph.get("/redfish/v1/Systems/1")
    response = graph.write("PATCH", BIOS_SETTINGS, {"Attributes": {"AdminPhone": "555"}})
    assert response.ok
    assert graph.peek(BIOS) is None and graph.peek(BIOS_SETTINGS) is None
    assert graph.peek("/redfish/v1/Systems/1") is not None  # not touched: still cached
    assert graph.get(BIOS_SETTINGS).body["Attributes"]["AdminPhone"] == "555"


def test_a_create_and_a_delete_forget_the_collection(graph):
    accounts = "/redfish/v1/AccountService/Accounts"
    graph.get(accounts)
    body = {"UserName": "writer", "Password": "Wr1ter-pass!", "RoleId": "ReadOnly"}
    created = graph.write("POST", accounts, body)
    assert created.ok and graph.peek(accounts) is None
    member = created.location
    graph.get(accounts)
    graph.get(member)
    assert graph.write("DELETE", member).ok
    assert graph.peek(accounts) is None and graph.peek(member) is None


def test_an_action_forgets_what_lies_beneath_its_resource(graph):
    graph.get("/redfish/v1/Systems/1")
    graph.get(BIOS)
    graph.get("/redfish/v1/Chassis/1")
    target = "/redfish/v1/Systems/1/Actions/ComputerSystem.Reset"
    assert graph.write("POST", target, {"ResetType": "On"}, below="/redfish/v1/Systems/1").ok
    assert graph.peek("/redfish/v1/Systems/1") is None and graph.peek(BIOS) is None
    assert graph.peek("/redfish/v1/Chassis/1") is not None
