"""iLO-style error and message bodies whose MessageIds exist in the registries the service serves.

A client resolves every MessageId through the service's own Registries collection, so the
simulator may only cite messages it actually serves: the Base registry version comes from the
data (``Base.1.4`` for the HPE capture), and a message that version lacks (``PreconditionFailed``
arrived in Base 1.13) falls back to the nearest one it has, with the English reason in
``Message`` so nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ERROR_CODE = "iLO.0.10.ExtendedInfo"
ERROR_MESSAGE = "See @Message.ExtendedInfo for more information."

# When the served registry lacks a message, try these in order (the last resort is GeneralError).
_ALTERNATES: dict[str, tuple[str, ...]] = {
    "PreconditionFailed": ("GeneralError",),
    "OperationNotAllowed": ("ActionNotSupported",),
    "QueryParameterUnsupported": ("QueryNotSupported",),
    "ActionParameterValueNotInList": (
        "ActionParameterValueFormatError",
        "ActionParameterNotSupported",
    ),
    "PropertyValueOutOfRange": ("PropertyValueFormatError",),
    "PasswordChangeRequired": ("InsufficientPrivilege",),
    "ResetRequired": ("Success",),
    "ServiceTemporarilyUnavailable": ("ServiceInUnknownState",),
}


@dataclass(frozen=True)
class MessageRegistry:
    """One served message registry: its prefix, major.minor and message definitions."""

    prefix: str
    version: str
    messages: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def id_prefix(self) -> str:
        """``Base.1.4`` from version ``1.4.0``: MessageIds carry major.minor only."""
        major, minor = [*self.version.split("."), "0", "0"][:2]
        return f"{self.prefix}.{major}.{minor}"

    @classmethod
    def from_json(cls, doc: dict) -> MessageRegistry | None:
        """Read a registry document (DMTF or iLO RegistryStore shape); None if it is not one."""
        messages = doc.get("Messages")
        if not isinstance(messages, dict):
            return None
        prefix = doc.get("RegistryPrefix")
        version = doc.get("RegistryVersion")
        if not (isinstance(prefix, str) and isinstance(version, str)):
            match = re.match(r"^([A-Za-z]+)\.(\d+\.\d+\.\d+)", str(doc.get("Id", "")))
            if not match:
                return None
            prefix, version = match.groups()
        return cls(prefix, version, messages)


def _version_key(registry: MessageRegistry) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in registry.version.split("."))


class MessageCatalog:
    """Builds ExtendedInfo entries from the Base registry (and others) the service serves."""

    def __init__(self, registries: list[MessageRegistry]) -> None:
        bases = sorted((r for r in registries if r.prefix == "Base"), key=_version_key)
        if not bases:
            raise ValueError("the service serves no Base message registry")
        self.base = bases[-1]
        self._others = [r for r in registries if r.prefix != "Base"]

    def has(self, name: str) -> bool:
        """Whether the served Base registry defines this message."""
        return name in self.base.messages

    def entry(self, name: str, args: tuple | list = (), reason: str | None = None, **extra) -> dict:
        """One ExtendedInfo entry for Base message ``name``, falling back as the registry allows.

        ``reason`` (an English sentence) becomes ``Message`` when given; otherwise the registry's
        template is filled with ``args``. Extra keyword items (``RelatedProperties``) are copied.
        """
        args = [str(a) for a in args]
        if name in self.base.messages:
            chosen = name
            expected = self.base.messages[name].get("NumberOfArgs")
            if isinstance(expected, int):
                args = (args + [""] * expected)[:expected]
        else:
            chosen = next((c for c in _ALTERNATES.get(name, ()) if self._fits(c, args)), None)
            if chosen is None:
                chosen = "GeneralError"
            reason = reason or f"{name}: {', '.join(args)}"
            args = args[: self.base.messages.get(chosen, {}).get("NumberOfArgs", 0)]
        definition = self.base.messages.get(chosen, {})
        return _entry(f"{self.base.id_prefix}.{chosen}", args, definition, reason, extra)

    def _fits(self, name: str, args: list[str]) -> bool:
        """An alternate may drop trailing arguments (the reason keeps them), not invent any."""
        definition = self.base.messages.get(name)
        return isinstance(definition, dict) and definition.get("NumberOfArgs", 0) <= len(args)

    def oem_entry(self, name: str, reason: str | None = None) -> dict | None:
        """An entry from a non-Base served registry that defines ``name`` (iLO's first)."""
        for registry in sorted(self._others, key=lambda r: r.prefix != "iLO"):
            definition = registry.messages.get(name)
            if isinstance(definition, dict) and not definition.get("NumberOfArgs"):
                return _entry(f"{registry.id_prefix}.{name}", [], definition, reason, {})
        return None

    def error(self, entries: list[dict]) -> dict:
        """The iLO error body wrapping ExtendedInfo entries."""
        return {
            "error": {
                "code": ERROR_CODE,
                "message": ERROR_MESSAGE,
                "@Message.ExtendedInfo": entries,
            }
        }

    def error_for(self, name: str, args: tuple | list = (), reason: str | None = None) -> dict:
        """An error body with one message."""
        return self.error([self.entry(name, args, reason)])


def _fill(template: str | None, args: list[str]) -> str | None:
    if not isinstance(template, str):
        return None
    for index, arg in enumerate(args, start=1):
        template = template.replace(f"%{index}", arg)
    return template


def _entry(message_id: str, args: list[str], definition: dict, reason: str | None, extra) -> dict:
    entry: dict = {"MessageId": message_id}
    if args:
        entry["MessageArgs"] = args
    text = reason or _fill(definition.get("Message"), args)
    if text:
        entry["Message"] = text
    severity = definition.get("MessageSeverity") or definition.get("Severity")
    if severity:
        entry["Severity"] = severity
    if definition.get("Resolution"):
        entry["Resolution"] = definition["Resolution"]
    entry.update({k: v for k, v in extra.items() if v})
    return entry
