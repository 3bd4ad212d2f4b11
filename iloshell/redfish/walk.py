"""Shell paths to places in the graph: ``cd Systems/1/Boot``, ``..``, ``-``, absolute URIs.

A Location is a resource plus a JSON pointer inside it, and the *logical* path that led there
(the names the user walked, like a shell's ``cd -L``): ``..`` drops the last name rather than
guessing a parent URI, which matters because ``Links`` lead sideways and the graph has cycles.

The walking rules are pure functions of JSON over a *lookup* (URI -> Resource): commands give
the :class:`Walker` the graph's fetching ``get``, the completion engine a peek into the cache
that raises :class:`NotAtHand` for what is not there yet. So Tab resolves exactly what Enter
does, by construction (``Thermal#/Fans/`` included).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import jsonpointer

from iloshell.errors import CommandError, IloshellError, ServiceError
from iloshell.redfish.origin import check, is_path_reference
from iloshell.redfish.paths import split_fragment, uri_key, uri_path
from iloshell.redfish.protocol import SERVICE_ROOT
from iloshell.redfish.resource import (
    Resource,
    is_collection_body,
    is_link,
    json_type,
    link_target,
    matches_name,
    member_id,
    member_uri,
)

URI_PREFIX = "/redfish"

Lookup = Callable[[str], Resource]
"""A URI (without fragment) to its Resource; raises ServiceError when there is none, or
NotAtHand when the caller may not wait for it."""


class NotAtHand(Exception):
    """A lookup that must not wait (Tab) met a resource that is not in memory yet."""


@dataclass(frozen=True)
class Location:
    """A resource URI, a pointer inside it, and the logical path that names it."""

    uri: str
    pointer: tuple[str, ...] = ()
    path: tuple[str, ...] = field(default=(), compare=False)

    def display(self) -> str:
        return path_text(self.path)

    def child(self, name: str) -> Location:
        return Location(self.uri, (*self.pointer, name), (*self.path, name))


ROOT = Location(SERVICE_ROOT)


class PathError(CommandError):
    """A path names nothing; the message suggests the nearest names."""


@dataclass(frozen=True)
class Step:
    """Where one path segment leads from a node: inside the same resource, or along a link."""

    name: str  # the name as the data spells it
    target: str | None = None  # link target URI (may carry a #fragment), None for embedded


def path_text(parts: tuple[str, ...] | list[str]) -> str:
    """Logical path parts as the shell shows and accepts them: ``/Systems/1/Boot``."""
    return "/" + "/".join(jsonpointer.escape(p) for p in parts)


def split_path(text: str) -> tuple[str | None, bool, list[str]]:
    """Parse typed path text into (URI or None, absolute?, segments).

    ``/redfish/v1/Systems/1`` and ``https://host/redfish/...`` are URIs, taken as typed;
    ``/Systems/1`` is a path from the service root; anything else is relative. Segments use
    RFC 6901 escaping (``~1`` for ``/``) so property names with slashes stay reachable.
    """
    text = text.strip()
    if "://" in text or (text.casefold().startswith(URI_PREFIX) and _is_uri_start(text)):
        return text, True, []
    absolute = text.startswith("/")
    segments = [unescape(s) for s in text.split("/") if s]
    return None, absolute, segments


def _is_uri_start(text: str) -> bool:
    rest = text[len(URI_PREFIX) :]
    return rest == "" or rest[0] in "/#"


def unescape(segment: str) -> str:
    return segment.replace("~1", "/").replace("~0", "~")


def fragment_split(segment: str) -> tuple[str, str] | None:
    """``Thermal#`` (from ``Thermal#/Fans/0``) or iLO's ``Thermal#Fans`` as (name, the part
    after ``#``); None when there is no ``#`` after the first character, as in the action
    name ``#ComputerSystem.Reset``. Only tried when no property is spelled like the segment."""
    index = segment.find("#", 1)
    if index < 0:
        return None
    return segment[:index], segment[index + 1 :]


def step(node: Any, segment: str, *, top_level: bool) -> Step:
    """Where ``segment`` leads from ``node`` (a resource body when ``top_level``).

    Exact names win over case-insensitive ones; collection members are matched by the last
    segment of their URI (``%``-escaped or not). Raises PathError naming the nearest names.
    """
    if isinstance(node, list):
        return _step_array(node, segment)
    if not isinstance(node, dict):
        raise PathError(f"{segment}: not found (the value here is {describe_value(node)})")
    best: tuple[int, Step] | None = None
    for name, value in node.items():
        if top_level and name == "Members" and is_collection_body(node):
            continue
        score = matches_name(name, segment)
        if score and (best is None or score > best[0]):
            best = (score, Step(name, link_target(name, value)))
    if top_level and is_collection_body(node):
        for member in node["Members"]:
            target = member_uri(member)
            score = matches_name(member_id(target), segment) if target else 0
            if score and (best is None or score > best[0]):
                best = (score, Step(member_id(target), target))
    if best is None and top_level and is_collection_body(node):
        raise PathError(f"{segment}: {no_such_member(segment, node)}")
    if best is None:
        raise PathError(f"{segment}: no such name here{suggest(segment, names(node, top_level))}")
    return best[1]


