"""``iloshell --hosts``: one script on a fleet of simulated iLOs, run as a user runs it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import pytest

from tests.fleet.conftest import CLI, LOGIN, hosts_file, shell

PROFILE = "/Systems/1/Bios/Attributes/WorkloadProfile"
SET = f"set {PROFILE}=Virtualization-MaxPerformance; commit"


def requests_of(fleet, method: str) -> list[int]:
    return [m.service.stats()["requests"].get(method, 0) for m in fleet.members if m.service]


def test_output_is_prefixed_per_host_and_the_exit_code_is_the_highest(fleet, tmp_path):
    result = shell("--hosts", str(hosts_file(fleet, tmp_path)), "-c", "get /Systems/1/SerialNumber")
    assert result.returncode == 3  # the fourth iLO is down: could not connect
    lines = result.stdout.splitlines()
    labels = [url.split("://")[1] for url in fleet.urls]
    assert sorted(lines) == sorted(
        f"{label}: MXQ000000{i + 1}" for i, label in enumerate(labels[:3])
    )
    assert "summary: 3 ok, 0 failed, 1 unreachable" in result.stderr
    assert f"{labels[3]} (1): unreachable, exit 3" in result.stderr
    assert "Traceback" not in result.stderr
    assert fleet.stats()["sessions"] == 0  # every session logged out


def test_gather_groups_identical_outputs_under_folded_names(fleet, tmp_path):
    up = ",".join(m.url for m in fleet.members if not m.down)
    result = shell("--hosts", up, "--gather", "-c", f"get {PROFILE}")
    assert result.returncode == 0, result.stderr
    blocks = result.stdout.split("-" * 15)
    assert "(2)" in result.stdout and "(1)" in result.stdout
    assert result.stdout.index("GeneralPowerEfficientCompute") < result.stdout.index(
        "Virtualization-MaxPerformance"
    ), blocks  # the bigger group first


def test_changes_need_yes_then_apply_once_and_a_rerun_changes_nothing(fleet, tmp_path):
    hosts = str(hosts_file(fleet, tmp_path))
    refused = shell("--hosts", hosts, "-c", SET)
    assert refused.returncode == 2 and "pass -y" in refused.stderr
    assert sum(requests_of(fleet, "PATCH")) == 0

    first = shell("--hosts", hosts, "-y", "--json", "-c", SET)
    objects = [json.loads(line) for line in first.stdout.splitlines()]
    summary = objects[-1]["summary"]
    assert summary["pending"] == 2 and summary["unreachable"] == 1  # the drifted one was done
    assert sorted(requests_of(fleet, "PATCH")) == [0, 1, 1]
    assert first.returncode == 3

    again = shell("--hosts", hosts, "-y", "--json", "-c", SET)
    objects = [json.loads(line) for line in again.stdout.splitlines()]
    assert objects[-1]["summary"]["pending"] == 0
    assert all("already" in o["stderr"] and "nothing to commit" in o["stderr"] for o in objects[:3])
    assert sorted(requests_of(fleet, "PATCH")) == [0, 1, 1]


def test_check_shows_requests_and_diffs_and_sends_nothing(fleet, tmp_path):
    up = ",".join(m.url for m in fleet.members if not m.down)
    result = shell("--hosts", up, "--check", "-c", SET)
    assert result.returncode == 0, result.stderr
    assert '+    "WorkloadProfile": "Virtualization-MaxPerformance"' in result.stdout
    assert "PATCH /redfish/v1/systems/1/bios/settings/" in result.stdout
    assert "check: commit not sent" in result.stderr
    assert sum(requests_of(fleet, "PATCH")) == 0
    assert shell("--hosts", up, "-c", "status").stdout.count("nothing staged") == 3


def test_a_canary_failure_starts_no_other_host(fleet):
    down = next(m.url for m in fleet.members if m.down)
    others = [m.url for m in fleet.members if not m.down]
    result = shell("--hosts", ",".join([down, *others]), "--canary", "1", "-c", "pwd")
    assert result.returncode == 3
    assert "the canary failed" in result.stderr and "3 not started" in result.stderr
    assert sum(requests_of(fleet, "GET")) == 0


def test_max_failures_launches_no_new_host(fleet):
    urls = [m.url for m in fleet.members]
    bad = "-c", "cd /Nowhere"
    result = shell("--hosts", ",".join(urls[:3]), "--concurrency", "1", "--max-failures", "1", *bad)
    assert result.returncode == 1
    assert "0 ok, 1 failed, 0 unreachable, 2 not started" in result.stderr


def test_schemas_and_registries_are_fetched_by_one_host_per_version(fleet, tmp_path):
    up = ",".join(m.url for m in fleet.members if not m.down)
    result = shell("--hosts", up, "-y", "--concurrency", "1", "-c", f"set {PROFILE}=Custom; commit")
    assert result.returncode == 0, result.stderr
    gets = sorted(requests_of(fleet, "GET"))
    assert gets[-1] - gets[0] >= 4  # the first host read JsonSchemas and Registries for all
    totals = sorted(sum(m.service.stats()["requests"].values()) for m in fleet.members if m.service)
    assert totals[0] <= 10, totals


def test_a_script_file_with_arguments_runs_on_every_host(fleet, tmp_path):
    script = tmp_path / "tag.ilo"
    script.write_text("set /Systems/1/AssetTag=$1\ncommit\nget /Systems/1/AssetTag\n")
    up = ",".join(m.url for m in fleet.members if not m.down)
    result = shell("--hosts", up, "-y", "--gather", str(script), "rack-7")
    assert result.returncode == 0, result.stderr
    assert "(3)" in result.stdout and "rack-7" in result.stdout
    assert "changes: 3 applied" in result.stderr


def test_hosts_from_stdin_with_per_line_credentials(fleet):
    up = [m.url for m in fleet.members if not m.down]
    listing = f"{up[0]} user=admin password-env=FIRST_PW\n{up[1]}  # the default login\n"
    serial = "get /Systems/1/SerialNumber"
    result = shell("--hosts", "-", "-c", serial, stdin=listing, env={"FIRST_PW": "password"})
    assert result.returncode == 0, result.stderr
    assert "summary: 2 ok" in result.stderr
    wrong = shell("--hosts", "-", "-c", "pwd", stdin=listing, env={"FIRST_PW": "nope"})
    assert wrong.returncode == 3 and "1 ok, 0 failed, 1 unreachable" in wrong.stderr


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_ctrl_c_and_sigterm_log_every_running_host_out(fleet, signum, code):
    up = ",".join(m.url for m in fleet.members if not m.down)
    process = subprocess.Popen(
        [*CLI, "--hosts", up, "-c", "wait --interval 0.2 /Systems/1/PowerState == Exploded"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **LOGIN},
    )
    deadline = time.monotonic() + 30
    while fleet.stats()["sessions"] < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert fleet.stats()["sessions"] == 3
    process.send_signal(signum)
    _, err = process.communicate(timeout=30)
    assert process.returncode == code, err
    assert fleet.stats()["sessions"] == 0
    assert "Traceback" not in err
