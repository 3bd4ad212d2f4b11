"""JSON schemas of every type the built-in service serves, and the JsonSchemas collection.

The schemas have DMTF's shape (``definitions.<Type>.properties``, ``additionalProperties: false``,
``patternProperties`` for ``@odata``/``@Redfish``/``@Message`` annotations, local ``#/definitions``
refs and absolute refs by DMTF URL to ``Resource.json`` and ``odata-v4.json``, served too).
The property lists match the built-in data; the descriptions are written for iloshell, because
``explain`` teaches from them. Each schema is built by a small function with the helpers below; a
longDescription left out is derived from the description in DMTF's "This property shall ..." form.

Writable (``readonly: false``) are the properties a user of the demo is meant to change: system
AssetTag, IndicatorLED and boot override; BIOS Attributes; accounts; AccountService and
SessionService settings; iLO host name, static addresses and DHCP; network protocol ports and
switches; iLO time zone and NTP; event destinations; chassis IndicatorLED; LogService
ServiceEnabled; SecureBootEnable. Everything else is read-only.
"""

from __future__ import annotations

from collections.abc import Callable

from iloshell.sim.builtin.common import Resource, collection, resource

DMTF = "http://redfish.dmtf.org/schemas/v1/"
ODATA = DMTF + "odata-v4.json#/definitions/"
RES = DMTF + "Resource.json#/definitions/"
SCHEMA_STORE = "/redfish/v1/SchemaStore/en/"
LOWER_CASE_STORE = "/redfish/v1/schemastore/en/"
"""iLO serves a few schema files lower-case; so do we, for the Bios and AttributeRegistry ones."""
JSON_SCHEMAS = "/redfish/v1/JsonSchemas"

ANY = ["array", "boolean", "integer", "number", "null", "object", "string"]
ANNOTATIONS = {
    r"^([a-zA-Z_][a-zA-Z0-9_]*)?@(odata|Redfish|Message)\.[a-zA-Z_][a-zA-Z0-9_]*$": {
        "description": "This property shall specify a valid odata or Redfish property.",
        "type": ANY,
    }
}
IPV4 = r"^(?:[0-9]{1,3}\.){3}[0-9]{1,3}$"
MAC = r"^([0-9A-Fa-f]{2}[:-]){5}([0-9A-Fa-f]{2})$"
PRINTABLE = r"^[\x20-\x7E]*$"


# --- property helpers -------------------------------------------------------------------------


def _lower_first(text: str) -> str:
    """``The name`` -> ``the name``; ``DHCPv4 settings`` and ``iLO's clock`` stay as they are."""
    if len(text) > 1 and (text[1].isupper() or text[0].islower()):
        return text
    return text[0].lower() + text[1:]


def _long(desc: str, long: str | None) -> str:
    """The longDescription: ``long`` if given, else DMTF's "This property shall ..." of ``desc``."""
    if long:
        return long
    head = desc.partition(" ")[0]
    if head in ("Whether", "How", "Which", "When", "Where", "What", "Who"):
        return f"This property shall indicate {_lower_first(desc)}"
    return f"This property shall contain {_lower_first(desc)}"


def prop(kind: str, desc: str, long: str | None = None, *, rw=False, null=False, **extra) -> dict:
    """A primitive property: ``kind`` is string, integer, number or boolean."""
    return {
        "description": desc,
        "longDescription": _long(desc, long),
        "readonly": not rw,
        "type": [kind, "null"] if null else kind,
        **extra,
    }


def string(desc, long=None, **kw) -> dict:
    return prop("string", desc, long, **kw)


def integer(desc, long=None, **kw) -> dict:
    return prop("integer", desc, long, **kw)


def number(desc, long=None, **kw) -> dict:
    return prop("number", desc, long, **kw)


def boolean(desc, long=None, **kw) -> dict:
    return prop("boolean", desc, long, **kw)


def enum_ref(target: str, desc: str, long=None, *, rw=False, null=True) -> dict:
    """A property whose value is one of an enum definition (``#/definitions/X`` or absolute)."""
    ref = {"$ref": target if "#" in target else f"#/definitions/{target}"}
    body = {"anyOf": [ref, {"type": "null"}]} if null else dict(ref)
    return {**body, "description": desc, "longDescription": _long(desc, long), "readonly": not rw}


def object_ref(target: str, desc: str, long=None) -> dict:
    """A property holding an object; its own properties carry the readonly flags."""
    ref = target if "#" in target else f"#/definitions/{target}"
    return {"$ref": ref, "description": desc, "longDescription": _long(desc, long)}


def link(desc: str, long=None) -> dict:
    """A link to another resource."""
    return {
        "$ref": ODATA + "idRef",
        "description": desc,
        "longDescription": _long(desc, long),
        "readonly": True,
    }


def link_array(desc: str, long=None) -> dict:
    """An array of links to other resources."""
    return {
        "description": desc,
        "items": {"$ref": ODATA + "idRef"},
        "longDescription": _long(desc, long),
        "readonly": True,
        "type": "array",
    }


def array(items: dict | str, desc: str, long=None, *, rw: bool | None = False) -> dict:
    """An array; ``items`` is a JSON type name, a definition name or an items schema.

    Arrays of objects pass ``rw=None``: like DMTF, they carry no readonly flag of their own and
    the members' properties say what is writable.
    """
    if isinstance(items, str):
        primitive = items in ("string", "integer", "number", "boolean")
        items = {"type": items} if primitive else {"$ref": f"#/definitions/{items}"}
    out = {"description": desc, "items": items, "longDescription": _long(desc, long)}
    if rw is not None:
        out["readonly"] = not rw
    out["type"] = "array"
    return out


def member_id() -> dict:
    return {"$ref": ODATA + "id"}


def obj(desc: str, long: str | None, props: dict, *, required=(), additional=False) -> dict:
    """An object definition in DMTF's shape."""
    out = {
        "additionalProperties": additional,
        "description": desc,
        "longDescription": long or f"This type shall describe {_lower_first(desc)}",
        "patternProperties": dict(ANNOTATIONS),
        "properties": props,
        "type": "object",
    }
    if required:
        out["required"] = list(required)
    return out


def enum(desc: str, values: dict[str, str]) -> dict:
    """An enum definition; ``values`` maps each member to its description."""
    return {
        "description": desc,
        "enum": list(values),
        "enumDescriptions": dict(values),
        "type": "string",
    }


def action(desc: str, long: str, parameters: dict | None = None) -> dict:
    """An action definition: the object under ``Actions`` with its POST target and parameters."""
    out = obj(
        desc,
        long,
        {
            "target": string(
                "The URI to POST to, to invoke the action.",
                "This property shall contain the URI that a client POSTs the action's "
                "parameters to.",
                format="uri-reference",
            ),
            "title": string("A friendly name of the action."),
        },
    )
    out["parameters"] = parameters or {}
    return out


def actions_def(type_name: str, names: list[str]) -> dict:
    """The ``Actions`` definition listing ``#<Type>.<Name>`` for each action name."""
    props = {
        f"#{type_name}.{name}": {
            "$ref": f"#/definitions/{name}",
            "description": f"The {type_name}.{name} action; POST its parameters to its target.",
            "longDescription": f"This property shall describe the {type_name}.{name} action.",
        }
        for name in names
    }
    return obj("The available actions for this resource.", None, props)


def common(*, with_id=True) -> dict:
    """Properties every resource has: OData header, Id, Name, Description, Oem."""
    out = {
        "@odata.context": {"$ref": ODATA + "context"},
        "@odata.etag": {"$ref": ODATA + "etag"},
        "@odata.id": {"$ref": ODATA + "id"},
        "@odata.type": {"$ref": ODATA + "type"},
        "Description": {
            "anyOf": [{"$ref": RES + "Description"}, {"type": "null"}],
            "description": "A human-readable description of this resource.",
            "longDescription": "This property shall contain a description of this resource.",
            "readonly": True,
        },
        "Name": {
            "$ref": RES + "Name",
            "description": "The name of the resource.",
            "longDescription": "This property shall contain the name of this resource.",
            "readonly": True,
        },
        "Oem": object_ref(
            RES + "Oem",
            "The OEM extension property (HPE puts its data in Hpe).",
            "This property shall contain the OEM extensions.",
        ),
    }
    if with_id:
        out["Id"] = {
            "$ref": RES + "Id",
            "description": "The identifier of this resource within its collection.",
            "longDescription": "This property shall contain the identifier of this resource; it "
            "is the last segment of its URI.",
            "readonly": True,
        }
    return out


STATUS = object_ref(RES + "Status", "The status and health of the resource and its children.")
ACTIONS = object_ref("Actions", "The actions this resource supports; POST to their target.")


def resource_def(desc: str, long: str, props: dict, *, required=None) -> dict:
    """A resource type definition: common properties plus ``props``."""
    all_props = {**common(), **props}
    req = ["@odata.id", "@odata.type", "Id", "Name"] if required is None else required
    return obj(desc, long, dict(sorted(all_props.items())), required=req)


def schema_doc(odata_type: str, definitions: dict, *, owner="DMTF") -> dict:
    """A versioned schema file for ``odata_type`` (``#Namespace.vX_Y_Z.Type``)."""
    namespace, version, type_name = odata_type.lstrip("#").split(".")
    base = DMTF if owner == "DMTF" else "http://redfish.hpe.com/schemas/"
    return {
        "$id": f"{base}{namespace}.{version}.json",
        "$ref": f"#/definitions/{type_name}",
        "$schema": "http://redfish.dmtf.org/schemas/v1/redfish-schema-v1.json",
        "copyright": "Written for the iloshell simulator in the shape of the "
        + ("DMTF Redfish schema" if owner == "DMTF" else "HPE iLO 5 schema")
        + " of the same name; descriptions are iloshell's own.",
        "definitions": definitions,
        "owningEntity": owner,
        "title": odata_type,
    }


def collection_doc(member: str, desc: str) -> tuple[str, dict]:
    """The schema of ``<member>Collection``."""
    name = f"{member}Collection"
    props = {
        **common(with_id=False),
        "Members": {
            "description": f"The members of this collection: links to {desc}.",
            "items": {"$ref": ODATA + "idRef"},
            "longDescription": "This property shall contain an array of links to the members of "
            "this collection.",
            "readonly": True,
            "type": "array",
        },
        "Members@odata.count": {"$ref": ODATA + "count"},
        "Members@odata.nextLink": {"$ref": ODATA + "nextLink"},
    }
    definition = obj(
        f"A collection of {desc}.",
        f"This resource shall represent a collection of {desc}.",
        dict(sorted(props.items())),
        required=["@odata.id", "@odata.type", "Members", "Members@odata.count", "Name"],
    )
    odata_type = f"#{name}.{name}"
    return odata_type, {
        "$id": f"{DMTF}{name}.json",
        "$ref": f"#/definitions/{name}",
        "$schema": "http://redfish.dmtf.org/schemas/v1/redfish-schema-v1.json",
        "copyright": "Written for the iloshell simulator in the shape of the DMTF Redfish schema "
        "of the same name.",
        "definitions": {name: definition},
        "owningEntity": "DMTF",
        "title": odata_type,
    }


# --- shared files: Resource.json and odata-v4.json -------------------------------------------


