"""A hostile service cannot hang the shell, flood it or pass off a partial answer (issue 10).

One standard-library service, logged in over a real socket, answers sanely at the root and
badly below it: silence, headers a byte every half second, ``100 Continue`` without end, a
``Members@odata.nextLink`` chain that never ends (new pages of the same member, new members
on every page, or back to the first page), a 45 MB answer, collection members that all
answer 401. Each ends within the documented bound with one line, and a listing that is
missing something exits 5 (0 with ``--partial-ok``).
"""

from __future__ import annotations

import subprocess
import sys
import time
import tracemalloc
from typing import ClassVar

import pytest

from iloshell.graph.graph import MAX_PAGES
from iloshell.transport.client import MAX_BODY
from tests.shell.harness import JsonHandler, Shell, serve_handler

CLI = [sys.executable, "-m", "iloshell.frontends.cli"]
HUGE = 45 * 1024 * 1024
ROOT = {
    "@odata.id": "/redfish/v1/",
    "Chassis": {"@odata.id": "/redfish/v1/Chassis"},  # Basic auth is checked here
    **{
        name: {"@odata.id": f"/redfish/v1/{name}"}
        for name in (
            "Silent",
            "Trickled",
            "Interim",
            "Repeats",
            "Endless",
            "Loop",
            "Huge",
            "Streamed",
            "Locked",
        )
    },
}


def collection(uri: str, members: list[str], next_link: str | None = None) -> dict:
    body: dict = {"@odata.id": uri, "Members": [{"@odata.id": m} for m in members]}
    if next_link:
        body["Members@odata.nextLink"] = next_link
    return body


