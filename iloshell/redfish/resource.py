"""Resources and the entries inside them, classified the way ``ls`` shows them.

A Redfish body mixes four things a person must tell apart: links to other resources
(``{"@odata.id": ...}``), collection members, embedded objects and plain values. These pure
functions decide which is which, for ``ls``, ``cd``, completion and the crawler alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import unquote

from iloshell.redfish.paths import last_segment, uri_key

RESOURCE = "resource"
COLLECTION = "collection"
LINK = "link"  # a link whose target has not been fetched yet
OBJECT = "object"
ARRAY = "array"
VALUE = "value"


@dataclass
class Resource:
    """One fetched resource. ``uri`` is the service's own spelling (its @odata.id)."""

    uri: str
    body: Any
    etag: str | None = None
    raw: bytes = b""
    # Why the member list is not whole (a page that failed, an endless chain of pages), so
    # the commands that list it can say so and fail; None when it is.
    incomplete: str | None = None

    @cached_property
    def key(self) -> str:
        return uri_key(self.uri)

    @property
    def odata_type(self) -> str | None:
        value = self.body.get("@odata.type") if isinstance(self.body, dict) else None
        return value if isinstance(value, str) else None

    @property
    def is_collection(self) -> bool:
        return is_collection_body(self.body)

    def members(self) -> list[str]:
        """Member URIs of a collection, in the service's order."""
        if not self.is_collection:
            return []
        return [uri for uri in map(member_uri, self.body["Members"]) if uri]


def is_link(value: Any) -> bool:
    """A reference object: ``@odata.id`` and nothing but annotations beside it.

    Thermal's ``Temperatures[0]`` also carries an @odata.id, but with data beside it: it is an
    embedded object, not a link.
    """
    return (
        isinstance(value, dict)
        and isinstance(value.get("@odata.id"), str)
        and all("@" in k for k in value)
    )


# Annotations whose string value is the URI of another resource.
LINK_ANNOTATIONS = frozenset({"@Redfish.ActionInfo"})


# Names that hold credentials: they end like one (``Password``, ``AdminPassword``,
# ``Passphrase``, ``ClientSecret``, ``EncryptionKey``); ``MinPasswordLength`` only describes one.
# The one rule for validation reasons, staging, saved files, snapshots, trace and history.
SECRET_NAME = re.compile(
    r"(?:pass(?:word|wd|phrase)|secret|token|(?:auth\w*|encryption|private)key)$", re.IGNORECASE
)


MASK = "***"
"""What a credential shows as, wherever it would be shown."""


def is_secret_name(name: str) -> bool:
    """Whether a property of this name holds a credential (never shown, never saved)."""
    return bool(SECRET_NAME.search(name))


# Objects that show the shape of a request rather than hold credentials: iLO's service root
# says how to log in with ``LoginHint.HintPOSTData: {"UserName": "username", "Password":
# "password"}``, the same on every iLO.
TEMPLATES = frozenset({"HintPOSTData"})


