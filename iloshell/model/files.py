"""Schema documents from a folder of DMTF-published files (``ComputerSystem.v1_10_0.json``).

The simulator and the tests keep DMTF schema files on disk; a tool may ship a copy too. Absolute
DMTF URLs are mapped to files by name, case-insensitively, so nothing is ever downloaded.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

from iloshell.model.schemas import DMTF_SCHEMA_BASE, SchemaSource, parse_odata_type


class FileSchemaSource(SchemaSource):
    """A :class:`~iloshell.model.schemas.SchemaSource` over one folder of schema files."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self._index: dict[str, Path] | None = None

    def _files(self) -> dict[str, Path]:
        if self._index is None:
            try:
                entries = [p for p in self.folder.iterdir() if p.is_file()]
            except OSError:
                entries = []
            self._index = {p.name.casefold(): p for p in sorted(entries)}
        return self._index

    def schema_uri(self, odata_type: str) -> str | None:
        name = parse_odata_type(odata_type)
        if name is None:
            return None
        files = self._files()
        candidates = [f"{name.namespace}.{name.version}.json"] if name.version else []
        candidates.append(f"{name.namespace}.json")
        for candidate in candidates:
            if candidate.casefold() in files:
                return f"{DMTF_SCHEMA_BASE}{candidate}#/definitions/{name.type_name}"
        return None

    def load(self, uri: str) -> dict | None:
        path = urlsplit(uri.split("#", 1)[0]).path
        file_name = unquote(path.rstrip("/").rsplit("/", 1)[-1])
        if not file_name:
            return None
        found = self._files().get(file_name.casefold())
        if found is None and not file_name.lower().endswith(".json"):
            found = self._files().get(f"{file_name}.json".casefold())
        if found is None:
            return None
        try:
            doc = json.loads(found.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return doc if isinstance(doc, dict) else None
