"""Settings saved to a file and loaded again (``save`` / ``load``): the writable part of a
resource, so one server's settings can be copied to another.

Only what the service's schema (or, for BIOS attributes, the attribute registry) marks
writable is saved — a file full of read-only properties could never be loaded. Passwords are
never written: they are left out and named in the header. Pure functions on JSON.
"""

from __future__ import annotations

from typing import Any

from iloshell.model.access import RW, property_access
from iloshell.model.attributes import AttributeRegistry
from iloshell.model.schemas import PropertyInfo, TypeSchema
from iloshell.redfish.resource import holds_secret, is_annotation, is_link, is_secret_name
from iloshell.redfish.walk import node_or
from iloshell.staging.target import is_secret

FORMAT = "iloshell saved settings 1"
NOT_SAVED = frozenset({"Actions", "Links"})  # never written by a PATCH


class SavedFileError(ValueError):
    """A file that ``save`` did not write (or that was edited beyond repair)."""


def writable_values(
    node: dict[str, Any],
    schema: TypeSchema | None,
    attributes: AttributeRegistry | None,
    pointer: tuple[str, ...] = (),
) -> tuple[dict[str, Any], list[str]]:
    """The writable properties of a resource body (or of the object at ``pointer`` in it),
    and the secret ones left out, as paths."""
    omitted: list[str] = []
    values = _writable(node, pointer, schema, attributes, omitted)
    return values, omitted


def _writable(
    node: dict[str, Any],
    parts: tuple[str, ...],
    schema: TypeSchema | None,
    attributes: AttributeRegistry | None,
    omitted: list[str],
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in node.items():
        here = (*parts, key)
        if is_annotation(key) or is_link(value) or (not parts and key in NOT_SAVED):
            continue
        governed = attributes is not None and here[0] == "Attributes" and len(here) == 2
        if isinstance(value, dict) and not governed:
            inner = _writable(value, here, schema, attributes, omitted)
            if inner:
                out[key] = inner
            continue
        # model.access's rule, as set applies it; a value saved whole must be writable itself,
        # not merely hold writable members (those are saved one by one above).
        access = property_access(schema, here, attributes)
        if access.mode != RW or access.derived:
            continue
        if is_secret(here, attributes) or is_secret_name(key) or holds_secret(value):
            omitted.append("/".join(here))
            continue
        out[key] = value
    return out


def lookup_property(schema: TypeSchema | None, parts: tuple[str, ...]) -> PropertyInfo | None:
    """What the schema says about one property; None when there is no schema, or it is
    broken there (a broken schema shows and saves less, it never fails a command)."""
    if schema is None:
        return None
    try:
        return schema.lookup(list(parts))
    except Exception:
        return None


def overlay(values: dict[str, Any], pending: Any) -> dict[str, Any]:
    """The saved values with what a settings object holds for them (BIOS changes waiting for
    a reset): the file then says what the server will run with after its next reset."""
    if not isinstance(pending, dict):
        return values
    out = dict(values)
    for key, value in values.items():
        if key not in pending:
            continue
        if isinstance(value, dict) and isinstance(pending[key], dict):
            out[key] = overlay(value, pending[key])
        elif not isinstance(pending[key], dict):
            out[key] = pending[key]
    return out


def leaves(
    values: dict[str, Any], parts: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], Any]]:
    """Every property to set: objects are walked into, arrays and values are set whole."""
    out: list[tuple[tuple[str, ...], Any]] = []
    for key, value in values.items():
        here = (*parts, key)
        if isinstance(value, dict) and value:
            out += leaves(value, here)
        else:
            out.append((here, value))
    return out


_ABSENT = object()


def differences(
    wanted: dict[str, Any], current: Any, pending: Any = None
) -> list[tuple[tuple[str, ...], Any]]:
    """The properties whose wanted value differs from what the server will have: the pending
    value where a settings object holds one, else the current value."""
    out = []
    for parts, value in leaves(wanted):
        have = node_or(pending, parts, _ABSENT) if pending is not None else _ABSENT
        if have is _ABSENT:
            have = node_or(current, parts, _ABSENT)
        if have is _ABSENT or have != value:
            out.append((parts, value))
    return out


def saved_document(header: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    return {"iloshell": {"format": FORMAT, **header}, "properties": values}


def read_saved(doc: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """(header, properties) of a saved file; SavedFileError says what is wrong with it."""
    if not isinstance(doc, dict) or not isinstance(doc.get("properties"), dict):
        raise SavedFileError('not a file written by save (no "properties" object)')
    header = doc.get("iloshell")
    if header is None:
        header = {}
    if not isinstance(header, dict):
        raise SavedFileError('its "iloshell" header is not an object')
    return header, doc["properties"]
