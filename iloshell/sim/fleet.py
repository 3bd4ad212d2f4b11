"""``iloshell-sim --fleet N``: many independent simulated iLOs served from one process.

Each instance is a :class:`~iloshell.sim.service.Service` of its own (sessions, writes, counters)
on its own port, with its own serial number, host names, UUIDs and MAC addresses. What never
changes is shared: the built-in documents are loaded once and every instance's store starts
from the same document objects (the store is copy-on-write, so a write replaces one document
in one instance only), and schema validation is one object for all. Only the documents that
carry an identity are copied per instance.

One thread waits on every listening socket with a selector and hands each accepted connection
to a thread of its own, as the single simulator does: a thousand idle instances cost a thousand
sockets, not a thousand polling threads. ``down:every=K`` makes every K-th instance a port that
is bound but not listening, so connecting to it is refused as with a BMC that is off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import selectors
import socket
import threading
from dataclasses import dataclass, replace

from iloshell.sim.builtin import BIOS_SETTINGS_URI, BIOS_URI, SYSTEM_URI
from iloshell.sim.builtin.managers import ILO_HOST_NAME, ILO_MAC
from iloshell.sim.builtin.systems import HOST_NAME, SERIAL_NUMBER
from iloshell.sim.etag import etag_of
from iloshell.sim.faults import FaultPlan, FaultSpecError, parse_fault
from iloshell.sim.loader import ServiceData, load_data
from iloshell.sim.server import SimOptions, _Server, base_url, service_for
from iloshell.sim.service import Service
from iloshell.sim.validation import Validation

# The identity strings of the built-in data: the service root's, the system's and the iLO's
# UUIDs, the serial number, both host names and the MAC addresses.
_UUIDS = (
    "5C1A7E6B-3F2D-5B8E-A1C4-0D9E8F7A6B51",
    "30383450-3137-4D58-5130-30444D454F31",
    "8E1C9F02-6A4B-5D33-9C1E-2F0D3A000001",
)
_MACS = (
    ILO_MAC,
    "94:40:C9:A1:0E:5D",
    "94:40:C9:5E:2B:10",
    "94:40:C9:5E:2B:11",
    "B4:7A:F1:D0:A1:C4",
    "B4:7A:F1:D0:A1:C5",
    "0A:CA:FE:F0:0D:04",
)
# What a drifted instance starts with instead of the built-in values.
DRIFT_BIOS = {"WorkloadProfile": "Virtualization-MaxPerformance", "BootMode": "LegacyBios"}
DRIFT_BOOT = {"BootSourceOverrideTarget": "Pxe", "BootSourceOverrideEnabled": "Continuous"}


@dataclass(frozen=True)
class FleetOptions:
    """``--fleet N`` with ``--fault down:every=K`` and ``--drift PCT``; the rest as one iLO's."""

    count: int
    down_every: int = 0
    drift_percent: float = 0.0


def split_down_fault(specs: list[str]) -> tuple[int, list[str]]:
    """(K of ``down:every=K`` or 0, the other fault specs): down is the fleet's, not a plan's."""
    down, rest = 0, []
    for spec in specs:
        kind, _, params = spec.strip().partition(":")
        if kind != "down":
            parse_fault(spec)
            rest.append(spec)
            continue
        name, _, text = params.partition("=")
        if name != "every" or not text.isdigit() or int(text) < 1:
            raise FaultSpecError(f"{spec!r}: use down:every=K (every K-th iLO refuses connections)")
        down = int(text)
    return down, rest


def identity(index: int) -> dict[str, str]:
    """Built-in identity string -> instance ``index``'s own (stable across runs)."""

    def digest(text: str) -> str:
        return hashlib.sha256(f"{index}:{text}".encode()).hexdigest().upper()

    number = index + 1
    mapping = {
        SERIAL_NUMBER: f"MXQ{number:07d}",
        f'"{ILO_HOST_NAME}': f'"ilo-{number:04d}',
        f'"{HOST_NAME}"': f'"host-{number:04d}"',
    }
    for uuid in _UUIDS:
        h = digest(uuid)
        mapping[uuid] = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"
    for mac in _MACS:
        h = digest(mac)
        mapping[mac] = mac[:9] + ":".join(h[i : i + 2] for i in (0, 2, 4))
    return mapping


def drifts(index: int, percent: float) -> bool:
    """Whether instance ``index`` is one of the ``percent`` share, spread evenly over the fleet."""
    return math.floor(index * percent / 100) != math.floor((index - 1) * percent / 100)


