"""Redfish PATCH semantics on plain JSON values.

One rule for what a PATCH body does to a resource: the simulator applies writes with it, and the
shell's ``diff`` shows what the service will hold after a commit with it.
"""

from __future__ import annotations

import copy
from typing import Any

from iloshell.redfish.paths import uri_key


def merge_patch(current: object, patch: object) -> object:
    """Redfish PATCH semantics, returning a new value and never touching ``current``.

    Objects merge property by property (``null`` sets a property to null). Arrays follow the
    Redfish rules: a ``null`` element removes that element, ``{}`` keeps it unchanged, an object
    element is merged into the current one, and elements beyond the PATCH array are dropped.
    """
    if isinstance(patch, dict) and isinstance(current, dict):
        merged = dict(current)
        for name, value in patch.items():
            merged[name] = merge_patch(current[name], value) if name in current else value
        return merged
    if isinstance(patch, list) and isinstance(current, list):
        result = []
        for index, value in enumerate(patch):
            old = current[index] if index < len(current) else None
            if value is None:
                continue
            if value == {} and old is not None:
                result.append(old)
            elif isinstance(value, dict) and isinstance(old, dict):
                result.append(merge_patch(old, value))
            else:
                result.append(value)
        return result
    return copy.deepcopy(patch)


# Keys of a settings object (``@Redfish.Settings.SettingsObject``) that describe it rather than
# carry settings: its Id and Name differ from its owner's by design, and are never "pending".
NOT_SETTINGS = frozenset(
    {"Id", "Name", "Description", "Actions", "Links", "Oem", "Status", "AttributeRegistry"}
)


def settings_object(body: Any) -> str | None:
    """The settings object a resource is changed through (``@Redfish.Settings``
    ``SettingsObject``), if it names another resource: iLO's settings objects carry the
    annotation too, pointing at themselves, and are written directly."""
    settings = body.get("@Redfish.Settings") if isinstance(body, dict) else None
    target = settings.get("SettingsObject") if isinstance(settings, dict) else None
    uri = target.get("@odata.id") if isinstance(target, dict) else None
    if not isinstance(uri, str) or uri_key(uri) == uri_key(str(body.get("@odata.id", ""))):
        return None
    return uri
