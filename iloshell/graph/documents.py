"""Schema and registry documents, cached on disk per service and URI.

They are large, many and unchanging between firmware updates, so fetching them once per
machine rather than once per session is what keeps a typical session down to a handful of
requests. Keyed by service and URI (two iLOs on different firmware serve different documents at
the same path); stored privately like everything else iloshell writes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from iloshell.storage import cache_dir, safe_name, write_private
from iloshell.text import json_text


class DocumentCache:
    def __init__(self, service: str, folder: Path | None = None) -> None:
        self.folder = (folder or cache_dir() / "documents") / safe_name(service)

    def _path(self, uri: str) -> Path:
        digest = hashlib.sha256(uri.casefold().encode()).hexdigest()[:32]
        return self.folder / f"{digest}.json"

    def get(self, uri: str) -> dict | None:
        try:
            data = json.loads(self._path(uri).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def put(self, uri: str, document: dict) -> None:
        # A read-only home must not stop the shell: the cache is only an optimisation.
        with contextlib.suppress(OSError):
            write_private(self._path(uri), json_text(document))

    def through(self, fetch: Callable[[str], dict | None]) -> Callable[[str], dict | None]:
        """``fetch`` with this cache in front of it."""

        def cached_fetch(uri: str) -> dict | None:
            document = self.get(uri)
            if document is None:
                document = fetch(uri)
                if document is not None:
                    self.put(uri, document)
            return document

        return cached_fetch
