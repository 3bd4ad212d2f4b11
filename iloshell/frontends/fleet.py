"""``iloshell --hosts``: one script on many services, at most ``--concurrency`` at once.

Each host gets what one ``iloshell URL SCRIPT`` gets: its own Context (settings, stage,
current path), its own login (logged out on every way out, Ctrl-C included) and its own
output, captured and printed when the host is done, each line prefixed with the host
(``ilo-07: ...``) or, with ``--gather``, identical outputs once under the folded host names.
What the hosts share is what cannot differ between two BMCs on the same firmware: the schemas
and registries, fetched once per distinct service version (:class:`SharedModels`).

Safety is that of fleet tools: a script that changes the services needs ``-y`` or one
confirmation naming the number of hosts; ``--check`` stages and validates everywhere and
shows the requests and diffs, sending nothing that changes state; ``--canary N`` runs N hosts
first and stops when one failed; ``--max-failures K`` starts no new host after K failures.
Exit status: 0 when every host succeeded, else the highest exit code any host had.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import threading
import time
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TextIO

from iloshell.commands.context import Context, Output, Settings
from iloshell.commands.lexer import LexError, Variables, lex
from iloshell.commands.messages import describe
from iloshell.commands.runner import ExitShell, lookup, run_source
from iloshell.errors import EXIT_FAILED, EXIT_OK, Cancelled, ConnectError, IloshellError, UsageError
from iloshell.frontends.hostlist import HostEntry, fold, gather, parse_file, parse_list
from iloshell.staging.commit import APPLIED, NOT_APPLIED, PENDING
from iloshell.storage import read_user_file
from iloshell.transport.client import split_userinfo

if TYPE_CHECKING:
    from iloshell.commands.connection import Connection
    from iloshell.frontends.config import Config
    from iloshell.staging.commit import Outcome

OK, FAILED, UNREACHABLE, SKIPPED = "ok", "failed", "unreachable", "skipped"
DEFAULT_CONCURRENCY = 32


@dataclass
class HostRun:
    """What one host's run did: for the prefixed lines, the summary and ``--json``."""

    entry: HostEntry
    status: str = SKIPPED
    exit_code: int = EXIT_OK
    out: str = ""
    err: str = ""
    error: str | None = None  # the first error line
    changes: Counter[str] = field(default_factory=Counter)  # applied / pending / not applied
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "host": self.entry.label,
            "url": self.entry.address,
            "status": self.status,
            "exit_code": self.exit_code,
            "applied": self.changes["applied"],
            "pending": self.changes["pending"],
            "not_applied": self.changes[NOT_APPLIED],
            "error": self.error,
            "stdout": self.out,
            "stderr": self.err,
            "seconds": round(self.seconds, 3),
        }


def version_key(root: dict) -> str:
    """What tells two services' schemas and registries apart: vendor, product, Redfish
    version and the manager's firmware (iLO names it in the root)."""
    oem = root.get("Oem") if isinstance(root.get("Oem"), dict) else {}
    managers = (oem.get("Hpe") or {}).get("Manager") if isinstance(oem.get("Hpe"), dict) else None
    manager = managers[0] if isinstance(managers, list) and managers else {}
    manager = manager if isinstance(manager, dict) else {}
    parts = [
        root.get("Vendor"),
        root.get("Product"),
        root.get("RedfishVersion"),
        manager.get("ManagerType"),
        manager.get("ManagerFirmwareVersion"),
    ]
    return "|".join(str(p) for p in parts)


class _Serialized:
    """One object's methods behind one lock: the model caches as it reads and is not written
    for several threads, so the hosts sharing it take turns (reads are cached after the
    first host, so a turn is short)."""

    def __init__(self, target: Any, lock: threading.RLock) -> None:
        self._target = target
        self._lock = lock

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._target, name)
        if not callable(attr):
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:
            with self._lock:
                return attr(*args, **kwargs)

        return call


