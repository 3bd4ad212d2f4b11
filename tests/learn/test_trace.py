"""trace: every request as a curl command that runs as printed once the token is filled in."""

from __future__ import annotations

import io
import json
import shlex
import shutil
import subprocess

import pytest

from iloshell.commands.context import Context, Output, Settings
from iloshell.commands.learn import start_trace
from iloshell.commands.runner import run_source
from iloshell.commands.session import open_connection
from iloshell.render.curl import curl_command, outcome_line, trace_block
from iloshell.sim.testing import simulate
from iloshell.transport.response import Exchange

CURL = shutil.which("curl")


def exchange(method="GET", url="http://bmc/redfish/v1/", headers=None, body=None, **more):
    return Exchange(method, url, headers or {}, body, **more)


def test_get_is_a_plain_curl_line_with_the_token_masked():
    line = curl_command(
        exchange(headers={"X-Auth-Token": "abc123", "User-Agent": "iloshell", "Accept": "x"})
    )
    assert line == "curl -sS -i http://bmc/redfish/v1/ -H 'X-Auth-Token: ***'"


def test_basic_auth_keeps_its_scheme_and_https_gets_k_only_when_insecure():
    ex = exchange(url="https://bmc/redfish/v1/Systems", headers={"Authorization": "Basic c2VjcmV0"})
    assert "'Authorization: Basic ***'" in curl_command(ex)
    assert " -k " in curl_command(ex, insecure=True)
    assert " -k " not in curl_command(ex)
    assert " -k " not in curl_command(exchange(), insecure=True)  # plain http: nothing to skip


def test_passwords_in_bodies_are_masked_at_any_depth():
    body = {
        "UserName": "ops",
        "Password": "S3cret!",
        "Attributes": {"AdminPassword": "bios-secret", "WorkloadProfile": "Custom"},
        "NewPassword": "x",
    }
    line = curl_command(exchange("PATCH", body=json.dumps(body).encode()))
    assert "S3cret" not in line and "bios-secret" not in line and '"x"' not in line
    sent = json.loads(shlex.split(line)[-1])
    assert sent == {
        "UserName": "ops",
        "Password": "***",
        "Attributes": {"AdminPassword": "***", "WorkloadProfile": "Custom"},
        "NewPassword": "***",
    }
    assert shlex.split(line)[3:5] == ["-X", "PATCH"]


def test_outcome_lines_are_comments_with_status_time_and_messages():
    ok = exchange(status=201, reason="Created", elapsed=0.0123)
    ok.response_headers = {"Location": "/redfish/v1/SessionService/Sessions/1"}
    assert (
        outcome_line(ok) == "# 201 Created  12 ms  Location: /redfish/v1/SessionService/Sessions/1"
    )
    failed = exchange(error="connection refused", elapsed=0.5)
    assert outcome_line(failed) == "# failed after 500 ms: connection refused"
    block = trace_block(exchange(status=404, reason="Not Found"), insecure=False, messages=["gone"])
    assert block.splitlines()[1:] == ["# 404 Not Found  0 ms", "#   gone"]


def traced_context(url: str, *, insecure: bool = False) -> tuple[Context, io.StringIO]:
    out, err = io.StringIO(), io.StringIO()
    ctx = Context(settings=Settings(insecure=insecure, assume_yes=True), output=Output(out, err))
    start_trace(ctx)
    open_connection(ctx, url, "admin", "password")
    return ctx, err


def curl_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("curl ")]


def run_curl(line: str, token: str, password: str = "password") -> int:
    """Run a printed command with the secrets filled in; the HTTP status it got."""
    line = line.replace("X-Auth-Token: ***", f"X-Auth-Token: {token}")
    line = line.replace('"Password":"***"', f'"Password":"{password}"')
    done = subprocess.run(
        [*shlex.split(line), "-o", "/dev/null", "-w", "%{http_code}"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    return int(done.stdout[-3:])


@pytest.mark.skipif(CURL is None, reason="curl is not installed")
def test_printed_commands_run_against_the_simulator():
    with simulate() as sim:
        ctx, err = traced_context(sim.url)
        token = ctx.conn.auth.token
        code = run_source(
            ctx,
            "cat /Systems/1/Boot; set /Systems/1/AssetTag=from-curl; commit; "
            "cat /redfish/v1/Systems/42",
            "-c",
        )
        assert code == 5  # the last command: 404
        text = err.getvalue()
        lines = curl_lines(text)
        login = next(line for line in lines if "-X POST" in line)
        assert '"Password":"***"' in login and "password" not in login.replace('"Password"', "")
        patch = next(line for line in lines if "-X PATCH" in line)
        assert "If-Match: W/" in patch and "from-curl" in patch
        missing = next(
            line for line in lines if line.endswith("/redfish/v1/Systems/42 -H 'X-Auth-Token: ***'")
        )
        assert token not in text
        assert "# 404 Not Found" in text
        assert "[Base.1.4.ResourceMissingAtURI]" in text  # the error's message, resolved
        # Each command, token filled in, does against the simulator what the shell did.
        assert run_curl(lines[0], token) == 200  # the service root
        assert run_curl(login, token) == 201  # a second session
        assert (
            run_curl(
                next(line for line in lines if line.endswith("Systems/1 -H 'X-Auth-Token: ***'")),
                token,
            )
            == 200
        )
        assert run_curl(missing, token) == 404
        # The PATCH's If-Match is stale now (the first PATCH changed the ETag): refused.
        assert run_curl(patch, token) == 412
        ctx.conn.close()


@pytest.mark.skipif(CURL is None, reason="curl is not installed")
def test_with_k_the_command_runs_over_unverified_tls():
    with simulate(tls=True) as sim:
        ctx, err = traced_context(sim.url, insecure=True)
        token = ctx.conn.auth.token
        run_source(ctx, "get /Systems/1/PowerState", "-c")
        lines = curl_lines(err.getvalue())
        assert all(" -k " in line for line in lines)
        assert run_curl(lines[-1], token) == 200
        ctx.conn.close()


def test_trace_off_stops_and_later_connections_stay_traced(sim):
    ctx, err = traced_context(sim.url)
    run_source(ctx, "trace off; cat /Systems/1", "-c")
    after_off = err.getvalue()
    assert "Systems/1 -H" not in after_off
    run_source(ctx, "trace on; cat /Chassis", "-c")
    assert "Chassis -H" in err.getvalue()
    ctx.conn.close()
