"""``explain``: what the service's own schemas and registries say about a place in the graph,
a BIOS attribute, an action or a MessageId — the shell's teaching tool.

Gathering and printing are separate: :func:`explanation` collects plain data (which is also
what ``--json`` prints) and :func:`format_explanation` lays it out for people, so both say the
same thing.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from iloshell.commands.context import Context
from iloshell.commands.helpers import pending_node, resolve_path
from iloshell.commands.spec import PATH, Arg, Args, command
from iloshell.errors import CommandError
from iloshell.model.access import (
    Access,
    attribute_access,
    parameter_values,
    property_access,
    property_values,
)
from iloshell.model.attributes import AttributeDef, AttributeRegistry, Dependency
from iloshell.model.registries import MessageId, parse_message_id
from iloshell.model.schemas import PropertyInfo, TypeSchema
from iloshell.redfish.actions import action_pointers, available_actions, shortest_action_name
from iloshell.redfish.paths import pointer_text, uri_key
from iloshell.redfish.resource import (
    Resource,
    entries,
    is_annotation,
    json_type,
    type_name,
)
from iloshell.redfish.walk import Location, PathError, node_or, path_text
from iloshell.render.explain import format_explanation
from iloshell.render.jsontext import dumps, short
from iloshell.staging.saved import lookup_property
from iloshell.staging.stage import MISSING
from iloshell.staging.target import settings_object

GROUP = "learn"
UNVERSIONED_ID = re.compile(r"^(?P<registry>[A-Za-z][A-Za-z0-9]*)\.(?P<name>[A-Za-z][A-Za-z0-9]*)$")
OPERATORS = {"EQU": "=", "NEQ": "!=", "GTR": ">", "GEQ": ">=", "LSS": "<", "LEQ": "<="}


@command(
    "explain",
    "Explain a property, resource, action, BIOS attribute or MessageId",
    group=GROUP,
    args=[
        Arg(
            "path",
            "what to explain (default: the current place), or a MessageId",
            "?",
            PATH,
        )
    ],
    description=(
        "Reads the service's own schema for the resource's @odata.type (the version the "
        "resource declares) and says what it knows: description, type, read-only or writable, "
        "allowed values and their meanings, units, pattern, bounds, and which schema said so. "
        "BIOS attributes are explained from the attribute registry (display name, help text, "
        "values, bounds, current and pending value); actions list their parameters (from "
        "ActionInfo when the service has it); a resource gets a table of its properties; a "
        "MessageId (Base.1.4.PropertyNotWritable) is looked up in the service's registries. "
        "With --json the same facts print as JSON."
    ),
    examples=(
        "explain /Systems/1/Boot/BootSourceOverrideTarget",
        "explain /Systems/1/Bios/Attributes/WorkloadProfile",
        "explain /Systems/1/Actions/#ComputerSystem.Reset",
        "explain /Systems/1",
        "explain Base.1.4.PropertyNotWritable",
    ),
)
def explain(ctx: Context, args: Args) -> None:
    # Its prose comes from schemas and registries, documents the service publishes alike to
    # everyone; only the values in it are this session's data (masked by the password).
    info = ctx.output.scrub_values(explanation(ctx, args.path), DATA_KEYS)
    if ctx.settings.json:
        ctx.output.static_lines([dumps(info)])
    else:
        ctx.output.static_lines(format_explanation(info))


# The members of an explanation that hold the resource's data rather than its documentation.
DATA_KEYS = frozenset({"value", "pending", "staged", "current"})


# -- gathering --------------------------------------------------------------------------------


def explanation(ctx: Context, text: str | None) -> dict[str, Any]:
    """Everything known about ``text`` (a path or a MessageId), as plain data."""
    if text and "/" not in text:
        mid = parse_message_id(text) or unversioned_message_id(ctx, text)
        if mid is not None:
            return message_info(ctx, mid)
    location, present = locate(ctx, text)
    info = place_info(ctx, location, present)
    add_commands(info, as_typed(text, location))
    return info


def place_info(ctx: Context, location: Location, present: bool) -> dict[str, Any]:
    conn = ctx.conn
    resource = conn.graph.get(location.uri)
    pointer = location.pointer
    if not pointer:
        return resource_info(ctx, location, resource)
    if len(pointer) >= 2 and pointer[-2] == "Actions" and pointer[-1].startswith("#"):
        return action_info(ctx, location, resource)
    if len(pointer) == 2 and pointer[0] == "Attributes":
        registry = conn.checker.attributes_for(resource)
        if registry is not None:
            return attribute_info(ctx, location, resource, registry, present)
    return property_info(ctx, location, resource, present)


def as_typed(text: str | None, location: Location) -> str:
    """The path to put in a suggested command: as the user typed it, so that the command
    works from where they are (``set Boot/BootSourceOverrideTarget=VALUE`` in /Systems/1);
    the full path when the typed text does not end with the name (``-``, ``.``, ``..``) or
    would need quoting."""
    typed = (text or "").rstrip("/")
    name = location.path[-1] if location.path else ""
    if not typed or re.search(r"[\s'\"$;\\]", typed):
        return location.display()
    if typed.rsplit("/", 1)[-1].casefold() != name.casefold():
        return location.display()
    return typed


def add_commands(info: dict[str, Any], typed: str) -> None:
    """The commands explain suggests, written with the path as typed (see :func:`as_typed`)."""
    if info.get("access", {}).get("mode") == "rw":
        info["change_with"] = f"set {typed}=VALUE"
    if info.get("attribute_registry"):
        info["attribute_registry"]["explain_with"] = f"explain {typed}/Attributes/NAME"


def unversioned_message_id(ctx: Context, text: str) -> MessageId | None:
    """``Base.PropertyNotWritable``: the message in the newest version of that registry the
    service has. Only when the text is not also a path that resolves (``Oem.Hpe`` is not a
    message), and only for a registry the service has: else it is explained as a path."""
    match = UNVERSIONED_ID.match(text.strip())
    if match is None or resolves(ctx, text):
        return None
    versions = ctx.conn.registries.versions(match["registry"])
    if not versions:
        return None
    major, minor, errata = max(versions, key=lambda v: (v[0], v[1], v[2] or 0))
    return MessageId(match["registry"], major, minor, errata, match["name"])


def resolves(ctx: Context, text: str) -> bool:
    try:
        resolve_path(ctx, text)
    except PathError:
        return False
    return True


def locate(ctx: Context, text: str | None) -> tuple[Location, bool]:
    """The place ``text`` names, and whether the data has it. A name the data lacks is still
    explained from the schema (a property the resource does not carry), and an action may be
    named without its ``#Namespace.`` (``Actions/Reset``)."""
    try:
        return resolve_path(ctx, text), True
    except PathError:
        if not text or not text.strip("/"):
            raise
        parent_text, sep, name = text.rstrip("/").rpartition("/")
        parent = resolve_path(ctx, parent_text or ("/" if sep else None))
        node = ctx.conn.navigator.value(parent)
        if not isinstance(node, dict) or not name:
            raise
        if parent.pointer[-1:] == ("Actions",):
            wanted = name.lstrip("#").casefold()
            for key in node:
                folded = key.casefold().lstrip("#")
                if folded == wanted or folded.endswith("." + wanted):
                    return parent.child(key), True
            raise
        return parent.child(name), False


