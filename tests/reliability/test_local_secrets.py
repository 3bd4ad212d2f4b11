"""Secrets out of the history and off the screen (issue #10): lines that carry a password in a
form the old rule missed, a password a service echoes back (in an error, a trace, a value),
and no core file holding it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from iloshell.frontends.history import line_holds_secret
from iloshell.redfish.resource import MASK
from iloshell.sim.testing import simulate
from tests.repl.term import Term, shell_env
from tests.shell.harness import JsonHandler, serve_handler

CLI = [sys.executable, "-m", "iloshell.frontends.cli"]
SECRET = "Zz-Echo-Secret-9"


@pytest.mark.parametrize(
    "line",
    [
        "connect admin:hunter2@ilo.example.com",
        "connect admin:hunter2@10.0.0.5:443 -u x",
        "source login.ilo hunter2",
        "ls; source ./other.ilo a b",
        """set /Systems/1/Bios/Attributes:='{"AdminPass\\u0077ord": "hunter2"}'""",
        """raw PATCH /redfish/v1/AccountService/Accounts/2 '{"Pass\\u0077ord":"x"}'""",
        "set /AccountService/Accounts/2/Passw%6Frd=hunter2",
    ],
)
def test_lines_holding_a_secret_once_decoded(line):
    assert line_holds_secret(line)


@pytest.mark.parametrize("line", ["source login.ilo", "connect admin@ilo.example.com", "ls"])
def test_lines_without_one_stay(line):
    assert not line_holds_secret(line)


def test_the_repl_keeps_them_out_of_the_history_file(tmp_path):
    with simulate() as sim:
        script = tmp_path / "args.ilo"
        script.write_text("get /Systems/1/PowerState\n")
        term = Term([sim.url, "-u", sim.user], shell_env(tmp_path, ILO_PASSWORD=sim.password))
        try:
            term.wait(r"/\]?[>$#] ?", timeout=20)
            for line in (
                f"source {script} Zz-Arg-Pw",
                """set /Systems/1/Bios/Attributes:='{"AdminPass\\u0077ord": "Zz-Json-Pw"}'""",
                "connect admin:Zz-Url-Pw@127.0.0.1:9",
                "echo-marker-not-a-command",
            ):
                term.line(line)
            term.wait("echo-marker-not-a-command: unknown command")
            term.line("exit")
            term.finish()
        finally:
            term.close()
    text = (tmp_path / "state" / "iloshell" / "history").read_text()
    assert "echo-marker-not-a-command" in text
    for secret in ("Zz-Arg-Pw", "Zz-Json-Pw", "Zz-Url-Pw"):
        assert secret not in text


class EchoingService(JsonHandler):
    """A service that quotes the login's password back in its refusal."""

    def do_GET(self) -> None:
        self.answer(
            200,
            {
                "@odata.id": "/redfish/v1/",
                "SessionService": {"@odata.id": "/redfish/v1/SessionService"},
                "Links": {"Sessions": {"@odata.id": "/redfish/v1/SessionService/Sessions"}},
            },
        )

    def do_POST(self) -> None:
        sent = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        message = f"bad password {sent.get('Password')} for {sent.get('UserName')}"
        info = {"MessageId": "Base.1.0.NoValidSession", "Message": message}
        self.answer(400, {"error": {"message": message, "@Message.ExtendedInfo": [info]}})


def test_a_password_the_service_echoes_is_masked_in_errors_and_trace(tmp_path):
    with serve_handler(EchoingService) as url:
        env = shell_env(tmp_path, ILO_PASSWORD=SECRET)
        result = subprocess.run(
            [*CLI, url, "-u", "admin", "--trace", "-c", "pwd"],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )
    assert result.returncode == 3, result.stderr
    assert "bad password" in result.stderr and MASK in result.stderr
    assert SECRET not in result.stdout + result.stderr


def test_a_password_in_a_value_is_masked_but_not_in_help(tmp_path):
    with simulate() as sim:
        sim.store.patch("/redfish/v1/Systems/1", {"AssetTag": f"x{sim.password}y"})
        env = shell_env(tmp_path, ILO_PASSWORD=sim.password)
        result = subprocess.run(
            [
                *CLI,
                sim.url,
                "-u",
                sim.user,
                "-c",
                f"get /Systems/1/AssetTag; help connect; snapshot {tmp_path / 'snap'} /Systems/1",
            ],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )
    assert result.returncode == 0, result.stderr
    assert f"x{MASK}y" in result.stdout
    assert "The password is asked without echo" in result.stdout  # the shell's own text
    saved = (tmp_path / "snap" / "Systems" / "1" / "index.json").read_text()
    assert f"x{MASK}y" in saved and "password" not in saved


def test_no_core_dumps(tmp_path):
    """The running program's core size limit is 0 (read from /proc while it waits on a pipe)."""
    with simulate() as sim:
        fifo = tmp_path / "pause"
        os.mkfifo(fifo)
        env = shell_env(tmp_path, ILO_PASSWORD=sim.password)
        child = subprocess.Popen(
            [*CLI, sim.url, "-u", sim.user, "-c", f"source {fifo}"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            with open(fifo, "w") as pause:  # opens once the shell reads it: it is running
                limits = open(f"/proc/{child.pid}/limits").read()  # noqa: SIM115
                pause.write("pwd\n")
            assert child.wait(timeout=30) == 0
        finally:
            child.kill()
            child.communicate()
    (line,) = [x for x in limits.splitlines() if x.startswith("Max core file size")]
    assert line.split()[4:6] == ["0", "0"], line
