"""Message registries: turning ``Base.1.4.PropertyNotWritable`` + args into a sentence.

Errors and task results carry ``@Message.ExtendedInfo`` entries whose ``MessageId`` names a
message in a registry (``Registry.Major.Minor[.Errata].Name``). The registry has the text with
``%1``..``%n`` placeholders, a resolution and a severity. Registries are found through the
service's Registries collection; a newer minor of the same major is compatible, so a service
serving Base 1.4.0 can explain ``Base.1.0.Success``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from iloshell.errors import IloshellError
from iloshell.model.attributes import AttributeRegistry
from iloshell.model.catalog import Fetch, ServiceCatalog, fetch_or_none, preferred_location
from iloshell.redfish.paths import last_segment, uri_key
from iloshell.redfish.protocol import SERVICE_ROOT

_ID_RE = re.compile(
    r"^(?P<registry>[A-Za-z][A-Za-z0-9_]*)\.(?P<major>\d+)\.(?P<minor>\d+)"
    r"(?:\.(?P<errata>\d+))?\.(?P<name>[A-Za-z_][A-Za-z0-9_]*)$"
)
_VERSION_RE = re.compile(r"^(?P<major>\d+)\.(?P<minor>\d+)(?:\.(?P<errata>\d+))?$")
_PLACEHOLDER = re.compile(r"%(\d+)")


@dataclass(frozen=True)
class MessageId:
    """``iLO.2.14.SystemResetRequired`` split into its parts."""

    registry: str
    major: int
    minor: int
    errata: int | None
    name: str

    def __str__(self) -> str:
        errata = f".{self.errata}" if self.errata is not None else ""
        return f"{self.registry}.{self.major}.{self.minor}{errata}.{self.name}"


def parse_message_id(text: str) -> MessageId | None:
    """Parse a MessageId; None for anything not of the form ``Registry.M.m[.e].Name``."""
    if not isinstance(text, str):
        return None
    match = _ID_RE.match(text.strip())
    if not match:
        return None
    errata = match["errata"]
    return MessageId(
        registry=match["registry"],
        major=int(match["major"]),
        minor=int(match["minor"]),
        errata=int(errata) if errata is not None else None,
        name=match["name"],
    )


def parse_registry_version(text: str) -> tuple[int, int, int | None] | None:
    """``"1.4.0"`` -> ``(1, 4, 0)``."""
    match = _VERSION_RE.match(text.strip()) if isinstance(text, str) else None
    if not match:
        return None
    errata = match["errata"]
    return int(match["major"]), int(match["minor"]), int(errata) if errata else None


def split_registry_name(text: str) -> tuple[str, tuple[int, int, int | None] | None]:
    """A MessageRegistryFile's ``Registry`` (``Base.1.4.0``) into prefix and version."""
    parts = text.split(".")
    for cut in range(1, len(parts)):
        version = parse_registry_version(".".join(parts[cut:]))
        if version is not None:
            return ".".join(parts[:cut]), version
    return text, None


@dataclass(frozen=True)
class MessageDef:
    """One message of a registry."""

    name: str
    message: str
    resolution: str | None = None
    severity: str | None = None
    number_of_args: int = 0
    description: str | None = None
    param_types: tuple[str, ...] = ()
    long_description: str | None = None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


class MessageRegistry:
    """A message registry document (``Base.1.4.0.json``, iLO's ``iLO.json``)."""

    def __init__(
        self,
        prefix: str,
        version: str,
        messages: Mapping[str, MessageDef],
        language: str | None = None,
        name: str | None = None,
        owning_entity: str | None = None,
    ) -> None:
        self.prefix = prefix
        self.version = version
        self.language = language
        self.name = name
        self.owning_entity = owning_entity
        self._messages = dict(messages)

    def __repr__(self) -> str:
        return f"MessageRegistry({self.prefix}.{self.version}, {len(self._messages)} messages)"

    @classmethod
    def from_json(cls, doc: dict) -> MessageRegistry:
        """Parse a registry; malformed messages are skipped, never fatal."""
        doc = doc if isinstance(doc, dict) else {}
        prefix = _text(doc.get("RegistryPrefix"))
        version = _text(doc.get("RegistryVersion"))
        if not prefix or not version:
            ident = str(doc.get("Id") or "")
            guessed, parsed = split_registry_name(ident)
            prefix = prefix or guessed
            if not version and parsed:
                version = ".".join(str(p) for p in parsed if p is not None)
        messages: dict[str, MessageDef] = {}
        raw_messages = doc.get("Messages")
        for name, raw in raw_messages.items() if isinstance(raw_messages, dict) else ():
            if not isinstance(raw, dict) or not isinstance(raw.get("Message"), str):
                continue
            nargs = raw.get("NumberOfArgs")
            nargs = nargs if isinstance(nargs, int) and not isinstance(nargs, bool) else 0
            params = raw.get("ParamTypes")
            messages[str(name)] = MessageDef(
                name=str(name),
                message=raw["Message"],
                resolution=_text(raw.get("Resolution")),
                severity=_text(raw.get("MessageSeverity")) or _text(raw.get("Severity")),
                number_of_args=nargs
                if isinstance(nargs, int) and not isinstance(nargs, bool)
                else 0,
                description=_text(raw.get("Description")),
                param_types=tuple(p for p in params if isinstance(p, str))
                if isinstance(params, list)
                else (),
                long_description=_text(raw.get("LongDescription")),
            )
        return cls(
            prefix=prefix or "",
            version=version or "",
            messages=messages,
            language=_text(doc.get("Language")),
            name=_text(doc.get("Name")),
            owning_entity=_text(doc.get("OwningEntity")),
        )

    def message(self, name: str) -> MessageDef | None:
        return self._messages.get(name)

    def messages(self) -> dict[str, MessageDef]:
        return dict(self._messages)


