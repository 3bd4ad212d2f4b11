"""The bundled DMTF schemas and registries, and the order in which schemas are resolved."""

from __future__ import annotations

import json

from iloshell.model.bundled import BundledSchemaSource, ServiceFirstSource, pick_schema
from iloshell.model.registries import ServiceRegistries, parse_message_id
from iloshell.model.schemas import SchemaLibrary
from iloshell.model.validate import check_patch
from tests.conftest import DMTF_SCHEMAS
from tests.model.helpers import DictSource

SYSTEM = "#ComputerSystem.v1_10_0.ComputerSystem"


def serving_computer_system() -> DictSource:
    """A service that serves ComputerSystem v1.10.0 and no other schema file."""
    served = json.loads((DMTF_SCHEMAS / "ComputerSystem.v1_10_0.json").read_text())
    return DictSource(
        {"ComputerSystem.v1_10_0.json": served},
        {SYSTEM: "/redfish/v1/Schemas/ComputerSystem.v1_10_0.json"},
    )


def test_exact_version_then_nearest_newer_then_nearest_older():
    assert pick_schema("ComputerSystem", "v1_10_0") == (
        "ComputerSystem.v1_10_0.json",
        "bundled DMTF ComputerSystem v1.10.0",
    )
    name, origin = pick_schema("ComputerSystem", "v1_11_0")  # not bundled: the next one up
    assert name.startswith("ComputerSystem.v1_") and origin.endswith(", nearest newer")
    assert name != "ComputerSystem.v1_10_0.json"
    name, origin = pick_schema("ComputerSystem", "v1_99_0")  # newer than DMTF has published
    assert origin.endswith(", nearest older")
    assert pick_schema("ComputerSystem", "v2_0_0") is None  # another major is another schema
    assert pick_schema("ContosoWidget", "v1_0_0") is None


def test_bundled_schema_says_where_it_came_from_and_knows_read_only():
    schema = SchemaLibrary(BundledSchemaSource()).for_type(SYSTEM)
    assert schema.origin == "bundled DMTF ComputerSystem v1.10.0"
    assert schema.lookup(["SerialNumber"]).readonly is True
    assert schema.lookup(["AssetTag"]).readonly is False
    assert schema.lookup(["Boot", "BootSourceOverrideTarget"]).enum


def test_the_services_exact_schema_wins_and_another_version_loses_to_the_bundle():
    library = SchemaLibrary(ServiceFirstSource(serving_computer_system()))
    assert library.for_type(SYSTEM).origin == "service"
    newer = library.for_type("#ComputerSystem.v1_13_0.ComputerSystem")
    assert newer.origin.startswith("bundled DMTF ComputerSystem v1.")


def test_a_reference_the_service_does_not_serve_is_read_from_the_bundle():
    """The service serves ComputerSystem but not Resource.json: Status and the like still
    resolve (from the bundle) instead of becoming unknown."""
    library = SchemaLibrary(ServiceFirstSource(serving_computer_system()))
    status = library.for_type(SYSTEM).lookup(["Status", "State"])
    assert status is not None and status.known and "Enabled" in status.enum


def test_an_unresolvable_reference_in_anyof_never_narrows_to_null():
    """OpenBMC: ``anyOf [{$ref: <a file nobody has>}, {type: null}]`` used to leave only null,
    so 'Pxe' was refused although the resource lists it in its AllowableValues."""
    doc = {
        "definitions": {
            "Thing": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "Target": {
                        "anyOf": [
                            {
                                "$ref": "http://redfish.dmtf.org/schemas/v1/Nowhere.json#/definitions/X"
                            },
                            {"type": "null"},
                        ],
                        "readonly": False,
                    }
                },
            }
        }
    }
    source = DictSource({"Thing.v1_0_0.json": doc}, {"#Thing.v1_0_0.Thing": "Thing.v1_0_0.json"})
    schema = SchemaLibrary(source).for_type("#Thing.v1_0_0.Thing")
    info = schema.lookup(["Target"])
    assert info.types == () and not info.known
    current = {"Target": "None", "Target@Redfish.AllowableValues": ["None", "Pxe"]}
    assert check_patch({"Target": "Pxe"}, current, schema) == []
    refused = check_patch({"Target": "Floppy"}, current, schema)
    assert [v.message for v in refused] == ["PropertyValueNotInList"]


def test_a_message_the_service_has_no_registry_for_resolves_from_the_bundle():
    registries = ServiceRegistries(lambda uri: None)  # serves nothing at all
    resolved = registries.resolve(
        {"MessageId": "Base.1.8.PropertyNotWritable", "MessageArgs": ["SerialNumber"]}
    )
    assert resolved.resolved and "SerialNumber" in resolved.text
    task = registries.message_registry(parse_message_id("TaskEvent.1.0.TaskStarted"))
    assert task is not None
