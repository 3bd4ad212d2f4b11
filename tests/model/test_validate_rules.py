"""Each validation rule on small synthetic schemas of both shapes."""

from __future__ import annotations

import json

import pytest

from iloshell.model import SchemaLibrary, check_document, check_patch
from iloshell.model.validate import fits_types
from iloshell.redfish.resource import json_type
from tests.conftest import REGISTRIES
from tests.model.helpers import DictSource

BASE_1_4 = json.loads((REGISTRIES / "Base.1.4.0.json").read_text())["Messages"]
ANNOTATIONS = {
    "^([a-zA-Z_][a-zA-Z0-9_]*)?@(odata|Redfish|Message)\\.[a-zA-Z_][a-zA-Z0-9_]*$": {
        "type": ["array", "boolean", "integer", "number", "null", "object", "string"]
    }
}
PROPS = {
    "Name": {"type": "string", "readonly": False, "minLength": 2, "maxLength": 8},
    "Count": {"type": "integer", "readonly": False, "minimum": 1, "maximum": 10},
    "Ratio": {"type": ["number", "null"], "readonly": False, "minimum": 0.5},
    "Flag": {"type": "boolean", "readonly": False},
    "Code": {"type": "string", "readonly": False, "pattern": "^[A-Z]{3}$"},
    "Level": {"type": "integer", "enum": [1, 2, 3], "readonly": False},
    "Mode": {"anyOf": [{"$ref": "#/definitions/Mode"}, {"type": "null"}], "readonly": False},
    "Tags": {"type": "array", "items": {"type": "string", "maxLength": 3}, "readonly": False},
    "Modes": {"type": "array", "items": {"$ref": "#/definitions/Mode"}, "readonly": False},
    "Serial": {"type": "string", "readonly": True},
    "Settings": {"$ref": "#/definitions/Settings"},
    "Frozen": {
        "type": "object",
        "readonly": True,
        "properties": {"Inner": {"type": "string", "readonly": True}},
    },
    "Box": {
        "type": "object",
        "readonly": True,
        "properties": {"Open": {"type": "string", "readonly": False}},
    },
    "Items": {"type": "array", "items": {"$ref": "#/definitions/Item"}, "readonly": False},
    "Oem": {"type": "object", "additionalProperties": True, "properties": {}},
}
DMTF_DOC = {
    "definitions": {
        "Thing": {
            "type": "object",
            "additionalProperties": False,
            "patternProperties": ANNOTATIONS,
            "properties": PROPS,
        },
        "Mode": {"type": "string", "enum": ["Fast", "Slow"]},
        "Settings": {
            "type": "object",
            "additionalProperties": False,
            "patternProperties": ANNOTATIONS,
            "properties": {"Speed": {"type": "integer", "readonly": False}},
        },
        "Item": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "Id": {"type": "string", "readonly": True},
                "Size": {"type": "integer", "readonly": False, "maximum": 4},
            },
        },
    }
}


@pytest.fixture(scope="module")
def schema():
    source = DictSource(
        {"Thing.v1_0_0.json": DMTF_DOC},
        {"#Thing.v1_0_0.Thing": "http://x/Thing.v1_0_0.json#/definitions/Thing"},
    )
    return SchemaLibrary(source).for_type("#Thing.v1_0_0.Thing")


def single(found):
    assert len(found) == 1, found
    v = found[0]
    assert v.message in BASE_1_4
    assert len(v.args) == BASE_1_4[v.message]["NumberOfArgs"]
    return v


