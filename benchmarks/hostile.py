"""What a hostile service costs the shell: memory for a 45 MB answer, time for a silent
service, requests for an endless paging chain (issue 10's figures, measured again).

    python benchmarks/hostile.py

Runs the real ``iloshell`` program against a standard-library service on 127.0.0.1 and
prints one line per figure beside its baseline; exits 1 when a target is missed. Figures go
in docs/performance.md and docs/reliability.md.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from iloshell.graph.graph import MAX_PAGES
from iloshell.transport.client import MAX_BODY

GNU_TIME = shutil.which("time") or "/usr/bin/time"
CLI = [sys.executable, "-m", "iloshell.frontends.cli"]
HUGE = 45 * 1024 * 1024
TIMEOUT = 3
NAMES = ("Chassis", "Huge", "Streamed", "Dense", "Silent", "Endless")
ROOT = {"@odata.id": "/redfish/v1/", **{n: {"@odata.id": f"/redfish/v1/{n}"} for n in NAMES}}
SMALL = b"{}," * 20000  # small objects: the JSON parser's worst case for memory


class Hostile(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    endless = 0  # requests for the endless chain's pages

    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        Hostile.endless += "Endless" in path
        name = path.rstrip("/").rsplit("/", 1)[-1]
        page = int(query.partition("=")[2] or 1)
        if name == "Silent":
            time.sleep(3 * TIMEOUT)
            return
        if name == "Huge":  # declared: refused before a byte of it is read
            self.head(200, {"Content-Length": str(HUGE)})
            return
        if name == "Dense":  # just under the cap, all small objects: parsed and shown
            data = b'{"@odata.id": "%s", "A": [' % path.encode()
            data += SMALL * ((MAX_BODY - len(data) - 10) // len(SMALL)) + b"{}]}"
            self.head(200, {"Content-Length": str(len(data))})
            self.wfile.write(data)
            return
        if name == "Streamed":  # no length: read until the cap
            self.head(200, {"Transfer-Encoding": "chunked"})
            try:
                for _ in range(HUGE // len(SMALL)):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(SMALL), SMALL))
                self.wfile.write(b"0\r\n\r\n")
            except OSError:
                pass
            return
        body: dict = ROOT if name == "v1" else {"@odata.id": path, "Members": []}
        if name == "Endless":
            body = {
                "@odata.id": path,
                "Members": [{"@odata.id": f"{path}/{page}"}],
                "Members@odata.nextLink": f"{path}?page={page + 1}",
            }
        data = json.dumps(body).encode()
        self.head(200, {"Content-Length": str(len(data))})
        self.wfile.write(data)

    def head(self, status: int, headers: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def run(args: list[str]) -> tuple[float, float, int, str]:
    """Wall seconds, peak RSS (MB), exit code and stderr of one whole process."""
    with tempfile.NamedTemporaryFile("r") as peak:
        start = time.perf_counter()
        done = subprocess.run(
            [GNU_TIME, "-f", "%M", "-o", peak.name, *args], capture_output=True, text=True
        )
        seconds = time.perf_counter() - start
        return seconds, int(peak.read().split()[-1]) / 1024, done.returncode, done.stderr


def main() -> int:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    shell = [*CLI, url, "-u", "admin", "-p", "pw", "--timeout", str(TIMEOUT), "-c"]
    missed = 0

    def figure(name: str, value: str, target: str, met: bool) -> None:
        nonlocal missed
        missed += not met
        print(f"{name:<48} {value:>12}   target {target}{'' if met else ': MISSED'}")

    _, base_mb, _, _ = run([sys.executable, "-c", "import requests"])
    _, pwd_mb, _, _ = run([*shell, "pwd"])
    print(f"{'baseline: python -c import requests, peak RSS':<48} {base_mb:>9.1f} MB")
    print(f"{'baseline: iloshell URL -c pwd, peak RSS':<48} {pwd_mb:>9.1f} MB")
    limit = pwd_mb + 3 * MAX_BODY / 2**20
    for name in ("Huge", "Streamed"):
        _, mb, code, err = run([*shell, f"cat {name}"])
        ok = code == 5 and "larger than" in err and mb <= limit
        figure(f"45 MB answer ({name.lower()}), peak RSS", f"{mb:.1f} MB", f"<= {limit:.0f}", ok)
    seconds, mb, code, err = run([*shell, "get Dense/A/0"])
    print(
        f"{'answer just under the cap, small objects, peak':<48} {mb:>9.1f} MB   ({seconds:.1f} s)"
    )
    seconds, _, code, err = run([*shell, "cat Silent"])
    ok = code == 3 and f"within {TIMEOUT} s" in err and seconds <= 2 * TIMEOUT + 1.5
    wall = f"{seconds:.1f} s"
    figure(f"silent service, --timeout {TIMEOUT}, wall", wall, f"<= {2 * TIMEOUT + 1.5}", ok)
    seconds, _, code, err = run([*shell, "ls Endless"])
    requests = Hostile.endless
    ok = code == 5 and requests <= MAX_PAGES
    figure("endless nextLink chain, ls: requests", str(requests), f"<= {MAX_PAGES}", ok)
    figure("endless nextLink chain, ls: wall", f"{seconds:.1f} s", "(issue: 451 s)", True)
    server.shutdown()
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
