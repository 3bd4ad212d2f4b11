"""Sessions, HTTP Basic, accounts and privileges."""

from __future__ import annotations

import pytest
import requests

from iloshell.sim.testing import ManualClock, simulate
from tests.conftest import RACKMOUNT
from tests.sim.conftest import Api, message_names

SESSIONS = "/redfish/v1/SessionService/Sessions/"
ACCOUNTS = "/redfish/v1/AccountService/Accounts"


def login(api: Api, user="admin", password="password") -> requests.Response:
    return api.post(SESSIONS, {"UserName": user, "Password": password})


def test_login_gives_a_token_a_location_and_the_session(sim):
    api = Api(sim)
    response = login(api)
    assert response.status_code == 201
    token, location = response.headers["X-Auth-Token"], response.headers["Location"]
    assert len(token) == 32 and int(token, 16) >= 0
    body = response.json()
    assert body["@odata.id"] == location and body["UserName"] == "admin" and "Id" in body
    assert sim.stats()["sessions"] == 1
    members = Api(sim, token=token).get(SESSIONS).json()["Members"]
    assert {"@odata.id": location} in members


def test_logout_ends_the_token_at_once(sim):
    api = Api(sim)
    response = login(api)
    session = Api(sim, token=response.headers["X-Auth-Token"])
    assert session.get("/redfish/v1/Systems/1").status_code == 200
    assert session.delete(response.headers["Location"]).status_code == 200
    after = session.get("/redfish/v1/Systems/1")
    assert after.status_code == 401 and message_names(after) == ["NoValidSession"]
    assert sim.stats() == {"requests": {"POST": 1, "GET": 2, "DELETE": 1}, "sessions": 0}


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-Auth-Token": "0" * 32},
        {"Authorization": "Basic YWRtaW46d3Jvbmc="},
        {"Authorization": "Basic !!"},
    ],
    ids=["none", "unknown-token", "wrong-password", "garbled"],
)
def test_unauthenticated_requests_get_401_with_a_body(sim, headers):
    response = requests.get(sim.url + "/redfish/v1/Systems/1", headers=headers, timeout=5)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Basic")
    assert message_names(response) == ["NoValidSession"]


def test_wrong_login_is_401_and_echoes_nothing_secret(sim):
    response = login(Api(sim), password="hunter2-secret")
    assert response.status_code == 401 and "hunter2" not in response.text
    assert "X-Auth-Token" not in response.headers


def test_login_needs_both_names(sim):
    response = Api(sim).post(SESSIONS, {"UserName": "admin"})
    assert response.status_code == 400 and message_names(response) == ["PropertyMissing"]


def test_sessions_expire_after_the_idle_timeout():
    clock = ManualClock()
    with simulate(session_timeout=1, clock=clock) as sim:
        token = login(Api(sim)).headers["X-Auth-Token"]
        session = Api(sim, token=token)
        for _ in range(3):  # use keeps it alive
            clock.advance(0.4)
            assert session.get("/redfish/v1/").status_code == 200
            assert session.get("/redfish/v1/Systems/1").status_code == 200
        clock.advance(1.2)
        assert session.get("/redfish/v1/Systems/1").status_code == 401
        assert sim.stats()["sessions"] == 0


def test_created_accounts_log_in_and_deleted_ones_are_logged_out(api, sim):
    created = api.post(
        ACCOUNTS, {"UserName": "operator1", "Password": "s3cret-pass", "RoleId": "Operator"}
    )
    assert created.status_code == 201
    uri = created.headers["Location"]
    assert created.json()["Password"] is None and "s3cret" not in created.text
    token = login(Api(sim), "operator1", "s3cret-pass").headers["X-Auth-Token"]
    operator = Api(sim, token=token)
    assert operator.get("/redfish/v1/Systems/1").status_code == 200
    assert api.delete(uri).status_code == 200
    assert operator.get("/redfish/v1/Systems/1").status_code == 401
    assert api.get(uri).status_code == 404
    assert {"@odata.id": uri} not in api.get(ACCOUNTS).json()["Members"]


