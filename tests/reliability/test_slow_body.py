"""A service that sends its answer a byte at a time never trips a socket's read timeout; the
shell still gives up after --timeout with one line (a deadline on the whole answer)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler

from iloshell.errors import EXIT_CONNECT
from tests.shell.harness import serve_handler

ROOT = json.dumps({"@odata.id": "/redfish/v1/", "Systems": {"@odata.id": "/redfish/v1/Systems"}})


class SlowLoris(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        if self.path.rstrip("/") == "/redfish/v1":
            data = ROOT.encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "1000")
        self.end_headers()
        try:
            for _ in range(1000):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass  # the client gave up: what the test wants

    def log_message(self, *args) -> None:
        pass


def test_an_answer_that_trickles_in_ends_at_the_timeout_with_one_line():
    with serve_handler(SlowLoris) as url:
        started = time.monotonic()
        command = [sys.executable, "-m", "iloshell.frontends.cli", url, "-u", "admin"]
        result = subprocess.run(
            [*command, "-p", "pw", "--timeout", "1", "-c", "cat /redfish/v1/Systems"],
            capture_output=True,
            text=True,
            timeout=90,
        )
        elapsed = time.monotonic() - started
    assert result.returncode == EXIT_CONNECT, result.stderr
    assert "did not answer within 1 s" in result.stderr
    assert result.stderr.count("\n") == 1
    assert elapsed < 60  # a few retries of 1 s each, not the 200 s the body would take
