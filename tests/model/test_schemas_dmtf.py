"""Resolving properties in the real DMTF schema files (shared/schemas/dmtf)."""

from __future__ import annotations

import json
import time

from iloshell.model import FileSchemaSource, SchemaLibrary
from tests.conftest import DMTF_SCHEMAS

CS = "#ComputerSystem.v1_10_0.ComputerSystem"
BASE = "http://redfish.dmtf.org/schemas/v1/"


def test_resource_type_and_its_description(dmtf_library):
    schema = dmtf_library.for_type(CS)
    assert schema is not None
    assert (schema.namespace, schema.version, schema.type_name) == (
        "ComputerSystem",
        "v1_10_0",
        "ComputerSystem",
    )
    assert schema.source_uri == f"{BASE}ComputerSystem.v1_10_0.json#/definitions/ComputerSystem"
    assert schema.exact
    assert "computer or system instance" in schema.description
    assert schema.long_description.startswith("This Resource shall represent")


def test_writable_and_read_only_leaves(dmtf_library):
    schema = dmtf_library.for_type(CS)
    tag = schema.lookup(["AssetTag"])
    assert tag.readonly is False and tag.types == ("string", "null") and tag.nullable
    assert tag.pointer == "/AssetTag"
    assert tag.source.endswith("v1_10_0.json#/definitions/ComputerSystem/properties/AssetTag")
    serial = schema.lookup(["SerialNumber"])
    assert serial.readonly is True
    assert serial.description == "The serial number for this system."


def test_enum_through_unversioned_file_with_descriptions(dmtf_library):
    info = dmtf_library.for_type(CS).lookup(["Boot", "BootSourceOverrideTarget"])
    assert info.pointer == "/Boot/BootSourceOverrideTarget"
    assert info.readonly is False
    assert "Floppy" in info.enum and "UefiHttp" in info.enum and None not in info.enum
    assert info.nullable  # anyOf [$ref, {"type": "null"}]
    assert info.enum_descriptions["Pxe"].startswith("Boot from the Pre-boot eXecution")
    assert info.type_source == f"{BASE}ComputerSystem.json#/definitions/BootSource"
    assert "Redfish.AllowableValues" in info.long_description


def test_absolute_refs_into_resource_json(dmtf_library):
    schema = dmtf_library.for_type(CS)
    health = schema.lookup(["Status", "Health"])
    assert health.enum == ("OK", "Warning", "Critical")
    assert health.readonly is True
    uuid = schema.lookup(["UUID"])
    assert uuid.pattern and uuid.pattern.startswith("^[0-9a-fA-F]{8}")


def test_units_and_version_added(dmtf_library):
    schema = dmtf_library.for_type(CS)
    memory = schema.lookup(["MemorySummary", "TotalSystemMemoryGiB"])
    assert memory.units == "GiBy" and memory.types == ("number", "null")
    bios = schema.lookup(["Bios"])
    assert bios.version_added == "v1_1_0"


def test_links_are_links(dmtf_library):
    schema = dmtf_library.for_type(CS)
    bios = schema.lookup(["Bios"])
    assert bios.is_link and bios.readonly is True
    assert set(schema.properties(["Bios"])) == {"@odata.id"}
    assert schema.lookup(["Bios", "@odata.id"]).format == "uri-reference"
    chassis = schema.lookup(["Links", "Chassis"])
    assert chassis.is_array and chassis.is_link
    assert chassis.items is not None and chassis.items.is_link
    assert schema.lookup(["Links", "Chassis", "0", "@odata.id"]) is not None
    assert not schema.lookup(["Boot"]).is_link
    assert not schema.lookup(["AssetTag"]).is_link


