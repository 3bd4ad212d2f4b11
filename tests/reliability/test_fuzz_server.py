"""Whatever a server sends, the shell answers in one line: fuzzing the resource graph, the
path walk and the renderer with arbitrary bodies over a real socket.

A tiny HTTP server (the standard library's, on 127.0.0.1) serves a sane service root and
login, and at ``/redfish/v1/Fuzz/N`` whatever the hypothesis example says: JSON of the wrong
shape, links that are relative, missing, on other hosts or back to themselves, huge strings,
deep nesting, HTML, bytes that are not UTF-8, wrong Content-Types, odd statuses and redirects.
The shell (in-process, logged in over that socket) runs the commands a user would type at such
a resource; the only things allowed out are results and IloshellErrors printed as one line.
A raw TCP server then answers with bytes that are not even HTTP.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iloshell.errors import IloshellError
from iloshell.graph.graph import Graph
from iloshell.redfish.walk import ROOT as ROOT_LOCATION
from iloshell.render.jsontext import pretty, scalar, short
from iloshell.transport.client import RedfishClient
from tests.reliability.fuzzing import FUZZ, count
from tests.reliability.test_foreign_links import SPELLINGS
from tests.shell.harness import Shell, serve_handler

FUZZ_ROOT = "/redfish/v1/Fuzz"
JSON = "application/json"
ROOT = {
    "@odata.id": "/redfish/v1/",
    "@odata.type": "#ServiceRoot.v1_5_0.ServiceRoot",
    "Id": "RootService",
    "Links": {"Sessions": {"@odata.id": "/redfish/v1/SessionService/Sessions"}},
    "Systems": {"@odata.id": "/redfish/v1/Systems"},
    "Fuzz": {"@odata.id": FUZZ_ROOT},
}


class FuzzService:
    """What the server answers, by path; the test swaps answers between examples."""

    def __init__(self) -> None:
        self.answers: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.seen: list[dict[str, str]] = []  # the headers of every request received

    def answer(self, path: str) -> tuple[int, dict[str, str], bytes]:
        if path.rstrip("/") in ("/redfish/v1", ""):
            return 200, {"Content-Type": JSON}, json.dumps(ROOT).encode()
        found = self.answers.get(path)
        if found is not None:
            return found
        missing = {"error": {"code": "Base.1.4.ResourceMissingAtURI", "message": path}}
        return 404, {"Content-Type": JSON}, json.dumps(missing).encode()


def make_handler(service: FuzzService) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # One write per answer and no Nagle delay, or keep-alive costs ~40 ms a request.
        wbufsize = 64 * 1024
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            service.seen.append(dict(self.headers))
            status, headers, body = service.answer(self.path)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            self.wfile.flush()

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            if self.path.rstrip("/").endswith("/Sessions"):
                service.seen.append(dict(self.headers))
                self.send_response(201)
                self.send_header("X-Auth-Token", "fuzz-token")
                self.send_header("Location", "/redfish/v1/SessionService/Sessions/1")
                self.send_header("Content-Length", "0")
                self.end_headers()
                self.wfile.flush()
                return
            self.do_GET()

        def do_DELETE(self) -> None:
            self.send_response(204)
            self.end_headers()
            self.wfile.flush()

        do_HEAD = do_GET
        do_PATCH = do_POST

        def log_message(self, *args) -> None:
            pass

    return Handler


def serve(service: FuzzService):
    return serve_handler(make_handler(service))


@pytest.fixture(scope="module")
def other_host() -> Iterator[tuple[str, FuzzService]]:
    """A second host that links and redirects name; it records what it was sent."""
    service = FuzzService()
    with serve(service) as url:
        yield url, service


@pytest.fixture(scope="module")
def fuzz_shell(other_host) -> Iterator[tuple[Shell, FuzzService, str]]:
    service = FuzzService()
    with serve(service) as url:
        shell = Shell(url, timeout=5.0, workers=4)
        yield shell, service, other_host[0]
        shell.close()


# -- what a server may send ----------------------------------------------------------------

SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
NAMES = st.sampled_from(
    [
        "@odata.id",
        "@odata.type",
        "@odata.etag",
        "Members",
        "Members@odata.count",
        "Members@odata.nextLink",
        "Links",
        "Actions",
        "Oem",
        "@Redfish.Settings",
        "SettingsObject",
        "@Redfish.ActionInfo",
        "target",
        "Id",
        "Name",
        "Status",
        "#ComputerSystem.Reset",
        "error",
        "code",
        "message",
        "@Message.ExtendedInfo",
        "MessageId",
        "MessageArgs",
        "",
        "a/b",
        "~0~1",
        "#",
        "..",
    ]
) | st.text(max_size=8)


HERE = f"{FUZZ_ROOT}/1"  # the resource under test (the cache is emptied between examples)
OTHER_AUTHORITY = "other.invalid"
OTHER = f"http://{OTHER_AUTHORITY}"  # stands for the second host; replaced on the wire

URIS = st.sampled_from(
    [
        HERE,
        HERE + "/",
        HERE.lower(),
        HERE + "#/Members/0",
        HERE + "#Members/0",
        HERE + "#/nowhere",
        FUZZ_ROOT,
        "/redfish/v1/",
        "/redfish/v1/Fuzz/elsewhere",
        "Systems/1",
        "../..",
        "",
        "#",
        "?$expand=*",
        "//evil.example/redfish/v1/",
        "http://evil.example/redfish/v1/Systems",
        OTHER + "/redfish/v1/Systems",
        "https://[::1/x",
        "/redfish/v1/%zz%23/a b",
        "/redfish/v1/\u00e9\u0000",
        "javascript:alert(1)",
    ]
    # every spelling of the second host a URL parser accepts (test_foreign_links.py)
    + [s.format(o=OTHER_AUTHORITY, s="127.0.0.1:1") + "/x" for s in SPELLINGS if "{p}" not in s]
) | st.text(max_size=12)
"""Link targets: relative, absolute, to other hosts, to itself, with fragments, odd."""

LEAVES = (
    SCALARS
    | URIS  # as a Members@odata.nextLink or a target, say
    | URIS.map(lambda u: {"@odata.id": u})
    | URIS.map(lambda u: {"@odata.id": u, "Extra": 1})
)
BODIES = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(NAMES, inner, max_size=6),
    max_leaves=30,
)


def nested(depth: int, kind: str) -> bytes:
    if kind == "array":
        return b"[" * depth + b"]" * depth
    return b'{"a":' * depth + b"1" + b"}" * depth


SPECIAL_BODIES = st.sampled_from(
    [
        b"",
        b" ",
        b"null",
        b"[]",
        b'"a string"',
        b"12",
        b"{not json",
        b"<html><head><title>Login</title></head><body>iLO</body></html>",
        b"<!DOCTYPE html><html></html>",
        b"\xff\xfe{\x00}\x00",
        b'{"Name": "\xff\xfe"}',
        b"\xef\xbb\xbf{}",
        b'{"@odata.id": 1, "Members": {"@odata.id": 2}}',
        b'{"Members": [1, null, {"@odata.id": null}], "Members@odata.nextLink": 3}',
        b'{"a": 1, "a": 2}',
        b'{"n": 1e999, "m": -1e999, "nan": NaN}',
        ('{"big": "' + "x" * 2_000_000 + '"}').encode(),
        ('{"many": [' + ",".join(["1"] * 100_000) + "]}").encode(),
        json.dumps({"k" * 50_000: 1, "Links": {"X": {"@odata.id": OTHER + "/x"}}}).encode(),
        nested(500, "array"),
        nested(900, "object"),
        nested(5_000, "array"),
        nested(100_000, "object"),
    ]
)
CONTENT_TYPES = st.sampled_from(
    [JSON, "application/json; charset=utf-8", "text/html", "text/plain", "", "application/xml"]
)
STATUSES = st.sampled_from([200, 200, 200, 200, 201, 204, 400, 403, 404, 405, 500, 501])


@st.composite
def answers(draw) -> tuple[int, dict[str, str], bytes]:
    """One answer: status, headers and body bytes (naming OTHER for the second host)."""
    if draw(st.integers(0, 3)) == 0:
        body = draw(SPECIAL_BODIES)
    else:
        value = draw(BODIES)
        if isinstance(value, dict) and draw(st.booleans()):
            value.setdefault("@odata.id", HERE)
        body = json.dumps(value, allow_nan=True).encode()
    headers = {"Content-Type": draw(CONTENT_TYPES)}
    if draw(st.integers(0, 4)) == 0:
        headers["ETag"] = draw(st.sampled_from(['W/"1"', '"', "", "\u00e9"]))
    status = draw(STATUSES)
    if draw(st.integers(0, 9)) == 0:
        status = draw(st.sampled_from([301, 302, 307, 308]))
        headers["Location"] = draw(URIS)
    # Header values as bytes on the wire; a line break would end the headers early
    # (test_answers_that_break_http_itself covers that).
    wire = {k: "".join(v.split()).encode("utf-8").decode("latin-1") for k, v in headers.items()}
    return status, wire, body


def on_the_wire(answer: tuple[int, dict[str, str], bytes], other: str):
    """The answer with the second host's real address in place of OTHER."""
    status, headers, body = answer
    authority = other.split("://", 1)[1]
    headers = {
        k: v.replace(OTHER, other).replace(OTHER_AUTHORITY, authority) for k, v in headers.items()
    }
    body = body.replace(OTHER.encode(), other.encode())
    return status, headers, body.replace(OTHER_AUTHORITY.encode(), authority.encode())


