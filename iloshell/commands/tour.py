"""``tour``: a guided lesson inside the shell, in the spirit of vimtutor.

Each step (see :mod:`iloshell.commands.lessons`) explains one idea and asks for a real
command; the runner hands every command that ran to ``ctx.extras["after_command"]``, which is
the running :class:`Tour` while a tour is on, and the tour moves on when the step's check
passes. Progress is kept in ``$XDG_STATE_HOME/iloshell/tour.json``, so ``tour`` resumes.
"""

from __future__ import annotations

import contextlib
import json
import textwrap
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from iloshell.commands.context import Context
from iloshell.commands.helpers import resolve_path
from iloshell.commands.lessons import STEPS, Attempt, Step, passes, relevant, same_path
from iloshell.commands.lexer import Statement
from iloshell.commands.spec import CHOICE, Arg, Args, command
from iloshell.errors import IloshellError
from iloshell.storage import state_dir, write_private

GROUP = "learn"
HOOK = "after_command"
WIDTH = 76
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
# What tour takes, for parsing, help and Tab alike: the words, then the step numbers.
CHOICES = ("next", "list", "stop", *(str(n) for n in range(1, len(STEPS) + 1)))
CHOICE_HELP = ("the step after this one", "every step", "leave the tour", *(s.title for s in STEPS))


def progress_path() -> Path:
    return state_dir() / "tour.json"


def load_progress() -> dict[str, Any]:
    """``{"step": N, "done": [numbers]}``; a missing or damaged file starts afresh."""
    try:
        data = json.loads(progress_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    step = data.get("step") if isinstance(data, dict) else None
    done = data.get("done") if isinstance(data, dict) else None
    return {
        "step": step if isinstance(step, int) and 1 <= step <= len(STEPS) + 1 else 1,
        "done": sorted({d for d in done or () if isinstance(d, int) and 1 <= d <= len(STEPS)}),
    }


def save_progress(progress: dict[str, Any]) -> None:
    """Best effort: a tour that cannot remember is still a tour."""
    with contextlib.suppress(OSError):
        write_private(progress_path(), json.dumps(progress) + "\n")


def present(number: int, step: Step, *, first: bool = False) -> list[str]:
    """How a step looks on screen."""
    lines = ["", f"Tour step {number} of {len(STEPS)}: {step.title}", ""]
    lines += textwrap.wrap(step.text, WIDTH, initial_indent="  ", subsequent_indent="  ")
    lines.append("")
    for index, typed in enumerate(step.type):
        lines.append(("  Type:  " if index == 0 else "         ") + typed)
    if first:
        lines += ["", "  (tour next skips a step, tour list shows them all, tour stop pauses)"]
    return lines


def wrapped(text: str, first: str, rest: str = "   ") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest)


class Tour:
    """The tour in progress: watches the commands the learner runs."""

    def __init__(self, ctx: Context, progress: dict[str, Any]) -> None:
        self.ctx = ctx
        self.progress = progress

    @property
    def number(self) -> int:
        return self.progress["step"]

    def show(self, *, first: bool = False) -> None:
        self.ctx.output.lines(present(self.number, STEPS[self.number - 1], first=first))

    def move_to(self, number: int, *, first: bool = False, jump: bool = False) -> None:
        """Show step ``number``; a ``jump`` (tour N, tour next, resuming) also puts the learner
        where the step starts, since the steps before it are not there to lead them."""
        self.progress["step"] = number
        save_progress(self.progress)
        if number > len(STEPS):
            self.finish()
            return
        step = STEPS[number - 1]
        if jump:
            self.go_to_start(step)
        self.show(first=first)
        if jump and step.staged:
            self.ask_for_staged(number)

    def go_to_start(self, step: Step) -> None:
        """cd to where the step's commands are meant to be typed (relative ones need it)."""
        if self.ctx.connection is None or same_path(self.ctx.cwd.display(), step.start):
            return
        try:
            self.ctx.move(resolve_path(self.ctx, step.start))
        except IloshellError:
            self.ctx.output.note(f"(tour: this step starts at {step.start}, which is not here)")
            return
        self.ctx.output.note(f"(tour: you are now at {step.start}, where this step starts)")

    def ask_for_staged(self, number: int) -> None:
        """A step about staged changes with nothing staged: say what to stage first."""
        if self.ctx.connection is None or self.ctx.connection.stage.own():
            return
        before = enumerate(STEPS[: number - 1], 1)
        earlier = [(n, s) for n, s in before if "set" in s.check.commands]
        if not earlier:
            return
        numbers = " and ".join(str(n) for n, _ in earlier)
        lines = ["", f"  Nothing is staged yet. Stage the changes of steps {numbers}:"]
        lines += [f"         {typed}" for _, s in earlier for typed in s.type]
        lines.append(f"  or take those steps first: tour {earlier[0][0]}")
        self.ctx.output.lines(lines)

    def finish(self) -> None:
        self.ctx.output.lines(
            [
                "",
                f"You finished the tour ({len(self.progress['done'])} of {len(STEPS)} steps "
                "done). tour 1 starts it again.",
            ]
        )
        stop(self.ctx)

    def __call__(self, statement: Statement, ok: bool) -> None:
        """The runner's after-command hook."""
        words = tuple(statement.argv)
        if not words or words[0] == "tour" or self.number > len(STEPS):
            return
        step = STEPS[self.number - 1]
        attempt = Attempt(words, ok, self.ctx.cwd.display())
        if passes(step.check, attempt):
            done = set(self.progress["done"]) | {self.number}
            self.progress["done"] = sorted(done)
            self.ctx.output.lines(["", *wrapped(step.then, "✓  ")])
            self.move_to(self.number + 1)
        elif relevant(step.check, attempt) and step.hint:
            self.ctx.output.lines(wrapped(f"(tour: {step.hint})", ""))


