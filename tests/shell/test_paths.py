"""Pure path logic: URI identity, fragments, segments, walking one step."""

import pytest

from iloshell.redfish.paths import is_below, pointer_text, split_fragment, uri_key
from iloshell.redfish.resource import COLLECTION, LINK, OBJECT, VALUE, entries, is_link, links_in
from iloshell.redfish.walk import PathError, split_path, step


def test_uri_key_ignores_case_slash_fragment_and_escapes():
    assert uri_key("/redfish/v1/systems/1/bios/") == uri_key("/redfish/v1/Systems/1/Bios")
    assert uri_key("/redfish/v1/Chassis/1/Thermal#/Fans/0") == uri_key(
        "/redfish/v1/Chassis/1/Thermal"
    )
    assert uri_key("/redfish/v1/X/a%23b") == uri_key("/redfish/v1/X/A#b".replace("#", "%23"))
    assert uri_key("https://h:443/redfish/v1/") == "/redfish/v1"
    escaped = "/redfish/v1/UpdateService/FirmwareInventory/Power%20Supply%20%231"
    assert uri_key(uri_key(escaped)) == uri_key(escaped) == uri_key(escaped.replace("%20", " "))
    assert uri_key("/a/%7Eb") == uri_key("/a/~b")


def test_split_fragment_both_spellings():
    assert split_fragment("/T#/Fans/0") == ("/T", ("Fans", "0"))
    assert split_fragment("/T#Fans/0") == ("/T", ("Fans", "0"))
    assert split_fragment("/T#") == ("/T", ())
    assert split_fragment("/T#/a~1b") == ("/T", ("a/b",))


def test_pointer_text_escapes():
    assert pointer_text(("a/b", "c~d")) == "/a~1b/c~0d"


def test_is_below():
    assert is_below("/redfish/v1/Systems/1/Bios", "/redfish/v1/systems/1/")
    assert not is_below("/redfish/v1/Systems/10", "/redfish/v1/Systems/1")
    assert not is_below("/redfish/v1/Managers/1", "/redfish/v1/Systems/1")


def test_split_path_kinds():
    assert split_path("/redfish/v1/Systems/1") == ("/redfish/v1/Systems/1", True, [])
    assert split_path("/REDFISH/v1/") == ("/REDFISH/v1/", True, [])
    assert split_path("/redfishy/x") == (None, True, ["redfishy", "x"])
    assert split_path("/Systems/1/") == (None, True, ["Systems", "1"])
    assert split_path("Boot/a~1b") == (None, False, ["Boot", "a/b"])


BODY = {
    "@odata.id": "/redfish/v1/Systems/1",
    "Bios": {"@odata.id": "/redfish/v1/systems/1/bios"},
    "Boot": {"BootSourceOverrideTarget": "None"},
    "bootx": 1,
    "Links": {"ManagedBy": [{"@odata.id": "/redfish/v1/Managers/1"}]},
    "Fans": [{"@odata.id": "/redfish/v1/Chassis/1/Thermal#/Fans/0", "Reading": 5}],
}
COLLECTION_BODY = {
    "@odata.id": "/redfish/v1/SessionService/Sessions",
    "Members": [{"@odata.id": "/redfish/v1/SessionService/Sessions/admin%23abc"}],
    "Members@odata.count": 1,
}


def test_step_exact_then_case_insensitive():
    assert step(BODY, "Boot", top_level=True).target is None
    assert step(BODY, "boot", top_level=True).name == "Boot"
    assert step(BODY, "BIOS", top_level=True).target == "/redfish/v1/systems/1/bios"


def test_step_members_by_id_escaped_or_not():
    assert step(COLLECTION_BODY, "admin%23abc", top_level=True).name == "admin%23abc"
    assert step(COLLECTION_BODY, "admin#abc", top_level=True).name == "admin%23abc"
    with pytest.raises(PathError):
        step(COLLECTION_BODY, "Members", top_level=True)


def test_step_arrays_and_links_inside():
    managed = BODY["Links"]["ManagedBy"]
    assert step(managed, "0", top_level=False).target == "/redfish/v1/Managers/1"
    assert step(BODY["Fans"], "0", top_level=False).target is None  # embedded, not a link
    with pytest.raises(PathError, match=r"index 0\.\.0"):
        step(managed, "x", top_level=False)
    with pytest.raises(PathError, match="out of range"):
        step(managed, "3", top_level=False)


def test_step_unknown_suggests_nearest():
    with pytest.raises(PathError, match="did you mean Bios"):
        step(BODY, "Bois", top_level=True)


def test_step_into_a_value_says_so():
    with pytest.raises(PathError, match="a string"):
        step("None", "x", top_level=False)


def test_entries_classify():
    kinds = {e.name: e.kind for e in entries(BODY, top_level=True)}
    assert kinds["Bios"] == LINK and kinds["Boot"] == OBJECT and kinds["bootx"] == VALUE
    known = entries(BODY, top_level=True, kind_of=lambda uri: COLLECTION)
    assert {e.name: e.kind for e in known}["Bios"] == COLLECTION
    members = entries(COLLECTION_BODY, top_level=True)
    assert members[0].member and members[0].name == "admin%23abc"


def test_is_link_allows_annotations_only():
    assert is_link({"@odata.id": "/x", "@odata.type": "#A"})
    assert not is_link({"@odata.id": "/x#/Fans/0", "Reading": 1})
    assert not is_link({"@odata.id": 5})


def test_links_in_names_members_by_id():
    found = dict(links_in(COLLECTION_BODY))
    assert found == {("admin%23abc",): "/redfish/v1/SessionService/Sessions/admin%23abc"}
    found = dict(links_in(BODY))
    assert found[("Links", "ManagedBy", "0")] == "/redfish/v1/Managers/1"
    assert ("Fans", "0") not in found


def test_json_output_escapes_c1_controls_and_stays_json():
    import json

    from iloshell.render.jsontext import dumps

    text = dumps({"Name": "x\x9b31m\x7f é"})
    assert "\x9b" not in text and "\x7f" not in text and "é" in text
    assert json.loads(text) == {"Name": "x\x9b31m\x7f é"}
