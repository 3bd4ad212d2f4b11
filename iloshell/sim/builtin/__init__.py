"""The simulator's built-in data set: an iLO 5-shaped Redfish service (ProLiant DL380 Gen10 Plus).

It is what ``iloshell --demo`` shows, what the tutorial teaches from and what every test runs
against. The values are written for iloshell (not copied from a capture); shapes, property names
and quirks follow real iLO 5 firmware.

Contract with the server
------------------------
:func:`build_service` returns a fresh ``dict`` (callers mutate it) mapping every served URI,
spelled exactly as the document's own canonical URI, to its JSON document:

* every Redfish resource, keyed by its ``@odata.id``. Most are ``/redfish/v1/Systems/1`` style;
  some are iLO-style lower case with a trailing slash (``/redfish/v1/systems/1/bios/``);
* the schema documents and registry documents, keyed by the ``Location[].Uri`` of their
  JsonSchemaFile / MessageRegistryFile (these have no ``@odata.id``).

Every resource's ``@odata.etag`` equals :func:`iloshell.sim.etag.etag_of` of its body at build
time; the ResourceDirectory lists every resource with its ETag as built, and the server keeps that
listing current as resources change, appear and go (``Service._directory``).
Sessions are not part of the data: ``/redfish/v1/SessionService/Sessions/`` is an empty collection
for the server to fill.

Quirks kept on purpose, because real firmware has them and clients must cope:

* links with and without a trailing slash, and in other case, than the canonical URI
  (``Systems/1`` links ``Bios`` as ``/redfish/v1/systems/1/bios``; the canonical URI is
  ``/redfish/v1/systems/1/bios/``). Match URIs with :func:`iloshell.redfish.paths.uri_key`;
* array members with fragment ids in both spellings:
  ``/redfish/v1/Chassis/1/Thermal#Temperatures/0``
  and ``/redfish/v1/Chassis/1/Thermal#/Fans/0``;
* percent-escaped member ids: ``/redfish/v1/UpdateService/FirmwareInventory/Power%20Supply%20%231``
  and the SoftwareInventory members (link and ``@odata.id`` use the same escaped spelling).

Constants for the server are below (accounts, URIs, registry versions).
"""

from __future__ import annotations

from iloshell.sim.builtin import (
    bios,
    chassis,
    managers,
    registries,
    root,
    schemas,
    services,
    systems,
)
from iloshell.sim.builtin.common import Resource
from iloshell.sim.etag import etag_of

ROOT_URI = root.ROOT
SESSIONS_URI = services.SESSIONS
ACCOUNTS_URI = f"{services.ACCOUNT_SERVICE}/Accounts"
BIOS_URI = bios.BIOS
BIOS_SETTINGS_URI = bios.BIOS_SETTINGS
BIOS_REGISTRY = bios.BIOS_REGISTRY
SYSTEM_URI = systems.SYSTEM
SYSTEM_RESET_ACTION_INFO_URI = systems.RESET_ACTION_INFO
RESOURCE_DIRECTORY_URI = root.RESOURCE_DIRECTORY
BASE_REGISTRY_VERSION = registries.BASE_REGISTRY_VERSION
"""MessageIds in error bodies: ``Base.1.4.<Name>``."""
ILO_REGISTRY_VERSION = registries.ILO_REGISTRY_VERSION
"""MessageIds of iLO's own messages: ``iLO.2.14.<Name>`` (e.g. ``SystemResetRequired``)."""
ADMIN_USERNAME = "admin"
"""The user name of the Administrator account ``Accounts/1``; the server owns the password."""
USERNAMES = {account_id: user for account_id, user, _, _ in services.ACCOUNTS}
"""Account Id -> UserName of every built-in account (roles: Administrator, Operator, ReadOnly)."""


def build_service() -> dict[str, dict]:
    """The whole built-in service, freshly built: URI -> JSON document."""
    resources: list[Resource] = [
        root.build(),
        *systems.build(),
        *bios.build(),
        *chassis.build(),
        *managers.build(),
        *services.build(),
        *registries.build(),
    ]
    schema_files, schema_documents = schemas.build()
    resources += schema_files
    for body in resources:
        body["@odata.etag"] = etag_of(body)
    directory = root.resource_directory(resources)
    directory["@odata.etag"] = etag_of(directory)
    resources.append(directory)

    service = {body["@odata.id"]: body for body in resources}
    service.update(schema_documents)
    service.update(registries.documents())
    return service