@dataclass(frozen=True)
class ResolvedMessage:
    """An ExtendedInfo entry made readable.

    ``resolved`` is True when the text came from the registry. When it is False the text is
    the entry's own ``Message`` if it had one, else the bare id followed by its arguments.
    """

    message_id: str
    text: str
    resolution: str | None
    severity: str | None
    resolved: bool
    args: tuple[str, ...] = ()
    related_properties: tuple[str, ...] = ()


def format_message(template: str, args: Sequence) -> str:
    """Fill ``%1``..``%n``; a missing argument stays ``%n``, extra arguments are ignored."""
    values = [_arg_text(a) for a in args]

    def fill(match: re.Match) -> str:
        index = int(match[1])
        return values[index - 1] if 1 <= index <= len(values) else match[0]

    return _PLACEHOLDER.sub(fill, template)


def _arg_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def resolve(entry: dict, lookup: Callable[[MessageId], MessageRegistry | None]) -> ResolvedMessage:
    """Make one ``@Message.ExtendedInfo`` item readable, through ``lookup`` when possible."""
    entry = entry if isinstance(entry, dict) else {}
    message_id = str(entry.get("MessageId") or "")
    raw_args = entry.get("MessageArgs")
    args = tuple(_arg_text(a) for a in raw_args) if isinstance(raw_args, list) else ()
    related = entry.get("RelatedProperties")
    related_properties = (
        tuple(str(r) for r in related if isinstance(r, str)) if isinstance(related, list) else ()
    )
    own_text = _text(entry.get("Message"))
    own_resolution = _text(entry.get("Resolution"))
    own_severity = _text(entry.get("MessageSeverity")) or _text(entry.get("Severity"))
    parsed = parse_message_id(message_id)
    definition = None
    if parsed is not None:
        registry = lookup(parsed)
        definition = registry.message(parsed.name) if registry is not None else None
    if definition is not None:
        return ResolvedMessage(
            message_id=message_id,
            text=format_message(definition.message, args),
            resolution=definition.resolution or own_resolution,
            severity=own_severity or definition.severity,
            resolved=True,
            args=args,
            related_properties=related_properties,
        )
    if own_text:
        text = own_text
    else:
        text = message_id or "(no MessageId)"
        if args:
            text += " (" + ", ".join(args) + ")"
    return ResolvedMessage(
        message_id=message_id,
        text=text,
        resolution=own_resolution,
        severity=own_severity,
        resolved=False,
        args=args,
        related_properties=related_properties,
    )


@dataclass
class _RegistryFile:
    uri: str
    member: dict
    prefix: str
    version: tuple[int, int, int | None] | None


