"""Where a ``set PATH=VALUE`` lands: which resource gets the PATCH, at which pointer, and what
the service's schema and registries say about it.

Redfish resources with ``@Redfish.Settings`` (BIOS on iLO) are not written directly: the
change goes to their SettingsObject and takes effect at the next reset. That redirection, and
the validation that follows, live here so ``set``, ``edit`` and ``load`` share them.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from iloshell.errors import CommandError, IloshellError, could_not_ask
from iloshell.graph.graph import Graph
from iloshell.model.patch import settings_object
from iloshell.redfish.resource import (
    Resource,
    holds_secret,
    is_link,
    is_secret_name,
    matches_name,
)
from iloshell.redfish.walk import Location, Walker, node_at, node_or, path_text
from iloshell.staging.plan import merged_body
from iloshell.staging.stage import MISSING, Change

if TYPE_CHECKING:  # the model is imported when a change is checked, not at start-up
    from iloshell.model.attributes import AttributeRegistry
    from iloshell.model.registries import ServiceRegistries
    from iloshell.model.schemas import SchemaLibrary, TypeSchema
    from iloshell.model.validate import Violation


@dataclass
class Target:
    """A property the user named, resolved to what commit will PATCH."""

    resource: Resource  # the resource the user addressed (Bios, not its settings object)
    pointer: tuple[str, ...]  # the property inside it (whole arrays: see array_root)
    display: str  # /Systems/1/Boot/BootSourceOverrideTarget
    patch: Resource  # where the PATCH goes (the settings object, or the resource itself)

    @property
    def via_settings(self) -> bool:
        return self.patch is not self.resource

    def current(self) -> Any:
        """The value in effect now (on the addressed resource)."""
        return node_or(self.resource.body, self.pointer, MISSING)

    def pending(self) -> Any:
        """The value waiting in the settings object (MISSING when there is none)."""
        if not self.via_settings:
            return MISSING
        return node_or(self.patch.body, self.pointer, MISSING)


def resolve_target(navigator: Walker, path: str, cwd: Location) -> Target:
    """Resolve ``PATH`` of ``PATH=VALUE``: everything but the last name must exist; the last
    name is matched to an existing property (exact, then ignoring case) or taken as typed."""
    path = path.strip()
    if not path or (path.endswith("/") and path.strip("/") == ""):
        raise CommandError("set: the property path is empty")
    parent_text, _, name = path.rstrip("/").rpartition("/")
    nested = "/" in path.rstrip("/")
    parent = navigator.resolve(parent_text or "/", cwd) if nested else cwd
    lookup = navigator.lookup
    resource = lookup(parent.uri)
    node = navigator.value(parent)
    name = name.replace("~1", "/").replace("~0", "~")
    if isinstance(node, list):
        pointer = (*parent.pointer, name)
    elif isinstance(node, dict):
        exact = [k for k in node if matches_name(k, name) == 2]
        loose = [k for k in node if matches_name(k, name) == 1]
        key = (exact or loose or [name])[0]
        if is_link(node.get(key)):
            raise CommandError(
                f"{path_text((*parent.path, key))} is a link to another resource; "
                "cd there and set its properties"
            )
        pointer = (*parent.pointer, key)
    else:
        raise CommandError(f"{parent.display()} is a value; set a property of an object")
    display = path_text((*parent.path, pointer[-1]))
    patch = resource
    settings = settings_object(resource.body)
    if settings and parent.pointer[:1] != ("@Redfish.Settings",):
        patch = lookup(settings)
    return Target(resource, pointer, display, patch)


def array_root(body: Any, pointer: tuple[str, ...]) -> int | None:
    """Index in ``pointer`` of the first array it walks through (PATCH replaces whole arrays)."""
    node = body
    for index, part in enumerate(pointer[:-1]):
        node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, list):
            return index + 1
    return None


def staged_change(target: Target, value: Any) -> tuple[tuple[str, ...], Any]:
    """The (pointer, value) to stage: an element of an array becomes the whole array with
    that element replaced, because a PATCH cannot address one element."""
    cut = array_root(target.patch.body, target.pointer)
    if cut is None:
        return target.pointer, value
    array = copy.deepcopy(node_at(target.patch.body, target.pointer[:cut]))
    index_text = target.pointer[cut]
    try:
        index = int(index_text)
    except ValueError:
        raise CommandError(f"{target.display}: {index_text!r} is not an array index") from None
    node: Any = array
    rest = target.pointer[cut + 1 :]
    if not rest:
        if index == len(array):
            array.append(value)
        elif 0 <= index < len(array):
            array[index] = value
        else:
            raise CommandError(f"{target.display}: index out of range ({len(array)} elements)")
        return target.pointer[:cut], array
    node = array[index]
    for part in rest[:-1]:
        node = node[part]
    node[rest[-1]] = value
    return target.pointer[:cut], array


@dataclass
class Checked:
    """What validation found for a candidate change."""

    violations: list[Violation]
    validated: bool  # False: no schema (and no registry) covered it
    secret: bool


class Checker:
    """Validates candidate changes against the service's schemas and attribute registries."""

    def __init__(self, graph: Graph, schemas: SchemaLibrary, registries: ServiceRegistries):
        self.graph = graph
        self.schemas = schemas
        self.registries = registries

    def schema_for(self, resource: Resource) -> TypeSchema | None:
        if not resource.odata_type:
            return None
        try:
            return self.schemas.for_type(resource.odata_type)
        except IloshellError as err:
            if could_not_ask(err):
                raise  # not "no schema": the change must not pass unvalidated
            return None

    def attributes_for(self, resource: Resource) -> AttributeRegistry | None:
        name = resource.body.get("AttributeRegistry") if isinstance(resource.body, dict) else None
        if not isinstance(name, str):
            return None
        try:
            return self.registries.attribute_registry(name)
        except IloshellError as err:
            if could_not_ask(err):
                raise
            return None

    def check(self, target: Target, changes: list[Change]) -> Checked:
        """Check changes bound for one PATCH target together (one body, as commit sends it)."""
        from iloshell.model.validate import check_patch

        body = merged_body(changes)
        schema = self.schema_for(target.patch) or self.schema_for(target.resource)
        attributes = self.attributes_for(target.resource) if "Attributes" in body else None
        current = merged_current(target)
        violations = check_patch(body, current, schema, attributes)
        only_attributes = set(body) <= {"Attributes"}
        validated = schema is not None or (attributes is not None and only_attributes)
        if schema is not None and any(unknown_oem(schema, c.pointer) for c in changes):
            validated = False  # Oem is open to anything: what no schema describes is unchecked
        secret = any(is_secret(c.pointer, attributes, c.value) for c in changes)
        return Checked(violations, validated, secret)