def resource_json() -> dict:
    """Definitions every schema refers to: Id, Name, Status, Oem, common enums."""
    definitions = {
        "Description": {
            "description": "The description of this resource.",
            "longDescription": "This property shall contain a human-readable description.",
            "readonly": True,
            "type": "string",
        },
        "DurableNameFormat": enum(
            "The format of a durable name.",
            {
                "NAA": "The Name Address Authority format, as SCSI devices report it.",
                "iQN": "The iSCSI Qualified Name format.",
                "FC_WWN": "The Fibre Channel World Wide Name format.",
                "UUID": "A Universally Unique Identifier.",
                "EUI": "The IEEE Extended Unique Identifier format.",
                "NQN": "The NVMe Qualified Name format.",
                "NSID": "The NVMe namespace identifier format.",
            },
        ),
        "Health": enum(
            "The health of a resource.",
            {
                "OK": "Normal.",
                "Warning": "A condition requires attention.",
                "Critical": "A critical condition requires immediate attention.",
            },
        ),
        "Id": {
            "description": "The identifier of the resource within its collection.",
            "longDescription": "This property shall contain the identifier of this resource.",
            "readonly": True,
            "type": "string",
        },
        "Identifier": obj(
            "A durable identifier of a device, such as the WWN of a volume.",
            None,
            {
                "DurableName": string(
                    "The world-wide, persistent name of the resource.", null=True
                ),
                "DurableNameFormat": enum_ref("DurableNameFormat", "The format of DurableName."),
            },
        ),
        "IndicatorLED": enum(
            "The state of an indicator (unit identification) LED.",
            {
                "Lit": "The LED is on: someone marked this unit to be found in the rack.",
                "Blinking": "The LED blinks, for example while firmware is updated.",
                "Off": "The LED is off.",
                "Unknown": "The state of the LED is unknown.",
            },
        ),
        "Name": {
            "description": "The name of the resource or array member.",
            "longDescription": "This property shall contain the name of the resource.",
            "readonly": True,
            "type": "string",
        },
        "Oem": {
            "additionalProperties": True,
            "description": "The OEM extension: vendor-specific data, keyed by vendor (Hpe).",
            "longDescription": "This object shall contain OEM properties; their content is "
            "defined by the vendor's own schemas.",
            "patternProperties": {
                **ANNOTATIONS,
                "^[A-Za-z0-9_]+$": {"$ref": "#/definitions/OemObject"},
            },
            "properties": {},
            "type": "object",
        },
        "OemObject": {
            "additionalProperties": True,
            "description": "The properties of one vendor inside Oem.",
            "longDescription": "This object shall contain the OEM properties of one vendor.",
            "properties": {},
            "type": "object",
        },
        "PowerState": enum(
            "The power state of a system or chassis.",
            {
                "On": "Powered on.",
                "Off": "Powered off; only the auxiliary power for iLO is present.",
                "PoweringOn": "Going from Off to On.",
                "PoweringOff": "Going from On to Off.",
            },
        ),
        "ResetType": enum(
            "The kind of reset an action performs.",
            {
                "On": "Turn on.",
                "ForceOff": "Turn off at once, like holding the power button: no OS shutdown.",
                "GracefulShutdown": "Ask the operating system to shut down, then turn off.",
                "GracefulRestart": "Ask the operating system to shut down, then restart.",
                "ForceRestart": "Restart at once, without an OS shutdown.",
                "Nmi": "Send a non-maskable interrupt, typically to make the OS write a dump.",
                "ForceOn": "Turn on immediately.",
                "PushPowerButton": "Simulate a short press of the power button.",
                "PowerCycle": "Turn off, then on again.",
            },
        ),
        "State": enum(
            "The state of a resource.",
            {
                "Enabled": "Present and working.",
                "Disabled": "Present but turned off.",
                "StandbyOffline": "Enabled but awaiting an external action to become active.",
                "StandbySpare": "Part of a redundancy set, waiting to take over.",
                "InTest": "Being tested.",
                "Starting": "Starting up.",
                "Absent": "Not installed: the slot or bay is empty.",
                "UnavailableOffline": "Present but not available.",
                "Deferring": "Will not process requests now.",
                "Quiesced": "Enabled but processing only a restricted set of commands.",
                "Updating": "Its firmware is being updated.",
            },
        ),
        "Status": obj(
            "The status and health of a resource and its children.",
            None,
            {
                "Health": enum_ref(
                    "Health",
                    "The health of this resource alone.",
                    "This property shall represent the health of the resource without its "
                    "dependent resources.",
                ),
                "HealthRollup": enum_ref(
                    "Health",
                    "The worst health of this resource and everything below it.",
                    "This property shall represent the health of the resource and its dependent "
                    "resources.",
                ),
                "Oem": object_ref("Oem", "The OEM extension property."),
                "State": enum_ref(
                    "State",
                    "Whether and how the resource is present and working.",
                    "This property shall indicate the state of the resource.",
                ),
            },
        ),
        "UUID": {
            "pattern": "^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
            "[0-9a-fA-F]{12})$",
            "type": "string",
        },
    }
    return {
        "$id": DMTF + "Resource.json",
        "$schema": "http://redfish.dmtf.org/schemas/v1/redfish-schema-v1.json",
        "copyright": "Written for the iloshell simulator in the shape of the DMTF Redfish "
        "Resource schema.",
        "definitions": definitions,
        "owningEntity": "DMTF",
        "title": "#Resource",
    }


def odata_json() -> dict:
    """The OData annotations every resource carries."""

    def annotation(desc: str, long: str, **extra) -> dict:
        return {
            "description": desc,
            "longDescription": long,
            "readonly": True,
            "type": "string",
            **extra,
        }

    return {
        "$id": DMTF + "odata-v4.json",
        "$schema": "http://redfish.dmtf.org/schemas/v1/redfish-schema-v1.json",
        "copyright": "Written for the iloshell simulator in the shape of the DMTF odata-v4 schema.",
        "definitions": {
            "context": annotation(
                "The OData context URL of the payload.",
                "This property shall be the context URL that describes the resource.",
                format="uri-reference",
            ),
            "count": {
                "description": "The number of members of a collection.",
                "longDescription": "This property shall be the number of items in a collection.",
                "readonly": True,
                "type": "integer",
            },
            "etag": annotation(
                "The current ETag of the resource; send it in If-Match to change it safely.",
                "This property shall be the ETag of the resource as defined in RFC 7232.",
            ),
            "id": annotation(
                "The URI of the resource.",
                "This property shall be the unique identifier (URI) of the resource.",
                format="uri-reference",
            ),
            "idRef": {
                "additionalProperties": False,
                "description": "A link to a resource.",
                "longDescription": "This type shall be a reference to a resource by its URI.",
                "properties": {"@odata.id": {"$ref": "#/definitions/id"}},
                "type": "object",
            },
            "nextLink": annotation(
                "The URI of the next page of collection members.",
                "This property shall be the URI of a resource with the same type holding the "
                "next set of members.",
                format="uri-reference",
            ),
            "type": annotation(
                "The type of the resource: #Namespace.vMajor_Minor_Errata.Type.",
                "This property shall be the URI fragment that names the type of the resource.",
            ),
        },
        "title": "#odata-v4",
    }


# --- enums shared by several schemas ----------------------------------------------------------

BOOT_SOURCE = {
    "None": "Boot from the normal boot order: no override.",
    "Pxe": "Boot from the network with PXE.",
    "Floppy": "Boot from a floppy disk drive.",
    "Cd": "Boot from the CD or DVD drive, such as iLO virtual media.",
    "Usb": "Boot from a USB device.",
    "Hdd": "Boot from a local hard drive or logical drive.",
    "BiosSetup": "Boot into the BIOS setup (System Utilities).",
    "Utilities": "Boot the manufacturer's utilities.",
    "Diags": "Boot the manufacturer's diagnostics.",
    "UefiShell": "Boot into the UEFI Shell.",
    "UefiTarget": "Boot the UEFI device path in UefiTargetBootSourceOverride.",
    "SDCard": "Boot from an SD card.",
    "UefiHttp": "Boot from the network with UEFI HTTP boot.",
    "RemoteDrive": "Boot from a remote drive, such as an iSCSI target.",
    "UefiBootNext": "Boot the boot option named in BootNext.",
}
PROTOCOLS = {
    "PCIe": "PCI Express.",
    "AHCI": "Advanced Host Controller Interface.",
    "SAS": "Serial Attached SCSI.",
    "SATA": "Serial AT Attachment.",
    "USB": "Universal Serial Bus.",
    "NVMe": "Non-Volatile Memory Express.",
    "FC": "Fibre Channel.",
    "iSCSI": "Internet SCSI.",
    "OEM": "A vendor-specific protocol.",
}
RAID_TYPES = {
    "None": "No RAID: a single drive.",
    "RAID0": "Striping without redundancy.",
    "RAID1": "Mirroring: every block is written to two drives.",
    "RAID5": "Striping with distributed parity; survives one failed drive.",
    "RAID6": "Striping with two parity blocks; survives two failed drives.",
    "RAID10": "A stripe of mirrors.",
    "RAID50": "A stripe of RAID5 sets.",
    "RAID60": "A stripe of RAID6 sets.",
}
EVENT_TYPES = {
    "StatusChange": "The status of a resource changed.",
    "ResourceUpdated": "A resource was changed.",
    "ResourceAdded": "A resource was added.",
    "ResourceRemoved": "A resource was removed.",
    "Alert": "A condition requires attention.",
}
PHYSICAL_CONTEXT = {
    "Room": "The room.",
    "Intake": "The air intake at the front of the server.",
    "Exhaust": "The air exhaust at the back of the server.",
    "CPU": "A processor.",
    "SystemBoard": "The system board.",
    "StorageDevice": "A storage device or controller.",
    "PowerSupply": "A power supply.",
    "Memory": "Memory modules.",
    "NetworkingDevice": "A network adapter.",
    "Fan": "A fan.",
}


# --- the computer system and its parts --------------------------------------------------------


def computer_system() -> tuple[str, dict]:
    boot = obj(
        "The boot settings of the system.",
        None,
        {
            "BootOptions": link("The link to the collection of UEFI boot options."),
            "BootOrder": array(
                "string",
                "The persistent boot order: BootOptionReference values, first tried first.",
                "This property shall contain the UEFI BootOrder as an array of "
                "BootOptionReference strings of the BootOptions members. Reorder it to change "
                "the order the server tries boot options in.",
                rw=True,
            ),
            "BootSourceOverrideEnabled": enum_ref(
                "BootSourceOverrideEnabled",
                "Whether the boot override applies once, always, or not at all.",
                "This property shall indicate whether BootSourceOverrideTarget is used: Once "
                "(next boot only, then it resets to Disabled), Continuous, or Disabled.",
                rw=True,
            ),
            "BootSourceOverrideMode": enum_ref(
                "BootSourceOverrideMode",
                "The BIOS boot mode (UEFI or Legacy) to use for the override.",
                rw=True,
            ),
            "BootSourceOverrideTarget": enum_ref(
                "BootSource",
                "The device to boot from next instead of the normal boot order.",
                "This property shall contain the boot source that overrides the boot order when "
                "BootSourceOverrideEnabled is Once or Continuous. The values this system accepts "
                "are in BootSourceOverrideTarget@Redfish.AllowableValues.",
                rw=True,
            ),
            "UefiTargetBootSourceOverride": string(
                "The UEFI device path to boot when BootSourceOverrideTarget is UefiTarget.",
                rw=True,
                null=True,
            ),
        },
    )
    definitions = {
        "ComputerSystem": resource_def(
            "A computer system: the server's host side, its processors, memory, storage and BIOS.",
            "This resource shall represent a computing system: the hardware and firmware the "
            "operating system runs on.",
            {
                "Actions": ACTIONS,
                "AssetTag": string(
                    "Your inventory tag for this system.",
                    "This property shall contain the user-assigned asset tag, up to 32 printable "
                    "characters. iLO keeps it in sync with the ServerAssetTag BIOS attribute.",
                    rw=True,
                    null=True,
                    maxLength=32,
                    pattern=PRINTABLE,
                ),
                "Bios": link("The link to the BIOS settings of this system."),
                "BiosVersion": string("The version of the System ROM (BIOS) in use.", null=True),
                "Boot": object_ref("Boot", "The boot order and the one-time boot override."),
                "EthernetInterfaces": link("The link to the network interfaces of the host."),
                "HostName": string("The host name the operating system reported.", null=True),
                "IndicatorLED": enum_ref(
                    RES + "IndicatorLED",
                    "The state of the unit identification (UID) LED of the server.",
                    "This property shall contain the state of the indicator LED that identifies "
                    "the system. Set Lit to find the server in the rack, Off when done.",
                    rw=True,
                ),
                "Links": object_ref("Links", "Links to related resources that are not children."),
                "LogServices": link("The link to the logs of this system, such as the IML."),
                "Manufacturer": string("The manufacturer of the system.", null=True),
                "Memory": link("The link to the memory modules (DIMM slots) of this system."),
                "MemorySummary": object_ref("MemorySummary", "A summary of the installed memory."),
                "Model": string("The product name of the system.", null=True),
                "PowerState": enum_ref(
                    RES + "PowerState",
                    "The current power state of the system.",
                    "This property shall contain the power state of the system. Change it with "
                    "the ComputerSystem.Reset action, not by writing it.",
                ),
                "ProcessorSummary": object_ref(
                    "ProcessorSummary", "A summary of the installed processors."
                ),
                "Processors": link("The link to the processors of this system."),
                "SKU": string("The product ID (SKU) of the system.", null=True),
                "SecureBoot": link("The link to the UEFI Secure Boot settings."),
                "SerialNumber": string("The serial number of the system.", null=True),
                "Status": STATUS,
                "Storage": link("The link to the storage controllers of this system."),
                "SystemType": enum_ref("SystemType", "The kind of system.", null=False),
                "TrustedModules": array(
                    "TrustedModule", "The Trusted Platform Modules of this system.", rw=None
                ),
                "UUID": enum_ref(RES + "UUID", "The UUID of the system, as SMBIOS reports it."),
            },
        ),
        "Actions": actions_def("ComputerSystem", ["Reset"]),
        "Reset": action(
            "Resets the system: power on, off, restart or NMI.",
            "This action shall reset the system as ResetType says. The allowed types are in "
            "ResetType@Redfish.AllowableValues and in the ActionInfo resource.",
            {"ResetType": {"$ref": RES + "ResetType", "description": "The type of reset."}},
        ),
        "Boot": boot,
        "BootSource": enum("A boot source.", BOOT_SOURCE),
        "BootSourceOverrideEnabled": enum(
            "When the boot override applies.",
            {
                "Disabled": "The override is not used: the server follows the boot order.",
                "Once": "The override is used at the next boot only.",
                "Continuous": "The override is used at every boot until changed.",
            },
        ),
        "BootSourceOverrideMode": enum(
            "The BIOS boot mode of the override.",
            {"Legacy": "Legacy BIOS boot.", "UEFI": "UEFI boot."},
        ),
        "Links": obj(
            "Links from the system to related resources.",
            None,
            {
                "Chassis": link_array("The chassis that contain this system."),
                "ManagedBy": link_array("The managers (iLO) that manage this system."),
                "Oem": object_ref(RES + "Oem", "The OEM extension property."),
            },
        ),
        "MemorySummary": obj(
            "A summary of the memory of the system.",
            None,
            {
                "Status": STATUS,
                "TotalSystemMemoryGiB": number(
                    "The total volatile memory available to the OS.", null=True, units="GiBy"
                ),
                "TotalSystemPersistentMemoryGiB": number(
                    "The total persistent (non-volatile) memory.", null=True, units="GiBy"
                ),
            },
        ),
        "ProcessorSummary": obj(
            "A summary of the processors of the system.",
            None,
            {
                "Count": integer("The number of installed processors.", null=True, minimum=0),
                "LogicalProcessorCount": integer(
                    "The number of logical processors (hardware threads) available to the OS.",
                    null=True,
                    minimum=0,
                ),
                "Model": string("The processor model of the system.", null=True),
                "Status": STATUS,
            },
        ),
        "SystemType": enum(
            "The kind of computer system.",
            {
                "Physical": "A physical server.",
                "Virtual": "A virtual machine.",
                "OS": "An operating system instance.",
                "PhysicallyPartitioned": "A hardware partition of a larger system.",
                "VirtuallyPartitioned": "A virtual partition of a larger system.",
            },
        ),
        "TrustedModule": obj(
            "A Trusted Platform Module (TPM).",
            None,
            {
                "FirmwareVersion": string("The firmware version of the TPM.", null=True),
                "InterfaceType": enum_ref(
                    "InterfaceType", "The TPM specification the module implements."
                ),
                "Status": STATUS,
            },
        ),
        "InterfaceType": enum(
            "A TPM interface type.",
            {"TPM1_2": "TPM 1.2.", "TPM2_0": "TPM 2.0.", "TCM1_0": "Trusted Cryptography Module."},
        ),
    }
    return "#ComputerSystem.v1_10_0.ComputerSystem", definitions


