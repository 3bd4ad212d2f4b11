"""The Redfish data model, as the service itself describes it: schemas, registries, validation.

Pure logic on parsed JSON — no network, no terminal. Documents arrive through small
callables (``fetch_resource``/``fetch_document``) or a :class:`SchemaSource`, so the shell,
the simulator and the tests all drive the same code:

* :mod:`~iloshell.model.schemas` — :class:`SchemaLibrary` resolves a resource's
  ``@odata.type`` to a :class:`TypeSchema` of :class:`PropertyInfo`s (both DMTF and iLO
  SchemaStore shapes); :mod:`~iloshell.model.service_schemas` and
  :mod:`~iloshell.model.files` find the documents.
* :mod:`~iloshell.model.registries` — MessageIds to sentences; :class:`ServiceRegistries`.
* :mod:`~iloshell.model.attributes` — BIOS attribute registries.
* :mod:`~iloshell.model.validate` — :func:`check_patch`, :func:`check_document`,
  :func:`check_action`, each returning Base-registry :class:`Violation`s.

The names below are imported on first use (PEP 562), so a module that needs only
:mod:`~iloshell.model.patch` does not load the schema machinery (a one-liner stays fast).
"""

from __future__ import annotations

import importlib
from typing import Any

_HOMES = {
    "AttributeDef": "attributes",
    "AttributeRegistry": "attributes",
    "FileSchemaSource": "files",
    "MessageDef": "registries",
    "MessageId": "registries",
    "MessageRegistry": "registries",
    "ResolvedMessage": "registries",
    "ServiceRegistries": "registries",
    "format_message": "registries",
    "parse_message_id": "registries",
    "resolve": "registries",
    "ActionSchema": "schemas",
    "PropertyInfo": "schemas",
    "SchemaLibrary": "schemas",
    "SchemaSource": "schemas",
    "TypeSchema": "schemas",
    "parse_odata_type": "schemas",
    "ServiceSchemaSource": "service_schemas",
    "Violation": "validate",
    "attribute_advice": "validate",
    "check_action": "validate",
    "check_document": "validate",
    "check_patch": "validate",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
