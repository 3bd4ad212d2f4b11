"""snapshot --redact on mockups whose ids are serial numbers or MACs: the identities leave
the folder names and every link too, and the copy is still a fully linked mockup."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import requests

from iloshell.sim.testing import simulate
from tests.conftest import BLADED, DL325, RACKMOUNT
from tests.shell.harness import Shell

BLADE_SERIALS = ("529QB9450R6", "529QB9451R6", "529QB9452R6", "529QB9453R6", "528QB1654R1")


def redacted_snapshot(mockup: Path, folder: Path, path: str = "") -> Path:
    with simulate(mockup=mockup) as sim:
        shell = Shell(sim.url)
        result = shell.run(f"snapshot --redact {folder} {path}")
        shell.close()
    assert result.code == 0, result.err
    return folder


def odata_ids(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for name, item in value.items():
            if name == "@odata.id" and isinstance(item, str):
                yield item
            else:
                yield from odata_ids(item)
    elif isinstance(value, list):
        for item in value:
            yield from odata_ids(item)


def broken_links(folder: Path) -> list[str]:
    """Every @odata.id in the folder's files that the folder, served, does not answer."""
    links = {
        uri
        for page in folder.rglob("index.json")
        for uri in odata_ids(json.loads(page.read_text(encoding="utf-8")))
        if uri.startswith("/redfish/v1") and "#" not in uri  # not another service's, a pointer
    }
    assert len(links) > 50
    with simulate(mockup=folder) as copy, requests.Session() as http:
        http.auth = (copy.user, copy.password)
        return sorted(uri for uri in links if http.get(copy.url + uri).status_code != 200)


def mentions(folder: Path, *originals: str) -> list[str]:
    """The files (by path or by content) and folders that still name any of ``originals``."""
    found = []
    for path in folder.rglob("*"):
        text = str(path.relative_to(folder))
        if path.is_file():
            text += path.read_text(encoding="utf-8")
        if any(o.casefold() in text.casefold() for o in originals):
            found.append(text[:200])
    return found


def test_serials_leave_folder_names_and_links_and_the_copy_is_fully_linked(tmp_path):
    folder = redacted_snapshot(BLADED, tmp_path / "bladed")
    assert mentions(folder, *BLADE_SERIALS) == []
    systems = sorted(p.name for p in (folder / "Systems").iterdir() if p.is_dir())
    assert systems == [f"REDACTED000{n}" for n in range(1, 5)]
    blade = json.loads((folder / "Chassis/Blade1/index.json").read_text())
    system = blade["Links"]["ComputerSystems"][0]["@odata.id"]
    assert system.startswith("/redfish/v1/Systems/REDACTED")
    stored = json.loads((folder / system.removeprefix("/redfish/v1/") / "index.json").read_text())
    assert stored["@odata.id"] == system and system.endswith("/" + stored["Id"])
    assert broken_links(folder) == []


def test_macs_in_ids_are_replaced_like_the_macs_they_are(tmp_path):
    folder = redacted_snapshot(RACKMOUNT, tmp_path / "rackmount")
    assert (
        mentions(folder, "437XR1138R2", "12446A3B0411", "12:44:6A:3B:04:11", "12446A3B8890") == []
    )
    nics = folder / "Systems/REDACTED0001/EthernetInterfaces"
    for nic in (p for p in nics.iterdir() if p.name.startswith("0200")):
        body = json.loads((nic / "index.json").read_text())
        assert body["Id"] == nic.name == body["PermanentMACAddress"].replace(":", "")
    assert broken_links(folder) == []


def test_a_partial_snapshot_also_hides_the_serials_its_links_lead_out_to(tmp_path):
    folder = redacted_snapshot(RACKMOUNT, tmp_path / "bmc", "/Managers")
    assert not (folder / "Systems").exists()  # the BMC names the system it manages, nothing more
    assert mentions(folder, "437XR1138R2") == []
    bmc = json.loads((folder / "Managers/BMC/index.json").read_text())
    (system,) = bmc["Links"]["ManagerForServers"]
    assert system["@odata.id"].startswith("/redfish/v1/Systems/REDACTED")


def test_a_redacted_dl325_snapshot_is_as_linked_as_the_original(tmp_path):
    folder = redacted_snapshot(DL325, tmp_path / "dl325")
    # The mockup itself links to a collection it lacks (iLO answered 404 when it was taken).
    assert broken_links(folder) == [
        "/redfish/v1/Managers/1/SecurityService/PlatformCertUpdate/Certificates"
    ]