def schema_meta(schema: TypeSchema | None) -> dict[str, Any] | None:
    if schema is None:
        return None
    return {
        "type": schema.odata_type,
        "version": schema.schema_version or schema.version,
        "declared_version": schema.version,
        "exact": schema.exact,
        "source": schema.source_uri.split("#", 1)[0],
        "origin": schema.origin,
    }


def first_sentence(text: str | None, width: int = 60) -> str:
    if not text:
        return ""
    sentence = text.strip().split(". ", 1)[0].rstrip(".")
    return sentence if len(sentence) <= width else sentence[: width - 1] + "…"


def access_data(access: Access) -> dict[str, str]:
    """The one access answer (:mod:`iloshell.model.access`) as explain's JSON shows it."""
    return {"mode": access.mode, "reason": access.reason, "source": access.source}


def pending_value(ctx: Context, resource: Resource, pointer: tuple[str, ...]) -> Any:
    """The value waiting in the resource's settings object (BIOS), MISSING when none is."""
    holder = pending_node(ctx, resource, pointer[:-1])
    return holder.get(pointer[-1], MISSING) if isinstance(holder, dict) else MISSING


def staged_value(ctx: Context, resource: Resource, pointer: tuple[str, ...]) -> Any:
    """The value ``set`` staged for this property (or the settings object's), if any."""
    targets = {uri_key(resource.uri)}
    target = settings_object(resource.body)
    if target:
        targets.add(uri_key(target))
    for change in ctx.conn.stage.own():
        if change.key[0] in targets and change.pointer == pointer:
            return change.shown_value()
    return MISSING


def put_values(data: dict[str, Any], **values: Any) -> None:
    """Add the values that exist (MISSING ones are left out, None is kept as null)."""
    data.update({k: v for k, v in values.items() if v is not MISSING})