@pytest.mark.parametrize(
    ("body", "status", "names"),
    [
        ({"UserName": "x", "Password": "s3cret-pass"}, 400, ["CreateFailedMissingReqProperties"]),
        (
            {"UserName": "admin", "Password": "s3cret-pass", "RoleId": "ReadOnly"},
            409,
            ["ResourceAlreadyExists"],
        ),
        (
            {"UserName": "x", "Password": "s3cret-pass", "RoleId": "Overlord"},
            400,
            ["PropertyValueNotInList"],
        ),
        (
            {"UserName": "x", "Password": "short", "RoleId": "ReadOnly"},
            400,
            ["PropertyValueFormatError"],
        ),
        (
            {"UserName": 7, "Password": "s3cret-pass", "RoleId": "ReadOnly"},
            400,
            ["PropertyValueTypeError"],
        ),
        (
            {"UserName": "x", "Password": "s3cret-pass", "RoleId": "ReadOnly", "Bogus": 1},
            400,
            ["PropertyUnknown"],
        ),
    ],
)
def test_account_creation_is_validated(api, body, status, names):
    response = api.post(ACCOUNTS, body)
    assert (response.status_code, message_names(response)) == (status, names)
    assert "Location" not in response.headers


def test_privileges_follow_the_role(api, sim):
    api.post(ACCOUNTS, {"UserName": "viewer", "Password": "v1ewer-pass", "RoleId": "ReadOnly"})
    viewer = Api(sim, auth=("viewer", "v1ewer-pass"))
    assert viewer.get("/redfish/v1/Systems/1").status_code == 200
    refused = viewer.patch("/redfish/v1/Systems/1", {"AssetTag": "nope"})
    assert refused.status_code == 403 and message_names(refused) == ["InsufficientPrivilege"]
    assert (
        viewer.post(
            ACCOUNTS, {"UserName": "y", "Password": "s3cret-pass", "RoleId": "ReadOnly"}
        ).status_code
        == 403
    )
    own = viewer.get(ACCOUNTS).json()["Members"][-1]["@odata.id"]
    assert viewer.patch(own, {"RoleId": "Administrator"}).status_code == 403
    assert viewer.patch(own, {"Password": "n3w-viewer-pass"}).status_code == 200
    assert Api(sim, auth=("viewer", "n3w-viewer-pass")).get("/redfish/v1/").status_code == 200
    assert Api(sim, auth=("viewer", "v1ewer-pass")).get("/redfish/v1/Systems").status_code == 401


def test_disabled_accounts_cannot_log_in(api, sim):
    uri = api.post(
        ACCOUNTS, {"UserName": "temp", "Password": "t3mp-pass", "RoleId": "ReadOnly"}
    ).headers["Location"]
    assert api.patch(uri, {"Enabled": False}).status_code == 200
    assert login(Api(sim), "temp", "t3mp-pass").status_code == 401


def test_predefined_roles_cannot_be_changed(api):
    response = api.patch(
        "/redfish/v1/AccountService/Roles/ReadOnly", {"AssignedPrivileges": ["Login"]}
    )
    assert response.status_code == 400 and message_names(response) == ["PropertyNotWritable"]


def test_password_change_required_limits_the_account_until_changed():
    with simulate(mockup=RACKMOUNT) as sim:  # serves Base 1.5, which has PasswordChangeRequired
        admin = Api(sim, auth=(sim.user, sim.password))
        uri = admin.post(
            ACCOUNTS, {"UserName": "newbie", "Password": "f1rst-pass", "RoleId": "Operator"}
        ).headers["Location"]
        assert admin.patch(uri, {"PasswordChangeRequired": True}).status_code == 200
        response = login(Api(sim), "newbie", "f1rst-pass")
        assert response.status_code == 201
        assert message_names(response) == ["PasswordChangeRequired"]
        newbie = Api(sim, token=response.headers["X-Auth-Token"])
        assert newbie.get(uri).status_code == 200
        blocked = newbie.get("/redfish/v1/Systems")
        assert blocked.status_code == 403 and message_names(blocked) == ["PasswordChangeRequired"]
        changed = newbie.patch(uri, {"Password": "s3cond-pass"})
        assert changed.status_code == 200 and changed.json()["PasswordChangeRequired"] is False
        assert (
            Api(sim, auth=("newbie", "s3cond-pass")).get("/redfish/v1/Systems").status_code == 200
        )


def test_session_of_another_user_needs_configure_manager(api, sim):
    api.post(ACCOUNTS, {"UserName": "viewer", "Password": "v1ewer-pass", "RoleId": "ReadOnly"})
    admin_session = login(Api(sim)).headers["Location"]
    viewer = Api(sim, auth=("viewer", "v1ewer-pass"))
    assert viewer.delete(admin_session).status_code == 403
    assert api.delete(admin_session).status_code == 200
