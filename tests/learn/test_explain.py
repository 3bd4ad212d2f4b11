"""explain against the built-in demo service (its own schemas and registries, over HTTP), and
against a mockup that serves no schema at all."""

from __future__ import annotations

import json
import shutil

import pytest

from iloshell.commands.explain import first_sentence, rule_text
from iloshell.model.attributes import Condition, Dependency
from iloshell.render.explain import type_words
from iloshell.sim.testing import simulate
from tests.conftest import RACKMOUNT
from tests.shell.harness import Shell

SHELL = {"assume_yes": True}


def flat(text: str) -> str:
    """Words only: what a sentence says, however it was wrapped and aligned."""
    return " ".join(text.split())


def test_a_property_with_allowed_values_and_what_this_service_accepts(shell):
    out = shell.ok("explain /Systems/1/Boot/BootSourceOverrideTarget")
    lines = out.splitlines()
    assert lines[0] == "/Systems/1/Boot/BootSourceOverrideTarget  (property of ComputerSystem)"
    assert "read-write: set /Systems/1/Boot/BootSourceOverrideTarget=VALUE" in out
    assert "string, or null" in out
    assert "ComputerSystem.v1_10_0" in out and "/redfish/v1/SchemaStore/en/" in out
    pxe = next(line for line in lines if line.strip().startswith("* Pxe"))
    assert "PXE" in pxe  # the value's meaning, from the schema's enumDescriptions
    floppy = next(line for line in lines if "Floppy" in line)
    assert not floppy.strip().startswith("*")  # in the schema, not offered by this service
    assert "BootSourceOverrideTarget@Redfish.AllowableValues" in out


def test_read_only_properties_say_so(shell):
    out = shell.ok("cd /Systems/1; explain PowerState")
    assert "read-only: the service sets it" in out
    assert '"On"' in out


def test_a_bios_attribute_from_the_registry_with_current_pending_and_staged_values(shell):
    path = "/Systems/1/Bios/Attributes/WorkloadProfile"
    out = shell.ok(f"explain {path}")
    assert "(BIOS attribute: Workload Profile)" in out
    assert "Enumeration" in out and "BiosAttributeRegistry" in out
    assert "Virtualization-MaxPerformance Virtualization - Max Performance" in flat(out)
    assert "settings/ (applies at the next reset)" in out
    assert "affects" in out  # the dependency rules that read it
    shell.ok(f"set {path}=LowLatency")
    assert 'staged      "LowLatency" (commit sends it)' in shell.ok(f"explain {path}")
    shell.ok("commit")
    out = shell.ok(f"explain {path}")
    assert 'value       "GeneralPowerEfficientCompute"' in out
    assert 'pending     "LowLatency" (applies at the next reset)' in out


def test_bounds_and_rules_of_attributes(shell):
    out = shell.ok("explain /Systems/1/Bios/Attributes/ProcCoreDisable")
    assert "range       0 .. 27, in steps of 1" in out
    out = shell.ok("explain /Systems/1/Bios/Attributes/MinProcIdlePower")
    assert 'GrayOut becomes true when WorkloadProfile != "Custom"' in out
    result = shell.run("explain /Systems/1/Bios/Attributes/WorkloadProfil")
    assert result.code == 1 and "did you mean WorkloadProfile?" in result.err


def test_an_action_lists_its_parameters_from_actioninfo_and_schema(shell):
    out = shell.ok("explain /Systems/1/Actions/#ComputerSystem.Reset")
    assert "POST /redfish/v1/Systems/1/Actions/ComputerSystem.Reset" in out
    assert "actioninfo  /redfish/v1/Systems/1/ResetActionInfo" in out
    assert "ResetType  (required, String)" in out
    assert "GracefulRestart" in out and "Nmi" in out
    assert "run it with: invoke /Systems/1 Reset ResetType=..." in out
    assert shell.ok("explain /Systems/1/Actions/Reset") == out  # the short name works too


