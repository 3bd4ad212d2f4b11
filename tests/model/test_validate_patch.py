"""check_patch with real schemas: DMTF files and iLO's SchemaStore."""

from __future__ import annotations

import json

import pytest

from iloshell.model import check_patch
from tests.conftest import REGISTRIES

CS = "#ComputerSystem.v1_10_0.ComputerSystem"
BASE_1_4 = json.loads((REGISTRIES / "Base.1.4.0.json").read_text())["Messages"]


@pytest.fixture(params=["dmtf", "ilo"])
def system_schema(request, dmtf_library, ilo_library):
    library = dmtf_library if request.param == "dmtf" else ilo_library
    return library.for_type(CS)


def one(violations):
    assert len(violations) == 1, violations
    violation = violations[0]
    assert violation.message in BASE_1_4, "a Base 1.4.0 message"
    assert len(violation.args) == BASE_1_4[violation.message]["NumberOfArgs"]
    assert violation.reason and "\n" not in violation.reason
    return violation


def test_writable_property_passes(system_schema, ilo_system):
    assert check_patch({"AssetTag": "rack 12"}, ilo_system, system_schema) == []
    assert check_patch({"AssetTag": None}, ilo_system, system_schema) == []


def test_read_only_property(system_schema, ilo_system):
    v = one(check_patch({"SerialNumber": "X"}, ilo_system, system_schema))
    assert (v.pointer, v.message, v.args) == (
        "/SerialNumber",
        "PropertyNotWritable",
        ("SerialNumber",),
    )
    assert "read-only" in v.reason


def test_unknown_property(system_schema, ilo_system):
    v = one(check_patch({"AssetTagg": "x"}, ilo_system, system_schema))
    assert (v.pointer, v.message, v.args) == ("/AssetTagg", "PropertyUnknown", ("AssetTagg",))
    assert "did you mean AssetTag" in v.reason


def test_unknown_nested_property(system_schema, ilo_system):
    v = one(check_patch({"Boot": {"BootSourceOverideTarget": "Pxe"}}, ilo_system, system_schema))
    assert v.pointer == "/Boot/BootSourceOverideTarget"
    assert v.args == ("Boot/BootSourceOverideTarget",)
    assert "BootSourceOverrideTarget" in v.reason


def test_type_error(system_schema, ilo_system):
    v = one(check_patch({"AssetTag": 12}, ilo_system, system_schema))
    assert (v.message, v.args) == ("PropertyValueTypeError", ("12", "AssetTag"))
    assert "a string or null" in v.reason


def test_enum(system_schema, ilo_system):
    v = one(
        check_patch({"Boot": {"BootSourceOverrideEnabled": "Always"}}, ilo_system, system_schema)
    )
    assert (v.message, v.args) == (
        "PropertyValueNotInList",
        ("Always", "Boot/BootSourceOverrideEnabled"),
    )
    assert "Once" in v.reason and "Continuous" in v.reason


def test_null_allowed_when_nullable(system_schema, ilo_system):
    patch = {"Boot": {"BootSourceOverrideEnabled": None}}
    assert check_patch(patch, ilo_system, system_schema) == []


def test_allowable_values_of_the_resource(system_schema, ilo_system):
    """Floppy is in the schema's enum (DMTF) but not in what this iLO allows."""
    v = one(
        check_patch({"Boot": {"BootSourceOverrideTarget": "Floppy"}}, ilo_system, system_schema)
    )
    assert v.pointer == "/Boot/BootSourceOverrideTarget"
    assert (v.message, v.args) == (
        "PropertyValueNotInList",
        ("Floppy", "Boot/BootSourceOverrideTarget"),
    )
    assert "this service accepts 12 values, e.g. None, Cd, Hdd" in v.reason
    near = check_patch({"Boot": {"BootSourceOverrideTarget": "UefiHtp"}}, ilo_system, system_schema)
    assert "12 values, closest: UefiHttp," in one(near).reason
    ok = {"Boot": {"BootSourceOverrideTarget": "Pxe", "BootSourceOverrideEnabled": "Once"}}
    assert check_patch(ok, ilo_system, system_schema) == []