def action_info() -> tuple[str, dict]:
    return "#ActionInfo.v1_1_2.ActionInfo", {
        "ActionInfo": resource_def(
            "The parameters an action accepts.",
            "This resource shall describe the parameters of an action, for a client to check "
            "its request before the POST.",
            {"Parameters": array("Parameters", "The parameters of the action.", rw=None)},
        ),
        "Parameters": obj(
            "One parameter of an action.",
            None,
            {
                "AllowableValues": array("string", "The values the parameter accepts."),
                "DataType": enum_ref("ParameterTypes", "The JSON type of the parameter."),
                "Name": string("The name of the parameter, as used in the POST body."),
                "Required": boolean("Whether the parameter must be given."),
            },
        ),
        "ParameterTypes": enum(
            "A parameter type.",
            {
                "Boolean": "A boolean.",
                "Number": "A number.",
                "NumberArray": "An array of numbers.",
                "String": "A string.",
                "StringArray": "An array of strings.",
                "Object": "An object.",
                "ObjectArray": "An array of objects.",
            },
        ),
    }


def secure_boot() -> tuple[str, dict]:
    return "#SecureBoot.v1_0_0.SecureBoot", {
        "SecureBoot": resource_def(
            "UEFI Secure Boot: only signed boot loaders and drivers may run.",
            "This resource shall contain the UEFI Secure Boot settings of a system.",
            {
                "Actions": ACTIONS,
                "SecureBootCurrentBoot": enum_ref(
                    "SecureBootCurrentBootType", "Whether Secure Boot was in force at this boot."
                ),
                "SecureBootEnable": boolean(
                    "Whether Secure Boot is enabled at the next boot.",
                    "This property shall indicate whether UEFI Secure Boot is enabled. A change "
                    "takes effect at the next reset of the system.",
                    rw=True,
                    null=True,
                ),
                "SecureBootMode": enum_ref(
                    "SecureBootModeType", "The UEFI Secure Boot mode of the platform keys."
                ),
            },
        ),
        "Actions": actions_def("SecureBoot", ["ResetKeys"]),
        "ResetKeys": action(
            "Resets the Secure Boot keys.",
            "This action shall reset the UEFI Secure Boot key databases as ResetKeysType says.",
            {"ResetKeysType": {"type": "string", "description": "Which keys to reset."}},
        ),
        "SecureBootCurrentBootType": enum(
            "The Secure Boot state of the current boot.",
            {"Enabled": "Secure Boot is in force.", "Disabled": "Secure Boot is not in force."},
        ),
        "SecureBootModeType": enum(
            "A UEFI Secure Boot mode.",
            {
                "SetupMode": "No platform key is installed; keys can be changed freely.",
                "UserMode": "A platform key is installed; Secure Boot can be enforced.",
                "AuditMode": "Signatures are checked and logged but not enforced.",
                "DeployedMode": "Secure Boot is enforced and the mode is locked.",
            },
        ),
    }


def boot_option() -> tuple[str, dict]:
    return "#BootOption.v1_0_1.BootOption", {
        "BootOption": resource_def(
            "A UEFI boot option: one entry the server can boot from.",
            "This resource shall represent a UEFI boot option (a Boot#### variable).",
            {
                "Alias": enum_ref("BootSource", "The kind of boot source of this option."),
                "BootOptionReference": string(
                    "The name of this option in BootOrder, such as Boot0002.",
                    "This property shall contain the UEFI Boot#### name that BootOrder and "
                    "BootNext use to refer to this option.",
                ),
                "DisplayName": string(
                    "The name of the option as the boot menu shows it.", null=True
                ),
                "UefiDevicePath": string("The UEFI device path of the option.", null=True),
            },
        ),
        "BootSource": enum("A boot source.", BOOT_SOURCE),
    }


def ethernet_interface() -> tuple[str, dict]:
    address_origin = {
        "Static": "Set by an administrator.",
        "DHCP": "Assigned by a DHCP server.",
        "BOOTP": "Assigned by a BOOTP server.",
        "IPv4LinkLocal": "A self-assigned link-local address.",
    }
    ipv6_origin = {
        "Static": "Set by an administrator.",
        "DHCPv6": "Assigned by a DHCPv6 server.",
        "LinkLocal": "The link-local address derived from the MAC address.",
        "SLAAC": "Configured by stateless address autoconfiguration.",
    }
    return "#EthernetInterface.v1_4_1.EthernetInterface", {
        "EthernetInterface": resource_def(
            "A network interface: its addresses, link and settings.",
            "This resource shall represent a network interface of a system or of iLO. On iLO's "
            "own interfaces the host name, DHCP and static addresses can be changed; iLO "
            "applies such changes after it resets.",
            {
                "AutoNeg": boolean("Whether speed and duplex are auto-negotiated.", null=True),
                "DHCPv4": object_ref("DHCPv4Configuration", "The DHCPv4 settings."),
                "FQDN": string("The fully qualified domain name of the interface.", null=True),
                "FullDuplex": boolean("Whether the link runs full duplex.", null=True),
                "HostName": string(
                    "The host name of the interface, without the domain.",
                    "This property shall contain the DNS host name, up to 63 letters, digits "
                    "and hyphens, not starting with a hyphen.",
                    rw=True,
                    null=True,
                    maxLength=63,
                    pattern=r"^[A-Za-z0-9][A-Za-z0-9-]{0,62}$",
                ),
                "IPv4Addresses": array(
                    "IPv4Address", "The IPv4 addresses in use, however assigned.", rw=None
                ),
                "IPv4StaticAddresses": array(
                    "IPv4Address",
                    "The static IPv4 addresses, used when DHCPv4 is disabled.",
                    "This property shall contain the IPv4 addresses set by an administrator. "
                    "They are used only when DHCPv4.DHCPEnabled is false.",
                    rw=True,
                ),
                "IPv6Addresses": array(
                    "IPv6Address", "The IPv6 addresses in use, however assigned.", rw=None
                ),
                "InterfaceEnabled": boolean(
                    "Whether the interface is enabled.", rw=True, null=True
                ),
                "LinkStatus": enum_ref("LinkStatus", "The state of the network link."),
                "MACAddress": string("The MAC address in use.", null=True, pattern=MAC),
                "NameServers": array("string", "The DNS servers in use, however assigned."),
                "PermanentMACAddress": string(
                    "The factory-assigned MAC address.", null=True, pattern=MAC
                ),
                "SpeedMbps": integer(
                    "The link speed in megabits per second; null when the link is down.",
                    null=True,
                    minimum=0,
                    units="Mbit/s",
                ),
                "StaticNameServers": array(
                    "string", "The DNS servers set by an administrator.", rw=True
                ),
                "Status": STATUS,
                "VLAN": object_ref("VLAN", "The VLAN tagging of the interface."),
            },
        ),
        "DHCPv4Configuration": obj(
            "DHCPv4 settings: whether DHCP is used and which of its answers are applied.",
            None,
            {
                "DHCPEnabled": boolean(
                    "Whether the interface gets its IPv4 address from DHCP.",
                    "This property shall indicate whether DHCPv4 is enabled. Set it to false to "
                    "use IPv4StaticAddresses.",
                    rw=True,
                    null=True,
                ),
                "UseDNSServers": boolean(
                    "Whether DNS servers from DHCP are used.", rw=True, null=True
                ),
                "UseDomainName": boolean(
                    "Whether the domain name from DHCP is used.", rw=True, null=True
                ),
                "UseGateway": boolean("Whether the gateway from DHCP is used.", rw=True, null=True),
                "UseNTPServers": boolean(
                    "Whether NTP servers from DHCP are used.", rw=True, null=True
                ),
                "UseStaticRoutes": boolean(
                    "Whether static routes from DHCP are used.", rw=True, null=True
                ),
            },
        ),
        "IPv4Address": obj(
            "An IPv4 address with its mask and gateway.",
            None,
            {
                "Address": string(
                    "The IPv4 address, in dotted decimal.", rw=True, null=True, pattern=IPV4
                ),
                "AddressOrigin": enum_ref("IPv4AddressOrigin", "How the address was assigned."),
                "Gateway": string(
                    "The default gateway, in dotted decimal.", rw=True, null=True, pattern=IPV4
                ),
                "SubnetMask": string(
                    "The subnet mask, in dotted decimal.", rw=True, null=True, pattern=IPV4
                ),
            },
        ),
        "IPv4AddressOrigin": enum("How an IPv4 address was assigned.", address_origin),
        "IPv6Address": obj(
            "An IPv6 address with its prefix length.",
            None,
            {
                "Address": string("The IPv6 address.", null=True),
                "AddressOrigin": enum_ref("IPv6AddressOrigin", "How the address was assigned."),
                "PrefixLength": integer(
                    "The length of the address prefix in bits.",
                    null=True,
                    minimum=0,
                    maximum=128,
                ),
            },
        ),
        "IPv6AddressOrigin": enum("How an IPv6 address was assigned.", ipv6_origin),
        "LinkStatus": enum(
            "The state of a network link.",
            {
                "LinkUp": "The link is up.",
                "NoLink": "No cable or partner.",
                "LinkDown": "The link is down.",
            },
        ),
        "VLAN": obj(
            "VLAN tagging of an interface.",
            None,
            {
                "VLANEnable": boolean("Whether frames are VLAN-tagged.", rw=True, null=True),
                "VLANId": integer(
                    "The VLAN ID, 0 to 4094.", rw=True, null=True, minimum=0, maximum=4094
                ),
            },
        ),
    }


def memory() -> tuple[str, dict]:
    return "#Memory.v1_7_1.Memory", {
        "Memory": resource_def(
            "A memory slot and the DIMM in it, if any.",
            "This resource shall represent a memory device (DIMM) or an empty slot; an empty "
            "slot has Status.State Absent.",
            {
                "AllowedSpeedsMHz": array("integer", "The speeds the DIMM supports, in MHz."),
                "BaseModuleType": enum_ref("BaseModuleType", "The module form factor."),
                "BusWidthBits": integer(
                    "The bus width, including ECC bits.", null=True, units="bit"
                ),
                "CapacityMiB": integer("The capacity of the DIMM.", null=True, units="MiBy"),
                "DataWidthBits": integer(
                    "The data width, without ECC bits.", null=True, units="bit"
                ),
                "DeviceLocator": string("The slot label on the system board.", null=True),
                "ErrorCorrection": enum_ref("ErrorCorrection", "The error correction scheme."),
                "Manufacturer": string("The manufacturer of the DIMM.", null=True),
                "MemoryDeviceType": enum_ref("MemoryDeviceType", "The DRAM generation."),
                "MemoryLocation": object_ref("MemoryLocation", "Where the slot is."),
                "MemoryMedia": array(
                    {"$ref": "#/definitions/MemoryMedia"}, "The media of the DIMM."
                ),
                "MemoryType": enum_ref("MemoryType", "The kind of memory."),
                "OperatingSpeedMhz": integer(
                    "The speed the DIMM runs at, in MHz.", null=True, units="MHz"
                ),
                "PartNumber": string("The part number of the DIMM.", null=True),
                "RankCount": integer("The number of ranks on the DIMM.", null=True),
                "SerialNumber": string("The serial number of the DIMM.", null=True),
                "Status": STATUS,
            },
        ),
        "BaseModuleType": enum(
            "A DIMM form factor.",
            {
                "RDIMM": "Registered DIMM.",
                "UDIMM": "Unbuffered DIMM.",
                "SO_DIMM": "Small outline DIMM.",
                "LRDIMM": "Load-reduced DIMM.",
            },
        ),
        "ErrorCorrection": enum(
            "A memory error correction scheme.",
            {
                "NoECC": "No error correction.",
                "SingleBitECC": "Corrects single-bit errors.",
                "MultiBitECC": "Corrects multi-bit errors.",
                "AddressParity": "Address parity protection.",
            },
        ),
        "MemoryDeviceType": enum(
            "A DRAM generation.",
            {"DDR3": "DDR3.", "DDR4": "DDR4.", "DDR5": "DDR5.", "Logical": "A logical device."},
        ),
        "MemoryLocation": obj(
            "The position of a memory slot.",
            None,
            {
                "Channel": integer("The memory channel of the slot.", null=True),
                "MemoryController": integer("The memory controller of the slot.", null=True),
                "Slot": integer("The slot number within its processor.", null=True),
                "Socket": integer("The processor socket the slot belongs to.", null=True),
            },
        ),
        "MemoryMedia": enum(
            "A memory medium.",
            {"DRAM": "DRAM.", "NAND": "NAND flash.", "Proprietary": "A vendor's own medium."},
        ),
        "MemoryType": enum(
            "A kind of memory.",
            {
                "DRAM": "Volatile DRAM.",
                "NVDIMM_N": "Persistent NVDIMM-N.",
                "NVDIMM_F": "Persistent NVDIMM-F.",
                "NVDIMM_P": "Persistent NVDIMM-P.",
                "IntelOptane": "Intel Optane persistent memory.",
            },
        ),
    }


