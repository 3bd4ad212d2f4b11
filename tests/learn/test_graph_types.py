"""types (from HPE's ResourceDirectory, or from what was read) and graph (DOT, and Graphviz)."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from iloshell.render.dot import Edge, Node, quote, to_dot
from iloshell.sim.testing import simulate
from tests.conftest import RACKMOUNT
from tests.shell.harness import Shell

SHELL = {"assume_yes": True}

EDGE = re.compile(r"^  (n\d+) -> (n\d+)(?: \[(.*)\])?;$")
NODE = re.compile(r'^  (n\d+) \[label="([^"]*)", tooltip="([^"]*)"')


def test_types_come_from_the_resource_directory_and_work_with_find(shell, sim):
    out = shell.ok("types")
    rows = dict(reversed(line.split()) for line in out.splitlines())
    assert rows["#ComputerSystem.v1_10_0.ComputerSystem"] == "1"
    assert int(rows["#Memory.v1_7_1.Memory"]) > 1
    assert "ResourceDirectory" in shell.run("types").err
    assert sim.stats()["requests"]["GET"] < 20  # one index, not a crawl
    memory = shell.ok("types Memory")
    assert memory.split() == [rows["#Memory.v1_7_1.Memory"], "#Memory.v1_7_1.Memory"]
    found = shell.ok("find /Systems/1 -type '#Memory.v1_7_1.Memory'").split()
    assert len(found) == int(rows["#Memory.v1_7_1.Memory"])
    assert shell.run("types NoSuchType").code == 1


def test_types_without_a_directory_count_what_was_read():
    with simulate(mockup=RACKMOUNT) as sim:
        shell = Shell(sim.url, json=True)
        before = {row["name"] for row in json.loads(shell.ok("types"))}
        assert "Chassis" not in before
        shell.ok("find / -type Chassis")
        after = json.loads(shell.ok("types"))
        assert any(row["name"] == "Chassis" and row["count"] >= 1 for row in after)
        shell.ctx.settings.json = False
        assert "read so far" in shell.run("types").err
        shell.close()


def parse_dot(text: str) -> tuple[dict[str, tuple[str, str]], list[tuple[str, str, str]]]:
    nodes, edges = {}, []
    for line in text.splitlines():
        if m := NODE.match(line):
            nodes[m[1]] = (m[2], m[3])
        elif m := EDGE.match(line):
            edges.append((m[1], m[2], m[3] or ""))
    return nodes, edges


def test_the_graph_draws_each_resource_and_each_link_once(shell):
    text = shell.ok("graph /")
    assert text.startswith('digraph "/" {')
    nodes, edges = parse_dot(text)
    by_uri = {uri: node for node, (_, uri) in nodes.items()}
    assert len(by_uri) == len(nodes)  # every resource once
    assert len({(a, b) for a, b, _ in edges}) == len(edges)  # every link once
    system, manager = by_uri["/redfish/v1/Systems/1"], by_uri["/redfish/v1/Managers/1"]
    sideways = [e for e in edges if e[:2] == (system, manager)]
    assert len(sideways) == 1 and "style=dashed" in sideways[0][2]
    assert 'label="Links/ManagedBy/0"' in sideways[0][2]
    assert nodes[system][0] == "1\\nComputerSystem"
    collection = next(
        line
        for line in text.splitlines()
        if line.startswith(f"  {by_uri['/redfish/v1/Systems']} [")
    )
    assert "shape=folder" in collection
    solid = [e for e in edges if "dashed" not in e[2]]
    assert len(solid) == len(nodes) - 1  # a tree: every node but the start reached once


def test_depth_and_files(shell, tmp_path, monkeypatch):
    text = shell.ok("graph -L 1 /Systems/1")
    nodes, edges = parse_dot(text)
    assert nodes["n0"][0] == "/Systems/1\\nComputerSystem"
    assert "ResetActionInfo\\nActionInfo" in {label for label, _ in nodes.values()}
    assert len(nodes) == len(edges) + 1
    target = tmp_path / "system.dot"
    result = shell.run(f"graph -L 1 /Systems/1 -o {target}")
    assert result.code == 0 and target.read_text() == text
    assert f"wrote {target}" in result.err
    bad = shell.run(f"graph -o {tmp_path / 'x.jpeg'}")
    assert bad.code == 2 and ".dot, .svg, .png or .pdf" in bad.err
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot program anywhere
    missing = shell.run(f"graph -L 1 -o {tmp_path / 'x.svg'}")
    assert missing.code == 1
    assert "apt-get install graphviz" in missing.err and "brew install graphviz" in missing.err
    assert not (tmp_path / "x.svg").exists()


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_svg_through_graphviz(shell, tmp_path):
    target = tmp_path / "g.svg"
    assert shell.run(f"graph -L 2 / -o {target}").code == 0
    assert "<svg" in target.read_text()


def test_dot_text_quotes_and_styles():
    nodes = [Node("n0", 'a"b', "T", "/x"), Node("n1", "c", None, "/x/c", collection=True)]
    text = to_dot(nodes, [Edge("n0", "n1"), Edge("n1", "n0", "Links/Up", tree=False)], "t")
    assert 'n0 [label="a\\"b\\nT", tooltip="/x"];' in text
    assert "shape=folder" in text.splitlines()[5]
    assert "  n0 -> n1;" in text
    assert '  n1 -> n0 [label="Links/Up", style=dashed, constraint=false];' in text
    assert quote("back\\slash") == '"back\\\\slash"'