class SharedModels:
    """Schemas and registries per service version for the whole run: the first host of a
    version fetches what the run needs, every later one finds it loaded. A fetch goes through
    the connection of the host asking (each host's thread knows its own), so a shared model
    never uses a host that has logged out."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._models: dict[str, tuple[Any, Any]] = {}
        self._local = threading.local()

    def attach(self, connection: Connection) -> None:
        """Give ``connection`` the shared schemas and registries of its version."""
        self._local.connection = connection
        key = version_key(connection.graph.root)
        with self._lock:
            if key not in self._models:
                self._models[key] = self._build(connection)
            schemas, registries = self._models[key]
        connection.schemas = schemas  # type: ignore[misc]  # cached_property, set ahead
        connection.registries = registries  # type: ignore[misc]

    def _fetch(self, uri: str) -> dict | None:
        connection = getattr(self._local, "connection", None)
        return connection.fetch_or_none(uri) if connection is not None else None

    def _build(self, first: Connection) -> tuple[Any, Any]:
        from iloshell.model.registries import ServiceRegistries
        from iloshell.model.schemas import SchemaLibrary
        from iloshell.model.service_schemas import ServiceSchemaSource

        documents = first.documents.through(self._fetch)  # the disk cache of the first host
        lock = threading.RLock()
        schemas = SchemaLibrary(ServiceSchemaSource(self._fetch, documents))
        registries = ServiceRegistries(self._fetch, documents)
        return _Serialized(schemas, lock), _Serialized(registries, lock)


def read_hosts(spec: str) -> list[HostEntry]:
    """``--hosts``: a file, ``-`` (stdin) or a comma-separated list with ranges."""
    if spec == "-":
        entries = parse_file(sys.stdin.read(), "<stdin>")
    elif os.path.isfile(spec):
        entries = parse_file(read_user_file(spec, "a host list"), spec)
    else:
        entries = parse_list(spec)
    if not entries:
        raise UsageError(f"--hosts {spec}: no hosts in it")
    return entries


def script_of(opts: argparse.Namespace) -> tuple[str, str, list[str]]:
    """(text, name, arguments) of the script every host runs: ``-c`` or SCRIPT [ARG...]."""
    words = ([opts.target] if opts.target else []) + list(opts.script_args)
    if opts.commands is not None:
        return opts.commands, "-c", words
    if not words:
        raise UsageError('--hosts needs a script: iloshell --hosts HOSTS SCRIPT, or -c "CMD"')
    return read_user_file(words[0], "a script"), words[0], words[1:]


def changes_services(text: str, args: list[str]) -> bool:
    """Whether the script has a command that sends changes (commit, invoke, rm ...)."""
    try:
        statements = lex(text, Variables(args)).statements
    except LexError:
        return False  # every host reports the error itself
    for statement in statements:
        if statement.words:
            try:
                if lookup(statement.words[0].text).changes_service:
                    return True
            except UsageError:
                continue
    return False


class FleetRun:
    """The run over every host; ``run()`` returns the exit status."""

    def __init__(
        self,
        hosts: list[HostEntry],
        script: tuple[str, str, list[str]],
        settings: Settings,
        credentials: tuple[str, str],
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        gather_output: bool = False,
        json_lines: bool = False,
        check: bool = False,
        canary: int = 0,
        max_failures: int = 0,
        out: TextIO | None = None,
        err: TextIO | None = None,
    ) -> None:
        self.hosts = hosts
        self.text, self.name, self.args = script
        self.settings = settings
        self.user, self.password = credentials
        self.concurrency = concurrency
        self.gather_output = gather_output
        self.json_lines = json_lines
        self.check = check
        self.canary = canary
        self.max_failures = max_failures
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.models = SharedModels()
        self.results = [HostRun(entry) for entry in hosts]
        self.failures = 0
        self.stopped = threading.Event()
        self._live: dict[int, Context] = {}
        self._live_lock = threading.Lock()
        self._print_lock = threading.Lock()
        self._done = 0
        self._start = time.monotonic()
        self._progress = self.err.isatty() and not json_lines

    # --- one host

    def run_host(self, index: int) -> HostRun:
        result = self.results[index]
        entry = result.entry
        started = time.monotonic()
        out, err = io.StringIO(), io.StringIO()
        # Its own settings: a command may change them (trace on) for its own host only.
        ctx = Context(settings=replace(self.settings), output=Output(out, err))
        ctx.extras["on_connect"] = self.models.attach
        ctx.extras["after_commit"] = lambda outcomes: count_outcomes(result.changes, outcomes)
        if self.check:
            ctx.extras["check"] = True
        with self._live_lock:
            self._live[index] = ctx
        try:
            result.exit_code = self._run_script(ctx, entry)
        except ConnectError as error:
            result.status, result.exit_code = UNREACHABLE, error.exit_code
            err.write(f"{describe(error, None)}\n")
        except IloshellError as error:
            result.exit_code = error.exit_code
            err.write(f"{describe(error, ctx.connection)}\n")
        finally:
            with self._live_lock:
                self._live.pop(index, None)
            if ctx.connection is not None:
                ctx.connection.close()
        if result.status != UNREACHABLE:
            result.status = OK if result.exit_code == EXIT_OK else FAILED
        result.out, result.err = out.getvalue(), err.getvalue()
        result.error = first_error(result.err, self.name) if result.exit_code else None
        result.seconds = time.monotonic() - started
        return result

    def _run_script(self, ctx: Context, entry: HostEntry) -> int:
        from iloshell.commands.session import open_connection

        if self.stopped.is_set():
            raise ConnectError("interrupted before this host started")
        url, url_user, url_password = split_userinfo(entry.address)
        user = url_user or entry.user or self.user
        password = url_password or self.password
        if entry.password_env:
            password = os.environ.get(entry.password_env) or ""
            if not password:
                raise UsageError(f"password-env={entry.password_env}: that variable is not set")
        open_connection(ctx, url, user, password)
        if self.stopped.is_set():
            raise Cancelled("interrupted")
        try:
            code = run_source(ctx, self.text, self.name, Variables(self.args))
        except ExitShell as leave:
            code = leave.code
        if self.check and ctx.connection is not None:
            code = code or run_source(ctx, "diff", self.name)
            stage = ctx.connection.stage
            for change in stage.own():  # a check leaves no change behind
                stage.remove(change)
            ctx.connection.save_stage()
        return code

    # --- the whole run

    def run(self) -> int:
        order = list(range(len(self.hosts)))
        canary, rest = order[: self.canary], order[self.canary :]
        pool = ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="host")
        try:
            self._launch(pool, canary)
            if self.canary and self.failures:
                self.err.write(
                    f"iloshell: the canary failed on {self.failures} of {len(canary)} "
                    "hosts; the other hosts were not started\n"
                )
            else:
                self._launch(pool, rest)
        except (KeyboardInterrupt, SystemExit) as stop:  # Ctrl-C, or SIGTERM/SIGHUP (cli.py)
            self.interrupt()
            pool.shutdown(wait=True, cancel_futures=True)  # quick: their requests are cancelled
            self.finish()
            if isinstance(stop, SystemExit):
                raise
            return 130
        pool.shutdown()
        return self.finish()

    def _launch(self, pool: ThreadPoolExecutor, indexes: list[int]) -> None:
        waiting = list(reversed(indexes))
        running: set[Future[HostRun]] = set()
        while waiting or running:
            while waiting and len(running) < self.concurrency and not self.too_many_failures():
                running.add(pool.submit(self.run_host, waiting.pop()))
            if not running:
                return
            done, running = wait(running, timeout=0.5, return_when=FIRST_COMPLETED)
            for future in done:
                self.report(future.result())
            self.show_progress()

    def too_many_failures(self) -> bool:
        return self.stopped.is_set() or (0 < self.max_failures <= self.failures)

    def interrupt(self) -> None:
        """Ctrl-C: start nothing more, stop the running hosts' commands and log them out."""
        self.stopped.set()
        with self._live_lock:
            live = list(self._live.values())
        for ctx in live:
            ctx.cancel.set()
            if ctx.connection is not None:
                ctx.connection.close()

    def report(self, result: HostRun) -> None:
        """A host is done: count it and print its output (unless it is gathered for later)."""
        self._done += 1
        if result.status != OK:
            self.failures += 1
        if self.json_lines or self.gather_output:
            return
        with self._print_lock:
            self.clear_progress()
            label = result.entry.label
            write_prefixed(self.out, label, result.out)
            write_prefixed(self.err, label, result.err)

    def show_progress(self) -> None:
        if not self._progress:
            return
        total, done = len(self.hosts), self._done
        elapsed = time.monotonic() - self._start
        eta = f", ETA {elapsed / done * (total - done):.0f} s" if 0 < done < total else ""
        with self._print_lock:
            self.err.write(f"\r[{done}/{total}] {self.failures} failed{eta}\x1b[K")
            self.err.flush()

    def clear_progress(self) -> None:
        if self._progress:
            self.err.write("\r\x1b[K")

    def finish(self) -> int:
        """Gathered output, the summary (or the JSON lines); the run's exit status."""
        self.clear_progress()
        ran = [r for r in self.results if r.status != SKIPPED]
        status = max((r.exit_code for r in self.results), default=EXIT_OK)
        if self.json_lines:
            for result in self.results:
                self.out.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
            self.out.write(json.dumps({"summary": self.summary(status)}) + "\n")
            return status
        if self.gather_output:
            for stream, texts in (
                (self.out, [(r.entry.label, r.out) for r in ran]),
                (self.err, [(r.entry.label, r.err) for r in ran]),
            ):
                for labels, text in gather(texts):
                    if text:
                        write_gathered(stream, labels, text)
        self.err.write("\n".join(summary_lines(self.results, self.summary(status))) + "\n")
        return status

    def summary(self, status: int) -> dict[str, Any]:
        counts = Counter(r.status for r in self.results)
        changes: Counter[str] = Counter()
        for result in self.results:
            changes.update(result.changes)
        return {
            "hosts": len(self.results),
            OK: counts[OK],
            FAILED: counts[FAILED],
            UNREACHABLE: counts[UNREACHABLE],
            SKIPPED: counts[SKIPPED],
            "applied": changes["applied"],
            "pending": changes["pending"],
            "not_applied": changes[NOT_APPLIED],
            "exit_code": status,
            "seconds": round(time.monotonic() - self._start, 3),
            "check": self.check,
        }