def processor() -> tuple[str, dict]:
    return "#Processor.v1_7_0.Processor", {
        "Processor": resource_def(
            "A processor socket and the processor in it.",
            "This resource shall represent a processor of the system.",
            {
                "InstructionSet": enum_ref("InstructionSet", "The instruction set."),
                "Manufacturer": string("The manufacturer of the processor.", null=True),
                "MaxSpeedMHz": integer("The highest clock speed, in MHz.", null=True, units="MHz"),
                "Model": string("The model string of the processor.", null=True),
                "ProcessorArchitecture": enum_ref("ProcessorArchitecture", "The architecture."),
                "ProcessorId": object_ref("ProcessorId", "The CPUID identification values."),
                "ProcessorType": enum_ref("ProcessorType", "The kind of processor."),
                "Socket": string("The socket label on the system board.", null=True),
                "Status": STATUS,
                "TotalCores": integer("The number of cores.", null=True),
                "TotalThreads": integer("The number of hardware threads.", null=True),
            },
        ),
        "InstructionSet": enum(
            "An instruction set.",
            {"x86": "32-bit x86.", "x86-64": "64-bit x86.", "ARM-A64": "64-bit ARM."},
        ),
        "ProcessorArchitecture": enum(
            "A processor architecture.", {"x86": "x86 or x86-64.", "ARM": "ARM.", "OEM": "Other."}
        ),
        "ProcessorId": obj(
            "The identification registers of an x86 processor.",
            None,
            {
                "EffectiveFamily": string("The effective family (CPUID).", null=True),
                "EffectiveModel": string("The effective model (CPUID).", null=True),
                "IdentificationRegisters": string("The raw CPUID signature.", null=True),
                "MicrocodeInfo": string("The microcode revision.", null=True),
                "Step": string("The stepping (CPUID).", null=True),
                "VendorId": string("The vendor identification string.", null=True),
            },
        ),
        "ProcessorType": enum(
            "A kind of processor.",
            {
                "CPU": "A central processing unit.",
                "GPU": "A graphics processor.",
                "FPGA": "A field-programmable gate array.",
                "Accelerator": "An accelerator.",
            },
        ),
    }


def storage() -> tuple[str, dict]:
    return "#Storage.v1_7_1.Storage", {
        "Storage": resource_def(
            "A storage subsystem: controllers, their drives and volumes.",
            "This resource shall represent a storage subsystem with its controllers, the drives "
            "attached to them and the volumes built on those drives.",
            {
                "Drives": link_array("The links to the drives of this subsystem."),
                "Links": object_ref("Links", "Links to related resources."),
                "Status": STATUS,
                "StorageControllers": array(
                    "StorageController", "The controllers of this subsystem.", rw=None
                ),
                "Volumes": link("The link to the volumes (logical drives)."),
            },
        ),
        "Links": obj(
            "Links from a storage subsystem.",
            None,
            {"Enclosures": link_array("The chassis that hold this storage subsystem.")},
        ),
        "StorageController": obj(
            "A storage controller.",
            None,
            {
                "@odata.id": member_id(),
                "FirmwareVersion": string("The firmware version of the controller.", null=True),
                "Manufacturer": string("The manufacturer of the controller.", null=True),
                "MemberId": string("The index of this controller in the array."),
                "Model": string("The model of the controller.", null=True),
                "Name": string("The name of the controller.", null=True),
                "SerialNumber": string("The serial number of the controller.", null=True),
                "SpeedGbps": number("The speed of the storage bus.", null=True, units="Gbit/s"),
                "Status": STATUS,
                "SupportedControllerProtocols": array(
                    {"$ref": "#/definitions/Protocol"}, "The host interfaces of the controller."
                ),
                "SupportedDeviceProtocols": array(
                    {"$ref": "#/definitions/Protocol"}, "The drive interfaces it supports."
                ),
                "SupportedRAIDTypes": array(
                    {"$ref": "#/definitions/RAIDType"}, "The RAID levels it can build."
                ),
            },
        ),
        "Protocol": enum("A storage or bus protocol.", PROTOCOLS),
        "RAIDType": enum("A RAID level.", RAID_TYPES),
    }


def drive() -> tuple[str, dict]:
    return "#Drive.v1_7_0.Drive", {
        "Drive": resource_def(
            "A physical drive.",
            "This resource shall represent a physical disk drive or solid-state drive.",
            {
                "BlockSizeBytes": integer("The size of a block.", null=True, units="By"),
                "CapableSpeedGbs": number(
                    "The fastest speed of the drive's interface.", null=True, units="Gbit/s"
                ),
                "CapacityBytes": integer("The capacity of the drive.", null=True, units="By"),
                "Links": object_ref("Links", "Links to related resources."),
                "Manufacturer": string("The manufacturer of the drive.", null=True),
                "MediaType": enum_ref("MediaType", "The kind of medium."),
                "Model": string("The model of the drive.", null=True),
                "NegotiatedSpeedGbs": number(
                    "The speed the interface runs at.", null=True, units="Gbit/s"
                ),
                "PredictedMediaLifeLeftPercent": number(
                    "How much of its rated write endurance an SSD has left.",
                    null=True,
                    units="%",
                ),
                "Protocol": enum_ref("Protocol", "The interface protocol of the drive."),
                "Revision": string("The firmware revision of the drive.", null=True),
                "SerialNumber": string("The serial number of the drive.", null=True),
                "Status": STATUS,
            },
        ),
        "Links": obj(
            "Links from a drive.",
            None,
            {"Volumes": link_array("The volumes this drive is part of.")},
        ),
        "MediaType": enum(
            "A drive medium.",
            {
                "HDD": "A rotating hard disk.",
                "SSD": "A solid-state drive.",
                "SMR": "A shingled magnetic recording disk.",
            },
        ),
        "Protocol": enum("A drive protocol.", PROTOCOLS),
    }


def volume() -> tuple[str, dict]:
    return "#Volume.v1_4_0.Volume", {
        "Volume": resource_def(
            "A volume (logical drive) built from drives.",
            "This resource shall represent a volume: storage a controller presents to the host, "
            "built from one or more drives at a RAID level.",
            {
                "CapacityBytes": integer("The usable capacity.", null=True, units="By"),
                "DisplayName": string("A label for the volume.", null=True),
                "Encrypted": boolean("Whether the volume is encrypted.", null=True),
                "Identifiers": array(
                    {"$ref": RES + "Identifier"}, "Durable names of the volume.", rw=None
                ),
                "Links": object_ref("Links", "Links to related resources."),
                "RAIDType": enum_ref("RAIDType", "The RAID level of the volume."),
                "Status": STATUS,
            },
        ),
        "Links": obj(
            "Links from a volume.", None, {"Drives": link_array("The drives of this volume.")}
        ),
        "RAIDType": enum("A RAID level.", RAID_TYPES),
    }


def log_service() -> tuple[str, dict]:
    return "#LogService.v1_0_0.LogService", {
        "LogService": resource_def(
            "A log: its settings and the link to its entries.",
            "This resource shall represent a log service such as the IML or the iLO Event Log.",
            {
                "Actions": ACTIONS,
                "Entries": link("The link to the entries of this log."),
                "MaxNumberOfRecords": integer("How many entries the log can hold.", minimum=0),
                "OverWritePolicy": enum_ref(
                    "OverWritePolicy", "What happens when the log is full.", null=False
                ),
                "ServiceEnabled": boolean(
                    "Whether the log records new entries.", rw=True, null=True
                ),
                "Status": STATUS,
            },
        ),
        "Actions": actions_def("LogService", ["ClearLog"]),
        "ClearLog": action(
            "Clears the log.",
            "This action shall delete every entry of the log; the service then records the "
            "clearing itself as the first new entry.",
        ),
        "OverWritePolicy": enum(
            "A log's policy when full.",
            {
                "Unknown": "Not known.",
                "WrapsWhenFull": "The oldest entries are overwritten.",
                "NeverOverWrites": "New entries are dropped.",
            },
        ),
    }


def log_entry() -> tuple[str, dict]:
    return "#LogEntry.v1_1_0.LogEntry", {
        "LogEntry": resource_def(
            "One entry of a log.",
            "This resource shall represent one log entry. HPE puts its class, count and "
            "repaired flag in Oem.Hpe.",
            {
                "Created": string("When the entry was created.", format="date-time"),
                "EntryType": enum_ref("LogEntryType", "The kind of record.", null=False),
                "Message": string("The text of the entry.", null=True),
                "OemRecordFormat": string("The vendor's record format.", null=True),
                "Severity": enum_ref("EventSeverity", "The severity of the entry."),
            },
        ),
        "EventSeverity": enum(
            "A severity.",
            {"OK": "Informational.", "Warning": "Needs attention.", "Critical": "Needs action."},
        ),
        "LogEntryType": enum(
            "A kind of log record.",
            {
                "Event": "A Redfish event.",
                "SEL": "An IPMI system event log record.",
                "Oem": "A vendor record; see OemRecordFormat.",
            },
        ),
    }


# --- chassis ---------------------------------------------------------------------------------


def chassis() -> tuple[str, dict]:
    return "#Chassis.v1_10_0.Chassis", {
        "Chassis": resource_def(
            "A physical enclosure: its identity, power and thermal data.",
            "This resource shall represent a physical container of hardware, here the "
            "rack-mount enclosure of the server.",
            {
                "ChassisType": enum_ref("ChassisType", "The kind of enclosure.", null=False),
                "IndicatorLED": enum_ref(
                    RES + "IndicatorLED",
                    "The state of the chassis identification LED.",
                    "This property shall contain the state of the indicator LED. Set Lit to find "
                    "the enclosure in the rack, Off when done.",
                    rw=True,
                ),
                "Links": object_ref("Links", "Links to related resources."),
                "Manufacturer": string("The manufacturer of the chassis.", null=True),
                "Model": string("The model of the chassis.", null=True),
                "Power": link("The link to power consumption and power supplies."),
                "PowerState": enum_ref(RES + "PowerState", "The power state of the chassis."),
                "SKU": string("The product ID (SKU) of the chassis.", null=True),
                "SerialNumber": string("The serial number of the chassis.", null=True),
                "Status": STATUS,
                "Thermal": link("The link to temperatures and fans."),
            },
        ),
        "ChassisType": enum(
            "A kind of enclosure.",
            {
                "RackMount": "A single system chassis for a rack.",
                "Blade": "A blade.",
                "Enclosure": "An enclosure of blades or nodes.",
                "StandAlone": "A tower.",
                "Other": "Another kind.",
            },
        ),
        "Links": obj(
            "Links from a chassis.",
            None,
            {
                "ComputerSystems": link_array("The systems in this chassis."),
                "Drives": link_array("The drives in this chassis."),
                "ManagedBy": link_array("The managers of this chassis."),
            },
        ),
    }