def mask_secrets(value: Any, replacement: Any = MASK) -> Any:
    """A copy of a JSON value with every secret string replaced (null and "" stay: they
    reveal nothing, and Redfish shows write-only passwords as null)."""
    if isinstance(value, dict):
        return {
            key: replacement
            if is_secret_name(str(key)) and isinstance(item, str) and item
            else item
            if key in TEMPLATES
            else mask_secrets(item, replacement)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [mask_secrets(item, replacement) for item in value]
    return value


def has_secrets(value: Any) -> bool:
    """Whether :func:`mask_secrets` would change anything: checked first, so that a large
    answer without secrets (nearly all of them) is not copied whole."""
    if isinstance(value, dict):
        return any(
            (is_secret_name(str(key)) and isinstance(item, str) and item)
            or (key not in TEMPLATES and has_secrets(item))
            for key, item in value.items()
        )
    if isinstance(value, list):
        return any(has_secrets(item) for item in value)
    return False


WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def mentions_secret(text: str) -> bool:
    """Whether typed text names a credential property anywhere (``{"Password": x}``,
    ``EncryptionKey``): the same rule as :func:`is_secret_name`, for text not yet parsed."""
    return any(is_secret_name(word) for word in WORD.findall(text))


def holds_secret(value: Any) -> bool:
    """An object or array with a credential somewhere inside (shown masked, saved not at all)."""
    if isinstance(value, dict):
        return any(
            (is_secret_name(str(k)) and isinstance(v, str) and v) or holds_secret(v)
            for k, v in value.items()
        )
    if isinstance(value, list):
        return any(holds_secret(v) for v in value)
    return False


def json_type(value: Any) -> str:
    """The JSON type name of a parsed JSON value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def link_target(name: str, value: Any) -> str | None:
    """The URI a property links to: a reference object, or a link annotation's string."""
    if is_link(value):
        return value["@odata.id"]
    if name in LINK_ANNOTATIONS and isinstance(value, str) and value.startswith("/"):
        return value
    return None


def member_uri(value: Any) -> str | None:
    """A collection member's URI. iLO lists some members inline (a whole LogEntry in
    ``Members``) rather than as links; either way the member is the resource at @odata.id."""
    if isinstance(value, dict) and isinstance(value.get("@odata.id"), str):
        return value["@odata.id"]
    return None


def is_collection_body(body: Any) -> bool:
    return isinstance(body, dict) and isinstance(body.get("Members"), list)


def is_annotation(name: str) -> bool:
    """``@odata.id``, ``@Redfish.Settings``, ``Prop@Redfish.AllowableValues`` ..."""
    return "@" in name


def type_name(odata_type: str | None) -> str | None:
    """``#ComputerSystem.v1_10_0.ComputerSystem`` -> ``ComputerSystem``."""
    if not odata_type:
        return None
    return odata_type.lstrip("#").rsplit(".", 1)[-1]


def member_id(uri: str) -> str:
    """How a collection member is named in paths: its URI's last segment, as spelled there."""
    return last_segment(uri)


def matches_name(candidate: str, typed: str) -> int:
    """0 = no match, 2 = exact, 1 = same ignoring case or %-escapes (exact wins over loose)."""
    if candidate == typed:
        return 2
    folded = typed.casefold()
    if candidate.casefold() == folded or unquote(candidate).casefold() == unquote(typed).casefold():
        return 1
    return 0


@dataclass(frozen=True)
class Entry:
    """One name inside a resource or object, as ``ls`` lists it and ``cd`` walks it."""

    name: str
    kind: str
    value: Any
    target: str | None = None  # link target URI, for links and members
    member: bool = False

    @property
    def annotation(self) -> bool:
        return not self.member and is_annotation(self.name)

    @property
    def navigable(self) -> bool:
        return self.kind in (RESOURCE, COLLECTION, LINK, OBJECT, ARRAY)


def entries(node: Any, *, top_level: bool, kind_of: Any = None) -> list[Entry]:
    """The entries of an object or array inside a resource.

    ``top_level`` says the node is the resource body itself (where collection members live).
    ``kind_of(uri)`` tells the kind of an already-fetched link target, or None when unknown.
    """
    out: list[Entry] = []
    if isinstance(node, list):
        for index, item in enumerate(node):
            out.append(entry_for(str(index), item, kind_of))
        return out
    if not isinstance(node, dict):
        return out
    if top_level and is_collection_body(node):
        for member in node["Members"]:
            target = member_uri(member)
            if target:
                out.append(Entry(member_id(target), RESOURCE, member, target, member=True))
    for name, value in node.items():
        if top_level and name == "Members" and is_collection_body(node):
            continue
        out.append(entry_for(name, value, kind_of))
    return out


def entry_for(name: str, value: Any, kind_of: Any) -> Entry:
    target = link_target(name, value)
    if target:
        kind = (kind_of(target) if kind_of else None) or LINK
        return Entry(name, kind, value, target)
    if isinstance(value, dict):
        return Entry(name, OBJECT, value)
    if isinstance(value, list):
        return Entry(name, ARRAY, value)
    return Entry(name, VALUE, value)


def links_in(node: Any, parts: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    """Every link below ``node`` with the path parts that lead to it (members by their id).

    The resource's own ``@odata.id`` is not a link to follow; embedded objects that carry an
    @odata.id with data beside them are walked into, not followed; so are annotations such as
    ``@Redfish.Settings`` (its SettingsObject is a resource too).
    """
    if isinstance(node, dict):
        collection = not parts and is_collection_body(node)
        for name, value in node.items():
            target = link_target(name, value)
            if target:
                yield (*parts, name), target
            elif name.startswith("@odata.") or (collection and name == "Members"):
                continue
            elif isinstance(value, dict | list):
                yield from links_in(value, (*parts, name))
        if collection:
            for member in node["Members"]:
                target = member_uri(member)
                if target:
                    yield (*parts, member_id(target)), target
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if is_link(value):
                yield (*parts, str(index)), value["@odata.id"]
            elif isinstance(value, dict | list):
                yield from links_in(value, (*parts, str(index)))
