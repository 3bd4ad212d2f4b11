"""Logging in, and in again, through faults: a login POST that times out or loses its
connection, services that take no session login, expired sessions met by several worker
threads at once, and the whole gauntlet under every fault but the concurrent writer.

Everything talks to a real simulator (or a tiny standard-library service) over real sockets;
the command-line cases run the real ``iloshell`` program.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler
from typing import ClassVar

import pytest

from iloshell.commands.connection import Connection
from iloshell.errors import EXIT_CONNECT, EXIT_OK
from iloshell.sim.testing import ManualClock, simulate
from iloshell.transport.auth import Credentials, LoginRefused
from iloshell.transport.tls import TlsPolicy
from tests.reliability.test_gauntlet import (
    CHANGES,
    INVOKE_LINE,
    LINES,
    Run,
    Scenario,
    check_invariants,
    explain,
    run_scenario,
)
from tests.shell.harness import JsonHandler, serve_handler

CLI = [sys.executable, "-m", "iloshell.frontends.cli"]
ALL_FAULTS = ("503:every=18", "drop:every=7", "slow:every=5:ms=60", "expire-sessions:after=0.4")


def iloshell(sim, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ILO_")}
    env["ILO_PASSWORD"] = sim.password
    return subprocess.run(
        [*CLI, sim.url, "-u", sim.user, "--trace", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def errors(result: subprocess.CompletedProcess) -> list[str]:
    """stderr without the trace's curl lines and their answers."""
    return [line for line in result.stderr.splitlines() if not line.startswith(("curl ", "# "))]


# -- the first login ---------------------------------------------------------------------------


def test_a_login_that_times_out_is_an_error_not_a_switch_to_basic():
    """Request 2 is the login POST; it is answered only after the client gave up."""
    with simulate(faults=["slow:every=2:ms=4000"]) as sim:
        result = iloshell(sim, "--timeout", "1", "-c", "cat /Systems/1/Id")
    assert result.returncode == EXIT_CONNECT, result.stderr
    assert errors(result) == [
        f"iloshell: login on {sim.url.split('://')[1]} failed: {sim.url.split('://')[1]} "
        "did not answer within 1 s (use --timeout to wait longer)"
    ], result.stderr
    assert "Basic" not in result.stderr  # no quiet switch to Basic auth
    assert result.stderr.count("-X POST") == 1  # not repeated: the service may be at it
    assert result.stdout == ""


def test_a_login_whose_connection_drops_is_sent_again():
    with simulate(faults=["drop:every=2"]) as sim:
        result = iloshell(sim, "-c", "cat /Systems/1/Id")
        stats = sim.stats()
    assert result.returncode == EXIT_OK, result.stderr
    assert result.stdout.strip() == '"1"'
    assert "Basic" not in result.stderr
    assert stats["requests"]["POST"] == 2 and stats["sessions"] == 0, stats


def sessions_answer(status: int) -> type[BaseHTTPRequestHandler]:
    """A service that lists Sessions but answers its login POST with ``status``; it takes
    Basic auth everywhere else. It records the Authorization headers it was sent."""

    class Handler(JsonHandler):
        protocol_version = "HTTP/1.1"
        seen: ClassVar[list[str]] = []

        def do_GET(self) -> None:
            Handler.seen.append(self.headers.get("Authorization", ""))
            if self.path.rstrip("/") == "/redfish/v1":
                self.answer(
                    200,
                    {
                        "@odata.id": "/redfish/v1/",
                        "Systems": {"@odata.id": "/redfish/v1/Systems"},
                        "Links": {"Sessions": {"@odata.id": "/redfish/v1/Sessions"}},
                    },
                )
            elif not self.headers.get("Authorization", "").startswith("Basic "):
                self.answer(401)
            else:
                self.answer(200, {"@odata.id": "/redfish/v1/Systems", "Members": []})

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.answer(status, {"error": {"code": "Base.1.4.GeneralError", "message": "no"}})

    return Handler