def power() -> tuple[str, dict]:
    watts = {"null": True, "units": "W"}
    return "#Power.v1_3_0.Power", {
        "Power": resource_def(
            "Power consumption, limits and power supplies of a chassis.",
            "This resource shall contain the power metrics and power supplies of a chassis. "
            "Members of its arrays have their own @odata.id with a fragment.",
            {
                "PowerControl": array("PowerControl", "Power consumption and limits.", rw=None),
                "PowerSupplies": array("PowerSupply", "The power supplies.", rw=None),
                "Redundancy": array("Redundancy", "Power supply redundancy groups.", rw=None),
            },
        ),
        "PowerControl": obj(
            "The power consumption and limit of the chassis.",
            None,
            {
                "@odata.id": member_id(),
                "MemberId": string("The index of this member in the array."),
                "Name": string("The name of this power control.", null=True),
                "PowerCapacityWatts": number("The total power the supplies can deliver.", **watts),
                "PowerConsumedWatts": number("The power drawn now.", **watts),
                "PowerLimit": object_ref("PowerLimit", "The power cap."),
                "PowerMetrics": object_ref("PowerMetric", "Power statistics."),
            },
        ),
        "PowerLimit": obj(
            "A power cap.",
            None,
            {"LimitInWatts": number("The power cap; null when none is set.", **watts)},
        ),
        "PowerMetric": obj(
            "Power statistics over an interval.",
            None,
            {
                "AverageConsumedWatts": number("The average power in the interval.", **watts),
                "IntervalInMin": integer("The length of the interval.", null=True, units="min"),
                "MaxConsumedWatts": number("The highest power in the interval.", **watts),
                "MinConsumedWatts": number("The lowest power in the interval.", **watts),
            },
        ),
        "PowerSupply": obj(
            "A power supply.",
            None,
            {
                "@odata.id": member_id(),
                "FirmwareVersion": string("The firmware version of the supply.", null=True),
                "LastPowerOutputWatts": number("The power the supply delivered last.", **watts),
                "LineInputVoltage": number("The input voltage.", null=True, units="V"),
                "LineInputVoltageType": enum_ref("LineInputVoltageType", "The kind of input."),
                "Manufacturer": string("The manufacturer of the supply.", null=True),
                "MemberId": string("The index of this member in the array."),
                "Model": string("The model of the supply.", null=True),
                "Name": string("The name of the supply.", null=True),
                "PowerCapacityWatts": number("The rated output of the supply.", **watts),
                "PowerSupplyType": enum_ref(
                    "PowerSupplyType", "Whether the supply takes AC or DC."
                ),
                "SerialNumber": string("The serial number of the supply.", null=True),
                "SparePartNumber": string("The spare part number to order.", null=True),
                "Status": STATUS,
            },
        ),
        "LineInputVoltageType": enum(
            "A kind of power input.",
            {
                "Unknown": "Not known.",
                "ACLowLine": "100-127 V AC.",
                "ACMidLine": "200-240 V AC.",
                "ACHighLine": "277 V AC.",
                "DCNeg48V": "-48 V DC.",
                "DC240V": "240 V DC.",
            },
        ),
        "PowerSupplyType": enum(
            "A kind of power supply.",
            {
                "Unknown": "Not known.",
                "AC": "Alternating current.",
                "DC": "Direct current.",
                "ACorDC": "Either.",
            },
        ),
        "Redundancy": obj(
            "A redundancy group of power supplies.",
            None,
            {
                "@odata.id": member_id(),
                "MaxNumSupported": integer("The most members the group supports.", null=True),
                "MemberId": string("The index of this member in the array."),
                "MinNumNeeded": integer(
                    "The fewest members that keep the group working.", null=True
                ),
                "Mode": enum_ref("RedundancyMode", "The redundancy mode."),
                "Name": string("The name of the group.", null=True),
                "RedundancySet": link_array("The members of the group."),
                "Status": STATUS,
            },
        ),
        "RedundancyMode": enum(
            "A redundancy mode.",
            {
                "Failover": "One member takes over when another fails.",
                "N+m": "Several members, m of which may fail.",
                "Sharing": "Members share the load.",
                "Sparing": "A spare waits.",
                "NotRedundant": "No redundancy.",
            },
        ),
    }


def thermal() -> tuple[str, dict]:
    celsius = {"null": True, "units": "Cel"}
    return "#Thermal.v1_6_2.Thermal", {
        "Thermal": resource_def(
            "Temperatures and fans of a chassis.",
            "This resource shall contain the temperature sensors and fans of a chassis. Members "
            "of its arrays have their own @odata.id with a fragment.",
            {
                "Fans": array("Fan", "The fans.", rw=None),
                "Temperatures": array("Temperature", "The temperature sensors.", rw=None),
            },
        ),
        "Fan": obj(
            "A fan.",
            None,
            {
                "@odata.id": member_id(),
                "MemberId": string("The index of this member in the array."),
                "Name": string("The name of the fan.", null=True),
                "PhysicalContext": enum_ref("PhysicalContext", "Where the fan is."),
                "Reading": integer(
                    "The fan speed, in the unit ReadingUnits gives (iLO: percent).", null=True
                ),
                "ReadingUnits": enum_ref("ReadingUnits", "The unit of Reading."),
                "Status": STATUS,
            },
        ),
        "PhysicalContext": enum("Where a sensor or fan is.", PHYSICAL_CONTEXT),
        "ReadingUnits": enum(
            "A fan speed unit.", {"RPM": "Revolutions per minute.", "Percent": "Percent of full."}
        ),
        "Temperature": obj(
            "A temperature sensor with its thresholds.",
            None,
            {
                "@odata.id": member_id(),
                "MemberId": string("The index of this member in the array."),
                "Name": string("The name of the sensor.", null=True),
                "PhysicalContext": enum_ref("PhysicalContext", "What the sensor measures."),
                "ReadingCelsius": number("The temperature now.", **celsius),
                "SensorNumber": integer("The number of the sensor.", null=True),
                "Status": STATUS,
                "UpperThresholdCritical": number(
                    "The temperature at which iLO reports a critical condition.", **celsius
                ),
                "UpperThresholdFatal": number(
                    "The temperature at which iLO shuts the server down.", **celsius
                ),
            },
        ),
    }


# --- the manager (iLO) -----------------------------------------------------------------------


def _console(desc: str, types: dict[str, str]) -> dict:
    return obj(
        desc,
        None,
        {
            "ConnectTypesSupported": array(
                {"type": "string", "enum": list(types)},
                "The ways to connect: " + ", ".join(f"{k} ({v})" for k, v in types.items()) + ".",
            ),
            "MaxConcurrentSessions": integer("The most sessions at a time.", minimum=0),
            "ServiceEnabled": boolean("Whether the service is enabled."),
        },
    )


def manager() -> tuple[str, dict]:
    return "#Manager.v1_5_1.Manager", {
        "Manager": resource_def(
            "A management controller; here iLO 5.",
            "This resource shall represent a management controller: its firmware, consoles, "
            "network and logs, and the systems and chassis it manages.",
            {
                "Actions": ACTIONS,
                "CommandShell": object_ref("CommandShell", "The command-line interface (SSH)."),
                "DateTime": string(
                    "The date and time of iLO's clock.", null=True, format="date-time"
                ),
                "DateTimeLocalOffset": string(
                    "The offset of local time from UTC, as +HH:MM or -HH:MM.",
                    null=True,
                    pattern=r"^([-+][0-1][0-9]:[0-5][0-9])$",
                ),
                "EthernetInterfaces": link("The link to iLO's network interfaces."),
                "FirmwareVersion": string("The firmware version of iLO.", null=True),
                "GraphicalConsole": object_ref("GraphicalConsole", "The remote console (KVM)."),
                "Links": object_ref("Links", "Links to related resources."),
                "LogServices": link("The link to iLO's logs, such as the iLO Event Log."),
                "ManagerType": enum_ref("ManagerType", "The kind of manager.", null=False),
                "Model": string("The model of the manager.", null=True),
                "NetworkProtocol": link("The link to iLO's network services and ports."),
                "SerialConsole": object_ref("SerialConsole", "The virtual serial port."),
                "Status": STATUS,
                "UUID": enum_ref(RES + "UUID", "The UUID of the manager."),
            },
        ),
        "Actions": actions_def("Manager", ["Reset"]),
        "Reset": action(
            "Resets iLO. The server keeps running; sessions end.",
            "This action shall reset the management controller. Sessions end and iLO is "
            "unreachable for about a minute.",
            {"ResetType": {"$ref": RES + "ResetType", "description": "The type of reset."}},
        ),
        "CommandShell": _console(
            "The command shell service.",
            {"SSH": "secure shell", "Telnet": "telnet", "IPMI": "IPMI", "Oem": "vendor"},
        ),
        "GraphicalConsole": _console(
            "The graphical console service.",
            {"KVMIP": "keyboard, video, mouse over IP", "Oem": "vendor"},
        ),
        "SerialConsole": _console(
            "The serial console service.",
            {
                "SSH": "secure shell",
                "Telnet": "telnet",
                "IPMI": "IPMI Serial over LAN",
                "Oem": "vendor",
            },
        ),
        "Links": obj(
            "Links from a manager.",
            None,
            {
                "ManagerForChassis": link_array("The chassis this manager manages."),
                "ManagerForServers": link_array("The systems this manager manages."),
                "ManagerInChassis": link("The chassis this manager is in."),
            },
        ),
        "ManagerType": enum(
            "A kind of manager.",
            {
                "BMC": "A baseboard management controller.",
                "ManagementController": "A general management controller.",
                "EnclosureManager": "A manager of an enclosure of servers.",
                "RackManager": "A manager of a rack.",
            },
        ),
    }


def network_protocol() -> tuple[str, dict]:
    def service(desc: str) -> dict:
        return object_ref("Protocol", desc)

    return "#ManagerNetworkProtocol.v1_0_0.ManagerNetworkProtocol", {
        "ManagerNetworkProtocol": resource_def(
            "The network services of iLO: which are on and on which ports.",
            "This resource shall contain the network services of the manager. Changes to "
            "ports take effect after iLO resets.",
            {
                "FQDN": string("The fully qualified domain name of iLO.", null=True),
                "HTTP": service("The HTTP service; iLO redirects it to HTTPS."),
                "HTTPS": service("The HTTPS service: web interface and Redfish API."),
                "HostName": string("The host name of iLO.", null=True),
                "IPMI": service("The IPMI-over-LAN service; leave it off unless a tool needs it."),
                "KVMIP": service("The remote console service."),
                "SNMP": service("The SNMP agent service."),
                "SSDP": object_ref("SSDProtocol", "The SSDP (Simple Service Discovery) service."),
                "SSH": service("The SSH command line."),
                "Status": STATUS,
                "VirtualMedia": service("The virtual media service."),
            },
        ),
        "Protocol": obj(
            "A network service: on or off, and its port.",
            None,
            {
                "Port": integer(
                    "The TCP or UDP port of the service, 1 to 65535.",
                    rw=True,
                    null=True,
                    minimum=1,
                    maximum=65535,
                ),
                "ProtocolEnabled": boolean("Whether the service is on.", rw=True, null=True),
            },
        ),
        "SSDProtocol": obj(
            "The SSDP service and its notification settings.",
            None,
            {
                "NotifyIPv6Scope": enum_ref(
                    "NotifyIPv6Scope", "The IPv6 scope of notifications.", rw=True
                ),
                "NotifyMulticastIntervalSeconds": integer(
                    "Seconds between notifications.", rw=True, null=True, minimum=0, units="s"
                ),
                "NotifyTTL": integer(
                    "The time-to-live hop count of notifications.",
                    rw=True,
                    null=True,
                    minimum=1,
                    maximum=255,
                ),
                "Port": integer(
                    "The port of the service, 1 to 65535.",
                    rw=True,
                    null=True,
                    minimum=1,
                    maximum=65535,
                ),
                "ProtocolEnabled": boolean("Whether the service is on.", rw=True, null=True),
            },
        ),
        "NotifyIPv6Scope": enum(
            "An IPv6 multicast scope.",
            {"Link": "Link-local.", "Site": "Site-local.", "Organization": "Organization-local."},
        ),
    }


def date_time() -> tuple[str, dict]:
    zone = {
        "Index": integer("The number of the time zone in TimeZoneList.", rw=True, minimum=0),
        "Name": string("The name of the time zone.", rw=True),
        "UtcOffset": string("The offset of the zone from UTC.", pattern=r"^[-+]\d\d:\d\d$"),
        "Value": string("The POSIX TZ value of the zone."),
    }
    return "#HpeiLODateTime.v2_0_0.HpeiLODateTime", {
        "HpeiLODateTime": resource_def(
            "iLO's clock: time zone and NTP servers.",
            "This resource shall contain the date, time zone and NTP settings of iLO. To change "
            "the time zone, set TimeZone.Index or TimeZone.Name to one of TimeZoneList.",
            {
                "ConfigurationSettings": enum_ref(
                    "ConfigurationSettings", "Whether changes wait for an iLO reset.", null=False
                ),
                "DateTime": string(
                    "The date and time of iLO's clock.", null=True, format="date-time"
                ),
                "Links": object_ref("Links", "Links to related resources."),
                "NTPServers": array("string", "The NTP servers in use, however configured."),
                "PropagateTimeToHost": boolean(
                    "Whether iLO sets the server's clock at power on.", rw=True
                ),
                "StaticNTPServers": array(
                    "string",
                    "The NTP servers set by an administrator.",
                    "This property shall contain the NTP servers set by an administrator, by "
                    "name or address. They are used when DHCP does not provide NTP servers.",
                    rw=True,
                ),
                "TimeZone": object_ref("TimeZone", "The time zone of iLO."),
                "TimeZoneList": array(
                    {"$ref": "#/definitions/TimeZoneListEntry"},
                    "The time zones iLO knows.",
                ),
            },
        ),
        "ConfigurationSettings": enum(
            "Whether settings are in effect.",
            {
                "Current": "All settings are in effect.",
                "SomePendingReset": "Some settings take effect at the next iLO reset.",
            },
        ),
        "Links": obj(
            "Links from the date and time settings.",
            None,
            {"EthernetNICs": link("The network interfaces whose DHCP may supply NTP servers.")},
        ),
        "TimeZone": obj("A time zone.", None, zone),
        "TimeZoneListEntry": obj(
            "A time zone of the list.",
            None,
            {name: {**schema, "readonly": True} for name, schema in zone.items()},
        ),
    }


