"""The console script: first stdout line, clean stop on SIGTERM/SIGINT, --state, bad options."""

from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import subprocess
import sys

import pytest
import requests

from tests.conftest import BLADED

LINE = re.compile(r"^iloshell-sim: serving (\S+) \(user (\S+), password ([^;)]+)(; .*)?\)$")


def _command() -> list[str]:
    script = shutil.which("iloshell-sim")
    return [script] if script else [sys.executable, "-m", "iloshell.sim"]


class Running:
    """A simulator subprocess; ``url`` comes from its first stdout line."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [*_command(), "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.first = self.process.stdout.readline().rstrip("\n")
        found = LINE.match(self.first)
        assert found, (
            self.first,
            self.process.stderr.read() if self.process.poll() is not None else "",
        )
        self.url, self.user, self.password = found.group(1, 2, 3)

    def stop(self, signum=signal.SIGTERM) -> tuple[int, str, str]:
        self.process.send_signal(signum)
        self.process.wait(timeout=10)  # then read: communicate() would skip readline's buffer
        return self.process.returncode, self.process.stdout.read(), self.process.stderr.read()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_console_script_serves_and_stops_cleanly(signum):
    sim = Running()
    assert (sim.user, sim.password) == ("admin", "password")
    assert requests.get(sim.url + "/redfish/v1/", timeout=5).status_code == 200
    code, _out, err = sim.stop(signum)
    assert code == 0 and err == ""


@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_tls_option_serves_https():
    sim = Running("--tls")
    assert sim.url.startswith("https://")
    assert requests.get(sim.url + "/redfish/v1/", verify=False, timeout=5).status_code == 200
    assert sim.stop()[0] == 0


def test_notes_follow_the_first_line():
    sim = Running("--mockup", str(BLADED), "--user", "root", "--password", "calvin")
    assert (sim.user, sim.password) == ("root", "calvin")
    assert "validation partial: no schema for" in sim.first
    code, out, _err = sim.stop()
    assert code == 0
    assert "iloshell-sim: note: the data serves no Base registry" in out
    assert "applied unvalidated (no schema): #" in out


def test_state_survives_a_restart_and_is_private(tmp_path):
    state = tmp_path / "sim-state.json"
    sim = Running("--state", str(state))
    auth = (sim.user, sim.password)
    assert requests.patch(
        sim.url + "/redfish/v1/Systems/1", json={"AssetTag": "KEPT"}, auth=auth, timeout=5
    ).ok
    created = requests.post(
        sim.url + "/redfish/v1/AccountService/Accounts",
        json={"UserName": "keeper", "Password": "k33per-pass", "RoleId": "ReadOnly"},
        auth=auth,
        timeout=5,
    )
    assert created.status_code == 201
    assert sim.stop()[0] == 0
    assert stat.S_IMODE(os.stat(state).st_mode) == 0o600
    assert "k33per-pass" not in state.read_text()

    again = Running("--state", str(state))
    system = requests.get(again.url + "/redfish/v1/Systems/1", auth=auth, timeout=5).json()
    assert system["AssetTag"] == "KEPT"
    assert requests.get(again.url + "/redfish/v1/", auth=("keeper", "k33per-pass"), timeout=5).ok
    assert again.stop()[0] == 0


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--fault", "503:every=0"], "positive"),
        (["--mockup", "/nonexistent/mockup"], "does not exist"),
    ],
)
def test_bad_options_exit_2_with_one_line(args, words):
    result = subprocess.run([*_command(), *args], capture_output=True, text=True, timeout=20)
    assert result.returncode == 2 and words in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_damaged_state_file_is_refused(tmp_path):
    state = tmp_path / "state.json"
    state.write_text("garbage")
    result = subprocess.run(
        [*_command(), "--state", str(state)], capture_output=True, text=True, timeout=20
    )
    assert result.returncode == 2 and "not JSON" in result.stderr
