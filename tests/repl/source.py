"""A completion Source made of plain dictionaries: what a session has cached, and nothing
more. ``want`` only records what the engine asked for; ``arrive`` plays the background
fetch landing, so tests can check the "missing now, there at the next Tab" behaviour."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

from iloshell.commands.runner import load_commands
from iloshell.commands.spec import REGISTRY, Command
from iloshell.model import AttributeRegistry, FileSchemaSource, SchemaLibrary, TypeSchema
from iloshell.redfish.paths import uri_key
from iloshell.redfish.resource import Resource
from iloshell.redfish.walk import ROOT, Location
from tests.conftest import DMTF_SCHEMAS

_LIBRARY: SchemaLibrary | None = None


def dmtf_library() -> SchemaLibrary:
    global _LIBRARY
    if _LIBRARY is None:
        _LIBRARY = SchemaLibrary(FileSchemaSource(DMTF_SCHEMAS))
    return _LIBRARY


class DictSource:
    def __init__(
        self,
        bodies: Mapping[str, Any],
        *,
        cwd: Location = ROOT,
        schemas: bool = True,
        registries: Mapping[str, AttributeRegistry] | None = None,
    ) -> None:
        load_commands()
        self.resources: dict[str, Resource] = {}
        self.pending: dict[str, Any] = {}
        for uri, body in bodies.items():
            self.add(uri, body)
        self.location = cwd
        self.schemas = schemas
        self.registries = dict(registries or {})
        self.wanted: list[str] = []
        self.models_pending = False  # schemas and registries still on their way

    def add(self, uri: str, body: Any) -> None:
        body = copy.deepcopy(body)
        own = body.get("@odata.id", uri) if isinstance(body, dict) else uri
        self.resources[uri_key(uri)] = Resource(own, body)

    def hold(self, uri: str) -> None:
        """Take a resource out of the cache until :meth:`arrive` (a fetch in flight)."""
        resource = self.resources.pop(uri_key(uri))
        self.pending[uri_key(uri)] = resource

    def arrive(self) -> None:
        self.resources.update(self.pending)
        self.pending.clear()
        self.models_pending = False

    # -- the Source protocol

    def commands(self) -> Mapping[str, Command]:
        return REGISTRY

    def cwd(self) -> Location:
        return self.location

    def peek(self, uri: str) -> Resource | None:
        return self.resources.get(uri_key(uri.split("#", 1)[0]))

    def want(self, uris: Sequence[str]) -> None:
        self.wanted += list(uris)

    def schema(self, resource: Resource) -> TypeSchema | None:
        if not self.schemas or not resource.odata_type or self.models_pending:
            return None
        return dmtf_library().for_type(resource.odata_type)

    def loading(self, resource: Resource) -> bool:
        return self.models_pending

    def attributes(self, resource: Resource) -> AttributeRegistry | None:
        name = resource.body.get("AttributeRegistry")
        if self.models_pending:
            return None
        return self.registries.get(name) if isinstance(name, str) else None

    def cached(self) -> list[Resource]:
        return list(self.resources.values())

    def busy(self) -> bool:
        return bool(self.pending) or self.models_pending


def link(uri: str) -> dict:
    return {"@odata.id": uri}


ROOT_BODY = {
    "@odata.id": "/redfish/v1/",
    "@odata.type": "#ServiceRoot.v1_5_0.ServiceRoot",
    "Id": "RootService",
    "Name": "Root Service",
    "RedfishVersion": "1.6.0",
    "Systems": link("/redfish/v1/Systems"),
    "Chassis": link("/redfish/v1/Chassis"),
    "Managers": link("/redfish/v1/Managers"),
}

SYSTEMS = {
    "@odata.id": "/redfish/v1/Systems",
    "@odata.type": "#ComputerSystemCollection.ComputerSystemCollection",
    "Name": "Computer Systems",
    "Members": [link("/redfish/v1/Systems/1")],
    "Members@odata.count": 1,
}

SYSTEM = {
    "@odata.id": "/redfish/v1/Systems/1",
    "@odata.type": "#ComputerSystem.v1_10_0.ComputerSystem",
    "@odata.etag": 'W/"1"',
    "Id": "1",
    "Name": "Computer System",
    "AssetTag": "rack 12",
    "SerialNumber": "MXQ00DEMO1",
    "IndicatorLED": "Off",
    "PowerState": "On",
    "Status": {"State": "Enabled", "Health": "OK"},
    "TrustedModules": [{"InterfaceType": "TPM2_0", "Status": {"State": "Enabled"}}],
    "Boot": {
        "BootSourceOverrideEnabled": "Disabled",
        "BootSourceOverrideTarget": "None",
        "BootSourceOverrideTarget@Redfish.AllowableValues": ["None", "Pxe", "Hdd", "UefiShell"],
        "BootOrder": ["Boot0001", "Boot0002"],
    },
    "Bios": link("/redfish/v1/systems/1/bios/"),
    "Actions": {
        "#ComputerSystem.Reset": {
            "target": "/redfish/v1/Systems/1/Actions/ComputerSystem.Reset",
            "ResetType@Redfish.AllowableValues": ["On", "ForceOff", "GracefulRestart"],
            "@Redfish.ActionInfo": "/redfish/v1/Systems/1/ResetActionInfo",
        },
        "Oem": {
            "Hpe": {
                "#HpeComputerSystemExt.PowerButton": {
                    "target": "/redfish/v1/Systems/1/Actions/Oem/Hpe/PowerButton",
                    "PushType@Redfish.AllowableValues": ["Press", "PressAndHold"],
                }
            }
        },
    },
}

ACTION_INFO = {
    "@odata.id": "/redfish/v1/Systems/1/ResetActionInfo",
    "@odata.type": "#ActionInfo.v1_1_2.ActionInfo",
    "Id": "ResetActionInfo",
    "Parameters": [
        {"Name": "ResetType", "Required": True, "DataType": "String"},
        {"Name": "Delay", "Required": False, "DataType": "Number"},
    ],
}

BIOS = {
    "@odata.id": "/redfish/v1/systems/1/bios/",
    "@odata.type": "#Bios.v1_0_4.Bios",
    "Id": "bios",
    "AttributeRegistry": "BiosAttributeRegistryU46.v1_2_10",
    "Attributes": {
        "WorkloadProfile": "GeneralPowerEfficientCompute",
        "AdminPhone": "",
        "ProcVirtualization": "Enabled",
        "PostBootProgress": False,
        "EmbeddedSerialPort": "Com1Irq4",
        "AdminPassword": None,
    },
}

BIOS_REGISTRY = AttributeRegistry.from_json(
    {
        "RegistryName": "BiosAttributeRegistryU46.v1_2_10",
        "RegistryEntries": {
            "Attributes": [
                {
                    "AttributeName": "WorkloadProfile",
                    "DisplayName": "Workload Profile",
                    "Type": "Enumeration",
                    "Value": [
                        {"ValueName": "GeneralPowerEfficientCompute", "ValueDisplayName": "GPEC"},
                        {
                            "ValueName": "Virtualization-MaxPerformance",
                            "ValueDisplayName": "Virtualization - Max Performance",
                        },
                    ],
                },
                {"AttributeName": "AdminPhone", "DisplayName": "Admin Phone", "Type": "String"},
                {
                    "AttributeName": "ProcVirtualization",
                    "Type": "Enumeration",
                    "ReadOnly": True,
                    "Value": [{"ValueName": "Enabled"}, {"ValueName": "Disabled"}],
                },
                {"AttributeName": "PostBootProgress", "Type": "Boolean"},
                {"AttributeName": "AdminPassword", "Type": "Password"},
            ]
        },
    }
)

CHASSIS = {
    "@odata.id": "/redfish/v1/Chassis",
    "@odata.type": "#ChassisCollection.ChassisCollection",
    "Members": [
        # iLO lists some members inline, whole, rather than as links
        {"@odata.id": "/redfish/v1/Chassis/1", "Id": "1", "Name": "Computer System Chassis"},
        link("/redfish/v1/Chassis/Enclosure%20A"),
    ],
}

SERVICE = {
    "/redfish/v1": ROOT_BODY,
    "/redfish/v1/Systems": SYSTEMS,
    "/redfish/v1/Systems/1": SYSTEM,
    "/redfish/v1/Systems/1/ResetActionInfo": ACTION_INFO,
    "/redfish/v1/systems/1/bios/": BIOS,
    "/redfish/v1/Chassis": CHASSIS,
}


def service(**options: Any) -> DictSource:
    return DictSource(
        SERVICE, registries={"BiosAttributeRegistryU46.v1_2_10": BIOS_REGISTRY}, **options
    )


def at(*path: str, uri: str, pointer: tuple[str, ...] = ()) -> Location:
    return Location(uri, pointer, path)
