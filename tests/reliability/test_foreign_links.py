"""Credentials never go to another host, however a hostile service spells it (issue 10).

A hostile service on 127.0.0.1 names a recording server on 127.0.0.2 at every entry point
the shell takes URLs from: links, ``Members@odata.nextLink``, the login's ``Location``, a
redirect, ``@Redfish.Settings.SettingsObject``, an action target, the task monitor of a
``202 Accepted``, URIs typed by the user, completion. Each spelling below is one that a URL
parser (a browser's WHATWG parser, or urllib3) reads as naming that other host. The recorder
must receive nothing at all: no request, so no token, Basic header or password.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from iloshell.frontends.completion import Engine, LiveSource
from iloshell.redfish.origin import is_path_reference, service_url
from tests.repl.term import Term, shell_env
from tests.shell.harness import JsonHandler, Shell, settle

PASSWORD = "Foreign-Pa55-x9"
TOKEN = "tok-7f3e9a1c55"

# {o}: the other host and port (127.0.0.2:P); {p}: P; {s}: this service's host and port.
SPELLINGS = [
    "//{o}",
    "  //{o}",
    "\t\n//{o}",
    "\x00//{o}",
    "///{o}",
    "/\\{o}",
    "\\\\{o}",
    "\\/{o}",
    "/\t/{o}",
    "/\n/{o}",
    "http:\\\\{o}",
    "http:/\\{o}",
    "http:{o}",
    "http:/{o}",
    "HTTP://{o}",
    "hTTp://{o}",
    " http://{o}",
    "h\ttp://{o}",
    "http://{o}",
    "http://{s}@{o}",
    "//{s}@{o}",
    "//admin:pw@{o}",
    "//{s}\\@{o}",
    "//127.0.0.2.:{p}",
    "//%31%32%37.0.0.2:{p}",
    "//127.0.0.2%3A{p}",
    "//\uff11\uff12\uff17.0.0.2:{p}",  # full-width digits: IDNA maps them to 127.0.0.2
    "//2130706434:{p}",  # 127.0.0.2 as one number
    "//0x7f.0.0.2:{p}",
    "//[::ffff:127.0.0.2]:{p}",
    "https://{o}",
]


class Recorder(BaseHTTPRequestHandler):
    """The other host: answers 401 to everything (as a host that wants a login would) and
    keeps every request it was sent."""

    protocol_version = "HTTP/1.1"
    seen: list[dict[str, str]]

    def handle_one(self) -> None:
        self.seen.append({"method": self.command, "path": self.path, **dict(self.headers)})
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(401)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    do_GET = do_POST = do_DELETE = do_PATCH = do_PUT = handle_one

    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve(handler: type[BaseHTTPRequestHandler], host: str) -> Iterator[tuple[str, int]]:
    server = ThreadingHTTPServer((host, 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield host, server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def other() -> Iterator[tuple[str, list[dict[str, str]]]]:
    seen: list[dict[str, str]] = []
    handler = type("OtherHost", (Recorder,), {"seen": seen})
    with serve(handler, "127.0.0.2") as (host, port):
        yield f"{host}:{port}", seen


def hostile(spelled: str, basic: bool) -> type[BaseHTTPRequestHandler]:
    """The service: every URL it hands out leads to ``spelled`` (the other host)."""

    def there(path: str) -> str:
        return spelled + path

    def header(path: str) -> str:
        """As a header carries it: raw UTF-8 bytes, no line break (that would end it)."""
        return there(path).replace("\n", "").encode().decode("latin-1")

    root = {
        "@odata.id": "/redfish/v1/",
        "Systems": {"@odata.id": "/redfish/v1/Systems"},
        "Chassis": {"@odata.id": "/redfish/v1/Chassis"},
        "Managers": {"@odata.id": "/redfish/v1/Managers"},
        "Evil": {"@odata.id": there("/redfish/v1/Evil")},
    }
    if not basic:
        root["Links"] = {"Sessions": {"@odata.id": "/redfish/v1/Sessions"}}
    docs = {
        "/redfish/v1": root,
        "/redfish/v1/Systems": {
            "@odata.id": "/redfish/v1/Systems",
            "Members": [{"@odata.id": "/redfish/v1/Systems/1"}],
            "Members@odata.nextLink": there("/redfish/v1/Systems?page=2"),
        },
        "/redfish/v1/Systems/1": {
            "@odata.id": "/redfish/v1/Systems/1",
            "Id": "1",
            "Bios": {"@odata.id": "/redfish/v1/Systems/1/Bios"},
            "Peer": {"@odata.id": there("/redfish/v1/Systems/2")},
            "Links": {"Chassis": [{"@odata.id": there("/redfish/v1/Chassis/1")}]},
            "Actions": {"#ComputerSystem.Reset": {"target": there("/redfish/v1/Reset")}},
        },
        "/redfish/v1/Systems/1/Bios": {
            "@odata.id": "/redfish/v1/Systems/1/Bios",
            "Attributes": {"Mode": "A"},
            "@Redfish.Settings": {
                "SettingsObject": {"@odata.id": there("/redfish/v1/Systems/1/Bios/Settings")}
            },
        },
        "/redfish/v1/Managers": {
            "@odata.id": "/redfish/v1/Managers",
            "Members": [{"@odata.id": there("/redfish/v1/Managers/1")}],
        },
        "/redfish/v1/Sessions/1": {"@odata.id": "/redfish/v1/Sessions/1"},
    }

    class Service(JsonHandler):
        protocol_version = "HTTP/1.1"
        seen: ClassVar[list[tuple[str, str]]] = []

        def do_GET(self) -> None:
            path = self.path.split("?")[0].rstrip("/") or "/"
            self.seen.append(("GET", path))
            if path == "/redfish/v1/Chassis":
                self.answer(308, {}, {"Location": header("/redfish/v1/Chassis")})
            elif path == "/redfish/v1" or self.authorised():
                self.answer(200 if path in docs else 404, docs.get(path, {}))
            else:
                self.answer(401, {})

        def authorised(self) -> bool:
            return self.headers.get("X-Auth-Token") == TOKEN or bool(
                basic and self.headers.get("Authorization")
            )

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.seen.append(("POST", self.path))
            if self.path.rstrip("/") == "/redfish/v1/Sessions" and not basic:
                headers = {"X-Auth-Token": TOKEN, "Location": header("/redfish/v1/Sessions/1")}
                self.answer(201, {"@odata.id": "/redfish/v1/Sessions/1"}, headers)
            else:
                self.answer(404, {})

        def do_PATCH(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.seen.append(("PATCH", self.path))
            self.answer(202, {}, {"Location": header("/redfish/v1/TaskMonitors/1")})

        def do_DELETE(self) -> None:
            self.seen.append(("DELETE", self.path))
            self.answer(204 if self.authorised() else 401, {})

    Service.seen = []
    return Service


COMMANDS = [
    "cd Evil",
    "ls Systems",  # the nextLink
    "ls -l /",
    "cat Chassis",  # the redirect
    "cd Systems/1/Peer",
    "ls -l Systems/1/Links",
    "ls -l Managers",  # members elsewhere
    "cd Managers/1",
    "find / -maxdepth 4",
    "tree / -L 3",
    "invoke -y /Systems/1 Reset",  # the action target
    "set /Systems/1/Bios/Attributes/Mode=B",  # the settings object
    "set /Systems/1/Id=2",
    "commit -y",  # a 202 whose task monitor is elsewhere
    "cat {spelled}/redfish/v1/Systems",
    "cd {spelled}/redfish/v1/",
    "raw GET {spelled}/redfish/v1/",
    "raw GET {spelled}/redfish/v1/Systems",
]


@pytest.mark.parametrize("basic", [False, True], ids=["session", "basic"])
@pytest.mark.parametrize("template", SPELLINGS)
def test_no_spelling_of_another_host_gets_a_request(other, template, basic):
    address, seen = other
    port = address.split(":")[1]
    before = len(seen)
    spelled_for = {"o": address, "p": port}
    links = template.format(s="127.0.0.1:1", **spelled_for)  # user information: any will do
    with serve(hostile(links, basic), "127.0.0.1") as (_, own_port):
        service = f"http://127.0.0.1:{own_port}"
        shell = Shell(service, password=PASSWORD)
        spelled = template.format(s=f"127.0.0.1:{own_port}", **spelled_for)
        for line in COMMANDS:
            text = line.replace("{spelled}", spelled)
            if "\n" in text or "\x00" in text or "\t" in text:
                continue  # not a line one can type
            result = shell.run(text)
            assert "Traceback" not in result.err, (text, result.err)
            assert result.err.count("\n") <= 3, (text, result.err)
        engine = Engine(LiveSource(shell.ctx))
        offered = [s.display for s in settle(engine, "cat Systems/1/").items]
        assert "Peer/" not in offered, offered  # never completed
        shell.close()
    assert seen[before:] == [], (template, seen[before:])


def test_the_refusal_names_the_link_and_where_it_was_found(other):
    address, seen = other
    before = len(seen)
    with serve(hostile(f"//{address}", False), "127.0.0.1") as (_, port):
        shell = Shell(f"http://127.0.0.1:{port}", password=PASSWORD)
        evil = shell.run("cd Evil")
        listing = shell.run("ls Systems")
        moved = shell.run("cat Chassis")
        shell.close()
    assert evil.code == 3 and evil.err.count("\n") == 1, evil.err
    assert f"'//{address}/redfish/v1/Evil' (the link /Evil)" in evil.err, evil.err
    assert "another host" in evil.err and "not sending your credentials" in evil.err
    assert listing.code == 5 and "Members@odata.nextLink of /redfish/v1/Systems" in listing.err
    assert "1" in listing.out  # what was read is shown
    assert "redirect from GET" in moved.err and moved.code == 3
    assert seen[before:] == []


def test_a_foreign_login_location_never_gets_the_delete(other):
    """The login answers with a Location elsewhere: the logout DELETE goes to the session's
    own URI on the service (the body's @odata.id)."""
    address, seen = other
    before = len(seen)
    handler = hostile(f"//{address}", False)
    with serve(handler, "127.0.0.1") as (_, port):
        shell = Shell(f"http://127.0.0.1:{port}", password=PASSWORD)
        shell.ok("cd Systems/1")
        shell.close()
    assert ("DELETE", "/redfish/v1/Sessions/1") in handler.seen
    assert seen[before:] == []


def test_a_login_with_no_own_session_uri_says_it_cannot_be_deleted(other):
    address, seen = other
    before = len(seen)

    class NoOwnUri(JsonHandler):
        def do_GET(self) -> None:
            root = {"@odata.id": "/redfish/v1/", "Links": {"Sessions": {"@odata.id": "/s"}}}
            self.answer(200, root)

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.answer(201, {}, {"X-Auth-Token": TOKEN, "Location": f"//{address}/s/1"})

        def do_DELETE(self) -> None:
            self.answer(204)

    with serve(NoOwnUri, "127.0.0.1") as (_, port):
        shell = Shell(f"http://127.0.0.1:{port}", password=PASSWORD)
        assert "cannot be deleted at logout" in shell.err.getvalue()
        shell.close()
    assert seen[before:] == []


@pytest.mark.parametrize("template", SPELLINGS)
def test_the_rule_refuses_every_spelling_and_completion_never_follows_one(template):
    base = "http://127.0.0.1:8443"
    link = template.format(o="127.0.0.2:8443", p="8443", s="127.0.0.1:8443") + "/redfish/v1"
    assert service_url(base, link) is None
    assert not is_path_reference(link)


@pytest.mark.parametrize(
    ("base", "link", "url"),
    [
        ("http://h:80", "/redfish/v1/Systems", "http://h:80/redfish/v1/Systems"),
        ("http://h", "HTTP://H:80/redfish/v1", "http://h/redfish/v1"),
        ("https://Ilo.Example", "https://ilo.example:443/x", "https://Ilo.Example/x"),
        ("http://[::1]:8000", "//[::1]:8000/x", "http://[::1]:8000/x"),
        ("http://h", "Systems/1", "http://h/Systems/1"),
        ("http://h", "/a/../../b", "http://h/b"),
    ],
)
def test_the_rule_allows_the_service_itself_however_spelled(base, link, url):
    assert service_url(base, link) == url


def test_tab_in_a_real_terminal_never_reaches_the_other_host(other, tmp_path):
    """The issue's REPL case: Tab after ``cat Systems/1/`` (a Peer link elsewhere) fetched it
    with the token. In a pseudo-terminal, Tab twice, wait, then leave: nothing went there,
    and the link is not offered."""
    address, seen = other
    before = len(seen)
    with serve(hostile(f"//{address}", False), "127.0.0.1") as (_, port):
        env = shell_env(tmp_path, ILO_PASSWORD=PASSWORD)
        term = Term([f"http://127.0.0.1:{port}", "-u", "admin"], env)
        try:
            term.wait(r"admin@\S+:/>", timeout=20)
            term.send("cat Systems/1/")
            term.send("\t")
            time.sleep(0.5)
            term.send("\t")
            shown = term.drawn_since_mark(settle=1.0)
            term.send("\x03")
            term.line("exit")
            term.finish()
        finally:
            term.close()
    assert "Bios/" in shown and "Peer" not in shown, shown
    assert seen[before:] == []
