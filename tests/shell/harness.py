"""Running shell commands in-process against a simulator, as a script would."""

from __future__ import annotations

import io
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from iloshell.commands.context import Context, Output, Settings
from iloshell.commands.lexer import Variables
from iloshell.commands.runner import run_source
from iloshell.commands.session import open_connection


@dataclass
class Result:
    code: int
    out: str
    err: str


class Shell:
    """One logged-in shell session; ``run`` executes text like ``iloshell -c`` does."""

    def __init__(self, url: str, user: str = "admin", password: str = "password", **settings):
        self.out, self.err = io.StringIO(), io.StringIO()
        self.ctx = Context(settings=Settings(**settings), output=Output(self.out, self.err))
        open_connection(self.ctx, url, user, password)

    def run(self, text: str, *args: str, keep_going: bool = False) -> Result:
        start_out, start_err = self.out.tell(), self.err.tell()
        code = run_source(self.ctx, text, "-c", Variables(list(args)), keep_going=keep_going)
        self.out.seek(start_out)
        self.err.seek(start_err)
        out, err = self.out.read(), self.err.read()
        return Result(code, out, err)

    def ok(self, text: str, *args: str) -> str:
        """Run and insist on success; the output."""
        result = self.run(text, *args)
        assert result.code == 0, result.err
        return result.out

    def close(self) -> None:
        if self.ctx.connection is not None:
            self.ctx.connection.close()
            self.ctx.connection = None


class JsonHandler(BaseHTTPRequestHandler):
    """A deliberately odd service's base: JSON answers with extra headers, and no log lines."""

    def answer(self, status: int, body: object = None, headers: dict | None = None) -> None:
        data = json.dumps({} if body is None else body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve_handler(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """A throw-away HTTP service on a free loopback port (for services that answer badly)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def settle(engine, text: str, timeout: float = 20.0):
    """Completion fetches in the background; Tab again until it has everything."""
    deadline = time.monotonic() + timeout
    while True:
        result = engine.complete(text)
        if not result.pending or time.monotonic() > deadline:
            return result
        time.sleep(0.05)