def test_annotations_in_patch(system_schema, ilo_system):
    patch = {"@odata.etag": 'W/"1"', "@Redfish.SettingsApplyTime": {"ApplyTime": "OnReset"}}
    assert check_patch(patch, ilo_system, system_schema) == []


def test_oem_is_open(system_schema, ilo_system):
    assert check_patch({"Oem": {"Contoso": {"Anything": 1}}}, ilo_system, system_schema) == []


def test_several_violations_each_reported(system_schema, ilo_system):
    patch = {
        "SerialNumber": "x",
        "AssetTag": 1,
        "Nope": 2,
        "Boot": {"BootSourceOverrideTarget": "Floppy"},
    }
    found = check_patch(patch, ilo_system, system_schema)
    assert sorted(v.message for v in found) == [
        "PropertyNotWritable",
        "PropertyUnknown",
        "PropertyValueNotInList",
        "PropertyValueTypeError",
    ]


def test_without_schema_only_allowable_values(ilo_system):
    assert check_patch({"SerialNumber": "x", "Nope": 1}, ilo_system, None) == []
    v = one(check_patch({"Boot": {"BootSourceOverrideTarget": "Floppy"}}, ilo_system, None))
    assert v.message == "PropertyValueNotInList"


def test_body_must_be_an_object(system_schema, ilo_system):
    v = one(check_patch(["AssetTag"], ilo_system, system_schema))
    assert v.message == "UnrecognizedRequestBody" and v.pointer == ""


def test_pattern_bounds_and_secrets(dmtf_library):
    nic = dmtf_library.for_type("#EthernetInterface.v1_5_1.EthernetInterface")
    v = one(check_patch({"MACAddress": "00:11:22:33:44"}, {}, nic))
    assert (v.message, v.args) == ("PropertyValueFormatError", ("00:11:22:33:44", "MACAddress"))
    assert "pattern" in v.reason
    assert check_patch({"MACAddress": "00:11:22:33:44:55"}, {}, nic) == []
    v = one(check_patch({"VLAN": {"VLANId": 5000}}, {}, nic))
    assert (v.message, v.args) == ("PropertyValueFormatError", ("5000", "VLAN/VLANId"))
    assert "0 to 4094" in v.reason
    assert check_patch({"VLAN": {"VLANId": 4094}}, {}, nic) == []
    v = one(check_patch({"VLAN": {"VLANId": True}}, {}, nic))
    assert v.message == "PropertyValueTypeError"
    # A number where an integer is required is a type error; an integer where a number is, fine.
    assert one(check_patch({"VLAN": {"VLANId": 5.5}}, {}, nic)).message == "PropertyValueTypeError"
    account = dmtf_library.for_type("#ManagerAccount.v1_5_0.ManagerAccount")
    v = one(check_patch({"SNMP": {"AuthenticationKey": "s3cret\x01"}}, {}, account))
    assert v.message == "PropertyValueFormatError"  # writeOnly: the value is never repeated
    assert "s3cret" not in v.reason and not any("s3cret" in a for a in v.args)


def test_unanchored_pattern_is_searched(dmtf_library):
    manager = dmtf_library.for_type("#Manager.v1_5_1.Manager")
    assert check_patch({"DateTimeLocalOffset": "+05:30"}, {}, manager) == []
    v = one(check_patch({"DateTimeLocalOffset": "5h"}, {}, manager))
    assert v.message == "PropertyValueFormatError"


def test_extended_info_resolves_with_base(system_schema, ilo_system, base_1_4):
    v = one(check_patch({"SerialNumber": "X"}, ilo_system, system_schema))
    entry = v.extended_info(base_1_4)
    assert entry["MessageId"] == "Base.1.4.PropertyNotWritable"
    assert entry["Message"] == (
        "The property SerialNumber is a read only property and cannot be assigned a value."
    )
    assert entry["Severity"] == "Warning"
    assert entry["RelatedProperties"] == ["#/SerialNumber"]
