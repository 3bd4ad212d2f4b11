"""Redfish JSON schemas as a tree of properties: what a resource may contain and who may write it.

Two shapes of schema exist in the wild and both are read here:

* DMTF files: ``ComputerSystem.v1_10_0.json`` with ``definitions.<Type>.properties``, local
  ``$ref``s (``#/definitions/Boot``), absolute ones (``http://redfish.dmtf.org/schemas/v1/
  Resource.json#/definitions/Status``) and ``anyOf: [{$ref}, {"type": "null"}]`` for nullable
  values. The unversioned file (``ComputerSystem.json``) only lists the versions.
* iLO's SchemaStore files: one flattened document per type, top-level ``properties`` with
  ``readonly``, ``type: ["string", "null"]``, ``enum`` (which may contain null) and relative
  ``$ref``s such as ``Resource.json#/definitions/odataid``.

Documents come from a :class:`SchemaSource` (the service's JsonSchemas collection, or a folder
of files); absolute DMTF URLs are always mapped by file name, never fetched from the internet.
References are followed lazily — a property's schema is resolved the first time somebody asks
for it — because on a real BMC every schema document costs a round trip. Missing or malformed
documents make the affected part "unknown" (empty ``types``, ``readonly`` None) instead of
raising: validation then simply checks less, and :mod:`iloshell.model.validate` says nothing it
cannot prove.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Protocol
from urllib.parse import unquote, urljoin, urlsplit

from iloshell.redfish.paths import pointer_text

JSON_TYPES = ("string", "integer", "number", "boolean", "object", "array", "null")
DMTF_SCHEMA_BASE = "http://redfish.dmtf.org/schemas/v1/"

_EMPTY: Mapping[str, str] = MappingProxyType({})
_TYPE_RE = re.compile(
    r"^#?(?P<ns>[A-Za-z_][A-Za-z0-9_]*)"
    r"(?:\.(?P<ver>v\d+_\d+(?:_\d+)?))?"
    r"\.(?P<type>[A-Za-z_][A-Za-z0-9_]*)$"
)
_STEM_RE = re.compile(r"^(?P<ns>[A-Za-z_][A-Za-z0-9_-]*?)(?:\.(?P<ver>v\d+_\d+(?:_\d+)?))?$")
# Keywords a referring node may override on top of what its $ref target says.
_OVERLAY_KEYS = (
    "description",
    "longDescription",
    "readonly",
    "units",
    "deprecated",
    "versionDeprecated",
    "versionAdded",
    "format",
    "pattern",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "enumDescriptions",
    "enumLongDescriptions",
    "enumDeprecated",
    "requiredParameter",
    "writeOnly",
    "displayname",
)
_MAX_REF_DEPTH = 40


class SchemaSource(Protocol):
    """Where schema documents come from: the service, a folder, or a test's dictionary."""

    def schema_uri(self, odata_type: str) -> str | None:
        """URI (optionally with a ``#/definitions/X`` fragment) of the schema for this type."""
        ...

    def load(self, uri: str) -> dict | None:
        """The schema document at ``uri`` (absolute DMTF URL or service path), or None."""
        ...


# --------------------------------------------------------------------------- type names


@dataclass(frozen=True)
class TypeName:
    """``#ComputerSystem.v1_10_0.ComputerSystem`` split into its parts."""

    namespace: str
    version: str | None  # "v1_10_0", or None for unversioned types (collections)
    type_name: str

    @property
    def odata_type(self) -> str:
        middle = f".{self.version}" if self.version else ""
        return f"#{self.namespace}{middle}.{self.type_name}"


def parse_odata_type(odata_type: str) -> TypeName | None:
    """Split an ``@odata.type`` value; None when it is not of the Redfish form."""
    if not isinstance(odata_type, str):
        return None
    match = _TYPE_RE.match(odata_type.strip())
    if not match:
        return None
    return TypeName(match["ns"], match["ver"], match["type"])


def version_tuple(version: str | None) -> tuple[int, ...] | None:
    """``"v1_10_0"`` -> ``(1, 10, 0)``; None for anything else."""
    if not version or not re.fullmatch(r"v\d+_\d+(?:_\d+)?", version):
        return None
    return tuple(int(p) for p in version[1:].split("_"))


def document_stem(uri: str) -> tuple[str, str | None] | None:
    """The namespace and version a schema file name declares (``Bios.v1_0_4.json``)."""
    name = urlsplit(uri.split("#", 1)[0]).path.rstrip("/").rsplit("/", 1)[-1]
    if name.lower().endswith(".json"):
        name = name[:-5]
    match = _STEM_RE.match(name)
    if not match or not name:
        return None
    return match["ns"], match["ver"]


# --------------------------------------------------------------------------- public results