def property_rows(
    node: Any,
    schema: TypeSchema | None,
    pointer: tuple[str, ...],
    kind_of: Any,
    registry: AttributeRegistry | None = None,
) -> list[dict[str, Any]]:
    """One row per name in an object: access (the one rule, with the attribute registry in
    a Bios resource's ``Attributes``), kind, a short description from the schema."""
    props = {}
    if schema is not None:
        try:
            props = schema.properties(list(pointer))
        except Exception:  # a broken schema must not break explain
            props = {}
    rows = []
    for entry in entries(node, top_level=not pointer, kind_of=kind_of):
        if entry.member or is_annotation(entry.name):
            continue
        info = props.get(entry.name)
        access = property_access(schema, (*pointer, entry.name), registry)
        rows.append(
            {
                "name": entry.name,
                "access": "" if access.writable is None else access.mode,
                "kind": entry.kind,
                "description": first_sentence(info.description if info else None),
            }
        )
    return rows


def resource_info(ctx: Context, location: Location, resource: Resource) -> dict[str, Any]:
    conn = ctx.conn
    schema = conn.checker.schema_for(resource)
    body = resource.body if isinstance(resource.body, dict) else {}
    data: dict[str, Any] = {
        "kind": "collection" if resource.is_collection else "resource",
        "path": location.display(),
        "uri": resource.uri,
        "type": resource.odata_type,
        "schema": schema_meta(schema),
        "description": schema.description if schema else None,
        "long_description": schema.long_description if schema else None,
    }
    if not data["description"] and isinstance(body.get("Description"), str):
        data["description"] = body["Description"]
    if resource.is_collection:
        data["members"] = len(resource.members())
    data["properties"] = property_rows(body, schema, (), conn.graph.kind_of)
    data["actions"] = [pointer_text(p)[1:] for p in action_pointers(body)]
    settings = settings_object(body)
    if settings:
        data["settings_object"] = settings
    registry = conn.checker.attributes_for(resource)
    if registry is not None:
        data["attribute_registry"] = {"name": registry.name, "attributes": len(registry)}
    return data


def property_info(
    ctx: Context, location: Location, resource: Resource, present: bool
) -> dict[str, Any]:
    conn = ctx.conn
    pointer = location.pointer
    name = pointer[-1]
    schema = conn.checker.schema_for(resource)
    info = lookup_property(schema, pointer)
    value = conn.navigator.value(location) if present else MISSING
    holder = node_or(resource.body, pointer[:-1], MISSING)
    allowable = holder.get(f"{name}@Redfish.AllowableValues") if isinstance(holder, dict) else None
    data: dict[str, Any] = {
        "kind": "property",
        "path": location.display(),
        "uri": f"{resource.uri}#{pointer_text(pointer)}",
        "name": name,
        "of": type_name(resource.odata_type),
        "schema": schema_meta(schema),
    }
    put_values(
        data,
        value=value,
        pending=pending_value(ctx, resource, pointer),
        staged=staged_value(ctx, resource, pointer),
    )
    if isinstance(allowable, list):
        data["allowable_values"] = allowable
    data["access"] = access_data(property_access(schema, pointer))
    if info is None:
        if not present:
            known = f" (the schema has no {name} either)" if schema else ""
            raise CommandError(f"{location.display()}: no such property here{known}")
        data["note"] = (
            f"the service offers no schema for {resource.odata_type or 'this resource'}"
            if schema is None
            else f"{schema.odata_type.lstrip('#')} does not declare {name}"
        )
        registry_name = (
            resource.body.get("AttributeRegistry") if pointer[0] == "Attributes" else None
        )
        if isinstance(registry_name, str):
            data["note"] += f", nor does it serve the attribute registry {registry_name}"
        data["json_type"] = json_type(value)
        return data
    data.update(describe_property(info, allowable))
    allowed = property_values(info, allowable)
    if allowed.values is not None:
        data["allowed"] = {"values": list(allowed.values), "source": allowed.source}
    if isinstance(value, dict):
        registry = conn.checker.attributes_for(resource) if pointer == ("Attributes",) else None
        data["properties"] = property_rows(value, schema, pointer, conn.graph.kind_of, registry)
    settings = settings_object(resource.body)
    if settings and data["access"]["mode"] == "rw":
        data["settings_object"] = settings
    return data


