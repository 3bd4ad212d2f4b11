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
"""

from iloshell.model.attributes import AttributeDef, AttributeRegistry
from iloshell.model.files import FileSchemaSource
from iloshell.model.registries import (
    MessageDef,
    MessageId,
    MessageRegistry,
    ResolvedMessage,
    ServiceRegistries,
    format_message,
    parse_message_id,
    resolve,
)
from iloshell.model.schemas import (
    ActionSchema,
    PropertyInfo,
    SchemaLibrary,
    SchemaSource,
    TypeSchema,
    parse_odata_type,
)
from iloshell.model.service_schemas import ServiceSchemaSource
from iloshell.model.validate import (
    Violation,
    attribute_advice,
    check_action,
    check_document,
    check_patch,
)

__all__ = [
    "ActionSchema",
    "AttributeDef",
    "AttributeRegistry",
    "FileSchemaSource",
    "MessageDef",
    "MessageId",
    "MessageRegistry",
    "PropertyInfo",
    "ResolvedMessage",
    "SchemaLibrary",
    "SchemaSource",
    "ServiceRegistries",
    "ServiceSchemaSource",
    "TypeSchema",
    "Violation",
    "attribute_advice",
    "check_action",
    "check_document",
    "check_patch",
    "format_message",
    "parse_message_id",
    "parse_odata_type",
    "resolve",
]