@pytest.mark.parametrize("status", [404, 405, 501])
def test_a_service_that_takes_no_session_login_gets_basic_auth(status):
    handler = sessions_answer(status)
    with serve_handler(handler) as url:
        result = subprocess.run(
            [*CLI, url, "-u", "admin", "--password-env", "PW", "-c", "ls /Systems"],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PW": "secret"},
        )
    assert result.returncode == EXIT_OK, result.stderr
    assert any(h.startswith("Basic ") for h in handler.seen)


def test_a_login_that_fails_otherwise_is_an_error_not_a_switch_to_basic():
    handler = sessions_answer(500)
    with serve_handler(handler) as url:
        result = subprocess.run(
            [*CLI, url, "-u", "admin", "--password-env", "PW", "-c", "ls /Systems"],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PW": "secret"},
        )
    assert result.returncode == EXIT_CONNECT
    assert result.stderr.startswith("iloshell: login failed on 127.0.0.1:") and "500" in (
        result.stderr
    )
    assert result.stderr.count("\n") == 1
    assert not any(h.startswith("Basic ") for h in handler.seen)


# -- logging in again --------------------------------------------------------------------------


def connect(sim, workers: int = 8) -> Connection:
    return Connection.open(
        sim.url, Credentials(sim.user, sim.password), TlsPolicy(), workers=workers
    )


def test_expired_session_met_by_eight_threads_logs_in_again_once():
    """All eight threads meet 401 with the same expired token: one logs in again, the others
    wait for it and use its token (one new session, not eight)."""
    clock = ManualClock()
    with simulate(faults=["expire-sessions:after=2"], clock=clock) as sim:
        connection = connect(sim)
        try:
            clock.advance(2.2)
            uris = [f"/redfish/v1/Systems/1/{part}" for part in ("", "Bios", "Memory")] * 3
            with ThreadPoolExecutor(8) as pool:
                statuses = list(pool.map(lambda u: connection.client.get(u).status, uris))
            posts = sim.stats()["requests"]["POST"]
        finally:
            connection.client.auth.logout(connection.client)
            connection.client.close()
        assert sim.stats()["sessions"] == 0
    assert statuses == [200] * len(uris)
    assert posts == 2  # the login and one login again


def test_a_login_again_lost_to_a_dropped_connection_is_sent_again():
    """Requests: 1 root, 2 login; after expiry 3 GET (401), 4 DELETE of the old session
    (401), 5 the new login — dropped — 6 the login again, 7 the GET again."""
    clock = ManualClock()
    with simulate(faults=["drop:every=5", "expire-sessions:after=1"], clock=clock) as sim:
        connection = connect(sim, workers=1)
        try:
            clock.advance(1.2)
            status = connection.client.get("/redfish/v1/Systems/1").status
            posts = sim.stats()["requests"]["POST"]
        finally:
            connection.client.auth.logout(connection.client)
            connection.client.close()
        assert sim.stats()["sessions"] == 0
    assert status == 200
    assert posts == 3


def test_a_login_again_the_service_refuses_says_so():
    """The password was changed while the session lived: the request fails with the refusal
    (exit 3, check the credentials), not with a bare 401, and is not tried again and again."""
    clock = ManualClock()
    with simulate(faults=["expire-sessions:after=1"], clock=clock) as sim:
        connection = connect(sim, workers=1)
        try:
            connection.client.auth.credentials.password = "changed-meanwhile"
            clock.advance(1.2)
            with pytest.raises(LoginRefused) as refused:
                connection.client.get("/redfish/v1/Systems/1")
            again = connection.client.get("/redfish/v1/Systems/1").status
            posts = sim.stats()["requests"]["POST"]
        finally:
            connection.client.close()
    assert "login refused for user 'admin'" in str(refused.value)
    assert refused.value.exit_code == EXIT_CONNECT
    assert again == 401 and posts == 2  # the refused login is not repeated by each request