def describe_property(info: PropertyInfo, allowable: Any = None) -> dict[str, Any]:
    """The schema's facts about one property (or action parameter), JSON-ready."""
    data: dict[str, Any] = {
        "types": list(info.types),
        "readonly": info.readonly,
        "description": info.description,
        "long_description": info.long_description,
        "source": info.source,
    }
    accepted = set(map(str, allowable)) if isinstance(allowable, list) else None
    if info.enum:
        data["enum"] = [
            {
                "value": v,
                "description": info.enum_descriptions.get(v) or info.enum_long_descriptions.get(v),
                **({"accepted": str(v) in accepted} if accepted is not None else {}),
                **({"deprecated": info.enum_deprecated[v]} if v in info.enum_deprecated else {}),
            }
            for v in info.enum
            if v is not None
        ]
    for key, value in (
        ("pattern", info.pattern),
        ("minimum", info.minimum),
        ("maximum", info.maximum),
        ("min_length", info.min_length),
        ("max_length", info.max_length),
        ("units", info.units),
        ("format", info.format),
        ("deprecated", info.deprecated),
        ("version_added", info.version_added),
    ):
        if value is not None:
            data[key] = value
    if info.write_only:
        data["write_only"] = True
    if info.is_link:
        data["link"] = True
    if info.items is not None and info.is_array:
        data["items"] = {
            k: v
            for k, v in describe_property(info.items).items()
            if k in ("types", "enum", "pattern", "minimum", "maximum", "units", "link")
        }
    return data


def attribute_info(
    ctx: Context,
    location: Location,
    resource: Resource,
    registry: AttributeRegistry,
    present: bool,
) -> dict[str, Any]:
    name = location.pointer[-1]
    attr = registry.attribute(name)
    if attr is None:
        close = difflib.get_close_matches(name, [a.name for a in registry.attributes()], n=3)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise CommandError(f"{name}: not an attribute of {registry.name}{hint}")
    pointer = ("Attributes", attr.name)
    data: dict[str, Any] = {
        "kind": "attribute",
        "path": location.display(),
        "name": attr.name,
        "registry": {"name": registry.name, "version": registry.version},
    }
    data.update(describe_attribute(attr))
    data["access"] = access_data(attribute_access(attr, registry))
    allowed = property_values(None, None, attr)
    if allowed.values is not None:
        data["allowed"] = {"values": list(allowed.values), "source": allowed.source}
    put_values(
        data,
        value=node_or(resource.body, pointer, MISSING),
        pending=pending_value(ctx, resource, pointer),
        staged=staged_value(ctx, resource, pointer),
    )
    settings = settings_object(resource.body)
    if settings:
        data["settings_object"] = settings
    data["set_by"] = [rule_text(r) for r in registry.rules_for(attr.name)]
    data["affects"] = sorted({r.target for r in registry.rules_from(attr.name)})
    return data


def describe_attribute(attr: AttributeDef) -> dict[str, Any]:
    data: dict[str, Any] = {
        "display_name": attr.display_name,
        "help_text": attr.help_text,
        "type": attr.type,
        "read_only": attr.read_only,
    }
    if attr.values:
        data["values"] = [{"value": v, "display_name": d} for v, d in attr.values]
    for key, value in (
        ("lower_bound", attr.lower_bound),
        ("upper_bound", attr.upper_bound),
        ("scalar_increment", attr.scalar_increment),
        ("min_length", attr.min_length),
        ("max_length", attr.max_length),
        ("value_expression", attr.value_expression),
        ("warning_text", attr.warning_text),
        ("menu_path", attr.menu_path),
        ("reset_required", attr.reset_required),
        ("default", attr.default_value),
    ):
        if value is not None:
            data[key] = value
    for flag in ("gray_out", "hidden", "immutable", "write_only"):
        if getattr(attr, flag):
            data[flag] = True
    return data


def rule_text(rule: Dependency) -> str:
    """A dependency rule in words: ``ReadOnly becomes true when WorkloadProfile != Custom``."""
    terms = []
    for index, condition in enumerate(rule.conditions):
        join = "" if index == 0 else f" {(condition.terms or 'AND').lower()} "
        op = OPERATORS.get(condition.condition, condition.condition)
        terms.append(f"{join}{condition.attribute} {op} {short(condition.value)}")
    return f"{rule.property} becomes {short(rule.value)} when {''.join(terms)}"


