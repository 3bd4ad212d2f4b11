"""The stage on disk, one file per service, rewritten after every change.

So a crash, a dropped connection or a closed terminal loses nothing: the next interactive
connection to the same service finds the file and offers to keep or discard what it holds.

Two shells may work on one service at once (two terminals on one iLO). Each writes its own
changes and leaves the rest as it finds it: a save re-reads the file under a lock and keeps
every entry this shell has not taken over (kept or discarded), so neither overwrites the other
and changes a script only reported stay untouched.
"""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from iloshell.redfish.paths import uri_key
from iloshell.staging.stage import Change, Stage
from iloshell.storage import private_dir, safe_name, state_dir, write_private

try:
    import fcntl
except ImportError:  # not POSIX
    fcntl = None  # type: ignore[assignment]


class StageStore:
    def __init__(self, service: str, folder: Path | None = None) -> None:
        self.path = (folder or state_dir() / "stage") / f"{safe_name(service)}.json"
        self.session = uuid.uuid4().hex
        self.read: set[tuple[str, str, tuple[str, ...]]] = set()  # (session, uri, pointer)

    def load(self) -> Stage:
        """What earlier sessions left; an unreadable file is kept aside, never deleted."""
        with self._locked():
            stage = Stage()
            for entry, change in self._entries():
                stage.put(change)
                self.read.add(identity(entry))
            return stage

    def save(self, stage: Stage) -> None:
        with self._locked():
            for change in stage.own():
                change.session = self.session
            # Entries this shell has not taken over stay as the file has them: another
            # shell's, and earlier sessions' that this one only reported (untouched).
            kept = {(c.session, uri_key(c.uri), c.pointer) for c in stage.earlier()}
            others = [
                entry
                for entry, _ in self._entries()
                if entry.get("session") != self.session
                and (identity(entry) not in self.read or identity(entry) in kept)
            ]
            mine = [change.to_json() for change in stage.own()]
            if not others and not mine:
                self.path.unlink(missing_ok=True)
                return
            document = {"version": 1, "changes": others + mine}
            write_private(self.path, json.dumps(document, indent=2, ensure_ascii=False))

    def _entries(self) -> list[tuple[dict[str, Any], Change]]:
        """The file's change entries, as written and as read; a damaged file is moved aside."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            changes = data.get("changes") if isinstance(data, dict) else None
            return [
                (entry, Change.from_json(entry))
                for entry in (changes if isinstance(changes, list) else [])
                if isinstance(entry, dict) and "uri" in entry and "pointer" in entry
            ]
        except FileNotFoundError:
            return []
        except (ValueError, TypeError, KeyError, RecursionError):  # not UTF-8 JSON, or no stage
            self.path.replace(self.path.with_suffix(".corrupt"))
            return []

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """One process at a time between reading the file and writing it back (where the
        system offers advisory locks; elsewhere the window is a few milliseconds)."""
        private_dir(self.path.parent)
        if fcntl is None:
            yield
            return
        descriptor = os.open(self.path.with_suffix(".lock"), os.O_RDWR | os.O_CREAT, 0o600)
        with os.fdopen(descriptor, "r+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)


def identity(entry: dict[str, Any]) -> tuple[str, str, tuple[str, ...]]:
    """Who wrote an entry, and for which property: what tells two shells' entries apart."""
    pointer = entry.get("pointer")
    parts = tuple(str(p) for p in pointer) if isinstance(pointer, list) else ()
    return str(entry.get("session") or ""), uri_key(str(entry.get("uri"))), parts
