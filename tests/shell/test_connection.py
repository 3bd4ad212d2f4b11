"""Connection manners over real sockets: TLS with real certificates, redirects, expired
sessions, and services that answer badly."""

from __future__ import annotations

import http.server
from typing import ClassVar

import pytest

from iloshell.commands.context import Settings
from iloshell.errors import ConnectError, IloshellError
from iloshell.sim.testing import ManualClock, simulate

from .harness import Shell, serve_handler


@pytest.fixture(scope="module")
def tls_sim(tls_files):
    certfile, keyfile, _ = tls_files
    with simulate(tls=True, certfile=certfile, keyfile=keyfile) as sim:
        yield sim


def test_tls_is_verified_by_default(tls_sim):
    assert tls_sim.url.startswith("https://")
    with pytest.raises(ConnectError) as err:
        Shell(tls_sim.url)
    assert "cannot verify" in str(err.value)
    assert "--cacert" in str(err.value) and "-k" in str(err.value)


def test_tls_with_cacert(tls_sim, tls_files, tmp_path):
    bundle = tls_files[2]
    shell = Shell(tls_sim.url, cacert=str(bundle))
    assert shell.ok("cd Systems; pwd").strip() == "/Systems"
    shell.close()


def test_tls_insecure_connects_and_says_so(tls_sim):
    shell = Shell(tls_sim.url, insecure=True)
    assert shell.ctx.conn.insecure
    assert shell.ok("pwd").strip() == "/"
    shell.close()


def test_self_signed_simulator_certificate_refused_then_accepted():
    with simulate(tls=True) as sim:
        with pytest.raises(ConnectError, match="self-signed"):
            Shell(sim.url)
        Shell(sim.url, insecure=True).close()


def test_expired_session_logs_in_again_once():
    clock = ManualClock()
    with simulate(session_timeout=1, clock=clock) as sim:
        shell = Shell(sim.url)
        shell.ok("cd Systems")
        clock.advance(1.6)
        assert shell.ok("refresh -a; cd /Chassis; pwd").strip() == "/Chassis"
        shell.close()
        assert sim.stats()["sessions"] == 0


class _Handler(http.server.BaseHTTPRequestHandler):
    """A deliberately bad service: answers chosen per path."""

    routes: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}

    def do_GET(self):
        status, headers, body = self.routes.get(self.path, (404, {}, b"{}"))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args):
        pass


def bad_service(routes):
    return serve_handler(type("Handler", (_Handler,), {"routes": routes}))


ROOT = b'{"@odata.id": "/redfish/v1/", "Systems": {"@odata.id": "/redfish/v1/Systems"}}'
JSON = {"Content-Type": "application/json"}


def test_html_error_page_is_one_clear_line():
    routes = {"/redfish/v1/": (200, {"Content-Type": "text/html"}, b"<html><body>Login</body>")}
    with bad_service(routes) as url, pytest.raises(ConnectError) as err:
        Shell(url)
    assert "HTML page" in str(err.value)


def test_redirect_to_another_host_is_not_followed_with_credentials():
    with bad_service({}) as other:
        root = ROOT.replace(b"}}", b'}, "Chassis": {"@odata.id": "/redfish/v1/Chassis"}}')
        routes = {
            "/redfish/v1/": (200, JSON, root),
            "/redfish/v1/Systems": (200, JSON, b'{"@odata.id": "/redfish/v1/Systems"}'),
            "/redfish/v1/Chassis": (308, {"Location": other + "/redfish/v1/Chassis"}, b""),
        }
        with bad_service(routes) as url:
            shell = Shell(url)  # no sessions link: Basic auth, probed on Systems
            result = shell.run("ls Chassis")
    assert result.code != 0
    assert "another host" in result.err


def test_bad_json_and_missing_odata_id_are_reported():
    routes = {
        "/redfish/v1/": (200, JSON, ROOT.replace(b"}}", b'}, "X": {"@odata.id": "/x"}}')),
        "/redfish/v1/Systems": (200, JSON, b'{"Members": [], "Name": "no id here"}'),
        "/x": (200, JSON, b"{not json"),
    }
    with bad_service(routes) as url:
        shell = Shell(url)
        result = shell.run("cat Systems")
        assert result.code == 0 and "no @odata.id" in result.err
        result = shell.run("cat X")
        assert result.code == 5 and "instead of JSON" in result.err


def test_unreachable_and_refused(unused_port=9):
    with pytest.raises(IloshellError, match="connection refused"):
        Shell(f"http://127.0.0.1:{unused_port}")


def test_settings_defaults_verify_tls():
    assert Settings().insecure is False