def action_info(ctx: Context, location: Location, resource: Resource) -> dict[str, Any]:
    conn = ctx.conn
    pointer = location.pointer
    name = pointer[-1]
    action = node_or(resource.body, pointer, MISSING)
    action = action if isinstance(action, dict) else {}
    schema = schema_of_part(ctx, resource, pointer)
    definition = None
    if schema is not None:
        try:
            definition = schema.actions().get(name)
        except Exception:  # a broken schema must not break explain
            definition = None
    info_uri = action.get("@Redfish.ActionInfo")
    action_info_body = conn.fetch_or_none(info_uri) if isinstance(info_uri, str) else None
    declared = action_info_body.get("Parameters") if action_info_body else None
    from_info = {
        p["Name"]: p
        for p in declared or ()
        if isinstance(p, dict) and isinstance(p.get("Name"), str)
    }
    from_schema = dict(definition.parameters) if definition else {}
    annotated = {
        key.split("@", 1)[0]: value
        for key, value in action.items()
        if key.endswith("@Redfish.AllowableValues") and isinstance(value, list)
    }
    parameters = []
    for pname in dict.fromkeys([*from_info, *from_schema, *annotated]):
        parameters.append(
            describe_parameter(
                pname,
                from_info.get(pname),
                from_schema.get(pname),
                parameter_values(pname, action, action_info_body, from_schema.get(pname)).values,
            )
        )
    target = action.get("target")
    return {
        "kind": "action",
        "path": location.display(),
        "name": name,
        "of": type_name(resource.odata_type),
        "target": target if isinstance(target, str) else None,
        "action_info": info_uri if isinstance(info_uri, str) else None,
        "description": definition.description if definition else None,
        "long_description": definition.long_description if definition else None,
        "schema": schema_meta(schema),
        "parameters": parameters,
        "invoke": invoke_command(location, resource)
        + "".join(f" {p['name']}=..." for p in parameters if p.get("required")),
    }


def invoke_command(location: Location, resource: Resource) -> str:
    """``invoke PATH NAME`` for the action at ``location``: PATH the resource when invoke
    finds the action there (``Actions``, ``Actions/Oem/...``, ``Oem/Hpe/Actions``), else the
    object holding its ``Actions``; NAME as short as invoke takes without ambiguity."""
    key = location.pointer[-1]
    holder_path = location.path[:-2]  # the object that has Actions/#X
    holder: Any = node_or(resource.body, location.pointer[:-2], MISSING)
    if key in available_actions(resource.body):
        holder_path = location.path[: len(location.path) - len(location.pointer)]
        holder = resource.body
    return f"invoke {path_text(holder_path)} {shortest_action_name(holder, key)}"


def schema_of_part(ctx: Context, resource: Resource, pointer: tuple[str, ...]) -> Any:
    """The schema that defines the object at ``pointer``: an Oem object's own @odata.type
    (``Oem/Hpe`` is an HpeComputerSystemExt) when it declares one, else the resource's."""
    for cut in range(len(pointer) - 1, 0, -1):
        node = node_or(resource.body, pointer[:cut], MISSING)
        if isinstance(node, dict) and isinstance(node.get("@odata.type"), str):
            part = Resource(resource.uri, node)
            return ctx.conn.checker.schema_for(part)
    return ctx.conn.checker.schema_for(resource)


def describe_parameter(
    name: str, declared: dict | None, info: PropertyInfo | None, allowed: tuple | None
) -> dict[str, Any]:
    """One action parameter from ActionInfo and the schema; ``allowed`` is what invoke
    accepts (:func:`parameter_values`: the narrowest list the service gave, else the enum)."""
    data: dict[str, Any] = {"name": name}
    accepted = list(allowed) if allowed is not None else None
    if info is not None:
        data.update(describe_property(info, accepted))
        data["required"] = info.required
    if declared is not None:
        if isinstance(declared.get("Required"), bool):
            data["required"] = declared["Required"]
        if isinstance(declared.get("DataType"), str):
            data["data_type"] = declared["DataType"]
    if accepted is not None:
        data["allowable_values"] = accepted
    return data


def message_info(ctx: Context, mid: MessageId) -> dict[str, Any]:
    registry = ctx.conn.registries.message_registry(mid)
    if registry is None:
        raise CommandError(
            f"{mid}: this service has no {mid.registry} {mid.major}.x registry "
            "(ls /Registries lists the ones it has)"
        )
    definition = registry.message(mid.name)
    if definition is None:
        close = difflib.get_close_matches(mid.name, list(registry.messages()), n=3)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise CommandError(
            f"{mid}: registry {registry.prefix} {registry.version} has no message {mid.name}{hint}"
        )
    return {
        "kind": "message",
        "message_id": str(mid),
        "registry": {
            "prefix": registry.prefix,
            "version": registry.version,
            "name": registry.name,
            "owning_entity": registry.owning_entity,
        },
        "message": definition.message,
        "number_of_args": definition.number_of_args,
        "param_types": list(definition.param_types),
        "severity": definition.severity,
        "resolution": definition.resolution,
        "description": definition.description,
        "long_description": definition.long_description,
    }