class Hostile(JsonHandler):
    protocol_version = "HTTP/1.1"
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.requests.append(self.path)
        path, _, query = self.path.partition("?")
        path = path.rstrip("/")
        page = int(query.partition("=")[2] or 1)
        if path == "/redfish/v1":
            self.answer(200, ROOT)
        elif path == "/redfish/v1/Chassis":
            self.answer(200, collection(path, []))
        elif path == "/redfish/v1/Silent":
            time.sleep(8)
        elif path == "/redfish/v1/Trickled":
            self.trickle(b"HTTP/1.1 200 OK\r\n" + b"X-Slow: 1\r\n" * 40, 0.5)
        elif path == "/redfish/v1/Interim":
            self.trickle(b"HTTP/1.1 100 Continue\r\n\r\n" * 400, 0.0005)
        elif path == "/redfish/v1/Repeats":  # every page a new page, with the same member
            self.answer(200, collection(path, [path + "/1"], f"{path}?page={page + 1}"))
        elif path == "/redfish/v1/Endless":  # every page a new page with a new member
            self.answer(200, collection(path, [f"{path}/{page}"], f"{path}?page={page + 1}"))
        elif path == "/redfish/v1/Loop":  # page 3 leads back to the first
            back = f"{path}?page={page + 1}" if page < 3 else path
            self.answer(200, collection(path, [f"{path}/{page}"], back))
        elif path == "/redfish/v1/Huge":
            self.answer(200, {"@odata.id": path, "Blob": "x" * HUGE})
        elif path == "/redfish/v1/Streamed":
            self.stream_list()
        elif path == "/redfish/v1/Locked":
            self.answer(200, collection(path, [f"{path}/{n}" for n in range(5)]))
        elif path.startswith("/redfish/v1/Locked/"):
            self.answer(401, {"error": {"code": "Base.1.4.InsufficientPrivilege"}})
        else:
            self.answer(200, {"@odata.id": path, "Id": path.rsplit("/", 1)[-1]})

    def trickle(self, data: bytes, every: float) -> None:
        try:
            for byte in data:
                self.wfile.write(bytes([byte]))
                time.sleep(every)
        except OSError:
            pass  # the shell hung up: what the test wants

    def stream_list(self) -> None:
        """45 MB of ``[{}, {}, ...]`` without a Content-Length: small objects, the JSON
        parser's worst case for memory."""
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        piece = b"{}," * 20000
        try:
            self.wfile.write(b"1\r\n[\r\n")
            for _ in range(HUGE // len(piece)):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"2\r\n{}\r\n1\r\n]\r\n0\r\n\r\n")
        except OSError:
            pass


@pytest.fixture(scope="module")
def service():
    with serve_handler(Hostile) as url:
        yield url


@pytest.fixture
def shell(service):
    session = Shell(service, timeout=20.0, workers=4)  # generous: the machine may be busy
    Hostile.requests.clear()
    yield session
    session.close()


@pytest.mark.parametrize("place", ["Silent", "Trickled", "Interim"])
def test_no_hang_outlives_the_timeout_and_the_message_says_the_real_figure(service, place):
    """A silent service took 13.5 s with --timeout 3 (four attempts) while the message said
    3 s; headers a byte every 0.5 s and endless 100 Continue ran for minutes."""
    shell = Shell(service, timeout=2.0)
    Hostile.requests.clear()
    started = time.monotonic()
    result = shell.run(f"cat {place}")
    elapsed = time.monotonic() - started
    shell.close()
    assert result.code == 3, result
    assert result.err.count("\n") == 1 and "did not answer within 2 s" in result.err
    assert elapsed < 2.5, elapsed
    assert Hostile.requests.count(f"/redfish/v1/{place}") == 1  # not repeated


def test_the_command_line_ends_at_its_timeout_too(service):
    started = time.monotonic()
    result = subprocess.run(
        [*CLI, service, "-u", "admin", "-p", "pw", "--timeout", "3", "-c", "cat Silent"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 3 and "did not answer within 3 s" in result.stderr
    assert time.monotonic() - started < 3 + 3  # the program's start-up included


@pytest.mark.parametrize(
    ("place", "said", "most"),
    [
        ("Repeats", "/redfish/v1/Repeats?page=2 lists 1 member(s) again", 2),
        ("Endless", f"more than {MAX_PAGES} pages", MAX_PAGES),
        ("Loop", "/redfish/v1/Loop comes round again", 3),
    ],
)
def test_a_paging_chain_that_never_ends_is_cut_and_said_so(shell, place, said, most):
    """ls /Systems ran 451 s and 10,004 requests on an endless chain, printing one member
    10,001 times, and exited 0."""
    result = shell.run(f"ls {place}")
    assert result.code == 5, result
    assert said in result.err and "incomplete" in result.err and result.err.count("\n") == 1
    names = [line.split()[0] for line in result.out.splitlines()]
    assert len(names) == len(set(names)) <= most
    assert len(Hostile.requests) <= most
    shell.ctx.settings.partial_ok = True
    again = shell.run(f"ls {place}")
    assert again.code == 0 and again.err.startswith("warning: ") and said in again.err


def test_ls_l_with_every_member_refused_says_so_and_fails(shell):
    result = shell.run("ls -l Locked")
    assert result.code == 5, result
    assert "5 resource(s) could not be read" in result.err and "401" in result.err
    assert result.out.count("\n") == 5  # the members are listed all the same
    find = shell.run("find Locked")
    assert find.code == 5 and "could not be read" in find.err


def test_an_answer_larger_than_the_cap_is_refused_in_one_line(shell):
    started = time.monotonic()
    result = shell.run("cat Huge")
    assert result.code == 5 and result.err.count("\n") == 1, result
    assert f"larger than {MAX_BODY >> 20} MiB" in result.err
    assert time.monotonic() - started < 2


def test_memory_stays_bounded_while_a_large_answer_streams_in(shell):
    """A 45 MB answer used 962 MB; streamed without a length, reading stops at the cap."""
    tracemalloc.start()
    try:
        result = shell.run("cat Streamed")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.code == 5 and "larger than" in result.err
    assert peak < 3 * MAX_BODY, peak


def test_the_largest_real_documents_fit_under_the_cap():
    from tests.conftest import SHARED

    sizes = [p.stat().st_size for p in SHARED.rglob("*.json")]
    assert sizes and max(sizes) * 3 < MAX_BODY
