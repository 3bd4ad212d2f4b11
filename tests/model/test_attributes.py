"""The BIOS attribute registry of the iLO capture, found through the Registries collection."""

from __future__ import annotations

from iloshell.model import AttributeRegistry, ServiceRegistries


def test_found_by_the_bios_resource_name(ilo, ilo_bios):
    registries = ServiceRegistries(ilo)
    registry = registries.attribute_registry("BiosAttributeRegistryA43.v1_2_52")
    assert registry is not None
    assert registry.name == "BiosAttributeRegistryA43.v1_2_52"
    assert registry.version == "v1_2_52" and registry.language == "en"
    assert len(registry) == 339
    # The likely member and its English location only.
    assert "/redfish/v1/Registries/Base" not in ilo.requests
    assert any("registries/en/biosattributeregistrya43" in r for r in ilo.requests)
    assert registries.attribute_registry("biosattributeregistrya43.V1_2_52") is registry
    assert registries.attribute_registry("NoSuchRegistry") is None


def test_attribute_of_each_type(bios_registry):
    profile = bios_registry.attribute("WorkloadProfile")
    assert profile.type == "Enumeration" and not profile.read_only
    assert ("Custom", "Custom") in profile.values
    assert profile.display_name == "Workload Profile"
    assert profile.label == "Workload Profile (WorkloadProfile)"
    assert profile.menu_path == "./"
    scrub = bios_registry.attribute("PatrolScrubDuration")
    assert (scrub.type, scrub.lower_bound, scrub.upper_bound, scrub.scalar_increment) == (
        "Integer",
        1,
        24,
        1,
    )
    name = bios_registry.attribute("ServerName")
    assert (name.type, name.min_length, name.max_length) == ("String", 0, 28)
    assert name.value_expression == "^[\\ -\\~]*$"
    assert bios_registry.attribute("TpmChipId").read_only


def test_lookup_ignores_case_second(bios_registry):
    assert bios_registry.attribute("workloadprofile").name == "WorkloadProfile"
    assert bios_registry.attribute("Nope") is None
    assert bios_registry.attribute(None) is None  # type: ignore[arg-type]


def test_dependencies_kept(bios_registry):
    assert len(bios_registry.dependencies) == 596
    assert len(bios_registry.attributes()) == 339


def test_broken_registry_documents():
    assert len(AttributeRegistry.from_json({})) == 0
    odd = AttributeRegistry.from_json(
        {
            "RegistryEntries": {
                "Attributes": [
                    "junk",
                    {"AttributeName": 5},
                    {"AttributeName": "A", "Type": "Integer", "LowerBound": "x", "Value": "no"},
                ],
                "Dependencies": "nope",
            }
        }
    )
    assert [a.name for a in odd.attributes()] == ["A"]
    assert odd.attribute("A").lower_bound is None and odd.attribute("A").values == ()
    assert AttributeRegistry.from_json("x").attributes() == []  # type: ignore[arg-type]