class _Template:
    """The built-in data, loaded once, with the documents that carry an identity as text."""

    def __init__(self, data: ServiceData) -> None:
        self.data = data
        probes = [SERIAL_NUMBER, ILO_HOST_NAME, HOST_NAME, *_UUIDS, *_MACS]
        self.marked: dict[str, str] = {}
        for uri, doc in data.resources.items():
            if "@odata.id" not in doc:  # schema and registry documents carry no identity
                continue
            text = json.dumps(doc, ensure_ascii=False)
            if any(p in text for p in probes):
                self.marked[uri] = text

    def instance(self, index: int, drift: bool) -> ServiceData:
        """Instance ``index``'s data: shared documents, its own copies of the marked ones."""
        resources = dict(self.data.resources)
        mapping = identity(index)
        for uri, text in self.marked.items():
            for old, new in mapping.items():
                text = text.replace(old, new)
            resources[uri] = _with_etag(json.loads(text))
        if drift:
            for uri in (BIOS_URI, BIOS_SETTINGS_URI):
                doc = resources[uri]
                resources[uri] = _with_etag(
                    {**doc, "Attributes": {**doc["Attributes"], **DRIFT_BIOS}}
                )
            system = resources[SYSTEM_URI]
            resources[SYSTEM_URI] = _with_etag({**system, "Boot": {**system["Boot"], **DRIFT_BOOT}})
        return replace(self.data, resources=resources)


def _with_etag(doc: dict) -> dict:
    doc["@odata.etag"] = etag_of(doc)
    return doc


@dataclass
class Member:
    """One iLO of the fleet: its address and, unless it is down, its service."""

    index: int
    url: str
    service: Service | None
    drifted: bool

    @property
    def down(self) -> bool:
        return self.service is None


class Fleet:
    """N simulated iLOs in this process; ``start()`` serves them all from one selector thread."""

    def __init__(self, options: SimOptions, fleet: FleetOptions) -> None:
        if fleet.count < 1:
            raise FaultSpecError("--fleet N needs N >= 1")
        if options.mockup is not None or options.state is not None:
            raise FaultSpecError("--fleet serves the built-in data: no --mockup or --state")
        self.options = options
        template = _Template(load_data(None, options.schemas))
        context = self._tls_context()
        self.members: list[Member] = []
        self._servers: list[_Server] = []
        self._refusing: list[socket.socket] = []
        validation: Validation | None = None
        try:
            for index in range(fleet.count):
                port = options.port + index if options.port else 0
                if fleet.down_every and (index + 1) % fleet.down_every == 0:
                    self.members.append(Member(index, self._refuse(port, context), None, False))
                    continue
                drift = drifts(index, fleet.drift_percent)
                plan = FaultPlan([parse_fault(s) for s in options.faults], options.latency_ms)
                data = template.instance(index, drift)
                service = service_for(options, data, plan, validation)
                validation = service.validation
                server = _Server((options.host, port), service, plan, context, options.verbose)
                self._servers.append(server)
                self.members.append(
                    Member(
                        index, base_url(server.server_address, context is not None), service, drift
                    )
                )
        except BaseException:
            self._close_sockets()
            raise
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _tls_context(self):
        if not self.options.tls:
            return None
        from iloshell.sim.tls import self_signed_context

        return self_signed_context(self.options.host)

    def _refuse(self, port: int, context) -> str:
        """A bound port nobody listens on: connections to it are refused."""
        family = socket.AF_INET6 if ":" in self.options.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.bind((self.options.host, port))
        except OSError:
            sock.close()
            raise
        self._refusing.append(sock)
        return base_url(sock.getsockname(), context is not None)

    @property
    def urls(self) -> list[str]:
        return [m.url for m in self.members]

    def start(self) -> Fleet:
        self._thread = threading.Thread(target=self._serve, name="iloshell-sim-fleet", daemon=True)
        self._thread.start()
        return self

    def _serve(self) -> None:
        with selectors.DefaultSelector() as selector:
            for server in self._servers:
                selector.register(server, selectors.EVENT_READ, server)
            while not self._stop.is_set():
                for key, _events in selector.select(0.2):
                    key.data._handle_request_noblock()

    def stop(self) -> None:
        """Stop accepting, close every connection, release every port."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        for server in self._servers:
            server.close_connections()
        self._close_sockets()

    def _close_sockets(self) -> None:
        for server in self._servers:
            server.server_close()
        for sock in self._refusing:
            with contextlib.suppress(OSError):
                sock.close()

    def stats(self) -> dict:
        """Requests by method summed over the fleet, and live sessions."""
        total: dict[str, int] = {}
        sessions = 0
        for member in self.members:
            if member.service is not None:
                stats = member.service.stats()
                sessions += stats["sessions"]
                for method, count in stats["requests"].items():
                    total[method] = total.get(method, 0) + count
        return {"requests": total, "sessions": sessions}

    def __enter__(self) -> Fleet:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