# --- accounts, sessions, events, updates, tasks ------------------------------------------------


def account_service() -> tuple[str, dict]:
    seconds = {"rw": True, "minimum": 0, "units": "s"}
    return "#AccountService.v1_5_0.AccountService", {
        "AccountService": resource_def(
            "Local user accounts and the rules for passwords and lockout.",
            "This resource shall contain the account settings of the service and link to its "
            "accounts and roles.",
            {
                "AccountLockoutCounterResetAfter": integer(
                    "Seconds after which the count of failed logins starts again from zero.",
                    **seconds,
                ),
                "AccountLockoutDuration": integer(
                    "Seconds an account stays locked after too many failed logins.", **seconds
                ),
                "AccountLockoutThreshold": integer(
                    "Failed logins that lock an account; 0 never locks.",
                    "This property shall contain the number of failed logins after which an "
                    "account is locked; 0 means accounts are never locked.",
                    rw=True,
                    minimum=0,
                ),
                "Accounts": link("The link to the user accounts."),
                "AuthFailureLoggingThreshold": integer(
                    "Every how many failed logins an entry is written to the iLO Event Log.",
                    "This property shall contain after how many failed logins iLO writes an "
                    "event log entry: 0 disables it, 1 logs every failure, up to 5.",
                    rw=True,
                    minimum=0,
                    maximum=5,
                ),
                "LocalAccountAuth": enum_ref(
                    "LocalAccountAuth", "Whether local accounts may log in.", rw=True, null=False
                ),
                "MaxPasswordLength": integer("The longest password allowed.", minimum=0),
                "MinPasswordLength": integer(
                    "The shortest password allowed, 0 to 39.", rw=True, minimum=0, maximum=39
                ),
                "Roles": link("The link to the roles accounts can have."),
                "ServiceEnabled": boolean("Whether the account service is enabled.", null=True),
                "Status": STATUS,
            },
        ),
        "LocalAccountAuth": enum(
            "Whether local accounts authenticate.",
            {
                "Enabled": "Local accounts may log in.",
                "Disabled": "Only directory accounts.",
                "Fallback": "Local accounts only when the directory is unreachable.",
            },
        ),
    }


def manager_account() -> tuple[str, dict]:
    return "#ManagerAccount.v1_3_0.ManagerAccount", {
        "ManagerAccount": resource_def(
            "A local user account of iLO.",
            "This resource shall represent a user account: its name, password and role.",
            {
                "Enabled": boolean("Whether the account may log in.", rw=True),
                "Links": object_ref("Links", "Links to related resources."),
                "Locked": boolean(
                    "Whether the account is locked after failed logins.",
                    "This property shall indicate whether the account is locked. The service "
                    "sets it; an administrator may only set it back to false.",
                    rw=True,
                ),
                "Password": string(
                    "The password of the account. Always null when read.",
                    "This property shall be writable to set a new password, and shall be null "
                    "in every response.",
                    rw=True,
                    null=True,
                ),
                "PasswordChangeRequired": boolean(
                    "Whether the password must be changed at the next login.", null=True
                ),
                "RoleId": string(
                    "The role of the account: Administrator, Operator or ReadOnly.",
                    "This property shall contain the RoleId of a member of the Roles collection.",
                    rw=True,
                ),
                "UserName": string(
                    "The name the user logs in with.",
                    "This property shall contain the login name, 1 to 39 characters.",
                    rw=True,
                    minLength=1,
                    maxLength=39,
                    pattern=r"^[\x21-\x7E]+$",
                ),
            },
        ),
        "Links": obj(
            "Links from an account.", None, {"Role": link("The link to the role of the account.")}
        ),
    }


def role() -> tuple[str, dict]:
    return "#Role.v1_2_1.Role", {
        "Role": resource_def(
            "A role: a named set of privileges.",
            "This resource shall represent a role and the privileges it grants.",
            {
                "AssignedPrivileges": array(
                    {"$ref": "#/definitions/PrivilegeType"}, "The Redfish privileges of the role."
                ),
                "IsPredefined": boolean("Whether the role is built in."),
                "OemPrivileges": array("string", "The iLO privileges of the role."),
                "RoleId": string("The name of the role, as accounts' RoleId refers to it."),
            },
        ),
        "PrivilegeType": enum(
            "A Redfish privilege.",
            {
                "Login": "Log in and read.",
                "ConfigureManager": "Configure iLO.",
                "ConfigureUsers": "Manage accounts.",
                "ConfigureSelf": "Change one's own password.",
                "ConfigureComponents": "Configure the server.",
            },
        ),
    }


def session_service() -> tuple[str, dict]:
    return "#SessionService.v1_0_0.SessionService", {
        "SessionService": resource_def(
            "Login sessions and how long an idle one lasts.",
            "This resource shall contain the session settings and link to the sessions.",
            {
                "ServiceEnabled": boolean("Whether sessions can be created.", null=True),
                "SessionTimeout": integer(
                    "Seconds of inactivity after which a session ends, 30 to 86400.",
                    "This property shall contain the idle time after which the service ends a "
                    "session, from 30 seconds to 24 hours.",
                    rw=True,
                    minimum=30,
                    maximum=86400,
                    units="s",
                ),
                "Sessions": link("The link to the open sessions; POST there to log in."),
                "Status": STATUS,
            },
        ),
    }


def session() -> tuple[str, dict]:
    return "#Session.v1_0_0.Session", {
        "Session": resource_def(
            "A login session. DELETE it to log out.",
            "This resource shall represent a session; its URI is the Location of the login "
            "response and deleting it ends the session.",
            {
                "Password": string(
                    "The password; only in the login request, null otherwise.", null=True
                ),
                "UserName": string("The user who logged in.", null=True),
            },
        ),
    }


def event_service() -> tuple[str, dict]:
    return "#EventService.v1_0_8.EventService", {
        "EventService": resource_def(
            "Event delivery to subscribers.",
            "This resource shall contain the event settings and link to the subscriptions.",
            {
                "Actions": ACTIONS,
                "DeliveryRetryAttempts": integer(
                    "How often delivery of an event is retried.", rw=True, minimum=0
                ),
                "DeliveryRetryIntervalSeconds": integer(
                    "Seconds between delivery retries.", rw=True, minimum=0, units="s"
                ),
                "EventTypesForSubscription": array(
                    {"$ref": "#/definitions/EventType"}, "The event types one can subscribe to."
                ),
                "ServiceEnabled": boolean("Whether events are sent.", rw=True, null=True),
                "Status": STATUS,
                "Subscriptions": link("The link to the subscriptions."),
            },
        ),
        "Actions": actions_def("EventService", ["SubmitTestEvent"]),
        "SubmitTestEvent": action(
            "Sends a test event to every subscriber.",
            "This action shall send a test event of EventType to the subscribers.",
            {"EventType": {"$ref": "#/definitions/EventType", "description": "The event type."}},
        ),
        "EventType": enum("An event type.", EVENT_TYPES),
    }


def event_destination() -> tuple[str, dict]:
    return "#EventDestination.v1_0_0.EventDestination", {
        "EventDestination": resource_def(
            "An event subscription: where events are sent.",
            "This resource shall represent a subscriber of events.",
            {
                "Context": string(
                    "A text the service returns in every event for this subscriber.",
                    rw=True,
                    null=True,
                ),
                "Destination": string(
                    "The URL events are POSTed to.",
                    "This property shall contain the https URL of the event listener.",
                    rw=True,
                    format="uri",
                ),
                "EventTypes": array(
                    {"$ref": "#/definitions/EventType"}, "The event types sent to this subscriber."
                ),
                "HttpHeaders": array(
                    {"type": "object"}, "Extra HTTP headers sent with events; never shown."
                ),
                "Protocol": enum_ref("EventDestinationProtocol", "The protocol.", null=False),
            },
        ),
        "EventDestinationProtocol": enum(
            "An event protocol.", {"Redfish": "Redfish events over HTTPS."}
        ),
        "EventType": enum("An event type.", EVENT_TYPES),
    }


def update_service() -> tuple[str, dict]:
    return "#UpdateService.v1_1_1.UpdateService", {
        "UpdateService": resource_def(
            "Firmware updates and the inventory of installed firmware.",
            "This resource shall contain the update settings and link to the inventories.",
            {
                "Actions": ACTIONS,
                "FirmwareInventory": link("The link to the installed firmware."),
                "HttpPushUri": string(
                    "The URI to POST a firmware image to.", format="uri-reference"
                ),
                "ServiceEnabled": boolean("Whether updates are possible.", null=True),
                "SoftwareInventory": link("The link to the installed host software."),
                "Status": STATUS,
            },
        ),
        "Actions": actions_def("UpdateService", ["SimpleUpdate"]),
        "SimpleUpdate": action(
            "Updates firmware from an image at a URI.",
            "This action shall fetch the image at ImageURI and flash it.",
            {
                "ImageURI": {"type": "string", "description": "The URI of the image."},
                "TransferProtocol": {"type": "string", "description": "How to fetch it."},
            },
        ),
    }


def software_inventory() -> tuple[str, dict]:
    return "#SoftwareInventory.v1_2_0.SoftwareInventory", {
        "SoftwareInventory": resource_def(
            "An installed firmware or software component.",
            "This resource shall represent a firmware or software component and its version.",
            {
                "Status": STATUS,
                "Updateable": boolean("Whether the component can be updated.", null=True),
                "Version": string("The installed version.", null=True),
            },
        ),
    }


def task_service() -> tuple[str, dict]:
    return "#TaskService.v1_1_1.TaskService", {
        "TaskService": resource_def(
            "Long-running operations and their results.",
            "This resource shall contain the task settings and link to the tasks.",
            {
                "CompletedTaskOverWritePolicy": enum_ref(
                    "OverWritePolicy", "What happens to completed tasks.", null=False
                ),
                "DateTime": string(
                    "The date and time of the service.", null=True, format="date-time"
                ),
                "LifeCycleEventOnTaskStateChange": boolean(
                    "Whether an event is sent when a task changes state."
                ),
                "ServiceEnabled": boolean("Whether tasks are kept.", null=True),
                "Status": STATUS,
                "Tasks": link("The link to the tasks."),
            },
        ),
        "OverWritePolicy": enum(
            "A policy for completed tasks.",
            {"Manual": "They stay until deleted.", "Oldest": "The oldest are removed first."},
        ),
    }


def task() -> tuple[str, dict]:
    time = {"null": True, "format": "date-time"}
    return "#Task.v1_4_2.Task", {
        "Task": resource_def(
            "A long-running operation.",
            "This resource shall represent a task: its state, progress and messages.",
            {
                "EndTime": string("When the task ended.", **time),
                "Messages": array("Message", "The messages of the task.", rw=None),
                "PercentComplete": integer(
                    "How much of the task is done.", null=True, minimum=0, maximum=100, units="%"
                ),
                "StartTime": string("When the task started.", **time),
                "TaskState": enum_ref("TaskState", "The state of the task.", null=False),
                "TaskStatus": enum_ref(RES + "Health", "The health of the task.", null=False),
            },
        ),
        "Message": obj(
            "A message of a registry, with its arguments.",
            None,
            {
                "Message": string("The message text, arguments filled in.", null=True),
                "MessageArgs": array("string", "The arguments of the message."),
                "MessageId": string("The MessageId: Registry.Major.Minor.Name."),
                "Severity": string("The severity of the message.", null=True),
            },
        ),
        "TaskState": enum(
            "A task state.",
            {
                "New": "Not started.",
                "Running": "Running.",
                "Completed": "Done successfully.",
                "Killed": "Ended by request.",
                "Exception": "Ended by an error.",
                "Cancelled": "Cancelled.",
            },
        ),
    }


# --- registries, schemas, directory, BIOS, root ----------------------------------------------


def _location(what: str) -> dict:
    return obj(
        f"Where the {what} file is served, per language.",
        None,
        {
            "Language": string("The language of the file, such as en.", null=True),
            "PublicationUri": string("Where its publisher publishes it.", null=True, format="uri"),
            "Uri": string(
                f"The URI at which this service serves the {what}; GET it.",
                null=True,
                format="uri-reference",
            ),
        },
    )


def message_registry_file() -> tuple[str, dict]:
    return "#MessageRegistryFile.v1_0_4.MessageRegistryFile", {
        "MessageRegistryFile": resource_def(
            "Where to find a message or attribute registry.",
            "This resource shall describe a registry and where its files are served. Match a "
            "MessageId's Registry.Major.Minor against Registry to find it.",
            {
                "Languages": array("string", "The languages the registry is available in."),
                "Location": array("Location", "The files of the registry.", rw=None),
                "Registry": string("The registry name and version, such as Base.1.4.0."),
            },
        ),
        "Location": _location("registry"),
    }


