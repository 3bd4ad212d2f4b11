"""Pure facts about resource documents: what kind a document is and which methods it takes.

The simulator derives behaviour from the data instead of from a list of known URIs, so the same
rules serve the built-in data and any mockup: a ``ManagerAccountCollection`` accepts POST
wherever it lives, a resource with ``@Redfish.Settings`` sends writers to its settings object.
"""

from __future__ import annotations

import re

_TYPE = re.compile(r"^#?([A-Za-z_][A-Za-z0-9_]*)(?:\.(v\d+_\d+_\d+))?\.([A-Za-z_][A-Za-z0-9_]*)$")

# Collections the simulator can add members to, and the member type each holds.
CREATABLE = {
    "SessionCollection": "Session",
    "ManagerAccountCollection": "ManagerAccount",
    "EventDestinationCollection": "EventDestination",
}
DELETABLE = frozenset(CREATABLE.values())
# Types whose instances no PATCH may change (documents the service publishes, the root).
READ_ONLY_TYPES = frozenset(
    {
        "ServiceRoot",
        "MessageRegistryFile",
        "JsonSchemaFile",
        "MessageRegistry",
        "AttributeRegistry",
        "LogEntry",
        "Session",
    }
)


def namespace(doc: dict) -> str:
    """``ComputerSystem`` for ``#ComputerSystem.v1_10_0.ComputerSystem``; "" if unknown."""
    found = _TYPE.match(str(doc.get("@odata.type", "")))
    return found.group(1) if found else ""


def type_version(doc: dict) -> str | None:
    """``v1_10_0`` for ``#ComputerSystem.v1_10_0.ComputerSystem``; None if unversioned."""
    found = _TYPE.match(str(doc.get("@odata.type", "")))
    return found.group(2) if found else None


def is_collection(doc: dict) -> bool:
    """A resource collection: a Members array (``...Collection`` types)."""
    return isinstance(doc.get("Members"), list) and namespace(doc).endswith("Collection")


def is_resource(doc: dict) -> bool:
    """A Redfish resource (as opposed to a schema file, registry file or stored error body)."""
    return "@odata.id" in doc and "@odata.type" in doc


def allowed_methods(doc: dict, *, settings_owner: bool = False) -> list[str]:
    """The methods a document answers (the ``Allow`` header), in a stable order."""
    methods = ["GET", "HEAD"]
    if not is_resource(doc):
        return methods
    kind = namespace(doc)
    if is_collection(doc):
        if kind in CREATABLE:
            methods.append("POST")
        return methods
    if kind not in READ_ONLY_TYPES and not settings_owner:
        methods.append("PATCH")
    if kind in DELETABLE:
        methods.append("DELETE")
    return methods


def links_in(value: object) -> list[str]:
    """Every ``@odata.id`` link inside a JSON value (not the value's own)."""
    found: list[str] = []

    def walk(node: object, top: bool) -> None:
        if isinstance(node, dict):
            link = node.get("@odata.id")
            if isinstance(link, str) and not top:
                found.append(link)
            for child in node.values():
                walk(child, False)
        elif isinstance(node, list):
            for child in node:
                walk(child, False)

    walk(value, True)
    return found


def actions_of(doc: dict) -> dict[str, dict]:
    """``{"#ComputerSystem.Reset": {...}}``, standard and Oem actions alike."""
    actions = doc.get("Actions")
    if not isinstance(actions, dict):
        return {}
    found = {k: v for k, v in actions.items() if k.startswith("#") and isinstance(v, dict)}
    oem = actions.get("Oem")
    if isinstance(oem, dict):
        found.update({k: v for k, v in oem.items() if k.startswith("#") and isinstance(v, dict)})
    return found
