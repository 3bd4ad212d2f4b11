"""Assemble the data a simulator serves: built-in data or a mockup, completed where it must be.

Two completions keep the wire behaviour the same for every data set, and each is reported in
``notes`` (printed after the first stdout line, and in docs/simulator.md):

* every error cites a Base message, so a data set without a Base registry gets the built-in
  one, served at ``/redfish/v1/Registries/Base.<version>.json`` with a MessageRegistryFile, a
  Registries collection and a root link as needed;
* with ``--schemas DIR`` and no JsonSchemas of its own, the data set gets the DMTF files its
  types need (see :mod:`iloshell.sim.schemafiles`), so clients can validate as the server does.

``--bare`` does the opposite, to reproduce services that describe nothing about themselves:
it serves no JsonSchemas, schema files, Registries or registry files (the simulator's own error
bodies still cite Base MessageIds, which a client must resolve from elsewhere).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from iloshell.redfish.paths import uri_key
from iloshell.sim.errors import MessageRegistry
from iloshell.sim.mockup import Mockup, load_mockup
from iloshell.sim.resources import namespace
from iloshell.sim.schemafiles import COLLECTION, SchemaFolder, needed_files, schema_resources

ROOT_KEY = "/redfish/v1"
REGISTRIES = "/redfish/v1/Registries"


@dataclass
class ServiceData:
    """Resources by canonical URI, the $metadata text if the data brings one, and notes."""

    resources: dict[str, dict]
    metadata_xml: str | None = None
    notes: list[str] = field(default_factory=list)
    schemas_dir: Path | None = None
    # The message registries the simulator's errors cite (None: those the data serves).
    registries: list[MessageRegistry] | None = None


def load_data(
    mockup: Path | None = None, schemas: Path | None = None, bare: bool = False
) -> ServiceData:
    """The built-in data (no ``mockup``) or a mockup folder, completed as the module says."""
    if mockup is not None:
        loaded = _load_mockup(Path(mockup).resolve())
        data = ServiceData(dict(loaded.resources), loaded.metadata_xml, list(loaded.notes))
    else:
        data = ServiceData(dict(_builtin()))
    if root_uri(data.resources) is None:
        raise ValueError("the data has no service root (/redfish/v1)")
    if not served_registries(data.resources, "Base"):
        _add_base_registry(data)
    if bare:
        _strip_descriptions(data)
    elif schemas is not None:
        data.schemas_dir = Path(schemas)
        if not _has_json_schemas(data.resources):
            _add_schema_files(data, Path(schemas))
    return data


_DESCRIBING = ("JsonSchemaFileCollection", "JsonSchemaFile", "MessageRegistryFileCollection")


def _strip_descriptions(data: ServiceData) -> None:
    """--bare: drop the JsonSchemas and Registries collections, their members and the
    documents those members locate, and the root's links to them."""
    data.registries = served_registries(data.resources)
    gone = set()
    for uri, doc in data.resources.items():
        kind = namespace(doc)
        if kind in (*_DESCRIBING, "MessageRegistryFile"):
            gone.add(uri_key(uri))
            for location in doc.get("Location") or ():
                target = location.get("Uri") if isinstance(location, dict) else None
                if isinstance(target, str):
                    gone.add(uri_key(target))
        elif "Messages" in doc or "RegistryEntries" in doc or "definitions" in doc:
            gone.add(uri_key(uri))  # a registry or schema document, listed or not
    data.resources = {u: d for u, d in data.resources.items() if uri_key(u) not in gone}
    root = root_uri(data.resources)
    data.resources[root] = {
        k: v for k, v in data.resources[root].items() if k not in ("JsonSchemas", "Registries")
    }
    data.notes.append(
        f"--bare: serving no schemas or registries ({len(gone)} resources and documents left out)"
    )


@lru_cache(maxsize=4)
def _load_mockup(folder: Path) -> Mockup:
    """Mockups are read once per process: documents are never modified in place (the store is
    copy-on-write), so simulators started one after another in a test run can share them."""
    return load_mockup(folder)


def _builtin() -> dict[str, dict]:
    from iloshell.sim.builtin import build_service

    return build_service()


def root_uri(resources: dict[str, dict]) -> str | None:
    return next((uri for uri in resources if uri_key(uri) == ROOT_KEY), None)


def served_registries(
    resources: dict[str, dict], prefix: str | None = None
) -> list[MessageRegistry]:
    """Every message registry document in the data (optionally only one prefix)."""
    found = []
    for doc in resources.values():
        registry = MessageRegistry.from_json(doc) if "Messages" in doc else None
        if registry is not None and (prefix is None or registry.prefix == prefix):
            found.append(registry)
    return found


def _set_root_link(data: ServiceData, name: str, uri: str) -> None:
    root = root_uri(data.resources)
    data.resources[root] = {**data.resources[root], name: {"@odata.id": uri}}


def _add_base_registry(data: ServiceData) -> None:
    builtin = _builtin()
    doc = next(d for d in builtin.values() if "Messages" in d and d.get("RegistryPrefix") == "Base")
    version = str(doc.get("RegistryVersion", "1.0.0"))
    file_uri = f"{REGISTRIES}/Base.{version}.json"
    member_uri = f"{REGISTRIES}/Base.{version}"
    data.resources[file_uri] = doc
    data.resources[member_uri] = {
        "@odata.id": member_uri,
        "@odata.type": "#MessageRegistryFile.v1_1_0.MessageRegistryFile",
        "Id": f"Base.{version}",
        "Name": "Base Message Registry File",
        "Description": "Base registry served by iloshell-sim for its error messages",
        "Languages": ["en"],
        "Registry": f"Base.{version}",
        "Location": [{"Language": "en", "Uri": file_uri}],
    }
    root = data.resources[root_uri(data.resources)]
    link = (
        root.get("Registries", {}).get("@odata.id")
        if isinstance(root.get("Registries"), dict)
        else None
    )
    collection_uri = next((u for u in data.resources if link and uri_key(u) == uri_key(link)), None)
    if collection_uri is None:
        collection_uri = REGISTRIES
        data.resources[collection_uri] = {
            "@odata.id": collection_uri,
            "@odata.type": "#MessageRegistryFileCollection.MessageRegistryFileCollection",
            "Name": "Message Registry File Collection",
            "Members": [],
            "Members@odata.count": 0,
        }
        _set_root_link(data, "Registries", collection_uri)
    collection = data.resources[collection_uri]
    members = [*collection.get("Members", []), {"@odata.id": member_uri}]
    data.resources[collection_uri] = {
        **collection,
        "Members": members,
        "Members@odata.count": len(members),
    }
    data.notes.append(
        f"the data serves no Base registry: serving the built-in Base {version} at {file_uri}"
    )


def _has_json_schemas(resources: dict[str, dict]) -> bool:
    return any(namespace(doc) == "JsonSchemaFileCollection" for doc in resources.values())


def _add_schema_files(data: ServiceData, folder: Path) -> None:
    schemas = SchemaFolder(folder)
    types = {
        str(doc["@odata.type"])
        for doc in data.resources.values()
        if "@odata.id" in doc and isinstance(doc.get("@odata.type"), str)
    }
    files = needed_files(schemas, types)
    if not files:
        data.notes.append(f"--schemas {folder}: no schema file there matches the served types")
        return
    data.resources.update(schema_resources(schemas, files))
    _set_root_link(data, "JsonSchemas", COLLECTION)
    data.notes.append(f"serving {len(files)} schema files from {folder} under {COLLECTION}")