def running(ctx: Context) -> Tour | None:
    hook = ctx.extras.get(HOOK)
    return hook if isinstance(hook, Tour) else None


def stop(ctx: Context) -> None:
    if running(ctx) is not None:
        del ctx.extras[HOOK]


def start(ctx: Context, progress: dict[str, Any]) -> Tour:
    tour = running(ctx) or Tour(ctx, progress)
    tour.progress = progress
    ctx.extras[HOOK] = tour
    return tour


def warn_if_real(ctx: Context) -> None:
    """Steps 6 to 8 change the AssetTag and a BIOS setting: fine on the demo service."""
    conn = ctx.connection
    host = urlsplit(conn.client.base_url).hostname if conn is not None else None
    if host is not None and host not in LOCAL_HOSTS:
        ctx.output.warn(
            f"the tour changes the AssetTag and a BIOS setting of {conn.host}; "
            "take it on the demo service (iloshell --demo), not on a server in use"
        )


@command(
    "tour",
    "A guided lesson on the Redfish data model (on the demo service)",
    group=GROUP,
    needs_connection=False,
    args=[
        Arg(
            "step",
            "a step number, or next, list, stop",
            "?",
            CHOICE,
            choices=CHOICES,
            choice_help=CHOICE_HELP,
        )
    ],
    description=(
        f"{len(STEPS)} short steps: the service root, links, collections and members, "
        "embedded objects, read-only versus writable, staging a change, settings objects and "
        "why BIOS changes wait for a reboot, committing, actions, errors and their messages, "
        "and the HTTP behind every command. Each step explains one idea and asks you to type "
        "a command; the tour moves on when you have. Progress is remembered: tour resumes "
        "where you left off. Best on iloshell --demo."
    ),
    examples=("tour", "tour 5", "tour list", "tour next", "tour stop"),
)
def tour(ctx: Context, args: Args) -> None:
    choice = args.step or ""
    progress = load_progress()
    if choice == "stop":
        stop(ctx)
        ctx.output.note(f"tour paused at step {progress['step']}; tour resumes it")
    elif choice == "list":
        current = running(ctx)
        at = current.number if current else progress["step"]
        for number, step in enumerate(STEPS, 1):
            mark = "✓" if number in progress["done"] else ("→" if number == at else " ")
            ctx.output.line(f" {mark} {number:>2}. {step.title}")
    elif choice == "next":
        current = start(ctx, progress)
        current.move_to(min(current.number + 1, len(STEPS) + 1), jump=True)
    elif choice:  # a step number: the declaration's choices allow no other word
        warn_if_real(ctx)
        start(ctx, progress).move_to(int(choice), first=True, jump=True)
    elif progress["step"] > len(STEPS):
        ctx.output.line("You finished the tour. tour 1 starts it again; tour list shows the steps.")
    else:
        warn_if_real(ctx)
        start(ctx, progress).move_to(progress["step"], first=True, jump=True)
