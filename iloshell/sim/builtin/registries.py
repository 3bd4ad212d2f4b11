"""The Registries collection and the registry documents it points to.

Three registries, each a MessageRegistryFile whose ``Location[].Uri`` names the document:

* ``Base.1.4.0`` -- the DMTF Base Message Registry, the version iLO 5 serves. Shipped as
  ``Base.1.4.0.json`` beside this module, a byte-identical copy of DMTF's file (texts are DMTF's,
  BSD-3-Clause; see ``NOTICE.md``). Error bodies cite it as ``Base.1.4.<MessageId>``.
* ``iLO.2.14.0`` -- HPE's management processor messages (``SystemResetRequired`` and friends).
  Written for iloshell in HPE's style; the wording is ours.
* ``BiosAttributeRegistryU46.v1_2_10`` -- the BIOS attribute registry, built in ``bios.py``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from iloshell.sim.builtin import bios
from iloshell.sim.builtin.common import Resource, collection, resource

REGISTRIES = "/redfish/v1/Registries"
BASE_REGISTRY_VERSION = "1.4.0"
BASE_REGISTRY_URI = "/redfish/v1/RegistryStore/registries/en/Base.json"
ILO_REGISTRY_VERSION = "2.14.0"
ILO_REGISTRY_URI = "/redfish/v1/RegistryStore/registries/en/iLO.json"

# Name: (message with %n placeholders, parameter types, severity, resolution, description)
ILO_MESSAGES = {
    "ExtendedInfo": (
        "See @Message.ExtendedInfo for more information.",
        [],
        "OK",
        "None",
        "The response carries one or more messages in @Message.ExtendedInfo.",
    ),
    "SystemResetRequired": (
        "The change was saved and takes effect at the next server reset.",
        [],
        "Warning",
        "Reset the server (ComputerSystem.Reset) to apply the change.",
        "Settings such as BIOS attributes are stored as pending and applied during POST.",
    ),
    "ResetRequired": (
        "The change takes effect after iLO is reset.",
        [],
        "Warning",
        "Reset iLO (Manager.Reset) to apply the change. The server keeps running.",
        "Some iLO network and security settings are applied only when iLO restarts.",
    ),
    "ResetInProgress": (
        "iLO is resetting and will be unavailable for about a minute.",
        [],
        "Warning",
        "Wait until iLO answers again, then log in anew: existing sessions end.",
        "An iLO reset was accepted.",
    ),
    "PropertyValueBadParam": (
        "The value given for the property %1 is not valid.",
        ["string"],
        "Warning",
        "Correct the value of the property and resubmit the request.",
        "A property value has the right type but is not acceptable to iLO.",
    ),
    "PropertyValueOutOfRange": (
        "The value %1 for the property %2 is outside the range %3 to %4.",
        ["string", "string", "number", "number"],
        "Warning",
        "Choose a value within the range and resubmit the request.",
        "A numeric property value is below the minimum or above the maximum.",
    ),
    "EventSubscriptionModified": (
        "The event subscription was modified.",
        [],
        "OK",
        "None",
        "A PATCH to an event subscription succeeded.",
    ),
    "EventSubscriptionRemoved": (
        "The event subscription was removed.",
        [],
        "OK",
        "None",
        "A DELETE of an event subscription succeeded.",
    ),
    "InvalidPasswordLength": (
        "The password must be between %1 and %2 characters long.",
        ["number", "number"],
        "Warning",
        "Choose a password of the allowed length (see AccountService "
        "MinPasswordLength and MaxPasswordLength) and resubmit the request.",
        "A new account password is too short or too long.",
    ),
    "InvalidPassword": (
        "The current password is not correct.",
        [],
        "Warning",
        "Enter the current password exactly and resubmit the request.",
        "A password change was refused because the old password did not match.",
    ),
    "UnauthorizedLoginAttempt": (
        "The user name or password is not correct.",
        [],
        "Warning",
        "Check the credentials and log in again. Repeated failures delay further attempts.",
        "A login failed. iLO does not say which of the two credentials was wrong.",
    ),
    "LoginAttemptDelayed": (
        "Logins from this address are delayed for %1 seconds after repeated failures.",
        ["number"],
        "Warning",
        "Wait, then log in with the correct credentials.",
        "iLO slows down login attempts from an address that keeps failing.",
    ),
    "EventLogCleared": (
        "The log %1 was cleared.",
        ["string"],
        "OK",
        "None",
        "A LogService.ClearLog action succeeded; the log now holds one entry recording it.",
    ),
    "IndicatorLedInvalidStateChange": (
        "The indicator LED cannot be set to %1 in the current state.",
        ["string"],
        "Warning",
        "Use Lit or Off. Blinking is set by iLO itself during firmware updates.",
        "The requested IndicatorLED value is not accepted now.",
    ),
    "InvalidOperationForSystemState": (
        "The operation %1 is not possible while the server power is %2.",
        ["string", "string"],
        "Warning",
        "Change the server power state first, or choose another operation.",
        "For example, GracefulShutdown of a server that is already off.",
    ),
    "AlreadyInProgress": (
        "An operation of the same kind is already in progress.",
        [],
        "Warning",
        "Wait for the running operation to finish, then retry.",
        "The request would start an operation that is already running.",
    ),
    "UserAlreadyExist": (
        "An account with the user name %1 already exists.",
        ["string"],
        "Warning",
        "Choose another user name, or change the existing account.",
        "Account user names are unique on iLO.",
    ),
}


@cache
def _base_text() -> str:
    """The shipped Base registry text, read once per process; each build parses its own copy."""
    return Path(__file__).with_name(f"Base.{BASE_REGISTRY_VERSION}.json").read_text("utf-8")


def base_registry() -> dict:
    """DMTF's Base.1.4.0 registry document."""
    return json.loads(_base_text())


