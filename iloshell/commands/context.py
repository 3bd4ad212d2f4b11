"""The context every command receives: where we are, what we are connected to, how to speak.

Front ends build one Context and hand it to :func:`iloshell.commands.runner.execute`; commands
never touch stdin, stdout or prompt-toolkit directly, so the same command runs in the REPL, a
script or a test.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

from iloshell.errors import CommandError
from iloshell.redfish.resource import MASK, TEMPLATES
from iloshell.redfish.walk import ROOT, Location
from iloshell.render.jsontext import DEFAULT_STYLE
from iloshell.text import encodable

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
    auth: str = "auto"  # --auth: auto, session or basic
    keep_going: bool = False
    trace: bool = False
    assume_yes: bool = False
    task_timeout: float = 300.0  # seconds to follow a 202's task monitor (commit, invoke)
    partial_ok: bool = False  # ls, find, tree: an incomplete result is a warning, not exit 5
    pipes: bool = False  # | and > may run programs and write files (the front ends allow it)
    keep_stage: bool = True  # staged changes saved on disk (a script's only with --keep-stage)


# A shorter secret would be masked inside unrelated words everywhere (a password "ab").
MIN_MASKED = 4


class Output:
    """Where a command's results go (stdout or the REPL's pager buffer) and its notes (stderr).

    Everything written here is masked by the secrets' values: the session's token (or Basic
    string) and the passwords given to log in, wherever they appear — a service may echo them
    in a value, an error body or a header the trace shows. Only the shell's own static text
    (:meth:`static_lines`, for help) is not masked by password: a plain-word password like the
    demo's ``password`` would cut words out of it, and that text never came from outside.
    """

    def __init__(self, out: TextIO | None = None, err: TextIO | None = None) -> None:
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        # The session's token (or Basic string): a service may echo it back in an error body.
        self.secrets: Callable[[], list[str]] = list
        self.passwords: set[str] = set()  # every password given to log in, in this process

    def hide(self, password: str) -> None:
        """Mask this password from now on in everything printed (see :meth:`scrub`)."""
        if len(password) >= MIN_MASKED:
            self.passwords.add(password)

    def holds_secret(self, text: str) -> bool:
        """Whether text holds a secret's value (the history filter asks)."""
        return any(secret in text for secret in self._values())

    def scrub(self, text: str, *, passwords: bool = True) -> str:
        """Text as it may reach the terminal: the secrets' values masked, and encodable
        (a lone surrogate a service sent is shown as its escape, never a crash)."""
        return encodable(self.mask(text, passwords=passwords))

    def mask(self, text: str, *, passwords: bool = True) -> str:
        """Text with the secrets' values replaced by ``***``."""
        for secret in self._values(passwords=passwords):
            text = text.replace(secret, MASK)
        return text

    def scrub_values(self, value: Any, keys: frozenset[str] | None = None) -> Any:
        """A copy of a JSON value with the strings inside its members named in ``keys`` (all
        its strings with None) masked as :meth:`mask` masks text: the data inside a
        document of otherwise static text. Request templates (iLO's ``HintPOSTData``, the
        same on every iLO) are text of the service's own, as :func:`mask_secrets` has it."""
        if isinstance(value, str):
            return self.mask(value) if keys is None else value
        if isinstance(value, dict):
            return {
                k: v
                if k in TEMPLATES
                else self.scrub_values(v, None if keys is None or k in keys else keys)
                for k, v in value.items()
            }
        if isinstance(value, list):
            return [self.scrub_values(item, keys) for item in value]
        return value

    def _values(self, *, passwords: bool = True) -> list[str]:
        values = [s for s in self.secrets() if len(s) >= MIN_MASKED]
        if passwords:
            values += self.passwords
        return sorted(values, key=len, reverse=True)  # a longer secret first: none left half

    def line(self, text: str = "") -> None:
        self._write(self.scrub(text) + "\n")

    def lines(self, texts: list[str]) -> None:
        if texts:
            self._write(self.scrub("\n".join(texts)) + "\n")

    def _write(self, text: str) -> None:
        """Write a result. When the reader has gone (``| head``, ``| true``) the rest of the
        output has nowhere to go, but the command runs to its end and its exit code stays its
        own: a closed pipe must never turn a failure into success."""
        try:
            self.out.write(text)
        except BrokenPipeError:
            with contextlib.suppress(OSError, ValueError):
                # what is still buffered for the closed pipe goes nowhere, quietly
                os.dup2(os.open(os.devnull, os.O_WRONLY), self.out.fileno())

    def static_lines(self, texts: list[str]) -> None:
        """The shell's own text (help): not masked by password (see the class)."""
        if texts:
            self.out.write(self.scrub("\n".join(texts), passwords=False) + "\n")

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
