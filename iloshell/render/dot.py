"""The link graph as Graphviz DOT, for ``graph``.

Resources are boxes labelled with their name and type, collections are folders; the links
the crawl first reached each resource by (the tree ``tree`` draws) are solid, every other link
between the drawn resources (``Links/ManagedBy``, ``Links/Chassis``, a second way to the same
resource: the graph's cycles) is dashed. Each edge appears once. Pure text, no Graphviz needed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    type: str | None
    uri: str
    collection: bool = False


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str = ""
    tree: bool = True  # False: a sideways link (Links/..., or another way to a known node)


def quote(text: str) -> str:
    """A DOT string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(nodes: Sequence[Node], edges: Sequence[Edge], title: str = "redfish") -> str:
    lines = [
        f"digraph {quote(title)} {{",
        "  rankdir=LR;",
        '  node [shape=box, style="rounded,filled", fillcolor="#f4f4f4", fontname="Helvetica"];',
        '  edge [color="#555555", fontname="Helvetica", fontsize=10];',
    ]
    for node in nodes:
        label = node.name + (f"\n{node.type}" if node.type else "")
        attrs = [f"label={quote(label)}", f"tooltip={quote(node.uri)}"]
        if node.collection:
            attrs += ["shape=folder", 'fillcolor="#dcebf7"']
        lines.append(f"  {node.id} [{', '.join(attrs)}];")
    for edge in edges:
        attrs = [f"label={quote(edge.label)}"] if edge.label else []
        if not edge.tree:
            attrs += ["style=dashed", "constraint=false"]
        suffix = f" [{', '.join(attrs)}]" if attrs else ""
        lines.append(f"  {edge.source} -> {edge.target}{suffix};")
    lines.append("}")
    return "\n".join(lines) + "\n"
