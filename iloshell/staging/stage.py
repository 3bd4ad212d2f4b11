"""Staged changes: what the user asked to change, against which version, not yet sent.

A Change remembers the ETag of the resource it was staged against (for If-Match), the value it
replaces (for diff and for telling "applied" from "not applied" after commit), and whether it
could be validated. Secret values (passwords) are kept in memory only.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from iloshell.redfish.paths import uri_key
from iloshell.redfish.resource import MASK, json_type, mask_secrets


class _Missing:
    """The property did not exist when the change was staged."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()

OWN = "own"
EARLIER = "earlier"  # loaded from disk, staged by an earlier session


@dataclass
class Change:
    uri: str  # the resource the PATCH goes to (a settings object for BIOS)
    pointer: tuple[str, ...]  # the property inside it
    value: Any
    display: str  # the path as the user named it, e.g. /Systems/1/Bios/Attributes/BootMode
    etag: str | None = None  # ETag of `uri` when staged
    old: Any = MISSING  # the value it replaces, as the user saw it
    settings_of: str | None = None  # the resource whose @Redfish.Settings pointed here
    validated: bool = True
    secret: bool = False
    reason: str | None = None  # why the last commit did not apply it
    origin: str = OWN
    session: str = ""  # which shell process wrote it to disk (two may share a stage file)

    @property
    def key(self) -> tuple[str, tuple[str, ...]]:
        return uri_key(self.uri), self.pointer

    def shown_value(self) -> Any:
        """The value as screens show it: an object staged whole keeps its harmless parts."""
        if not self.secret:
            return self.value
        masked = mask_secrets(self.value)
        return masked if isinstance(masked, dict | list) and masked != self.value else MASK

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "uri": self.uri,
            "pointer": list(self.pointer),
            "display": self.display,
            "etag": self.etag,
            "settings_of": self.settings_of,
            "validated": self.validated,
            "reason": self.reason,
            "session": self.session,
        }
        if self.secret:
            data["secret"] = True  # the value itself never reaches the disk
        else:
            data["value"] = self.value
            if self.old is not MISSING:
                data["old"] = self.old
        return data

    @classmethod
    def from_json(cls, data: Any) -> Change:
        """A change as :meth:`to_json` wrote it; ValueError naming what is wrong when the
        entry has another shape (edited by hand, or cut short), so that only this entry is
        set aside and never a change built from a wrong field (a pointer ``"Boot"`` read as
        the names ``B``, ``o``, ``o``, ``t``)."""
        if not isinstance(data, dict):
            raise ValueError(f"a change must be a JSON object, not {json_type(data)}")
        if not isinstance(data.get("uri"), str) or not data["uri"]:
            raise ValueError("uri must be a non-empty string")
        pointer = data.get("pointer")
        if not isinstance(pointer, list) or not all(isinstance(p, str) for p in pointer):
            raise ValueError("pointer must be a list of property names")
        for name in ("display", "etag", "settings_of", "reason", "session"):
            if data.get(name) is not None and not isinstance(data[name], str):
                raise ValueError(f"{name} must be a string")
        for name in ("validated", "secret"):
            if name in data and not isinstance(data[name], bool):
                raise ValueError(f"{name} must be true or false")
        return cls(
            uri=data["uri"],
            pointer=tuple(pointer),
            value=data.get("value"),
            display=data.get("display") or data["uri"],
            etag=data.get("etag"),
            old=data.get("old", MISSING),
            settings_of=data.get("settings_of"),
            validated=data.get("validated", True),
            secret=data.get("secret", False),
            reason=data.get("reason"),
            origin=EARLIER,
            session=data.get("session") or "",
        )


@dataclass
class Stage:
    """Changes by (resource, property), in the order they were staged.

    This session's changes and the ones earlier sessions left on disk are kept apart, so a
    script can stage, unstage and commit without touching what it did not stage. The earlier
    ones are a plain list, as read: two sessions may have staged the same property, and both
    stay on disk until an interactive session keeps (the later wins) or discards them.
    """

    changes: OrderedDict[tuple[str, tuple[str, ...]], Change] = field(default_factory=OrderedDict)
    left: list[Change] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.changes)

    def put(self, change: Change) -> None:
        """Stage (or re-stage) a change; a newer value for the same property replaces it."""
        if change.origin == EARLIER:
            self.left.append(change)
            return
        self.changes.pop(change.key, None)
        self.changes[change.key] = change

    def remove(self, change: Change) -> None:
        if change.origin == EARLIER:
            self.left = [c for c in self.left if c is not change]
        else:
            self.changes.pop(change.key, None)

    def own(self) -> list[Change]:
        """The changes this session may show and commit."""
        return list(self.changes.values())

    def earlier(self) -> list[Change]:
        return list(self.left)

    def shadowed(self, change: Change) -> Change | None:
        """The latest change an earlier session staged to the same property, if any."""
        same = [c for c in self.left if c.key == change.key]
        return same[-1] if same else None

    def conflicts(self) -> list[list[Change]]:
        """Properties earlier sessions staged with different values (each list in the order
        staged): taking them over must not pick one silently."""
        by_key: dict[tuple[str, tuple[str, ...]], list[Change]] = {}
        for change in self.left:
            if not change.secret:
                by_key.setdefault(change.key, []).append(change)
        out = []
        for same in by_key.values():
            distinct: list[Change] = []
            for change in same:  # one per value, the latest of each
                distinct = [c for c in distinct if c.value != change.value] + [change]
            if len(distinct) > 1:
                out.append(distinct)
        return out

    def adopt_earlier(self) -> None:
        """Take over changes left by earlier sessions (the user said keep them), the later
        of two to one property winning. A secret change cannot be taken over: its value never
        reached the disk, and committing it would send null."""
        adopted: OrderedDict[tuple[str, tuple[str, ...]], Change] = OrderedDict()
        for change in self.left:
            if not change.secret:
                change.origin = OWN
                adopted.pop(change.key, None)
                adopted[change.key] = change
        adopted.update(self.changes)
        self.changes = adopted
        self.left = []

    def drop_earlier(self) -> None:
        self.left = []

    def rebase(self, uri: str, etag: str | None) -> int:
        """After ``refresh``: own changes to ``uri`` are now staged against its new version
        (the user has seen it again), so commit's If-Match carries the new ETag."""
        moved = 0
        for change in self.own():
            if uri_key(change.uri) == uri_key(uri) and change.etag != etag:
                change.etag = etag
                change.reason = None
                moved += 1
        return moved

    def by_resource(self, changes: list[Change] | None = None) -> dict[str, list[Change]]:
        """Changes grouped by the resource they PATCH, keyed by that resource's URI."""
        groups: dict[str, list[Change]] = {}
        first_uri: dict[str, str] = {}
        for change in self.own() if changes is None else changes:
            uri = first_uri.setdefault(uri_key(change.uri), change.uri)
            groups.setdefault(uri, []).append(change)
        return groups

    def matching(self, display_prefix: str | None) -> list[Change]:
        """Own changes whose display path is, or lies under, the given path."""
        if not display_prefix or display_prefix == "/":
            return self.own()
        prefix = display_prefix.rstrip("/").casefold()
        return [
            c
            for c in self.own()
            if c.display.casefold() == prefix or c.display.casefold().startswith(prefix + "/")
        ]


def changes_nothing(value: Any) -> bool:
    """An object with nothing but (objects with nothing but) empty objects in it: as a JSON
    merge patch it leaves every property as it is, so it can never be seen to apply."""
    return isinstance(value, dict) and all(changes_nothing(item) for item in value.values())
