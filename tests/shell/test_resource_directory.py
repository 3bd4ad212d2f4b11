"""iLO's ResourceDirectory in find and tree: what only it lists is found, and every resource is
named by its natural path, with or without -maxdepth (the DL325 capture over HTTP)."""

from __future__ import annotations

import json
import shutil

import pytest

from iloshell.sim.testing import simulate
from tests.conftest import DL325
from tests.shell.harness import Shell

DEVICES = "/redfish/v1/Chassis/1/PCIeDevices"


@pytest.fixture(scope="module")
def shell(tmp_path_factory):
    """The DL325 with its PCIe device collection empty, as in captures where only the
    ResourceDirectory still lists the devices; plus a device nothing but the directory names."""
    folder = tmp_path_factory.mktemp("dl325") / "mockup"
    shutil.copytree(DL325, folder, symlinks=True)
    collection = folder / "Chassis" / "1" / "PCIeDevices" / "index.json"
    doc = json.loads(collection.read_text())
    collection.write_text(json.dumps({**doc, "Members": [], "Members@odata.count": 0}))
    device = json.loads((collection.parent / "137" / "index.json").read_text())
    (collection.parent / "231").mkdir()
    extra = {**device, "@odata.id": f"{DEVICES}/231", "Id": "231"}
    (collection.parent / "231" / "index.json").write_text(json.dumps(extra))
    directory = folder / "ResourceDirectory" / "index.json"
    doc = json.loads(directory.read_text())
    for member in ("137", "231", "999"):  # 999: a stale entry, nothing serves it
        entry = {"@odata.id": f"{DEVICES}/{member}", "@odata.type": device["@odata.type"]}
        doc["Instances"].append(entry)
    directory.write_text(json.dumps(doc))
    with simulate(mockup=folder) as sim:
        # The capture itself has a broken link (PlatformCertUpdate/Certificates): a crawl of
        # it is incomplete, which these tests accept.
        running = Shell(sim.url, partial_ok=True)
        yield running
        running.close()


def test_find_lists_devices_only_the_directory_knows_by_their_natural_path(shell):
    found = shell.ok("find / -type PCIeDevice").split()
    assert "/Chassis/1/PCIeDevices/231" in found
    assert "/Chassis/1/PCIeDevices/137" in found
    assert not [path for path in found if "ResourceDirectory" in path]


def test_maxdepth_never_names_a_resource_through_the_directory(shell):
    shallow = shell.ok("find / -type Memory -maxdepth 3").split()
    assert not [path for path in shallow if "ResourceDirectory" in path]
    deep = shell.ok("find / -type Memory").split()
    assert "/Systems/1/Memory/proc1dimm1" in deep
    assert not [path for path in deep if "ResourceDirectory" in path]
    four = shell.ok("find / -type Memory -maxdepth 4").split()
    assert "/Systems/1/Memory/proc1dimm1" in four


def test_tree_shows_the_directory_only_resources_under_their_collection(shell):
    lines = shell.ok("tree /").splitlines()
    at = next(i for i, line in enumerate(lines) if line.lstrip("│├└─ ").startswith("PCIeDevices"))
    below = "\n".join(lines[at + 1 : at + 3])
    assert "137" in below and "231" in below


def test_a_stale_directory_entry_is_a_warning_not_a_gap(shell):
    result = shell.run("find / -type PCIeDevice")
    assert result.code == 0
    stale = [line for line in result.err.splitlines() if "stale ResourceDirectory" in line]
    assert len(stale) == 1 and f"{DEVICES}/999" in stale[0]
    gaps = [line for line in result.err.splitlines() if "incomplete" in line]
    assert gaps and all("/999" not in line for line in gaps)
