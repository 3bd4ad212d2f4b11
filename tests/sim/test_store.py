"""The store: Redfish PATCH merge rules, one resource per identity, copy-on-write, --state files."""

from __future__ import annotations

import json
import stat

import pytest

from iloshell.model.patch import merge_patch
from iloshell.sim.etag import etag_of
from iloshell.sim.store import StateFileError, Store, load_state, save_state


def test_merge_patch_objects_merge_and_null_sets_null():
    current = {"A": 1, "B": {"C": 2, "D": 3}}
    assert merge_patch(current, {"B": {"C": 9}, "E": None}) == {
        "A": 1,
        "B": {"C": 9, "D": 3},
        "E": None,
    }
    assert current == {"A": 1, "B": {"C": 2, "D": 3}}  # never modified in place


def test_merge_patch_arrays_follow_redfish_rules():
    current = ["a", "b", "c"]
    assert merge_patch(current, [None, "x"]) == ["x"]  # null removes, the rest truncates
    assert merge_patch(current, [{}, "x"]) == ["a", "x"]  # {} keeps the element
    assert merge_patch([{"P": 1, "Q": 2}], [{"Q": 3}]) == [{"P": 1, "Q": 3}]
    assert merge_patch(current, ["x", "y", "z", "w"]) == ["x", "y", "z", "w"]


def test_one_resource_whatever_the_spelling():
    store = Store({"/redfish/v1/systems/1/bios/": {"@odata.id": "/redfish/v1/systems/1/bios/"}})
    for spelling in (
        "/redfish/v1/Systems/1/Bios",
        "/redfish/v1/systems/1/bios/",
        "/REDFISH/v1/SYSTEMS/1/BIOS",
    ):
        assert spelling in store
        assert store.canonical(spelling) == "/redfish/v1/systems/1/bios/"
    assert len(store) == 1


def test_writes_are_copy_on_write_and_change_the_etag():
    doc = {
        "@odata.id": "/redfish/v1/Systems/1",
        "@odata.type": "#ComputerSystem.v1_10_0.ComputerSystem",
        "AssetTag": "a",
    }
    store = Store({"/redfish/v1/Systems/1": doc})
    etag, body = store.rendered("/redfish/v1/Systems/1")
    assert etag == etag_of(doc) and json.loads(body)["@odata.etag"] == etag
    store.patch("/redfish/v1/systems/1/", {"AssetTag": "b"})
    assert doc["AssetTag"] == "a"  # the old document a reader may hold is untouched
    assert store.get("/redfish/v1/Systems/1")["AssetTag"] == "b"
    assert store.etag("/redfish/v1/Systems/1") != etag


def test_documents_without_odata_id_get_no_odata_etag_property():
    store = Store({"/redfish/v1/SchemaStore/en/X.json": {"title": "X"}})
    etag, body = store.rendered("/redfish/v1/SchemaStore/en/X.json")
    assert etag.startswith('W/"') and "@odata.etag" not in json.loads(body)


def test_members_keep_the_count_true():
    store = Store({"/c": {"@odata.id": "/c", "Members": [], "Members@odata.count": 0}})
    store.add_member("/c", "/c/1")
    store.add_member("/c", "/c/2")
    store.remove_member("/C/", "/c/1/")
    assert store.get("/c")["Members"] == [{"@odata.id": "/c/2"}]
    assert store.get("/c")["Members@odata.count"] == 1


def test_changes_replay_onto_fresh_data():
    base = {"/a": {"@odata.id": "/a", "V": 1}, "/b": {"@odata.id": "/b"}}
    store = Store(base)
    store.patch("/a", {"V": 2})
    store.remove("/b")
    store.put("/c", {"@odata.id": "/c"})
    again = Store(base)
    again.apply_changes(store.changes())
    assert again.get("/a")["V"] == 2 and "/b" not in again and "/c" in again


def test_state_file_is_private_and_written_atomically(tmp_path):
    path = tmp_path / "state.json"
    save_state(path, {"resources": {"/a": {"V": 1}}})
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_state(path)["resources"] == {"/a": {"V": 1}}
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]  # no temp file left behind


def test_state_file_errors_say_what_to_do(tmp_path):
    assert load_state(tmp_path / "missing.json") is None
    (tmp_path / "bad.json").write_text("{oops")
    with pytest.raises(StateFileError, match="not JSON"):
        load_state(tmp_path / "bad.json")
    (tmp_path / "other.json").write_text('{"something": "else"}')
    with pytest.raises(StateFileError, match="not an iloshell-sim state file"):
        load_state(tmp_path / "other.json")
