"""Schema documents found through the service's own JsonSchemas collection.

A service says which schema documents it implements: ``/redfish/v1/JsonSchemas`` lists
JsonSchemaFile resources, each with ``Schema`` (``#ComputerSystem.v1_10_0.ComputerSystem``)
and ``Location[].Uri`` (``/redfish/v1/SchemaStore/en/ComputerSystem.json``). Every GET costs
a round trip on a real BMC, so the collection is read once and members are fetched only when
needed, the likely one (named after the type) first.

References inside documents name DMTF URLs (``http://redfish.dmtf.org/schemas/v1/Resource.json``);
those are mapped by file name to what the service serves — never fetched from the internet.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote, urlsplit

from iloshell.model.catalog import (
    Fetch,
    ServiceCatalog,
    fetch_or_none,
    preferred_location,
)
from iloshell.model.schemas import SchemaSource, parse_odata_type, version_tuple
from iloshell.redfish.paths import last_segment, uri_key, uri_path
from iloshell.redfish.protocol import SERVICE_ROOT

_SCHEMA_NAME = re.compile(
    r"^([A-Za-z][A-Za-z0-9_]*)(\.v\d+_\d+(_\d+)?(\.[A-Za-z][A-Za-z0-9_]*)?)?$"
)


def _namespace_of_name(member_uri: str) -> str:
    """``ComputerSystem.v1_10_0`` -> ``computersystem``; "" when the name is not schema-like."""
    match = _SCHEMA_NAME.match(unquote(last_segment(member_uri)))
    return match[1].casefold() if match else ""


def _basename(uri: str) -> str:
    return unquote(uri_path(uri).rstrip("/").rsplit("/", 1)[-1]).casefold()


def same_minor(have: str | None, want: str | None) -> bool:
    """``v1_10_0`` and ``v1_10_2`` describe the same properties (errata fix text only)."""
    if have == want:
        return True
    a, b = version_tuple(have), version_tuple(want)
    return a is not None and b is not None and a[:2] == b[:2]


def _strip_json(name: str) -> str:
    return name[:-5] if name.endswith(".json") else name


class ServiceSchemaSource(ServiceCatalog, SchemaSource):
    """Finds schemas through the service's JsonSchemas collection (root -> JsonSchemas link)."""

    COLLECTION = "JsonSchemas"

    def __init__(
        self,
        fetch_resource: Fetch,
        fetch_document: Fetch | None = None,
        root_uri: str = SERVICE_ROOT,
    ) -> None:
        super().__init__(fetch_resource, fetch_document, root_uri)
        self._members: dict[str, dict | None] = {}  # uri_key -> JsonSchemaFile
        self._types: dict[str, str | None] = {}
        self._other_version: set[str] = set()  # types found only at another version
        self._by_name: dict[str, dict | None] = {}  # DMTF file name -> the served copy
        self._folders: list[str] = []  # where served schema documents live
        self._naming: bool | None = None  # member names are schema names (None: not seen yet)

    # -- the collection

    def _names_are_schemas(self) -> bool:
        """Whether member names follow the schemas they describe (``ComputerSystem``,
        ``Bios.v1_0_4.Bios``): every fetched member agreed, and every name looks like one."""
        if self._naming is not True:
            return False
        return all(_namespace_of_name(u) for u in self._collection())

    def _member(self, uri: str) -> dict | None:
        key = uri_key(uri)
        if key not in self._members:
            doc = fetch_or_none(self._fetch_resource, uri)
            self._members[key] = doc
            parsed = parse_odata_type(str(doc.get("Schema", ""))) if doc else None
            if parsed is not None and self._naming is not False:
                agrees = _namespace_of_name(uri) == parsed.namespace.casefold()
                self._naming = agrees
            location = preferred_location(doc) if doc else None
            if location and "://" not in location:
                folder = uri_path(location).rstrip("/").rsplit("/", 1)[0]
                if folder and folder not in self._folders:
                    self._folders.append(folder)
        return self._members[key]

    def _members_named(self, *names: str) -> list[str]:
        wanted = [n.casefold() for n in names]
        by_name: dict[str, list[str]] = {}
        for uri in self._collection():
            by_name.setdefault(unquote(last_segment(uri)).casefold(), []).append(uri)
        return [uri for name in wanted for uri in by_name.get(name, [])]

    # -- SchemaSource

    def schema_uri(self, odata_type: str) -> str | None:
        name = parse_odata_type(odata_type)
        if name is None:
            return None
        want = name.odata_type
        if want not in self._types:
            self._types[want] = self._find_type(name.namespace, name.version, want)
        return self._types[want]

    def exact(self, odata_type: str) -> bool:
        """Whether :meth:`schema_uri` found a schema of the declared version (errata aside),
        rather than the namespace at another version."""
        name = parse_odata_type(odata_type)
        return name is None or name.odata_type not in self._other_version

    def _find_type(self, namespace: str, version: str | None, want: str) -> str | None:
        likely = [namespace]
        if version:
            likely = [want.lstrip("#"), f"{namespace}.{version}", namespace]
        likely_uris = self._members_named(*likely)
        likely_uris += [  # the same namespace at other versions ("ComputerSystem.v1_4_0")
            u
            for u in self._collection()
            if _namespace_of_name(u) == namespace.casefold() and u not in likely_uris
        ]
        everything = likely_uris + [u for u in self._collection() if u not in likely_uris]

        def schema_of(uri: str) -> str:
            member = self._member(uri)
            schema = member.get("Schema") if member else None
            return schema if isinstance(schema, str) else ""

        def matches(uri: str, test: Callable[[str, str, str | None], bool]) -> bool:
            member = self._member(uri)
            if not member:
                return False
            parsed = parse_odata_type(schema_of(uri))
            ident = str(member.get("Id") or last_segment(uri))
            if parsed is not None and test(parsed.namespace, ident, parsed.version):
                return True
            parts = ident.split(".")
            id_version = parts[1] if len(parts) > 1 and parts[1].startswith("v") else None
            return test(parts[0], ident, id_version)

        # The likely members before the rest: each member is one GET on a real BMC. Where
        # member names have proved to be schema names, the rest cannot hold this namespace.
        rest = [] if self._names_are_schemas() else everything[len(likely_uris) :]
        for group in (likely_uris, rest):
            for uri in group:  # the exact Schema
                if schema_of(uri).lstrip("#") == want.lstrip("#"):
                    return self._location(uri)
            for uri in group:  # namespace and version agree (Id "ComputerSystem.v1_10_0")
                if matches(uri, lambda ns, _i, ver: ns == namespace and same_minor(ver, version)):
                    return self._location(uri)
        for uri in likely_uris + rest:  # the namespace at another version: better than nothing
            if matches(uri, lambda ns, _i, _v: ns == namespace):
                if version:
                    self._other_version.add(want)
                return self._location(uri)
        return None

    def _location(self, member_uri: str) -> str | None:
        member = self._member(member_uri)
        return preferred_location(member) if member else None

    def load(self, uri: str) -> dict | None:
        base = uri.split("#", 1)[0]
        if not base:
            return None
        if "://" in base:
            parts = urlsplit(base)
            if parts.path.startswith("/redfish/") and "dmtf.org" not in parts.netloc:
                return fetch_or_none(self._fetch_document, parts.path)
            return self._served(unquote(uri_path(base).rstrip("/").rsplit("/", 1)[-1]))
        return fetch_or_none(self._fetch_document, base)

    def _served(self, file_name: str) -> dict | None:
        """The service's copy of the DMTF file ``file_name`` (``Resource.json``), if any."""
        key = file_name.casefold()
        if key in self._by_name:
            return self._by_name[key]
        doc = None
        location = self._known_location(key)
        if location is None:
            for member_uri in self._members_named(_strip_json(key), key):
                location = self._location(member_uri)
                if location and "://" not in location:
                    break
                location = None
        if location is not None:
            doc = fetch_or_none(self._fetch_document, location)
        else:
            for folder in self._folders:  # unlisted, but maybe beside the listed ones
                doc = fetch_or_none(self._fetch_document, f"{folder}/{file_name}")
                if doc is not None:
                    break
        self._by_name[key] = doc
        return doc

    def _known_location(self, file_name: str) -> str | None:
        for member in self._members.values():
            location = preferred_location(member) if member else None
            if location and "://" not in location and _basename(location) == file_name:
                return location
        return None
