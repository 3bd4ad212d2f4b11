"""--mockup serves every resource of every shared mockup, quirks and all."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from iloshell.sim.mockup import MockupError, load_mockup
from iloshell.sim.testing import simulate
from tests.conftest import BLADED, DL325, DMTF_SCHEMAS, RACKMOUNT
from tests.sim.conftest import Api, message_names


def _folder_uris(root: Path) -> list[str]:
    """The URI of every index.json folder, spelled as on disk (the folder *is* /redfish/v1)."""
    uris = []
    for directory, _dirs, files in os.walk(root):
        if "index.json" in files:
            relative = Path(directory).relative_to(root).as_posix()
            uris.append("/redfish/v1" if relative == "." else f"/redfish/v1/{relative}")
    return sorted(uris)


@pytest.mark.parametrize("mockup", [DL325, RACKMOUNT, BLADED], ids=lambda p: p.name)
def test_every_index_json_is_served(mockup):
    with simulate(mockup=mockup) as sim:
        api = Api(sim, auth=(sim.user, sim.password))
        failures = []
        for uri in _folder_uris(mockup):
            response = api.get(uri)  # follows 308s, as clients must
            if response.status_code != 200:
                failures.append((uri, response.status_code))
        assert not failures
        api.close()


def test_stored_quirks_of_the_ilo_capture_are_served_as_captured(dl325_api):
    # A stored error body served as a resource, with status 200, as the capture was made.
    advisor = dl325_api.get("/redfish/v1/Systems/1/WorkloadPerformanceAdvisor")
    assert advisor.status_code == 200 and advisor.json()["error"]["code"] == "iLO.0.10.ExtendedInfo"
    # SchemaStore files say "@odata.id": "ComputerSystem": served at their folder path.
    schema = dl325_api.get("/redfish/v1/SchemaStore/en/ComputerSystem.json")
    assert schema.status_code == 200 and "properties" in schema.json()
    # Lower-case links of the capture reach the capitalised folders.
    assert dl325_api.get("/redfish/v1/registrystore/registries/en/Base.json").status_code == 200
    # Stored session members are listed, but only live sessions count.
    sessions = dl325_api.get("/redfish/v1/SessionService/Sessions").json()
    assert sessions["Members@odata.count"] == 3
    assert dl325_api.sim.stats()["sessions"] == 0


def test_the_tall_form_and_escaped_folder_names(tmp_path):
    root = tmp_path / "redfish" / "v1"
    member = root / "Chassis" / "1" / "Power" / "PowerSupplies" / "Power%20Supply%20%231"
    member.mkdir(parents=True)
    (root / "index.json").write_text(
        json.dumps(
            {
                "@odata.id": "/redfish/v1/",
                "@odata.type": "#ServiceRoot.v1_5_0.ServiceRoot",
                "Id": "RootService",
            }
        )
    )
    uri = "/redfish/v1/Chassis/1/Power/PowerSupplies/Power%20Supply%20%231"
    (member / "index.json").write_text(
        json.dumps(
            {
                "@odata.id": uri,
                "@odata.type": "#PowerSupply.v1_0_0.PowerSupply",
                "Id": "Power Supply #1",
            }
        )
    )
    (root / "stray.txt").write_text("not a resource")
    loaded = load_mockup(tmp_path)
    assert set(loaded.resources) == {"/redfish/v1/", uri}
    with simulate(mockup=tmp_path) as sim:
        api = Api(sim, auth=(sim.user, sim.password))
        response = api.get(uri, allow_redirects=False)
        assert response.status_code == 200 and response.json()["Id"] == "Power Supply #1"
        # A mockup without a Base registry gets the built-in one, so errors still resolve.
        missing = api.get("/redfish/v1/Nothing")
        assert message_names(missing) == ["ResourceMissingAtURI"]
        registries = api.get("/redfish/v1/Registries").json()["Members"]
        assert registries and api.get(registries[0]["@odata.id"]).json()["Registry"].startswith(
            "Base."
        )
        assert any("Base" in note for note in sim.notes)


def test_not_a_mockup_is_a_clear_error(tmp_path):
    with pytest.raises(MockupError, match="not a mockup"):
        load_mockup(tmp_path)
    with pytest.raises(MockupError, match="does not exist"):
        load_mockup(tmp_path / "nowhere")


def test_schemas_dir_validates_and_is_served_when_the_mockup_has_none():
    with simulate(mockup=RACKMOUNT, schemas=DMTF_SCHEMAS) as sim:
        api = Api(sim, auth=(sim.user, sim.password))
        collection = api.get("/redfish/v1/JsonSchemas").json()
        names = {m["@odata.id"].rsplit("/", 1)[-1] for m in collection["Members"]}
        assert "ComputerSystem.v1_27_0" in names and "Resource.json" not in names
        assert len(names) < 530  # only what the served types need
        member = api.get("/redfish/v1/JsonSchemas/ComputerSystem.v1_27_0").json()
        assert (
            api.get(member["Location"][0]["Uri"]).json()["title"]
            == "#ComputerSystem.v1_27_0.ComputerSystem"
        )
        refused = api.patch("/redfish/v1/Systems/437XR1138R2", {"SerialNumber": "x"})
        assert refused.status_code == 400 and message_names(refused) == ["PropertyNotWritable"]
