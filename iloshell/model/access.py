"""What may be written here, and with which values: the one answer every part of the shell asks.

``ls -l`` (its rw/ro column), ``explain``, Tab after ``set``/``invoke`` and validation (the
verdict of ``set`` and ``invoke``, and the simulator's) all call :func:`property_access`,
:func:`property_values` and :func:`parameter_values` and nothing else, so they cannot disagree:
Tab never offers a property or a value that ``set``/``invoke`` would refuse.

Access is ``rw``, ``ro`` or ``unknown`` with the reason and the *source* of the rule (the
schema file and pointer, the attribute registry, the Redfish specification), so ``explain``
can say where a verdict comes from. Unknown means "nothing says": the shell lets such a change
through unvalidated rather than guess.

Allowed values have one precedence. Each list the *service* gives is a statement about this
service: ``Prop@Redfish.AllowableValues`` on the resource or action, an ActionInfo's
``AllowableValues``, an attribute registry's ``Value[]``. When it gives several, the narrowest
(fewest values) wins — a value outside it would be refused by the service, so it is neither
offered nor accepted. Only when the service gives none does the schema's ``enum`` apply.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from iloshell.model.attributes import AttributeDef, AttributeRegistry
from iloshell.model.schemas import PropertyInfo, TypeSchema, is_annotation

RW, RO, UNKNOWN = "rw", "ro", "unknown"
SPECIFICATION = "Redfish specification"

# Read-only by the Redfish specification, even where a schema (iLO's) leaves it unsaid.
IDENTIFIERS = frozenset({"Id", "MemberId"})
# A resource's own URI, type and context: never writable. (An ETag in the body is accepted, as
# some clients send one; a link object's @odata.id is how a writable link is set.)
IDENTITY = frozenset({("@odata.id",), ("@odata.type",), ("@odata.context",)})
_DEPTH = 6  # how deep an object's members are searched for something writable


@dataclass(frozen=True)
class Access:
    """Whether a property may be written, why, and which document says so."""

    mode: str  # RW, RO or UNKNOWN
    reason: str  # "read-only in the schema", "an attribute the BIOS sets itself", ...
    source: str  # where the rule is written: a schema pointer, a registry name, the spec
    derived: bool = False  # an object decided by its members (Status: all read-only)

    @property
    def writable(self) -> bool | None:
        """True, False, or None when nothing says."""
        return None if self.mode == UNKNOWN else self.mode == RW


def _schema_source(schema: TypeSchema, info: PropertyInfo | None = None) -> str:
    return "schema " + ((info.source if info is not None else "") or schema.source_uri)


def property_access(
    schema: TypeSchema | None,
    parts: Sequence[str],
    attributes: AttributeRegistry | None = None,
) -> Access:
    """Whether the property at ``parts`` (names as the data spells them) may be PATCHed.

    ``attributes`` is the attribute registry of a resource that names one (Bios): it, not the
    schema, rules ``Attributes/<name>``. DMTF schemas put ``readonly`` on values only, never
    on an object or an array of objects (Boot, Status): those are writable when anything
    inside them is (Boot), read-only when everything inside is (Status); iLO marks some
    containers read-only that hold writable members, and those count as writable too.
    """
    parts = tuple(parts)
    if not parts:
        return Access(UNKNOWN, "the resource itself", SPECIFICATION)
    if "Actions" in parts:
        return Access(RO, "actions are invoked (invoke), never written", SPECIFICATION)
    if parts in IDENTITY:
        return Access(RO, "the resource's identity, set by the service", SPECIFICATION)
    if attributes is not None and parts[0] == "Attributes" and len(parts) == 2:
        return attribute_access(attributes.attribute(parts[1]), attributes)
    if is_annotation(parts[-1]):
        return Access(UNKNOWN, "an annotation: it steers a request, the service decides", "")
    if schema is None:
        return Access(UNKNOWN, "the service offers no schema for it", "")
    try:  # every element of an array has the access of the first: one cache entry for all
        return _cached_access(schema, tuple("0" if p.isdigit() else p for p in parts))
    except Exception:  # a broken schema says nothing, and must not break ls or Tab
        return Access(UNKNOWN, "the schema could not be read here", _schema_source(schema))


@lru_cache(maxsize=8192)
def _cached_access(schema: TypeSchema, parts: tuple[str, ...]) -> Access:
    """Schemas never change once built, and ls -l, explain and Tab ask about the same
    properties over and over (an object's access searches its members)."""
    return _schema_access(schema, parts, _DEPTH)


def _schema_access(schema: TypeSchema, parts: tuple[str, ...], depth: int) -> Access:
    info = schema.lookup(list(parts))
    if info is None and len(parts) > 1 and schema.lookup(list(parts[:-1])) is None:
        return _schema_access(schema, parts[:-1], depth)  # inside something undeclared
    closed = _closed_ancestor(schema, parts)
    if closed is not None:
        return closed
    if info is None:
        if "Oem" in parts or schema.allows_additional(list(parts[:-1])):
            return Access(UNKNOWN, "the schema does not declare it", _schema_source(schema))
        return Access(
            RO,
            "the schema does not declare it, so a PATCH of it is refused",
            _schema_source(schema),
        )
    source = _schema_source(schema, info)
    if info.readonly is False:
        return Access(RW, "writable in the schema", source)
    if info.readonly is True:
        if info.is_object and _members_writable(schema, parts):
            return Access(RW, "read-only as a whole, but holds writable members", source, True)
        return Access(RO, "the service sets it", source)
    if parts[-1] in IDENTIFIERS:
        return Access(RO, "an identifier, set by the service", SPECIFICATION)
    if not depth or not (info.is_object or info.is_array):
        return Access(UNKNOWN, "the schema does not say", source)
    inside = (*parts, "0") if info.is_array else parts
    answers = []
    for name, member in schema.properties(list(parts)).items():
        if name == "Oem" or member.is_annotation:
            continue
        found = _schema_access(schema, (*inside, name), depth - 1)
        if found.mode == RW:
            return Access(RW, f"holds writable members ({name})", source, True)
        answers.append(found.mode)
    if answers and UNKNOWN not in answers:
        return Access(RO, "everything inside it is read-only", source, True)
    return Access(UNKNOWN, "the schema does not say", source)


def _closed_ancestor(schema: TypeSchema, parts: tuple[str, ...]) -> Access | None:
    """RO when an object around ``parts`` is itself read-only and holds nothing writable:
    a PATCH of anything in it is refused at that object."""
    for cut in range(1, len(parts)):
        outer = schema.lookup(list(parts[:cut]))
        if outer is None or outer.readonly is not True:
            continue
        if not (outer.is_object and _members_writable(schema, parts[:cut])):
            name = "/".join(parts[:cut])
            return Access(
                RO, f"inside {name}, which the service sets", _schema_source(schema, outer)
            )
    return None


def _members_writable(schema: TypeSchema, parts: tuple[str, ...]) -> bool:
    if parts[-1] == "Oem":  # an open container, whatever a shared definition says
        return True
    return any(p.readonly is False for p in schema.properties(list(parts)).values())


def attribute_access(attribute: AttributeDef | None, registry: AttributeRegistry) -> Access:
    """A BIOS attribute's access, by its registry."""
    source = f"attribute registry {registry.name}"
    if attribute is None:
        return Access(RO, f"not an attribute of {registry.name}", source)
    if attribute.read_only:
        return Access(RO, "read-only in the attribute registry", source)
    if attribute.immutable:
        return Access(RO, "immutable in the attribute registry", source)
    return Access(RW, "writable in the attribute registry", source)


# --------------------------------------------------------------------------- allowed values

ANNOTATION = "@Redfish.AllowableValues"
ACTION_INFO = "ActionInfo"
REGISTRY = "attribute registry"
SCHEMA = "schema enum"


@dataclass(frozen=True)
class Allowed:
    """The values a property or parameter may take; ``values`` None when no list applies."""

    values: tuple[Any, ...] | None = None
    source: str = ""  # ANNOTATION, ACTION_INFO, REGISTRY or SCHEMA (+ where)
    kind: str = ""  # which of the four rules chose the list
    descriptions: Mapping[str, str] = field(default_factory=dict, hash=False)

    def accepts(self, value: Any) -> bool:
        """Whether ``value`` is in the list (always, when there is none); True keeps apart
        from 1, as in JSON."""
        if self.values is None:
            return True
        return any(_same(value, v) for v in self.values)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


def _scalars(values: Any) -> tuple[Any, ...] | None:
    if not isinstance(values, list):
        return None
    return tuple(v for v in values if isinstance(v, str | int | float | bool))


def narrowest(
    given: Sequence[tuple[str, str, Any]],
    fallback: Allowed | None = None,
) -> Allowed:
    """The narrowest of the lists the service gave (``(kind, source, values)``, in order of
    preference on a tie), else ``fallback`` (the schema's enum), else no list."""
    best: Allowed | None = None
    for kind, source, values in given:
        found = _scalars(values)
        if found is None:
            continue
        if best is None or len(found) < len(best.values or ()):
            best = Allowed(found, source, kind)
    if best is not None:
        return best
    return fallback if fallback is not None else Allowed()


def schema_values(info: PropertyInfo | None, source: str = "") -> Allowed | None:
    """The schema's enum, with each value's description; None when the schema lists none."""
    if info is None or not info.enum:
        return None
    values = tuple(v for v in info.enum if v is not None)
    return Allowed(values, source or f"{SCHEMA} ({info.source})", SCHEMA, info.enum_descriptions)


def property_values(
    info: PropertyInfo | None,
    annotation: Any = None,
    attribute: AttributeDef | None = None,
) -> Allowed:
    """The values ``set`` accepts for one property: ``annotation`` is the resource's
    ``Prop@Redfish.AllowableValues``, ``attribute`` the registry entry of a BIOS attribute
    (then the schema, which lets an attribute be any scalar, does not apply)."""
    given: list[tuple[str, str, Any]] = [(ANNOTATION, f"{ANNOTATION} on the resource", annotation)]
    if attribute is not None:
        if attribute.values and (attribute.type or "") == "Enumeration":
            names = [name for name, _ in attribute.values]
            given.append((REGISTRY, f"{REGISTRY} ({attribute.name})", names))
        found = narrowest(given)
        if found.kind == REGISTRY:
            shown = {n: d for n, d in attribute.values if d}
            return Allowed(found.values, found.source, found.kind, shown)
        return found
    return narrowest(given, schema_values(info))


def parameter_values(
    name: str,
    action: Mapping[str, Any],
    action_info: Mapping[str, Any] | None,
    declared: PropertyInfo | None,
) -> Allowed:
    """The values ``invoke`` accepts for the parameter ``name``: the action's
    ``name@Redfish.AllowableValues``, its ActionInfo's ``AllowableValues``, else the enum of
    the schema's parameter definition (``declared``)."""
    given: list[tuple[str, str, Any]] = []
    spec = info_parameter(action_info, name)
    if spec is not None:
        uri = action.get("@Redfish.ActionInfo")
        where = f" ({uri})" if isinstance(uri, str) else ""
        given.append((ACTION_INFO, f"{ACTION_INFO}{where}", spec.get("AllowableValues")))
    given.append((ANNOTATION, f"{ANNOTATION} on the action", action.get(name + ANNOTATION)))
    return narrowest(given, schema_values(declared))


def parameter_names(
    action: Mapping[str, Any],
    action_info: Mapping[str, Any] | None,
    declared: Mapping[str, PropertyInfo] | None,
) -> tuple[list[str], bool]:
    """The parameters ``invoke`` takes, and whether that list is closed (others refused):
    the ActionInfo's when the service gives one, else those the schema (``declared``) and
    the action's ``@Redfish.AllowableValues`` annotations name; open only when nothing
    names any (a parameter nobody defines is refused, with the known ones listed)."""
    from_info = info_parameters(action_info)
    if from_info is not None:
        return list(from_info), True
    named = list(declared or {})
    named += [
        k.removesuffix(ANNOTATION)
        for k in action
        if k.endswith(ANNOTATION) and k.removesuffix(ANNOTATION) not in named
    ]
    return named, bool(named)


def info_parameters(action_info: Mapping[str, Any] | None) -> dict[str, dict] | None:
    """An ActionInfo's ``Parameters`` by name; None when there is no usable list."""
    if not isinstance(action_info, Mapping) or not isinstance(action_info.get("Parameters"), list):
        return None
    return {
        str(p["Name"]): p
        for p in action_info["Parameters"]
        if isinstance(p, dict) and isinstance(p.get("Name"), str)
    }


def info_parameter(action_info: Mapping[str, Any] | None, name: str) -> dict | None:
    return (info_parameters(action_info) or {}).get(name)
