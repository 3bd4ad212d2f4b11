"""``iloshell``: the command line. Decides the mode (REPL, ``-c``, script file, piped stdin),
connects, runs, and logs out on every way out.

Kept light on purpose: ``iloshell URL -c pwd`` must start fast, so prompt-toolkit, pygments and
the simulator are imported only when the mode needs them.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import math
import os
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from iloshell import __version__
from iloshell.commands.context import Context, Output, Settings
from iloshell.commands.lexer import Variables
from iloshell.commands.messages import describe
from iloshell.commands.runner import ExitShell, run_file, run_source
from iloshell.errors import (
    EXIT_CONNECT,
    EXIT_FAILED,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_SERVICE,
    EXIT_USAGE,
    IloshellError,
    UsageError,
)
from iloshell.frontends.config import Config, load_config, write_default_config
from iloshell.storage import read_user_text
from iloshell.text import json_text
from iloshell.transport.auth import AUTH_METHODS
from iloshell.transport.client import split_userinfo

EXIT_CODES = f"""exit codes:
  {EXIT_OK}  success
  {EXIT_FAILED}  a command failed
  {EXIT_USAGE}  usage error (also: a change needs confirmation, give -y)
  {EXIT_CONNECT}  could not connect or log in
  {EXIT_INVALID}  a change was refused by validation
  {EXIT_SERVICE}  the service rejected a request