def no_such_member(segment: str, collection: dict) -> str:
    """``/Systems/2`` when only ``1`` exists: which members there are (a few) and the
    closest, since a newcomer guessing member names cannot see them from the error alone."""
    ids = [member_id(uri) for uri in map(member_uri, collection["Members"]) if uri]
    closest = suggest(segment, names(collection, True))
    if not ids:
        return f"no such name here; the collection has no members{closest}"
    listed = ", ".join(ids[:5]) + (f" ... ({len(ids)} in all)" if len(ids) > 5 else "")
    if not closest and segment.isdigit() and all(i.isdigit() for i in ids):
        closest = f"; did you mean {min(ids, key=lambda i: abs(int(i) - int(segment)))}?"
    return f"no such name here; the members are {listed}{closest}"


def _step_array(node: list, segment: str) -> Step:
    try:
        index = int(segment)
    except ValueError:
        raise PathError(
            f"{segment}: this is an array of {len(node)}; use an index 0..{len(node) - 1}"
        ) from None
    if not -len(node) <= index < len(node) or not node:
        raise PathError(f"{segment}: index out of range (the array has {len(node)} elements)")
    index %= len(node)
    value = node[index]
    return Step(str(index), value["@odata.id"] if is_link(value) else None)


def names(node: Any, top_level: bool) -> list[str]:
    """Every name a segment could take at this node."""
    if isinstance(node, list):
        return [str(i) for i in range(len(node))]
    if not isinstance(node, dict):
        return []
    out = [n for n in node if not (top_level and n == "Members" and is_collection_body(node))]
    if top_level and is_collection_body(node):
        out += [member_id(uri) for uri in map(member_uri, node["Members"]) if uri]
    return out


def suggest(typed: str, candidates: list[str]) -> str:
    lowered = {c.casefold(): c for c in candidates}
    close = difflib.get_close_matches(typed.casefold(), list(lowered), n=3, cutoff=0.5)
    if not close:
        return ""
    return "; did you mean " + " or ".join(lowered[c] for c in close) + "?"


def node_at(body: Any, pointer: tuple[str, ...]) -> Any:
    """The value at ``pointer`` inside a body (pointer parts as the data spells them)."""
    node = body
    for part in pointer:
        if isinstance(node, list):
            node = node[int(part)]
        elif isinstance(node, dict):
            node = node[part]
        else:
            raise KeyError(part)
    return node


def node_or(body: Any, pointer: tuple[str, ...], default: Any = None) -> Any:
    """The value at ``pointer``, or ``default`` when there is nothing there (each caller
    passes the sentinel it tells "absent" from ``null`` with)."""
    try:
        return node_at(body, pointer)
    except (KeyError, IndexError, ValueError, TypeError):
        return default


def describe_value(value: Any) -> str:
    """``a string``, ``an integer``, ``null``: what a path ran into."""
    kind = json_type(value)
    return kind if kind == "null" else ("an " if kind[0] in "aeiou" else "a ") + kind


