"""Nothing the service said is hidden: plain-text and HTML error bodies, PATCHes without an
ETag, action parameters nobody knows, and exit codes behind a closed pipe."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import ClassVar

import pytest

from iloshell.sim.testing import simulate
from tests.conftest import RACKMOUNT
from tests.shell.harness import JsonHandler, Shell, serve_handler

CLI = [sys.executable, "-m", "iloshell.frontends.cli"]
SYSTEMS = "/redfish/v1/Systems"


class Terse(JsonHandler):
    """A service without ETags that answers some errors in plain text or HTML, as small
    emulators and web front ends do."""

    system: ClassVar[dict] = {
        "@odata.id": "/redfish/v1/Systems/1",
        "@odata.type": "#ComputerSystem.v1_10_0.ComputerSystem",
        "Id": "1",
        "AssetTag": "old",
        "IndicatorLED": "Off",
        "HostName": "web01",
    }

    def text(self, status: int, kind: str, body: str) -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        path = self.path.rstrip("/")
        if path == "/redfish/v1":
            self.answer(200, {"@odata.id": "/redfish/v1/", "Systems": {"@odata.id": SYSTEMS}})
        elif path == SYSTEMS:
            self.answer(200, {"@odata.id": SYSTEMS, "Members": [{"@odata.id": f"{SYSTEMS}/1"}]})
        elif path == "/redfish/v1/Systems/1":
            self.answer(200, self.system)
        elif path == "/redfish/v1/Broken":
            page = "<html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1>"
            self.text(502, "text/html", page + "\n" * 3 + "</body></html>")
        else:
            self.text(404, "text/plain", "not found\n\ntry another URI\nthird line\n")

    def do_PATCH(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
        if "AssetTag" in body:
            self.text(400, "text/plain", "PATCH only works for Boot and IndicatorLED elements\n")
            return
        type(self).system = {**self.system, **body}
        self.answer(200, self.system)


@pytest.fixture
def terse():
    handler = type("Terse", (Terse,), {"system": dict(Terse.system)})
    with serve_handler(handler) as url:
        shell = Shell(url)
        yield shell
        shell.close()


def test_a_plain_text_refusal_is_shown_with_the_status(terse):
    result = terse.run("set /Systems/1/AssetTag=new; commit -y")
    assert result.code == 5
    assert "PATCH only works for Boot and IndicatorLED elements" in result.out
    assert "still staged" in result.out


def test_html_is_reduced_to_its_title_and_text_to_two_lines(terse):
    result = terse.run("raw GET /redfish/v1/Broken")
    assert result.code == 5 and "502 Bad Gateway: 502 Bad Gateway" in result.err
    assert "<" not in result.err.replace("<html", "")  # no markup on the error line
    result = terse.run("cat /redfish/v1/Nope")
    assert result.code == 5 and "not found try another URI" in result.err
    assert "third line" not in result.err


def test_a_patch_without_etag_says_so_once_per_resource(terse):
    terse.ok("set /Systems/1/IndicatorLED=Lit /Systems/1/HostName=web02")
    result = terse.run("commit -y")
    assert result.code == 0, result.err
    assert result.err.count("went without If-Match") == 1
    assert "PATCH /redfish/v1/Systems/1 went without If-Match" in result.err


def test_an_action_parameter_nobody_knows_is_refused_locally():
    with simulate(mockup=RACKMOUNT, bare=True) as sim:
        shell = Shell(sim.url)
        try:
            before = sim.stats()["requests"].get("POST", 0)
            result = shell.run(
                "invoke /Systems/437XR1138R2 ComputerSystem.Reset ResetType=On Delay=3"
            )
            assert result.code == 4
            assert "has no parameter Delay; it takes ResetType" in result.err
            assert sim.stats()["requests"].get("POST", 0) == before
        finally:
            shell.close()


def test_a_closed_output_pipe_never_turns_a_failure_into_success(sim_url):
    """``iloshell URL -c 'raw GET /redfish/v1/Nope' | true``: the reader is gone before the
    first byte; the exit code is still the failed request's."""
    env = {**os.environ, "ILO_PASSWORD": "password"}
    for command, expected in (("raw GET /redfish/v1/Nope", 5), ("find / -maxdepth 1", 0)):
        read, write = os.pipe()
        os.close(read)  # the pipe is closed before iloshell writes anything
        try:
            done = subprocess.run(
                [*CLI, sim_url, "-u", "admin", "-c", command],
                stdout=write,
                stderr=subprocess.PIPE,
                env=env,
                timeout=60,
            )
        finally:
            os.close(write)
        assert done.returncode == expected, done.stderr
        assert b"Traceback" not in done.stderr


@pytest.fixture(scope="module")
def sim_url():
    with simulate() as sim:
        yield sim.url
