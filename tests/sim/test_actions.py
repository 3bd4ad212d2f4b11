"""Actions and the other POSTs and DELETEs: what they change, and what they refuse."""

from __future__ import annotations

import json

import pytest

from iloshell.sim.testing import simulate
from tests.sim.conftest import Api, message_names

SYSTEM = "/redfish/v1/Systems/1"
RESET = "/redfish/v1/Systems/1/Actions/ComputerSystem.Reset"


def test_reset_changes_the_power_state(api):
    assert api.post(RESET, {"ResetType": "ForceOff"}).status_code == 200
    assert api.get(SYSTEM).json()["PowerState"] == "Off"
    assert api.post(RESET, {"ResetType": "PushPowerButton"}).status_code == 200
    assert api.get(SYSTEM).json()["PowerState"] == "On"


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ({}, "ActionParameterMissing"),
        ({"ResetType": "Explode"}, "ActionParameterValueFormatError"),
        ({"ResetType": 3}, "ActionParameterValueTypeError"),
        ({"ResetType": "On", "Delay": 5}, "ActionParameterUnknown"),
    ],
)
def test_reset_parameters_are_checked(api, body, name):
    response = api.post(RESET, body)
    assert response.status_code == 400 and name in message_names(response)
    assert api.get(SYSTEM).json()["PowerState"] == "On"


def test_unknown_actions_are_400(api):
    response = api.post(SYSTEM + "/Actions/ComputerSystem.SelfDestruct", {})
    assert response.status_code == 400 and message_names(response) == ["ActionNotSupported"]


def test_action_targets_only_take_post(api):
    response = api.get(RESET)
    assert response.status_code == 405 and response.headers["Allow"] == "POST"


def test_clear_log_empties_the_entries(api, sim):
    service = api.get("/redfish/v1/Managers/1/LogServices/IEL").json()
    entries = service["Entries"]["@odata.id"]
    first = api.get(entries).json()["Members"][0]["@odata.id"]
    target = service["Actions"]["#LogService.ClearLog"]["target"]
    assert api.post(target, {}).status_code == 200
    after = api.get(entries).json()
    assert after["Members"] == [] and after["Members@odata.count"] == 0
    assert api.get(first).status_code == 404


def test_manager_reset_is_accepted(api):
    target = api.get("/redfish/v1/Managers/1").json()["Actions"]["#Manager.Reset"]["target"]
    response = api.post(target, {"ResetType": "GracefulRestart"})
    assert response.status_code == 200 and message_names(response) == ["Success"]


def test_post_and_delete_where_not_allowed_are_405_with_allow(api):
    post = api.post(SYSTEM, {})
    assert post.status_code == 405 and post.headers["Allow"] == "GET, HEAD, PATCH"
    delete = api.delete("/redfish/v1/Systems")
    assert delete.status_code == 405 and delete.headers["Allow"] == "GET, HEAD"
    assert message_names(delete) == ["ActionNotSupported"]


def test_event_subscriptions_are_created_validated_and_deleted(api):
    collection = "/redfish/v1/EventService/Subscriptions"
    created = api.post(
        collection,
        {"Destination": "https://listener.example/events", "Protocol": "Redfish", "Context": "t"},
    )
    assert created.status_code == 201
    uri = created.headers["Location"]
    assert api.get(uri).json()["Destination"] == "https://listener.example/events"
    bad = api.post(collection, {"Destination": "https://x.example/", "Protocol": "FTP"})
    assert bad.status_code == 400 and message_names(bad) == ["PropertyValueNotInList"]
    assert api.delete(uri).status_code == 200 and api.get(uri).status_code == 404


def test_post_to_a_collections_members_creates_too(api, sim):
    response = api.post(
        "/redfish/v1/SessionService/Sessions/Members", {"UserName": "admin", "Password": "password"}
    )
    assert response.status_code == 201 and sim.stats()["sessions"] == 1


def test_parameters_nothing_describes_are_accepted_with_a_note(tmp_path):
    system = {
        "@odata.id": "/redfish/v1/Systems/1",
        "@odata.type": "#ComputerSystem.v1_0_0.ComputerSystem",
        "PowerState": "On",
        "Actions": {
            "#ComputerSystem.Reset": {
                "target": "/redfish/v1/Systems/1/Actions/ComputerSystem.Reset"
            }
        },
    }
    root = {"@odata.id": "/redfish/v1/", "@odata.type": "#ServiceRoot.v1_0_0.ServiceRoot"}
    (tmp_path / "Systems" / "1").mkdir(parents=True)
    (tmp_path / "index.json").write_text(json.dumps(root))
    (tmp_path / "Systems" / "1" / "index.json").write_text(json.dumps(system))
    with simulate(mockup=tmp_path) as sim:
        api = Api(sim, auth=(sim.user, sim.password))
        response = api.post(RESET, {"ResetType": "ForceOff"})
        assert response.status_code == 200
        notes = [m["Message"] for m in response.json()["@Message.ExtendedInfo"]]
        assert any("not validated" in note for note in notes)
        assert sim.store.get("/redfish/v1/Systems/1")["PowerState"] == "Off"
