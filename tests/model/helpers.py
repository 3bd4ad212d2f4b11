"""Test helpers: read the shared mockups the way a client reads a live service."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlsplit


class MockupFetcher:
    """GET for a DMTF short-form mockup folder (the folder *is* /redfish/v1).

    URIs are matched case-insensitively segment by segment (directories before plain files,
    because the HPE mockup has files named like its folders), ``<dir>/index.json`` or a plain
    JSON file answers, anything else is a 404 (None). Every request is counted.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.requests: list[str] = []

    def path_for(self, uri: str) -> Path | None:
        path = unquote(urlsplit(uri.split("#", 1)[0]).path).rstrip("/")
        prefix = "/redfish/v1"
        if not path.lower().startswith(prefix):
            return None
        here = self.folder
        for part in [p for p in path[len(prefix) :].split("/") if p]:
            entries = list(here.iterdir()) if here.is_dir() else []
            match = [e for e in entries if e.name == part and e.is_dir()]
            match += [e for e in entries if e.name.lower() == part.lower() and e.is_dir()]
            match += [e for e in entries if e.name.lower() == part.lower() and e.is_file()]
            if not match:
                return None
            here = match[0]
        if here.is_dir():
            here = here / "index.json"
        return here if here.is_file() else None

    def __call__(self, uri: str) -> dict | None:
        self.requests.append(uri)
        path = self.path_for(uri)
        if path is None:
            return None
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            return None
        return doc if isinstance(doc, dict) else None


class DictSource:
    """A SchemaSource over documents held in a dict, for broken and cyclic test schemas."""

    def __init__(self, docs: dict[str, dict], types: dict[str, str] | None = None) -> None:
        self.docs = docs
        self.types = types or {}
        self.loads: list[str] = []

    def schema_uri(self, odata_type: str) -> str | None:
        return self.types.get(odata_type)

    def load(self, uri: str) -> dict | None:
        self.loads.append(uri)
        name = uri.split("#", 1)[0].rsplit("/", 1)[-1]
        return self.docs.get(uri.split("#", 1)[0]) or self.docs.get(name)


class FakeService:
    """GET over a dict of URI -> document (keys compared like iLO: case and slash blind).

    ``errors`` maps URIs to exceptions to raise instead. Every request is recorded.
    """

    def __init__(self, docs: dict[str, dict], errors: dict[str, Exception] | None = None) -> None:
        self.docs = {self.key(k): v for k, v in docs.items()}
        self.errors = {self.key(k): v for k, v in (errors or {}).items()}
        self.requests: list[str] = []

    @staticmethod
    def key(uri: str) -> str:
        return unquote(urlsplit(uri).path).rstrip("/").casefold()

    def __call__(self, uri: str) -> dict | None:
        self.requests.append(uri)
        if self.key(uri) in self.errors:
            raise self.errors[self.key(uri)]
        return self.docs.get(self.key(uri))
