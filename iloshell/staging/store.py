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

from iloshell.errors import CommandError
from iloshell.redfish.paths import uri_key
from iloshell.staging.stage import Change, Stage
from iloshell.storage import (
    folder_problem,
    keep_copy,
    private_dir,
    safe_name,
    state_dir,
    write_private,
)
from iloshell.text import json_text

try:
    import fcntl
except ImportError:  # not POSIX
    fcntl = None  # type: ignore[assignment]


class StageStoreError(CommandError):
    """The stage file or its folder cannot be used (a folder where the file should be, a file
    where the folder should be, no permission): one line naming the path."""


class StageStore:
    def __init__(self, service: str, folder: Path | None = None) -> None:
        self.path = (folder or state_dir() / "stage") / f"{safe_name(service)}.json"
        self.session = uuid.uuid4().hex
        self.read: set[tuple[str, str, tuple[str, ...]]] = set()  # (session, uri, pointer)
        # What load or save had to say: entries set aside, a file that cannot be read.
        self.notices: list[str] = []

    def load(self) -> Stage:
        """What earlier sessions left. Damaged entries are set aside (and said so), the good
        ones kept; a stage path that cannot be used leaves the stage in memory only."""
        stage = Stage()
        try:
            with self._locked():
                for entry, change in self._entries():
                    stage.put(change)
                    self.read.add(identity(entry))
        except StageStoreError as err:
            self.notices.append(f"{err}: staged changes stay in this session only")
        return stage

    def save(self, stage: Stage) -> None:
        """Write this shell's changes, keeping every other entry; StageStoreError when the
        file cannot be written (the changes stay staged in memory)."""
        try:
            self._save(stage)
        except StageStoreError as err:
            err.hint = "staged changes stay in this session only"
            raise

    def _save(self, stage: Stage) -> None:
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
            try:
                if not others and not mine:
                    self.path.unlink(missing_ok=True)
                    return
                document = {"version": 1, "changes": others + mine}
                write_private(self.path, json_text(document, indent=2))
            except OSError as err:
                raise self._error("cannot write", err) from None

    def _entries(self) -> list[tuple[dict[str, Any], Change]]:
        """The file's change entries, as written and as read. What cannot be read is set
        aside in a copy that never overwrites an earlier one, and said in ``notices``: a
        damaged file as a whole, or only the damaged entries of a stage (the file is
        rewritten with the good ones)."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as err:
            raise self._error("cannot read", err) from None
        try:
            document = json.loads(data.decode("utf-8"))
        except (ValueError, RecursionError):  # not UTF-8, not JSON, nested too deeply
            document = None
        changes = document.get("changes") if isinstance(document, dict) else None
        if not isinstance(changes, list):
            copy = self._set_aside(data)  # byte for byte: it may not even be text
            self.path.unlink(missing_ok=True)
            self.notices.append(f"{self.path} is not a stage file; moved it to {copy}")
            return []
        good: list[tuple[dict[str, Any], Change]] = []
        bad: list[Any] = []
        reasons: list[str] = []
        for number, entry in enumerate(changes, 1):
            try:
                good.append((entry, Change.from_json(entry)))
            except ValueError as err:
                bad.append(entry)
                reasons.append(f"entry {number}: {err}")
        if bad:
            copy = self._set_aside(json_text({"version": 1, "changes": bad}, indent=2).encode())
            try:
                write_private(self.path, json_text({**document, "changes": [e for e, _ in good]}))
            except OSError as err:
                raise self._error("cannot write", err) from None
            kept = len(good)
            self.notices.append(
                f"{len(bad)} damaged staged change{'s' * (len(bad) != 1)} set aside in {copy} "
                f"({'; '.join(reasons[:3])}{'; ...' * (len(reasons) > 3)}); "
                f"{kept} other{'s' * (kept != 1)} kept"
            )
        return good

    def _set_aside(self, data: bytes) -> Path:
        try:
            return keep_copy(self.path, data)
        except OSError as err:
            raise self._error("cannot set aside the damaged part of", err) from None

    def _error(self, doing: str, err: OSError) -> StageStoreError:
        return StageStoreError(f"{doing} the stage file {self.path} ({err.strerror or err})")

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """One process at a time between reading the file and writing it back (where the
        system offers advisory locks; elsewhere the window is a few milliseconds)."""
        lock_path = self.path.with_suffix(".lock")
        try:
            private_dir(self.path.parent)
            descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600) if fcntl else None
        except OSError as err:
            problem = folder_problem(self.path.parent) or f"{lock_path}: {err.strerror or err}"
            raise StageStoreError(f"cannot keep the stage on disk ({problem})") from None
        if descriptor is None:
            yield
            return
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
