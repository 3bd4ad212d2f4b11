"""``wait PATH OP VALUE``: poll a value until it is (or is no longer) what a script needs.

A saved script resets a server and must go on when it is back (``wait
/Systems/1/Oem/Hpe/PostState == FinishedPost``). While a BMC restarts its answers come and go,
so a failed read is remembered and polling goes on; only the deadline ends the wait, as a
failed command that says the last value (or error) seen.
"""

from __future__ import annotations

import math
import time
from typing import Any

from iloshell.commands.context import Context
from iloshell.commands.helpers import resolve_path, where_matches
from iloshell.commands.spec import CHOICE, NUMBER, PATH, TEXT, Arg, Args, Option, command
from iloshell.errors import Cancelled, CommandError, IloshellError, UsageError
from iloshell.render.jsontext import scalar

GROUP = "act"
DEFAULT_TIMEOUT = 600.0
DEFAULT_INTERVAL = 5.0


@command(
    "wait",
    "Wait until a value is (==) or is no longer (!=) VALUE",
    group=GROUP,
    args=[
        Option(
            ("--timeout",), f"give up after S seconds (default {DEFAULT_TIMEOUT:g})", "S", NUMBER
        ),
        Option(
            ("--interval",),
            f"read again every S seconds (default {DEFAULT_INTERVAL:g})",
            "S",
            NUMBER,
        ),
        Arg("path", "the value to watch", "1", PATH),
        Arg("op", "== (until equal) or != (until different)", "1", CHOICE, choices=("==", "!=")),
        Arg("value", "compared as get prints it (text), or as JSON", "1", TEXT),
    ],
    description=(
        "Reads the value again every --interval seconds (never from the cache) until the "
        "condition holds. Failed reads while the BMC or the server restarts do not end the "
        "wait. At the deadline the command fails (exit code 1) and says the last value seen, "
        "so a script stops there."
    ),
    examples=(
        "wait /Systems/1/PowerState == On",
        "wait --timeout 900 /Systems/1/Oem/Hpe/PostState == FinishedPost",
    ),
)
def wait(ctx: Context, args: Args) -> None:
    timeout = seconds(args.timeout, "--timeout", DEFAULT_TIMEOUT)
    interval = seconds(args.interval, "--interval", DEFAULT_INTERVAL)
    location = resolve_path(ctx, args.path)
    graph = ctx.conn.graph
    wanted = args.op == "=="
    deadline = time.monotonic() + timeout
    last: str = "nothing (no read succeeded)"
    while True:
        graph.invalidate(location.uri)
        try:
            value: Any = ctx.conn.navigator.value(location)
        except IloshellError as err:
            last = f"an error: {err}"
        else:
            if where_matches(value, (), args.value) == wanted:
                ctx.output.note(f"{location.display()} is {scalar(value)}")
                return
            last = scalar(value)
        left = deadline - time.monotonic()
        if left <= 0:
            raise CommandError(
                f"wait: {location.display()} {args.op} {args.value} did not happen within "
                f"{timeout:g} s; last seen: {last}"
            )
        if ctx.cancel.wait(min(interval, left)):
            raise Cancelled("wait: interrupted")


def seconds(text: str | None, option: str, default: float) -> float:
    """A positive, finite number of seconds (a usage error in one line otherwise)."""
    if text is None:
        return default
    try:
        value = float(text)
    except ValueError:
        raise UsageError(f"wait {option} takes seconds, not {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise UsageError(f"wait {option} takes a positive number of seconds")
    return value
