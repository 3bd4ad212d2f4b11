"""The text ``explain`` prints: layout only. :mod:`iloshell.commands.explain` gathers the facts
into plain JSON-ready dictionaries (what ``--json`` prints); these functions lay them out for
people, so both say the same.
"""

from __future__ import annotations

import textwrap
from typing import Any

from iloshell.redfish.resource import (
    ARRAY,
    COLLECTION,
    LINK,
    OBJECT,
    RESOURCE,
    json_type,
    type_name,
)
from iloshell.render.jsontext import short

WIDTH = 78
LABEL = 11  # width of the "type", "access" ... column
VALUE_COLUMN = 32  # widest allowed-value column; longer values put their meaning below


def format_explanation(info: dict[str, Any]) -> list[str]:
    """The text ``explain`` prints for what :func:`explanation` gathered."""
    return {
        "property": format_property,
        "resource": format_resource,
        "collection": format_resource,
        "attribute": format_attribute,
        "action": format_action,
        "message": format_message_id,
    }[info["kind"]](info)


def paragraph(text: str | None, indent: str = "  ") -> list[str]:
    if not text:
        return []
    return [*textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent), ""]


def field(label: str, value: Any, indent: str = "  ") -> list[str]:
    """``  label      value`` with the value wrapped under itself."""
    text = value if isinstance(value, str) else short(value, 200)
    pad = indent + " " * (LABEL + 1)
    return textwrap.wrap(  # a URI or a command cut in two could not be copied
        text,
        WIDTH,
        initial_indent=f"{indent}{label:<{LABEL}} ",
        subsequent_indent=pad,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [f"{indent}{label}"]


def type_words(types: list[str]) -> str:
    if not types:
        return "not stated"
    plain = [t for t in types if t != "null"]
    words = " or ".join(plain) or "null"
    return words + (", or null" if "null" in types and plain else "")


def access_words(info: dict[str, Any]) -> str:
    access = info.get("access", {})
    mode = access.get("mode")
    if mode == "unknown" and info.get("properties"):
        return "per property (below)"
    if mode == "unknown":
        return f"not known: {access.get('reason')}; set lets a change through unchecked"
    if mode == "ro":
        return f"read-only: {access.get('reason')}; set refuses to change it"
    where = (
        f" (in the settings object {info['settings_object']}: applies at the next reset)"
        if info.get("settings_object")
        else ""
    )
    return f"read-write: {info['change_with']} stages a change{where}"


def schema_line(info: dict[str, Any]) -> list[str]:
    schema = info.get("schema")
    if not schema:
        return []
    name = schema["type"].lstrip("#").rsplit(".", 1)[0]
    lines = field("schema", f"{name} ({schema['source']})")
    if schema.get("origin"):
        lines += field("rules from", schema["origin"])
    if not schema["exact"]:
        lines += field("", f"(no document for {schema['declared_version']}; the nearest was used)")
    return lines


def value_lines(info: dict[str, Any]) -> list[str]:
    lines = []
    if isinstance(info.get("value"), dict | list) and len(short(info["value"], 200)) > 60:
        lines += field("value", f"{json_type(info['value'])} (cat {info['path']} shows it)")
    elif "value" in info:
        lines += field("value", short(info["value"], 200))
    if "pending" in info and info.get("pending") != info.get("value"):
        lines += field("pending", f"{short(info['pending'], 200)} (applies at the next reset)")
    if "staged" in info:
        lines += field("staged", f"{short(info['staged'], 200)} (commit sends it)")
    return lines


def enum_lines(values: list[dict[str, Any]], marked: bool) -> list[str]:
    """``value  meaning`` in two columns; a value too long for its column (iLO's
    TransactionalApplicationProcessing) gets its meaning on the next line, in the column."""
    width = min(max((len(str(v["value"])) for v in values), default=0), VALUE_COLUMN)
    lines = []
    for item in values:
        mark = ("* " if item.get("accepted") else "  ") if marked else ""
        head = f"    {mark}{item['value']!s:<{width}}  "
        indent = " " * (4 + len(mark) + width + 2)
        text = item.get("description") or item.get("display_name") or ""
        wrapped = textwrap.wrap(text, max(WIDTH - len(indent), 30)) or [""]
        if len(head) > len(indent):
            lines.append(head.rstrip())
            lines += [indent + more for more in wrapped if more]
        else:
            lines.append((head + wrapped[0]).rstrip())
            lines += [indent + more for more in wrapped[1:]]
    return lines


def constraint_lines(info: dict[str, Any]) -> list[str]:
    lines = []
    for key, label in (
        ("units", "units"),
        ("pattern", "pattern"),
        ("format", "format"),
        ("value_expression", "pattern"),
    ):
        if key in info:
            lines += field(label, str(info[key]))
    low = info.get("minimum", info.get("lower_bound"))
    high = info.get("maximum", info.get("upper_bound"))
    if low is not None or high is not None:
        step = f", in steps of {info['scalar_increment']}" if info.get("scalar_increment") else ""
        lines += field("range", f"{bound(low, 'any')} .. {bound(high, 'any')}{step}")
    if "min_length" in info or "max_length" in info:
        lines += field(
            "length", f"{info.get('min_length', 0)} .. {bound(info.get('max_length'), 'any')}"
        )
    if info.get("deprecated"):
        lines += field("deprecated", str(info["deprecated"]))
    if info.get("version_added"):
        lines += field("added in", str(info["version_added"]))
    return lines


def bound(value: Any, otherwise: str) -> str:
    if value is None:
        return otherwise
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def format_property(info: dict[str, Any]) -> list[str]:
    of = f"property of {info['of']}" if info.get("of") else "property"
    lines = [f"{info['path']}  ({of})", ""]
    lines += paragraph(info.get("description"))
    if info.get("long_description") != info.get("description"):
        lines += paragraph(info.get("long_description"))
    if info.get("note"):
        lines += paragraph(f"No schema says more: {info['note']}. What the data itself says:")
        lines += field("type", f"{info['json_type']} (from the value)")
        lines += value_lines(info)
        if "allowable_values" in info:
            lines += field("allowed", ", ".join(map(str, info["allowable_values"])))
            lines += field("", f"(from {info['name']}@Redfish.AllowableValues)")
        return lines
    kind = type_words(info.get("types", []))
    if info.get("link"):
        kind += " (a link to another resource)"
    lines += field("type", kind)
    if "items" in info:
        lines += field("items", type_words(info["items"].get("types", [])))
    lines += field("access", access_words(info))
    if info.get("access", {}).get("source"):
        lines += field("", f"(rule from the {info['access']['source']})")
    if info.get("write_only"):
        lines += field("", "write-only: the service never shows the value")
    lines += value_lines(info)
    lines += constraint_lines(info)
    lines += schema_line(info)
    values = info.get("enum") or info.get("items", {}).get("enum")
    if values:
        marked = any("accepted" in v for v in values)
        lines += ["", "  allowed values:", *enum_lines(values, marked)]
        if marked:
            lines += paragraph(
                f"* accepted by this service (it lists them in "
                f"{info['name']}@Redfish.AllowableValues)",
                "    ",
            )
    elif "allowable_values" in info:
        lines += field("allowed", ", ".join(map(str, info["allowable_values"])))
    if info.get("properties"):
        lines += ["", "  properties:", *table(info["properties"])]
    return trim(lines)


KINDS = {RESOURCE: "link", LINK: "link", COLLECTION: "collection", OBJECT: "object", ARRAY: "array"}


def table(rows: list[dict[str, Any]]) -> list[str]:
    """``name  rw  kind  description``, the description cut to fit the line."""
    width = min(max((len(r["name"]) for r in rows), default=0), 32)
    lines = []
    for r in rows:
        kind = KINDS.get(r["kind"], "value")
        head = f"    {r['name']:<{width}}  {r['access'] or '  '}  {kind:<10}  "
        room = max(WIDTH - len(head), 20)
        text = (
            r["description"]
            if len(r["description"]) <= room
            else r["description"][: room - 1] + "…"
        )
        lines.append((head + text).rstrip())
    return lines


def trim(lines: list[str]) -> list[str]:
    while lines and not lines[-1]:
        lines.pop()
    return lines


def format_resource(info: dict[str, Any]) -> list[str]:
    what = "collection" if info["kind"] == "collection" else "resource"
    name = type_name(info.get("type")) or "no @odata.type"
    lines = [f"{info['path']}  ({name} {what})", ""]
    lines += paragraph(info.get("description"))
    if info.get("long_description") != info.get("description"):
        lines += paragraph(info.get("long_description"))
    lines += field("type", info.get("type") or "(none given)")
    lines += field("uri", info["uri"])
    if "members" in info:
        lines += field("members", str(info["members"]))
    if info.get("schema"):
        lines += schema_line(info)
    else:
        lines += field("schema", "none: the service offers no schema for this type")
    if info.get("settings_object"):
        lines += field(
            "settings",
            f"changes go to {info['settings_object']} and apply at the next reset",
        )
    if info.get("attribute_registry"):
        reg = info["attribute_registry"]
        lines += field(
            "registry",
            f"{reg['name']} ({reg['attributes']} attributes; {reg['explain_with']})",
        )
    if info.get("properties"):
        legend = (
            "rw: writable, ro: read-only" if info.get("schema") else "no schema: access unknown"
        )
        lines += ["", f"  properties ({legend}):", *table(info["properties"])]
    if info.get("actions"):
        lines += ["", f"  actions (explain {info['path'].rstrip('/')}/ACTION shows one):"]
        lines += [f"    {a}" for a in info["actions"]]
    return trim(lines)


def format_attribute(info: dict[str, Any]) -> list[str]:
    reg = info["registry"]
    title = info.get("display_name") or info["name"]
    lines = [f"{info['path']}  (BIOS attribute: {title})", ""]
    lines += paragraph(info.get("help_text"))
    if info.get("warning_text"):
        lines += paragraph(f"Warning: {info['warning_text']}")
    lines += field("type", info.get("type") or "not stated")
    access = "read-write" if info["access"]["mode"] == "rw" else f"{info['access']['reason']}"
    if info.get("gray_out"):
        access += " (grayed out in the setup menu)"
    if info.get("change_with"):
        access += f": {info['change_with']} stages it"
    lines += field("access", access)
    if info.get("settings_object") and info.get("change_with"):
        lines += field("staged in", f"{info['settings_object']} (applies at the next reset)")
    lines += value_lines(info)
    if "default" in info:
        lines += field("default", short(info["default"], 200))
    lines += constraint_lines(info)
    if info.get("menu_path", "").strip("./ "):  # iLO says ./ for the top menu: no news
        lines += field("menu", info["menu_path"])
    if info.get("reset_required") is not None:
        lines += field("reset", "needed to apply" if info["reset_required"] else "not needed")
    lines += field(
        "registry",
        f"{reg['name']}" + (f" (version {reg['version']})" if reg.get("version") else ""),
    )
    if info.get("values"):
        lines += ["", "  allowed values:", *enum_lines(info["values"], False)]
    if info.get("set_by"):
        lines += ["", "  the BIOS changes it itself:"]
        lines += [f"    {rule}" for rule in info["set_by"][:8]]
        if len(info["set_by"]) > 8:
            lines.append(f"    ... and {len(info['set_by']) - 8} more rules")
    if info.get("affects"):
        lines += ["", *field("affects", ", ".join(info["affects"]))]
    return trim(lines)


def format_action(info: dict[str, Any]) -> list[str]:
    of = f"action of {info['of']}" if info.get("of") else "action"
    lines = [f"{info['path']}  ({of})", ""]
    lines += paragraph(info.get("description"))
    if info.get("long_description") != info.get("description"):
        lines += paragraph(info.get("long_description"))
    if info.get("target"):
        lines += field("request", f"POST {info['target']}")
    if info.get("action_info"):
        lines += field("actioninfo", info["action_info"])
    lines += schema_line(info)
    if not info.get("schema"):
        lines += field("schema", "none: the parameters below come from the data itself")
    if info["parameters"]:
        lines += ["", "  parameters:"]
        for param in info["parameters"]:
            need = {True: "required", False: "optional"}.get(param.get("required"))
            kind = param.get("data_type") or (param.get("types") and type_words(param["types"]))
            facts = ", ".join(f for f in (need, kind) if f)
            lines.append(f"    {param['name']}" + (f"  ({facts})" if facts else ""))
            lines += paragraph(param.get("description"), "      ")[:-1] or []
            accepted = param.get("allowable_values")
            values = param.get("enum")
            if values:
                if accepted is not None:
                    values = [v for v in values if str(v["value"]) in set(map(str, accepted))]
                lines += ["      allowed values:", *["    " + v for v in enum_lines(values, False)]]
            elif accepted is not None:
                lines += field("allowed", ", ".join(map(str, accepted)), "      ")
    else:
        lines += ["", "  no parameters"]
    lines += ["", f"  run it with: {info['invoke']}"]
    return trim(lines)


def format_message_id(info: dict[str, Any]) -> list[str]:
    """A MessageId's explanation (not :func:`iloshell.model.registries.format_message`,
    which fills a message's %1..%n)."""
    reg = info["registry"]
    lines = [
        f"{info['message_id']}  (message of the {reg['prefix']} {reg['version']} registry)",
        "",
    ]
    lines += paragraph(info["message"])
    if info.get("severity"):
        lines += field("severity", info["severity"])
    args = info.get("number_of_args", 0)
    if args:
        kinds = ", ".join(info.get("param_types") or [])
        places = "%1" if args == 1 else f"%1..%{args}"
        lines += field(
            "arguments", f"{args}" + (f" ({kinds})" if kinds else "") + f": {places} above"
        )
    if info.get("resolution"):
        lines += field("resolution", info["resolution"])
    if info.get("description"):
        lines += field("meaning", info["description"])
    if info.get("long_description") and info["long_description"] != info.get("description"):
        lines += ["", *paragraph(info["long_description"])]
    return trim(lines)