# -- the property ------------------------------------------------------------------------------

COMMANDS = (
    "cat {p}",
    "cat --raw {p}",
    "ls {p}",
    "ls -l -a {p}",
    "get {p}",
    "cd {p}; pwd; cd Members/0; ls",
    "find {p} -maxdepth 2",
    "tree -L 2 {p}",
    "--json ls {p}",
)

EXPECTED_PREFIXES = ("-c:", "warning:")


def check_one_line_answers(shell: Shell, command: str) -> None:
    started = time.monotonic()
    result = shell.run(command)
    assert time.monotonic() - started < 20, f"{command} took too long"
    assert result.code in (0, 1, 2, 3, 4, 5), result
    for line in result.err.split("\n")[:-1]:
        assert line.startswith(EXPECTED_PREFIXES), f"{command}: unexpected stderr line {line!r}"
        assert line.isprintable(), f"{command}: control characters in {line!r}"
    if result.code:
        assert any(line.startswith("-c:") for line in result.err.splitlines()), result


@settings(FUZZ, max_examples=100)
@given(answer=answers(), listed=st.booleans())
def test_any_body_any_status_gives_results_or_one_line(fuzz_shell, answer, listed):
    shell, service, other = fuzz_shell
    answer = on_the_wire(answer, other)
    service.answers = {HERE: answer, HERE + "/": answer}
    if listed:  # in a collection together with itself and its parent
        members = {"Members": [{"@odata.id": HERE}, {"@odata.id": FUZZ_ROOT}], "@odata.id": HERE}
        service.answers[FUZZ_ROOT] = (200, {"Content-Type": JSON}, json.dumps(members).encode())
    for command in COMMANDS:
        shell.ctx.settings.json = command.startswith("--json ")
        try:
            check_one_line_answers(shell, command.removeprefix("--json ").format(p=HERE))
        finally:
            shell.ctx.settings.json = False
            shell.ctx.cwd, shell.ctx.previous = ROOT_LOCATION, None
            shell.ctx.conn.graph.invalidate()
        count(f"server answers: {command.split(' {')[0]}")


