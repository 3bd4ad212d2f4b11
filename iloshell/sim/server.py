"""The HTTP side of the simulator: a multi-threaded HTTP/1.1 server with keep-alive and TLS.

Everything Redfish happens in :class:`~iloshell.sim.service.Service`; this module reads requests
off sockets, applies the configured faults, writes responses (always with Content-Length, so
keep-alive works) and starts and stops cleanly. Each connection gets its own daemon thread, so
``--latency-ms`` delays requests side by side instead of queueing them. TLS handshakes happen in
the connection's thread too, so a slow or broken client cannot stall ``accept``. Request logs
go to stderr only with ``verbose``; tokens and passwords are never logged.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from iloshell.sim.faults import FaultPlan, TaskMonitors, parse_fault, task_doc
from iloshell.sim.loader import ServiceData, load_data
from iloshell.sim.protocol import Request, Response
from iloshell.sim.service import Service
from iloshell.sim.validation import Validation

MAX_BODY = 1 << 20  # 1 MiB: far more than any Redfish request needs
IDLE_TIMEOUT = 120.0  # seconds a keep-alive connection may sit idle


@dataclass
class SimOptions:
    """Everything that configures one simulator (the command line, or keyword arguments)."""

    mockup: Path | None = None
    schemas: Path | None = None
    host: str = "127.0.0.1"
    port: int = 0
    tls: bool = False
    certfile: Path | None = (
        None  # with keyfile: serve this certificate instead of a self-signed one
    )
    keyfile: Path | None = None
    ssl_context: ssl.SSLContext | None = None
    user: str = "admin"
    password: str = "password"
    session_timeout: float = 1800.0
    clock: Callable[[], float] = time.monotonic  # what sessions expire by (tests: ManualClock)
    latency_ms: int = 0
    faults: list[str] = field(default_factory=list)
    state: Path | None = None
    redirect: bool = True
    verbose: bool = False
    bare: bool = False  # serve no schemas and no registries
    basic_only: bool = False  # refuse session login: HTTP Basic only


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address, service: Service, plan: FaultPlan, context, verbose: bool) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.service = service
        self.plan = plan
        self.monitors = TaskMonitors()
        self.context = context
        self.verbose = verbose
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def get_request(self):
        sock, address = super().get_request()
        if self.context is not None:
            sock = self.context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        with self.connections_lock:
            self.connections.add(sock)
        return sock, address

    def shutdown_request(self, request) -> None:
        with self.connections_lock:
            self.connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """Wake every handler thread blocked on a keep-alive connection, so stop is prompt."""
        with self.connections_lock:
            open_now = list(self.connections)
        for sock in open_now:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request, client_address) -> None:
        """Client disconnects and TLS failures are the client's business: stay quiet."""
        error = sys.exc_info()[1]
        if self.verbose and not isinstance(error, (ConnectionError, ssl.SSLError, TimeoutError)):
            print(f"iloshell-sim: connection from {client_address[0]}: {error!r}", file=sys.stderr)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "iloshell-sim"
    sys_version = ""
    timeout = IDLE_TIMEOUT
    # One send per response (headers and body buffered together) and no Nagle delay: without
    # both, keep-alive clients wait ~40 ms per request for delayed ACKs.
    wbufsize = 64 * 1024
    disable_nagle_algorithm = True
    server: _Server

    def version_string(self) -> str:
        return self.server_version

    def setup(self) -> None:
        super().setup()
        if isinstance(self.connection, ssl.SSLSocket):
            self.connection.do_handshake()

    def __getattr__(self, name: str):
        # Every method, known or not, goes to the service (it answers 405 or 501 with a body).
        if name.startswith("do_"):
            return self._serve
        raise AttributeError(name)

    def log_message(self, format: str, *args) -> None:
        if self.server.verbose:
            sys.stderr.write(f"iloshell-sim: {self.address_string()} {format % args}\n")

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Protocol errors (bad request line, huge headers) get an iLO-style body too."""
        if self.request_version == "HTTP/0.9":  # an unparsable request line: answer in HTTP/1.1
            self.request_version = "HTTP/1.1"
        catalog = self.server.service.catalog
        name = "GeneralError" if code != 501 else "OperationNotAllowed"
        body = catalog.error([catalog.entry(name, [self.command or ""], message or explain)])
        self.close_connection = True
        self._write(Response.json(code, body, Connection="close"))

    def _serve(self) -> None:
        path, _, query = self.path.partition("?")
        if path.startswith(("http://", "https://")):  # absolute-form request target
            path = "/" + path.split("://", 1)[1].partition("/")[2]
        body = self._read_body()
        if body is None:
            return
        service = self.server.service
        if not path.startswith("/__sim__/"):
            decision = self.server.plan.next()
            if decision.delay:
                time.sleep(decision.delay)
            if decision.drop:
                service.count(self.command)
                self.close_connection = True
                return
            if decision.unavailable:
                service.count(self.command)
                entry = service.catalog.entry(
                    "ServiceTemporarilyUnavailable", ["1"], "Simulated fault: retry in 1 second."
                )
                self._write(Response.json(503, service.catalog.error([entry]), Retry_After="1"))
                return
        request = Request(
            method=self.command,
            path=path,
            query=query,
            headers=self.headers,
            body=body,
            secure=isinstance(self.connection, ssl.SSLSocket),
        )
        try:
            response = self._as_task(request) or service.handle(request)
        except Exception as err:  # a bug must not reach the client as a traceback
            print(
                f"iloshell-sim: internal error on {self.command} {path}: {err!r}", file=sys.stderr
            )
            entry = service.catalog.entry(
                "InternalError", reason="The simulator failed; see its log."
            )
            response = Response.json(500, service.catalog.error([entry]))
        self._write(response)

    def _as_task(self, request: Request) -> Response | None:
        """The ``task`` fault: a change answered 202 with a task monitor, and the monitor's
        answers; None for everything else (and without the fault)."""
        fault = self.server.plan.task
        if fault is None:
            return None
        service = self.server.service
        if request.method == "GET":
            polled = self.server.monitors.poll(request.path)
            if polled is not None:
                service.count("GET")
            return polled
        if request.method != "PATCH" and "/Actions/" not in request.path:
            return None
        if fault.fail:  # not applied; the task ends in Exception
            service.count(request.method)
            entry = service.catalog.entry(
                "InternalError", reason="Simulated fault: the task failed."
            )
            final = Response.json(
                200, task_doc("0", "Exception", 100, TaskStatus="Critical", Messages=[entry])
            )
        else:
            final = service.handle(request)
            if not 200 <= final.status < 300:
                return final  # a refused change is refused at once
        return self.server.monitors.accept(fault, final)

    def _read_body(self) -> bytes | None:
        """The request body (Content-Length or chunked); None when the request was answered."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            return self._read_chunked()
        text = self.headers.get("Content-Length")
        try:
            length = int(text) if text else 0
        except ValueError:
            length = -1
        if length < 0:
            self.send_error(400, f"Content-Length {text!r} is not a number of bytes.")
            return None
        if length > MAX_BODY:
            self.send_error(413, f"The body is larger than {MAX_BODY} bytes.")
            return None
        return self.rfile.read(length) if length else b""

    def _read_chunked(self) -> bytes | None:
        chunks, total = [], 0
        while True:
            line = self.rfile.readline(1024).split(b";", 1)[0].strip()
            try:
                size = int(line, 16)
            except ValueError:
                self.send_error(400, "Malformed chunked body.")
                return None
            total += size
            if total > MAX_BODY:
                self.send_error(413, f"The body is larger than {MAX_BODY} bytes.")
                return None
            if size == 0:
                while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline(1024)

    def _write(self, response: Response) -> None:
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        if response.content_type and response.status not in (204, 304):
            self.send_header("Content-Type", response.content_type)
        if response.status not in (204, 304):
            self.send_header("Content-Length", str(len(response.body)))
        self.send_header("OData-Version", "4.0")
        self.send_header("X-Frame-Options", "SAMEORIGIN")
        self.end_headers()
        if self.command != "HEAD" and response.status not in (204, 304) and response.body:
            self.wfile.write(response.body)
        self.wfile.flush()