# -- the gauntlet without the concurrent writer, eight workers -----------------------------


NO_RESET = "\n".join(line for line in LINES if not line.startswith("invoke ")) + "\n"
assert len(NO_RESET.splitlines()) == len(LINES) - 1


@pytest.fixture(scope="module")
def gauntlet(tmp_path_factory) -> dict[str, Run]:
    scenarios = {
        "whole script": Scenario("all faults, no writer, 8 workers", ALL_FAULTS, workers=8),
        "no reset": Scenario("the same without the Reset", ALL_FAULTS, workers=8, script=NO_RESET),
    }
    with ThreadPoolExecutor(len(scenarios)) as pool:
        futures = {
            name: pool.submit(run_scenario, s, tmp_path_factory.mktemp("login"))
            for name, s in scenarios.items()
        }
        return {name: future.result() for name, future in futures.items()}


def test_all_faults_but_the_writer_run_to_the_end_with_eight_workers(gauntlet):
    """Every POST of this script is a login (repeatable), every other request a GET, DELETE or
    If-Match PATCH: whatever request each fault hits, the script finishes with exit 0. The
    Boot changes are applied; the BIOS ones wait in the settings object for a reset."""
    run = gauntlet["no reset"]
    why = explain(run)
    check_invariants(run)
    assert run.code == EXIT_OK, why
    assert "401" not in run.err, why
    assert run.staged == [], why
    boot, bios = CHANGES[:2], CHANGES[2:]
    for wanted in boot:
        assert run.current(wanted) == wanted.value, why
    for wanted in bios:
        assert run.pending(wanted) == wanted.value, why
    assert run.out.splitlines()[-1] == "nothing staged", why
    assert run.stats["requests"]["POST"] >= 3, why  # the session expired: logged in again


def test_with_the_reset_it_ends_at_0_unless_the_reset_itself_was_dropped(gauntlet):
    """The Reset is a POST that must not be repeated (the system may be restarting already):
    when the drop lands on it (about one run in six, depending on the order of the eight
    workers' requests) the script stops there with exit 3, as documented. Never with a 401."""
    run = gauntlet["whole script"]
    why = explain(run)
    check_invariants(run)
    assert "401" not in run.err, why
    if run.code == EXIT_OK:
        assert run.out.splitlines()[-1] == "nothing staged", why
        for wanted in CHANGES:
            assert run.current(wanted) == wanted.value, why
    else:
        assert run.code == EXIT_CONNECT and run.failed_line == INVOKE_LINE, why
        assert "closed the connection" in run.err, why


def test_a_401_to_a_fresh_token_fails_clearly_after_one_new_login():
    """Logging in works but every token is refused: one new login after the 401, then the
    request fails with one line; no loop of logins."""

    class Handler(JsonHandler):
        logins = 0

        def do_GET(self) -> None:
            if self.path.rstrip("/") == "/redfish/v1":
                self.answer(
                    200,
                    {
                        "@odata.id": "/redfish/v1/",
                        "Systems": {"@odata.id": "/redfish/v1/Systems"},
                        "Links": {"Sessions": {"@odata.id": "/redfish/v1/Sessions"}},
                    },
                )
            else:
                self.answer(401)

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            Handler.logins += 1
            self.answer(
                201,
                {"@odata.id": f"/redfish/v1/Sessions/{Handler.logins}"},
                {
                    "X-Auth-Token": f"token-{Handler.logins}",
                    "Location": f"/redfish/v1/Sessions/{Handler.logins}",
                },
            )

        def do_DELETE(self) -> None:
            self.answer(204)

    with serve_handler(Handler) as url:
        result = subprocess.run(
            [*CLI, url, "-u", "admin", "--password-env", "PW", "-c", "ls /Systems"],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PW": "secret"},
        )
    assert result.returncode != EXIT_OK
    assert result.stderr.count("\n") == 1, result.stderr
    assert Handler.logins == 2, result.stderr  # the first login, and one after the 401
