"""The navigator on real firmware data: every mockup served by iloshell-sim --mockup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from iloshell.redfish.paths import uri_key
from iloshell.sim.testing import simulate
from tests.conftest import MOCKUPS

from .harness import Shell

NAMES = ["hpe-ilo5-dl325-gen10plus", "dmtf-public-rackmount1", "dmtf-public-bladed"]


def mockup_resources(folder: Path) -> dict[str, str]:
    """uri_key -> URI for every Redfish resource on disk (an index.json with an @odata.type;
    schema and registry documents have none: they are reached by Location, not by links)."""
    found = {}
    for index in folder.rglob("index.json"):
        try:
            body = json.loads(index.read_text(encoding="utf-8"))
        except ValueError:
            continue
        rel = index.parent.relative_to(folder).as_posix()
        uri = "/redfish/v1/" + ("" if rel == "." else rel)
        if isinstance(body, dict) and "@odata.type" in body:
            found[uri_key(uri)] = uri
    return found


def link_targets(folder: Path) -> set[str]:
    """uri_key of every link target written anywhere in the mockup's resources."""
    targets: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                link = key == "@odata.id" and len(node) == 1
                if (link or key == "@Redfish.ActionInfo") and isinstance(value, str):
                    targets.add(uri_key(value))
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                if isinstance(item, dict) and "@odata.id" in item:
                    targets.add(uri_key(item["@odata.id"]))
                walk(item)

    for index in folder.rglob("index.json"):
        try:
            walk(json.loads(index.read_text(encoding="utf-8")))
        except ValueError:
            continue
    return targets


@pytest.fixture(scope="module", params=NAMES)
def mockup(request):
    folder = MOCKUPS / request.param
    with simulate(mockup=str(folder)) as sim:
        # the DL325 capture has a few broken links: find says so, and accepts it here
        shell = Shell(sim.url, workers=16, partial_ok=True)
        yield folder, shell, sim
        shell.close()


def test_find_reaches_every_linked_resource_and_cat_prints_each(mockup):
    folder, shell, _ = mockup
    shell.ctx.settings.json = True
    try:
        found = json.loads(shell.ok("find /"))
    finally:
        shell.ctx.settings.json = False
    reached = {uri_key(item["uri"]) for item in found}
    on_disk = mockup_resources(folder)
    targets = link_targets(folder)
    # Every resource some link points to is found from the root; the others are orphans that
    # only an absolute URI reaches (capture artefacts, example files).
    missed = (set(on_disk) & targets) - reached
    assert not missed, sorted(missed)[:10]
    assert len(reached & set(on_disk)) >= 0.9 * len(on_disk)
    for uri in sorted(on_disk.values()):
        text = shell.ok(f"cat '{uri}'")
        assert text.strip().startswith(("{", "[")), uri
    # and each found path resolves by its logical path too
    for item in found[:200]:
        assert shell.ok(f"cd '{item['path']}'; pwd -u").strip() == item["uri"]


def test_find_by_type_finds_exactly_the_systems(mockup):
    folder, shell, _ = mockup
    systems = {
        uri_key(u)
        for u in mockup_resources(folder).values()
        if uri_key(u).count("/") == 4 and uri_key(u).startswith("/redfish/v1/systems/")
    }
    found = shell.ok("find / -type '*ComputerSystem*'").split()
    resolved = {uri_key(shell.ok(f"cd '{p}'; pwd -u").strip()) for p in found}
    assert resolved == systems


def test_cycles_terminate_and_tree_prints(mockup):
    _, shell, _ = mockup
    out = shell.ok("tree -L 3 /")
    assert out.splitlines()[0].startswith("/")
    assert "Systems/" in out


def test_cd_ls_cat_walk_like_a_filesystem(mockup):
    _, shell, _ = mockup
    out = shell.ok("cd /; cd Systems; ls")
    assert "resource" in out
    member = out.split()[0].rstrip("/")
    assert shell.ok(f"cd /Systems/{member}; cd ..; pwd").strip() == "/Systems"
    assert shell.ok("cd /systems/; pwd").strip() == "/Systems"
