"""BIOS attribute changes against the iLO capture's attribute registry (each Type)."""

from __future__ import annotations

import pytest

from iloshell.model import AttributeRegistry, check_patch


@pytest.fixture(scope="module")
def bios_schema(ilo_library, ilo_bios):
    return ilo_library.for_type(ilo_bios["@odata.type"])


def check(attrs, bios, schema, registry):
    return check_patch({"Attributes": attrs}, bios, schema, registry)


def test_valid_changes(ilo_bios, bios_schema, bios_registry):
    good = {"WorkloadProfile": "Custom", "PatrolScrubDuration": 12, "ServerName": "web-01"}
    assert check(good, ilo_bios, bios_schema, bios_registry) == []


def test_enumeration(ilo_bios, bios_schema, bios_registry):
    (v,) = check({"WorkloadProfile": "Turbo"}, ilo_bios, bios_schema, bios_registry)
    assert (v.pointer, v.message, v.args) == (
        "/Attributes/WorkloadProfile",
        "PropertyValueNotInList",
        ("Turbo", "Attributes/WorkloadProfile"),
    )
    assert v.reason.startswith("Workload Profile (WorkloadProfile): 'Turbo' is not allowed")
    assert "LowLatency (Low Latency)" in v.reason
    (v,) = check({"WorkloadProfile": "custom"}, ilo_bios, bios_schema, bios_registry)
    assert "did you mean Custom" in v.reason
    (v,) = check({"WorkloadProfile": 1}, ilo_bios, bios_schema, bios_registry)
    assert v.message == "PropertyValueTypeError" and "must be a string" in v.reason


def test_integer(ilo_bios, bios_schema, bios_registry):
    (v,) = check({"PatrolScrubDuration": 25}, ilo_bios, bios_schema, bios_registry)
    assert (v.message, v.args) == (
        "PropertyValueFormatError",
        ("25", "Attributes/PatrolScrubDuration"),
    )
    assert "1 to 24" in v.reason and "Patrol Scrub Duration" in v.reason
    (v,) = check({"PatrolScrubDuration": 0}, ilo_bios, bios_schema, bios_registry)
    assert v.message == "PropertyValueFormatError"
    (v,) = check({"PatrolScrubDuration": "12"}, ilo_bios, bios_schema, bios_registry)
    assert v.message == "PropertyValueTypeError"
    (v,) = check({"PatrolScrubDuration": True}, ilo_bios, bios_schema, bios_registry)
    assert v.message == "PropertyValueTypeError"


def test_string(ilo_bios, bios_schema, bios_registry):
    (v,) = check({"ServerName": "x" * 29}, ilo_bios, bios_schema, bios_registry)
    assert (v.message, v.args) == ("StringValueTooLong", ("x" * 29, "28"))
    (v,) = check({"Ipv4Address": "10.0.0.300"}, ilo_bios, bios_schema, bios_registry)
    assert v.message == "PropertyValueFormatError" and "IPv4 Address" in v.reason
    assert check({"Ipv4Address": "10.0.0.30"}, ilo_bios, bios_schema, bios_registry) == []
    (v,) = check({"ServerName": "tab\there"}, ilo_bios, bios_schema, bios_registry)
    assert v.message == "PropertyValueFormatError"  # ValueExpression must match in full


def test_read_only_and_unknown(ilo_bios, bios_schema, bios_registry):
    (v,) = check({"TpmChipId": "x"}, ilo_bios, bios_schema, bios_registry)
    assert (v.message, v.args) == ("PropertyNotWritable", ("Attributes/TpmChipId",))
    assert "Current TPM Chip ID" in v.reason
    (v,) = check({"WorkloadProfil": "Custom"}, ilo_bios, bios_schema, bios_registry)
    assert (v.message, v.args) == ("PropertyUnknown", ("Attributes/WorkloadProfil",))
    assert "did you mean WorkloadProfile" in v.reason


def test_registry_without_schema(ilo_bios, bios_registry):
    (v,) = check({"PatrolScrubDuration": 99}, ilo_bios, None, bios_registry)
    assert v.message == "PropertyValueFormatError"


def test_schema_without_registry_checks_only_the_schema(ilo_bios, bios_schema):
    assert check({"Anything": "goes"}, ilo_bios, bios_schema, None) == []
    (v,) = check({"Anything": {"no": "objects"}}, ilo_bios, bios_schema, None)
    assert v.message == "PropertyValueTypeError"


SYNTHETIC = AttributeRegistry.from_json(
    {
        "Id": "Test.v1_0_0",
        "RegistryEntries": {
            "Attributes": [
                {"AttributeName": "Flag", "Type": "Boolean", "DisplayName": "A flag"},
                {
                    "AttributeName": "AdminPassword",
                    "Type": "Password",
                    "MinLength": 8,
                    "MaxLength": 16,
                    "DisplayName": "Administrator Password",
                },
                {
                    "AttributeName": "Step",
                    "Type": "Integer",
                    "LowerBound": 10,
                    "UpperBound": 100,
                    "ScalarIncrement": 5,
                },
                {"AttributeName": "Odd", "Type": "FancyNewType"},
                {"AttributeName": "BadRegex", "Type": "String", "ValueExpression": "(["},
            ]
        },
    }
)


def test_boolean_and_password():
    def run(attrs):
        return check_patch({"Attributes": attrs}, {}, None, SYNTHETIC)

    assert run({"Flag": False}) == []
    (v,) = run({"Flag": "Enabled"})
    assert v.message == "PropertyValueTypeError" and "A flag" in v.reason
    assert run({"AdminPassword": "longenough"}) == []
    (v,) = run({"AdminPassword": "Zq9x"})
    assert v.message == "PropertyValueFormatError"
    assert "Zq9x" not in v.reason and "Zq9x" not in " ".join(v.args)
    (v,) = run({"AdminPassword": "far too long for this field"})
    assert v.message == "StringValueTooLong"
    assert "far too long" not in v.reason and "far too long" not in " ".join(v.args)
    (v,) = run({"AdminPassword": 12345678})
    assert v.message == "PropertyValueTypeError" and "12345678" not in v.reason


def test_scalar_increment_counts_from_lower_bound():
    def run(value):
        return check_patch({"Attributes": {"Step": value}}, {}, None, SYNTHETIC)

    assert run(15) == [] and run(100) == []
    (v,) = run(17)
    assert "in steps of 5" in v.reason


def test_unknown_types_and_broken_expressions_are_not_guessed():
    attrs = {"Odd": object(), "BadRegex": "anything"}
    assert check_patch({"Attributes": attrs}, {}, None, SYNTHETIC) == []