def test_a_resource_gets_a_table_of_its_properties(shell):
    out = shell.ok("explain /Systems/1")
    lines = out.splitlines()
    assert lines[0] == "/Systems/1  (ComputerSystem resource)"
    assert any(line.split()[:2] == ["AssetTag", "rw"] for line in lines)
    assert any(line.split()[:3] == ["PowerState", "ro", "value"] for line in lines)
    assert any(line.split()[:3] == ["Bios", "ro", "link"] for line in lines)
    assert "Actions/#ComputerSystem.Reset" in out
    assert all(len(line) <= 80 for line in lines)
    bios = shell.ok("explain /Systems/1/Bios")
    assert "changes go to /redfish/v1/systems/1/bios/settings/" in bios
    assert "attributes; explain" in bios


def test_a_message_id_from_the_registries(shell):
    out = shell.ok("explain Base.1.4.PropertyNotWritable")
    assert out.startswith("Base.1.4.PropertyNotWritable  (message of the Base 1.4.0 registry)")
    assert "The property %1 is a read only property" in out
    assert "Warning" in out and "resolution" in out
    wrong = shell.run("explain Base.1.4.PropertyNotWritabl")
    assert wrong.code == 1 and "did you mean PropertyNotWritable" in wrong.err
    assert "no Nope 1.x registry" in shell.run("explain Nope.1.0.Thing").err


def test_json_says_the_same_facts(sim):
    shell = Shell(sim.url, json=True)
    data = json.loads(shell.ok("explain /Systems/1/IndicatorLED"))
    assert data["kind"] == "property" and data["readonly"] is False
    assert {e["value"] for e in data["enum"]} >= {"Lit", "Blinking", "Off"}
    assert data["schema"]["type"] == "#ComputerSystem.v1_10_0.ComputerSystem"
    action = json.loads(shell.ok("explain /Systems/1/Actions/Reset"))
    assert action["parameters"][0]["name"] == "ResetType"
    message = json.loads(shell.ok("explain Base.1.4.Success"))
    assert message["kind"] == "message" and message["severity"]
    shell.close()


def test_unknown_places_fail_with_one_line(shell):
    result = shell.run("explain /Systems/1/Nope")
    assert result.code == 1
    assert result.err.strip().endswith("no such property here (the schema has no Nope either)")


def test_without_schemas_it_says_so_and_shows_what_the_data_says(tmp_path):
    # A type neither the service nor the bundled DMTF schemas describe (an OEM's own).
    folder = tmp_path / "mockup"
    shutil.copytree(RACKMOUNT, folder, symlinks=True)
    for where, kind in (("", "ContosoSystem"), ("Bios", "ContosoBios")):
        file = folder / "Systems" / "437XR1138R2" / where / "index.json"
        doc = json.loads(file.read_text())
        file.write_text(json.dumps({**doc, "@odata.type": f"#{kind}.v1_0_0.{kind}"}))
    with simulate(mockup=folder) as sim:
        shell = Shell(sim.url)
        out = shell.ok("explain /Systems/437XR1138R2/Boot/BootSourceOverrideTarget")
        assert "the service offers no schema for #ContosoSystem" in flat(out)
        assert "string (from the value)" in out
        assert "(from BootSourceOverrideTarget@Redfish.AllowableValues)" in out
        out = shell.ok("explain /Systems/437XR1138R2/Bios/Attributes/ProcCoreDisable")
        assert "nor does it serve the attribute registry" in flat(out)
        out = shell.ok("explain /Systems/437XR1138R2/Actions/Reset")
        assert "the parameters below come from the data itself" in flat(out)
        assert "ForceOn" in out
        assert "no schema: access unknown" in shell.ok("explain /Systems/437XR1138R2")
        shell.close()


@pytest.mark.parametrize(
    ("types", "words"),
    [
        (["string", "null"], "string, or null"),
        (["integer"], "integer"),
        (["string", "integer"], "string or integer"),
        ([], "not stated"),
    ],
)
def test_type_words(types, words):
    assert type_words(types) == words


def test_small_texts():
    assert first_sentence("The state of the LED. More text.") == "The state of the LED"
    assert first_sentence("x" * 100, 10) == "x" * 9 + "…"
    rule = Dependency(
        "ProcTurbo",
        "ReadOnly",
        True,
        (Condition("A", "EQU", "x"), Condition("B", "GTR", 2, "OR")),
    )
    assert rule_text(rule) == 'ReadOnly becomes true when A = "x" or B > 2'
