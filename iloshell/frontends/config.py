"""``$XDG_CONFIG_HOME/iloshell/config.toml``: defaults a person sets once.

A wrong key or value is a warning naming it, never a crash: a typo in a config file must not
lock anyone out of their BMC.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, fields
from pathlib import Path

from iloshell.errors import UsageError
from iloshell.storage import read_user_file


@dataclass
class Config:
    url: str | None = None
    user: str | None = None
    insecure: bool = False
    cacert: str | None = None
    auth: str = "auto"
    workers: int = 8
    timeout: float = 30.0
    strict: bool = False
    vi_mode: bool = False
    pager: bool = True
    style: str = "native"
    toolbar: bool = True


DEFAULT_TEXT = """\
# iloshell configuration. Every key is optional; the values shown are the defaults.

# Service to connect to when no URL is given (https:// is assumed without a scheme).
# url = "ilo.example.com"
# user = "admin"

# Skip TLS verification (insecure; the prompt shows it). Prefer cacert.
insecure = false
# cacert = "/etc/ssl/my-company-ca.pem"

# How to log in: auto (a session, else HTTP Basic), session, or basic.
auth = "auto"

# Concurrent requests for ls -l, find, tree, snapshot.
workers = 8
# Seconds to wait for an answer.
timeout = 30.0

# Refuse to stage changes that cannot be validated against a schema.
strict = false

# Interactive shell: vi key bindings, paging long output, colours (any pygments style),
# the bottom toolbar.
vi_mode = false
pager = true
style = "native"
toolbar = true
"""


def config_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "iloshell"


def config_path() -> Path:
    return config_dir() / "config.toml"


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """The config and a warning for each key or value that was ignored."""
    path = path or config_path()
    config, warnings = Config(), []
    if not path.exists() and not path.is_symlink():
        return config, warnings
    # Only read when there is a file: a one-liner without one does not pay for the parser.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        # A regular file of at most 16 MiB (not /dev/zero, not a pipe that never ends).
        data = tomllib.loads(read_user_file(str(path), "the config file", pipes=False))
    except UsageError as err:
        return config, [f"{err.message}; ignored"]
    except tomllib.TOMLDecodeError as err:
        return config, [f"{path}: ignored ({err})"]
    except RecursionError:
        return config, [f"{path}: ignored (nested too deeply to read)"]
    known = {f.name: f for f in fields(Config)}
    for key, value in data.items():
        field = known.get(key)
        if field is None:
            warnings.append(f"{path}: unknown key {key!r} ignored")
            continue
        expected = type(getattr(Config(), key))
        if field.type in ("str | None",) and isinstance(value, str):
            setattr(config, key, value)
        elif expected is float and isinstance(value, int | float) and not isinstance(value, bool):
            setattr(config, key, float(value))
        elif isinstance(value, expected) and not (expected is int and isinstance(value, bool)):
            setattr(config, key, value)
        else:
            warnings.append(f"{path}: {key} = {value!r} has the wrong type; ignored")
    return config, warnings


def write_default_config(path: Path | None = None) -> Path:
    """Write the commented default (refusing to overwrite an existing file)."""
    path = path or config_path()
    if path.exists():
        raise SystemExit(f"iloshell: {path} exists; not overwriting it")
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(DEFAULT_TEXT)
    return path
