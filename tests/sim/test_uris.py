"""URIs match regardless of case and trailing slash; other spellings get 308 to the canonical."""

from __future__ import annotations

import pytest
import requests

from iloshell.sim.testing import simulate
from tests.conftest import DL325
from tests.sim.conftest import Api


@pytest.mark.parametrize("method", ["GET", "HEAD", "PATCH", "POST", "DELETE"])
def test_non_canonical_spellings_get_308_for_every_method(api, method):
    response = api.request(method, "/redfish/v1/systems/1/?x=1", allow_redirects=False)
    assert response.status_code == 308
    assert response.headers["Location"] == "/redfish/v1/Systems/1?x=1"


def test_the_canonical_spelling_is_the_resources_own_odata_id(api):
    # The built-in data links /redfish/v1/systems/1/bios; iLO's canonical URI has the slash.
    response = api.get("/redfish/v1/Systems/1/Bios", allow_redirects=False)
    assert response.headers["Location"] == "/redfish/v1/systems/1/bios/"
    followed = api.get("/redfish/v1/Systems/1/Bios")
    assert followed.status_code == 200 and followed.url.endswith("/redfish/v1/systems/1/bios/")


def test_clients_that_follow_308_keep_method_and_body(api):
    response = api.patch("/redfish/v1/SYSTEMS/1", {"AssetTag": "followed"})
    assert response.status_code == 200 and response.json()["AssetTag"] == "followed"
    assert response.history[0].status_code == 308


def test_service_root_answers_200_with_and_without_the_slash():
    with simulate(mockup=DL325) as sim:  # this capture spells its root /redfish/v1
        for path in ("/redfish/v1", "/redfish/v1/"):
            response = requests.get(sim.url + path, allow_redirects=False, timeout=5)
            assert response.status_code == 200, path
        moved = requests.get(sim.url + "/REDFISH/V1/", allow_redirects=False, timeout=5)
        assert moved.status_code == 308 and moved.headers["Location"] == "/redfish/v1"


def test_unauthenticated_requests_are_refused_before_any_redirect(sim):
    response = requests.get(sim.url + "/redfish/v1/systems/1/", allow_redirects=False, timeout=5)
    assert response.status_code == 401


def test_no_redirect_serves_every_spelling_directly():
    with simulate(redirect=False) as sim:
        api = Api(sim, auth=(sim.user, sim.password))
        response = api.get("/redfish/v1/systems/1/", allow_redirects=False)
        assert (
            response.status_code == 200 and response.json()["@odata.id"] == "/redfish/v1/Systems/1"
        )
        patched = api.patch("/REDFISH/V1/SYSTEMS/1/", {"AssetTag": "direct"}, allow_redirects=False)
        assert patched.status_code == 200
        assert sim.store.get("/redfish/v1/Systems/1")["AssetTag"] == "direct"


def test_percent_encoded_member_ids_resolve(api):
    inventory = api.get("/redfish/v1/UpdateService/FirmwareInventory").json()
    encoded = [m["@odata.id"] for m in inventory["Members"] if "%" in m["@odata.id"]]
    assert encoded, "the built-in data has percent-encoded member ids"
    for uri in encoded:
        assert api.get(uri, allow_redirects=False).status_code == 200, uri