class ServiceRegistries(ServiceCatalog):
    """Finds registries through the service's Registries collection."""

    COLLECTION = "Registries"

    def __init__(
        self,
        fetch_resource: Fetch,
        fetch_document: Fetch | None = None,
        root_uri: str = SERVICE_ROOT,
    ) -> None:
        super().__init__(fetch_resource, fetch_document, root_uri)
        self._files: dict[str, _RegistryFile | None] = {}  # uri_key -> MessageRegistryFile
        self._messages: dict[tuple[str, int, int], MessageRegistry | None] = {}
        self._attributes: dict[str, AttributeRegistry | None] = {}
        self._documents: dict[str, dict | None] = {}

    # -- the collection, read once, members fetched as needed

    def _file(self, uri: str) -> _RegistryFile | None:
        key = uri_key(uri)
        if key not in self._files:
            member = fetch_or_none(self._fetch_resource, uri)
            found = None
            if member is not None:
                registry = member.get("Registry")
                name = registry if isinstance(registry, str) else str(member.get("Id") or "")
                prefix, version = split_registry_name(name)
                found = _RegistryFile(uri, member, prefix, version)
            self._files[key] = found
        return self._files[key]

    def versions(self, prefix: str) -> list[tuple[int, int, int | None]]:
        """The versions of message registry ``prefix`` the service lists, else those bundled
        (``explain Base.PropertyNotWritable`` without a version takes the newest)."""
        folded = prefix.casefold()
        likely = [u for u in self._ordered_members(prefix) if self._is_named(u, folded)]
        found = []
        for uri in likely or self._collection():
            registry = self._file(uri)
            if registry and registry.prefix.casefold() == folded and registry.version:
                found.append(registry.version)
        if not found:
            from iloshell.model.bundled import registry_files

            found = [version for version, _name in registry_files(prefix)]
        return found

    @staticmethod
    def _is_named(uri: str, folded: str) -> bool:
        name = last_segment(uri).casefold()
        return name == folded or name.startswith(folded + ".")

    def _ordered_members(self, prefix: str) -> list[str]:
        """Members whose name suggests ``prefix`` first: each other one is an extra GET."""
        folded = prefix.casefold()
        members = self._collection()
        named = [u for u in members if self._is_named(u, folded)]
        return named + [u for u in members if u not in named]

    def _document(self, uri: str) -> dict | None:
        key = uri_key(uri)
        if key not in self._documents:
            self._documents[key] = fetch_or_none(self._fetch_document, uri)
        return self._documents[key]

    # -- message registries

    def message_registry(self, mid: MessageId) -> MessageRegistry | None:
        """The registry for ``mid``: same prefix and major; the exact minor preferred, else the
        newest minor at or above the one asked for, else any minor of that major."""
        key = (mid.registry.casefold(), mid.major, mid.minor)
        if key not in self._messages:
            self._messages[key] = self._find_message_registry(mid)
        return self._messages[key]

    def _find_message_registry(self, mid: MessageId) -> MessageRegistry | None:
        """The service's registry, else the bundled standard one (a service may cite Base or
        TaskEvent messages without serving the registry)."""
        return self._served_message_registry(mid) or bundled_message_registry(mid)

    def _served_message_registry(self, mid: MessageId) -> MessageRegistry | None:
        folded = mid.registry.casefold()
        candidates: list[_RegistryFile] = []
        ordered = self._ordered_members(mid.registry)
        for index, uri in enumerate(ordered):
            found = self._file(uri)
            if found is not None and found.prefix.casefold() == folded:
                candidates.append(found)
            likely_done = index + 1 < len(ordered) and not _likely(ordered[index + 1], folded)
            if likely_done and _best_version(candidates, mid):
                break  # the likely members answered; spare the rest of the round trips
        best = _best_version(candidates, mid)
        for candidate in best:
            location = preferred_location(candidate.member)
            doc = self._document(location) if location and "://" not in location else None
            if doc is None:
                continue
            registry = MessageRegistry.from_json(doc)
            if registry.prefix.casefold() in ("", folded):
                registry.prefix = registry.prefix or candidate.prefix
                return registry
        return None

    def resolve(self, entry: dict) -> ResolvedMessage:
        """Resolve one ExtendedInfo entry; a registry that cannot be read leaves it unresolved
        (the original message must never be lost to a second failure)."""

        def lookup(mid: MessageId) -> MessageRegistry | None:
            try:
                return self.message_registry(mid)
            except IloshellError:
                return None

        return resolve(entry, lookup)

    # -- attribute registries

    def attribute_registry(self, name: str) -> AttributeRegistry | None:
        """The registry a resource names in ``AttributeRegistry`` (member Registry or Id)."""
        if not isinstance(name, str) or not name:
            return None
        key = name.casefold()
        if key not in self._attributes:
            self._attributes[key] = self._find_attribute_registry(key)
        return self._attributes[key]

    def _find_attribute_registry(self, folded: str) -> AttributeRegistry | None:
        members = self._collection()
        likely = [u for u in members if last_segment(u).casefold() == folded]
        for uri in likely + [u for u in members if u not in likely]:
            found = self._file(uri)
            if found is None:
                continue
            names = (found.member.get("Registry"), found.member.get("Id"))
            if not any(isinstance(n, str) and n.casefold() == folded for n in names):
                continue
            location = preferred_location(found.member)
            doc = self._document(location) if location and "://" not in location else None
            if doc is not None:
                return AttributeRegistry.from_json(doc)
        return None


def bundled_message_registry(mid: MessageId) -> MessageRegistry | None:
    """The standard registry for ``mid`` from the package's bundle, chosen as for a service."""
    from iloshell.model.bundled import registry_document, registry_files

    files = [
        _RegistryFile(name, {}, mid.registry, version)
        for version, name in registry_files(mid.registry)
    ]
    for candidate in _best_version(files, mid):
        doc = registry_document(candidate.uri)
        if doc is not None:
            return MessageRegistry.from_json(doc)
    return None


def _likely(uri: str, folded_prefix: str) -> bool:
    name = last_segment(uri).casefold()
    return name == folded_prefix or name.startswith(folded_prefix + ".")


def _best_version(candidates: list[_RegistryFile], mid: MessageId) -> list[_RegistryFile]:
    """Same major only: exact minor, then the newest newer minor, then older minors."""
    same_major = [c for c in candidates if c.version is None or c.version[0] == mid.major]

    def rank(c: _RegistryFile) -> tuple:
        if c.version is None:
            return (3, 0)
        minor = c.version[1]
        if minor == mid.minor:
            return (0, -(c.version[2] or 0))
        if minor > mid.minor:
            return (1, -minor)
        return (2, -minor)

    return sorted(same_major, key=rank)