@settings(FUZZ, max_examples=100)
@given(
    value=st.recursive(
        SCALARS, lambda inner: st.lists(inner) | st.dictionaries(NAMES, inner), max_leaves=25
    )
)
def test_renderer_prints_any_json(value):
    for color in (False, True):
        assert isinstance(pretty(value, color=color), str)
    assert len(short(value)) <= 40
    assert "\n" not in scalar(value) or isinstance(value, str)
    count("renderer: pretty/short/scalar")


def test_other_host_never_received_credentials(fuzz_shell, other_host):
    """Runs after the fuzzing above (same module): links, next links and redirects named the
    other host many times, in every spelling a URL parser accepts; it must not have been sent
    a single request (so no token, no password)."""
    shell, _, _ = fuzz_shell
    assert shell.ctx.conn.auth.token
    assert other_host[1].seen == []


def trickle(data: bytes, every: float) -> Callable[[socket.socket, threading.Event], None]:
    """Send ``data`` a byte at a time, ``every`` seconds apart (a read timeout never fires)."""

    def send(conn: socket.socket, stop: threading.Event) -> None:
        for byte in data:
            if stop.wait(every):
                return
            conn.sendall(bytes([byte]))

    return send


def continue_forever(conn: socket.socket, stop: threading.Event) -> None:
    """Interim answers without end: http.client skips each and reads the next."""
    while not stop.wait(0.05):
        conn.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")


