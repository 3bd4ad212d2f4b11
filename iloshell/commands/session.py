"""The shell itself: connect, logout, help, history, source, exit."""

from __future__ import annotations

import os
import re
import shutil
import textwrap

from iloshell.commands.connection import Connection
from iloshell.commands.context import Context
from iloshell.commands.runner import ExitShell, ScriptFailed, load_commands, lookup, run_file
from iloshell.commands.spec import (
    COMMAND,
    FILE,
    NUMBER,
    REGISTRY,
    TEXT,
    Arg,
    Args,
    Command,
    Option,
    command,
)
from iloshell.errors import ConnectError, UsageError
from iloshell.redfish.walk import ROOT
from iloshell.transport.auth import Credentials
from iloshell.transport.client import normalize_base_url, split_userinfo
from iloshell.transport.tls import make_policy

GROUP = "shell"
WIDTH = 78  # as explain and tour write
HELP_COLUMN = re.compile(r"^  \S.{21} ")  # "  --flag VALUE          " before an option's help
USAGE = re.compile(r"^usage: \S+ ")  # the usage goes on under the command's first argument

GROUP_TITLES = {
    "navigate": "Walk the link graph",
    "change": "Stage, check and send changes",
    "act": "Actions and other requests",
    "learn": "Learn and share",
    "shell": "The shell",
}


def help_lines(cmd: Command) -> list[str]:
    """``help CMD`` as printed: the declared help, fitted to the terminal (at most WIDTH)."""
    return fitted(cmd.help_text(), min(shutil.get_terminal_size().columns - 1, WIDTH))


def fitted(text: str, width: int) -> list[str]:
    """A command's help with its long lines broken at word boundaries to fit ``width``.

    The declaration keeps each paragraph on one line (docs/commands.md shows it as is), so
    the terminal's own wrapping would cut words. An argument's help continues under its
    help column, the usage under its first argument; examples are left whole, as they are
    meant to be typed."""
    lines: list[str] = []
    examples = False
    for line in text.splitlines():
        examples = examples or line == "examples:"
        if examples or len(line) <= width:
            lines.append(line)
            continue
        column = HELP_COLUMN.match(line) or USAGE.match(line)
        indent = " " * (column.end() if column else len(line) - len(line.lstrip()))
        lines += textwrap.wrap(
            line,
            max(width, len(indent) + 20),
            subsequent_indent=indent,
            break_long_words=False,  # a path or URI stays whole
            break_on_hyphens=False,  # so do --options and names like Virtualization-Max
        )
    return lines


def open_connection(ctx: Context, url: str, user: str, password: str) -> Connection:
    """Connect and log in with the context's TLS and timeout settings; become the context's
    connection (closing any previous one)."""
    settings = ctx.settings
    ctx.output.hide(password)  # before login: its error may quote the password back
    tls = make_policy(settings.insecure, settings.cacert)
    connection = Connection.open(
        url,
        Credentials(user, password),
        tls,
        timeout=settings.timeout,
        workers=settings.workers,
        auth=settings.auth,
        observers=ctx.extras.get("observers", ()),
    )
    connection.keep_stage = settings.keep_stage
    if ctx.connection is not None:
        ctx.connection.close()
    ctx.connection = connection
    connection.warn = ctx.output.warn
    ctx.cwd, ctx.previous = ROOT, None
    notice = getattr(connection.auth, "notice", None)
    if notice:
        ctx.output.warn(notice)
    hook = ctx.extras.get("on_connect")
    if hook is not None:
        hook(connection)
    return connection


@command(
    "connect",
    "Connect and log in to another service",
    group=GROUP,
    needs_connection=False,
    args=[
        Arg("url", "https://HOST[:PORT] (http:// for simulators)", "1", TEXT),
        Option(("-u", "--user"), "user name (default: the current one, or ILO_USER)", "USER"),
    ],
    description=(
        "The password is asked without echo; scripts take it from ILO_PASSWORD. USER@ or "
        "USER:PASSWORD@ in URL work as -u and the password (not kept in the history)."
    ),
)
def connect(ctx: Context, args: Args) -> None:
    # The address first: a wrong one is the error to report, before any password is asked.
    url, url_user, url_password = split_userinfo(args.url)
    normalize_base_url(url)
    user = (
        args.user
        or url_user
        or (ctx.connection.user if ctx.connection else None)
        or os.environ.get("ILO_USER")
    )
    if not user:
        raise UsageError("connect: no user name; use -u USER or set ILO_USER")
    password = url_password if url_password else os.environ.get("ILO_PASSWORD")
    if password is None:
        if ctx.ask_password is None:
            raise ConnectError("connect: no password; set ILO_PASSWORD for scripts")
        password = ctx.ask_password(f"Password for {user}: ")
    connection = open_connection(ctx, url, user, password)
    ctx.output.note(f"connected to {connection.host} as {user} ({connection.auth_label})")


@command("logout", "Log out (end the session on the service)", group=GROUP)
def logout(ctx: Context, args: Args) -> None:
    ctx.conn.close()
    ctx.connection = None
    ctx.output.note("logged out; use connect URL to log in again")


@command(
    "help",
    "List the commands, or explain one",
    group=GROUP,
    needs_connection=False,
    args=[Arg("name", "a command", "?", COMMAND)],
)
def help_(ctx: Context, args: Args) -> None:
    if args.name:
        ctx.output.static_lines(help_lines(lookup(args.name)))
        return
    load_commands()  # every command module, not only those used so far
    lines = []
    for group, title in GROUP_TITLES.items():
        cmds = sorted((c for c in REGISTRY.values() if c.group == group), key=lambda c: c.name)
        if not cmds:
            continue
        lines.append(f"{title}:")
        lines += [f"  {c.name:<10} {c.summary}" for c in cmds]
        lines.append("")
    lines.append("help COMMAND shows its options and examples.")
    ctx.output.static_lines(lines)


@command("history", "Show the commands typed in this shell", group=GROUP, needs_connection=False)
def history(ctx: Context, args: Args) -> None:
    width = len(str(len(ctx.history)))
    ctx.output.lines([f"{i:>{width}}  {line}" for i, line in enumerate(ctx.history, 1)])


@command(
    "source",
    "Run the commands in a script file",
    group=GROUP,
    needs_connection=False,
    args=[
        Arg("file", "the script", "1", FILE),
        Arg("args", "values for $1..$9 and $@", "*", TEXT),
    ],
)
def source(ctx: Context, args: Args) -> None:
    depth = ctx.extras.get("source_depth", 0)
    status = run_file(ctx, args.file, args.args, keep_going=ctx.settings.keep_going, depth=depth)
    if status:
        raise ScriptFailed(args.file, status)


@command(
    "exit",
    "Leave the shell (logging out)",
    group=GROUP,
    needs_connection=False,
    args=[Arg("code", "exit code (default 0)", "?", NUMBER)],
)
def exit_(ctx: Context, args: Args) -> None:
    try:
        code = int(args.code or 0)
    except ValueError:
        raise UsageError(f"exit: {args.code!r} is not a number") from None
    raise ExitShell(code)