@pytest.mark.parametrize(
    ("patch", "message", "args"),
    [
        ({"Name": "x"}, "PropertyValueFormatError", ("x", "Name")),
        ({"Name": "ninechars"}, "StringValueTooLong", ("ninechars", "8")),
        ({"Count": 0}, "PropertyValueFormatError", ("0", "Count")),
        ({"Count": 11}, "PropertyValueFormatError", ("11", "Count")),
        ({"Count": 2.5}, "PropertyValueTypeError", ("2.5", "Count")),
        ({"Count": True}, "PropertyValueTypeError", ("true", "Count")),
        ({"Count": "3"}, "PropertyValueTypeError", ("3", "Count")),
        ({"Count": None}, "PropertyValueTypeError", ("null", "Count")),
        ({"Ratio": 0.1}, "PropertyValueFormatError", ("0.1", "Ratio")),
        ({"Flag": 1}, "PropertyValueTypeError", ("1", "Flag")),
        ({"Code": "abc"}, "PropertyValueFormatError", ("abc", "Code")),
        ({"Level": 4}, "PropertyValueNotInList", ("4", "Level")),
        ({"Level": True}, "PropertyValueTypeError", ("true", "Level")),
        ({"Mode": "Medium"}, "PropertyValueNotInList", ("Medium", "Mode")),
        ({"Tags": "a"}, "PropertyValueTypeError", ("a", "Tags")),
        ({"Tags": ["ok", "toolong"]}, "StringValueTooLong", ("toolong", "3")),
        ({"Tags": ["ok", 5]}, "PropertyValueTypeError", ("5", "Tags/1")),
        ({"Modes": ["Fast", "Warp"]}, "PropertyValueNotInList", ("Warp", "Modes/1")),
        ({"Serial": "x"}, "PropertyNotWritable", ("Serial",)),
        ({"Frozen": {"Inner": "x"}}, "PropertyNotWritable", ("Frozen",)),
        ({"Box": {"Open": 5}}, "PropertyValueTypeError", ("5", "Box/Open")),
        ({"Settings": {"Speed": "fast"}}, "PropertyValueTypeError", ("fast", "Settings/Speed")),
        ({"Settings": {"Sped": 1}}, "PropertyUnknown", ("Settings/Sped",)),
        ({"Settings": 3}, "PropertyValueTypeError", ("3", "Settings")),
        ({"Items": [{"Size": 9}]}, "PropertyValueFormatError", ("9", "Items/0/Size")),
        ({"Items": [{"Id": "x"}]}, "PropertyNotWritable", ("Items/0/Id",)),
        ({"Items": [{"Colour": "red"}]}, "PropertyUnknown", ("Items/0/Colour",)),
        ({"@Custom.Thing": 1}, "PropertyUnknown", ("@Custom.Thing",)),
    ],
)
def test_rule(schema, patch, message, args):
    v = single(check_patch(patch, {}, schema))
    assert (v.message, v.args) == (message, args)
    assert v.pointer.startswith("/" + next(iter(patch)))


@pytest.mark.parametrize(
    "patch",
    [
        {"Name": "ok"},
        {"Name": "eightchr"},
        {"Count": 10},
        {"Ratio": 3},  # an integer is a number
        {"Ratio": None},
        {"Mode": None},
        {"Mode": "Fast"},
        {"Level": 2},
        {"Code": "ABC"},
        {"Tags": []},
        {"Box": {"Open": "yes"}},
        {"Settings": {"Speed": 3, "@Redfish.SettingsApplyTime": {"ApplyTime": "OnReset"}}},
        {"Items": [None, {}, {"Size": 4}]},  # PATCH: null removes, {} keeps
        {"Oem": {"Vendor": {"Anything": [1, 2]}}},
        {"@odata.etag": 'W/"x"', "Name@Redfish.AllowableValues": ["a"]},
    ],
)
def test_accepted(schema, patch):
    assert check_patch(patch, {}, schema) == []


def test_allowable_values_at_same_level_and_for_arrays(schema):
    current = {
        "Mode": "Fast",
        "Mode@Redfish.AllowableValues": ["Fast"],
        "Modes@Redfish.AllowableValues": ["Slow"],
        "Settings": {"Speed": 1, "Speed@Redfish.AllowableValues": [1, 2]},
    }
    v = single(check_patch({"Mode": "Slow"}, current, schema))
    assert (v.message, v.args) == ("PropertyValueNotInList", ("Slow", "Mode"))
    assert "this service accepts Fast" in v.reason
    v = single(check_patch({"Modes": ["Slow", "Fast"]}, current, schema))
    assert v.args == ("Fast", "Modes")
    v = single(check_patch({"Settings": {"Speed": 3}}, current, schema))
    assert v.args == ("3", "Settings/Speed")
    assert check_patch({"Settings": {"Speed": 2}}, current, schema) == []
    # True is not 1
    v = single(check_patch({"Settings": {"Speed": True}}, current, None))
    assert v.message == "PropertyValueNotInList"


