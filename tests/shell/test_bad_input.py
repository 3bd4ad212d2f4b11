"""Mistakes in a script or a command line end in one line, never in acting on the wrong thing
or reading the machine dry."""

from __future__ import annotations

import subprocess
import sys

import pytest

from iloshell.sim.testing import simulate

from .harness import Shell

CLI = [sys.executable, "-m", "iloshell.frontends.cli"]


def run(sim, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, sim.url, "-u", sim.user, "-p", sim.password, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_missing_script_argument_stops_the_script_instead_of_meaning_here(sim, tmp_path):
    script = tmp_path / "rm.ilo"
    script.write_text("cd /AccountService/Accounts/2\nrm -y $1\n")
    done = run(sim, str(script))
    assert done.returncode == 2
    assert done.stderr.strip().endswith(
        f"{script}:2: $1 is not set: the script was given 0 arguments (iloshell SCRIPT ARG...)"
    )
    assert sim.stats()["requests"].get("DELETE", 0) <= 1  # only the logout


def test_an_empty_path_is_refused(sim):
    shell = Shell(sim.url, assume_yes=True)
    shell.ok("cd /AccountService/Accounts/2")
    result = shell.run('rm ""')
    assert result.code == 2 and "PATH is empty" in result.err
    assert shell.ok("pwd").strip() == "/AccountService/Accounts/2"
    shell.close()


@pytest.mark.parametrize(
    ("command", "what"),
    [
        ("load /dev/zero /Systems/1", "a saved settings file"),
        ("source /dev/zero", "a script"),
        ("create -y /AccountService/Accounts @/dev/zero", "a request body"),
    ],
)
def test_a_file_that_is_not_a_regular_file_is_refused_without_reading_it(sim, command, what):
    shell = Shell(sim.url)
    result = shell.run(command)
    assert result.code == 2
    assert result.err.strip().endswith(f"/dev/zero: not a regular file ({what} must be one)")
    shell.close()


def test_a_script_may_start_with_a_byte_order_mark(sim, tmp_path):
    script = tmp_path / "bom.ilo"
    script.write_bytes(b"\xef\xbb\xbfpwd\n")
    assert run(sim, str(script)).stdout == "/\n"
    assert run(sim, stdin="\ufeffpwd\n").stdout == "/\n"


def echoing_service(sessions: bool):
    """A service whose error bodies repeat the request's credentials back (a bad BMC)."""
    from tests.shell.harness import JsonHandler

    class Echo(JsonHandler):
        def do_GET(self) -> None:
            if self.path.rstrip("/") == "/redfish/v1":
                root = {
                    "@odata.id": "/redfish/v1/",
                    "Systems": {"@odata.id": "/redfish/v1/Systems"},
                }
                if sessions:
                    root["Links"] = {"Sessions": {"@odata.id": "/redfish/v1/Sessions"}}
                self.answer(200, root)
                return
            token, auth = self.headers.get("X-Auth-Token"), self.headers.get("Authorization")
            said = f"bad token {token} auth {auth}"
            self.answer(500, {"error": {"code": "Base.1.4.GeneralError", "message": said}})

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.answer(
                201,
                {"@odata.id": "/redfish/v1/Sessions/1"},
                {"X-Auth-Token": "TOKEN-SECRET-abc123", "Location": "/redfish/v1/Sessions/1"},
            )

        def do_DELETE(self) -> None:
            self.answer(204, {})

    return Echo


@pytest.mark.parametrize("sessions", [True, False], ids=["session", "basic"])
def test_credentials_a_service_echoes_back_are_never_printed(sessions):
    import base64

    from tests.shell.harness import serve_handler

    basic = base64.b64encode(b"admin:Very-Secret-9").decode()
    with serve_handler(echoing_service(sessions)) as url:
        done = subprocess.run(
            [*CLI, url, "-u", "admin", "-p", "Very-Secret-9", "-c", "cat /redfish/v1/Systems"],
            capture_output=True,
            text=True,
            timeout=60,
        )
    printed = done.stdout + done.stderr
    assert "500" in printed and "***" in printed
    for secret in ("TOKEN-SECRET-abc123", basic):
        assert secret not in printed


@pytest.mark.parametrize("name", ["@odata.id", "@odata.type", "@odata.context"])
def test_a_resources_identity_is_not_staged(sim, name):
    shell = Shell(sim.url)
    result = shell.run(f"set /Systems/1/{name}=/x")
    assert result.code == 4 and "identity, set by the service" in result.err
    assert "nothing staged" in shell.ok("status")
    shell.close()


def test_an_oem_property_no_schema_describes_is_staged_as_unvalidated(sim):
    shell = Shell(sim.url)
    result = shell.run("set /Systems/1/Oem/Hpe/Bogus=1")
    assert result.code == 0 and "[unvalidated: no schema describes it]" in result.err
    strict = Shell(sim.url, strict=True).run("set /Systems/1/Oem/Hpe/Bogus=1")
    assert strict.code == 4
    shell.close()


def test_connect_checks_the_address_first_and_takes_credentials_from_it(sim):
    shell = Shell(sim.url)
    bad = shell.run("connect ftp://x")
    assert bad.code == 3 and "not a service address" in bad.err and "password" not in bad.err
    host = sim.url.split("://", 1)[1]
    good = shell.run(f"connect http://{sim.user}:{sim.password}@{host}")
    assert good.code == 0 and f"as {sim.user}" in good.err and sim.password not in good.err
    assert shell.ok("pwd").strip() == "/"
    shell.close()


def test_a_plain_word_password_is_not_cut_out_of_ordinary_text():
    """The demo's password is "password": help and explain must still say "password"."""
    with simulate() as sim:
        shell = Shell(sim.url)
        assert "***" not in shell.ok("explain /AccountService/Accounts/1/Password")
        assert "password" in shell.ok("help connect")
        shell.close()