def endless_body(conn: socket.socket, stop: threading.Event) -> None:
    """A chunked body that never ends, fast: only the size cap stops it."""
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n")
    conn.sendall(b"Transfer-Encoding: chunked\r\n\r\n")
    chunk = b"%x\r\n%s\r\n" % (1 << 16, b" " * (1 << 16))
    while not stop.is_set():
        conn.sendall(chunk)


BROKEN_HTTP: dict[str, bytes | Callable[[socket.socket, threading.Event], None]] = {
    "/garbage": b"NOT HTTP AT ALL\r\n\r\n",
    "/cut-short": b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: application/json"
    b'\r\n\r\n{"a"',
    "/bad-chunks": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n",
    "/header-break": b"HTTP/1.1 200 OK\r\nLocation: \n\r\nContent-Length: 5401\r\n\r\n{}",
    "/silent": b"",  # reads the request, never answers
    "/trickled-headers": trickle(b"HTTP/1.1 200 OK\r\n" + b"X-Slow: 1\r\n" * 100, 0.05),
    "/continue-forever": continue_forever,
    "/huge-declared": b"HTTP/1.1 200 OK\r\nContent-Length: 47185920\r\n\r\n{",
    "/endless-body": endless_body,
}


@contextmanager
def broken_http() -> Iterator[str]:
    """A TCP server that answers each path of BROKEN_HTTP with those bytes, then hangs up
    (or, for /silent, says nothing until the test ends)."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve_one(conn: socket.socket) -> None:
        with conn:
            request = b""
            while b"\r\n\r\n" not in request and not stop.is_set():
                chunk = conn.recv(4096)
                if not chunk:
                    return
                request += chunk
            path = request.split(b" ", 2)[1].decode() if request.count(b" ") >= 2 else ""
            reply = BROKEN_HTTP.get(path, b"")
            try:
                if callable(reply):
                    reply(conn, stop)
                elif reply:
                    conn.sendall(reply)
                else:
                    stop.wait(10)
            except OSError:
                pass  # the client gave up, as it should

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=serve_one, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        listener.close()


def test_answers_that_break_http_itself_end_in_one_line_within_the_timeout():
    """Not HTTP, a body cut short, bad chunks, a header line broken in two, silence, headers
    trickled a byte at a time, 100 Continue without end, a body too large (declared or
    endless): each is an IloshellError of one line, within twice the timeout (retries
    included: a request that ran out of time is not repeated)."""
    timeout = 0.5
    outcomes: dict[str, object] = {}
    with broken_http() as url:
        client = RedfishClient(url, timeout=timeout, backoff=0.05)
        graph = Graph(client)

        def fetch(path: str) -> None:
            started = time.monotonic()
            try:
                graph.get(path)
            except IloshellError as err:
                outcomes[path] = (str(err), time.monotonic() - started)
            except Exception as err:  # reported below as the failure it is
                outcomes[path] = err

        threads = [threading.Thread(target=fetch, args=(p,)) for p in BROKEN_HTTP]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        client.close()
    for path in BROKEN_HTTP:
        outcome = outcomes.get(path)
        assert isinstance(outcome, tuple), f"{path}: {outcome!r}"
        message, seconds = outcome
        assert message.isprintable() and message, (path, message)
        assert not re.search(r"[a-z]Error\b", message), f"{path}: a class name, not a reason"
        assert seconds < 2 * timeout + 0.5, (path, seconds)
        count("broken HTTP answers")