def ilo_registry() -> dict:
    """The iLO message registry document."""
    messages = {}
    for name, (message, params, severity, resolution, description) in ILO_MESSAGES.items():
        messages[name] = {
            "Description": description,
            "Message": message,
            "NumberOfArgs": len(params),
            "ParamTypes": list(params),
            "Resolution": resolution,
            "Severity": severity,
        }
    return {
        "@odata.type": "#MessageRegistry.v1_0_0.MessageRegistry",
        "Id": f"iLO.{ILO_REGISTRY_VERSION}",
        "Name": "iLO Message Registry",
        "Language": "en",
        "Description": "Messages of the iLO 5 management processor",
        "RegistryPrefix": "iLO",
        "RegistryVersion": ILO_REGISTRY_VERSION,
        "OwningEntity": "HPE",
        "Messages": messages,
    }


def documents() -> dict[str, dict]:
    """Registry documents keyed by the URI they are served at."""
    return {
        BASE_REGISTRY_URI: base_registry(),
        ILO_REGISTRY_URI: ilo_registry(),
        bios.BIOS_REGISTRY_URI: bios.registry(),
    }


def build() -> list[Resource]:
    """The Registries collection and one MessageRegistryFile per registry."""
    files = [
        ("Base", f"Base.{BASE_REGISTRY_VERSION}", BASE_REGISTRY_URI),
        ("iLO", f"iLO.{ILO_REGISTRY_VERSION}", ILO_REGISTRY_URI),
        (bios.BIOS_REGISTRY, bios.BIOS_REGISTRY, bios.BIOS_REGISTRY_URI),
    ]
    members = [f"{REGISTRIES}/{file_id}" for file_id, _, _ in files]
    out = [
        collection(
            REGISTRIES,
            "MessageRegistryFile",
            "Registry File Repository",
            members,
            "Registry Repository",
        )
    ]
    for uri, (file_id, registry, location) in zip(members, files, strict=True):
        place = {"Language": "en", "Uri": location}
        if file_id == "Base":
            place["PublicationUri"] = f"http://redfish.dmtf.org/registries/{registry}.json"
        out.append(
            resource(
                uri,
                "#MessageRegistryFile.v1_0_4.MessageRegistryFile",
                f"{registry} Message Registry File",
                f"Registry Definition File for {registry}",
                Languages=["en"],
                Location=[place],
                Registry=registry,
            )
        )
    return out
