"""``iloshell-sim``: run the simulated iLO 5 Redfish service until SIGINT or SIGTERM.

The first stdout line is for scripts: ``iloshell-sim: serving URL (user U, password P)``, with
``; validation partial: no schema for N types`` inside the parentheses when some writable types
cannot be validated. Lines after it start with ``iloshell-sim: note:`` and say what the loader
had to add to the data (a Base registry, schema files) or restore (--state).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from iloshell.errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from iloshell.sim.faults import FaultSpecError, parse_fault
from iloshell.sim.mockup import MockupError
from iloshell.sim.resources import allowed_methods, is_resource
from iloshell.sim.server import SimOptions, Simulator
from iloshell.sim.store import StateFileError

if TYPE_CHECKING:
    from iloshell.sim.fleet import Fleet


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="iloshell-sim",
        description="A simulated HPE iLO 5 Redfish service (built-in data or a DMTF mockup).",
    )
    p.add_argument("--mockup", type=Path, metavar="DIR", help="serve this DMTF mockup folder")
    p.add_argument(
        "--schemas",
        type=Path,
        metavar="DIR",
        help="DMTF JSON schema files to validate with (and to serve if the data has none)",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=0, help="port (default 0: a free one)")
    p.add_argument("--tls", action="store_true", help="serve HTTPS with a self-signed certificate")
    p.add_argument("--user", default="admin", help="login user name (default admin)")
    p.add_argument("--password", default="password", help="login password (default password)")
    p.add_argument(
        "--session-timeout",
        type=float,
        default=1800.0,
        metavar="S",
        help="idle seconds before a session expires (default 1800)",
    )
    p.add_argument("--latency-ms", type=int, default=0, metavar="N", help="delay every request")
    p.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="SPEC",
        help="503:every=N, drop:every=N, slow:every=N:ms=M, expire-sessions:after=S or "
        "task:polls=N[:fail=1]",
    )
    p.add_argument("--state", type=Path, metavar="FILE", help="keep writes in FILE across restarts")
    p.add_argument(
        "--no-redirect",
        dest="redirect",
        action="store_false",
        help="serve non-canonical URI spellings directly instead of answering 308",
    )
    p.add_argument(
        "--bare",
        action="store_true",
        help="serve no JsonSchemas, schema files or registries (a service that describes nothing)",
    )
    p.add_argument(
        "--basic-only",
        action="store_true",
        help="refuse session login (401): accept HTTP Basic authentication only",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="log every request to stderr")
    fleet = p.add_argument_group("fleet (see docs/fleet.md)")
    fleet.add_argument(
        "--fleet",
        type=int,
        metavar="N",
        help="serve N independent iLOs from this process (ports from --port up, or free ones); "
        "--fault down:every=K makes every K-th refuse connections",
    )
    fleet.add_argument(
        "--drift",
        type=float,
        default=0.0,
        metavar="PCT",
        help="with --fleet: this share of the iLOs starts with other BIOS and boot settings",
    )
    fleet.add_argument(
        "--hosts-out",
        type=Path,
        metavar="FILE",
        help="with --fleet: write the URLs to FILE (a host list for iloshell --hosts)",
    )
    return p


def first_line(simulator: Simulator, unvalidated: list[str]) -> str:
    """The line scripts read the URL from."""
    extra = f"; validation partial: no schema for {len(unvalidated)} types" if unvalidated else ""
    return (
        f"iloshell-sim: serving {simulator.url} "
        f"(user {simulator.user}, password {simulator.password}{extra})"
    )


def unvalidated_types(simulator: Simulator) -> list[str]:
    """Writable resource types the simulator has no schema for (their PATCHes go unchecked)."""
    types = {
        doc["@odata.type"]
        for _uri, doc in simulator.store.items()
        if is_resource(doc) and "PATCH" in allowed_methods(doc)
    }
    return simulator.service.validation.unknown_types(types)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.fleet is None and (args.drift or args.hosts_out):
        print("iloshell-sim: --drift and --hosts-out go with --fleet N", file=sys.stderr)
        return EXIT_USAGE
    try:
        faults = args.fault
        down_every = 0
        if args.fleet is not None:
            from iloshell.sim.fleet import split_down_fault

            down_every, faults = split_down_fault(faults)
        for spec in faults:
            parse_fault(spec)
        if args.latency_ms < 0 or args.session_timeout <= 0:
            raise FaultSpecError("--latency-ms must be >= 0 and --session-timeout > 0")
        options = SimOptions(
            mockup=args.mockup,
            schemas=args.schemas,
            host=args.host,
            port=args.port,
            tls=args.tls,
            user=args.user,
            password=args.password,
            session_timeout=args.session_timeout,
            latency_ms=args.latency_ms,
            faults=faults,
            state=args.state,
            redirect=args.redirect,
            verbose=args.verbose,
            bare=args.bare,
            basic_only=args.basic_only,
        )
        if args.fleet is not None:
            from iloshell.sim.fleet import Fleet, FleetOptions

            if not 0 <= args.drift <= 100:
                raise FaultSpecError("--drift PCT must be between 0 and 100")
            simulator: Simulator | Fleet = Fleet(
                options, FleetOptions(args.fleet, down_every, args.drift)
            )
        else:
            simulator = Simulator(options)
    except (FaultSpecError, MockupError, StateFileError) as err:
        print(f"iloshell-sim: {err}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as err:
        where = f"{args.host}:{args.port}"
        print(f"iloshell-sim: cannot serve on {where}: {err.strerror or err}", file=sys.stderr)
        return EXIT_FAILED
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    simulator.start()
    if isinstance(simulator, Simulator):
        announce(simulator)
    else:
        announce_fleet(simulator, args.hosts_out)
    stop.wait()
    simulator.stop()
    return EXIT_OK


def announce(simulator: Simulator) -> None:
    """The first line, then the notes."""
    unvalidated = unvalidated_types(simulator)
    print(first_line(simulator, unvalidated), flush=True)
    notes = list(simulator.notes)
    if unvalidated:
        shown = ", ".join(unvalidated[:8]) + (", ..." if len(unvalidated) > 8 else "")
        notes.append(f"PATCHes to these types are applied unvalidated (no schema): {shown}")
    for note in notes:
        print(f"iloshell-sim: note: {note}", flush=True)


def announce_fleet(fleet: Fleet, hosts_out: Path | None) -> None:
    """``iloshell-sim: serving N iLOs (user U, password P)``, then one line per iLO (URL, its
    iLO host name, ``down`` or ``drifted``) or, with ``--hosts-out``, the URLs in that file."""
    options = fleet.options
    print(
        f"iloshell-sim: serving {len(fleet.members)} iLOs "
        f"(user {options.user}, password {options.password})",
        flush=True,
    )
    if hosts_out is not None:
        hosts_out.write_text("".join(f"{url}\n" for url in fleet.urls), encoding="utf-8")
        print(f"iloshell-sim: wrote the host list to {hosts_out}", flush=True)
        return
    for member in fleet.members:
        state = " down" if member.down else " drifted" if member.drifted else ""
        print(f"iloshell-sim: {member.url} ilo-{member.index + 1:04d}{state}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
