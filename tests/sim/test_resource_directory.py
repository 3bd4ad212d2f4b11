"""The ResourceDirectory (iLO's index of every resource with its ETag) follows the live service."""

from __future__ import annotations

import json

from iloshell.redfish.paths import uri_key
from iloshell.sim import builtin
from iloshell.sim.testing import simulate
from tests.conftest import DL325
from tests.sim.conftest import Api

DIRECTORY = builtin.RESOURCE_DIRECTORY_URI
ACCOUNTS = builtin.ACCOUNTS_URI


def listed(api: Api, etag_key: str = "@odata.etag") -> dict[str, str]:
    """uri_key -> listed ETag."""
    body = api.get(DIRECTORY).json()
    return {uri_key(i["@odata.id"]): i.get(etag_key) for i in body["Instances"]}


def test_a_patch_shows_the_new_etag(api):
    before = listed(api)
    assert api.patch(builtin.SYSTEM_URI, {"AssetTag": "rack-7"}).status_code == 200
    after = listed(api)
    fresh = api.get(builtin.SYSTEM_URI).headers["ETag"]
    assert after[uri_key(builtin.SYSTEM_URI)] == fresh != before[uri_key(builtin.SYSTEM_URI)]


def test_cleared_log_entries_leave_the_directory_and_every_listed_etag_is_current(api):
    service = api.get("/redfish/v1/Managers/1/LogServices/IEL").json()
    entries = api.get(service["Entries"]["@odata.id"]).json()["Members"]
    assert entries
    target = service["Actions"]["#LogService.ClearLog"]["target"]
    assert api.post(target, {}).status_code == 200
    index = listed(api)
    assert not {uri_key(e["@odata.id"]) for e in entries} & set(index)
    for key, etag in index.items():
        response = api.get(key)
        assert response.status_code == 200 and response.headers["ETag"] == etag, key


def test_created_accounts_are_listed_until_deleted_and_the_directory_is_not(api):
    created = api.post(
        ACCOUNTS, {"UserName": "operator2", "Password": "s3cret-pass", "RoleId": "Operator"}
    )
    uri = created.headers["Location"]
    body = api.get(DIRECTORY).json()
    entry = next(i for i in body["Instances"] if uri_key(i["@odata.id"]) == uri_key(uri))
    assert entry["@odata.type"].startswith("#ManagerAccount.")
    assert entry["@odata.etag"] == api.get(uri).headers["ETag"]
    assert uri_key(DIRECTORY) not in {uri_key(i["@odata.id"]) for i in body["Instances"]}
    assert api.delete(uri).status_code == 200
    assert uri_key(uri) not in listed(api)


def test_sessions_are_not_listed(sim, api):
    login = Api(sim).post(builtin.SESSIONS_URI, {"UserName": sim.user, "Password": sim.password})
    assert login.status_code == 201
    assert not [k for k in listed(api) if "/sessions/" in k]


def test_the_directory_etag_changes_with_the_service_and_only_then(api):
    first = api.get(DIRECTORY)
    again = api.get(DIRECTORY, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    api.patch(builtin.SYSTEM_URI, {"AssetTag": "moved"})
    changed = api.get(DIRECTORY, headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200 and changed.json()["@odata.etag"] != first.headers["ETag"]


def test_a_mockups_own_directory_keeps_its_shape_and_follows_writes():
    with simulate(mockup=DL325) as sim:
        api = Api(sim, auth=(sim.user, sim.password))
        root = api.get("/redfish/v1/").json()
        directory = root["Oem"]["Hpe"]["Links"]["ResourceDirectory"]["@odata.id"]
        captured = api.get(directory).json()["Instances"]
        assert all(set(i) == {"@odata.id", "@odata.type", "ETag", "HttpMethods"} for i in captured)
        manager = "/redfish/v1/Managers/1"
        served = {uri_key(i["@odata.id"]): i for i in captured}
        assert served[uri_key(manager)]["ETag"] == api.get(manager).headers["ETag"]
        created = api.post(
            "/redfish/v1/AccountService/Accounts",
            {"UserName": "op3", "Password": "s3cret-pass-3", "RoleId": "Operator"},
        )
        assert created.status_code == 201, created.text
        uri = created.headers["Location"]
        after = {uri_key(i["@odata.id"]): i for i in api.get(directory).json()["Instances"]}
        assert after[uri_key(uri)]["ETag"] == api.get(uri).headers["ETag"]
        assert set(after[uri_key(uri)]["HttpMethods"]) >= {"GET", "PATCH", "DELETE"}
        api.close()


def test_entries_for_resources_a_mockup_never_had_stay_as_captured(tmp_path):
    directory = {
        "@odata.id": "/redfish/v1/ResourceDirectory",
        "@odata.type": "#HpeiLOResourceDirectory.v2_0_0.HpeiLOResourceDirectory",
        "Id": "ResourceDirectory",
        "Name": "Directory",
        "Instances": [
            {"@odata.id": "/redfish/v1/Elsewhere/7", "@odata.type": "#X.v1_0_0.X", "ETag": "W/1"},
            {"@odata.id": "/redfish/v1/Systems", "@odata.type": "#Old.Old", "ETag": "W/2"},
        ],
    }
    files = {
        "index.json": {
            "@odata.id": "/redfish/v1/",
            "@odata.type": "#ServiceRoot.v1_5_0.ServiceRoot",
            "Id": "RootService",
            "Name": "Root",
            "Systems": {"@odata.id": "/redfish/v1/Systems"},
            "Oem": {"Hpe": {"Links": {"ResourceDirectory": {"@odata.id": directory["@odata.id"]}}}},
        },
        "Systems/index.json": {
            "@odata.id": "/redfish/v1/Systems",
            "@odata.type": "#ComputerSystemCollection.ComputerSystemCollection",
            "Name": "Systems",
            "Members": [],
            "Members@odata.count": 0,
        },
        "ResourceDirectory/index.json": directory,
    }
    for name, doc in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(json.dumps(doc))
    with simulate(mockup=tmp_path) as sim:
        api = Api(sim, auth=(sim.user, sim.password))
        first, second = api.get("/redfish/v1/ResourceDirectory").json()["Instances"]
        assert first == directory["Instances"][0]
        systems = api.get("/redfish/v1/Systems")
        assert second["ETag"] == systems.headers["ETag"]
        assert second["@odata.type"] == systems.json()["@odata.type"]
        api.close()