def base_url(address: tuple, tls: bool) -> str:
    """The URL clients use for a bound address (a wildcard address becomes loopback)."""
    host, port = address[:2]
    if host in ("0.0.0.0", "::"):
        host = "127.0.0.1" if host == "0.0.0.0" else "::1"
    scheme = "https" if tls else "http"
    return f"{scheme}://[{host}]:{port}" if ":" in host else f"{scheme}://{host}:{port}"


def service_for(
    options: SimOptions,
    data: ServiceData,
    plan: FaultPlan,
    validation: Validation | None = None,
) -> Service:
    """The simulated service the options describe (one simulator, or one iLO of a fleet,
    which shares ``validation`` with the others)."""
    return Service(
        data,
        user=options.user,
        password=options.password,
        session_timeout=options.session_timeout,
        session_lifetime=plan.session_lifetime,
        clock=options.clock,
        redirect=options.redirect,
        state_path=options.state,
        basic_only=options.basic_only,
        validation=validation,
    )


class Simulator:
    """A simulator built from options; ``start()`` serves it from a background thread."""

    def __init__(self, options: SimOptions | None = None, **overrides) -> None:
        options = options or SimOptions(**overrides)
        self.options = options
        plan = FaultPlan([parse_fault(spec) for spec in options.faults], options.latency_ms)
        data = load_data(options.mockup, options.schemas, options.bare)
        self.service = service_for(options, data, plan)
        self._server = _Server(
            (options.host, options.port), self.service, plan, self._tls_context(), options.verbose
        )
        self._thread: threading.Thread | None = None

    def _tls_context(self) -> ssl.SSLContext | None:
        options = self.options
        if options.ssl_context is not None:
            return options.ssl_context
        if options.certfile is not None:
            from iloshell.sim.tls import server_context

            return server_context(options.certfile, options.keyfile)
        if options.tls:
            from iloshell.sim.tls import self_signed_context

            return self_signed_context(options.host)
        return None

    @property
    def url(self) -> str:
        """The base URL, e.g. ``http://127.0.0.1:8443`` (no path)."""
        return base_url(self._server.server_address, self._server.context is not None)

    @property
    def user(self) -> str:
        return self.options.user

    @property
    def password(self) -> str:
        return self.options.password

    @property
    def store(self):
        """The live resources (iloshell.sim.store.Store): read them to check what a client did."""
        return self.service.store

    @property
    def notes(self) -> list[str]:
        """What the loader added or skipped, for the lines after the first stdout line."""
        return self.service.notes

    def stats(self) -> dict:
        """The /__sim__/stats document: requests by method and live sessions."""
        return self.service.stats()

    def start(self) -> Simulator:
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="iloshell-sim", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop accepting, close every connection, release the port."""
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.close_connections()
        self._server.server_close()

    def __enter__(self) -> Simulator:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