def test_properties_and_additional(dmtf_library):
    schema = dmtf_library.for_type(CS)
    top = schema.properties()
    assert {"AssetTag", "Boot", "Status", "@odata.id", "Actions"} <= set(top)
    assert "BootSourceOverrideTarget" in schema.properties(["Boot"])
    assert schema.allows_additional() is False
    assert schema.allows_additional(["Boot"]) is False
    assert schema.allows_additional(["Oem"]) is True
    assert schema.lookup(["Nope"]) is None
    assert schema.lookup(["Boot", "Nope"]) is None


def test_annotations_match_pattern_properties(dmtf_library):
    schema = dmtf_library.for_type(CS)
    for name in ("@Redfish.SettingsApplyTime", "BootSourceOverrideTarget@Redfish.AllowableValues"):
        info = schema.lookup(["Boot", name]) if "@Redfish.A" in name else schema.lookup([name])
        assert info is not None and info.is_annotation
    assert schema.lookup(["@Foo.Bar"]) is None  # not odata|Redfish|Message


def test_oem_is_open_via_pattern(dmtf_library):
    schema = dmtf_library.for_type(CS)
    hpe = schema.lookup(["Oem", "Hpe"])
    assert hpe is not None and hpe.is_object
    assert schema.allows_additional(["Oem", "Hpe"]) is True


def test_arrays_of_enums(dmtf_library):
    info = dmtf_library.for_type(CS).lookup(["Boot", "AliasBootOrder"])
    assert info.is_array and info.version_added == "v1_6_0"
    assert info.items is not None and "Pxe" in info.items.enum
    assert dmtf_library.for_type(CS).lookup(["Boot", "AliasBootOrder", "3"]).enum == info.items.enum


def test_actions_with_parameters(dmtf_library):
    actions = dmtf_library.for_type(CS).actions()
    reset = actions["#ComputerSystem.Reset"]
    assert "GracefulRestart" in reset.parameters["ResetType"].enum
    assert reset.required == ()
    assert reset.description == "This action resets the system."
    assert actions["#ComputerSystem.AddResourceBlock"].required == ("ResourceBlock",)


def test_collection_types_are_unversioned(dmtf_library):
    schema = dmtf_library.for_type("#ComputerSystemCollection.ComputerSystemCollection")
    assert schema is not None and schema.version is None
    members = schema.lookup(["Members"])
    assert members.is_link and members.readonly is True and members.required
    assert schema.lookup(["Members", "0", "@odata.id"]).readonly is True
    assert schema.lookup(["Members@odata.count"]).types == ("integer",)


def test_each_declared_version_gets_its_own_schema(dmtf_library):
    old = dmtf_library.for_type("#Bios.v1_0_4.Bios")
    new = dmtf_library.for_type("#Bios.v1_2_3.Bios")
    assert old.schema_version == "v1_0_4" and new.schema_version == "v1_2_3"
    assert old.lookup(["ResetBiosToDefaultsPending"]) is None
    assert new.lookup(["ResetBiosToDefaultsPending"]) is not None


def test_missing_exact_version_falls_back_to_neighbour(dmtf_library):
    schema = dmtf_library.for_type("#Thermal.v1_3_0.Thermal")
    assert schema is not None
    assert schema.version == "v1_3_0" and schema.schema_version != "v1_3_0"
    assert not schema.exact
    assert schema.lookup(["Temperatures", "0", "ReadingCelsius"]).units == "Cel"


def test_embedded_members_accept_objects_and_links(dmtf_library):
    schema = dmtf_library.for_type("#Thermal.v1_3_0.Thermal")
    temps = schema.lookup(["Temperatures"])
    assert not temps.is_link  # full objects inline, addressable by fragment
    assert schema.lookup(["Temperatures", "0", "@odata.id"]) is not None
    assert schema.lookup(["Temperatures", "0", "Name"]) is not None


def test_unknown_types(dmtf_library):
    assert dmtf_library.for_type("#NoSuchThing.v1_0_0.NoSuchThing") is None
    assert dmtf_library.for_type("not a type") is None
    assert dmtf_library.for_type("") is None