@dataclass(frozen=True)
class PropertyInfo:
    """Everything the schema says about one property, ready to be printed by ``explain``."""

    name: str
    pointer: str
    types: tuple[str, ...] = ()
    readonly: bool | None = None
    description: str | None = None
    long_description: str | None = None
    enum: tuple | None = None
    enum_descriptions: Mapping[str, str] = field(default_factory=lambda: _EMPTY, hash=False)
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    units: str | None = None
    deprecated: str | None = None
    is_link: bool = False
    source: str = ""
    # Beyond the contract: more for explain() and the validator.
    type_source: str | None = None  # where the referenced type (enum, object) is defined
    enum_long_descriptions: Mapping[str, str] = field(default_factory=lambda: _EMPTY, hash=False)
    enum_deprecated: Mapping[str, str] = field(default_factory=lambda: _EMPTY, hash=False)
    format: str | None = None
    version_added: str | None = None
    version_deprecated: str | None = None
    write_only: bool = False
    required: bool = False
    is_annotation: bool = False
    known: bool = True  # False: the schema names the property but its definition is missing
    additional_properties: bool | None = None  # objects: extra members allowed (None: unknown)
    items: PropertyInfo | None = None  # arrays: what each element is

    @property
    def nullable(self) -> bool:
        return "null" in self.types

    @property
    def is_array(self) -> bool:
        return "array" in self.types

    @property
    def is_object(self) -> bool:
        return "object" in self.types


def _as_parts(parts: Sequence[str] | str) -> tuple[str, ...]:
    """Path parts; a JSON pointer string is split (and unescaped) rather than iterated."""
    if isinstance(parts, str):
        text = parts.strip("/")
        return (
            tuple(p.replace("~1", "/").replace("~0", "~") for p in text.split("/")) if text else ()
        )
    return tuple(str(p) for p in parts)


def _renamed(info: PropertyInfo, name: str, pointer: str) -> PropertyInfo:
    """The same property at another array index (``dataclasses.replace`` is far slower, and
    validating a big collection asks this for every element)."""
    copy = object.__new__(PropertyInfo)
    copy.__dict__.update(info.__dict__, name=name, pointer=pointer)
    return copy


@dataclass(frozen=True)
class ActionSchema:
    """One action of a resource type (``#ComputerSystem.Reset``) and its parameters."""

    name: str
    description: str | None
    long_description: str | None
    parameters: Mapping[str, PropertyInfo] = field(hash=False)
    required: tuple[str, ...]
    source: str


# --------------------------------------------------------------------------- internal nodes


@dataclass(frozen=True)
class _Loc:
    """A raw schema node and the document it sits in (for resolving its relative refs)."""

    doc_uri: str
    pointer: str
    raw: Any

    @property
    def where(self) -> str:
        return f"{self.doc_uri}#{self.pointer}"


@dataclass
class _Node:
    """The effective schema at one place: ``$ref`` chains and ``anyOf`` folded together."""

    source: str
    known: bool = True
    types: tuple[str, ...] = ()
    kw: dict[str, Any] = field(default_factory=dict)
    enum: tuple | None = None
    properties: dict[str, _Loc] = field(default_factory=dict)
    pattern_properties: list[tuple[re.Pattern, _Loc]] = field(default_factory=list)
    declares_patterns: bool = False
    additional: bool | None = None
    items: _Loc | None = None
    required: tuple[str, ...] = ()
    parameters: dict[str, _Loc] = field(default_factory=dict)
    is_link: bool = False
    type_source: str | None = None
    # A link to a resource may also arrive expanded ($expand, or an embedded member such as
    # Redundancy): the full definition, resolved only when data has more than "@odata.id".
    expanded: _Loc | None = None


def _unknown(source: str) -> _Node:
    return _Node(source=source, known=False)


