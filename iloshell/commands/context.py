"""The context every command receives: where we are, what we are connected to, how to speak.

Front ends build one Context and hand it to :func:`iloshell.commands.runner.execute`; commands
never touch stdin, stdout or prompt-toolkit directly, so the same command runs in the REPL, a
script or a test.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

from iloshell.errors import CommandError
from iloshell.graph.navigator import ROOT, Location
from iloshell.graph.resource import MASK
from iloshell.render.jsontext import DEFAULT_STYLE

if TYPE_CHECKING:
    from iloshell.commands.connection import Connection


@dataclass
class Settings:
    """What the command line and config file decide; commands read, never write, most of it."""

    json: bool = False
    color: bool = False
    style: str = DEFAULT_STYLE  # pygments style for JSON (and the REPL's input line)
    workers: int = 8
    timeout: float = 30.0
    strict: bool = False
    insecure: bool = False
    cacert: str | None = None
    keep_going: bool = False
    trace: bool = False
    assume_yes: bool = False
    pipes: bool = False  # | and > may run programs and write files (the front ends allow it)
    keep_stage: bool = True  # staged changes saved on disk (a script's only with --keep-stage)


class Output:
    """Where a command's results go (stdout or the REPL's pager buffer) and its notes (stderr)."""

    def __init__(self, out: TextIO | None = None, err: TextIO | None = None) -> None:
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        # The session's token (or Basic string): a service may echo it back in an error body.
        self.secrets: Callable[[], list[str]] = list

    def scrub(self, text: str) -> str:
        for secret in self.secrets():
            if len(secret) >= 4:  # never mask a stray short word everywhere
                text = text.replace(secret, MASK)
        return text

    def line(self, text: str = "") -> None:
        self.out.write(self.scrub(text) + "\n")

    def lines(self, texts: list[str]) -> None:
        if texts:
            self.out.write(self.scrub("\n".join(texts)) + "\n")

    def note(self, text: str) -> None:
        """Something the user should know that is not the command's result (stderr)."""
        self.err.write(self.scrub(text) + "\n")
        self.err.flush()

    def warn(self, text: str) -> None:
        self.note(f"warning: {text}")


@dataclass
class Context:
    settings: Settings = field(default_factory=Settings)
    output: Output = field(default_factory=Output)
    connection: Connection | None = None
    cwd: Location = ROOT
    previous: Location | None = None
    confirm: Callable[[str], bool] | None = None  # None in scripts: never prompt
    ask_password: Callable[[str], str] | None = None
    history: list[str] = field(default_factory=list)
    cancel: threading.Event = field(default_factory=threading.Event)
    extras: dict[str, Any] = field(default_factory=dict)  # front-end services (e.g. pager)

    def __post_init__(self) -> None:
        self.output.secrets = self.secrets

    def secrets(self) -> list[str]:
        """The live session's credentials, which no output may show."""
        return self.connection.auth.secrets() if self.connection is not None else []

    @property
    def conn(self) -> Connection:
        """The live connection; a clear error when there is none (after logout)."""
        if self.connection is None:
            raise CommandError("not connected", hint="use: connect URL")
        return self.connection

    def move(self, location: Location) -> None:
        if location != self.cwd or location.path != self.cwd.path:
            self.previous = self.cwd
        self.cwd = location
