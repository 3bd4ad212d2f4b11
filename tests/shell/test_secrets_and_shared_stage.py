"""Passwords never reach the screen or the disk, whichever way they arrive (a service that echoes
one, an object staged whole), and a script never touches changes an earlier session left."""

from __future__ import annotations

import json
from pathlib import Path

import requests

from iloshell.sim.testing import simulate

from .harness import Shell

SETTINGS = "/redfish/v1/systems/1/bios/settings/"


def stage_file(home: Path) -> dict:
    (path,) = (home / "xdg_state_home" / "iloshell" / "stage").glob("*.json")
    return json.loads(path.read_text())


def leaky_mockup(folder: Path) -> Path:
    """A tiny service whose account answers with its password in clear (a bad BMC)."""
    docs = {
        "": {
            "@odata.id": "/redfish/v1/",
            "@odata.type": "#ServiceRoot.v1_5_0.ServiceRoot",
            "Id": "RootService",
            "Name": "Leaky",
            "AccountService": {"@odata.id": "/redfish/v1/AccountService"},
            "ProtocolFeaturesSupported": {"ExpandQuery": {"NoLinks": True, "Levels": True}},
        },
        "AccountService": {
            "@odata.id": "/redfish/v1/AccountService",
            "@odata.type": "#AccountService.v1_5_0.AccountService",
            "Id": "AccountService",
            "Name": "Accounts",
            "Accounts": {"@odata.id": "/redfish/v1/AccountService/Accounts"},
        },
        "AccountService/Accounts": {
            "@odata.id": "/redfish/v1/AccountService/Accounts",
            "@odata.type": "#ManagerAccountCollection.ManagerAccountCollection",
            "Name": "Accounts",
            "Members": [
                {"@odata.id": "/redfish/v1/AccountService/Accounts/1"},
                {"@odata.id": "/redfish/v1/AccountService/Accounts/2"},
            ],
            "Members@odata.count": 2,
        },
        "AccountService/Accounts/1": {
            "@odata.id": "/redfish/v1/AccountService/Accounts/1",
            "@odata.type": "#ManagerAccount.v1_3_0.ManagerAccount",
            "Id": "1",
            "Name": "admin",
            "UserName": "admin",
            "Password": "hunter2-in-clear",
            "Oem": {"Vendor": {"BmcToken": "tok-in-clear"}},
        },
        "AccountService/Accounts/2": {
            "@odata.id": "/redfish/v1/AccountService/Accounts/2",
            "@odata.type": "#ManagerAccount.v1_3_0.ManagerAccount",
            "Id": "2",
            "Name": "ops",
            "UserName": "ops",
            "Password": "ops-in-clear",
        },
    }
    for uri, body in docs.items():
        target = folder / "redfish" / "v1" / uri
        target.mkdir(parents=True, exist_ok=True)
        (target / "index.json").write_text(json.dumps(body))
    return folder


def test_a_password_a_service_echoes_is_masked_everywhere_it_is_shown(tmp_path):
    with simulate(mockup=leaky_mockup(tmp_path / "leaky")) as sim:
        shell = Shell(sim.url)
        account = "/AccountService/Accounts/1"
        shown = [
            shell.ok("ls -l /AccountService/Accounts"),  # one $expand brings both accounts
            shell.ok("cat /AccountService/Accounts/2"),
            shell.ok(f"cat {account}"),
            shell.ok(f"cat --raw {account}"),
            shell.ok(f"get {account}/Password"),
            shell.ok(f"ls -l {account}"),
            shell.ok(f"cat {account}/Oem"),
        ]
        shell.close()
    for text in shown:
        assert "in-clear" not in text
    assert "***" in shown[1] and "***" in shown[4]


def test_the_simulator_reads_bios_passwords_back_as_null(sim):
    auth = (sim.user, sim.password)
    answer = requests.patch(
        sim.url + SETTINGS, json={"Attributes": {"AdminPassword": "Sim-secret-1"}}, auth=auth
    )
    assert answer.status_code == 200
    body = requests.get(sim.url + SETTINGS, auth=auth).json()
    assert body["Attributes"]["AdminPassword"] is None
    assert "Sim-secret-1" not in answer.text


def test_an_object_staged_whole_keeps_its_password_masked_and_off_the_disk(sim, private_home):
    shell = Shell(sim.url)
    result = shell.run(
        'set /Systems/1/Bios/Attributes={"AdminPassword":"Obj-Secret-3","AdminName":"Eve"}'
    )
    assert result.code == 0, result.err
    outputs = [result.err, shell.ok("status"), shell.ok("commit --dry-run"), shell.ok("diff")]
    for text in outputs:
        assert "Obj-Secret-3" not in text
    assert '"AdminName": "Eve"' in outputs[1] and '"AdminPassword": "***"' in outputs[1]
    # status names only what the object changes, not the 60 other attributes
    assert "WorkloadProfile" not in outputs[1]
    # diff merges the object as PATCH does, and marks the password line
    assert '+    "AdminPassword": "*** (new)"' in outputs[3]
    assert "WorkloadProfile" not in outputs[3]
    assert "Obj-Secret-3" not in json.dumps(stage_file(private_home))
    shell.close()


