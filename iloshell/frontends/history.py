"""The REPL's history: which lines may be remembered, and the private file they live in.

A line that holds a password (``set .../Password=...``, a BIOS attribute of type Password,
a JSON body with ``"Password":``) is never remembered: not in the file, not in the session's
``history`` list, not in the up-arrow list. The rule is deliberately broad — losing one
harmless line from history costs little, writing one secret to disk costs a lot.

The file uses prompt-toolkit's FileHistory format (``# time`` then ``+line``), is created
0600 in a 0700 folder (:mod:`iloshell.storage`), and is read and appended here so the
REPL adapter stays a thin wrapper.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import re
from collections.abc import Callable
from pathlib import Path

from iloshell.commands.lexer import lex
from iloshell.errors import IloshellError
from iloshell.redfish.resource import is_secret_name, mentions_secret
from iloshell.staging.values import find_operator, unquote
from iloshell.storage import private_dir, state_dir

PASSWORD_FLAGS = frozenset({"-p", "--password"})
URL_PASSWORD = re.compile(r"://[^/\s@]*:[^/\s@]*@")  # https://user:password@host
KEEP = 10_000  # entries loaded from the file (the newest)


def line_holds_secret(line: str, secret_name: Callable[[str], bool] | None = None) -> bool:
    """Whether a typed line may carry a secret value.

    True for an assignment to a credential's name (or to a name ``secret_name`` knows, such
    as a BIOS attribute of type Password) or of a JSON value naming one; a word naming one
    that carries ``=`` or ``:`` (a JSON body) or is followed by more words; a ``-p`` or
    ``--password`` option; and a URL with a password in it (``https://admin:pw@host``).
    """
    try:
        statements = lex(line, tolerant=True).statements
    except IloshellError:
        return mentions_secret(line)
    for statement in statements:
        words = statement.words[1:]
        for index, word in enumerate(words):
            split = find_operator(word.raw)
            if split is not None:
                name = unquote(word.raw[: split[0]]).rstrip("/").rsplit("/", 1)[-1]
                if is_secret_name(name) or (secret_name is not None and secret_name(name)):
                    return True
                value = word.raw[split[0] + len(split[1]) :]
                if mentions_secret(unquote(value)):  # a JSON body with a credential in it
                    return True
            more = index + 1 < len(words)
            if mentions_secret(word.text) and (more or "=" in word.text or ":" in word.text):
                return True
            if word.text in PASSWORD_FLAGS and more:
                return True
            if URL_PASSWORD.search(word.text):
                return True
    return False


def history_path() -> Path:
    """``$XDG_STATE_HOME/iloshell/history``."""
    return state_dir() / "history"


class HistoryFile:
    """Lines typed in earlier sessions, oldest first; appended one entry at a time."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or history_path()

    def load(self) -> list[str]:
        """The remembered lines, oldest first (the newest KEEP of them). Lines that hold a
        secret are skipped even if an older version of iloshell wrote them."""
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return []
        entries: list[str] = []
        current: list[str] = []
        for line in text.splitlines():
            if line.startswith("+"):
                current.append(line[1:])
            elif current:
                entries.append("\n".join(current))
                current = []
        if current:
            entries.append("\n".join(current))
        return [e for e in entries if not line_holds_secret(e)][-KEEP:]

    def append(self, line: str) -> None:
        """Add one entry; the file is created 0600 in a private folder. A history that
        cannot be written is not worth interrupting anyone for."""
        stamp = datetime.datetime.now().isoformat(sep=" ", timespec="seconds")
        entry = f"\n# {stamp}\n" + "".join(f"+{part}\n" for part in line.split("\n"))
        with contextlib.suppress(OSError):
            private_dir(self.path.parent)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as handle:
                os.fchmod(handle.fileno(), 0o600)
                handle.write(entry)
