"""The simulator's live resources: one document per resource identity, whatever the spelling.

Resources are keyed by :func:`uri_key`, so ``/redfish/v1/Systems/1`` and ``/redfish/v1/systems/1/``
are one resource, and each remembers its canonical spelling (its own ``@odata.id``) for 308
redirects. Writes are copy-on-write under one lock: a reader always sees a whole document (the old
one or the new one, never a half-merged one) without taking the lock, which keeps parallel GETs
cheap. Rendered bodies and ETags are cached per document object, so an unchanged resource costs
one dictionary lookup per GET. ``generation`` counts writes, so a view computed from many
resources (the ResourceDirectory) can be cached until the next write.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

from iloshell.model.patch import merge_patch
from iloshell.redfish.paths import last_segment, uri_key, uri_path
from iloshell.sim.etag import etag_of
from iloshell.text import encodable

STATE_VERSION = 1


class StateFileError(Exception):
    """The --state file exists but cannot be used (not ours, or damaged)."""


def render(doc: dict) -> tuple[str, bytes]:
    """The ETag and JSON body of a document; resources (with @odata.id) carry @odata.etag too."""
    etag = etag_of(doc)
    if "@odata.id" in doc:
        doc = {**doc, "@odata.etag": etag}
    # A lone surrogate loaded from a mockup's "\\udc00" is served as that escape again.
    return etag, encodable(json.dumps(doc, separators=(",", ":"), ensure_ascii=False)).encode()


class Store:
    """Thread-safe resources by identity, with canonical spellings and a change log for --state."""

    generation: int
    """How many writes there have been: unchanged means every document is the same object."""

    def __init__(self, resources: Mapping[str, dict]) -> None:
        self.lock = threading.RLock()
        self._docs: dict[str, dict] = {}
        self._spelling: dict[str, str] = {}
        self._rendered: dict[str, tuple[dict, str, bytes]] = {}
        self._changed: set[str] = set()
        self.generation = 0
        for uri, doc in resources.items():
            key = uri_key(uri)
            if key not in self._docs:
                self._docs[key] = doc
                self._spelling[key] = uri_path(uri)
        self._initial = frozenset(self._docs)

    # --- reading (no lock: documents are replaced, never mutated) ---

    def canonical(self, uri: str) -> str | None:
        """The canonical spelling of the resource ``uri`` names, or None if there is none."""
        key = uri_key(uri)
        return self._spelling[key] if key in self._docs else None

    def get(self, uri: str) -> dict | None:
        """The current document (shared: callers must not modify it)."""
        return self._docs.get(uri_key(uri))

    def __contains__(self, uri: str) -> bool:
        return uri_key(uri) in self._docs

    def __len__(self) -> int:
        return len(self._docs)

    def rendered(self, uri: str) -> tuple[str, bytes] | None:
        """(ETag, JSON bytes) of a resource, from the cache while the document is unchanged."""
        key = uri_key(uri)
        doc = self._docs.get(key)
        if doc is None:
            return None
        cached = self._rendered.get(key)
        if cached is not None and cached[0] is doc:
            return cached[1], cached[2]
        etag, body = render(doc)
        self._rendered[key] = (doc, etag, body)
        return etag, body

    def etag(self, uri: str) -> str | None:
        """The resource's current ETag."""
        found = self.rendered(uri)
        return found[0] if found else None

    def items(self) -> Iterator[tuple[str, dict]]:
        """(canonical URI, document) pairs, a snapshot safe to iterate while others write."""
        for key, doc in list(self._docs.items()):
            yield self._spelling[key], doc

    def added(self) -> Iterator[tuple[str, dict]]:
        """The resources created since the data was loaded, oldest first."""
        for key, doc in list(self._docs.items()):
            if key not in self._initial:
                yield self._spelling[key], doc

    def deleted(self, uri: str) -> bool:
        """Whether ``uri`` named a resource of this store that has been removed since."""
        key = uri_key(uri)
        return key not in self._docs and (key in self._initial or key in self._changed)

    def new_member(self, collection_uri: str) -> tuple[str, str, dict]:
        """Where a member POSTed to a collection goes: (URI, Id, an existing member to take the
        type from). The next unused number, spelled like the members already there (with or
        without a trailing slash)."""
        collection = self.get(collection_uri) or {}
        members = [
            m.get("@odata.id", "") for m in collection.get("Members", []) if isinstance(m, dict)
        ]
        used = {last_segment(m) for m in members}
        number = len(members) + 1
        while str(number) in used:
            number += 1
        slash = "/" if members and all(m.endswith("/") for m in members) else ""
        base = (self.canonical(collection_uri) or collection_uri).rstrip("/")
        template = next((d for m in members if (d := self.get(m)) and "@odata.type" in d), {})
        return f"{base}/{number}{slash}", str(number), template

    # --- writing (copy-on-write under the lock) ---

    def put(self, uri: str, doc: dict) -> None:
        """Add or replace a resource; a new resource's spelling is ``uri`` as given."""
        key = uri_key(uri)
        with self.lock:
            self._spelling.setdefault(key, uri_path(uri))
            self._docs[key] = doc
            self._changed.add(key)
            self.generation += 1

    def patch(self, uri: str, patch: dict) -> dict:
        """Merge a PATCH body into a resource and return the new document."""
        with self.lock:
            doc = merge_patch(self._docs[uri_key(uri)], patch)
            self.put(uri, doc)
            return doc

    def remove(self, uri: str) -> None:
        """Delete a resource (and remember the deletion for --state)."""
        key = uri_key(uri)
        with self.lock:
            self._docs.pop(key, None)
            self._rendered.pop(key, None)
            self._changed.add(key)
            self.generation += 1

    def add_member(self, collection: str, member: str) -> None:
        """Append a link to a collection's Members and keep Members@odata.count true."""
        with self.lock:
            doc = self._docs[uri_key(collection)]
            members = [*doc.get("Members", []), {"@odata.id": member}]
            self.put(collection, {**doc, "Members": members, "Members@odata.count": len(members)})

    def remove_member(self, collection: str, member: str) -> None:
        """Drop every link to ``member`` from a collection's Members."""
        key = uri_key(member)
        with self.lock:
            doc = self._docs.get(uri_key(collection))
            if doc is None:
                return
            members = [
                m
                for m in doc.get("Members", [])
                if not (isinstance(m, dict) and uri_key(str(m.get("@odata.id", ""))) == key)
            ]
            self.put(collection, {**doc, "Members": members, "Members@odata.count": len(members)})

    # --- --state ---

    def changes(self) -> dict[str, dict | None]:
        """Every resource written since start, by canonical URI (None: deleted)."""
        with self.lock:
            return {self._spelling[k]: self._docs.get(k) for k in sorted(self._changed)}

    def apply_changes(self, changes: Mapping[str, dict | None]) -> None:
        """Replay saved changes on top of the loaded data."""
        with self.lock:
            for uri, doc in changes.items():
                if doc is None:
                    self.remove(uri)
                else:
                    self._spelling[uri_key(uri)] = uri_path(uri)
                    self.put(uri, doc)


def save_state(path: Path, state: dict) -> None:
    """Write the state file atomically (temp file + rename) and readable by its owner only."""
    path = Path(path)
    fd, temp = tempfile.mkstemp(prefix=".iloshell-sim-", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"iloshell-sim-state": STATE_VERSION, **state}, out)
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def load_state(path: Path) -> dict | None:
    """The saved state, None if the file does not exist yet; StateFileError if it is unusable."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as err:
        raise StateFileError(f"cannot read state file {path}: {err.strerror}") from None
    try:
        state = json.loads(text)
    except ValueError:
        raise StateFileError(f"state file {path} is not JSON; move it away or delete it") from None
    if not isinstance(state, dict) or state.get("iloshell-sim-state") != STATE_VERSION:
        raise StateFileError(f"{path} is not an iloshell-sim state file (version {STATE_VERSION})")
    return state
