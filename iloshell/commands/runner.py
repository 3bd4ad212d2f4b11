"""The single entry from text to action: :func:`execute` for one statement, :func:`run_source`
for a script (a file, ``-c`` text, piped stdin or ``source``).
"""

from __future__ import annotations

import difflib
import importlib

from iloshell.commands.context import Context
from iloshell.commands.lexer import LexError, Statement, Variables, lex
from iloshell.commands.messages import describe
from iloshell.commands.spec import REGISTRY, Command, asks_help, parse
from iloshell.errors import EXIT_OK, CommandError, IloshellError, UsageError
from iloshell.storage import read_user_file


class ScriptFailed(CommandError):
    """A sourced script failed and has already said why as ``FILE:LINE: message``; the
    script that sourced it stops with the same exit code without repeating it."""

    def __init__(self, path: str, exit_code: int) -> None:
        super().__init__(f"{path} failed (exit code {exit_code})")
        self.exit_code = exit_code


class Declined(CommandError):
    """The user answered no when asked to confirm: nothing was sent. That is a choice, not
    an error, so :func:`execute` says it as a plain note; but the command did not do what it
    was asked, so a script stops there with exit code 1 like after any command that did not."""

    def __init__(self) -> None:
        super().__init__("cancelled: nothing was sent")


class ExitShell(Exception):
    """``exit``: leave the shell or the script with this code."""

    def __init__(self, code: int = EXIT_OK) -> None:
        super().__init__(code)
        self.code = code


# The command modules, those of a typical script first: ``iloshell -c pwd`` finds its command
# in the first, without importing the teaching commands and the schema model they need.
COMMAND_MODULES = (
    "navigate",
    "change",
    "session",
    "act",
    "wait",
    "edit",
    "explain",
    "learn",
    "share",
    "tour",
)


def load_commands(until: str | None = None) -> None:
    """Import the command modules, which register themselves in REGISTRY; with ``until``,
    only as many as it takes to know that command."""
    for module in COMMAND_MODULES:
        if until is not None and until in REGISTRY:
            return
        importlib.import_module(f"iloshell.commands.{module}")


def lookup(name: str) -> Command:
    load_commands(until=name)
    cmd = REGISTRY.get(name)
    if cmd is None:
        close = difflib.get_close_matches(name, list(REGISTRY), n=2)
        hint = f"; did you mean {' or '.join(close)}?" if close else "; type help for the list"
        raise UsageError(f"{name}: unknown command{hint}")
    return cmd


def execute(ctx: Context, statement: Statement) -> int:
    """Run one statement; its exit code when it ended without an error (0, or 1 when the
    user declined to confirm). Raises IloshellError (with its exit code) or ExitShell.

    ``CMD -h`` / ``CMD --help`` prints the command's help (as ``help CMD`` does) instead of
    running it, for every command, without a connection."""
    if not statement.words:
        return EXIT_OK
    if statement.tail is not None:
        from iloshell.commands.pipes import through_tail

        return through_tail(ctx, statement, lambda: _execute(ctx, statement))
    return _execute(ctx, statement)


def _execute(ctx: Context, statement: Statement) -> int:
    cmd = lookup(statement.words[0].text)
    if asks_help(statement.words[1:]):
        from iloshell.commands.session import help_lines  # session imports the runner

        ctx.output.static_lines(help_lines(cmd))
        return EXIT_OK
    args = parse(cmd, statement.words[1:])
    if cmd.needs_connection:
        _ = ctx.conn
    ctx.cancel.clear()
    try:
        cmd.handler(ctx, args)
    except Declined as declined:
        ctx.output.note(declined.message)
        after_command(ctx, statement, ok=False)
        return declined.exit_code
    except IloshellError:
        after_command(ctx, statement, ok=False)
        raise
    after_command(ctx, statement, ok=True)
    return EXIT_OK


def after_command(ctx: Context, statement: Statement, *, ok: bool) -> None:
    """Tell ``ctx.extras["after_command"]`` (the tour, while one runs) what just ran."""
    hook = ctx.extras.get("after_command")
    if hook is not None:
        hook(statement, ok)


def run_source(
    ctx: Context,
    text: str,
    name: str,
    variables: Variables | None = None,
    *,
    keep_going: bool = False,
) -> int:
    """Run a script's statements in order; stop at the first failure unless ``keep_going``.

    Each failure is reported as ``NAME:LINE: message`` on stderr; the exit code is the first
    failure's (0 when all succeeded).
    """
    try:
        statements = lex(text, variables or Variables()).statements
    except LexError as err:
        ctx.output.note(f"{name}:{err.line}: {err.detail}")
        return err.exit_code
    status = EXIT_OK
    for statement in statements:
        try:
            code = execute(ctx, statement)
        except IloshellError as err:
            if not isinstance(err, ScriptFailed):
                ctx.output.note(f"{name}:{statement.line}: {describe(err, ctx.connection)}")
            code = err.exit_code
        status = status or code
        if code and not keep_going:
            return status
    return status


def run_file(
    ctx: Context, path: str, args: list[str], *, keep_going: bool = False, depth: int = 0
) -> int:
    """Run a script file (``iloshell SCRIPT ARGS`` and ``source FILE``)."""
    if depth > 16:
        raise CommandError(f"{path}: source nested more than 16 deep (does it source itself?)")
    text = read_user_file(path, "a script")
    ctx.extras["source_depth"] = depth + 1
    try:
        return run_source(ctx, text, path, Variables(args), keep_going=keep_going)
    finally:
        ctx.extras["source_depth"] = depth
