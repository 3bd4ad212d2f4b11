"""Glue between the simulator and iloshell.model: the same checks the shell runs before a commit.

The simulator validates with the schemas and registries it serves (through
:class:`ServiceSchemaSource` over its own store), so a client that validates against the
service sees the same verdicts. With ``--schemas DIR`` the folder fills in for types the service
does not describe. Model objects cache lazily and are not written for concurrent use, so every
call goes through one lock; PATCHes are rare next to GETs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from iloshell.model.attributes import AttributeRegistry
from iloshell.model.files import FileSchemaSource
from iloshell.model.registries import ServiceRegistries
from iloshell.model.schemas import SchemaLibrary, TypeSchema
from iloshell.model.service_schemas import ServiceSchemaSource
from iloshell.model.validate import Violation, check_action, check_patch

Fetch = Callable[[str], dict | None]


class _FirstOf:
    """A SchemaSource that asks each source in turn (the service first, then a folder)."""

    def __init__(self, *sources) -> None:
        self.sources = sources

    def schema_uri(self, odata_type: str) -> str | None:
        return next((u for s in self.sources if (u := s.schema_uri(odata_type))), None)

    def load(self, uri: str) -> dict | None:
        return next((d for s in self.sources if (d := s.load(uri)) is not None), None)


class Validation:
    """Schema, attribute-registry and ActionInfo checks for one service's data."""

    def __init__(self, fetch: Fetch, schemas_dir: Path | None = None) -> None:
        source = ServiceSchemaSource(fetch)
        if schemas_dir is not None:
            source = _FirstOf(source, FileSchemaSource(schemas_dir))
        self._library = SchemaLibrary(source)
        self._registries = ServiceRegistries(fetch)
        self._lock = threading.Lock()

    def schema(self, odata_type: str) -> TypeSchema | None:
        """The schema for a resource type, or None when neither the service nor --schemas has it."""
        with self._lock:
            return self._library.for_type(odata_type)

    def attribute_registry(self, name: str) -> AttributeRegistry | None:
        """A served attribute registry by the name a Bios resource gives in AttributeRegistry."""
        with self._lock:
            return self._registries.attribute_registry(name)

    def check_patch(
        self, patch: dict, current: dict, attributes: AttributeRegistry | None = None
    ) -> tuple[list[Violation], bool]:
        """The violations of a PATCH body, and whether a schema was there to check it against."""
        schema = self.schema(str(current.get("@odata.type", "")))
        with self._lock:
            return check_patch(patch, current, schema, attributes), schema is not None

    def check_action(
        self, params: dict, owner: dict, name: str, action_info: dict | None
    ) -> tuple[list[Violation], bool]:
        """The violations of an action's parameters, and whether anything described them.

        Parameters are described by an ActionInfo, ``@Redfish.AllowableValues`` annotations on
        the action, or the action in the owner's schema; with none of them nothing is checked.
        """
        schema = self.schema(str(owner.get("@odata.type", "")))
        actions = owner.get("Actions") or {}
        action = actions.get(name) or (actions.get("Oem") or {}).get(name) or {}
        with self._lock:
            declared = schema.actions().get(name) if schema is not None else None
            found = check_action(params, action, action_info, name=name, action_schema=declared)
        described = (
            isinstance((action_info or {}).get("Parameters"), list)
            or any(k.endswith("@Redfish.AllowableValues") for k in action)
            or declared is not None
        )
        return found, described

    def unknown_types(self, odata_types: set[str]) -> list[str]:
        """The served resource types no schema describes (for the 'validation partial' note)."""
        return sorted(t for t in odata_types if self.schema(t) is None)
