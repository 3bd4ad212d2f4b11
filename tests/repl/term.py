"""Driving ``iloshell`` in a real pseudo-terminal and reading what it draws.

prompt-toolkit draws with cursor movements and colours, so the screen is read as the output
stream with escape sequences removed, searched from where the last match ended. It also asks
the terminal where the cursor is (CPR) to know how much room the toolbar and menus have; a
real terminal answers, and so does :meth:`Term.pump`.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import pexpect

ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[=>()][0-9A-Za-z]?|\r|\x08")
CPR_REQUEST = "\x1b[6n"


def shell_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ILO_", "XDG_"))}
    env.pop("NO_COLOR", None)
    env.pop("PAGER", None)
    env.update(
        TERM="xterm",
        XDG_STATE_HOME=str(home / "state"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    env.update(extra)
    return env


class Term:
    """One ``iloshell`` process on a pseudo-terminal."""

    def __init__(self, args: list[str], env: dict[str, str], rows: int = 40, cols: int = 160):
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "iloshell.frontends.cli", *args],
            env=env,
            dimensions=(rows, cols),
            encoding="utf-8",
            codec_errors="replace",
            timeout=10,
        )
        self.raw = ""
        self.mark = 0

    @property
    def screen(self) -> str:
        """Everything drawn so far, escape sequences removed."""
        return ESCAPES.sub("", self.raw)

    def pump(self, timeout: float = 0.05) -> None:
        try:
            chunk = self.child.read_nonblocking(1 << 16, timeout=timeout)
        except pexpect.TIMEOUT:
            return
        except pexpect.EOF:
            time.sleep(timeout)
            return
        self.raw += chunk
        for _ in range(chunk.count(CPR_REQUEST)):
            self.child.send("\x1b[1;1R")

    def wait(self, pattern: str, timeout: float = 8.0) -> re.Match:
        """Wait until ``pattern`` (a regex) is drawn after the previous match."""
        deadline = time.monotonic() + timeout
        regex = re.compile(pattern)
        while True:
            found = regex.search(self.screen, self.mark)
            if found:
                self.mark = found.end()
                return found
            if time.monotonic() > deadline:
                tail = self.screen[self.mark :][-1500:]
                raise AssertionError(f"{pattern!r} never appeared; the screen shows:\n{tail}")
            self.pump()

    def drawn_since_mark(self, settle: float = 0.5) -> str:
        """What is drawn in the next moment (to check something does NOT appear)."""
        deadline = time.monotonic() + settle
        while time.monotonic() < deadline:
            self.pump()
        return self.screen[self.mark :]

    def send(self, text: str) -> None:
        self.child.send(text)

    def line(self, text: str) -> None:
        self.child.send(text + "\r")

    def finish(self, timeout: float = 10.0) -> int | None:
        """Wait for the process to end; its exit status."""
        deadline = time.monotonic() + timeout
        while self.child.isalive() and time.monotonic() < deadline:
            self.pump()
        self.pump()
        self.child.close()
        return self.child.exitstatus if self.child.signalstatus is None else None

    def close(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)
