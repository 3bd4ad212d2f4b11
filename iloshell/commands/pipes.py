"""``COMMAND | PROGRAM`` and ``COMMAND > FILE``: a command's output to a system command or a file.

The output a command writes through ``ctx.output`` goes, for one statement, to the standard
input of ``/bin/sh -c PROGRAM`` (so the program line keeps the shell's own quoting, globs and
pipes; a script's arguments are its ``$1``...) or to the file; notes and errors stay on
stderr, where the user sees them. Colours are off, as for any output that is not a terminal.

Exit status, as ``sh -o pipefail`` has it: the program's status; but when the iloshell command
itself fails, its error is reported as always and the line fails with iloshell's exit code, so
a script never takes a service it could not reach for an empty result.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
from collections.abc import Callable, Iterator
from typing import TextIO

from iloshell.commands.context import Context
from iloshell.commands.lexer import Statement
from iloshell.errors import EXIT_OK, CommandError, IloshellError, UsageError

SHELL = "/bin/sh"


def through_tail(ctx: Context, statement: Statement, run: Callable[[], int]) -> int:
    """Run ``run`` (the statement's command) with its output sent where the statement's
    ``|`` or ``>`` says; the line's exit status."""
    if not ctx.settings.pipes:
        raise UsageError("| and > are not available here (this front end runs no programs)")
    if statement.redirect is not None:
        return _to_file(ctx, statement.redirect, statement.append, run)
    assert statement.pipe is not None
    return _to_program(ctx, statement.pipe, statement.pipe_args, run)


def _to_file(ctx: Context, name: str, append: bool, run: Callable[[], int]) -> int:
    path = os.path.expanduser(name)
    try:
        stream = open(path, "a" if append else "w", encoding="utf-8")  # noqa: SIM115
    except OSError as err:
        raise CommandError(f"{name}: cannot write it ({err.strerror})") from None
    with stream, _output_to(ctx, stream):
        return run()


def _to_program(ctx: Context, program: str, args: tuple[str, ...], run: Callable[[], int]) -> int:
    """The program writes where the shell's output goes: straight to it when it is a file
    or terminal (a pager after | needs the terminal), else through a pipe copied there."""
    shown = ctx.output.out
    try:
        shown.flush()  # what earlier commands printed comes first
        direct = shown.fileno() >= 0
    except (AttributeError, OSError, ValueError):  # an in-memory stream (io raises OSError)
        direct = False
    try:
        child = subprocess.Popen(
            [SHELL, "-c", program, "sh", *args],
            stdin=subprocess.PIPE,
            stdout=None if direct else subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
    except OSError as err:
        raise CommandError(f"cannot start {SHELL} ({err.strerror})") from None
    assert child.stdin is not None
    copier = None if direct else _copy_in_background(child, shown)
    failure: IloshellError | None = None
    code = EXIT_OK
    try:
        with _output_to(ctx, child.stdin):
            try:
                code = run()
                child.stdin.flush()
            except BrokenPipeError:
                pass  # the program stopped reading (head, grep -m1): its right, not an error
            except IloshellError as err:
                failure = err
    finally:
        with contextlib.suppress(BrokenPipeError, OSError):
            child.stdin.close()
        status = _wait(child)
        if copier is not None:
            copier.join()
    if failure is not None:
        raise failure
    return status or code


def _wait(child: subprocess.Popen) -> int:
    """The program's exit status; Ctrl-C is the program's while it runs (a pager ignores
    it), a second one stops it. A program killed by a signal ends with 128+N, as in sh."""
    try:
        status = child.wait()
    except KeyboardInterrupt:
        child.terminate()
        status = child.wait()
        raise
    return 128 - status if status < 0 else status


def _copy_in_background(child: subprocess.Popen, target: TextIO) -> threading.Thread:
    """Copy the program's output to ``target`` as it comes (a thread: the program must never
    block on a full pipe while the command still writes to it)."""
    assert child.stdout is not None
    source = child.stdout

    def copy() -> None:
        for line in source:
            target.write(line)
        source.close()

    thread = threading.Thread(target=copy, name="iloshell-pipe", daemon=True)
    thread.start()
    return thread


@contextlib.contextmanager
def _output_to(ctx: Context, stream: TextIO) -> Iterator[None]:
    output, settings = ctx.output, ctx.settings
    saved = output.out, settings.color
    output.out, settings.color = stream, False
    try:
        yield
    finally:
        output.out, settings.color = saved
