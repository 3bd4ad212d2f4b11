"""Load a DMTF mockup folder into the same URI -> document shape the built-in data has.

Both layouts are accepted: the short form (the folder *is* ``/redfish/v1``) and the tall form
(``redfish/v1/`` inside the folder). Real captures have quirks the loader copes with instead of
"fixing": documents without ``@odata.id`` (registry and schema files under RegistryStore and
SchemaStore, stored error bodies) are served at their folder path; an ``@odata.id`` that does not
name its own folder (iLO's SchemaStore files say just ``"ComputerSystem"``) is ignored in favour
of the folder path; plain files (iLO's ``systems`` "symlink", ``error.txt``) are skipped, except
``*.json`` files holding a Redfish document (DMTF's ``Registries/Base.1.5.0.json``), which are
served at their own path.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from iloshell.redfish.paths import uri_key

ROOT = "/redfish/v1"


class MockupError(Exception):
    """The folder is not a usable mockup."""


@dataclass
class Mockup:
    """A loaded mockup: resources by canonical URI, the stored $metadata, and loader notes."""

    resources: dict[str, dict]
    metadata_xml: str | None = None
    notes: list[str] = field(default_factory=list)


def mockup_root(folder: Path) -> Path:
    """The folder that corresponds to /redfish/v1 (short or tall form), its service root
    checked: without one nothing can be served, and the simulator should say so at start."""
    folder = Path(folder)
    try:
        if folder.exists() and not folder.is_dir():
            raise MockupError(
                f"mockup {folder} is a file, not a folder (give the folder that holds index.json)"
            )
        if not folder.is_dir():
            raise MockupError(f"mockup folder {folder} does not exist")
        for candidate in (folder, folder / "redfish" / "v1"):
            if (candidate / "index.json").is_file():
                check_service_root(candidate / "index.json")
                return candidate
    except OSError as err:  # a folder we may not look into
        raise MockupError(f"cannot read mockup folder {folder}: {err.strerror or err}") from None
    raise MockupError(f"{folder} has no index.json (nor redfish/v1/index.json): not a mockup")


def check_service_root(path: Path) -> None:
    """The root index.json must be a JSON object (other broken files are skipped with a note)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as err:
        raise MockupError(f"cannot read {path}: {err.strerror or err}") from None
    except UnicodeDecodeError:
        raise MockupError(f"{path} is not UTF-8 text: not a mockup's service root") from None
    except json.JSONDecodeError as err:
        raise MockupError(
            f"{path} is not valid JSON ({err.msg}, line {err.lineno} column {err.colno}): "
            "not a mockup's service root"
        ) from None
    if not isinstance(doc, dict):
        raise MockupError(f"{path} holds no JSON object: not a mockup's service root")


def load_mockup(folder: Path) -> Mockup:
    """Read every index.json below the mockup root; see the module docstring for the rules."""
    root = mockup_root(folder)
    mockup = Mockup(resources={})
    seen: dict[str, str] = {}
    skipped = 0
    for directory, subdirs, files in os.walk(root):
        subdirs.sort()
        here = Path(directory)
        relative = here.relative_to(root).as_posix()
        folder_uri = ROOT if relative == "." else f"{ROOT}/{relative}"
        for name in sorted(files):
            path = here / name
            if name == "index.json":
                doc = _read_json(path)
                if doc is None:
                    skipped += 1
                    continue
                _add(mockup, seen, _canonical(folder_uri, doc), doc)
            elif name == "index.xml" and uri_key(folder_uri) == uri_key(f"{ROOT}/$metadata"):
                mockup.metadata_xml = path.read_text(encoding="utf-8", errors="replace")
            elif name.endswith(".json") and name != "index.json" and (here / name).is_file():
                doc = _read_json(path)
                if doc is not None and "@odata.type" in doc:
                    _add(mockup, seen, f"{folder_uri}/{name}", doc)
    if skipped:
        mockup.notes.append(f"skipped {skipped} index.json files that are not JSON objects")
    return mockup


def _read_json(path: Path) -> dict | None:
    try:
        doc = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return None
    return doc if isinstance(doc, dict) else None


def _canonical(folder_uri: str, doc: dict) -> str:
    """The resource's own @odata.id spelling when it names this folder, else the folder path."""
    odata_id = doc.get("@odata.id")
    if isinstance(odata_id, str) and odata_id.startswith("/"):
        odata_id = odata_id.split("#", 1)[0]
        if uri_key(odata_id) == uri_key(folder_uri):
            return odata_id
    return folder_uri


def _add(mockup: Mockup, seen: dict[str, str], uri: str, doc: dict) -> None:
    key = uri_key(uri)
    if key in seen:
        mockup.notes.append(
            f"{uri} duplicates {seen[key]} (same URI ignoring case); kept the first"
        )
        return
    seen[key] = uri
    mockup.resources[uri] = doc