def json_schema_file() -> tuple[str, dict]:
    return "#JsonSchemaFile.v1_0_4.JsonSchemaFile", {
        "JsonSchemaFile": resource_def(
            "Where to find the JSON schema of a type.",
            "This resource shall describe the schema of one @odata.type and where its file is "
            "served.",
            {
                "Languages": array("string", "The languages the schema is available in."),
                "Location": array("Location", "The files of the schema.", rw=None),
                "Schema": string("The @odata.type the schema describes."),
            },
        ),
        "Location": _location("schema"),
    }


def resource_directory() -> tuple[str, dict]:
    return "#HpeiLOResourceDirectory.v2_0_0.HpeiLOResourceDirectory", {
        "HpeiLOResourceDirectory": resource_def(
            "iLO's index of every resource, with type and ETag.",
            "This resource shall list every resource of the service, so a client can find "
            "resources by type and see which changed without crawling the tree.",
            {
                "Instances": array(
                    "Instance", "The resources of the service, one entry each.", rw=None
                )
            },
        ),
        "Instance": obj(
            "A resource in the directory.",
            None,
            {
                "@odata.etag": {"$ref": ODATA + "etag"},
                "@odata.id": {"$ref": ODATA + "id"},
                "@odata.type": {"$ref": ODATA + "type"},
            },
        ),
    }


def bios() -> tuple[str, dict]:
    return "#Bios.v1_0_4.Bios", {
        "Bios": resource_def(
            "BIOS settings, named and checked by the attribute registry.",
            "This resource shall contain the BIOS attributes of a system. On iLO, "
            "/redfish/v1/systems/1/bios/ shows the values in effect and its "
            "@Redfish.Settings.SettingsObject (bios/settings/) the values applied at the next "
            "reset: PATCH the settings object.",
            {
                "Actions": ACTIONS,
                "AttributeRegistry": string(
                    "The attribute registry that defines these attributes.",
                    "This property shall contain the Registry name of the MessageRegistryFile "
                    "whose registry defines every attribute: its type, allowed values, limits "
                    "and help.",
                    null=True,
                ),
                "Attributes": object_ref(
                    "Attributes",
                    "The BIOS attributes and their values.",
                    "This property shall contain the BIOS attributes. Which names exist and "
                    "which values are valid is defined by the attribute registry, not by this "
                    "schema.",
                ),
            },
        ),
        "Actions": actions_def("Bios", ["ChangePassword", "ResetBios"]),
        "Attributes": {
            "additionalProperties": False,
            "description": "BIOS attribute names and values.",
            "longDescription": "This type shall contain BIOS attributes; the attribute registry "
            "defines them.",
            "patternProperties": {
                **ANNOTATIONS,
                "^[A-Za-z][A-Za-z0-9_]+$": {
                    "description": "A BIOS attribute; see the attribute registry for it.",
                    "readonly": False,
                    "type": ["boolean", "integer", "number", "string", "null"],
                },
            },
            "properties": {},
            "type": "object",
        },
        "ChangePassword": action(
            "Changes a BIOS password.",
            "This action shall change the password named by PasswordName from OldPassword to "
            "NewPassword.",
            {
                "NewPassword": {"type": "string", "description": "The new password."},
                "OldPassword": {"type": "string", "description": "The current password."},
                "PasswordName": {"type": "string", "description": "Which password to change."},
            },
        ),
        "ResetBios": action(
            "Restores the BIOS settings to their defaults at the next reset.",
            "This action shall reset every BIOS attribute to its default value; the change "
            "takes effect at the next system reset.",
        ),
    }


def _registry_header() -> dict:
    """Id, Name, Description, Oem and @odata.type of a registry document (it has no URI)."""
    keep = ("@odata.type", "Description", "Id", "Name", "Oem")
    return {name: body for name, body in common().items() if name in keep}


def message_registry() -> tuple[str, dict]:
    return "#MessageRegistry.v1_0_0.MessageRegistry", {
        "MessageRegistry": obj(
            "A message registry: the texts behind MessageIds.",
            "This resource shall contain a set of messages. A MessageId Prefix.Major.Minor.Name "
            "names the message Name of the registry with that RegistryPrefix and version.",
            {
                **_registry_header(),
                "Language": string("The language of the registry."),
                "Messages": object_ref("MessageProperty", "The messages, keyed by name."),
                "OwningEntity": string("Who publishes the registry."),
                "RegistryPrefix": string("The first part of the MessageIds of the registry."),
                "RegistryVersion": string(
                    "The version of the registry.", pattern=r"^\d+\.\d+\.\d+$"
                ),
            },
            required=[
                "Id",
                "Name",
                "Language",
                "RegistryPrefix",
                "RegistryVersion",
                "OwningEntity",
                "Messages",
            ],
        ),
        "MessageProperty": {
            "additionalProperties": False,
            "description": "The messages of the registry, keyed by name.",
            "longDescription": "This type shall contain the messages keyed by their name.",
            "patternProperties": {"[A-Za-z0-9]+": {"$ref": "#/definitions/Message"}},
            "properties": {},
            "type": "object",
        },
        "Message": obj(
            "A message: its text with %1..%n placeholders, severity and what to do.",
            None,
            {
                "Description": string("When the message is used."),
                "Message": string("The text; %1..%n are replaced by the MessageArgs."),
                "NumberOfArgs": integer("The number of arguments.", minimum=0),
                "Oem": object_ref(RES + "Oem", "The OEM extension property."),
                "ParamTypes": array(
                    {"type": "string", "enum": ["string", "number"]}, "The type of each argument."
                ),
                "Resolution": string("What the client should do about the message."),
                "Severity": string("The severity: OK, Warning or Critical."),
            },
            required=["Description", "Message", "Severity", "NumberOfArgs", "Resolution"],
        ),
    }


def attribute_registry() -> tuple[str, dict]:
    value = ["boolean", "integer", "number", "string", "null"]
    properties_of_attributes = {
        "CurrentValue": "The current value",
        "DefaultValue": "The default value",
        "ReadOnly": "Whether read-only",
        "WriteOnly": "Whether write-only",
        "GrayOut": "Whether grayed out",
        "Hidden": "Whether hidden",
        "LowerBound": "The lower bound",
        "UpperBound": "The upper bound",
        "MinLength": "The minimum length",
        "MaxLength": "The maximum length",
        "ScalarIncrement": "The step",
    }
    attribute_property = enum("A property of an attribute.", properties_of_attributes)
    return "#AttributeRegistry.v1_3_0.AttributeRegistry", {
        "AttributeRegistry": obj(
            "An attribute registry: the definition of every BIOS attribute.",
            "This resource shall define a set of attributes: for each its type, allowed values "
            "or limits, help text and menu, and rules between attributes.",
            {
                **_registry_header(),
                "Language": string("The language of the registry."),
                "OwningEntity": string("Who publishes the registry."),
                "RegistryEntries": object_ref("RegistryEntries", "The attributes, menus, rules."),
                "RegistryVersion": string("The version of the registry."),
                "SupportedSystems": array(
                    "SupportedSystems", "The systems it applies to.", rw=None
                ),
            },
            required=[
                "Id",
                "Name",
                "Language",
                "RegistryVersion",
                "OwningEntity",
                "RegistryEntries",
            ],
        ),
        "RegistryEntries": obj(
            "The entries of the registry.",
            None,
            {
                "Attributes": array("Attributes", "The attributes.", rw=None),
                "Dependencies": array("Dependencies", "Rules between attributes.", rw=None),
                "Menus": array("Menus", "The menus of the setup utility.", rw=None),
            },
        ),
        "Attributes": obj(
            "The definition of one attribute.",
            None,
            {
                "AttributeName": string("The name of the attribute in the Attributes object."),
                "CurrentValue": {**string("The current value."), "type": value},
                "DefaultValue": {
                    **string("The value after a BIOS reset to defaults."),
                    "type": value,
                },
                "DisplayName": string("The name the setup utility shows.", null=True),
                "DisplayOrder": integer("Where the utility lists the attribute.", null=True),
                "GrayOut": boolean("Whether the setup utility grays the attribute out.", null=True),
                "HelpText": string("What the attribute does.", null=True),
                "Hidden": boolean("Whether the attribute is hidden.", null=True),
                "Immutable": boolean("Whether the attribute never changes.", null=True),
                "LowerBound": integer("The smallest valid value (Integer).", null=True),
                "MaxLength": integer("The longest valid value (String, Password).", null=True),
                "MenuPath": string("The menu the attribute is in.", null=True),
                "MinLength": integer("The shortest valid value (String, Password).", null=True),
                "ReadOnly": boolean("Whether the attribute cannot be changed.", null=True),
                "ResetRequired": boolean("Whether a change takes effect only at reset.", null=True),
                "ScalarIncrement": integer(
                    "The step between valid values (Integer): LowerBound + n * step.", null=True
                ),
                "Type": enum_ref("AttributeType", "The type of the attribute."),
                "UpperBound": integer("The largest valid value (Integer).", null=True),
                "Value": array("AttributeValue", "The valid values (Enumeration).", rw=None),
                "ValueExpression": string(
                    "A regular expression valid values match (String).", null=True
                ),
                "WarningText": string("A warning shown when the attribute is changed.", null=True),
                "WriteOnly": boolean("Whether the value always reads as null.", null=True),
            },
        ),
        "AttributeType": enum(
            "The type of an attribute.",
            {
                "Enumeration": "One of the ValueName strings in Value.",
                "String": "Text within MinLength, MaxLength and ValueExpression.",
                "Integer": "A whole number within LowerBound, UpperBound and ScalarIncrement.",
                "Boolean": "true or false.",
                "Password": "A password; reads as null.",
            },
        ),
        "AttributeValue": obj(
            "A valid value of an Enumeration attribute.",
            None,
            {
                "ValueDisplayName": string("The value as the setup utility shows it.", null=True),
                "ValueName": string("The value as written in Attributes."),
            },
        ),
        "Dependencies": obj(
            "A rule: when attributes have some values, another attribute changes.",
            None,
            {
                "Dependency": object_ref("Dependency", "The rule."),
                "DependencyFor": string("The attribute the rule changes."),
                "Type": {**string("The kind of rule; Map is the only one."), "enum": ["Map"]},
            },
        ),
        "Dependency": obj(
            "A map rule: if every MapFrom condition holds, MapToProperty becomes MapToValue.",
            None,
            {
                "MapFrom": array("MapFrom", "The conditions.", rw=None),
                "MapToAttribute": string("The attribute that changes."),
                "MapToProperty": enum_ref("AttributeProperty", "Which of its properties."),
                "MapToValue": {**string("The new value of that property."), "type": value},
            },
        ),
        "MapFrom": obj(
            "A condition of a rule.",
            None,
            {
                "MapFromAttribute": string("The attribute tested."),
                "MapFromCondition": {
                    **string("The comparison: EQU, NEQ, GTR, GEQ, LSS or LEQ."),
                    "enum": ["EQU", "NEQ", "GTR", "GEQ", "LSS", "LEQ"],
                },
                "MapFromProperty": enum_ref("AttributeProperty", "Which of its properties."),
                "MapFromValue": {**string("The value compared with."), "type": value},
                "MapTerms": {
                    **string("How to join with the previous condition."),
                    "enum": ["AND", "OR"],
                },
            },
        ),
        "AttributeProperty": attribute_property,
        "Menus": obj(
            "A menu of the setup utility.",
            None,
            {
                "DisplayName": string("The title of the menu.", null=True),
                "DisplayOrder": integer("Where the menu is listed.", null=True),
                "GrayOut": boolean("Whether the menu is grayed out.", null=True),
                "MenuName": string("The name of the menu."),
                "MenuPath": string("The path of the menu, ./Parent/Child.", null=True),
                "ReadOnly": boolean("Whether the menu's attributes are read-only.", null=True),
            },
        ),
        "SupportedSystems": obj(
            "A system the registry applies to.",
            None,
            {
                "FirmwareVersion": string("The System ROM version.", null=True),
                "ProductName": string("The product name.", null=True),
                "SystemId": string("The System ROM family, such as U46.", null=True),
            },
        ),
    }


