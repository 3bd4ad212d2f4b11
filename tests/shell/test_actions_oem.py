"""iLO 5's own actions sit under ``Oem/Hpe/Actions`` of their resource (not ``Actions/Oem``):
invoke, Tab completion and explain find them there, against the DL325 mockup over HTTP."""

from __future__ import annotations

import re
import time

import pytest

from iloshell.errors import UsageError
from iloshell.frontends.completion import Engine, LiveSource
from iloshell.redfish.actions import available_actions, find_action, shortest_action_name
from tests.conftest import DL325

SIMULATOR = {"mockup": str(DL325)}
SHELL = {"assume_yes": True}

POWER_BUTTON = "/redfish/v1/Systems/1/Actions/Oem/Hpe/HpeComputerSystemExt.PowerButton"


def posts(sim) -> int:
    return sim.stats()["requests"].get("POST", 0)


@pytest.mark.parametrize("name", ["PowerButton", "#HpeComputerSystemExt.PowerButton"])
def test_invoke_posts_an_oem_action_to_its_target_with_its_parameters(shell, sim, name):
    before = posts(sim)
    result = shell.run(f"trace on; invoke /Systems/1 {name} PushType=Press")
    curl = next(line for line in result.err.splitlines() if "-X POST" in line)
    assert f"{sim.url}{POWER_BUTTON} " in curl
    assert """-d '{"PushType":"Press"}'""" in curl
    assert posts(sim) == before + 1
    # The mockup's simulator does not carry out this Oem action: it says so, resolved.
    assert result.code == 5 and "ActionNotSupported" in result.err


def test_oem_action_parameters_are_validated_before_sending(shell, sim):
    before = posts(sim)
    result = shell.run("invoke /Systems/1 PowerButton PushType=Tap")
    assert result.code == 4
    assert "PushType 'Tap' is not allowed; choose one of Press, PressAndHold" in result.err
    hint = "explain /Systems/1/Oem/Hpe/Actions/#HpeComputerSystemExt.PowerButton"
    assert hint in result.err
    assert shell.run(hint).code == 0  # the hint names a place explain knows
    assert posts(sim) == before


def test_manager_oem_actions_and_the_list_of_what_is_offered(shell, sim):
    result = shell.run("invoke /Managers/1 Nothing")
    assert result.code == 1
    for name in ("Manager.Reset", "HpeiLO.ClearHotKeys", "HpeiLO.ResetToFactoryDefaults"):
        assert name in result.err
    before = posts(sim)
    result = shell.run("trace on; invoke /Managers/1 ClearHotKeys")
    assert f"{sim.url}/redfish/v1/Managers/1/Actions/Oem/Hpe/HpeiLO.ClearHotKeys" in result.err
    assert posts(sim) == before + 1


def test_explain_run_it_with_line_runs(shell, sim):
    path = "/Systems/1/Oem/Hpe/Actions/#HpeComputerSystemExt.PowerButton"
    for where in ("/", "/Systems/1", "/Systems/1/Oem/Hpe"):
        out = shell.ok(f"cd {where}; explain {path}")
        assert f"POST {POWER_BUTTON}" in " ".join(out.split())  # the URI, never cut
        line = re.search(r"run it with: (.*)", out)[1]
        assert line == "invoke /Systems/1 PowerButton PushType=..."
        before = posts(sim)
        result = shell.run("trace on; " + line.replace("...", "Press") + "; trace off")
        assert f"{sim.url}{POWER_BUTTON} " in result.err and posts(sim) == before + 1
    out = shell.ok("cd /Systems/1/Oem/Hpe; explain Actions/SystemReset")
    assert "run it with: invoke /Systems/1 SystemReset ResetType=..." in out


def test_explain_of_a_resource_lists_its_oem_actions(shell):
    out = shell.ok("explain /Systems/1")
    actions = out.split("actions (", 1)[1].splitlines()
    assert "    Actions/#ComputerSystem.Reset" in actions
    assert "    Oem/Hpe/Actions/#HpeComputerSystemExt.PowerButton" in actions
    out = shell.ok("explain /Systems/1/Oem/Hpe/Actions/#HpeComputerSystemExt.PowerButton")
    assert "PushType" in out and "PressAndHold" in out


def settle(engine: Engine, text: str) -> list[str]:
    deadline = time.monotonic() + 20
    while True:
        result = engine.complete(text)
        if not result.pending or time.monotonic() > deadline:
            return [s.text for s in result.items]
        time.sleep(0.05)


def test_tab_completes_oem_action_names_parameters_and_values(shell):
    shell.ok("cd /Systems/1")
    engine = Engine(LiveSource(shell.ctx))
    names = settle(engine, "invoke ")
    assert "PowerButton " in names and "SystemReset " in names and "Reset " in names
    assert settle(engine, "invoke Pow") == ["PowerButton "]
    assert settle(engine, "invoke PowerButton ") == ["PushType="]
    assert settle(engine, "invoke PowerButton PushType=") == ["Press", "PressAndHold"]
    assert settle(engine, "invoke /Managers/1 ClearH") == ["ClearHotKeys "]


# -- the finding rules, on plain bodies

SAME_SHORT_NAME = {
    "Actions": {"#Chassis.Reset": {"target": "/a"}},
    "Oem": {"Vendor": {"Actions": {"#VendorChassis.Reset": {"target": "/b"}}}},
}


def test_a_short_name_two_actions_share_is_refused_not_guessed():
    assert set(available_actions(SAME_SHORT_NAME)) == {"#Chassis.Reset", "#VendorChassis.Reset"}
    with pytest.raises(UsageError, match=r"write Chassis\.Reset or VendorChassis\.Reset"):
        find_action(SAME_SHORT_NAME, "Reset")
    assert find_action(SAME_SHORT_NAME, "VendorChassis.Reset")[1] == {"target": "/b"}
    assert shortest_action_name(SAME_SHORT_NAME, "#VendorChassis.Reset") == "VendorChassis.Reset"


def test_every_place_an_action_may_sit():
    body = {
        "Actions": {
            "#A.One": {},
            "Oem": {"#B.Two": {}, "Hpe": {"#C.Three": {}}},
        },
        "Oem": {"Hpe": {"Actions": {"#D.Four": {}}, "Other": 1}},
    }
    assert list(available_actions(body)) == ["#A.One", "#B.Two", "#C.Three", "#D.Four"]
    assert available_actions(["not", "an", "object"]) == {}
