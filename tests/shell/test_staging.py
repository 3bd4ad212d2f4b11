"""Changes that can't hurt, against the simulator over real HTTP: validation refuses before
anything is sent, BIOS goes through its settings object, conflicts and partial failures keep
the stage, and the stage outlives the process."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time

import pytest
import requests

from iloshell.sim.testing import simulate
from tests.conftest import DL325, RACKMOUNT

from .harness import Shell

SHELL = {"assume_yes": True}


def patches(sim) -> int:
    return sim.stats()["requests"].get("PATCH", 0)


@pytest.mark.parametrize(
    ("assignment", "words"),
    [
        ("/Systems/1/SerialNumber=X", "read-only"),
        ("/Systems/1/NoSuchThing=1", "NoSuchThing"),
        ("/Systems/1/AssetTag:=5", "string"),
        ("/Systems/1/Boot/BootSourceOverrideTarget=Floppy", "Floppy"),
        ("/Systems/1/Boot/BootSourceOverrideEnabled=Sometimes", "Sometimes"),
        ("/SessionService/SessionTimeout=5", "30"),
        ("/Managers/1/NetworkProtocol/HTTPS/Port=70000", "65535"),
        ("/Systems/1/Bios/Attributes/WorkloadProfile=Fastest", "WorkloadProfile"),
        ("/Systems/1/Bios/Attributes/PowerOnDelay=7", "PowerOnDelay"),
        ("/Systems/1/Bios/Attributes/PowerOnDelay=600", "PowerOnDelay"),
        ("/Systems/1/Bios/Attributes/AdminEmail=not-an-email", "AdminEmail"),
        ("/Systems/1/Bios/Attributes/NoSuchAttribute=1", "NoSuchAttribute"),
    ],
)
def test_every_rule_refuses_before_sending(sim, shell, assignment, words):
    result = shell.run(f"set {assignment}")
    assert result.code == 4, result.err
    assert words in result.err
    assert "not staged" in result.err
    assert shell.ok("status").startswith("nothing staged")
    assert patches(sim) == 0


def test_read_only_bios_attribute_and_registry_types(shell):
    attrs = shell.ctx.conn.checker.attributes_for(
        shell.ctx.conn.graph.get("/redfish/v1/systems/1/bios/")
    )
    read_only = next(a for a in attrs.attributes() if a.read_only)
    result = shell.run(f"set /Systems/1/Bios/Attributes/{read_only.name}=x")
    assert result.code == 4 and "read" in result.err.lower()


def test_set_commit_applies_and_reads_back(sim, shell):
    shell.ok("cd /Systems/1")
    shell.ok('set AssetTag="rack 12" Boot/BootSourceOverrideTarget=Pxe')
    status = shell.ok("status")
    assert "rack 12" in status and "Pxe" in status
    diff = shell.ok("diff")
    assert '+  "AssetTag": "rack 12"' in diff
    before = patches(sim)
    out = shell.ok("commit")
    assert patches(sim) == before + 1  # one PATCH for the resource
    assert out.count("applied") == 2
    assert shell.ok("get AssetTag Boot/BootSourceOverrideTarget").split("\n")[:2] == [
        "rack 12",
        "Pxe",
    ]
    assert shell.ok("status").startswith("nothing staged")


def test_json_quoting_rules(shell):
    shell.ok('cd /Systems/1; set AssetTag="12"')
    assert shell.ctx.conn.stage.own()[0].value == "12"


def test_dry_run_sends_nothing_and_masks_the_token(sim, shell):
    shell.ok("set /Systems/1/AssetTag=dry")
    out = shell.ok("commit --dry-run")
    assert "PATCH" in out and "If-Match" in out and "X-Auth-Token: ***" in out
    assert shell.ctx.conn.auth.token not in out
    assert patches(sim) == 0
    assert len(shell.ctx.conn.stage) == 1


def test_bios_goes_to_the_settings_object_and_reset_applies_it(sim, shell):
    shell.ok("cd /Systems/1/Bios")
    current = shell.ok("get Attributes/PowerOnDelay").strip()
    target = "45" if current != "45" else "60"
    shell.ok(f"set Attributes/PowerOnDelay={target}")
    status = shell.ok("status")
    assert "settings" in status and "reset" in status
    out = shell.run("commit")
    assert out.code == 0, out.err
    assert "pending" in out.out
    assert "reset" in out.err
    assert shell.ok("get Attributes/PowerOnDelay").strip() == current  # not yet
    side_by_side = shell.ok("cat --pending Attributes").splitlines()
    assert side_by_side[0].split() == ["PowerOnDelay", current, target]  # differences first
    assert "1 value pending" in side_by_side[-1]
    assert f"-> {target} pending" in shell.ok("ls -l Attributes")
    assert shell.run("cat --pending /Systems/1").code == 1  # no settings object there
    shell.ok("invoke /Systems/1 Reset ResetType=ForceRestart")
    assert shell.ok("get /Systems/1/Bios/Attributes/PowerOnDelay").strip() == target


def second_writer(sim, uri, body):
    response = requests.patch(sim.url + uri, json=body, auth=(sim.user, sim.password), timeout=10)
    assert response.ok, response.text


def test_conflict_keeps_the_stage_until_refresh(sim, shell):
    shell.ok("cd /Systems/1; get AssetTag; set AssetTag=mine")
    second_writer(sim, "/redfish/v1/Systems/1", {"AssetTag": "theirs"})
    result = shell.run("commit")
    assert result.code == 5
    assert "412" in result.out and "refresh" in result.out
    assert len(shell.ctx.conn.stage) == 1
    assert "412" in shell.ok("status")
    refreshed = shell.run("refresh")
    assert "diff" in refreshed.err
    assert "applied" in shell.ok("commit")
    assert shell.ok("get AssetTag").strip() == "mine"


def test_partial_failure_reports_each_and_keeps_what_failed(sim, shell):
    shell.ok("set /Systems/1/AssetTag=one /Chassis/1/IndicatorLED=Lit")
    second_writer(sim, "/redfish/v1/Chassis/1", {"IndicatorLED": "Blinking"})
    result = shell.run("commit")
    assert result.code == 5
    assert "applied" in result.out and "still staged" in result.out
    staged = shell.ctx.conn.stage.own()
    assert [c.display for c in staged] == ["/Chassis/1/IndicatorLED"]


def test_force_overwrites_without_if_match(sim, shell):
    shell.ok("set /Systems/1/AssetTag=forced")
    second_writer(sim, "/redfish/v1/Systems/1", {"AssetTag": "other"})
    assert "applied" in shell.ok("commit --force")


def test_unset_discard_and_noop(shell):
    shell.ok("cd /Systems/1; set AssetTag=a IndicatorLED=Blinking")
    shell.ok("unset AssetTag")
    assert [c.display for c in shell.ctx.conn.stage.own()] == ["/Systems/1/IndicatorLED"]
    shell.ok("discard -a")
    assert len(shell.ctx.conn.stage) == 0
    current = shell.ok("get IndicatorLED").strip()
    result = shell.run(f"set IndicatorLED={current}")
    assert "already" in result.err and len(shell.ctx.conn.stage) == 0


def test_service_errors_are_resolved_through_registries(shell):
    result = shell.run('raw -y PATCH /redfish/v1/Systems/1 {"SerialNumber": "x"}')
    assert result.code == 5
    assert "PropertyNotWritable" in result.err
    assert "read only" in result.err.lower() or "read-only" in result.err.lower()


def test_invoke_validates_parameters_before_sending(sim, shell):
    result = shell.run("invoke /Systems/1 Reset ResetType=Sideways")
    assert result.code == 4 and "Sideways" in result.err
    assert sim.stats()["requests"].get("POST", 0) == 1  # the login only


def test_create_and_rm_an_account(shell):
    out = shell.ok(
        'create /AccountService/Accounts {"UserName": "ops", "Password": "Ops-pass-12", '
        '"RoleId": "Operator"}'
    )
    uri = out.split()[-1]
    assert "ops" in shell.ok(f"get {uri}/UserName")
    shell.ok(f"rm {uri}")
    assert shell.run(f"cat {uri}").code == 5


def test_unvalidated_warning_and_strict(tmp_path):
    """The mockup serves no schemas: standard properties are checked against the bundled
    DMTF schema; an OEM property no schema describes is staged unvalidated, and only that is
    what --strict refuses."""
    with simulate(mockup=str(RACKMOUNT)) as sim:
        shell = Shell(sim.url)
        first = shell.ok("ls /Systems").split()[0].rstrip("/")
        result = shell.run(f"set /Systems/{first}/AssetTag=x")
        assert result.code == 0 and "unvalidated" not in result.err
        result = shell.run(f"set /Systems/{first}/Oem/Contoso/Extra=1")
        assert result.code == 0 and "unvalidated" in result.err
        shell.ctx.settings.strict = True
        assert shell.run(f"set /Systems/{first}/AssetTag=y").code == 0
        result = shell.run(f"set /Systems/{first}/Oem/Contoso/Extra=2")
        assert result.code == 4 and "--strict" in result.err
        shell.close()


def test_stage_file_is_private_and_holds_no_password(sim, shell, private_home):
    shell.ok("set /Systems/1/AssetTag=disk")
    shell.ok("set /AccountService/Accounts/2/Password=Very-secret-1")
    files = list((private_home / "xdg_state_home").rglob("*.json"))
    assert len(files) == 1
    text = files[0].read_text()
    assert "disk" in text and "Very-secret-1" not in text
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(files[0].parent.stat().st_mode) == 0o700


def test_stage_survives_a_killed_process(private_home):
    """A stage kept on disk (the interactive shell's, or a script's with --keep-stage) is
    written after every change, so a killed process loses nothing."""
    env = {**os.environ}
    with simulate(latency_ms=200) as sim:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "iloshell.frontends.cli",
                sim.url,
                "-u",
                "admin",
                "-p",
                "password",
                "--keep-stage",
                "-c",
                "set /Systems/1/AssetTag=survivor; find /",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        # Wait for the stage file itself: the schema cache also writes JSON files under
        # the private home, and killing the shell before the stage is saved proves nothing.
        stage_dir = private_home / "xdg_state_home" / "iloshell" / "stage"
        deadline = time.monotonic() + 30
        while not list(stage_dir.glob("*.json")) and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=10)
        after = subprocess.run(
            [
                sys.executable,
                "-m",
                "iloshell.frontends.cli",
                sim.url,
                "-u",
                "admin",
                "-p",
                "password",
                "-c",
                "pwd",
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=30,
        )
    assert after.returncode == 0
    assert "1 change staged by an earlier session is kept" in after.stderr
    saved = json.loads(next(stage_dir.glob("*.json")).read_text())
    assert saved["changes"][0]["value"] == "survivor"


def test_dl325_schema_store_read_only_flags():
    with simulate(mockup=str(DL325)) as sim:
        shell = Shell(sim.url)
        result = shell.run("set /Systems/1/Model=Faster")
        assert result.code == 4 and "read-only" in result.err
        shell.ok("set /Systems/1/Bios/Attributes/AdminName=Ops")
        assert "settings" in shell.ok("status")
        assert patches(sim) == 0
        shell.close()