def service_root() -> tuple[str, dict]:
    def entry(desc: str) -> dict:
        return link(f"The link to {desc}.")

    return "#ServiceRoot.v1_5_1.ServiceRoot", {
        "ServiceRoot": resource_def(
            "The root of the service: where everything is. Readable without logging in.",
            "This resource shall be the root of the Redfish service, at /redfish/v1/, linking "
            "to the top-level collections and services.",
            {
                "AccountService": entry("the account service"),
                "Chassis": entry("the chassis collection"),
                "EventService": entry("the event service"),
                "JsonSchemas": entry("the JSON schemas of the types this service serves"),
                "Links": object_ref("Links", "Links to related resources."),
                "Managers": entry("the managers collection (iLO)"),
                "Product": string("The product the service runs on.", null=True),
                "ProtocolFeaturesSupported": object_ref(
                    "ProtocolFeaturesSupported", "Which optional query features the service has."
                ),
                "RedfishVersion": string(
                    "The Redfish specification version of the service.", pattern=r"^\d+\.\d+\.\d+$"
                ),
                "Registries": entry("the message and attribute registries"),
                "SessionService": entry("the session service"),
                "Systems": entry("the computer systems collection"),
                "Tasks": entry("the task service"),
                "UUID": enum_ref(RES + "UUID", "The UUID of the service."),
                "UpdateService": entry("the update service (firmware inventory)"),
                "Vendor": string("The vendor of the service.", null=True),
            },
        ),
        "Links": obj(
            "Links from the service root.",
            None,
            {"Sessions": link("The link to the sessions collection; POST there to log in.")},
        ),
        "ProtocolFeaturesSupported": obj(
            "The optional query features of the service.",
            None,
            {
                "ExpandQuery": object_ref("Expand", "Which forms of $expand are supported."),
                "FilterQuery": boolean("Whether $filter is supported.", null=True),
                "OnlyMemberQuery": boolean("Whether only is supported.", null=True),
                "SelectQuery": boolean("Whether $select is supported.", null=True),
            },
        ),
        "Expand": obj(
            "The supported forms of $expand.",
            None,
            {
                "ExpandAll": boolean("Whether $expand=* (all links) is supported.", null=True),
                "Levels": boolean("Whether $levels is supported inside $expand.", null=True),
                "Links": boolean("Whether $expand=~ (Links only) is supported.", null=True),
                "MaxLevels": integer("The deepest $levels supported.", null=True, minimum=1),
                "NoLinks": boolean(
                    "Whether $expand=. (children, not Links) is supported; on a collection it "
                    "returns the members inline.",
                    null=True,
                ),
            },
        ),
    }


# --- HPE OEM extensions (the Oem.Hpe objects that carry an @odata.type) ------------------------


def _oem_def(desc: str, long: str, props: dict) -> dict:
    header = {
        "@odata.context": {"$ref": ODATA + "context"},
        "@odata.type": {"$ref": ODATA + "type"},
    }
    return obj(desc, long, dict(sorted({**header, **props}.items())))


def ilo_service_ext() -> tuple[str, dict]:
    version = obj(
        "A language of the iLO web interface.",
        None,
        {
            "Language": string("The language code."),
            "TranslationName": string("The name of the language."),
            "Version": string("The version of the language pack."),
        },
    )
    return "#HpeiLOServiceExt.v2_3_0.HpeiLOServiceExt", {
        "HpeiLOServiceExt": _oem_def(
            "HPE's additions to the service root.",
            "This object shall contain iLO's additions to the service root: the manager "
            "summary, product names (Moniker) and how to log in.",
            {
                "Links": obj(
                    "Links to HPE resources.",
                    None,
                    {
                        "ResourceDirectory": link("The link to the ResourceDirectory."),
                    },
                ),
                "Manager": array("Manager", "A summary of the manager.", rw=None),
                "Moniker": {
                    **obj("Product and vendor names, keyed by an abbreviation.", None, {}),
                    "additionalProperties": {"type": "string", "readonly": True},
                },
                "Sessions": object_ref("Sessions", "How to log in."),
                "System": array("System", "A summary of the systems.", rw=None),
                "Time": string("The time of iLO's clock.", format="date-time"),
            },
        ),
        "Language": version,
        "Manager": obj(
            "A summary of iLO.",
            None,
            {
                "DefaultLanguage": string("The default language."),
                "FQDN": string("The fully qualified domain name of iLO."),
                "HostName": string("The host name of iLO."),
                "Languages": array("Language", "The installed languages.", rw=None),
                "ManagerFirmwareVersion": string("The firmware version of iLO."),
                "ManagerType": string("The iLO generation, such as iLO 5."),
                "Status": STATUS,
            },
        ),
        "Sessions": obj(
            "The login settings of iLO.",
            None,
            {
                "CertCommonName": string("The common name of iLO's TLS certificate."),
                "CertificateLoginEnabled": boolean("Whether login by client certificate works."),
                "KerberosEnabled": boolean("Whether Kerberos login works."),
                "LDAPAuthLicenced": boolean("Whether the licence allows directory login."),
                "LDAPEnabled": boolean("Whether directory login works."),
                "LocalLoginEnabled": boolean("Whether local accounts may log in."),
                "LoginFailureDelay": integer("Seconds of delay after a failed login.", units="s"),
                "LoginHint": object_ref("LoginHint", "How to log in with the API."),
                "SecurityOverride": boolean("Whether the security override switch is set."),
                "ServerName": string("The name of the server."),
            },
        ),
        "LoginHint": obj(
            "How to log in.",
            None,
            {
                "Hint": string("What a client does to log in."),
                "HintPOSTData": object_ref("HintPOSTData", "The body to POST."),
            },
        ),
        "HintPOSTData": obj(
            "The shape of a login request body.",
            None,
            {
                "Password": string("The place of the password in the request."),
                "UserName": string("The place of the user name in the request."),
            },
        ),
        "System": obj("A summary of a system.", None, {"Status": STATUS}),
    }


def computer_system_ext() -> tuple[str, dict]:
    bios_version = obj(
        "A System ROM version.",
        None,
        {
            "Date": string("The build date of the ROM."),
            "Family": string("The ROM family, such as U46."),
            "VersionString": string("The full version string."),
        },
    )
    return "#HpeComputerSystemExt.v2_9_0.HpeComputerSystemExt", {
        "HpeComputerSystemExt": _oem_def(
            "HPE's additions to the computer system.",
            "This object shall contain iLO's additions to the computer system: ROM versions, "
            "POST state and power settings.",
            {
                "Bios": object_ref("Bios", "The active and backup System ROM."),
                "IntelligentProvisioningVersion": string(
                    "The version of Intelligent Provisioning."
                ),
                "Links": obj(
                    "Links to HPE views of the system.",
                    None,
                    {
                        "EthernetInterfaces": link("The link to the host NICs."),
                        "Storage": link("The link to the storage subsystems."),
                    },
                ),
                "PostState": enum_ref("PostState", "Where the server is in its boot."),
                "PowerAutoOn": enum_ref(
                    "PowerAutoOn", "What the server does when power returns.", rw=True
                ),
                "PowerOnDelay": enum_ref(
                    "PowerOnDelay", "How long automatic power-on waits.", rw=True
                ),
                "PowerOnMinutes": integer(
                    "Minutes the server has been powered on in total.", units="min"
                ),
                "PowerRegulatorMode": enum_ref(
                    "PowerRegulatorMode", "The power regulator mode.", rw=True
                ),
                "PowerRegulatorModesSupported": array(
                    {"$ref": "#/definitions/PowerRegulatorMode"}, "The modes the server supports."
                ),
            },
        ),
        "Bios": obj(
            "The System ROMs.",
            None,
            {
                "Backup": object_ref("BiosVersion", "The backup ROM."),
                "Current": object_ref("BiosVersion", "The ROM in use."),
                "UefiClass": integer("The UEFI class of the ROM."),
            },
        ),
        "BiosVersion": bios_version,
        "PostState": enum(
            "A POST state.",
            {
                "Unknown": "Not known.",
                "Reset": "Resetting.",
                "PowerOff": "Off.",
                "InPost": "In POST.",
                "InPostDiscoveryComplete": "In POST, devices found.",
                "FinishedPost": "POST finished; the OS is loading or running.",
            },
        ),
        "PowerAutoOn": enum(
            "Automatic power-on.",
            {"PowerOn": "Always on.", "PowerOff": "Always off.", "Restore": "Last state."},
        ),
        "PowerOnDelay": enum(
            "A power-on delay.",
            {
                "Minimum": "No delay.",
                "15": "15 s.",
                "30": "30 s.",
                "45": "45 s.",
                "60": "60 s.",
                "Random": "A random delay up to 120 s.",
            },
        ),
        "PowerRegulatorMode": enum(
            "A power regulator mode.",
            {
                "Dynamic": "Dynamic power savings.",
                "Max": "Static high performance.",
                "Min": "Static low power.",
                "OSControl": "Controlled by the OS.",
            },
        ),
    }


def ilo_ext() -> tuple[str, dict]:
    return "#HpeiLO.v2_8_0.HpeiLO", {
        "HpeiLO": _oem_def(
            "HPE's additions to the manager.",
            "This object shall contain iLO's additions to the manager: firmware details, "
            "licence and settings.",
            {
                "Firmware": obj(
                    "iLO firmware.",
                    None,
                    {
                        "Current": object_ref("FirmwareVersion", "The firmware in use."),
                    },
                ),
                "License": object_ref("License", "The iLO licence."),
                "Links": obj(
                    "Links to HPE resources of iLO.",
                    None,
                    {
                        "DateTimeService": link("The link to iLO's date and time settings."),
                    },
                ),
                "RequireHostAuthentication": boolean(
                    "Whether host tools must log in to reach iLO over the host interface.", rw=True
                ),
                "SerialCLISpeed": integer(
                    "The speed of the serial CLI in bit/s.", rw=True, units="bit/s"
                ),
                "SerialCLIStatus": {
                    **string("Whether the serial CLI is on and needs login.", rw=True),
                    "enum": ["Disabled", "EnabledNoAuth", "EnabledAuthReq"],
                },
                "VirtualNICEnabled": boolean(
                    "Whether the virtual NIC between iLO and the host is on.", rw=True
                ),
            },
        ),
        "FirmwareVersion": obj(
            "An iLO firmware version.",
            None,
            {
                "Date": string("The build date."),
                "DebugBuild": boolean("Whether it is a debug build."),
                "MajorVersion": integer("The major version."),
                "MinorVersion": integer("The minor version."),
                "VersionString": string("The full version string."),
            },
        ),
        "License": obj(
            "The iLO licence.",
            None,
            {
                "LicenseKey": string("The licence key, masked."),
                "LicenseString": string("The licence name."),
                "LicenseType": string("The kind of licence."),
            },
        ),
    }


# --- the JsonSchemas collection ----------------------------------------------------------------

SCHEMAS: list[Callable[[], tuple[str, dict]]] = [
    service_root,
    computer_system,
    action_info,
    secure_boot,
    boot_option,
    ethernet_interface,
    memory,
    processor,
    storage,
    drive,
    volume,
    log_service,
    log_entry,
    chassis,
    power,
    thermal,
    manager,
    network_protocol,
    date_time,
    account_service,
    manager_account,
    role,
    session_service,
    session,
    event_service,
    event_destination,
    update_service,
    software_inventory,
    task_service,
    task,
    message_registry_file,
    json_schema_file,
    resource_directory,
    bios,
    message_registry,
    attribute_registry,
    ilo_service_ext,
    computer_system_ext,
    ilo_ext,
]
COLLECTIONS = [
    ("ComputerSystem", "computer systems"),
    ("BootOption", "UEFI boot options"),
    ("EthernetInterface", "network interfaces"),
    ("Memory", "memory slots"),
    ("Processor", "processors"),
    ("Storage", "storage subsystems"),
    ("Volume", "volumes"),
    ("LogService", "logs"),
    ("LogEntry", "log entries"),
    ("Chassis", "chassis"),
    ("Manager", "managers"),
    ("ManagerAccount", "user accounts"),
    ("Role", "roles"),
    ("Session", "sessions"),
    ("EventDestination", "event subscriptions"),
    ("SoftwareInventory", "firmware or software components"),
    ("Task", "tasks"),
    ("MessageRegistryFile", "registry files"),
    ("JsonSchemaFile", "schema files"),
]


def _documents() -> list[tuple[str, str, str, dict]]:
    """(JsonSchemaFile Id, Schema, served URI, document) for every schema file."""
    out = []
    for make in SCHEMAS:
        odata_type, definitions = make()
        namespace, version, _ = odata_type.lstrip("#").split(".")
        owner = "HPE" if namespace.startswith("Hpe") else "DMTF"
        file_name = f"{namespace}.{version}.json"
        if namespace in ("Bios", "AttributeRegistry"):
            uri = LOWER_CASE_STORE + file_name.lower()
        else:
            uri = SCHEMA_STORE + file_name
        out.append((namespace, odata_type, uri, schema_doc(odata_type, definitions, owner=owner)))
    for member, desc in COLLECTIONS:
        odata_type, document = collection_doc(member, desc)
        out.append(
            (f"{member}Collection", odata_type, SCHEMA_STORE + f"{member}Collection.json", document)
        )
    out.append(("Resource", "#Resource", SCHEMA_STORE + "Resource.json", resource_json()))
    out.append(("odata-v4", "#odata-v4", SCHEMA_STORE + "odata-v4.json", odata_json()))
    return out


def build() -> tuple[list[Resource], dict[str, dict]]:
    """The JsonSchemas collection with one JsonSchemaFile per schema, and the schema documents
    keyed by the URI they are served at."""
    files: list[Resource] = []
    documents: dict[str, dict] = {}
    for file_id, odata_type, uri, document in _documents():
        documents[uri] = document
        files.append(
            resource(
                f"{JSON_SCHEMAS}/{file_id}",
                "#JsonSchemaFile.v1_0_4.JsonSchemaFile",
                f"{file_id} Schema Definition File",
                f"Schema Definition File for {odata_type}",
                Languages=["en"],
                Location=[{"Language": "en", "Uri": uri}],
                Schema=odata_type,
            )
        )
    members = [body["@odata.id"] for body in files]
    files.insert(
        0,
        collection(
            JSON_SCHEMAS, "JsonSchemaFile", "Schema Repository", members, "Schema Repository"
        ),
    )
    return files, documents
