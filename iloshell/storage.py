"""Where iloshell keeps files, and how: private (0600 files in 0700 folders), written
atomically, so another user cannot read a stage or a cache and a crash cannot leave half a file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path
from typing import BinaryIO

from iloshell.errors import UsageError
from iloshell.text import encodable

# A script, a saved settings file or a request body: text a person wrote or saved. Anything
# bigger is a mistake (load /dev/zero), and reading it whole would exhaust the memory.
MAX_USER_FILE = 16 * 1024 * 1024


def _xdg(variable: str, fallback: str) -> Path:
    base = os.environ.get(variable) or os.path.join(os.path.expanduser("~"), fallback)
    return Path(base) / "iloshell"


def state_dir() -> Path:
    """History and staged changes: ``$XDG_STATE_HOME/iloshell``."""
    return _xdg("XDG_STATE_HOME", ".local/state")


def cache_dir() -> Path:
    """Schemas and registries fetched from services: ``$XDG_CACHE_HOME/iloshell``."""
    return _xdg("XDG_CACHE_HOME", ".cache")


def private_dir(path: Path) -> Path:
    """Create a folder (and its missing parents) readable by the owner only."""
    missing = [folder for folder in (path, *path.parents) if not folder.exists()]
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    # mkdir gives the parents it creates the umask's mode, not 0700: tighten them too.
    for folder in {path, *missing}:
        with contextlib.suppress(OSError):
            os.chmod(folder, 0o700)
    return path


def folder_problem(path: Path) -> str | None:
    """What keeps ``path`` from being a folder, naming the part to repair: a file where a
    folder should be, or a symbolic link to nothing (mkdir reports both as bare errno text)."""
    for part in (*reversed(path.parents), path):
        if part.is_symlink() and not part.exists():
            return f"{part} is a symbolic link to nothing"
        if part.exists() and not part.is_dir():
            return f"{part} is not a folder"
    return None


def write_private(path: Path, text: str) -> None:
    """Replace a file atomically with mode 0600 content."""
    private_dir(path.parent)
    import tempfile  # only when writing: a one-liner that writes nothing does not load it

    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(encodable(text))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def keep_copy(path: Path, data: bytes) -> Path:
    """Save ``data`` beside ``path`` as ``NAME.damaged-TIME.json`` (``-2``, ``-3``... when that
    name is taken), private and never overwriting an earlier copy: what a damaged file held
    stays for a person to look at, however often the damage happens."""
    private_dir(path.parent)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    import tempfile  # only when writing: a one-liner that writes nothing does not load it

    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        number = 1
        while True:
            copy = path.with_name(f"{path.stem}.damaged-{stamp}{f'-{number}' * (number > 1)}.json")
            try:
                os.link(temp, copy)  # fails when the name exists: never overwrites
                return copy
            except FileExistsError:
                number += 1
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)


def safe_name(text: str) -> str:
    """A file name for a host or URI: letters, digits and a few marks kept, others escaped."""
    return "".join(c if c.isalnum() or c in "-._" else f"_{ord(c):02x}" for c in text)


def read_user_file(name: str, what: str, *, pipes: bool = True) -> str:
    """A file a command was given, as text: a regular file or (with ``pipes``) a pipe
    (``source <(...)``), at most 16 MiB, in UTF-8 (a byte-order mark is dropped). Anything
    else (``/dev/zero``, a folder) is one line saying what is wrong with it."""
    try:
        # Without pipes, a FIFO must not block the open waiting for a writer.
        descriptor = os.open(name, os.O_RDONLY | (0 if pipes else os.O_NONBLOCK))
        with os.fdopen(descriptor, "rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            if not (stat.S_ISREG(mode) or (pipes and stat.S_ISFIFO(mode))):
                raise UsageError(f"{name}: not a regular file ({what} must be one)")
            return read_user_text(handle, name, what)
    except OSError as err:
        raise UsageError(f"{name}: cannot read {what} ({err.strerror})") from None


def read_user_text(handle: BinaryIO, name: str, what: str) -> str:
    """What a person gave as a stream (a file, a pipe, stdin), at most MAX_USER_FILE bytes,
    as UTF-8 text without a byte-order mark; else one line saying what is wrong."""
    data = handle.read(MAX_USER_FILE + 1)
    if len(data) > MAX_USER_FILE:
        raise UsageError(f"{name}: too large for {what} (more than 16 MiB)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{name}: {what} is not UTF-8 text") from None