def count_outcomes(changes: Counter[str], outcomes: list[Outcome]) -> None:
    """A commit's outcomes as the summary counts them: applied, pending, or not applied
    (refused, or accepted yet not in effect: still staged either way)."""
    changes.update(o.status if o.status in (APPLIED, PENDING) else NOT_APPLIED for o in outcomes)


def first_error(err: str, name: str) -> str | None:
    """The line saying why a host failed: its script's first ``NAME:LINE:`` report, else the
    first line it wrote."""
    lines = [line for line in err.splitlines() if line.strip()]
    return next(
        (line for line in lines if line.startswith(f"{name}:")), lines[0] if lines else None
    )


def write_prefixed(stream: TextIO, label: str, text: str) -> None:
    if text:
        stream.write("".join(f"{label}: {line}\n" for line in text.splitlines()))
        stream.flush()


def write_gathered(stream: TextIO, labels: list[str], text: str) -> None:
    """``dshbak -c`` style: a rule, the folded host names and their number, the text once."""
    title = f"{fold(labels)} ({len(labels)})"
    rule = "-" * min(max(len(title), 15), 78)
    stream.write(f"{rule}\n{title}\n{rule}\n{text}")
    if not text.endswith("\n"):
        stream.write("\n")
    stream.flush()


def summary_lines(results: list[HostRun], summary: dict[str, Any]) -> list[str]:
    """One line of totals, then one line per kind of outcome with the hosts it had, folded."""
    lines = [
        f"summary: {summary[OK]} ok, {summary[FAILED]} failed, {summary[UNREACHABLE]} "
        f"unreachable, {summary[SKIPPED]} not started of {summary['hosts']} hosts; changes: "
        f"{summary['applied']} applied, {summary['pending']} pending, "
        f"{summary['not_applied']} not applied ({summary['seconds']:.1f} s, exit code "
        f"{summary['exit_code']})"
    ]
    kinds: dict[tuple, list[str]] = {}
    for result in results:
        changes = result.changes
        key = (
            result.status,
            result.exit_code,
            changes["applied"],
            changes["pending"],
            changes[NOT_APPLIED],
            result.error or "",
        )
        kinds.setdefault(key, []).append(result.entry.label)
    for (status, code, applied, pending, not_applied, error), labels in kinds.items():
        counts = f"applied {applied}, pending {pending}, not applied {not_applied}"
        why = f": {error}" if error else ""
        lines.append(f"  {fold(labels)} ({len(labels)}): {status}, exit {code}, {counts}{why}")
    return lines