def _as_types(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return ()
    return tuple(t for t in value if isinstance(t, str) and t in JSON_TYPES)


def _merge_types(*groups: Sequence[str]) -> tuple[str, ...]:
    out: list[str] = []
    for group in groups:
        out.extend(t for t in group if t not in out)
    return tuple(out)


def _split_ref(ref: str, base_uri: str) -> tuple[str, str]:
    """A ``$ref`` to (document URI, JSON pointer); local refs stay in the referring document."""
    target, _, fragment = ref.partition("#")
    fragment = unquote(fragment)
    if fragment and not fragment.startswith("/"):
        fragment = "/" + fragment
    fragment = fragment.rstrip("/") if fragment != "/" else ""
    if not target:
        return base_uri, fragment
    if "://" in target:
        return target, fragment
    base = base_uri.split("#", 1)[0].rstrip("/")
    return urljoin(base, target), fragment


def _walk_pointer(doc: Any, pointer: str) -> Any:
    node = doc
    for part in pointer.split("/")[1:] if pointer else ():
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def _is_id_ref(ref: str) -> bool:
    doc, _, frag = ref.partition("#")
    name = doc.rsplit("/", 1)[-1].lower()
    return name.startswith("odata") and frag.rstrip("/").endswith("/idRef")


def _definition_name(pointer: str) -> str | None:
    parts = pointer.split("/")
    if len(parts) == 3 and parts[1] == "definitions":
        return parts[2]
    return None


def _doc_key(uri: str) -> str:
    return uri.split("#", 1)[0].rstrip("/").casefold()


def _link_properties_only(node: _Node) -> bool:
    """iLO's flattened link objects: an object whose only declared member is ``@odata.id``."""
    return set(node.properties) == {"@odata.id"} and not node.pattern_properties


class _Documents:
    """Loaded schema documents, shared by every type of one library (negative results too)."""

    def __init__(self, source: SchemaSource) -> None:
        self.source = source
        self._docs: dict[str, dict | None] = {}

    def get(self, uri: str) -> dict | None:
        key = _doc_key(uri)
        if key not in self._docs:
            try:
                doc = self.source.load(uri.split("#", 1)[0])
            except (ValueError, TypeError, KeyError, OSError):
                doc = None
            self._docs[key] = doc if isinstance(doc, dict) else None
        return self._docs[key]


class _Resolver:
    """Folds ``$ref``/``anyOf`` into :class:`_Node`s for one resource type, with caching.

    ``declared`` maps namespaces to the version the resource declares, so that a reference to
    an unversioned definition listing many versions picks the one that matches.
    """

    def __init__(self, docs: _Documents, declared: Mapping[str, str]) -> None:
        self.docs = docs
        self.declared = dict(declared)
        self._cache: dict[tuple[str, str], _Node] = {}

    # -- entry points

    def at(self, doc_uri: str, pointer: str) -> _Node:
        """The node at ``doc_uri#pointer``."""
        key = (_doc_key(doc_uri), pointer)
        if key not in self._cache:
            doc = self.docs.get(doc_uri)
            raw = _walk_pointer(doc, pointer) if doc is not None else None
            self._cache[key] = self._resolve(_Loc(doc_uri, pointer, raw), frozenset(), 0)
        return self._cache[key]

    def node(self, loc: _Loc) -> _Node:
        if not loc.doc_uri:  # synthesised (link members): nothing to share
            return self._resolve(loc, frozenset(), 0)
        key = (_doc_key(loc.doc_uri), loc.pointer)
        if key not in self._cache:
            self._cache[key] = self._resolve(loc, frozenset(), 0)
        return self._cache[key]

    # -- resolution

    def _resolve(self, loc: _Loc, seen: frozenset, depth: int) -> _Node:
        raw = loc.raw
        if not isinstance(raw, dict) or depth > _MAX_REF_DEPTH:
            return _unknown(loc.where)
        ref = raw.get("$ref")
        members = raw.get("anyOf", raw.get("oneOf"))
        if isinstance(ref, str):
            base = self._follow(ref, loc, seen, depth)
        elif isinstance(members, list):
            base = self._any_of(members, loc, seen, depth)
        else:
            return self._overlay(_Node(source=loc.where), loc)
        # The property is declared here; what it refers to is its type.
        node = _copy(base)
        node.type_source = base.type_source or base.source
        node.source = loc.where
        return self._overlay(node, loc)

    def _follow(self, ref: str, loc: _Loc, seen: frozenset, depth: int) -> _Node:
        doc_uri, pointer = _split_ref(ref, loc.doc_uri)
        key = (_doc_key(doc_uri), pointer)
        if key in seen:
            return _unknown(f"{doc_uri}#{pointer}")
        if _is_id_ref(ref):
            return self._link_node(doc_uri, pointer, seen | {key}, depth)
        doc = self.docs.get(doc_uri)
        target = _walk_pointer(doc, pointer) if doc is not None else None
        if self._is_resource_ref(doc_uri, pointer, target):
            return self._resource_link(doc_uri, pointer, target, seen | {key}, depth)
        if target is None:
            return _unknown(f"{doc_uri}#{pointer}")
        node = self._resolve(_Loc(doc_uri, pointer, target), seen | {key}, depth + 1)
        if node.type_source is None:
            node.type_source = f"{doc_uri}#{pointer}"
        return node

    def _is_resource_ref(self, doc_uri: str, pointer: str, target: Any) -> bool:
        """A reference to a whole resource type (``Chassis.json#/definitions/Chassis``).

        Such a property holds a link, not the resource; knowing it avoids loading every
        version of the linked type. The unversioned definition says so by offering
        ``idRef`` in its ``anyOf``; when the file is missing, the naming rule decides.
        """
        name = _definition_name(pointer)
        stem = document_stem(doc_uri)
        if name is None or stem is None or stem[1] is not None:
            return False
        if target is None:
            return stem[0] == name
        members = target.get("anyOf") if isinstance(target, dict) else None
        offers_link = isinstance(members, list) and any(
            isinstance(m, dict) and isinstance(m.get("$ref"), str) and _is_id_ref(m["$ref"])
            for m in members
        )
        # Resources carry their URI patterns and capabilities; referenceable members
        # (Redundancy, Thermal's Temperature) offer idRef too, but live inline.
        return offers_link and any(k in target for k in ("uris", "insertable", "updatable"))

    def _resource_link(
        self, doc_uri: str, pointer: str, target: Any, seen: frozenset, depth: int
    ) -> _Node:
        id_ref = None
        if isinstance(target, dict):
            for member in target.get("anyOf") or ():
                if isinstance(member, dict) and _is_id_ref(str(member.get("$ref", ""))):
                    id_ref = _split_ref(member["$ref"], doc_uri)
        node = self._link_node(*(id_ref or ("", "")), seen, depth)
        node.type_source = f"{doc_uri}#{pointer}"
        if isinstance(target, dict):
            node.expanded = _Loc(doc_uri, pointer, target)
        if isinstance(target, dict):  # describe what the link leads to, not "a reference"
            for key in ("description", "longDescription"):
                if isinstance(target.get(key), str):
                    node.kw[key] = target[key]
        return node

    def _link_node(self, doc_uri: str, pointer: str, seen: frozenset, depth: int) -> _Node:
        """``odata-v4.json#/definitions/idRef``: ``{"@odata.id": ...}``, loaded or assumed."""
        node = None
        if doc_uri:
            doc = self.docs.get(doc_uri)
            target = _walk_pointer(doc, pointer) if doc is not None else None
            if isinstance(target, dict):
                node = self._resolve(_Loc(doc_uri, pointer, target), seen, depth + 1)
        if node is None or not node.properties:
            node = _Node(source=f"{doc_uri}#{pointer}" if doc_uri else "(link)")
            node.types = ("object",)
            node.additional = False
            node.properties = {"@odata.id": _Loc("", "", _ODATA_ID)}
        node.is_link = True
        return node

    def _any_of(self, members: list, loc: _Loc, seen: frozenset, depth: int) -> _Node:
        nullable = False
        has_id_ref = False
        candidates: list[tuple[int, dict]] = []
        for index, member in enumerate(members):
            if not isinstance(member, dict):
                continue
            if member.get("type") == "null" and "$ref" not in member:
                nullable = True
            elif isinstance(member.get("$ref"), str) and _is_id_ref(member["$ref"]):
                has_id_ref = True
            else:
                candidates.append((index, member))
        base: _Node | None = None
        types: list[str] = []
        versions_only = self._versions_only(candidates, loc.doc_uri)
        missing = False  # an alternative whose definition could not be read
        for index, member in self._prefer_versions(candidates, loc.doc_uri):
            pointer = f"{loc.pointer}/anyOf/{index}"
            node = self._resolve(_Loc(loc.doc_uri, pointer, member), seen, depth + 1)
            if node.known:
                base = base or node
                types = list(_merge_types(types, node.types))
                if versions_only:
                    break
            else:
                missing = True
        if base is None and has_id_ref and not candidates:
            base = self._link_node("", "", seen, depth)
        elif missing and (base is None or not versions_only):
            # What an unreadable alternative allows is unknown, so the whole anyOf is: the
            # known ones (or null alone) must not narrow it ("'Pxe' ... must be null").
            return _unknown(loc.where)
        elif base is None:
            base = _Node(source=loc.where)
        base = _copy(base)
        base.types = _merge_types(types, base.types, ("null",) if nullable else ())
        if has_id_ref and "@odata.id" not in base.properties and base.properties:
            base.properties = {**base.properties, "@odata.id": _Loc("", "", _ODATA_ID)}
        return base

    def _versions_only(self, candidates: list[tuple[int, dict]], base_uri: str) -> bool:
        """Whether the members are one definition in several versioned files."""
        seen = set()
        for _, member in candidates:
            ref = member.get("$ref")
            if not isinstance(ref, str):
                return False
            doc_uri, pointer = _split_ref(ref, base_uri)
            stem = document_stem(doc_uri)
            if stem is None or stem[1] is None:
                return False
            seen.add((stem[0], pointer))
        return len(seen) == 1

    def _prefer_versions(
        self, candidates: list[tuple[int, dict]], base_uri: str
    ) -> list[tuple[int, dict]]:
        """Order versioned alternatives: the declared minor first, then older, then newer."""
        if len(candidates) < 2 or not self._versions_only(candidates, base_uri):
            return candidates

        def version_of(member: dict) -> tuple[str, tuple[int, ...]]:
            stem = document_stem(_split_ref(member["$ref"], base_uri)[0])
            assert stem is not None
            return stem[0], version_tuple(stem[1]) or (0, 0, 0)

        namespace = version_of(candidates[0][1])[0]
        want = version_tuple(self.declared.get(namespace))

        def rank(item: tuple[int, dict]) -> tuple:
            have = version_of(item[1])[1]
            if want is None:
                return (0, tuple(-v for v in have))
            if have[:2] == want[:2]:
                return (0, tuple(-v for v in have))
            if have[:2] < want[:2]:
                return (1, tuple(-v for v in have))
            return (2, have)

        return sorted(candidates, key=rank)

    def _overlay(self, base: _Node, loc: _Loc) -> _Node:
        """The referring node's own keywords on top of what its reference resolved to."""
        raw: dict = loc.raw
        node = base
        for key in _OVERLAY_KEYS:
            if key in raw:
                node.kw[key] = raw[key]
        if "type" in raw:
            node.types = _merge_types(_as_types(raw["type"]), node.types if node.known else ())
            node.known = True
        if "enum" in raw:
            node.enum, has_null = self._enum(raw["enum"], loc)
            if has_null:
                node.types = _merge_types(node.types, ("null",))
            node.known = True
        if isinstance(raw.get("properties"), dict):
            node.properties = {
                str(name): _Loc(loc.doc_uri, f"{loc.pointer}/properties/{_esc(name)}", sub)
                for name, sub in raw["properties"].items()
            }
            node.known = True
        if isinstance(raw.get("patternProperties"), dict):
            node.declares_patterns = True
            node.pattern_properties = []
            for text, sub in raw["patternProperties"].items():
                try:
                    compiled = re.compile(text)
                except re.error:
                    continue
                where = f"{loc.pointer}/patternProperties/{_esc(text)}"
                node.pattern_properties.append((compiled, _Loc(loc.doc_uri, where, sub)))
        if isinstance(raw.get("additionalProperties"), bool):
            node.additional = raw["additionalProperties"]
        if "items" in raw and isinstance(raw["items"], dict):
            node.items = _Loc(loc.doc_uri, f"{loc.pointer}/items", raw["items"])
            if "array" not in node.types:
                node.types = _merge_types(node.types, ("array",))
        if isinstance(raw.get("required"), list):
            node.required = tuple(str(r) for r in raw["required"] if isinstance(r, str))
        if isinstance(raw.get("parameters"), dict):
            node.parameters = {
                str(name): _Loc(loc.doc_uri, f"{loc.pointer}/parameters/{_esc(name)}", sub)
                for name, sub in raw["parameters"].items()
            }
        if node.properties and not node.types:
            node.types = ("object",)
        if not node.is_link and node.properties and _link_properties_only(node):
            node.is_link = True
        return node

    def _enum(self, values: Any, loc: _Loc) -> tuple[tuple | None, bool]:
        """Enum values without null, and whether null was among them.

        iLO writes ``"enum": [{"$ref": "Resource.json#/definitions/ResetType"}]`` in places;
        such an entry stands for the referenced enum.
        """
        if not isinstance(values, list):
            return None, False
        out: list = []
        has_null = False
        for value in values:
            if value is None:
                has_null = True
            elif isinstance(value, dict) and isinstance(value.get("$ref"), str):
                doc_uri, pointer = _split_ref(value["$ref"], loc.doc_uri)
                target = self.at(doc_uri, pointer)
                out.extend(v for v in target.enum or () if v not in out)
            elif isinstance(value, str | int | float | bool):
                out.append(value)
        return (tuple(out) if out else None), has_null

    def child(self, node: _Node, name: str) -> tuple[_Node, _Loc | None, bool] | None:
        """A member of an object node: (node, its location, matched by a pattern)."""
        loc = node.properties.get(name)
        if loc is not None:
            return self.node(loc), loc, False
        for pattern, ploc in node.pattern_properties:
            if pattern.search(name):
                return self.node(ploc), ploc, True
        full = self.expanded(node)
        return self.child(full, name) if full is not None else None

    def expanded(self, node: _Node) -> _Node | None:
        """The full definition behind a resource link, when known."""
        if node.expanded is None:
            return None
        full = self.node(node.expanded)
        return full if full.known and full is not node and full.expanded is None else None


_ODATA_ID = {
    "type": "string",
    "format": "uri-reference",
    "readonly": True,
    "description": "The URI of the linked resource.",
}


def _esc(name: Any) -> str:
    return str(name).replace("~", "~0").replace("/", "~1")


def _copy(node: _Node) -> _Node:
    return _Node(
        source=node.source,
        known=node.known,
        types=node.types,
        kw=dict(node.kw),
        enum=node.enum,
        properties=dict(node.properties),
        pattern_properties=list(node.pattern_properties),
        declares_patterns=node.declares_patterns,
        additional=node.additional,
        items=node.items,
        required=node.required,
        parameters=dict(node.parameters),
        is_link=node.is_link,
        type_source=node.type_source,
        expanded=node.expanded,
    )


def _str_map(value: Any) -> Mapping[str, str]:
    if not isinstance(value, dict):
        return _EMPTY
    return MappingProxyType({str(k): str(v) for k, v in value.items() if isinstance(v, str)})


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def _int(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


_ANNOTATION_RE = re.compile(
    r"^([A-Za-z_][A-Za-z0-9_.#]*)?@[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][\w.]*$"
)


def is_annotation(name: str) -> bool:
    """``@odata.etag``, ``Prop@Redfish.AllowableValues``, ``@Redfish.SettingsApplyTime``."""
    return bool(_ANNOTATION_RE.match(name))


# --------------------------------------------------------------------------- TypeSchema


class TypeSchema:
    """The schema of one resource type, as the resource's ``@odata.type`` declares it."""

    def __init__(
        self,
        odata_type: str,
        name: TypeName,
        resolver: _Resolver,
        root: _Node,
        source_uri: str,
        schema_version: str | None,
    ) -> None:
        self.odata_type = odata_type
        self.namespace = name.namespace
        self.version = name.version
        self.type_name = name.type_name
        self.source_uri = source_uri
        # The version the document actually describes; differs from ``version`` when the
        # service (or folder) had no file for the exact version and a neighbour was used.
        self.schema_version = schema_version
        # Where the rules come from, for people: "service", "bundled DMTF ComputerSystem
        # v1.20.0" (a source that can tell says so; see iloshell.model.bundled).
        self.origin = ""
        self._resolver = resolver
        self._root = root
        self._nodes: dict[tuple[str, ...], tuple[_Node, PropertyInfo] | None] = {}
        self._actions: dict[str, ActionSchema] | None = None
        self.description: str | None = _text(root.kw.get("description"))
        self.long_description: str | None = _text(root.kw.get("longDescription"))

    def __repr__(self) -> str:
        return f"TypeSchema({self.odata_type!r} from {self.source_uri!r})"

    @property
    def exact(self) -> bool:
        """Whether the document is for the declared major.minor version (errata aside)."""
        want, have = version_tuple(self.version), version_tuple(self.schema_version)
        if want is None or have is None:
            return want is None or self.schema_version is None
        return want[:2] == have[:2]

    # -- navigation

    def _node(self, parts: Sequence[str] | str) -> tuple[_Node, PropertyInfo] | None:
        """Walk to ``parts``; every element of an array shares the entry of element 0."""
        key = _as_parts(parts)
        if key in self._nodes:
            return self._nodes[key]
        entry = self._nodes.get(())
        if entry is None:
            entry = (self._root, self._info("", (), self._root, None, False))
            self._nodes[()] = entry
        canonical: tuple[str, ...] = ()
        for part in key:
            parent = entry[0]
            if parent.items is not None and part.isdigit():
                part = "0"
            canonical = (*canonical, part)
            if canonical in self._nodes:
                found = self._nodes[canonical]
            else:
                found = self._child(parent, canonical)
                self._nodes[canonical] = found
            if found is None:
                return None
            entry = found
        if canonical != key:  # element n: same schema, its own name and pointer
            return entry[0], _renamed(entry[1], key[-1], pointer_text(list(key)))
        return entry

    def _child(self, parent: _Node, key: tuple[str, ...]) -> tuple[_Node, PropertyInfo] | None:
        name = key[-1]
        if parent.items is not None and name.isdigit() and parent.items.raw is not None:
            node = self._resolver.node(parent.items)
            return node, self._info(name, key, node, parent, False)
        found = self._resolver.child(parent, name)
        if found is not None:
            node, _, by_pattern = found
            return node, self._info(name, key, node, parent, by_pattern)
        if is_annotation(name) and not parent.declares_patterns and parent.known:
            # iLO's flattened schemas never declare annotations, yet the service uses them.
            node = _Node(source=f"{parent.source} (annotation)", types=JSON_TYPES)
            node.kw["description"] = "A Redfish annotation; this schema does not declare it."
            return node, self._info(name, key, node, parent, True)
        return None

    def _info(
        self,
        name: str,
        key: tuple[str, ...],
        node: _Node,
        parent: _Node | None,
        by_pattern: bool,
    ) -> PropertyInfo:
        kw = node.kw
        items_info = None
        if node.items is not None and node.items.raw is not None and len(key) < 64:
            item_node = self._resolver.node(node.items)
            items_info = self._info(name, (*key, "0"), item_node, node, False)
        readonly = kw.get("readonly")
        deprecated = kw.get("deprecated")
        if deprecated is True:
            deprecated = "Deprecated."
        types = node.types
        return PropertyInfo(
            name=name,
            pointer=pointer_text(list(key)),
            types=types,
            readonly=readonly if isinstance(readonly, bool) else None,
            description=_text(kw.get("description")),
            long_description=_text(kw.get("longDescription")),
            enum=node.enum,
            enum_descriptions=_str_map(kw.get("enumDescriptions")),
            pattern=_text(kw.get("pattern")),
            minimum=_num(kw.get("minimum")),
            maximum=_num(kw.get("maximum")),
            min_length=_int(kw.get("minLength")),
            max_length=_int(kw.get("maxLength")),
            units=_text(kw.get("units")),
            deprecated=_text(deprecated),
            is_link=node.is_link or bool(items_info and items_info.is_link),
            source=node.source,
            type_source=node.type_source,
            enum_long_descriptions=_str_map(kw.get("enumLongDescriptions")),
            enum_deprecated=_str_map(kw.get("enumDeprecated")),
            format=_text(kw.get("format")),
            version_added=_text(kw.get("versionAdded")),
            version_deprecated=_text(kw.get("versionDeprecated")),
            write_only=kw.get("writeOnly") is True,
            required=bool(parent and name in parent.required)
            or kw.get("requiredParameter") is True,
            is_annotation=is_annotation(name) or (by_pattern and "@" in name),
            known=node.known,
            additional_properties=node.additional
            if node.additional is not None
            else (True if "object" in types and node.known else None),
            items=items_info,
        )

    def lookup(self, parts: Sequence[str] | str) -> PropertyInfo | None:
        """The property at ``parts`` (unescaped names, array indices as digit strings).

        A JSON pointer string (``"/Boot/BootSourceOverrideTarget"``) is accepted too."""
        found = self._node(parts)
        return found[1] if found else None

    def properties(self, parts: Sequence[str] | str = ()) -> dict[str, PropertyInfo]:
        """The declared members of the resource, or of the object (or array of objects) at
        ``parts``. Pattern-matched members are not listed: they have no fixed names."""
        parts = _as_parts(parts)
        found = self._node(parts)
        if found is None:
            return {}
        node = found[0]
        if node.items is not None and not node.properties and node.items.raw is not None:
            parts = (*parts, "0")
            item = self._node(parts)
            if item is None:
                return {}
            node = item[0]
        out = {}
        for name in node.properties:
            info = self.lookup((*parts, name))
            if info is not None:
                out[name] = info
        return out

    def allows_additional(self, parts: Sequence[str] | str = ()) -> bool:
        """Whether members the schema does not name may appear in the object at ``parts``.

        True when the schema does not say (or is unknown): only a schema that closes an
        object can make a property "unknown".
        """
        found = self._node(parts)
        if found is None:
            return True
        node = found[0]
        full = self._resolver.expanded(node)
        if full is not None:
            node = full
        if not node.known:
            return True
        return node.additional is not False

    def actions(self) -> dict[str, ActionSchema]:
        """The actions the type defines, keyed ``#Namespace.Action``, with parameter info."""
        if self._actions is None:
            self._actions = self._find_actions()
        return dict(self._actions)

    def _find_actions(self) -> dict[str, ActionSchema]:
        out: dict[str, ActionSchema] = {}
        found = self._node(("Actions",))
        if found is not None:
            for name in found[0].properties:
                if not name.startswith("#"):
                    continue
                action = self._node(("Actions", name))
                if action is None:
                    continue
                node = action[0]
                params: dict[str, PropertyInfo] = {}
                for pname, ploc in node.parameters.items():
                    pnode = self._resolver.node(ploc)
                    params[pname] = self._info(pname, ("Actions", name, pname), pnode, node, False)
                required = tuple(p for p, info in params.items() if info.required)
                out[name] = ActionSchema(
                    name=name,
                    description=_text(node.kw.get("description")),
                    long_description=_text(node.kw.get("longDescription")),
                    parameters=MappingProxyType(params),
                    required=required,
                    source=node.source,
                )
        out.update(self._flattened_actions(out))
        return out

    def _flattened_actions(self, known: Mapping[str, ActionSchema]) -> dict[str, ActionSchema]:
        """iLO's flattened files describe actions under a top-level ``actions.actions``."""
        doc_uri = self.source_uri.split("#", 1)[0]
        doc = self._resolver.docs.get(doc_uri)
        table = _walk_pointer(doc, "/actions/actions") if doc is not None else None
        out: dict[str, ActionSchema] = {}
        if not isinstance(table, dict):
            return out
        for bare, raw in table.items():
            name = "#" + str(bare).lstrip("#")
            if (name in known and known[name].parameters) or not isinstance(raw, dict):
                continue
            loc = _Loc(doc_uri, f"/actions/actions/{_esc(bare)}", raw)
            node = self._resolver.node(loc)
            params: dict[str, PropertyInfo] = {}
            for pname in node.properties:
                if pname in ("Action", "target", "title"):
                    continue
                pnode = self._resolver.node(node.properties[pname])
                params[pname] = self._info(pname, ("Actions", name, pname), pnode, node, False)
            out[name] = ActionSchema(
                name=name,
                description=_text(node.kw.get("description")),
                long_description=_text(node.kw.get("longDescription")),
                parameters=MappingProxyType(params),
                required=tuple(p for p in node.required if p in params),
                source=node.source,
            )
        return out


# --------------------------------------------------------------------------- SchemaLibrary


class SchemaLibrary:
    """Resource types to :class:`TypeSchema`, cached; documents are shared between types."""

    def __init__(self, source: SchemaSource) -> None:
        self.source = source
        self._docs = _Documents(source)
        self._types: dict[str, TypeSchema | None] = {}

    def for_type(self, odata_type: str) -> TypeSchema | None:
        """The schema for ``#Namespace.vX_Y_Z.Type``; None when no document describes it.

        Never raises for missing or broken documents. Errors the source raises on purpose
        (``IloshellError``: the connection is gone) propagate.
        """
        if not isinstance(odata_type, str):
            return None
        key = odata_type.strip().lstrip("#")
        if key not in self._types:
            self._types[key] = self._build(odata_type.strip())
        return self._types[key]

    def _build(self, odata_type: str) -> TypeSchema | None:
        name = parse_odata_type(odata_type)
        if name is None:
            return None
        declared = {name.namespace: name.version} if name.version else {}
        resolver = _Resolver(self._docs, declared)
        try:
            uri = self.source.schema_uri(name.odata_type)
        except (ValueError, TypeError, KeyError, OSError):
            uri = None
        if not uri:
            return None  # the source knows of no document: asking around costs GETs for nothing
        found = self._root(resolver, name, uri)
        if found is None and name.version:
            # The named document lacked the type (say, an unversioned file without this
            # version): try the DMTF file names.
            for candidate in (
                f"{DMTF_SCHEMA_BASE}{name.namespace}.{name.version}.json",
                f"{DMTF_SCHEMA_BASE}{name.namespace}.json",
            ):
                found = self._root(resolver, name, candidate)
                if found is not None:
                    break
        if found is None:
            return None
        root_uri, root, version = found
        schema = TypeSchema(name.odata_type, name, resolver, root, root_uri, version)
        origin = getattr(self.source, "origin", None)
        if callable(origin):
            schema.origin = origin(name.odata_type)
        return schema

    def _root(
        self, resolver: _Resolver, name: TypeName, uri: str
    ) -> tuple[str, _Node, str | None] | None:
        """Find the type's definition in the document at ``uri`` (either shape)."""
        doc_uri, pointer = _split_ref(uri, "")
        doc = self._docs.get(doc_uri)
        if doc is None:
            return None
        candidates = [pointer] if "#" in uri and pointer else []
        candidates += [f"/definitions/{_esc(name.type_name)}", ""]
        for candidate in candidates:
            raw = _walk_pointer(doc, candidate)
            if not isinstance(raw, dict):
                continue
            if candidate == "" and "properties" not in raw and "$ref" not in raw:
                continue
            members = raw.get("anyOf")
            if isinstance(members, list) and "properties" not in raw:
                picked = self._pick_version(resolver, name, doc_uri, candidate, members)
                if picked is not None:
                    return picked
                continue
            node = resolver.at(doc_uri, candidate)
            if not node.known or not (node.properties or node.pattern_properties):
                continue
            return f"{doc_uri}#{candidate}", node, _doc_version(doc, doc_uri, name)
        return None

    def _pick_version(
        self, resolver: _Resolver, name: TypeName, doc_uri: str, pointer: str, members: list
    ) -> tuple[str, _Node, str | None] | None:
        """The unversioned DMTF file: choose the versioned definition the resource declares.

        Collections are unversioned and defined inline, next to ``idRef``, in the same list.
        """
        refs = []
        for index, member in enumerate(members):
            ref = member.get("$ref") if isinstance(member, dict) else None
            if isinstance(member, dict) and ref is None and "properties" in member:
                inline = f"{pointer}/anyOf/{index}"
                node = resolver.at(doc_uri, inline)
                if node.known and node.properties:
                    return f"{doc_uri}#{inline}", node, None
            if isinstance(ref, str) and not _is_id_ref(ref):
                target, pointer = _split_ref(ref, doc_uri)
                stem = document_stem(target)
                if stem and stem[1]:
                    refs.append((version_tuple(stem[1]) or (0,), target, pointer, stem[1]))
        want = version_tuple(name.version)
        exact = f"{DMTF_SCHEMA_BASE}{name.namespace}.{name.version}.json"
        ordered = []
        if name.version and not any(r[3] == name.version for r in refs):
            ordered.append((want or (0,), exact, f"/definitions/{name.type_name}", name.version))

        def rank(ref: tuple) -> tuple:
            have = ref[0]
            if want is None:
                return (0, tuple(-v for v in have))
            if have[:2] == want[:2]:
                return (0, 0 if have == want else 1, tuple(-v for v in have))
            if have[:2] < want[:2]:
                return (1, 0, tuple(-v for v in have))
            return (2, 0, have)

        ordered += sorted(refs, key=rank)
        for _, target, where, version in ordered:
            node = resolver.at(target, where)
            if node.known and (node.properties or node.pattern_properties):
                return f"{target}#{where}", node, version
        return None


def _doc_version(doc: dict, doc_uri: str, name: TypeName) -> str | None:
    """Which version a schema document describes: its title, else its file name."""
    title = doc.get("title")
    parsed = parse_odata_type(title) if isinstance(title, str) else None
    if parsed and parsed.namespace == name.namespace:
        return parsed.version
    stem = document_stem(doc_uri)
    if stem and stem[0].casefold() == name.namespace.casefold() and stem[1]:
        return stem[1]
    return name.version if stem is None else None
