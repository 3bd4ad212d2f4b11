"""``iloshell-sim --fleet``: independent simulated iLOs in one process, over real sockets."""

from __future__ import annotations

import socket
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
import requests

from tests.fleet.conftest import start_fleet

AUTH = ("admin", "password")


def get(url: str, path: str) -> dict:
    return requests.get(url + path, auth=AUTH, timeout=10).json()


def test_each_ilo_has_its_own_identity_and_state(fleet):
    up = [m for m in fleet.members if not m.down]
    roots = [get(m.url, "/redfish/v1/") for m in up]
    systems = [get(m.url, "/redfish/v1/Systems/1") for m in up]
    assert len({r["UUID"] for r in roots}) == len(up)
    assert len({s["SerialNumber"] for s in systems}) == len(up)
    assert len({s["UUID"] for s in systems}) == len(up)
    assert [r["Oem"]["Hpe"]["Manager"][0]["HostName"] for r in roots] == [
        "ilo-0001",
        "ilo-0002",
        "ilo-0003",
    ]
    first, second = up[0].url, up[1].url
    requests.patch(first + "/redfish/v1/Systems/1", json={"AssetTag": "only-one"}, auth=AUTH)
    assert get(first, "/redfish/v1/Systems/1")["AssetTag"] == "only-one"
    assert get(second, "/redfish/v1/Systems/1")["AssetTag"] != "only-one"
    assert fleet.stats()["requests"]["PATCH"] == 1


def test_down_refuses_connections_and_drift_changes_bios_and_boot(fleet):
    down = fleet.members[3]
    assert down.down
    with socket.socket() as sock:
        address = urlsplit(down.url)
        assert sock.connect_ex((address.hostname, address.port)) != 0
    drifted, plain = fleet.members[0], fleet.members[1]
    assert drifted.drifted and not plain.drifted

    def profile(url):
        return get(url, "/redfish/v1/systems/1/bios/")["Attributes"]["WorkloadProfile"]

    assert profile(drifted.url) != profile(plain.url)
    boot = [
        get(m.url, "/redfish/v1/Systems/1")["Boot"]["BootSourceOverrideTarget"]
        for m in (drifted, plain)
    ]
    assert boot[0] != boot[1]


@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_tls_and_latency_apply_to_every_ilo():
    fleet = start_fleet(2, tls=True, latency_ms=5)
    try:
        assert all(url.startswith("https://") for url in fleet.urls)
        for url in fleet.urls:
            assert requests.get(url + "/redfish/v1/", verify=False, timeout=10).status_code == 200
    finally:
        fleet.stop()


def test_the_command_line_prints_one_line_per_ilo_or_writes_a_host_list(tmp_path):
    hosts = tmp_path / "hosts.txt"
    for extra, check in (([], "lines"), (["--hosts-out", str(hosts)], "file")):
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "iloshell.sim",
                "--fleet",
                "3",
                "--fault",
                "down:every=3",
                *extra,
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            first = process.stdout.readline()
            assert first.startswith("iloshell-sim: serving 3 iLOs (user admin")
            if check == "lines":
                lines = [process.stdout.readline() for _ in range(3)]
                assert lines[2].rstrip().endswith("ilo-0003 down")
            else:
                assert "wrote the host list" in process.stdout.readline()
                assert len(hosts.read_text().splitlines()) == 3
        finally:
            process.terminate()
            process.wait(10)


def test_bad_fleet_options_are_one_line_usage_errors():
    for args in (["--fault", "down:every=0"], ["--drift", "150"]):
        result = subprocess.run(
            [sys.executable, "-m", "iloshell.sim", "--fleet", "2", *args],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert result.returncode == 2 and len(result.stderr.splitlines()) == 1, result.stderr
