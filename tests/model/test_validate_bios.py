"""BIOS attribute changes against the iLO capture's attribute registry (each Type)."""

from __future__ import annotations

import pytest

from iloshell.model import AttributeRegistry, check_patch
from iloshell.model.validate import attribute_advice


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
    # one line, not 13 values: how many, a few of them, and the closest to what was typed
    assert "choose one of 13 values, e.g. GeneralPowerEfficientCompute," in v.reason
    assert "Custom" not in v.reason
    (v,) = check({"WorkloadProfile": "LowLatncy"}, ilo_bios, bios_schema, bios_registry)
    assert v.reason.endswith("choose one of 13 values, closest: LowLatency (Low Latency)")
    (v,) = check({"WorkloadProfile": "Low Latency"}, ilo_bios, bios_schema, bios_registry)
    assert "closest: LowLatency (Low Latency)" in v.reason  # display names count too
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


def test_advice_from_dependency_rules(ilo_bios, bios_registry):
    current = ilo_bios["Attributes"]
    assert current["WorkloadProfile"] == "GeneralPowerEfficientCompute"
    (locked,) = attribute_advice({"PowerRegulator": "StaticHighPerf"}, current, bios_registry)
    assert locked.startswith("Power Regulator (PowerRegulator) is locked while WorkloadProfile")
    # Choosing Custom in the same change unlocks it.
    both = {"WorkloadProfile": "Custom", "PowerRegulator": "StaticHighPerf"}
    assert attribute_advice(both, current, bios_registry) == []
    (follow,) = attribute_advice({"WorkloadProfile": "LowLatency"}, current, bios_registry)
    assert follow.startswith("the BIOS will also change")
    assert "MinProcIdlePower=NoCStates" in follow


def test_dependency_rules_parsed(bios_registry):
    assert len(bios_registry.rules) == 596
    rule = bios_registry.rules_for("PlatformCertificate")[0]
    assert (rule.property, rule.value) == ("GrayOut", True)
    assert rule.applies({"TpmState": "NotPresent"})
    assert not rule.applies({"TpmState": "PresentEnabled"})
    assert not rule.applies({})  # unknown values: the rule does not fire
    assert any(r.target == "PowerRegulator" for r in bios_registry.rules_from("WorkloadProfile"))


def test_conditions_and_terms():
    registry = AttributeRegistry.from_json(
        {
            "RegistryEntries": {
                "Attributes": [{"AttributeName": n, "Type": "Integer"} for n in "ABC"],
                "Dependencies": [
                    {
                        "Type": "Map",
                        "Dependency": {
                            "MapFrom": [
                                {
                                    "MapFromAttribute": "A",
                                    "MapFromCondition": "GTR",
                                    "MapFromValue": 5,
                                },
                                {
                                    "MapTerms": "OR",
                                    "MapFromAttribute": "B",
                                    "MapFromCondition": "LEQ",
                                    "MapFromValue": 1,
                                },
                            ],
                            "MapToAttribute": "C",
                            "MapToProperty": "ReadOnly",
                            "MapToValue": True,
                        },
                    },
                    {"Type": "Other"},
                    {"Type": "Map", "Dependency": {"MapFrom": "x", "MapToAttribute": "C"}},
                    "junk",
                ],
            }
        }
    )
    (rule,) = registry.rules
    assert rule.applies({"A": 6, "B": 9}) and rule.applies({"A": 0, "B": 1})
    assert not rule.applies({"A": 5, "B": 2}) and not rule.applies({"A": "x", "B": 2})
    assert attribute_advice({"C": 1}, {"A": 9, "B": 9}, registry)[0].startswith(
        "C is locked while A > 5 or B <= 1"
    )
