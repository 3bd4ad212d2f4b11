"""ServiceSchemaSource: finding documents through JsonSchemas with as few GETs as possible."""

from __future__ import annotations

import json

import pytest

from iloshell.errors import ConnectError, ServiceError
from iloshell.model import SchemaLibrary, ServiceSchemaSource, check_patch
from tests.conftest import DMTF_SCHEMAS
from tests.model.helpers import FakeService

ROOT = {"JsonSchemas": {"@odata.id": "/redfish/v1/JsonSchemas"}}


def dmtf(name: str) -> dict:
    return json.loads((DMTF_SCHEMAS / name).read_text())


def schema_file(ident: str, schema: str | None, uri: str | None, language: str = "en", **extra):
    doc = {"Id": ident, **extra}
    if schema:
        doc["Schema"] = schema
    if uri:
        doc["Location"] = [{"Language": language, "Uri": uri}]
    return doc


def dmtf_service(**errors) -> FakeService:
    """A service serving DMTF files, as DMTF-conformant BMCs do (two collection pages)."""
    served = [
        "ComputerSystem.v1_10_0.json",
        "ComputerSystem.json",
        "Resource.json",
        "odata-v4.json",
        "Bios.json",
        "Chassis.json",
        "BootOptionCollection.json",
    ]
    docs = {
        "/redfish/v1/": ROOT,
        "/redfish/v1/JsonSchemas": {
            "Members": [{"@odata.id": "/redfish/v1/JsonSchemas/Chassis.v1_10_2"}],
            "Members@odata.nextLink": "/redfish/v1/JsonSchemas?$skip=1",
        },
        "/redfish/v1/JsonSchemas?$skip=1": {
            "Members": [
                {"@odata.id": "/redfish/v1/JsonSchemas/ComputerSystem.v1_10_0"},
                {"@odata.id": "/redfish/v1/JsonSchemas/Resource"},
            ]
        },
        "/redfish/v1/JsonSchemas/Chassis.v1_10_2": schema_file(
            "Chassis.v1_10_2", "#Chassis.v1_10_2.Chassis", "/schemas/Chassis.v1_10_2.json"
        ),
        "/redfish/v1/JsonSchemas/ComputerSystem.v1_10_0": schema_file(
            "ComputerSystem.v1_10_0", None, "/schemas/ComputerSystem.v1_10_0.json"
        ),
        "/redfish/v1/JsonSchemas/Resource": schema_file(
            "Resource", "#Resource.Resource", "/schemas/Resource.json"
        ),
    }
    for name in served:
        docs[f"/schemas/{name}"] = dmtf(name)
    service = FakeService(docs, errors)
    # paging URIs carry a query; FakeService keys ignore it, so route the second page by hand
    first, second = docs["/redfish/v1/JsonSchemas"], docs["/redfish/v1/JsonSchemas?$skip=1"]

    def fetch(uri: str):
        service.requests.append(uri)
        if uri.endswith("$skip=1"):
            return second
        if FakeService.key(uri) == "/redfish/v1/jsonschemas":
            return first
        if FakeService.key(uri) in service.errors:
            raise service.errors[FakeService.key(uri)]
        return service.docs.get(FakeService.key(uri))

    fetch.requests = service.requests  # type: ignore[attr-defined]
    return fetch  # type: ignore[return-value]


def test_paging_and_id_with_version():
    fetch = dmtf_service()
    source = ServiceSchemaSource(fetch)
    uri = source.schema_uri("#ComputerSystem.v1_10_0.ComputerSystem")
    assert uri == "/schemas/ComputerSystem.v1_10_0.json"
    assert "/redfish/v1/JsonSchemas?$skip=1" in fetch.requests
    assert (
        "/redfish/v1/JsonSchemas/Chassis.v1_10_2" not in fetch.requests
    )  # not likely: not fetched


def test_dmtf_documents_and_absolute_refs_by_file_name():
    fetch = dmtf_service()
    library = SchemaLibrary(ServiceSchemaSource(fetch))
    schema = library.for_type("#ComputerSystem.v1_10_0.ComputerSystem")
    assert schema.lookup(["SerialNumber"]).readonly is True
    # Resource.json: the served member "Resource"; ComputerSystem.json: beside the others
    assert schema.lookup(["Status", "Health"]).enum == ("OK", "Warning", "Critical")
    assert "Floppy" in schema.lookup(["Boot", "BootSourceOverrideTarget"]).enum
    assert "/schemas/ComputerSystem.json" in fetch.requests
    assert not any("dmtf.org" in r for r in fetch.requests)
    before = len(fetch.requests)
    assert library.for_type("#ComputerSystem.v1_10_0.ComputerSystem").lookup(["AssetTag"])
    schema.lookup(["Boot", "BootOrder"])
    assert len(fetch.requests) == before  # all cached


def test_files_not_served_are_asked_for_once():
    fetch = dmtf_service()
    source = ServiceSchemaSource(fetch)
    source.schema_uri("#Chassis.v1_10_2.Chassis")
    assert source.load("http://redfish.dmtf.org/schemas/v1/Nope.v1_0_0.json") is None
    count = len(fetch.requests)
    assert source.load("http://redfish.dmtf.org/schemas/v1/Nope.v1_0_0.json#/definitions/X") is None
    assert len(fetch.requests) == count


