"""Graceful behaviour on odd and broken schema documents: never raise, say less."""

from __future__ import annotations

from iloshell.model import SchemaLibrary
from iloshell.model.schemas import document_stem, parse_odata_type, version_tuple
from tests.model.helpers import DictSource

T = "#Thing.v1_0_0.Thing"
URL = "http://redfish.dmtf.org/schemas/v1/"


def library(docs: dict, uri: str = f"{URL}Thing.v1_0_0.json#/definitions/Thing"):
    return SchemaLibrary(DictSource(docs, {T: uri}))


def thing(properties: dict, **extra) -> dict:
    return {"definitions": {"Thing": {"type": "object", "properties": properties, **extra}}}


def test_missing_referenced_file_is_unknown_not_fatal():
    schema = library(
        {"Thing.v1_0_0.json": thing({"Status": {"$ref": f"{URL}Gone.json#/definitions/Status"}})}
    ).for_type(T)
    info = schema.lookup(["Status"])
    assert info is not None and not info.known and info.types == ()
    assert schema.lookup(["Status", "Health"]) is None
    assert schema.allows_additional(["Status"]) is True  # unknown: cannot call anything unknown


def test_missing_definition_in_existing_file():
    docs = {
        "Thing.v1_0_0.json": thing({"A": {"$ref": "#/definitions/Nope", "readonly": True}}),
    }
    info = library(docs).for_type(T).lookup(["A"])
    assert info.readonly is True and not info.known


def test_self_and_mutual_ref_cycles():
    docs = {
        "Thing.v1_0_0.json": {
            "definitions": {
                "Thing": {
                    "properties": {
                        "Loop": {"$ref": "#/definitions/Loop"},
                        "A": {"$ref": "#/definitions/B"},
                    }
                },
                "Loop": {"$ref": "#/definitions/Loop"},
                "B": {"$ref": "#/definitions/C"},
                "C": {"anyOf": [{"$ref": "#/definitions/B"}, {"type": "null"}]},
            }
        }
    }
    schema = library(docs).for_type(T)
    assert not schema.lookup(["Loop"]).known
    assert schema.lookup(["A"]) is not None


def test_recursive_structures_resolve_lazily():
    docs = {
        "Thing.v1_0_0.json": {
            "definitions": {
                "Thing": {"type": "object", "properties": {"Node": {"$ref": "#/definitions/Node"}}},
                "Node": {
                    "type": "object",
                    "properties": {
                        "Child": {"$ref": "#/definitions/Node"},
                        "Value": {"type": "integer"},
                    },
                },
            }
        }
    }
    schema = library(docs).for_type(T)
    deep = ["Node"] + ["Child"] * 50 + ["Value"]
    assert schema.lookup(deep).types == ("integer",)


def test_fragments_with_and_without_slash_and_escapes():
    docs = {
        "Thing.v1_0_0.json": thing(
            {
                "A": {"$ref": "Other.json#definitions/X"},
                "B": {"$ref": "Other.json#/definitions/X/"},
                "C": {"$ref": "Other.json#/definitions/a~1b"},
                "D": {"$ref": "Other.json#/definitions/a%20b"},
                "E": {"$ref": "Other.json#"},
            }
        ),
        "Other.json": {
            "definitions": {
                "X": {"type": "string"},
                "a/b": {"type": "boolean"},
                "a b": {"type": "integer"},
            },
            "properties": {"Whole": {"type": "number"}},
        },
    }
    schema = library(docs).for_type(T)
    assert schema.lookup(["A"]).types == ("string",)
    assert schema.lookup(["B"]).types == ("string",)
    assert schema.lookup(["C"]).types == ("boolean",)
    assert schema.lookup(["D"]).types == ("integer",)
    assert schema.lookup(["E", "Whole"]).types == ("number",)


