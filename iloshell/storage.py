"""Where iloshell keeps files, and how: private (0600 files in 0700 folders), written
atomically, so another user cannot read a stage or a cache and a crash cannot leave half a file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


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


def write_private(path: Path, text: str) -> None:
    """Replace a file atomically with mode 0600 content."""
    private_dir(path.parent)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def safe_name(text: str) -> str:
    """A file name for a host or URI: letters, digits and a few marks kept, others escaped."""
    return "".join(c if c.isalnum() or c in "-._" else f"_{ord(c):02x}" for c in text)