environment: ILO_URL, ILO_USER, ILO_PASSWORD (defaults for URL, -u and the password),
NO_COLOR (no colours), PAGER (default: less -RFX)."""


# Concurrent requests: more than any BMC serves at once; each worker is a thread.
MAX_WORKERS = 64

# A day: more than any BMC needs, and far below what a socket timeout can hold (inf and 1e300
# overflow it).
MAX_TIMEOUT = 86400.0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="iloshell",
        description="Walk an HPE iLO or any Redfish service like a filesystem; stage, "
        "validate and commit changes safely.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "target",
        nargs="?",
        metavar="URL",
        help="service address (https:// assumed; http:// for simulators); USER@ or "
        "USER:PASSWORD@ in it work as -u and -p (a password there is VISIBLE to other users "
        "in the process list, as with -p)",
    )
    parser.add_argument(
        "script_args",
        nargs="*",
        metavar="SCRIPT [ARG...]",
        help="run a script file with arguments $1..$9 (-- before arguments starting with -)",
    )
    parser.add_argument("-u", "--user", help="user name (default: ILO_USER)")
    secret = parser.add_mutually_exclusive_group()
    secret.add_argument(
        "-p",
        "--password",
        help="password (VISIBLE to other users in the process list; prefer "
        "ILO_PASSWORD, --password-env or the prompt)",
    )
    secret.add_argument(
        "--password-env", metavar="VAR", help="read the password from this environment variable"
    )
    parser.add_argument(
        "-k",
        "--insecure",
        action="store_true",
        default=None,
        help="do not verify the TLS certificate (insecure; shown in the prompt)",
    )
    parser.add_argument("--cacert", metavar="FILE", help="verify TLS with this CA bundle")
    parser.add_argument(
        "--auth",
        choices=AUTH_METHODS,
        help="log in with a session, HTTP Basic, or auto (default: a session, else Basic)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        metavar="S",
        help="seconds each request may take, connect to last byte; retries included, one "
        f"request ends within twice that (default 30, at most {MAX_TIMEOUT:g})",
    )
    parser.add_argument(
        "--task-timeout",
        type=float,
        metavar="S",
        help="seconds commit and invoke follow a task the service runs (202) (default 300)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help=f"concurrent requests for ls -l, find, tree (default 8, 1 to {MAX_WORKERS})",
    )
    parser.add_argument("--json", action="store_true", help="print JSON (ls, cat, get, find...)")
    parser.add_argument(
        "-c", dest="commands", metavar='"CMD; CMD"', help="run these commands and exit"
    )
    parser.add_argument(
        "--keep-going", action="store_true", help="scripts: carry on after a failing command"
    )
    parser.add_argument(
        "--partial-ok",
        action="store_true",
        help="ls, find, tree: exit 0 when some resources could not be read (warned about)",
    )
    parser.add_argument(
        "--keep-stage",
        action="store_true",
        help="scripts: leave uncommitted changes staged on disk for a later session "
        "(without it they are listed and dropped, and the run exits 1)",
    )
    parser.add_argument(
        "-y",
        "--yes",
        action="store_true",
        help="do not ask before commit, invoke, create, rm (needed in scripts)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        default=None,
        help="refuse changes that cannot be validated against a schema",
    )
    parser.add_argument(
        "--trace", action="store_true", help="print every HTTP request as a curl command on stderr"
    )
    parser.add_argument("--no-pager", action="store_true", help="never page long output")
    parser.add_argument(
        "--demo", action="store_true", help="start the built-in simulated iLO and connect to it"
    )
    parser.add_argument(
        "--mockup", metavar="DIR", help="with --demo: serve this DMTF mockup folder instead"
    )
    parser.add_argument(
        "--write-config", action="store_true", help="write a commented default config file and exit"
    )
    add_fleet_options(parser)
    parser.add_argument("--version", action="version", version=f"iloshell {__version__}")
    return parser


FLEET_ONLY = ("concurrency", "gather", "check", "canary", "max_failures")


def add_fleet_options(parser: argparse.ArgumentParser) -> None:
    """``--hosts`` and its companions (docs/fleet.md)."""
    fleet = parser.add_argument_group("many services (see docs/fleet.md)")
    fleet.add_argument(
        "--hosts",
        metavar="FILE|LIST",
        help="run the script (or -c) on every service of a host file, a list like "
        "ilo-[01-40].lab,10.0.0.[1-9], or - (stdin); output lines start with the host",
    )
    fleet.add_argument(
        "--concurrency", type=int, metavar="N", help="with --hosts: at most N at once (32)"
    )
    fleet.add_argument(
        "--gather", action="store_true", help="with --hosts: identical outputs once, per group"
    )
    fleet.add_argument(
        "--check",
        action="store_true",
        help="with --hosts: validate, stage and show the diffs; send no change",
    )
    fleet.add_argument(
        "--canary", type=int, metavar="N", help="with --hosts: run N hosts first, stop if one fails"
    )
    fleet.add_argument(
        "--max-failures", type=int, metavar="K", help="with --hosts: start no host after K failed"
    )
    fleet.add_argument(
        "--ansible-collections-path",
        action="store_true",
        help="print the folder to add to ANSIBLE_COLLECTIONS_PATH for the iloshell.redfish "
        "Ansible collection, and exit",
    )


def main(argv: list[str] | None = None) -> int:
    no_core_dumps()
    install_signal_handlers()
    try:
        code = run(argv)
    except IloshellError as err:  # refused before any connection (options, --mockup)
        sys.stderr.write(f"iloshell: {err}\n")
        code = err.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        code = 130
    except BrokenPipeError:
        code = EXIT_OK
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the final flush
    sys.exit(code)


def run(argv: list[str] | None) -> int:
    parser = build_parser()
    opts = parser.parse_intermixed_args(argv)
    if opts.write_config:
        path = write_default_config()
        print(f"wrote {path}")
        return EXIT_OK
    config, warnings = load_config()
    for warning in warnings:
        sys.stderr.write(f"warning: {warning}\n")
    if opts.ansible_collections_path:  # the collection ships inside this package
        print(Path(__file__).resolve().parents[1])
        return EXIT_OK
    if opts.hosts is not None:
        from iloshell.frontends.fleet import run_fleet

        return run_fleet(opts, config)
    fleet_only = [f"--{n.replace('_', '-')}" for n in FLEET_ONLY if getattr(opts, n)]
    if fleet_only:
        raise UsageError(f"{', '.join(fleet_only)}: only with --hosts (see docs/fleet.md)")
    url, script, script_args = split_target(opts)
    if opts.mockup is not None and not opts.demo:
        raise UsageError("--mockup DIR goes with --demo (it picks what the simulator serves)")
    ctx = make_context(opts, config)
    # The interactive shell's stage lives on disk; a script's belongs to its run.
    ctx.settings.keep_stage = opts.keep_stage or not runs_script(opts, script)
    if opts.trace:
        from iloshell.commands.learn import start_trace

        start_trace(ctx)  # before connecting: the login is traced too
    try:
        with service(opts, config, url) as (url, user, password):
            from iloshell.commands.session import open_connection

            try:
                open_connection(ctx, url, user, password)
                return dispatch(ctx, opts, config, script, script_args)
            finally:
                if ctx.connection is not None:
                    ctx.connection.close()
    except IloshellError as err:
        ctx.output.note(f"iloshell: {describe(err, ctx.connection)}")  # secrets masked
        return err.exit_code


def split_target(opts: argparse.Namespace) -> tuple[str | None, str | None, list[str]]:
    """(URL, SCRIPT, ARGS) from ``iloshell URL SCRIPT ARGS`` or ``iloshell SCRIPT ARGS`` (URL
    from ILO_URL, the config or --demo): a first word naming an existing file is the script.
    With -c, the words after the URL are the arguments $1..$9."""
    words = ([opts.target] if opts.target else []) + list(opts.script_args)
    if words and (opts.demo or (Path(words[0]).is_file() and not looks_like_url(words[0]))):
        url = None
    else:
        url, words = (words[0] if words else None), words[1:]
    if opts.commands is not None:
        return url, None, words
    return url, (words[0] if words else None), words[1:]


def looks_like_url(text: str) -> bool:
    return "://" in text


def make_context(opts: argparse.Namespace, config: Config) -> Context:
    no_color = "NO_COLOR" in os.environ
    settings = Settings(
        json=opts.json,
        color=sys.stdout.isatty() and not no_color and not opts.json,
        style=config.style,
        workers=chosen(
            opts.workers, config.workers, "workers", valid_workers, f"1 to {MAX_WORKERS}"
        ),
        timeout=chosen(
            opts.timeout,
            config.timeout,
            "timeout",
            valid_timeout,
            f"a positive number of seconds, at most {MAX_TIMEOUT:g}",
        ),
        strict=bool(opts.strict if opts.strict is not None else config.strict),
        insecure=bool(opts.insecure if opts.insecure is not None else config.insecure),
        cacert=opts.cacert or config.cacert,
        auth=opts.auth
        or chosen(None, config.auth, "auth", AUTH_METHODS.__contains__, "auto, session or basic"),
        keep_going=opts.keep_going,
        assume_yes=opts.yes,
        partial_ok=opts.partial_ok,
        task_timeout=chosen(
            opts.task_timeout,
            Settings.task_timeout,
            "task-timeout",
            valid_timeout,
            f"a positive number of seconds, at most {MAX_TIMEOUT:g}",
        ),
        pipes=True,
    )
    return Context(settings=settings, output=Output())


def chosen(
    option: Any, configured: Any, name: str, valid: Callable[[Any], bool], wanted: str
) -> Any:
    """The command line's value, refused when wrong (a usage error); else the config file's,
    replaced by the default with a warning when wrong (a config file never locks anyone out)."""
    if option is not None:
        if not valid(option):
            shown = f"{option:g}" if isinstance(option, float) else option
            raise UsageError(f"--{name} {shown}: must be {wanted}")
        return option
    if not valid(configured):
        default = getattr(Config(), name)
        sys.stderr.write(f"warning: config {name} = {configured!r} ignored: must be {wanted}\n")
        return default
    return configured


def valid_timeout(seconds: float) -> bool:
    return math.isfinite(seconds) and 0 < seconds <= MAX_TIMEOUT


def valid_workers(workers: int) -> bool:
    return 1 <= workers <= MAX_WORKERS


@contextlib.contextmanager
def service(
    opts: argparse.Namespace, config: Config, url: str | None
) -> Iterator[tuple[str, str, str]]:
    """The URL and credentials to use: the built-in simulator with --demo, else the options,
    the environment and the config file, asking for the password when none is given."""
    if opts.demo:
        yield from demo_service(opts.mockup)
        return
    url = url or os.environ.get("ILO_URL") or config.url
    if not url:
        raise UsageError("no service given: iloshell URL (or ILO_URL), or --demo to try it")
    url, url_user, url_password = split_userinfo(url)
    user = opts.user or url_user or os.environ.get("ILO_USER") or config.user
    if not user:
        user = ask("User name: ", secret=False)
    yield url, user, password_for(opts, user, url_password)


def demo_service(mockup: str | None) -> Iterator[tuple[str, str, str]]:
    """The built-in simulator (or one serving ``mockup``); a folder that is no mockup is a
    usage error in one line, like the same --mockup given to iloshell-sim."""
    from iloshell.sim.mockup import MockupError
    from iloshell.sim.testing import simulate

    with contextlib.ExitStack() as stack:
        try:
            sim = stack.enter_context(simulate(mockup=mockup))
        except MockupError as err:
            raise UsageError(str(err)) from None
        yield sim.url, sim.user, sim.password


def password_for(opts: argparse.Namespace, user: str, url_password: str | None = None) -> str:
    if opts.password is not None:
        return opts.password
    if opts.password_env:
        value = os.environ.get(opts.password_env)
        if value is None:
            raise UsageError(f"--password-env {opts.password_env}: that variable is not set")
        return value
    if url_password:  # USER:@HOST gives none: ask, as for USER@HOST
        return url_password
    if "ILO_PASSWORD" in os.environ:
        return os.environ["ILO_PASSWORD"]
    return ask(f"Password for {user}: ", secret=True)


def ask(prompt: str, *, secret: bool) -> str:
    """Ask on the terminal (even when stdin is a script); fail clearly when there is none."""
    try:
        with open("/dev/tty") as _tty:
            pass
    except OSError:
        what = "password" if secret else "user name"
        raise UsageError(
            f"no {what} given and no terminal to ask on (use ILO_PASSWORD / ILO_USER)"
        ) from None
    if secret:
        return getpass.getpass(prompt)
    # Two opens: a terminal cannot seek, and text mode "r+" insists on it.
    with open("/dev/tty") as tty_in, open("/dev/tty", "w") as tty_out:
        tty_out.write(prompt)
        tty_out.flush()
        return tty_in.readline().strip()


def dispatch(
    ctx: Context, opts: argparse.Namespace, config: Config, script: str | None, args: list[str]
) -> int:
    if not runs_script(opts, script):
        from iloshell.frontends.repl import run_repl

        try:
            return run_repl(ctx, config, no_pager=opts.no_pager)
        except ExitShell as leave:
            return leave.code
    report_earlier_stage(ctx)
    if ctx.settings.insecure:
        ctx.output.warn(
            "TLS certificate NOT verified (-k): anyone on the network "
            "path could pose as this service"
        )
    try:
        if opts.commands is not None:
            code = run_source(ctx, opts.commands, "-c", Variables(args), keep_going=opts.keep_going)
        elif script:
            code = run_file(ctx, script, args, keep_going=opts.keep_going)
        else:
            text = read_user_text(sys.stdin.buffer, "<stdin>", "a script")
            code = run_source(ctx, text, "<stdin>", Variables(args), keep_going=opts.keep_going)
    except ExitShell as leave:
        code = leave.code
    return end_of_script(ctx, code)


def runs_script(opts: argparse.Namespace, script: str | None) -> bool:
    """``-c``, a script file or piped stdin (not the interactive shell)."""
    return opts.commands is not None or bool(script) or not sys.stdin.isatty()


def end_of_script(ctx: Context, code: int) -> int:
    """A script's uncommitted changes are its own: listed at the end, and dropped (the run
    then fails with exit code 1, unless it already failed) or, with --keep-stage, left on
    disk for a later session."""
    conn = ctx.connection
    left = conn.stage.own() if conn is not None else []
    if not left:
        return code
    count, it = len(left), "it" if len(left) == 1 else "them"
    listed = "; ".join(f"{c.display} = {json_text(c.shown_value())}" for c in left[:3]) + (
        f"; and {count - 3} more" if count > 3 else ""
    )
    what = f"{count} staged change{'s' * (count != 1)} not committed"
    if ctx.settings.keep_stage:
        try:
            conn.save_stage()
        except IloshellError as err:  # the state folder is broken: say they are not kept
            ctx.output.note(f"error: {what}, and not kept on disk ({err.message}): {listed}")
            return code or EXIT_FAILED
        ctx.output.note(f"note: {what}, kept on disk for a later session (--keep-stage): {listed}")
    else:
        ctx.output.note(
            f"error: {what}, dropped at the end of this run: {listed} (commit -y sends {it}; "
            f"--keep-stage keeps {it} for a later session)"
        )
    return code if ctx.settings.keep_stage or code else EXIT_FAILED


def report_earlier_stage(ctx: Context) -> None:
    """A script never touches a stage it did not make; it only says one is there."""
    if ctx.connection is None:
        return
    earlier = ctx.connection.stage.earlier()
    if earlier:
        count = len(earlier)
        ctx.output.note(
            f"note: {count} change{'s' * (count != 1)} staged by an earlier session "
            f"{'are' if count != 1 else 'is'} kept on disk untouched "
            "(start iloshell interactively to review, commit or discard them)"
        )


def no_core_dumps() -> None:
    """A crash must not write the process's memory to disk: it holds the password and the
    session token (an abort once wrote a core with the password three times in it)."""
    try:
        import resource
    except ImportError:  # not POSIX
        return
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def install_signal_handlers() -> None:
    """SIGTERM and SIGHUP unwind like Ctrl-C does, so ``finally`` logs out."""

    def leave(signum: int, _frame: Any) -> None:
        raise SystemExit(128 + signum)

    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            signal.signal(sig, leave)


if __name__ == "__main__":
    main()
