"""save and load: writable settings to a file and back, validated like set; no passwords."""

from __future__ import annotations

import json

from iloshell.sim.testing import simulate
from iloshell.staging.saved import differences, leaves, overlay, read_saved
from tests.shell.harness import Shell


def saved(path) -> dict:
    return json.loads(path.read_text())


def test_save_writes_only_writable_properties_with_a_header(shell, tmp_path):
    target = tmp_path / "system.json"
    result = shell.run(f"save /Systems/1 {target}")
    assert result.code == 0 and "saved 7 writable properties" in result.err
    doc = saved(target)
    header = doc["iloshell"]
    assert header["type"] == "#ComputerSystem.v1_10_0.ComputerSystem"
    assert header["version"] == "v1_10_0"
    assert header["source"].endswith("/redfish/v1/Systems/1") and header["path"] == "/Systems/1"
    props = doc["properties"]
    assert set(props) == {"AssetTag", "Boot", "IndicatorLED"}
    assert "BootOptions" not in props["Boot"]  # a link: not a setting
    assert "PowerState" not in props and "SerialNumber" not in props


def test_bios_saves_pending_values_and_never_passwords(shell, tmp_path):
    shell.ok("set /Systems/1/Bios/Attributes/ProcTurbo=Disabled; commit")
    target = tmp_path / "bios.json"
    result = shell.run(f"save /Systems/1/Bios {target}")
    assert (
        "left out 2 password(s): Attributes/AdminPassword, Attributes/PowerOnPassword" in result.err
    )
    doc = saved(target)
    attributes = doc["properties"]["Attributes"]
    assert attributes["ProcTurbo"] == "Disabled"  # pending: what the server runs after reset
    assert "AdminPassword" not in attributes and "SerialNumber" not in attributes  # ro
    assert doc["iloshell"]["attributeRegistry"].startswith("BiosAttributeRegistry")
    assert doc["iloshell"]["omitted"] == ["Attributes/AdminPassword", "Attributes/PowerOnPassword"]


def test_load_copies_settings_to_another_server_through_the_stage(tmp_path):
    target = tmp_path / "bios.json"
    with simulate() as first:
        one = Shell(first.url, assume_yes=True)
        one.ok(
            "set /Systems/1/Bios/Attributes/WorkloadProfile=Virtualization-MaxPerformance "
            "/Systems/1/Bios/Attributes/ProcCoreDisable=4; commit"
        )
        one.ok(f"save /Systems/1/Bios {target}")
        one.close()
    with simulate() as second:
        two = Shell(second.url, assume_yes=True)
        result = two.run(f"load {target}")
        assert result.code == 0, result.err
        assert "2 change(s) staged" in result.err
        status = two.ok("status")
        assert "WorkloadProfile" in status and "ProcCoreDisable" in status
        assert "settings object" in status
        assert second.stats()["requests"].get("PATCH", 0) == 0  # staged, not sent
        two.ok("commit")
        again = two.run(f"load {target}")
        assert "already matches" in again.err
        two.close()


def test_load_validates_like_set_and_refuses_other_kinds(shell, tmp_path):
    shell.ok(f"save /Systems/1/Bios {tmp_path / 'bios.json'}")
    doc = saved(tmp_path / "bios.json")
    doc["properties"]["Attributes"]["ProcTurbo"] = "Sideways"
    doc["properties"]["Attributes"]["WorkloadProfile"] = "LowLatency"
    (tmp_path / "bad.json").write_text(json.dumps(doc))
    refused = shell.run(f"load {tmp_path / 'bad.json'}")
    assert refused.code == 4 and "ProcTurbo" in refused.err
    assert "nothing staged" in shell.ok("status")  # all or none
    other = shell.run(f"load {tmp_path / 'bios.json'} /Systems/1")
    assert other.code == 1 and "holds Bios settings" in other.err
    (tmp_path / "junk.json").write_text("[1, 2]")
    junk = shell.run(f"load {tmp_path / 'junk.json'} /Systems/1")
    assert junk.code == 2 and "not a file written by save" in junk.err
    assert shell.run(f"load {tmp_path / 'missing.json'}").code == 2


def test_pure_helpers():
    values = {"A": 1, "Boot": {"Target": "Pxe", "Order": ["a", "b"]}}
    assert leaves(values) == [
        (("A",), 1),
        (("Boot", "Target"), "Pxe"),
        (("Boot", "Order"), ["a", "b"]),
    ]
    current = {"A": 1, "Boot": {"Target": "None", "Order": ["a", "b"]}}
    assert differences(values, current) == [(("Boot", "Target"), "Pxe")]
    assert differences(values, current, {"Boot": {"Target": "Pxe"}}) == []  # already pending
    assert overlay({"X": {"Y": 1}, "Z": 2}, {"X": {"Y": 3}, "W": 4}) == {"X": {"Y": 3}, "Z": 2}
    assert read_saved({"properties": {}}) == ({}, {})