def test_unknown_type_scans_all_members_once():
    fetch = dmtf_service()
    source = ServiceSchemaSource(fetch)
    assert source.schema_uri("#Manager.v1_5_0.Manager") is None
    assert "/redfish/v1/JsonSchemas/Chassis.v1_10_2" in fetch.requests
    count = len(fetch.requests)
    assert source.schema_uri("#Manager.v1_5_0.Manager") is None
    assert source.schema_uri("#Power.v1_0_0.Power") is None
    assert len(fetch.requests) == count


def test_other_version_of_namespace_as_last_resort():
    source = ServiceSchemaSource(dmtf_service())
    assert source.schema_uri("#Chassis.v1_99_0.Chassis") == "/schemas/Chassis.v1_10_2.json"


def test_service_error_for_one_document_means_unavailable():
    fetch = dmtf_service(**{"/schemas/ComputerSystem.json": ServiceError("boom", status=500)})
    library = SchemaLibrary(ServiceSchemaSource(fetch))
    schema = library.for_type("#ComputerSystem.v1_10_0.ComputerSystem")
    info = schema.lookup(["Boot", "BootSourceOverrideTarget"])
    assert info is not None and info.enum is None and info.readonly is False


def test_connection_loss_propagates():
    def fetch(uri):
        raise ConnectError("connection refused")

    with pytest.raises(ConnectError):
        SchemaLibrary(ServiceSchemaSource(fetch)).for_type("#ComputerSystem.v1_10_0.ComputerSystem")


def test_language_and_publication_uri():
    docs = {
        "/redfish/v1/": ROOT,
        "/redfish/v1/JsonSchemas": {"Members": [{"@odata.id": "/redfish/v1/JsonSchemas/Bios"}]},
        "/redfish/v1/JsonSchemas/Bios": {
            "Schema": "#Bios.v1_0_4.Bios",
            "Location": [
                {"Language": "ja", "Uri": "/ja/Bios.json"},
                {
                    "Language": "en",
                    "PublicationUri": "http://redfish.dmtf.org/schemas/v1/Bios.v1_0_4.json",
                },
            ],
        },
        "/ja/Bios.json": {"title": "ja"},
    }
    source = ServiceSchemaSource(FakeService(docs))
    # Only a Uri can be fetched; the Japanese copy has one, the English only a public URL.
    assert source.schema_uri("#Bios.v1_0_4.Bios") == "/ja/Bios.json"


def test_no_json_schemas_link_falls_back_to_the_usual_place():
    docs = {
        "/redfish/v1/": {},
        "/redfish/v1/JsonSchemas": {"Members": [{"@odata.id": "/redfish/v1/JsonSchemas/Thing"}]},
        "/redfish/v1/JsonSchemas/Thing": schema_file(
            "Thing", "#Thing.v1_0_0.Thing", "/s/Thing.json"
        ),
        "/s/Thing.json": {
            "title": "#Thing.v1_0_0.Thing",
            "type": "object",
            "additionalProperties": False,
            "properties": {"Name": {"type": "string", "readonly": True}},
        },
    }
    library = SchemaLibrary(ServiceSchemaSource(FakeService(docs)))
    schema = library.for_type("#Thing.v1_0_0.Thing")
    (v,) = check_patch({"Name": "x"}, {}, schema)
    assert v.message == "PropertyNotWritable"


def test_no_service_at_all():
    library = SchemaLibrary(ServiceSchemaSource(lambda uri: None))
    assert library.for_type("#ComputerSystem.v1_10_0.ComputerSystem") is None


def test_names_that_are_not_schema_names_mean_a_full_scan():
    docs = {
        "/redfish/v1/": ROOT,
        "/redfish/v1/JsonSchemas": {
            "Members": [{"@odata.id": f"/redfish/v1/JsonSchemas/{n}"} for n in ("A", "B", "Thing")]
        },
        "/redfish/v1/JsonSchemas/A": schema_file("A", "#Other.v1_0_0.Other", "/s/Other.json"),
        "/redfish/v1/JsonSchemas/B": schema_file("B", "#Wanted.v1_0_0.Wanted", "/s/Wanted.json"),
        "/redfish/v1/JsonSchemas/Thing": schema_file("Thing", "#Thing.v1_0_0.Thing", "/s/T.json"),
    }
    fetch = FakeService(docs)
    source = ServiceSchemaSource(fetch)
    assert source.schema_uri("#Thing.v1_0_0.Thing") == "/s/T.json"  # names agree so far...
    assert source.schema_uri("#Wanted.v1_0_0.Wanted") is None  # ... so B is not asked
    assert source.schema_uri("#Other.v1_0_0.Other") is None
    fresh = ServiceSchemaSource(FakeService(docs))
    assert fresh.schema_uri("#Wanted.v1_0_0.Wanted") == "/s/Wanted.json"  # scan: A disagrees
