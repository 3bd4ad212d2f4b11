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
import itertools
import json
import os
import re
import stat
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from iloshell.commands.lexer import lex
from iloshell.errors import IloshellError
from iloshell.redfish.resource import is_secret_name, mentions_secret
from iloshell.staging.values import find_operator, unquote
from iloshell.storage import private_dir, state_dir, write_private
from iloshell.text import encodable

PASSWORD_FLAGS = frozenset({"-p", "--password"})
# USER:PASSWORD@HOST, with a scheme (https://admin:pw@host) or without (admin:pw@host).
URL_PASSWORD = re.compile(r"(?:^|://)[^/\s@]*:[^/\s@]*@")
# The history keeps the newest MAX_ENTRIES entries, read from at most the file's last MAX_BYTES.
MAX_ENTRIES = 5_000
MAX_BYTES = 4 * 1024 * 1024
# Commands whose arguments may be anything a script takes, a password included ($1).
SCRIPT_COMMANDS = frozenset({"source", "."})


def line_holds_secret(line: str, secret_name: Callable[[str], bool] | None = None) -> bool:
    """Whether a typed line may carry a secret value, judged by what it means once quotes,
    ``%XX`` and JSON escapes are decoded (``"Pass\\u0077ord"`` is ``Password``).

    True for an assignment to a credential's name (or to a name ``secret_name`` knows, such
    as a BIOS attribute of type Password) or of a JSON value naming one; a word naming one
    that carries ``=`` or ``:`` (a JSON body) or is followed by more words; a JSON word
    naming one; a ``-p`` or ``--password`` option; a URL with a password in it
    (``https://admin:pw@host``, ``admin:pw@host``); and ``source FILE ARG...``, whose
    arguments are the script's to interpret (``source login.ilo hunter2``).
    """
    try:
        statements = lex(line, tolerant=True).statements
    except IloshellError:
        return mentions_secret(line)

    def secret(name: str) -> bool:
        name = percent_decoded(name)
        return is_secret_name(name) or (secret_name is not None and secret_name(name))

    for statement in statements:
        if len(statement.words) > 2 and statement.words[0].text in SCRIPT_COMMANDS:
            return True
        words = statement.words[1:]
        for index, word in enumerate(words):
            split = find_operator(word.raw)
            if split is not None:
                name = unquote(word.raw[: split[0]]).rstrip("/").rsplit("/", 1)[-1]
                if secret(name):
                    return True
                value = unquote(word.raw[split[0] + len(split[1]) :], keep_double=True)
                if mentions_secret(value) or names_secret(value):  # a JSON body with one
                    return True
            more = index + 1 < len(words)
            if mentions_secret(word.text) and (more or "=" in word.text or ":" in word.text):
                return True
            if names_secret(word.text) or (secret(word.text) and more):
                return True
            if word.text in PASSWORD_FLAGS and more:
                return True
            if URL_PASSWORD.search(word.text):
                return True
    return False


def percent_decoded(text: str) -> str:
    """A name as paths resolve it (``Passw%6Frd`` names ``Password``)."""
    return urllib.parse.unquote(text)


def names_secret(text: str) -> bool:
    """Whether text is JSON (an object or array) with a credential's name among its keys,
    after JSON's escapes are decoded."""
    if not text.lstrip().startswith(("{", "[")):
        return False
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return False
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if any(is_secret_name(str(key)) for key in node):
                return True
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


def history_path() -> Path:
    """``$XDG_STATE_HOME/iloshell/history``."""
    return state_dir() / "history"


class HistoryFile:
    """Lines typed in earlier sessions, oldest first; appended one entry at a time, and kept
    to the newest MAX_ENTRIES (trimmed when loaded, and when a long session has added a tenth
    more), so the file never grows without bound and loading it stays fast."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or history_path()
        self.count = 0  # entries in the file, as far as this shell knows

    def load(self) -> list[str]:
        """The remembered lines, oldest first (the newest MAX_ENTRIES of them). Lines that
        hold a secret are skipped, and dropped from the file, even if an older version of
        iloshell wrote them. Only the last MAX_BYTES of the file are read."""
        blocks, whole = self._blocks()
        kept = [
            (stamp, entry) for stamp, entry in blocks[-MAX_ENTRIES:] if not line_holds_secret(entry)
        ]
        self.count = len(kept)
        if len(kept) != len(blocks) or not whole:
            self._write(kept)
        return [entry for _, entry in kept]

    def append(self, line: str) -> None:
        """Add one entry; the file is created 0600 in a private folder. A history that
        cannot be written is not worth interrupting anyone for."""
        stamp = datetime.datetime.now().isoformat(sep=" ", timespec="seconds")
        with contextlib.suppress(OSError):
            private_dir(self.path.parent)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as handle:
                os.fchmod(handle.fileno(), 0o600)
                handle.write(encodable(block_text(f"# {stamp}", line)))
        self.count += 1
        if self.count > MAX_ENTRIES + MAX_ENTRIES // 10:
            self.load()  # trims the file to the newest MAX_ENTRIES

    def _blocks(self) -> tuple[list[tuple[str, str]], bool]:
        """The file's entries as (``# time`` line, text), and whether the file was read whole
        (a regular file within MAX_BYTES): anything else is not read, or only its end."""
        try:
            # O_NONBLOCK: a FIFO put where the history goes must not hang the start.
            with os.fdopen(os.open(self.path, os.O_RDONLY | os.O_NONBLOCK), "rb") as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                    return [], True  # a folder, a pipe, /dev/zero: not a history to read
                size = handle.seek(0, os.SEEK_END)
                handle.seek(max(0, size - MAX_BYTES))
                data = handle.read(MAX_BYTES)
        except OSError:
            return [], True
        blocks: list[tuple[str, str]] = []
        stamp, current = "#", []
        lines = data.decode("utf-8", "replace").splitlines()
        if size > MAX_BYTES:  # the first entry read is probably cut: start at the next one
            lines = list(itertools.dropwhile(lambda text: not text.startswith("#"), lines))
        for text in lines:
            if text.startswith("+"):
                current.append(text[1:])
                continue
            if current:
                blocks.append((stamp, "\n".join(current)))
                current = []
            if text.startswith("#"):
                stamp = text
        if current:
            blocks.append((stamp, "\n".join(current)))
        return blocks, size <= MAX_BYTES

    def _write(self, blocks: list[tuple[str, str]]) -> None:
        with contextlib.suppress(OSError):
            write_private(self.path, "".join(block_text(stamp, entry) for stamp, entry in blocks))


def block_text(stamp: str, entry: str) -> str:
    """One entry in prompt-toolkit's FileHistory format."""
    return f"\n{stamp}\n" + "".join(f"+{part}\n" for part in entry.split("\n"))