def test_check_document_ignores_read_only_and_allowable(schema):
    body = {
        "Serial": "A1",
        "Frozen": {"Inner": "x"},
        "Mode": "Fast",
        "Mode@Redfish.AllowableValues": [],
    }
    assert check_document(body, schema) == []
    found = check_document({"Serial": 5, "Unknown": 1, "Items": [None]}, schema)
    assert sorted(v.message for v in found) == [
        "PropertyUnknown",
        "PropertyValueTypeError",
        "PropertyValueTypeError",
    ]


def test_reasons_are_single_clear_sentences(schema):
    patch = {"Mode": "Medium", "Count": 11, "Name": "ninechars", "Serial": "x", "Settng": 1}
    reasons = {v.message: v.reason for v in check_patch(patch, {}, schema)}
    assert (
        reasons["PropertyValueNotInList"]
        == "Mode: 'Medium' is not allowed; choose one of Fast, Slow"
    )
    assert reasons["PropertyValueFormatError"] == "Count: 11 is out of range; allowed 1 to 10"
    assert reasons["StringValueTooLong"] == (
        "Name: the value is 9 characters long; at most 8 are allowed"
    )
    assert reasons["PropertyNotWritable"].startswith("Serial is read-only")
    assert reasons["PropertyUnknown"] == (
        "Settng is not a property of Thing.v1_0_0; did you mean Settings?"
    )


def test_flattened_shape_behaves_the_same():
    flat = {
        "title": "#Flat.v1_0_0.Flat",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "Name": {"type": ["string", "null"], "readonly": False, "maxLength": 4},
            "Serial": {"type": "string", "readonly": True},
            "Mode": {"type": ["string", "null"], "enum": [None, "A", "B"], "readonly": False},
            "Link": {
                "type": "object",
                "readonly": True,
                "properties": {"@odata.id": {"type": "string"}},
            },
        },
    }
    lib = SchemaLibrary(DictSource({"/s/Flat.json": flat}, {"#Flat.v1_0_0.Flat": "/s/Flat.json"}))
    schema = lib.for_type("#Flat.v1_0_0.Flat")
    assert schema.lookup(["Link"]).is_link
    assert check_patch({"Name": None, "Mode": None, "@odata.etag": "x"}, {}, schema) == []
    messages = [
        v.message
        for v in check_patch({"Name": "toolong", "Serial": "x", "Mode": "C", "X": 1}, {}, schema)
    ]
    assert messages == [
        "StringValueTooLong",
        "PropertyNotWritable",
        "PropertyValueNotInList",
        "PropertyUnknown",
    ]


def test_json_type_helpers():
    assert [json_type(v) for v in (None, True, 1, 1.5, "s", [], {})] == [
        "null",
        "boolean",
        "integer",
        "number",
        "string",
        "array",
        "object",
    ]
    assert fits_types(3, ("number",)) and not fits_types(3.0, ("integer",))
    assert not fits_types(True, ("integer", "number")) and fits_types(True, ("boolean",))


def test_reason_hints_and_long_values(schema):
    v = single(check_patch({"Mode": "fast"}, {}, schema))
    assert v.reason.endswith("(did you mean Fast?)")
    current = {"Mode@Redfish.AllowableValues": ["Slow"]}
    assert single(check_patch({"Mode": "SLOW"}, current, schema)).reason.endswith(
        "(did you mean Slow?)"
    )
    v = single(check_patch({"Code": "X" * 500}, {}, schema))
    assert len(v.reason) < 200 and "(500 characters)" in v.reason
    assert v.args[0] == "X" * 500  # the MessageArg keeps the value as sent