def run_fleet(opts: argparse.Namespace, config: Config) -> int:
    """``iloshell --hosts``: the options checked, credentials asked once, the run."""
    from iloshell.frontends.cli import ask, make_context, password_for

    for name, least in (("concurrency", 1), ("canary", 0), ("max_failures", 0)):
        value = getattr(opts, name)
        if value is not None and value < least:
            flag = "--" + name.replace("_", "-")
            raise UsageError(f"{flag} {value}: must be {least} or more")
    if opts.demo:
        raise UsageError("--hosts runs on the services listed; --demo is one simulator")
    script = script_of(opts)
    hosts = read_hosts(opts.hosts)
    settings = make_context(opts, config).settings
    settings.color = False
    if changes_services(script[0], script[2]) and not (opts.yes or opts.check):
        question = (
            f"{script[1]} sends changes to the services; run it on {len(hosts)} host"
            f"{'s' * (len(hosts) != 1)} without asking again? [y/N] "
        )
        if not (sys.stdin.isatty() and opts.hosts != "-"):
            raise UsageError(
                f"{script[1]} sends changes: pass -y to run it on {len(hosts)} hosts "
                "(or --check to see what it would do); nothing was sent"
            )
        if ask(question, secret=False).strip().lower() not in ("y", "yes"):
            sys.stderr.write("cancelled: nothing was sent\n")
            return EXIT_FAILED
        settings.assume_yes = True
    needs_default = any(not (e.user and e.password_env) for e in hosts)
    user = opts.user or os.environ.get("ILO_USER") or config.user or ""
    password = ""
    if needs_default:
        user = user or ask("User name: ", secret=False)
        password = password_for(opts, user)
    run = FleetRun(
        hosts,
        script,
        settings,
        (user, password),
        concurrency=opts.concurrency or DEFAULT_CONCURRENCY,
        gather_output=opts.gather,
        json_lines=opts.json,
        check=opts.check,
        canary=opts.canary or 0,
        max_failures=opts.max_failures or 0,
    )
    return run.run()
