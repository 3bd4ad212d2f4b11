"""iLO 5's SchemaStore (flattened documents), reached through its JsonSchemas collection."""

from __future__ import annotations

from iloshell.model import SchemaLibrary, ServiceSchemaSource

CS = "#ComputerSystem.v1_10_0.ComputerSystem"


def test_found_through_json_schemas_with_few_requests(ilo):
    library = SchemaLibrary(ServiceSchemaSource(ilo))
    schema = library.for_type(CS)
    assert schema is not None
    assert schema.source_uri.startswith("/redfish/v1/SchemaStore/en/ComputerSystem.json")
    # root, collection, the likely member, the document: nothing else
    assert ilo.requests == [
        "/redfish/v1/",
        "/redfish/v1/JsonSchemas",
        "/redfish/v1/JsonSchemas/ComputerSystem",
        "/redfish/v1/SchemaStore/en/ComputerSystem.json",
    ]
    assert schema.exact and schema.schema_version == "v1_10_0"


def test_flattened_read_only_flags(ilo_library):
    schema = ilo_library.for_type(CS)
    assert schema.lookup(["AssetTag"]).readonly is False
    assert schema.lookup(["SerialNumber"]).readonly is True
    assert schema.lookup(["Boot", "BootSourceOverrideTarget"]).readonly is False
    assert schema.lookup(["PowerState"]).readonly is True


def test_enum_with_null_and_descriptions(ilo_library):
    info = ilo_library.for_type(CS).lookup(["Boot", "BootSourceOverrideEnabled"])
    assert info.enum == ("Disabled", "Once", "Continuous")
    assert info.nullable
    assert info.enum_descriptions["Once"].startswith("On its next boot cycle")
    led = ilo_library.for_type(CS).lookup(["IndicatorLED"])
    assert "Lit" in led.enum and led.nullable


def test_relative_refs_resolve_against_the_referring_document(ilo_library):
    schema = ilo_library.for_type(CS)
    health = schema.lookup(["Status", "Health"])
    assert health.enum == ("OK", "Warning", "Critical")
    assert health.source.startswith("/redfish/v1/SchemaStore/en/Resource.json#/definitions/Status")
    odata_id = schema.lookup(["Bios", "@odata.id"])
    assert odata_id.readonly is True
    assert odata_id.type_source.endswith("Resource.json#/definitions/odataid")


def test_flattened_links(ilo_library):
    schema = ilo_library.for_type(CS)
    assert schema.lookup(["Bios"]).is_link
    assert schema.lookup(["Links", "Chassis"]).is_link
    assert schema.lookup(["Boot", "BootOptions"]).is_link
    assert not schema.lookup(["Boot"]).is_link


def test_oem_extension_document(ilo_library):
    schema = ilo_library.for_type(CS)
    delay = schema.lookup(["Oem", "Hpe", "PowerOnDelay"])
    assert delay is not None and "30Sec" in delay.enum
    assert delay.source.startswith("/redfish/v1/SchemaStore/en/HpeComputerSystemExt.json")
    assert schema.allows_additional(["Oem"]) is True


def test_undeclared_annotations_are_accepted_in_flattened_schemas(ilo_library):
    schema = ilo_library.for_type(CS)
    info = schema.lookup(["Boot", "BootSourceOverrideTarget@Redfish.AllowableValues"])
    assert info is not None and info.is_array
    settings = schema.lookup(["@Redfish.SettingsApplyTime"])
    assert settings is not None and settings.is_annotation
    assert schema.lookup(["NotAProperty"]) is None
    assert schema.allows_additional() is False


def test_flattened_actions(ilo_library):
    actions = ilo_library.for_type(CS).actions()
    reset = actions["#ComputerSystem.Reset"]
    assert "ForceRestart" in reset.parameters["ResetType"].enum
    assert reset.required == ("ResetType",)


def test_dmtf_shaped_document_in_the_schema_store(ilo_library):
    """bios.v1_0_4.json is DMTF-shaped, lower-case, and refers to DMTF URLs by name."""
    schema = ilo_library.for_type("#Bios.v1_0_4.Bios")
    assert schema is not None
    assert schema.source_uri == "/redfish/v1/schemastore/en/bios.v1_0_4.json#/definitions/Bios"
    assert schema.lookup(["AttributeRegistry"]).readonly is True
    attr = schema.lookup(["Attributes", "WorkloadProfile"])  # by patternProperties
    assert attr is not None and "string" in attr.types
    settings = schema.lookup(["@Redfish.Settings", "SettingsObject"])
    assert settings is not None and settings.is_link
    # http://redfish.dmtf.org/schemas/v1/Resource.json mapped to the served Resource.json
    assert schema.lookup(["Oem", "Hpe"]) is not None


def test_hpe_types(ilo_library):
    """HPE's own types come from the SchemaStore's flattened files (one per namespace,
    found through the JsonSchemaFile's Schema member), with their readonly flags."""
    schema = ilo_library.for_type("#HpeiLOSnmpService.v2_3_0.HpeiLOSnmpService")
    assert schema is not None and schema.namespace == "HpeiLOSnmpService"
    assert schema.source_uri.startswith("/redfish/v1/SchemaStore/en/HpeiLOSnmpService.json")
    enabled = schema.lookup(["SNMPv1Enabled"])
    assert enabled is not None and enabled.types == ("boolean",) and enabled.readonly is False


def test_unknown_type_is_none(ilo):
    library = SchemaLibrary(ServiceSchemaSource(ilo))
    assert library.for_type("#Nothing.v1_0_0.Nothing") is None
    assert library.for_type("#Nothing.v1_0_0.Nothing") is None  # cached
    assert library.for_type("garbage") is None


def test_every_served_schema_resolves(ilo_session_fetch):
    """Each JsonSchemaFile's Schema gives a TypeSchema whose properties all look up."""
    source = ServiceSchemaSource(ilo_session_fetch)
    library = SchemaLibrary(source)
    collection = ilo_session_fetch("/redfish/v1/JsonSchemas")
    failures = []
    for member in collection["Members"]:
        file = ilo_session_fetch(member["@odata.id"])
        schema = library.for_type(file["Schema"])
        if schema is None:
            failures.append(file["Schema"])
            continue
        for name in schema.properties():
            if schema.lookup([name]) is None:
                failures.append(f"{file['Schema']}: {name}")
    # Shared-definition documents, not resource types: nothing to resolve a resource against.
    assert failures == ["#IPAddresses.v1_1_0", "#Resource.v1_3_0.Resource"]


def test_absent_type_costs_no_member_gets_once_names_proved_to_be_schema_names(ilo):
    source = ServiceSchemaSource(ilo)
    library = SchemaLibrary(source)
    assert library.for_type(CS) is not None
    before = len(ilo.requests)
    assert library.for_type("#HpeNothing.v1_0_0.HpeNothing") is None
    assert ilo.requests[before:] == []  # 226 members, none named HpeNothing: not one GET
    # Another version of a served namespace: found by name, no scan either.
    other = library.for_type("#ComputerSystem.v1_4_0.ComputerSystem")
    assert other is not None and not other.exact
    assert ilo.requests[before:] == []
