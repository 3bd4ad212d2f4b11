"""save and load: writable settings to a file and back, validated like set; no passwords."""

from __future__ import annotations

import json

from iloshell.sim.testing import simulate
from iloshell.staging.saved import differences, leaves, overlay, read_saved
from tests.conftest import DL325
from tests.shell.harness import Shell

SHELL = {"assume_yes": True}


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
        "left out 2 secret or write-only values: Attributes/AdminPassword, "
        "Attributes/PowerOnPassword" in result.err
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
        assert "2 changes staged from" in result.err
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


def test_counts_are_singular_or_plural(shell, tmp_path):
    one = shell.run(f"save /Chassis/1 {tmp_path / 'chassis.json'}")
    assert one.code == 0 and "saved 1 writable property of /Chassis/1" in one.err
    doc = saved(tmp_path / "chassis.json")
    (name,) = doc["properties"]
    doc["properties"][name] = "Lit" if name == "IndicatorLED" else "changed"
    (tmp_path / "changed.json").write_text(json.dumps(doc))
    loaded = shell.run(f"load {tmp_path / 'changed.json'}")
    assert loaded.code == 0, loaded.err
    assert "1 change staged from" in loaded.err


def bios_with_other_models_attributes(shell, tmp_path):
    """A BIOS file as another model writes it: attributes this registry lacks, and one
    change this one can take."""
    shell.ok(f"save /Systems/1/Bios {tmp_path / 'bios.json'}")
    doc = saved(tmp_path / "bios.json")
    attributes = doc["properties"]["Attributes"]
    attributes["ProcTurbo"] = "Disabled" if attributes["ProcTurbo"] == "Enabled" else "Enabled"
    for n in range(7):
        attributes[f"OtherModelAttribute{n}"] = "Enabled"
    (tmp_path / "other.json").write_text(json.dumps(doc))
    return tmp_path / "other.json"


def test_load_refuses_another_models_attributes_in_one_line(shell, tmp_path):
    other = bios_with_other_models_attributes(shell, tmp_path)
    refused = shell.run(f"load {other}")
    assert refused.code == 4
    (line,) = [line for line in refused.err.splitlines() if "not staged" in line]
    assert "not staged: 7 of 8 values in" in line and "don't apply to /Systems/1/Bios" in line
    assert "has no OtherModelAttribute0, OtherModelAttribute1, OtherModelAttribute2 " in line
    assert "...and 4 more" in line and "OtherModelAttribute3" not in line
    assert "load --skip-unknown stages the other 1" in line
    assert "nothing staged" in shell.ok("status")


def test_skip_unknown_stages_what_the_target_has_and_says_what_it_skipped(shell, tmp_path):
    other = bios_with_other_models_attributes(shell, tmp_path)
    result = shell.run(f"load --skip-unknown {other}")
    assert result.code == 0, result.err
    assert "skipped 7 values: the attribute registry BiosAttributeRegistry" in result.err
    assert "has no OtherModelAttribute0, OtherModelAttribute1, OtherModelAttribute2" in result.err
    assert "1 change staged from" in result.err
    status = shell.ok("status")
    assert "ProcTurbo" in status and "OtherModelAttribute" not in status


def test_a_dl325_bios_loaded_on_a_dl380_is_refused_in_one_short_line(tmp_path):
    target = tmp_path / "bios325.json"
    with simulate(mockup=DL325) as dl325:
        one = Shell(dl325.url)
        one.ok(f"save /Systems/1/Bios {target}")
        one.close()
    with simulate() as dl380:
        two = Shell(dl380.url)
        for command in (f"load {target} /Systems/1/Bios", f"load --skip-unknown {target}"):
            result = two.run(command)
            assert result.code == 4, result.err
            (line,) = [line for line in result.err.splitlines() if "not staged" in line]
            assert len(line.replace(str(target), "FILE")) < 450, line  # not 160 clauses
            assert "are refused: " in line and "the first: " in line
            assert ("has no " in line and "more" in line) == ("skip" not in command)
        assert "nothing staged" in two.ok("status")
        two.close()


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
