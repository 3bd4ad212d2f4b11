"""PATCH: ETags and If-Match, schema validation before anything is applied, iLO-style answers."""

from __future__ import annotations

import pytest

from iloshell.sim.testing import simulate
from tests.conftest import RACKMOUNT
from tests.sim.conftest import Api, message_ids, message_names

SYSTEM = "/redfish/v1/Systems/1"


def test_etag_header_matches_the_body_and_changes_with_the_resource(api):
    first = api.get(SYSTEM)
    assert first.headers["ETag"] == first.json()["@odata.etag"]
    assert first.headers["ETag"].startswith('W/"')
    assert api.get(SYSTEM).headers["ETag"] == first.headers["ETag"]  # stable without writes
    api.patch(SYSTEM, {"AssetTag": "changed"})
    assert api.get(SYSTEM).headers["ETag"] != first.headers["ETag"]


def test_if_match_with_a_stale_etag_is_412_and_changes_nothing(api, sim):
    etag = api.get(SYSTEM).headers["ETag"]
    assert api.patch(SYSTEM, {"AssetTag": "first"}, headers={"If-Match": etag}).status_code == 200
    stale = api.patch(SYSTEM, {"AssetTag": "second"}, headers={"If-Match": etag})
    assert stale.status_code == 412
    assert message_names(stale) == ["GeneralError"]  # Base 1.4 has no PreconditionFailed
    assert "If-Match" in stale.json()["error"]["@Message.ExtendedInfo"][0]["Message"]
    assert sim.store.get(SYSTEM)["AssetTag"] == "first"


def test_if_match_is_checked_before_the_body(api):
    response = api.request("PATCH", SYSTEM, data=b"{broken", headers={"If-Match": '"never-issued"'})
    assert response.status_code == 412


def test_if_none_match_gives_304(api):
    etag = api.get(SYSTEM).headers["ETag"]
    response = api.get(SYSTEM, headers={"If-None-Match": etag})
    assert response.status_code == 304 and response.content == b""
    assert api.get(SYSTEM, headers={"If-None-Match": 'W/"00000000"'}).status_code == 200


def test_successful_patch_returns_the_resource_and_base_success(api):
    response = api.patch(SYSTEM, {"AssetTag": "RACK-7", "IndicatorLED": "Lit"})
    assert response.status_code == 200
    body = response.json()
    assert body["AssetTag"] == "RACK-7" and body["IndicatorLED"] == "Lit"
    assert message_ids(response) == ["Base.1.4.Success"]
    assert response.headers["ETag"] == body["@odata.etag"]


@pytest.mark.parametrize(
    ("body", "name", "args"),
    [
        ({"SerialNumber": "X"}, "PropertyNotWritable", ["SerialNumber"]),
        ({"NoSuchProperty": 1}, "PropertyUnknown", ["NoSuchProperty"]),
        ({"AssetTag": 42}, "PropertyValueTypeError", ["42", "AssetTag"]),
        ({"IndicatorLED": "Disco"}, "PropertyValueNotInList", ["Disco", "IndicatorLED"]),
        (
            {"Boot": {"BootSourceOverrideTarget": "Floppy"}},
            "PropertyValueNotInList",
            ["Floppy", "Boot/BootSourceOverrideTarget"],
        ),
    ],
)
def test_each_kind_of_bad_property_is_named(api, sim, body, name, args):
    before = api.get(SYSTEM).headers["ETag"]
    response = api.patch(SYSTEM, body)
    assert response.status_code == 400
    entries = response.json()["error"]["@Message.ExtendedInfo"]
    assert [(e["MessageId"], e["MessageArgs"]) for e in entries] == [(f"Base.1.4.{name}", args)]
    assert api.get(SYSTEM).headers["ETag"] == before


def test_one_message_per_bad_property_and_nothing_applied(api, sim):
    response = api.patch(
        SYSTEM, {"AssetTag": "ok", "SerialNumber": "x", "Bogus": 1, "IndicatorLED": "Disco"}
    )
    assert response.status_code == 400
    assert sorted(message_names(response)) == [
        "PropertyNotWritable",
        "PropertyUnknown",
        "PropertyValueNotInList",
    ]
    assert sim.store.get(SYSTEM)["AssetTag"] != "ok"


def test_annotations_only_is_no_operation(api):
    response = api.patch(SYSTEM, {"@odata.id": SYSTEM + "/"})
    assert response.status_code == 400 and message_names(response) == ["NoOperation"]


def test_collections_and_the_root_refuse_patch_with_allow(api):
    for uri, allow in (("/redfish/v1/Systems", "GET, HEAD"), ("/redfish/v1/", "GET, HEAD")):
        response = api.patch(uri, {"Name": "x"})
        assert response.status_code == 405 and response.headers["Allow"] == allow


def test_arrays_follow_redfish_patch_rules(api):
    def boot_order(body):
        response = api.patch(SYSTEM, {"Boot": {"BootOrder": body}})
        assert response.status_code == 200, response.text
        return response.json()["Boot"]["BootOrder"]

    assert boot_order(["Boot0001", "Boot0002", "Boot0003"]) == ["Boot0001", "Boot0002", "Boot0003"]
    assert boot_order([None, "Boot0002"]) == ["Boot0002"]  # null removes, the rest truncates
    assert boot_order([{}, "Boot0005"]) == ["Boot0002", "Boot0005"]  # {} keeps an element


def test_a_write_without_a_schema_is_applied_and_says_so():
    with simulate(mockup=RACKMOUNT) as sim:  # this mockup brings no schemas
        api = Api(sim, auth=(sim.user, sim.password))
        response = api.patch("/redfish/v1/Systems/437XR1138R2", {"AssetTag": "unchecked"})
        assert response.status_code == 200
        messages = response.json()["@Message.ExtendedInfo"]
        assert any("without schema validation" in m.get("Message", "") for m in messages)