class Walker:
    """Resolves typed paths through a :data:`Lookup`. Every link followed and URI typed
    passes :mod:`iloshell.redfish.origin`'s one rule against ``base_url``, the service's
    address; without one (Tab, which knows no address) only references that can name no
    host are followed."""

    def __init__(self, lookup: Lookup, base_url: str | None) -> None:
        self.lookup = lookup
        self.base_url = base_url

    def on_service(self, reference: str, where: str) -> str:
        """The URL ``reference`` names on the service, or the refusal naming ``where`` it
        was found: a link to another host is never followed, whatever its spelling."""
        if self.base_url is not None:
            return check(self.base_url, reference, where)
        if not is_path_reference(reference):
            raise PathError(f"{reference}: may lead to another host ({where}); not followed")
        return reference

    def root(self) -> Location:
        """The service root, named as the service names it (``/redfish/v1`` on iLO)."""
        return Location(self.lookup(SERVICE_ROOT).uri)

    def value(self, location: Location) -> Any:
        resource = self.lookup(location.uri)
        try:
            return node_at(resource.body, location.pointer)
        except (KeyError, IndexError, ValueError):
            raise PathError(f"{location.display()}: no longer present (try refresh)") from None

    def resolve(self, text: str, cwd: Location, previous: Location | None = None) -> Location:
        """The Location a typed path names, from ``cwd``."""
        if text.strip() == "-":
            if previous is None:
                raise CommandError("-: no previous directory yet")
            return previous
        uri, absolute, segments = split_path(text)
        if uri is not None:
            return self.at_uri_or_inside(uri)
        location = self.root() if absolute else cwd
        for segment in segments:
            location = self.walk(location, segment)
        return location

    def walk(self, location: Location, segment: str) -> Location:
        """One segment further (``.`` and ``..`` included)."""
        if segment == ".":
            return location
        if segment == "..":
            return self.parent(location)
        node = self.value(location)
        try:
            found = step(node, segment, top_level=not location.pointer)
        except PathError as err:
            split = fragment_split(segment)
            if split is not None:  # Thermal#/Fans/0 typed as a path: Thermal, then Fans/0
                name, rest = split
                inside = self.walk(location, name)
                return self.walk(inside, rest) if rest else inside
            where = location.display()
            raise PathError(f"{where.rstrip('/')}/{err.message}") from None
        if found.target is None:
            return location.child(found.name)
        base, fragment = split_fragment(found.target)
        where = f"the link {location.display().rstrip('/')}/{found.name}"
        target = self.lookup(service_path(self.on_service(base, where)))
        path = (*location.path, found.name)
        if fragment:
            self._check_pointer(target.body, fragment, found.target)
        return Location(target.uri, fragment, path)

    def parent(self, location: Location) -> Location:
        """The logical parent: the path minus its last name, walked again from the root
        (from the cache, so without requests). A URI typed as is may not be walkable by
        names; then the pointer or the URI itself gives the parent."""
        if not location.path:
            return self.root()
        try:
            return self.resolve(path_text(location.path[:-1]), ROOT)
        except IloshellError:
            if location.pointer:
                return Location(location.uri, location.pointer[:-1], location.path[:-1])
            parent_uri = uri_path(location.uri).rstrip("/").rsplit("/", 1)[0] or SERVICE_ROOT
            return self.at_uri(parent_uri)

    def at_uri_or_inside(self, uri: str) -> Location:
        """A typed URI: the resource there, or, when there is none, the same segments walked
        as a path (``/redfish/v1/Systems/1/Boot`` names Boot inside Systems/1)."""
        try:
            return self.at_uri(uri)
        except ServiceError as missing:
            if missing.status != 404 or "#" in uri:
                raise
            below = uri_path(uri)[len(URI_PREFIX) :].split("/", 2)[2:]
            try:
                return self.resolve("/" + "/".join(below), ROOT)
            except IloshellError:
                found = self.inside_resource_prefix(uri)
                if found is None:
                    raise missing from None
                return found

    def inside_resource_prefix(self, uri: str) -> Location | None:
        """A typed URI that goes on past a resource into its properties, where that resource
        is no named link from the root (``/redfish/v1/Systems/1/Bios/Settings/Attributes/X``:
        Settings is reached by ``@Redfish.Settings``): the longest prefix that is a resource,
        then the rest walked as a property path. None when no prefix below the service root
        is a resource or the rest names nothing in it (the typed URI's 404 says it best).
        """
        parts = [p for p in uri_path(uri).split("/") if p]
        root_depth = len([p for p in SERVICE_ROOT.split("/") if p])
        for cut in range(len(parts) - 1, root_depth, -1):
            try:
                location = self.at_uri("/" + "/".join(parts[:cut]))
            except ServiceError as err:
                if err.status == 404:
                    continue
                return None
            try:
                for segment in parts[cut:]:
                    location = self.walk(location, segment)
            except IloshellError:
                return None
            return location
        return None

    def at_uri(self, uri: str) -> Location:
        """A Location for a URI typed or linked as is; its path is the URI below /redfish/v1."""
        if not uri.startswith("/") or uri.startswith("//"):
            parts = urlsplit(self.on_service(uri, "a URI typed or linked as is"))
            uri = parts.path + (f"#{parts.fragment}" if parts.fragment else "")
        base, fragment = split_fragment(uri)
        if uri_key(base) in (uri_key(SERVICE_ROOT), uri_key("/redfish")):
            resource = self.lookup(SERVICE_ROOT)
        else:
            resource = self.lookup(base)
        if fragment:
            self._check_pointer(resource.body, fragment, uri)
        below = uri_key(resource.uri).removeprefix(uri_key(SERVICE_ROOT))
        spelled = uri_path(resource.uri).rstrip("/")
        segments = tuple(s for s in spelled[len(spelled) - len(below) :].split("/") if s)
        if uri_key(resource.uri) == uri_key("/redfish"):
            segments = ()
        return Location(resource.uri, fragment, (*segments, *fragment))

    @staticmethod
    def _check_pointer(body: Any, pointer: tuple[str, ...], shown: str) -> None:
        try:
            node_at(body, pointer)
        except (KeyError, IndexError, ValueError):
            raise PathError(f"{shown}: the fragment names nothing in that resource") from None


def service_path(url: str) -> str:
    """The path (and query) of a URL on the service: what a lookup takes."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
