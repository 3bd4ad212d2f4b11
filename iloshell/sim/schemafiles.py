"""Serve DMTF schema files from ``--schemas DIR`` when a mockup brings no JsonSchemas of its own.

A client validates against what the service serves, so the simulator publishes the schema files
it validates with: a JsonSchemas collection of JsonSchemaFile resources, each pointing at the
file under ``/redfish/v1/SchemaStore/en/`` (iLO's layout). Only the files the served types need
are listed: for each type its versioned file, then every definition that file references,
transitively. A reference to another resource's main definition (a link) adds that unversioned
file without following it, which keeps ComputerSystem from dragging in every Chassis version.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from iloshell.sim.resources import namespace, type_version

DMTF_PREFIX = "http://redfish.dmtf.org/schemas/v1/"
SCHEMA_FILES = "/redfish/v1/SchemaStore/en"
COLLECTION = "/redfish/v1/JsonSchemas"
_VERSIONED = re.compile(r"^(?P<ns>[A-Za-z0-9_]+)\.v(?P<major>\d+)_(?P<minor>\d+)_(?P<errata>\d+)$")


class SchemaFolder:
    """The schema files of one folder, loaded on demand."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.names = {p.name: p for p in self.folder.glob("*.json") if p.is_file()}
        self._docs: dict[str, dict | None] = {}

    def doc(self, name: str) -> dict | None:
        if name not in self._docs:
            path = self.names.get(name)
            try:
                loaded = json.loads(path.read_text(encoding="utf-8")) if path else None
            except (OSError, ValueError):
                loaded = None
            self._docs[name] = loaded if isinstance(loaded, dict) else None
        return self._docs[name]

    def versioned_file(self, space: str, version: str | None) -> str | None:
        """The file for ``space`` at ``version``: exact, else the nearest errata or later minor."""
        if version is None:
            return f"{space}.json" if f"{space}.json" in self.names else None
        exact = f"{space}.{version}.json"
        if exact in self.names:
            return exact
        wanted = tuple(int(p) for p in version[1:].split("_"))
        candidates = []
        for name in self.names:
            found = _VERSIONED.match(name[:-5])
            if found and found["ns"] == space:
                have = (int(found["major"]), int(found["minor"]), int(found["errata"]))
                if have[0] == wanted[0] and have[:2] >= wanted[:2]:
                    candidates.append((have, name))
        return min(candidates)[1] if candidates else None


def _refs(node: object) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            found.append(ref)
        for value in node.values():
            found += _refs(value)
    elif isinstance(node, list):
        for value in node:
            found += _refs(value)
    return found


def _walk(doc: dict, pointer: str) -> object:
    node: object = doc
    for part in [p for p in pointer.split("/") if p]:
        node = node.get(part) if isinstance(node, dict) else None
    return node


def needed_files(folder: SchemaFolder, odata_types: set[str]) -> set[str]:
    """The schema files that describe ``odata_types`` completely, and nothing else."""
    files: set[str] = set()
    todo: list[tuple[str, str]] = []
    for odata_type in odata_types:
        doc = {"@odata.type": odata_type}
        space, version = namespace(doc), type_version(doc)
        type_name = odata_type.rsplit(".", 1)[-1]
        if f"{space}.json" in folder.names:
            files.add(f"{space}.json")
        chosen = folder.versioned_file(space, version)
        if chosen:
            todo.append((chosen, f"/definitions/{type_name}"))
    seen: set[tuple[str, str]] = set()
    while todo:
        name, pointer = todo.pop()
        doc = folder.doc(name)
        if (name, pointer) in seen or doc is None:
            continue
        seen.add((name, pointer))
        files.add(name)
        for ref in _refs(_walk(doc, pointer)):
            target, _, fragment = ref.partition("#")
            target = target.rsplit("/", 1)[-1] if target else name
            if target not in folder.names:
                continue
            stem = target[:-5]
            if target != name and fragment == f"/definitions/{stem}" and "." not in stem:
                files.add(target)  # a link to another resource: its file, not its versions
                continue
            todo.append((target, fragment))
    return files


def schema_resources(folder: SchemaFolder, files: set[str]) -> dict[str, dict]:
    """The JsonSchemas collection, its JsonSchemaFile members and the files, by URI."""
    resources: dict[str, dict] = {}
    members = []
    for name in sorted(files):
        stem = name[:-5]
        space = stem.split(".", 1)[0]
        member_uri = f"{COLLECTION}/{stem}"
        members.append({"@odata.id": member_uri})
        resources[member_uri] = {
            "@odata.id": member_uri,
            "@odata.type": "#JsonSchemaFile.v1_1_4.JsonSchemaFile",
            "Id": stem,
            "Name": f"{stem} Schema File",
            "Description": f"DMTF schema file {name}",
            "Schema": f"#{stem}.{space}",
            "Languages": ["en"],
            "Location": [
                {
                    "Language": "en",
                    "Uri": f"{SCHEMA_FILES}/{name}",
                    "PublicationUri": f"{DMTF_PREFIX}{name}",
                }
            ],
        }
        resources[f"{SCHEMA_FILES}/{name}"] = folder.doc(name) or {}
    resources[COLLECTION] = {
        "@odata.id": COLLECTION,
        "@odata.type": "#JsonSchemaFileCollection.JsonSchemaFileCollection",
        "Name": "JSON Schema File Collection",
        "Description": "Schema files the simulator validates with (from --schemas)",
        "Members": members,
        "Members@odata.count": len(members),
    }
    return resources