def merged_current(target: Target) -> dict:
    """What check_patch compares against: the settings object's body, with the addressed
    resource's annotations (AllowableValues live on the resource, not its settings object)."""
    if not target.via_settings or not isinstance(target.resource.body, dict):
        return target.patch.body if isinstance(target.patch.body, dict) else {}
    merged = dict(target.patch.body) if isinstance(target.patch.body, dict) else {}
    for key, value in target.resource.body.items():
        merged.setdefault(key, value)
    return merged


def is_secret(
    pointer: tuple[str, ...], attributes: AttributeRegistry | None, value: Any = None
) -> bool:
    """Passwords never reach the disk or the screen: account Password properties and BIOS
    attributes of type Password, whether staged one by one or inside an object staged whole
    (``set Bios/Attributes={"AdminPassword": ...}``)."""
    if not pointer:
        return holds_secret(value)
    if is_secret_name(pointer[-1]) or holds_secret(value):
        return True
    if attributes is not None and pointer[0] == "Attributes":
        names = [pointer[1]] if len(pointer) == 2 else []
        if len(pointer) == 1 and isinstance(value, dict):
            names = [str(name) for name in value]
        return any(_secret_attribute(attributes, name) for name in names)
    return False


def _secret_attribute(attributes: AttributeRegistry, name: str) -> bool:
    attribute = attributes.attribute(name)
    return attribute is not None and attribute.secret


def unknown_oem(schema: TypeSchema, pointer: tuple[str, ...]) -> bool:
    """A property under ``Oem`` that the schema (or an OEM schema it references) does not
    describe: validation lets it through, so the change must be flagged unvalidated."""
    if "Oem" not in pointer:
        return False
    try:
        return schema.lookup(list(pointer)) is None
    except Exception:  # a broken schema checks nothing
        return True