def test_diff_shows_a_staged_password_as_a_masked_line(sim):
    shell = Shell(sim.url)
    shell.ok("set /AccountService/Accounts/2/Password=Diff-secret-9")
    shown = shell.ok("diff /AccountService/Accounts/2")
    assert '+  "Password": "*** (new)"' in shown and "Diff-secret-9" not in shown
    shell.close()


def test_status_shows_a_value_already_pending_beside_the_current_one(sim):
    shell = Shell(sim.url, assume_yes=True)
    shell.ok("set /Systems/1/Bios/Attributes/AdminName=Dave; commit")
    shell.ok("set /Systems/1/Bios/Attributes/AdminName=Zed")
    assert '"Demo Operations" (pending "Dave") -> "Zed"' in shell.ok("status")
    shell.close()


def test_cat_pending_aligns_its_columns_and_leaves_out_what_describes_the_object(sim):
    shell = Shell(sim.url, assume_yes=True)
    shell.ok("set /Systems/1/Bios/Attributes/AdminName=Dave; commit")
    single = shell.ok("cat --pending /Systems/1/Bios/Attributes/AdminName").splitlines()[0]
    assert single.split() == [
        "/Systems/1/Bios/Attributes/AdminName",
        '"Demo',
        'Operations"',
        '"Dave"',
    ]
    whole = shell.ok("cat --pending /Systems/1/Bios").splitlines()
    assert not [line for line in whole if line.split()[0] in ("Id", "Name", "Description")]
    columns = {line.index('"', len(line.split()[0])) for line in whole[:-1] if '"' in line}
    assert len(columns) == 1  # every current value starts in one column
    shell.close()


def test_a_success_message_carries_no_empty_resolution(sim):
    shell = Shell(sim.url, assume_yes=True)
    result = shell.run("invoke /Systems/1 Reset ResetType=On")
    assert result.code == 0, result.err
    assert "Resolution: None" not in result.out + result.err
    shell.close()


# --- a script and the changes an earlier session left ------------------------------------------


def test_a_script_never_overwrites_or_deletes_what_an_earlier_session_staged(sim, private_home):
    first = Shell(sim.url)
    first.ok("set /Systems/1/AssetTag=first")
    first.close()

    script = Shell(sim.url, assume_yes=True)
    result = script.run("set /Systems/1/AssetTag=second")
    assert 'an earlier session staged "first" here too' in result.err
    assert [c["value"] for c in stage_file(private_home)["changes"]] == ["first", "second"]
    script.ok("unset /Systems/1/AssetTag")
    assert [c["value"] for c in stage_file(private_home)["changes"]] == ["first"]
    script.ok("set /Systems/1/AssetTag=third; commit")
    assert script.ok("get /Systems/1/AssetTag").strip() == "third"
    assert [c["value"] for c in stage_file(private_home)["changes"]] == ["first"]
    script.close()


def test_a_password_typed_after_a_blank_is_not_echoed_in_the_error(sim):
    shell = Shell(sim.url)
    result = shell.run("set /AccountService/Accounts/2/Password= Blank-leak-5")
    assert result.code == 2 and "Blank-leak-5" not in result.err and "***" in result.err
    shell.close()


def test_raw_refuses_a_shell_path_inside_a_resource_rather_than_drop_its_end(sim):
    shell = Shell(sim.url)
    result = shell.run("raw GET Systems/1/Boot")
    assert result.code == 2 and "Boot inside /redfish/v1/Systems/1" in result.err
    assert shell.ok("raw GET Systems/1").startswith("HTTP 200")
    shell.close()


def test_two_shells_on_one_service_keep_each_others_staged_changes(sim, private_home):
    """Two terminals on one iLO share its stage file: neither overwrites the other's changes."""
    one, two = Shell(sim.url, assume_yes=True), Shell(sim.url, assume_yes=True)
    one.ok("set /Systems/1/IndicatorLED=Lit")
    two.ok("set /Systems/1/Boot/BootSourceOverrideEnabled=Once")

    def on_disk() -> set[str]:
        try:
            return {c["display"] for c in stage_file(private_home)["changes"]}
        except ValueError:  # no file: nothing staged
            return set()

    assert on_disk() == {"/Systems/1/IndicatorLED", "/Systems/1/Boot/BootSourceOverrideEnabled"}
    one.ok("commit")
    assert on_disk() == {"/Systems/1/Boot/BootSourceOverrideEnabled"}
    two.ok("unset /Systems/1/Boot/BootSourceOverrideEnabled")
    assert on_disk() == set()
    one.close()
    two.close()


def test_a_password_with_a_blank_typed_unquoted_is_not_echoed(sim):
    shell = Shell(sim.url)
    result = shell.run("set /AccountService/Accounts/2/Password=Two words-7")
    assert result.code == 2 and "***" in result.err
    assert "Two" not in result.err and "words-7" not in result.err
    shell.close()
