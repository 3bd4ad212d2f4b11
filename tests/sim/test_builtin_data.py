"""The built-in data set: complete, consistent, and valid against its own schemas and registries.

Everything the demo, the tutorial and the other tests rely on is checked here on the data alone,
without a server: links resolve (case- and slash-insensitively, fragments into the target's
JSON), collections count their members, ETags match :func:`etag_of`, every type has a schema
the service serves, every resource passes the model layer's own validation, and the BIOS
attributes agree with their registry.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest

from iloshell.model.schemas import SchemaLibrary
from iloshell.model.service_schemas import ServiceSchemaSource
from iloshell.model.validate import check_document
from iloshell.redfish.paths import split_fragment, uri_key
from iloshell.sim import builtin
from iloshell.sim.builtin import build_service
from iloshell.sim.etag import etag_of


@pytest.fixture(scope="module")
def service() -> dict[str, dict]:
    return build_service()


@pytest.fixture(scope="module")
def by_key(service) -> dict[str, dict]:
    """Documents by :func:`uri_key`, the way the server and the shell look URIs up."""
    return {uri_key(uri): doc for uri, doc in service.items()}


def resources(service: dict[str, dict]) -> dict[str, dict]:
    return {uri: doc for uri, doc in service.items() if "@odata.id" in doc}


def links_in(value, path: str = "") -> Iterator[tuple[str, str]]:
    """Every ``@odata.id`` string anywhere in ``value``, with where it was found."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "@odata.id" and isinstance(item, str):
                yield path, item
            else:
                yield from links_in(item, f"{path}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from links_in(item, f"{path}/{index}")


def types_in(value) -> Iterator[str]:
    """Every ``@odata.type`` anywhere in ``value`` (resources and nested Oem objects)."""
    if isinstance(value, dict):
        if isinstance(value.get("@odata.type"), str):
            yield value["@odata.type"]
        for item in value.values():
            yield from types_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from types_in(item)


def schema_files(service: dict[str, dict]) -> dict[str, str]:
    """``Schema`` -> served ``Location[0].Uri`` of every JsonSchemaFile."""
    return {
        doc["Schema"]: doc["Location"][0]["Uri"]
        for doc in resources(service).values()
        if doc["@odata.type"].startswith("#JsonSchemaFile.")
    }


# --- size, identity and links ------------------------------------------------------------------


def test_has_at_least_150_resources_besides_schema_files(service):
    own = [d for d in resources(service).values() if "JsonSchemaFile" not in d["@odata.type"]]
    assert len(own) >= 150


def test_resources_are_keyed_by_their_own_id_and_no_uri_is_served_twice(service):
    for uri, doc in resources(service).items():
        assert uri == doc["@odata.id"]
    keys = [uri_key(uri) for uri in service]
    assert len(keys) == len(set(keys))


def test_every_resource_carries_the_odata_header_name_and_description(service):
    for uri, doc in resources(service).items():
        assert doc["@odata.context"].startswith("/redfish/v1/$metadata#"), uri
        assert re.fullmatch(r"#\w+(\.v\d+_\d+_\d+)?\.\w+", doc["@odata.type"]), uri
        assert doc["Name"] and doc["Description"], uri
        assert "Members" in doc or doc["Id"], uri  # collections have no Id, as in DMTF's schemas


def test_every_link_resolves_and_fragments_point_into_the_target(service, by_key):
    for uri, doc in service.items():
        for where, link in links_in(doc):
            base, parts = split_fragment(link)
            assert uri_key(base) in by_key, f"{uri}{where}: {link} is not served"
            target = by_key[uri_key(base)]
            for part in parts:
                target = target[int(part)] if isinstance(target, list) else target[part]
            if parts:
                assert target["@odata.id"] == link, f"{uri}{where}: {link} points elsewhere"


def test_action_info_links_resolve_and_agree_with_allowable_values(service, by_key):
    system = service[builtin.SYSTEM_URI]
    reset = system["Actions"]["#ComputerSystem.Reset"]
    info = by_key[uri_key(reset["@Redfish.ActionInfo"])]
    assert reset["@Redfish.ActionInfo"] == builtin.SYSTEM_RESET_ACTION_INFO_URI
    (parameter,) = info["Parameters"]
    assert parameter["Name"] == "ResetType"
    assert parameter["AllowableValues"] == reset["ResetType@Redfish.AllowableValues"]


def test_collections_count_their_members_of_the_right_type(service, by_key):
    collections = [d for d in resources(service).values() if "Members" in d]
    assert len(collections) >= 20
    for doc in collections:
        assert doc["Members@odata.count"] == len(doc["Members"]), doc["@odata.id"]
        member_type = doc["@odata.type"].split(".")[-1].removesuffix("Collection")
        for member in doc["Members"]:
            body = by_key[uri_key(member["@odata.id"])]
            assert body["@odata.type"].split(".")[-1] == member_type, member


def test_cycles_between_system_chassis_and_manager(service):
    system = service["/redfish/v1/Systems/1"]
    chassis = service["/redfish/v1/Chassis/1"]
    manager = service["/redfish/v1/Managers/1"]
    assert system["Links"]["ManagedBy"] == [{"@odata.id": "/redfish/v1/Managers/1"}]
    assert system["Links"]["Chassis"] == [{"@odata.id": "/redfish/v1/Chassis/1"}]
    assert manager["Links"]["ManagerForServers"] == [{"@odata.id": "/redfish/v1/Systems/1"}]
    assert chassis["Links"]["ComputerSystems"] == [{"@odata.id": "/redfish/v1/Systems/1"}]


# --- quirks clients must cope with ---------------------------------------------------------------


def test_link_quirks_of_real_firmware_are_present(service):
    system = service["/redfish/v1/Systems/1"]
    assert system["Bios"] == {"@odata.id": "/redfish/v1/systems/1/bios"}
    assert builtin.BIOS_URI == "/redfish/v1/systems/1/bios/" in service
    assert service["/redfish/v1/"]["Links"]["Sessions"]["@odata.id"] == builtin.SESSIONS_URI
    assert service[builtin.SESSIONS_URI]["Members"] == []
    all_links = [link for doc in service.values() for _, link in links_in(doc)]
    assert any("/Thermal#Temperatures/" in link for link in all_links)  # iLO's fragment
    assert any("/Thermal#/Fans/" in link for link in all_links)  # JSON pointer fragment
    assert any(link.endswith("/") and link not in service for link in all_links)
    psu = "/redfish/v1/UpdateService/FirmwareInventory/Power%20Supply%20%231"
    assert service[psu]["Id"] == "Power Supply #1"
    members = service["/redfish/v1/UpdateService/FirmwareInventory"]["Members"]
    assert {"@odata.id": psu} in members  # the link uses the same escaped spelling
    assert len([uri for uri in service if "%20" in uri]) >= 5


def test_service_root_says_how_to_log_in_and_what_it_supports(service):
    root = service[builtin.ROOT_URI]
    hpe = root["Oem"]["Hpe"]
    assert hpe["Sessions"]["LoginHint"]["HintPOSTData"] == {
        "Password": "password",
        "UserName": "username",
    }
    assert hpe["Manager"][0]["ManagerType"] == "iLO 5"
    assert hpe["Manager"][0]["HostName"] == "ilo-demo"
    assert root["ProtocolFeaturesSupported"]["ExpandQuery"]["NoLinks"] is True
    entries = "Systems Chassis Managers AccountService SessionService EventService UpdateService"
    for name in [*entries.split(" "), "Tasks", "Registries", "JsonSchemas"]:
        assert "@odata.id" in root[name], name


def test_accounts_hide_passwords_and_include_the_demo_login(service):
    accounts = service[builtin.ACCOUNTS_URI]
    bodies = [service[m["@odata.id"]] for m in accounts["Members"]]
    assert {b["UserName"] for b in bodies} == set(builtin.USERNAMES.values())
    assert builtin.USERNAMES["1"] == builtin.ADMIN_USERNAME == "admin"
    assert {b["RoleId"] for b in bodies} == {"Administrator", "Operator", "ReadOnly"}
    assert all(b["Password"] is None for b in bodies)


# --- ETags and the resource directory ------------------------------------------------------------


def test_every_etag_is_the_etag_of_the_body(service):
    for uri, doc in resources(service).items():
        assert doc["@odata.etag"] == etag_of(doc), uri


def test_resource_directory_lists_every_other_resource_with_its_etag(service):
    directory = service[builtin.RESOURCE_DIRECTORY_URI]
    listed = {i["@odata.id"]: i for i in directory["Instances"]}
    others = {u: d for u, d in resources(service).items() if u != builtin.RESOURCE_DIRECTORY_URI}
    assert set(listed) == set(others)
    for uri, doc in others.items():
        assert listed[uri]["@odata.etag"] == doc["@odata.etag"]
        assert listed[uri]["@odata.type"] == doc["@odata.type"]


def test_bios_settings_etag_is_announced_in_redfish_settings(service):
    settings = service[builtin.BIOS_URI]["@Redfish.Settings"]
    assert settings["SettingsObject"]["@odata.id"] == builtin.BIOS_SETTINGS_URI
    assert settings["ETag"] == service[builtin.BIOS_SETTINGS_URI]["@odata.etag"]


# --- schemas ------------------------------------------------------------------------------------


def test_every_type_has_a_schema_file_whose_document_is_served(service):
    files = schema_files(service)
    served_types = {t for doc in service.values() for t in types_in(doc)}
    served_types.add("#Session.v1_0_0.Session")  # the server creates sessions at login
    for odata_type in served_types:
        assert odata_type in files, f"no JsonSchemaFile for {odata_type}"
        document = service[files[odata_type]]
        assert document["title"] == odata_type
    for shared in ("#Resource", "#odata-v4"):
        assert files[shared] in service


def _properties(definition: dict, prefix: str = "") -> Iterator[tuple[str, dict]]:
    """Properties of a definition, including those of objects defined inline."""
    for name, prop in definition.get("properties", {}).items():
        yield prefix + name, prop
        if prop.get("type") == "object":
            yield from _properties(prop, f"{prefix}{name}/")


def test_every_schema_property_is_documented_and_flags_readonly(service):
    for uri in schema_files(service).values():
        for def_name, definition in service[uri].get("definitions", {}).items():
            for name, prop in _properties(definition):
                if "@odata." in name or name.startswith("Members@"):
                    continue
                where = f"{uri}#/definitions/{def_name}/{name}"
                assert prop.get("description") and prop.get("longDescription"), where
                is_object = "$ref" in prop and "idRef" not in prop["$ref"] and "anyOf" not in prop
                is_object_array = prop.get("type") == "array" and "readonly" not in prop
                if not (is_object or is_object_array or prop.get("type") == "object"):
                    assert isinstance(prop.get("readonly"), bool), where


@pytest.fixture(scope="module")
def library(service, by_key) -> SchemaLibrary:
    """The model layer's schema library reading the data as a client reads the service."""

    def fetch(uri: str) -> dict | None:
        return by_key.get(uri_key(uri))

    return SchemaLibrary(ServiceSchemaSource(fetch))


def test_every_document_validates_against_its_own_schema(service, library):
    checked = 0
    for uri, doc in service.items():
        bodies = [doc]
        hpe = doc.get("Oem", {}).get("Hpe", {}) if isinstance(doc.get("Oem"), dict) else {}
        if "@odata.type" in hpe:
            bodies.append(hpe)
        for body in bodies:
            if "@odata.type" not in body:
                continue  # a schema document
            type_schema = library.for_type(body["@odata.type"])
            assert type_schema is not None, f"{uri}: no schema for {body['@odata.type']}"
            violations = check_document(body, type_schema)
            assert not violations, f"{uri}: " + "; ".join(v.reason for v in violations)
            checked += 1
    assert checked > 230


@pytest.mark.parametrize(
    ("odata_type", "pointer"),
    [
        ("#ComputerSystem.v1_10_0.ComputerSystem", ("AssetTag",)),
        ("#ComputerSystem.v1_10_0.ComputerSystem", ("IndicatorLED",)),
        ("#ComputerSystem.v1_10_0.ComputerSystem", ("Boot", "BootSourceOverrideTarget")),
        ("#ComputerSystem.v1_10_0.ComputerSystem", ("Boot", "BootSourceOverrideEnabled")),
        ("#ComputerSystem.v1_10_0.ComputerSystem", ("Boot", "BootSourceOverrideMode")),
        ("#ComputerSystem.v1_10_0.ComputerSystem", ("Boot", "BootOrder")),
        ("#Bios.v1_0_4.Bios", ("Attributes", "BootMode")),
        ("#ManagerAccount.v1_3_0.ManagerAccount", ("Password",)),
        ("#ManagerAccount.v1_3_0.ManagerAccount", ("RoleId",)),
        ("#AccountService.v1_5_0.AccountService", ("AuthFailureLoggingThreshold",)),
        ("#SessionService.v1_0_0.SessionService", ("SessionTimeout",)),
        ("#EthernetInterface.v1_4_1.EthernetInterface", ("HostName",)),
        ("#EthernetInterface.v1_4_1.EthernetInterface", ("IPv4StaticAddresses",)),
        ("#ManagerNetworkProtocol.v1_0_0.ManagerNetworkProtocol", ("SSH", "Port")),
        ("#EventDestination.v1_0_0.EventDestination", ("Destination",)),
        ("#Chassis.v1_10_0.Chassis", ("IndicatorLED",)),
    ],
)
def test_properties_meant_to_be_changed_are_writable(library, odata_type, pointer):
    info = library.for_type(odata_type).lookup(pointer)
    assert info is not None and info.readonly is False, pointer


@pytest.mark.parametrize(
    ("odata_type", "pointer"),
    [
        ("#ComputerSystem.v1_10_0.ComputerSystem", ("SerialNumber",)),
        ("#ComputerSystem.v1_10_0.ComputerSystem", ("PowerState",)),
        ("#ComputerSystem.v1_10_0.ComputerSystem", ("Id",)),
        ("#Manager.v1_5_1.Manager", ("FirmwareVersion",)),
        ("#Thermal.v1_6_2.Thermal", ("Temperatures", "0", "ReadingCelsius")),
    ],
)
def test_everything_else_is_read_only(library, odata_type, pointer):
    info = library.for_type(odata_type).lookup(pointer)
    assert info is not None and info.readonly is True, pointer


def test_schema_limits_teach_units_and_bounds(library):
    session = library.for_type("#SessionService.v1_0_0.SessionService").lookup(["SessionTimeout"])
    assert (session.minimum, session.maximum, session.units) == (30, 86400, "s")
    port = library.for_type("#ManagerNetworkProtocol.v1_0_0.ManagerNetworkProtocol")
    assert port.lookup(["HTTPS", "Port"]).maximum == 65535
    thermal = library.for_type("#Thermal.v1_6_2.Thermal")
    assert thermal.lookup(["Temperatures", "0", "ReadingCelsius"]).units == "Cel"
    target = library.for_type("#ComputerSystem.v1_10_0.ComputerSystem").lookup(
        ["Boot", "BootSourceOverrideTarget"]
    )
    assert "Pxe" in target.enum and target.enum_descriptions["Pxe"]


# --- registries ---------------------------------------------------------------------------------


def registry_documents(service, by_key) -> dict[str, dict]:
    """Registry name -> document, found through the Registries collection like a client does."""
    out = {}
    for member in service["/redfish/v1/Registries"]["Members"]:
        file = by_key[uri_key(member["@odata.id"])]
        out[file["Registry"]] = service[file["Location"][0]["Uri"]]
    return out


def test_registries_cover_the_messages_the_server_and_validation_use(service, by_key):
    docs = registry_documents(service, by_key)
    base = docs[f"Base.{builtin.BASE_REGISTRY_VERSION}"]
    needed_text = """Success Created GeneralError InternalError MalformedJSON PropertyNotWritable
        PropertyUnknown PropertyValueTypeError PropertyValueNotInList PropertyValueFormatError
        PropertyMissing StringValueTooLong ResourceMissingAtURI NoValidSession AccessDenied
        InsufficientPrivilege ActionNotSupported ActionParameterUnknown ActionParameterMissing
        ActionParameterNotSupported ActionParameterValueFormatError ActionParameterValueTypeError
        ResourceCannotBeDeleted QueryNotSupported SessionLimitExceeded EmptyJSON
        UnrecognizedRequestBody CreateFailedMissingReqProperties ResourceAlreadyExists
        ServiceTemporarilyUnavailable"""
    needed = needed_text.split()
    assert not [name for name in needed if name not in base["Messages"]]
    ilo = docs[f"iLO.{builtin.ILO_REGISTRY_VERSION}"]
    assert len(ilo["Messages"]) >= 15 and "SystemResetRequired" in ilo["Messages"]
    for registry in (base, ilo):
        for name, message in registry["Messages"].items():
            placeholders = set(re.findall(r"%(\d+)", message["Message"]))
            assert placeholders == {str(n) for n in range(1, message["NumberOfArgs"] + 1)}, name


def bios_registry(service, by_key) -> dict:
    name = service[builtin.BIOS_URI]["AttributeRegistry"]
    return registry_documents(service, by_key)[name]


def _valid(attribute: dict, value) -> bool:
    kind = attribute["Type"]
    if kind == "Password":
        return value is None
    if kind == "Enumeration":
        return value in [v["ValueName"] for v in attribute["Value"]]
    if kind == "Boolean":
        return isinstance(value, bool)
    if kind == "Integer":
        low, high, step = (
            attribute["LowerBound"],
            attribute["UpperBound"],
            attribute.get("ScalarIncrement", 1),
        )
        return type(value) is int and low <= value <= high and (value - low) % step == 0
    pattern = attribute.get("ValueExpression")
    return (
        isinstance(value, str)
        and attribute.get("MinLength", 0) <= len(value) <= attribute["MaxLength"]
        and (pattern is None or re.search(pattern, value) is not None)
    )


def test_bios_attributes_and_registry_agree_and_values_are_valid(service, by_key):
    registry = bios_registry(service, by_key)
    attributes = {a["AttributeName"]: a for a in registry["RegistryEntries"]["Attributes"]}
    assert len(attributes) >= 40
    kinds = {a["Type"] for a in attributes.values()}
    assert kinds == {"Enumeration", "Integer", "String", "Boolean", "Password"}
    assert any(a["ReadOnly"] for a in attributes.values())
    for uri in (builtin.BIOS_URI, builtin.BIOS_SETTINGS_URI):
        values = service[uri]["Attributes"]
        assert set(values) == set(attributes), uri
        for name, value in values.items():
            assert _valid(attributes[name], value), f"{uri}: {name}={value!r}"
        for attribute in attributes.values():
            assert attribute["HelpText"] and attribute["DisplayName"] and attribute["MenuPath"]
            assert _valid(attribute, attribute["DefaultValue"]) or attribute["Type"] == "Password"
    for rule in registry["RegistryEntries"]["Dependencies"]:
        assert rule["DependencyFor"] in attributes
        assert rule["Dependency"]["MapToAttribute"] in attributes
        for condition in rule["Dependency"]["MapFrom"]:
            assert condition["MapFromAttribute"] in attributes


def test_invalid_bios_values_are_recognised_by_the_test_helper(service, by_key):
    registry = bios_registry(service, by_key)
    attributes = {a["AttributeName"]: a for a in registry["RegistryEntries"]["Attributes"]}
    assert not _valid(attributes["PowerOnDelay"], 20)  # not a multiple of 15
    assert not _valid(attributes["AdminEmail"], "not-an-address")
    assert not _valid(attributes["BootMode"], "Floppy")


# --- determinism and speed ------------------------------------------------------------------------


def test_build_is_deterministic_and_fresh():
    first = build_service()
    second = build_service()
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    first["/redfish/v1/Systems/1"]["AssetTag"] = "changed"
    first[builtin.BIOS_URI]["Attributes"]["BootMode"] = "LegacyBios"
    third = build_service()
    assert third["/redfish/v1/Systems/1"]["AssetTag"] != "changed"
    assert third[builtin.BIOS_URI]["Attributes"]["BootMode"] == "Uefi"