def test_cached_and_fast():
    library = SchemaLibrary(FileSchemaSource(DMTF_SCHEMAS))
    start = time.perf_counter()
    schema = library.for_type(CS)
    for name in schema.properties():
        schema.lookup([name])
    assert time.perf_counter() - start < 2.0
    assert library.for_type(CS) is schema
    assert library.for_type(CS.lstrip("#")) is schema


def test_every_resource_type_in_the_folder_loads(dmtf_library):
    """Each versioned file's main definition resolves, and so does every top-level property."""
    failures = []
    for path in sorted(DMTF_SCHEMAS.glob("*.v1_*.json")):
        namespace, version = path.stem.split(".", 1)
        if namespace not in json.loads(path.read_text()).get("definitions", {}):
            continue  # IPAddresses, redfish-error, odata: shared definitions, not resources
        schema = dmtf_library.for_type(f"#{namespace}.{version}.{namespace}")
        if schema is None or not schema.properties():
            failures.append(path.name)
            continue
        for name in schema.properties():
            if schema.lookup([name]) is None:
                failures.append(f"{path.name}: {name}")
    assert failures == []


def test_array_elements_share_a_schema_but_keep_their_pointer(dmtf_library):
    schema = dmtf_library.for_type(CS)
    first = schema.lookup(["Links", "Chassis", "0", "@odata.id"])
    fifth = schema.lookup(["Links", "Chassis", "4", "@odata.id"])
    assert fifth.pointer == "/Links/Chassis/4/@odata.id" and first.pointer.endswith("/0/@odata.id")
    assert (fifth.types, fifth.source) == (first.types, first.source)
    assert schema.lookup(["Links", "Chassis", "7"]).name == "7"
    assert schema.lookup(["Links", "Chassis", "x"]) is None


def test_pointer_strings_are_accepted(dmtf_library):
    schema = dmtf_library.for_type(CS)
    by_parts = schema.lookup(["Boot", "BootSourceOverrideTarget"])
    assert schema.lookup("/Boot/BootSourceOverrideTarget") == by_parts
    assert schema.lookup("Boot/BootSourceOverrideTarget") == by_parts
    assert "BootNext" in schema.properties("/Boot")
    assert schema.allows_additional("/Oem") is True
    assert schema.lookup("") == schema.lookup([])


def test_read_only_follows_the_declared_version(dmtf_library):
    """AccountService.MinPasswordLength became writable in a later version."""
    from iloshell.model import check_patch

    old = dmtf_library.for_type("#AccountService.v1_5_0.AccountService")
    new = dmtf_library.for_type("#AccountService.v1_12_8.AccountService")
    assert old.lookup(["MinPasswordLength"]).readonly is True
    assert new.lookup(["MinPasswordLength"]).readonly is False
    assert [v.message for v in check_patch({"MinPasswordLength": 12}, {}, old)] == [
        "PropertyNotWritable"
    ]
    assert check_patch({"MinPasswordLength": 12}, {}, new) == []
    links_old = dmtf_library.for_type("#Chassis.v1_9_1.Chassis").lookup(["Links", "ContainedBy"])
    links_new = dmtf_library.for_type("#Chassis.v1_10_2.Chassis").lookup(["Links", "ContainedBy"])
    assert (links_old.readonly, links_new.readonly) == (True, False)


def test_writable_links(dmtf_library):
    from iloshell.model import check_patch

    chassis = dmtf_library.for_type("#Chassis.v1_10_2.Chassis")
    patch = {"Links": {"ContainedBy": {"@odata.id": "/redfish/v1/Chassis/Rack1"}}}
    assert check_patch(patch, {}, chassis) == []
    (v,) = check_patch({"Links": {"ContainedBy": {"@odata.id": "/x", "Name": "y"}}}, {}, chassis)
    assert v.message == "PropertyNotWritable" and v.args == ("Links/ContainedBy/Name",)