def test_wrong_types_inside_schema_documents():
    docs = {
        "Thing.v1_0_0.json": thing(
            {
                "A": "not a schema",
                "B": {"type": 5, "enum": "nope", "readonly": "yes", "minimum": "1", "pattern": 3},
                "C": {"properties": ["x"], "patternProperties": {"([": {"type": "string"}}},
                "D": {"$ref": 42},
                "E": {"anyOf": "x"},
                "F": {"anyOf": [1, None, {"type": "null"}]},
                "G": {"items": "x", "type": "array"},
                "H": {"enum": [None, {"weird": 1}, "ok", 2]},
                "I": {"type": ["string", "bogus"]},
                "J": {"description": 7, "longDescription": None, "enumDescriptions": ["x"]},
            }
        )
    }
    schema = library(docs).for_type(T)
    assert not schema.lookup(["A"]).known
    b = schema.lookup(["B"])
    assert (b.types, b.enum, b.readonly, b.minimum, b.pattern) == ((), None, None, None, None)
    assert schema.lookup(["C", "x"]) is None
    assert schema.lookup(["D"]) is not None
    assert schema.lookup(["F"]).types == ("null",)
    assert schema.lookup(["G", "0"]) is None
    h = schema.lookup(["H"])
    assert h.enum == ("ok", 2) and h.nullable
    assert schema.lookup(["I"]).types == ("string",)
    j = schema.lookup(["J"])
    assert j.description is None and dict(j.enum_descriptions) == {}


def test_documents_that_are_not_objects():
    docs = {"Thing.v1_0_0.json": ["a", "list"]}
    assert library(docs).for_type(T) is None
    assert library({}).for_type(T) is None


def test_source_that_raises_ordinary_errors_is_survived():
    class Angry:
        def schema_uri(self, odata_type):
            raise ValueError("bad")

        def load(self, uri):
            raise OSError("disk")

    assert SchemaLibrary(Angry()).for_type(T) is None


def test_unversioned_file_picks_the_declared_version():
    base = {
        "Thing.json": {
            "definitions": {
                "Thing": {
                    "anyOf": [
                        {"$ref": f"{URL}odata-v4.json#/definitions/idRef"},
                        {"$ref": f"{URL}Thing.v1_0_0.json#/definitions/Thing"},
                        {"$ref": f"{URL}Thing.v1_1_0.json#/definitions/Thing"},
                    ]
                }
            }
        },
        "Thing.v1_0_0.json": thing({"Old": {"type": "string", "readonly": True}}),
        "Thing.v1_1_0.json": thing({"Old": {"type": "string", "readonly": False}}),
    }
    lib = SchemaLibrary(
        DictSource(
            base,
            {
                "#Thing.v1_0_0.Thing": f"{URL}Thing.json",
                "#Thing.v1_1_0.Thing": f"{URL}Thing.json",
                "#Thing.v1_1_3.Thing": f"{URL}Thing.json",
            },
        )
    )
    assert lib.for_type("#Thing.v1_0_0.Thing").lookup(["Old"]).readonly is True
    assert lib.for_type("#Thing.v1_1_0.Thing").lookup(["Old"]).readonly is False
    # A newer errata of the same minor is the same schema for our purposes.
    newer = lib.for_type("#Thing.v1_1_3.Thing")
    assert newer.schema_version == "v1_1_0" and newer.exact


def test_cycle_through_resource_links_does_not_load_every_version():
    docs = {
        "Thing.v1_0_0.json": thing({"Peer": {"$ref": f"{URL}Peer.json#/definitions/Peer"}}),
        "Peer.json": {
            "definitions": {
                "Peer": {
                    "anyOf": [
                        {"$ref": f"{URL}odata-v4.json#/definitions/idRef"},
                        {"$ref": f"{URL}Peer.v1_0_0.json#/definitions/Peer"},
                    ],
                    "uris": ["/redfish/v1/Peers/{PeerId}"],
                }
            }
        },
        "Peer.v1_0_0.json": thing({}),
    }
    source = DictSource(docs, {T: f"{URL}Thing.v1_0_0.json#/definitions/Thing"})
    schema = SchemaLibrary(source).for_type(T)
    assert schema.lookup(["Peer"]).is_link
    assert schema.lookup(["Peer", "@odata.id"]) is not None
    assert not any("Peer.v1_0_0" in uri for uri in source.loads)


def test_parse_helpers():
    assert parse_odata_type("#ComputerSystem.v1_10_0.ComputerSystem").version == "v1_10_0"
    assert parse_odata_type("ComputerSystemCollection.ComputerSystemCollection").version is None
    assert parse_odata_type("#HpeiLO.v2_1_0.HpeiLO").namespace == "HpeiLO"
    assert parse_odata_type("#Foo") is None and parse_odata_type(None) is None
    assert version_tuple("v1_10_0") == (1, 10, 0) and version_tuple("1.0") is None
    assert document_stem("http://x/y/Bios.v1_0_4.json#/d") == ("Bios", "v1_0_4")
    assert document_stem("/redfish/v1/SchemaStore/en/Resource.json/") == ("Resource", None)
